"""`phraselint rewrite` reads every input format `check` reads, through the same readers, and
prints each input's polite version in its own format with only the checked wording changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from phraselint import Level, Linter
from phraselint.cli.app import cli
from phraselint.inputs.readers import read
from phraselint.rewrite import polite_input, polite_version
from phraselint.run.changes import Edit

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def linter():
    return Linter()


def rewrite(*args, input=None):
    return CliRunner().invoke(cli, ["rewrite", *map(str, args)], input=input, catch_exceptions=False)


def warnings_left(linter, path) -> list:
    """What `check` still finds at warning level or above in a rewritten file (read by its reader),
    but required wording (a transcript's missing apology): no rewrite of a phrase can add it."""
    extracted = read(str(path))
    return [f for f in linter.check(extracted.text, dialogue=extracted.dialogue)
            if f.level >= Level.WARNING and linter.rule(f.rule).type != "require"]


def test_a_transcript_changes_only_staff_turns(tmp_path):
    path = tmp_path / "call.txt"
    path.write_text("坐席：你等一下\n业主：我不知道啊，你等一下\n坐席：这个我不知道\n", encoding="utf-8")
    assert rewrite(path).output == "坐席：请稍等\n业主：我不知道啊，你等一下\n坐席：不好意思，这方面我不太清楚，我帮您查询后回复您。\n"


def test_a_chat_log_stays_a_chat_log(tmp_path, linter):
    path = tmp_path / "chat.json"
    turns = [{"role": "客服", "text": "你等一下，\"马上\"好", "ts": 1}, {"role": "客户", "text": "我不知道"},
             {"role": "客服", "text": "这个我不知道"}]
    path.write_text(json.dumps(turns, ensure_ascii=False), encoding="utf-8")
    result = rewrite(path)
    assert result.exit_code == 0
    polite = json.loads(result.output)
    assert [t["role"] for t in polite] == ["客服", "客户", "客服"] and polite[0]["ts"] == 1
    assert polite[0]["text"] == "请稍等，\"马上\"好"  # the escaped quotes kept, the rewrite in place
    assert polite[1]["text"] == "我不知道"  # the customer's words are never rewritten
    assert polite[2]["text"] == "不好意思，这方面我不太清楚，我帮您查询后回复您。"
    (tmp_path / "again.json").write_text(result.output, encoding="utf-8")
    assert warnings_left(linter, tmp_path / "again.json") == []


def test_markdown_keeps_its_code_markup_and_placeholders(tmp_path):
    path = tmp_path / "notice.md"
    path.write_text("# 通知\n\n尊敬的{{业主姓名}}，你等一下。`你等一下` 是要避免的说法。\n\n```\n你等一下\n```\n", encoding="utf-8")
    assert rewrite(path).output == (
        "# 通知\n\n尊敬的{{业主姓名}}，请稍等。`你等一下` 是要避免的说法。\n\n```\n你等一下\n```\n")


def test_html_keeps_its_markup_and_a_tag_does_not_end_a_clause(tmp_path, linter):
    path = tmp_path / "reply.html"
    path.write_text("<p>你等一下，<b>这个</b>我不知道</p>\n", encoding="utf-8")
    result = rewrite(path)
    assert result.output == "<p>请稍等，<b>不好意思，这方面我不太清楚，我帮您查询后回复您。</b></p>\n"  # not 这个不好意思…
    (tmp_path / "again.html").write_text(result.output, encoding="utf-8")
    assert warnings_left(linter, tmp_path / "again.html") == []


def test_a_template_keeps_its_placeholders(tmp_path):
    path = tmp_path / "notice.j2"
    path.write_text("尊敬的{{ 业主姓名 }}：{% if late %}你等一下{% endif %}\n", encoding="utf-8")
    assert rewrite(path).output == "尊敬的{{ 业主姓名 }}：{% if late %}请稍等{% endif %}\n"


def test_a_docx_file_is_printed_as_its_text(linter):
    result = rewrite(DATA / "script.docx")
    assert result.exit_code == 0
    paragraphs = result.output.split("\n")
    assert paragraphs[0] == "前台接待话术（第三版）"
    assert "我不知道" not in paragraphs[7]  # the table's bad wording, rewritten in its paragraph
    assert [f for f in linter.check(result.output) if f.level >= Level.WARNING] == []


def test_folders_and_the_reader_options_are_check_s(tmp_path):
    (tmp_path / "a.txt").write_text("你等一下\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("这个我不知道\n", encoding="utf-8")
    (tmp_path / "c.log").write_text("speaker=客服 words=你等一下\n", encoding="utf-8")
    result = rewrite(tmp_path)
    assert result.output == f"==> {tmp_path / 'a.txt'} <==\n请稍等\n==> {tmp_path / 'b.md'} <==\n" \
                            "不好意思，这方面我不太清楚，我帮您查询后回复您。\n"
    chat = tmp_path / "log.txt"
    chat.write_text('{"who": "客服", "said": "你等一下"}\n{"who": "业主", "said": "你等一下"}\n', encoding="utf-8")
    result = rewrite("--input-format", "json", "--role-field", "who", "--text-field", "said", chat)
    assert result.output == '{"who": "客服", "said": "请稍等"}\n{"who": "业主", "said": "你等一下"}\n'


def test_no_input_and_an_unreadable_input_are_said(tmp_path):
    (tmp_path / "empty").mkdir()
    result = rewrite(tmp_path / "empty")
    assert result.exit_code == 2 and "phraselint:" in result.stderr
    result = rewrite(tmp_path / "missing.txt", DATA / "reply-big5.txt")
    assert result.exit_code == 2 and "missing.txt" in result.stderr and "Traceback" not in result.output
    assert "==> " in result.output  # the readable one is still printed


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["你等一下", "这个我不知道", "，", "。", "\n", "好的", "你去问工程部吧", "不关我的事", "您好"]),
                max_size=8))
def test_the_edits_are_the_polite_version(linter, parts):
    """Polite.edits, applied to the text, give exactly the polite version (how a reader writes it back)."""
    text = "".join(parts)
    polite = polite_version(linter, text)
    rebuilt, position = [], 0
    for edit in polite.edits:
        assert isinstance(edit, Edit) and position <= edit.start <= edit.end <= len(text)
        rebuilt += [text[position:edit.start], edit.text]
        position = edit.end
    assert "".join(rebuilt) + text[position:] == polite.text
    assert "".join(p.text for p in polite.pieces) == polite.text


def _docx(paragraphs: list[str]) -> bytes:
    """A minimal .docx holding these paragraphs (the fixture's other parts kept)."""
    import io
    import zipfile
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = io.BytesIO()
    with zipfile.ZipFile(DATA / "script.docx") as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'.encode()
            zout.writestr(item, data)
    return out.getvalue()


# (file name, its content): the same wording twice, suppressed the first time only
SUPPRESSED = {
    "reply.txt": "# phraselint-disable-next-line\n你等一下，这个我不知道。\n你等一下。\n",
    "line.txt": "你等一下，这个我不知道。 phraselint-disable-line\n你等一下。\n",
    "region.txt": "phraselint-disable telephone\n你等一下。\nphraselint-enable telephone\n你等一下。\n",
    "notice.md": "# 通知\n\n<!-- phraselint-disable-next-line -->\n你等一下，这个我不知道。\n\n你等一下。\n",
    "reply.html": "<!-- phraselint-disable telephone.hold-on --><p>你等一下。</p><!-- phraselint-enable -->\n<p>你等一下。</p>\n",
    "notice.j2": "{# phraselint-disable-next-line #}\n尊敬的{{ 业主姓名 }}：你等一下。\n尊敬的{{ 业主姓名 }}：你等一下。\n",
    "script.docx": _docx(["phraselint-disable-next-line", "你等一下。", "你等一下。"]),
}


@pytest.mark.parametrize("name", list(SUPPRESSED))
def test_a_suppressed_finding_is_not_rewritten(tmp_path, name):
    """What check does not report (a suppression directive), rewrite leaves byte for byte, in
    every format it reads; the same wording where nothing suppresses it is rewritten."""
    content = SUPPRESSED[name]
    path = tmp_path / name
    path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content, encoding="utf-8")
    report = json.loads(CliRunner().invoke(cli, ["check", "--format", "json", str(path)]).stdout)
    reported = [f for f in report["files"][0]["findings"] if f["rule"] == "telephone.hold-on"]
    assert len(reported) == 1  # the unsuppressed one only
    output = rewrite(path).output
    wording = "你等一下，这个我不知道" if "这个我不知道" in (content if isinstance(content, str) else "") else "你等一下"
    assert output.count(wording) == 1  # the suppressed wording, kept as it was
    assert "请稍等" in output  # the other, rewritten
    if not isinstance(content, bytes):
        suppressed_line = next(line for line in content.split("\n") if wording in line)
        assert suppressed_line in output.split("\n")  # byte for byte, with its directive


def test_a_chat_log_s_per_file_disable_is_kept_by_rewrite(tmp_path):
    """A chat log holds no comments: what per_file_disable in the configuration suppresses
    there is kept as it is, and the rest rewritten."""
    (tmp_path / ".phraselint.yaml").write_text('per_file_disable: {"chat.json": [telephone.hold-on]}\n', encoding="utf-8")
    path = tmp_path / "chat.json"
    path.write_text(json.dumps([{"role": "客服", "text": "你等一下"}, {"role": "客服", "text": "这个我不知道"}],
                               ensure_ascii=False), encoding="utf-8")
    config = ["--config", str(tmp_path / ".phraselint.yaml")]
    report = json.loads(CliRunner().invoke(cli, ["check", "--format", "json", *config, str(path)]).stdout)
    assert [f["rule"] for f in report["files"][0]["findings"]] == ["inquiry.dont-know"]
    polite = json.loads(rewrite(*config, path).output)
    assert [t["text"] for t in polite] == ["你等一下", "不好意思，这方面我不太清楚，我帮您查询后回复您。"]


def test_the_library_s_rewrite_keeps_suppressed_wording_too(linter):
    text = "你等一下。 phraselint-disable-line\n# phraselint-disable-next-line\n这个我不知道。\n你等一下。\n"
    assert linter.rewrite(text) == "你等一下。 phraselint-disable-line\n# phraselint-disable-next-line\n这个我不知道。\n请稍等。\n"
