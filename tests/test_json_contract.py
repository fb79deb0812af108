"""The JSON report's contract (README, docs/json-report.schema.json): every document the
command writes validates against the schema, each file says the script and the reader it was
read as (`variant`), and with --polite (or `polite: true`) carries its polite version, in the
single process and in worker processes alike. SARIF says the same reader per file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from phraselint.cli.app import cli
from phraselint.config import load_config
from phraselint.errors import ConfigError
from phraselint.inputs import streaming

ROOT = Path(__file__).parent.parent
SCHEMA = json.loads((ROOT / "docs" / "json-report.schema.json").read_text(encoding="utf-8"))
SARIF = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def check(*args, input=None):
    result = CliRunner().invoke(cli, ["check", "--format", "json", *map(str, args)], input=input, catch_exceptions=False)
    document = json.loads(result.stdout)
    jsonschema.validate(document, SCHEMA)
    return result, document


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("text, script, variant", [
    ("你等一下", "simplified", "cn"), ("這個我不知道", "traditional", "tw"), ("呢個我唔知道啊", "traditional", "hk"),
    ("好的", "simplified", "cn"),
])
def test_each_file_says_the_reader_it_was_read_as(text, script, variant):
    _, document = check("-", input=text)
    [file] = document["files"]
    assert (file["script"], file["variant"]) == (script, variant)
    assert set(file) == {"path", "script", "variant", "findings"}  # no polite version unless asked for


def test_variant_given_is_the_variant_reported():
    _, document = check("--variant", "hk", "-", input="你等一下")
    assert document["files"][0]["variant"] == "hk"
    assert document["files"][0]["findings"][0]["suggestions"][0] == "請稍等"


def test_polite_carries_each_file_s_polite_version_in_its_format(tmp_path):
    (tmp_path / "a.txt").write_text("这个我不知道，你去问别人吧\n", encoding="utf-8")
    (tmp_path / "b.json").write_text('[{"role": "客服", "text": "你等一下"}, {"role": "业主", "text": "你等一下"}]', encoding="utf-8")
    (tmp_path / "c.txt").write_text("您好，请问有什么可以帮您？\n", encoding="utf-8")
    _, document = check("--polite", *(tmp_path / name for name in ("a.txt", "b.json", "c.txt")))
    polite = {Path(f["path"]).name: f["polite"] for f in document["files"]}
    assert polite == {"a.txt": "不好意思，这方面我不太清楚，我帮您查询后回复您。\n",
                      "b.json": '[{"role": "客服", "text": "请稍等"}, {"role": "业主", "text": "你等一下"}]',
                      "c.txt": "您好，请问有什么可以帮您？\n"}  # a clean file's polite version is itself


def test_polite_in_worker_processes_is_the_single_process_s(tmp_path):
    for n, text in enumerate(["你等一下", "這個我不知道，你去問別人吧", "好的"]):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")
    _, alone = check("--polite", "--jobs", "1", tmp_path)
    _, workers = check("--polite", "--jobs", "2", tmp_path)
    assert workers == alone
    assert [f["polite"] for f in alone["files"]] == ["请稍等", "不好意思，這方面我不太清楚，我幫您查詢後回覆您。", "好的"]


def test_polite_is_a_configuration_key(tmp_path, monkeypatch):
    (tmp_path / ".phraselint.yaml").write_text("polite: true\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, document = check("-", input="你等一下")
    assert document["files"][0]["polite"] == "请稍等"
    text = CliRunner().invoke(cli, ["check", "-"], input="你等一下")
    assert "请稍等" in text.output and "polite" not in text.output  # the formats that carry no polite version ignore it
    (tmp_path / ".phraselint.yaml").write_text("polite: yes please\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'polite': must be true or false"):
        load_config(tmp_path / ".phraselint.yaml")


def test_polite_with_fix_is_the_fixed_file_s(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下，这个我不知道\n", encoding="utf-8")
    _, document = check("--polite", "--fix", path)
    assert path.read_text(encoding="utf-8") == "请稍等，这个我不知道\n"
    assert document["files"][0]["polite"] == "请稍等，不好意思，这方面我不太清楚，我帮您查询后回复您。\n"


def test_a_file_checked_in_pieces_says_why_it_has_no_polite_version(tmp_path, monkeypatch):
    monkeypatch.setattr(streaming, "STREAM_THRESHOLD", 64)
    path = tmp_path / "big.txt"
    path.write_text("你等一下。\n" * 40, encoding="utf-8")
    result, document = check("--polite", path)
    assert "polite" not in document["files"][0] and "--polite" in result.stderr
    assert document["files"][0]["variant"] == "cn"


def test_an_unreadable_input_still_gives_a_valid_document(tmp_path):
    result, document = check("--polite", tmp_path / "missing.txt", "-", input="你等一下")
    assert result.exit_code == 2 and document["errors"][0]["path"].endswith("missing.txt")


def test_transcript_findings_validate():
    _, document = check("-", input="坐席：你等一下\n业主：好\n坐席：这个我不知道\n")
    assert {f["turn"] for f in document["files"][0]["findings"]} >= {1, 3}


def test_sarif_names_each_file_s_reader(tmp_path):
    (tmp_path / "a.txt").write_text("你等一下", encoding="utf-8")
    (tmp_path / "b.txt").write_text("呢個我唔知道啊", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "sarif", str(tmp_path)])
    document = json.loads(result.stdout)
    jsonschema.validate(document, SARIF)
    [run] = document["runs"]
    assert [(Path(a["location"]["uri"]).name, a["properties"]["variant"]) for a in run["artifacts"]] == [
        ("a.txt", "cn"), ("b.txt", "hk")]
    assert {r["properties"]["variant"] for r in run["results"]} == {"cn", "hk"}
