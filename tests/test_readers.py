"""Document readers (Markdown, HTML, .docx, templates, legacy encodings), through the library
and through the command line on the real files in tests/data."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phraselint.config import Config
from phraselint.errors import InputError
from phraselint.run.changes import apply_fixes
from phraselint.inputs.readers import read
from phraselint.inputs.readers.docx import extract_docx
from phraselint.inputs.readers.html import extract_html
from phraselint.inputs.readers.markdown import extract_markdown
from phraselint.inputs.readers.placeholders import SLOT
from phraselint.run.session import CheckSession

DATA = Path(__file__).parent / "data"
BOM = b"\xef\xbb\xbf"


def run_process(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "phraselint", *args], capture_output=True, text=True, encoding="utf-8",
        cwd=cwd, env={**os.environ, "NO_COLOR": "1"},
    )


def report(*args: str) -> dict:
    """`check --format json` through a real process: {path: findings}."""
    result = run_process("check", "--format", "json", *args)
    assert result.returncode in (0, 1), result.stderr
    return {f["path"]: f["findings"] for f in json.loads(result.stdout)["files"]}


def summary(findings) -> set[tuple]:
    return {(f["rule"], f["line"], f["column"], f["match"]) for f in findings}


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, counting '\n' as the line break."""
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@pytest.fixture(scope="module")
def session(linter) -> CheckSession:
    return CheckSession(linter, Config())


def findings_of(session: CheckSession, path: Path, **options):
    extracted = read(str(path), **options)
    return extracted, session.check_extracted(str(path), extracted)


def assert_same_shape(extracted) -> None:
    """A masking reader keeps the length and every line break of the original."""
    assert len(extracted.text) == len(extracted.original)
    assert extracted.origin is None
    for masked, original in zip(extracted.text, extracted.original):
        if original == "\n":
            assert masked == "\n"


def assert_points_into(source: str, findings) -> None:
    """Offsets, lines and columns of JSON findings point at the match in the original file."""
    for f in findings:
        assert source[f["offset"]:f["end_offset"]] == f["match"]
        assert line_column(source, f["offset"]) == (f["line"], f["column"])


# -- Markdown ---------------------------------------------------------------------------------


def test_markdown_handout_masks_what_is_not_prose():
    source = (DATA / "handout.md").read_text(encoding="utf-8")
    extracted = extract_markdown(source)
    assert_same_shape(extracted)
    lines = extracted.text.split("\n")
    original = source.split("\n")
    assert all(not line.strip() for line in lines[:4])  # front matter
    assert lines[5] == original[5]  # heading kept
    assert lines[11].startswith("请参考示例 [你等一下]") and "example.com" not in lines[11] and "不知道" not in lines[11]
    assert all(not line.strip() for line in lines[13:16])  # fenced code block
    assert "不知道" not in lines[17] and "你等一下" not in lines[17] and SLOT in lines[17]  # code spans are slots
    assert not lines[19].strip()  # indented code block
    assert not lines[21].strip()  # HTML comment
    assert "不知道" not in lines[27] and "[讲义]" in lines[27] and "tips" not in lines[27]  # autolink, reference label
    assert lines[29].startswith("![停水通知示意图]") and "不知道" not in lines[29]  # image target, alt kept
    assert not lines[31].strip()  # reference definition
    assert lines[25] == original[25]  # near miss kept as it is


def test_markdown_handout_findings(session):
    path = DATA / "handout.md"
    source = path.read_text(encoding="utf-8")
    extracted, findings = findings_of(session, path)
    assert extracted.original == source
    assert {(f.rule, f.line, f.column, f.match) for f in findings} == {
        ("telephone.hold-on", 12, 8, "你等一下"),  # the link text is checked
        ("inquiry.not-my-business", 24, 14, "这不关我们部门的事"),
    }
    for f in findings:
        assert source[f.offset:f.end_offset] == f.match
    cli = report(str(path))[str(path)]
    assert summary(cli) == {(f.rule, f.line, f.column, f.match) for f in findings}
    assert_points_into(source, cli)


@pytest.mark.parametrize("source, hidden", [
    ("+++\ntitle = '不知道'\n+++\n正文", "不知道"),
    ("---\r\ntags: [你等一下]\r\n---\r\n正文\r\n", "你等一下"),
    ("正文\n\n~~~\n不知道\n~~~\n", "不知道"),
    ("正文\n\n    不知道\n", "不知道"),
    ("> 引用\n> ```\n> 不知道\n> ```\n", "不知道"),
    ("提示 ``不知道 ` 吧`` 后", "不知道"),
    ("见 [链接](<https://example.com/不 知道> '不知道') 后", "不知道"),
    ("见 [链接](https://example.com/(不知道)) 后", "不知道"),
    ("见 [讲义][不知道]。\n\n[不知道]: https://example.com\n", "不知道"),
    ("见 [讲义]。\n\n[讲义]:\n  https://example.com/不知道\n  '不知道'\n", "不知道"),
    ("见 <https://example.com/不知道> 后", "不知道"),
    ("段落 <!-- 不知道\n不知道 --> 后", "不知道"),
    ("段落 <span title='不知道'>好</span>", "不知道"),
    ("<div>\n<!-- 不知道 -->\n<p title=\"不知道\">好</p>\n</div>\n", "不知道"),
])
def test_markdown_skips(source, hidden):
    extracted = extract_markdown(source)
    assert_same_shape(extracted)
    assert hidden not in extracted.text


@pytest.mark.parametrize("source, kept", [
    ("---\n不是 front matter\n\n你等一下", "不是 front matter"),  # no closing line: a heading, not front matter
    ("**你等一下**，*请稍候*", "**你等一下**，*请稍候*"),
    ("[不知道] 没有定义的引用", "[不知道] 没有定义的引用"),
    ("转义 \\`你等一下\\` 不是代码", "\\`你等一下\\`"),
    ("[你等一下](不是 链接 的 括号)", "(不是 链接 的 括号)"),
    ("| 场景 | 说法 |\n|---|---|\n| 来电 | 你等一下 |\n", "| 来电 | 你等一下 |"),
])
def test_markdown_keeps_prose(source, kept):
    extracted = extract_markdown(source)
    assert_same_shape(extracted)
    assert kept in extracted.text


def test_markdown_placeholders_and_phrases_after_them(linter):
    source = "# 通知\n\n尊敬的{{ 业主姓名 }}你等一下，`code`{{ 不知道 }}【不知道】\n"
    extracted = extract_markdown(source)
    assert_same_shape(extracted)
    findings = linter.check_text(extracted.text).findings
    assert [(f.rule, f.match) for f in findings] == [("telephone.hold-on", "你等一下")]
    assert findings[0].offset == source.index("你等一下")


# -- HTML -------------------------------------------------------------------------------------


def test_html_notice_masks_everything_but_text_nodes():
    source = (DATA / "notice.html").read_text(encoding="utf-8")
    extracted = extract_html(source)
    assert_same_shape(extracted)
    text = extracted.text
    for hidden in ("DOCTYPE", "charset", "content:", "var hint", "草稿", "title=", "data-note", "<p>", "&nbsp;"):
        assert hidden not in text
    assert "你等一下" not in text.split("\n")[7] and "不知道" not in text.split("\n")[11]  # <style>, <script>
    start = source.index("如有疑问请致电")
    assert text[start:start + 12] == source[start:start + 12]  # a text node stays where it was
    assert "切勿说“\u200b\u200b\u200b\u200b\u200b\u200b不知道”" in text  # &ldquo; reads as a quotation mark


def test_html_notice_findings(session):
    path = DATA / "notice.html"
    source = path.read_text(encoding="utf-8")
    _, findings = findings_of(session, path)
    line = source.split("\n")[18]
    assert [(f.rule, f.line, f.column, f.match) for f in findings] == [
        ("telephone.hold-on", 19, line.index("你等一下") + 1, "你等一下"),
    ]
    cli = report(str(path))[str(path)]
    assert summary(cli) == {(f.rule, f.line, f.column, f.match) for f in findings}
    assert_points_into(source, cli)


@pytest.mark.parametrize("source, hidden", [
    ("<p>好</p><script>var a = '不知道';</script>", "不知道"),
    ("<p>好</p><style>p::after { content: '不知道' }</style>", "不知道"),
    ("<p title='不知道' data-x=\"你等一下\">好</p>", "不知道"),
    ("<!DOCTYPE 不知道><p>好</p>", "不知道"),
    ("<?php echo '不知道' ?><p>好</p>", "不知道"),
    ("<p>命令 <code>不知道</code></p>", "不知道"),
    ("<p>好</p><!-- 不知道", "不知道"),  # an unterminated comment is not text
    ("<p>好 <a href='不知道", "不知道"),  # nor an unfinished tag
    ("<p>&#19981;&#x77e5;&#36947;</p>", "不知道"),  # references to letters are masked
])
def test_html_skips(source, hidden):
    extracted = extract_html(source)
    assert_same_shape(extracted)
    assert hidden not in extracted.text


def test_html_tags_separate_clauses_and_placeholders_are_slots(linter):
    source = "<p>尊敬的{{ 业主姓名 }}你等一下</p><p>{{ 不知道 }}<a href=\"{{ url }}\">查看</a>&nbsp;不知道您是否方便</p>"
    extracted = extract_html(source)
    assert_same_shape(extracted)
    findings = linter.check_text(extracted.text).findings
    assert [(f.rule, f.match, f.offset) for f in findings] == [("telephone.hold-on", "你等一下", source.index("你等一下"))]


def test_html_quoted_mention_through_references_stays_a_mention(linter):
    source = "<p>培训要点：切勿说&ldquo;不知道&rdquo;。</p>"
    assert not [f for f in linter.check_text(extract_html(source).text).findings if f.rule == "inquiry.dont-know"]
    assert [f.rule for f in linter.check_text(extract_html("<p>这个我不知道</p>").text).findings] == ["inquiry.dont-know"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    list("你等一下不知道 \n\r\t`[]()<>!-_*\\\"'&;#{}%:/=+.|") +
    ["---\n", "```\n", "    ", "<!--", "-->", "<script>", "</script>", "&amp;", "&#x4e0d;", "](", "http://", "{{", "}}", "【", "】"]
), max_size=40).map("".join))
def test_masking_keeps_length_and_line_breaks(text):
    for extract in (extract_markdown, extract_html):
        extracted = extract(text)
        assert extracted.original == text
        assert_same_shape(extracted)


# -- Templates --------------------------------------------------------------------------------


def test_template_placeholders(session):
    path = DATA / "notice.j2"
    source = path.read_text(encoding="utf-8")
    extracted, findings = findings_of(session, path)
    assert_same_shape(extracted)
    assert "不知道" not in extracted.text.split("\n")[0]  # {# comment #}
    assert [(f.rule, f.match) for f in findings] == [("telephone.hold-on", "你等一下")]
    [f] = findings
    assert source[f.offset - 2:f.offset] == "}}"  # right after a placeholder, still found
    cli = report(str(path))[str(path)]
    assert_points_into(source, cli)
    assert not [x for x in cli if x["match"] == "不知道"]  # {{ 不知道 }} is a slot, 不知道您是否方便 a near miss


# -- .docx ------------------------------------------------------------------------------------


def test_docx_paragraphs_tables_and_headers():
    extracted = read(str(DATA / "script.docx"))
    assert (extracted.fixable, extracted.location, extracted.encoding) == (False, "paragraph", "docx")
    paragraphs = extracted.text.split("\n")
    assert paragraphs[0] == "前台接待话术（第三版）"
    assert paragraphs[4:8] == ["场景", "错误说法", "业主询问维修进度", "我不知道"]  # the table, where it stands, row by row
    assert paragraphs[8].startswith("不知道您是否方便")  # body after the table
    assert paragraphs[-2:] == ["某某物业服务中心 · 内部培训资料", "第 1 页"]  # header, then footer


def test_docx_findings_report_paragraph_numbers(session):
    path = DATA / "script.docx"
    extracted, findings = findings_of(session, path)
    assert {(f.rule, f.line, f.column, f.match) for f in findings} == {
        ("telephone.hold-on", 3, 6, "你等一下"),
        ("inquiry.dont-know", 8, 2, "不知道"),  # the table cell 我不知道
    }
    cli = report(str(path))[str(path)]
    assert summary(cli) == {(f.rule, f.line, f.column, f.match) for f in findings}


def _docx_with_body(body_xml: str) -> bytes:
    """A minimal .docx from raw WordprocessingML body content."""
    source = io.BytesIO((DATA / "script.docx").read_bytes())
    out = io.BytesIO()
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body_xml}</w:body></w:document>'.encode()
            zout.writestr(item, data)
    return out.getvalue()


def test_docx_wrappers_line_breaks_and_merged_cells():
    run = "<w:r><w:t>{}</w:t></w:r>"
    body = (
        "<w:p>" + run.format("你") + "<w:hyperlink>" + run.format("等一下") + "</w:hyperlink></w:p>"
        "<w:p><w:ins>" + run.format("插入的字") + "</w:ins><w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p>" + run.format("合并单元格") + "</w:p></w:tc></w:tr></w:tbl>"
        "<w:sdt><w:sdtContent><w:p>" + run.format("内容控件") + "</w:p></w:sdtContent></w:sdt>"
    )
    extracted = extract_docx(_docx_with_body(body), "x.docx")
    assert extracted.text.split("\n")[:5] == ["你等一下", "插入的字", "第一行 第二行", "合并单元格", "内容控件"]


@pytest.mark.parametrize("data, reason", [
    (b"", "File is not a zip file"),
    (b"PK\x03\x04 not really", "File is not a zip file"),
])
def test_docx_unreadable(data, reason):
    with pytest.raises(InputError) as info:
        extract_docx(data, "bad.docx")
    assert str(info.value) == f"bad.docx: not a readable .docx file ({reason}); skipped"


def test_docx_missing_parts(tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    path = tmp_path / "parts.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(InputError, match=r"parts\.docx: not a readable \.docx file \(.*Content_Types.*\); skipped"):
        read(str(path))
    good = tmp_path / "good.txt"
    good.write_text("你等一下", encoding="utf-8")
    result = run_process("check", "--lang", "en", str(path), str(good))
    assert result.returncode == 2  # the others are still checked
    assert f"{path}: not a readable .docx file" in result.stderr
    assert "telephone.hold-on" in result.stdout


def test_fix_leaves_docx_alone(tmp_path):
    copy = tmp_path / "script.docx"
    shutil.copyfile(DATA / "script.docx", copy)
    before = copy.read_bytes()
    result = run_process("check", "--lang", "en", "--fix", str(copy))
    assert result.returncode == 1
    assert copy.read_bytes() == before
    assert f"{copy}: --fix does not rewrite this format" in result.stderr
    assert "telephone.hold-on" in result.stdout  # still reported for a person


# -- --fix keeps everything else byte for byte ------------------------------------------------

PLAIN = "停水通知\n尊敬的业主：明天上午停水，你等一下再来电询问。\n我等一下午了的抱怨要耐心倾听。\n"

TEXT_FILES = [
    # (file, codec the bytes must stay in, byte-order mark, CRLF)
    ("plain.txt", "utf-8", False, False),
    ("handout.md", "utf-8", False, False),
    ("notice.html", "utf-8", False, False),
    ("notice.j2", "utf-8", False, False),
    ("notice-gbk.txt", "gbk", False, False),
    ("reply-big5.txt", "big5", False, False),
    ("reply-bom-crlf.txt", "utf-8", True, True),
]


@pytest.mark.parametrize("name, codec, bom, crlf", TEXT_FILES, ids=[t[0] for t in TEXT_FILES])
def test_fix_changes_only_the_fixed_spans(tmp_path, session, name, codec, bom, crlf):
    copy = tmp_path / name
    if name == "plain.txt":
        copy.write_bytes(PLAIN.encode("utf-8"))
    else:
        shutil.copyfile(DATA / name, copy)
    before = copy.read_bytes()
    body = before[len(BOM):] if bom else before
    assert before.startswith(BOM) == bom
    original = body.decode(codec)  # strict: the file really is in that encoding

    reported = report(str(copy))[str(copy)]
    extracted, findings = findings_of(session, copy)
    assert extracted.original == original
    fixes = {(f.offset, f.end_offset): f.fix for f in findings if f.fix is not None}
    assert fixes, "the file must hold a phrase with a drop-in rewrite"
    assert {(f["offset"], f["end_offset"]) for f in reported} >= set(fixes)  # the reported offsets
    for (start, end) in fixes:
        assert original[start:end] in {f["match"] for f in reported}

    result = run_process("check", "--lang", "en", "--fix", str(copy))
    assert result.returncode in (0, 1), result.stderr
    after = copy.read_bytes()
    assert after != before
    assert after.startswith(BOM) == bom
    new_body = after[len(BOM):] if bom else after
    fixed = new_body.decode(codec)  # GBK stays GBK, Big5 stays Big5
    if codec != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            new_body.decode("utf-8")

    # the fix applied at the reported offsets, and nothing else
    expected, position = [], 0
    for (start, end), replacement in sorted(fixes.items()):
        expected += [original[position:start], replacement]
        position = end
    expected.append(original[position:])
    assert fixed == "".join(expected)
    # byte for byte: every stretch between fixes is the very bytes it was
    position = 0
    new_position = len(BOM) if bom else 0
    old_position = new_position
    for (start, end), replacement in sorted(fixes.items()):
        stretch = original[position:start].encode(codec)
        assert after[new_position:new_position + len(stretch)] == before[old_position:old_position + len(stretch)] == stretch
        new_position += len(stretch) + len(replacement.encode(codec))
        old_position += len(stretch) + len(original[start:end].encode(codec))
        position = end
    assert after[new_position:] == before[old_position:]
    if crlf:
        assert after.count(b"\r\n") == before.count(b"\r\n") > 0
        assert b"\n" not in after.replace(b"\r\n", b"")

    again = run_process("check", "--fix", str(copy))
    assert again.returncode in (0, 1), again.stderr
    assert copy.read_bytes() == after


# -- encodings --------------------------------------------------------------------------------


def test_encoding_option_big5():
    path = DATA / "reply-big5.txt"
    result = run_process("check", "--format", "json", "--encoding", "big5", str(path))
    assert result.returncode == 1, result.stderr
    [file] = json.loads(result.stdout)["files"]
    assert ("telephone.hold-on", 2, 12, "你等一下") in summary(file["findings"])
    assert file["script"] == "traditional"


def test_encoding_option_wrong_for_the_file():
    path = DATA / "notice-gbk.txt"
    result = run_process("check", "--lang", "en", "--encoding", "utf-8", str(path))
    assert result.returncode == 2
    assert f"{path}: not valid utf-8 (byte " in result.stderr
    assert "skipped" in result.stderr


@pytest.mark.parametrize("name, encoding, bom", [
    ("notice-gbk.txt", "gb18030", False),
    ("reply-big5.txt", "big5hkscs", False),
    ("reply-bom-crlf.txt", "utf-8", True),
])
def test_legacy_and_bom_files_are_detected(session, name, encoding, bom):
    extracted, findings = findings_of(session, DATA / name)
    assert (extracted.encoding, extracted.bom) == (encoding, bom)
    assert not extracted.original.startswith("\ufeff")
    assert [f.match for f in findings if f.rule == "telephone.hold-on"] == ["你等一下"]
    assert not [f for f in findings if f.rule == "inquiry.dont-know"]  # 不知道您是否方便 is a near miss
    fixed = apply_fixes(extracted.original, [f for f in findings if f.fix])
    assert "你等一下" not in fixed


def test_a_chat_log_ending_in_an_empty_staff_turn_is_checked(tmp_path):
    log = tmp_path / "chat.json"
    log.write_text(json.dumps([{"role": "坐席", "text": "你等一下"}, {"role": "坐席", "text": ""}], ensure_ascii=False), encoding="utf-8")
    result = run_process("check", "--format", "json", str(log))
    source = log.read_text(encoding="utf-8")
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert result.returncode == 1 and "telephone.hold-on" in {f["rule"] for f in findings}
    assert all(source[f["offset"]:f["end_offset"]] == f["match"] for f in findings)


def test_json_lines_may_hold_raw_line_separators_inside_strings(tmp_path):
    log = tmp_path / "chat.jsonl"
    log.write_text('{"role": "坐席", "text": "您好\u2028你等一下"}\n{"role": "业主", "text": "好\u0085的"}\n', encoding="utf-8")
    findings = report(str(log))[str(log)]
    assert "telephone.hold-on" in {f["rule"] for f in findings}


def test_markdown_link_destinations_scan_in_linear_time():
    from phraselint.inputs.readers.markdown import mask_markdown

    text = "[a](" * 20000  # took minutes when each `](` rescanned the rest of the block
    assert mask_markdown(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab()[]\\ \"'<>\n\t`", max_size=40))
def test_raw_destinations_end_where_a_plain_scan_does(source):
    from phraselint.inputs.readers.markdown import _RawDestinations, _link_tail

    destinations = _RawDestinations(source, 0, len(source))
    for i, char in enumerate(source):
        if char == "(":
            assert _link_tail(source, i, len(source), destinations) == _link_tail(source, i, len(source))


def test_a_docx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path):
    from phraselint.inputs.readers import docx as docx_reader

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/bomb.xml", b"\0" * (docx_reader.MAX_UNPACKED + 1))
    assert len(buffer.getvalue()) < docx_reader.MAX_UNPACKED // 100
    with pytest.raises(InputError, match="unpacks to 256 MB"):
        docx_reader.extract_docx(buffer.getvalue(), "bomb.docx")


def test_a_span_over_a_masked_placeholder_quotes_the_file_not_the_mask():
    from phraselint.inputs.readers import extract
    from phraselint.model import Finding, Level

    original = "你{{ 称呼 }}等一下"
    extracted = extract(original, "notice.j2", "auto")
    assert extracted.text != original and extracted.origin is None
    span = Finding(rule="x.y", level=Level.WARNING, category="x", message="m", match=extracted.text[0:len(original)],
                   offset=0, end_offset=len(original), line=1, column=1, end_line=1, end_column=len(original) + 1)
    [mapped] = extracted.to_original([span])
    assert mapped.match == original
