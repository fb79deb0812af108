"""The command line, through click's runner and through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from phraselint.cli.app import cli

from .conftest import MINIMAL_RULE, pack_text

DATA = Path(__file__).parent / "data"


def run(args, input=None, cwd=None):
    runner = CliRunner()
    if cwd:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        return runner.invoke(cli, args, input=input, catch_exceptions=False)
    finally:
        if cwd:
            os.chdir(old)


def run_process(args, input: str | None = None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "phraselint", *args], input=input, capture_output=True, text=True,
        encoding="utf-8", cwd=cwd, env={**os.environ, "NO_COLOR": "1"},
    )


def test_json_output_follows_the_contract():
    result = run(["check", "--format", "json", "-"], input="这个我不知道,你去问别人吧")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["version"] == 1
    [file] = doc["files"]
    assert file["path"] == "-" and file["script"] == "simplified"
    [finding] = [f for f in file["findings"] if f["rule"] == "inquiry.dont-know"]
    assert set(finding) == {"rule", "level", "category", "message", "match", "offset", "end_offset",
                            "line", "column", "end_line", "end_column", "suggestions"}
    assert (finding["offset"], finding["end_offset"], finding["match"]) == (3, 6, "不知道")
    assert finding["suggestions"]
    # 你去问别人 is shifting (its 你 gives way to that longer finding, so no 您 suggestion)
    assert doc["summary"] == {"files": 1, "findings": 2, "error": 2, "warning": 0, "suggestion": 0}
    assert [f["rule"] for f in file["findings"]] == ["inquiry.dont-know", "responsibility.elsewhere"]


def test_text_output_marks_the_span_and_suggests():
    result = run(["check", "-"], input="這個我不知道")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("-:1:4: 錯誤 inquiry.dont-know ")  # the interface in the reader's script
    assert lines[1].endswith("| 這個我不知道")
    assert lines[2].endswith("|       ^^^^^^")
    assert lines[3].strip().startswith("→ 不好意思，這方面")
    assert lines[-1] == "共 1 個檔案，其中 1 個發現 1 處問題（1 個錯誤）。"


def test_clean_text_exits_zero():
    result = run(["check", "-"], input="我等一下午了")
    assert result.exit_code == 0
    assert result.output.strip() == "共 1 个文件，未发现问题。"


def test_fail_level_and_level():
    assert run(["check", "--fail-level", "error", "-"], input="你等一下").exit_code == 0
    shown = run(["check", "--level", "error", "--format", "json", "-"], input="你等一下")
    assert json.loads(shown.output)["summary"]["findings"] == 0


def test_folders_are_walked_with_include_and_exclude(tmp_path):
    (tmp_path / "a.txt").write_text("我不知道", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("你等一下", encoding="utf-8")
    (tmp_path / "sub" / "c.py").write_text("我不知道", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text("我不知道", encoding="utf-8")
    result = run(["check", "--format", "json", "--exclude", "drafts", str(tmp_path)])
    paths = [Path(f["path"]).relative_to(tmp_path).as_posix() for f in json.loads(result.output)["files"]]
    assert paths == ["a.txt", "sub/b.md"]
    only_md = run(["check", "--format", "json", "--include", "*.md", str(tmp_path)])
    assert [Path(f["path"]).name for f in json.loads(only_md.output)["files"]] == ["b.md"]


def test_unreadable_input_is_named_and_exits_2_after_checking_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("我不知道", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x80\x81garbage\x00\x01")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    result = run_process(["check", "--lang", "en", "--format", "json", str(good), str(binary), str(latin), str(missing)])
    assert result.returncode == 2
    assert f"{binary}: looks binary" in result.stderr
    assert f"{latin}: not UTF-8, GB18030/GBK or Big5 (give --encoding); skipped" in result.stderr
    assert f"{missing}: cannot read" in result.stderr
    assert json.loads(result.stdout)["summary"]["findings"] == 1
    assert "Traceback" not in result.stderr


def test_broken_pack_exits_2_with_file_and_line(tmp_path):
    pack = tmp_path / "broken.yaml"
    pack.write_text(pack_text(MINIMAL_RULE.replace("level: warning", "level: loud")), encoding="utf-8")
    result = run_process(["check", "--packs", str(pack), "-"], input="你好")
    assert result.returncode == 2
    assert f"{pack}:7：规则 demo.rude：字段“level”：未知级别 'loud'" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_process(["check", "--lang", "en", "--packs", str(pack), "-"], input="你好")
    assert result.returncode == 2
    assert f"{pack}:7: rule demo.rude: field 'level': unknown level 'loud'" in result.stderr


def test_config_is_found_upwards_and_applied(tmp_path):
    (tmp_path / ".phraselint.yaml").write_text("disable: [inquiry.dont-know]\nfail_level: error\n", encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    result = run(["check", "--format", "json", "-"], input="我不知道，你等一下", cwd=sub)
    doc = json.loads(result.output)
    assert [f["rule"] for f in doc["files"][0]["findings"]] == ["telephone.hold-on"]
    assert result.exit_code == 0  # a warning, below the configured fail level


def test_pyproject_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.phraselint]\nrules = { "telephone.hold-on" = "error" }\n', encoding="utf-8")
    result = run(["check", "--format", "json", "-"], input="你等一下", cwd=tmp_path)
    assert json.loads(result.output)["files"][0]["findings"][0]["level"] == "error"


def test_bad_config_exits_2_with_file_and_line(tmp_path):
    (tmp_path / ".phraselint.yaml").write_text("packs: [inquiry]\nfail_levle: error\n", encoding="utf-8")
    result = run_process(["check", "--lang", "en", "-"], input="你好", cwd=tmp_path)
    assert result.returncode == 2
    assert ".phraselint.yaml:2: 'fail_levle': unknown setting" in result.stderr


def test_unknown_rule_in_disable_is_a_usage_error():
    result = run_process(["check", "--disable", "nosuch.rule", "-"], input="你好")
    assert result.returncode == 2 and "nosuch.rule" in result.stderr


def test_no_paths_with_piped_input_reads_standard_input():
    result = run_process(["check", "--format", "json"], input="我不知道")
    assert result.returncode == 1
    assert json.loads(result.stdout)["files"][0]["path"] == "-"


def test_github_annotations():
    result = run(["check", "--format", "github", "-"], input="我不知道")
    assert result.output.startswith("::error file=-,line=1,col=2,endLine=1,endColumn=5,title=inquiry.dont-know::")


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    result = run(["check", "--format", "sarif", "-"], input="我不知道，你等一下")
    doc = json.loads(result.output)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    results = doc["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["inquiry.dont-know", "telephone.hold-on"]
    assert results[1]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "请稍等"


def test_rules_explain_and_tokens():
    listing = run(["rules", "--category", "telephone"])
    assert "telephone.hold-on" in listing.output and "inquiry.dont-know" not in listing.output
    explained = run(["explain", "telephone.hold-on"])
    assert "建议改说：" in explained.output and "请稍等" in explained.output
    assert "Say instead:" in run(["explain", "--lang", "en", "telephone.hold-on"]).output
    assert run(["explain", "nosuch"]).exit_code == 2
    debug = run(["tokens", "--lang", "en", "他搞不清楚。你等一下"])
    assert "他 / 搞不清楚 / 。" in debug.output
    assert "「不清楚」 inquiry.dont-know (phrase 不清楚$): starts or ends inside a word" in debug.output
    assert "「你等一下」 telephone.hold-on" in debug.output and ": hit" in debug.output


def test_test_rules_passes_for_built_in_packs():
    result = run(["test-rules"])
    assert result.exit_code == 0, result.output
    assert "，0 个失败" in result.output  # Chinese unless --lang en


def test_test_rules_reports_a_failing_example(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text(pack_text(MINIMAL_RULE.replace("good: [请您稍候]", "good: [你走开]")), encoding="utf-8")
    result = run(["test-rules", "--lang", "en", str(pack)])
    assert result.exit_code == 1
    assert "FAIL demo.rude: as written example 「你走开」: expected no finding" in result.output


def test_console_script_runs_as_a_module():
    result = run_process(["--version"])
    assert result.returncode == 0 and "phraselint" in result.stdout


def test_eval_reports_and_enforces_thresholds(tmp_path):
    corpus = tmp_path / "c.jsonl"
    items = [
        {"id": "a", "kind": "reply", "script": "simplified", "text": "这个我不知道", "difficulty": "easy",
         "expected": [{"start": 3, "end": 6, "surface": "不知道", "canonical": "不知道", "rule": "inquiry.dont-know"}]},
        {"id": "b", "kind": "reply", "script": "simplified", "text": "你等一下", "expected": [], "trap": "none"},
        {"id": "c", "kind": "reply", "script": "simplified", "text": "没事", "difficulty": "hard",
         "expected": [{"start": 0, "end": 2, "surface": "没事", "canonical": "没事", "rule": "inquiry.dont-know"}]},
    ]
    corpus.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    result = run(["eval", "--lang", "en", str(corpus)])
    assert result.exit_code == 0
    assert "overall  precision 0.500  recall 0.500" in result.output
    assert "difficulty" in result.output and "near-miss items with a false alarm: 1 of 1" in result.output
    assert "b  telephone.hold-on「你等一下」" in result.output and "c  inquiry.dont-know「没事」" in result.output
    doc = json.loads(run(["eval", "--format", "json", str(corpus)]).output)
    assert next(iter(doc["sets"].values()))["rules"]["inquiry.dont-know"]["recall"] == 0.5
    assert run(["eval", "--min-recall", "0.9", str(corpus)]).exit_code == 1


def test_eval_rejects_a_mislabelled_corpus(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "text": "abc", "expected": [{"start": 0, "end": 2, "surface": "zz"}]}) + "\n", encoding="utf-8")
    result = run_process(["eval", "--lang", "en", str(corpus)])
    assert result.returncode == 2 and "c.jsonl:1: item x" in result.stderr


def test_rules_reference_is_up_to_date():
    checked_in = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    assert run(["rules", "--format", "markdown"]).output == checked_in, "regenerate: phraselint rules --format markdown > docs/rules.md"


def test_no_input_matched_is_an_error_that_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_process(["check", "--lang", "en", str(tmp_path / "empty")])
    assert result.returncode == 2 and "no input to check" in result.stderr
    (tmp_path / "a.txt").write_text("你等一下", encoding="utf-8")
    result = run_process(["check", "--lang", "en", "--include", "*.md", str(tmp_path)])
    assert result.returncode == 2 and "no input to check" in result.stderr


def test_bare_phraselint_with_piped_text_checks_it():
    result = run_process([], input="你等一下")
    assert result.returncode == 1 and "telephone.hold-on" in result.stdout
