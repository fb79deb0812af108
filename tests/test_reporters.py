"""Output formats for CI and trainers (JUnit XML, HTML, --stats) and the pre-commit hooks."""

from __future__ import annotations

import base64
import gzip
import io
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from phraselint.i18n.catalogue import catalogue
from phraselint.cli.app import cli
from phraselint.model import Finding, Level
from phraselint.report import FORMATS, FileResult
from phraselint.report.html import document as html_document
from phraselint.report.html import write_markup
from phraselint.report.junit import report as junit_report
from phraselint.report.stats import render_stats, stats
from phraselint.report.text import display_width

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "这个我不知道，你等一下"
FILES = {
    "a-rude.txt": "业主：请问停水到几点？\n" + SAMPLE + "\n",  # an error and a warning (not a transcript: one line has no role)
    "b-note.txt": "请问你需要什么帮助？\n",  # one suggestion only
    "c-clean.txt": "您好，请问有什么可以帮您？\n",
}


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def json_of(args, input=None) -> dict:
    return json.loads(run(["check", "--format", "json", *args], input=input).stdout)


def finding(rule: str, level: Level, text: str, start: int, end: int, suggestions=("请稍等",), category="demo") -> Finding:
    before = text[:start]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    return Finding(rule=rule, level=level, category=category, message=f"{rule} 的说明", match=text[start:end],
                   offset=start, end_offset=end, line=line, column=column, end_line=line, end_column=column + end - start,
                   suggestions=tuple(suggestions))


# --- JUnit ---------------------------------------------------------------------------------

def _suite(xml_text: str) -> ET.Element:
    assert xml_text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(xml_text.encode("utf-8"))
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    assert len(suites) == 1
    return suites[0]


def test_junit_from_stdin_matches_the_json_summary():
    result = run(["check", "--format", "junit", "-"], input=SAMPLE)
    assert result.exit_code == 1
    suite = _suite(result.stdout)
    doc = json_of(["-"], input=SAMPLE)
    summary = doc["summary"]
    assert suite.get("name") == "phraselint" and suite.get("errors") == "0"
    assert int(suite.get("tests")) == summary["files"] == 1
    [case] = suite.findall("testcase")
    assert case.get("classname") == case.get("name") == "-"
    failures = case.findall("failure")
    assert len(failures) == summary["error"] + summary["warning"] == 2
    assert int(suite.get("failures")) == 1  # failing test cases, as JUnit counts
    first = doc["files"][0]["findings"][0]
    assert failures[0].get("message") == f"{first['rule']}: {first['message']}"
    assert failures[0].get("type") == first["level"]
    assert failures[0].text.startswith(f"-:{first['line']}:{first['column']} {first['level']} {first['rule']} ")
    assert first["match"] in failures[0].text and first["suggestions"][0] in failures[0].text
    assert "→" in failures[0].text
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert {k: int(properties[f"phraselint.{k}"]) for k in ("findings", "error", "warning", "suggestion")} == \
        {k: summary[k] for k in ("findings", "error", "warning", "suggestion")}


def test_junit_for_a_folder_one_testcase_per_file(folder: Path):
    result = run(["check", "--format", "junit", str(folder)])
    assert result.exit_code == 1
    suite = _suite(result.stdout)
    doc = json_of([str(folder)])
    summary = doc["summary"]
    cases = {Path(c.get("name")).name: c for c in suite.findall("testcase")}
    assert int(suite.get("tests")) == summary["files"] == len(cases) == 3
    assert sum(len(c.findall("failure")) for c in cases.values()) == summary["error"] + summary["warning"]
    assert int(suite.get("failures")) == sum(1 for c in cases.values() if c.find("failure") is not None) == 1
    # the suggestion-only file passes, its note in <system-out>; the clean file is a bare passing case
    note = cases["b-note.txt"]
    assert note.find("failure") is None
    assert "courtesy.address-as-nin" in note.find("system-out").text
    assert summary["suggestion"] == sum(len(c.find("system-out").text.splitlines()) for c in cases.values() if c.find("system-out") is not None)
    clean = cases["c-clean.txt"]
    assert list(clean) == []
    assert all(c.get("classname") == c.get("name") for c in cases.values())


def test_junit_escapes_and_survives_characters_xml_cannot_hold():
    text = '<a href="x">&不知道\x00\x1b</a>'
    f = finding("demo.rule", Level.ERROR, text, 13, 16)
    out = io.StringIO()
    junit_report([FileResult('dir/"odd" <name>.txt', "simplified", [f], text)], (), out, False)
    suite = _suite(out.getvalue())
    case = suite.find("testcase")
    assert case.get("name") == 'dir/"odd" <name>.txt'
    assert "不知道" in case.find("failure").text


def test_markup_on_a_stream_that_is_not_utf8_uses_character_references():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    f = finding("demo.rule", Level.WARNING, SAMPLE, 3, 6)
    junit_report([FileResult("-", "simplified", [f], SAMPLE)], (), stream, False)
    stream.flush()
    suite = _suite(raw.getvalue().decode("ascii"))
    assert "不知道" in suite.find("testcase/failure").text


# --- HTML ----------------------------------------------------------------------------------

class _Page(HTMLParser):
    """Checks that tags nest properly and collects the text inside each <mark>."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.marks: list[str] = []
        self.mark_depth = 0
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []  # the page's text, without the note numbers after marks
        self.in_ref = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.VOID:
            return
        self.stack.append(tag)
        if tag == "sup":
            self.in_ref += 1
        if tag == "mark":
            assert self.mark_depth == 0, "marks must not nest"
            self.mark_depth += 1
            self.marks.append("")

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        if tag == "sup":
            self.in_ref -= 1
        if tag == "mark":
            self.mark_depth -= 1

    def handle_data(self, data):
        if not self.in_ref:
            self.text.append(data)
        if self.mark_depth:
            self.marks[-1] += data


def parse_page(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


def page_data(page: str) -> list[dict]:
    """The findings a page carries for its script: gzip, base64, one JSON line per file."""
    found = re.search(r'<script id="pl-data" type="application/octet-stream">([A-Za-z0-9+/=]*)</script>', page)
    assert found, "the page carries its findings"
    if not found.group(1):
        return []
    return [json.loads(line) for line in gzip.decompress(base64.b64decode(found.group(1))).decode("utf-8").splitlines()]


def hit_row(record: dict) -> list:
    [row] = [row for row in record["x"] if len(row) == 4]
    return row


def test_html_is_one_self_contained_page_with_findings_in_context_and_summary(folder: Path):
    result = run(["check", "--format", "html", str(folder)])
    assert result.exit_code == 1
    page = result.stdout
    doc = json_of([str(folder)])
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert page.count("<html") == 1 and page.count("</html>") == 1
    assert '<html lang="zh-Hans-CN">' in page and '<meta charset="utf-8">' in page and "<title>" in page
    assert "http" not in page and "src=" not in page and "<link" not in page
    assert "@import" not in page and "url(" not in page
    assert page.count("<script") == 3  # our own: the data, the interface words, the inline script
    parse_page(page)
    # every finding is carried with its level, rule, message, suggestions and its span in context
    files = {entry["p"]: entry["f"] for entry in page_data(page)}
    assert set(files) == {f["path"] for f in doc["files"] if f["findings"]}  # the clean file has no findings to carry
    for file in doc["files"]:
        source = Path(file["path"]).read_text(encoding="utf-8").splitlines()
        records = files.get(file["path"], [])
        assert len(records) == len(file["findings"])
        for f, record in zip(file["findings"], records):
            assert (record["l"], record["r"], record["c"], record["m"], record["s"], record["n"], record["k"]) == \
                (f["level"], f["rule"], f["category"], f["message"], f["suggestions"], f["line"], f["column"])
            row = hit_row(record)
            assert row[0] == f["line"] and row[2] == f["match"] and "".join(row[1:]) == source[f["line"] - 1]
            shown = {r[0] for r in record["x"]}
            assert shown == {n for n in range(f["line"] - 2, f["line"] + 3) if 1 <= n <= len(source)}  # a few lines around it
    # the summary tables: by level, by category, by rule and by file, with counts
    for table in ("by-level", "by-category", "by-rule", "by-file"):
        assert f'<table class="summary {table}">' in page
    summary_part = page[page.index('<table class="summary by-level">'): page.index('<div id="pl-findings">')]
    for category, count in stats_from_json(doc)["by_category"].items():
        assert re.search(rf"<td>{re.escape(category)}</td><td class=\"n\">{count}</td>", summary_part)
    for rule, count in stats_from_json(doc)["by_rule"].items():
        assert re.search(rf"<code>{re.escape(rule)}</code>.*?<td class=\"n\">{count}</td>", summary_part)
    for file in doc["files"]:
        by_level = [sum(1 for f in file["findings"] if f["level"] == level) for level in ("error", "warning", "suggestion")]
        cells = "".join(f'<td class="n">{n}</td>' for n in by_level) + f'<td class="n">{sum(by_level)}</td>'
        assert f"<td>{file['path']}</td>{cells}" in summary_part


def stats_from_json(doc: dict) -> dict:
    by_category: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for file in doc["files"]:
        for f in file["findings"]:
            by_category[f["category"]] = by_category.get(f["category"], 0) + 1
            by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + 1
    return {"by_category": by_category, "by_rule": by_rule}


def test_html_carries_user_text_as_data_never_as_markup():
    text = "<script>alert('x')</script>\n这个我不知道 & <b>你等一下</b></script>"
    result = run(["check", "--format", "html", "-"], input=text)
    page = result.stdout
    assert "alert" not in page and "<b>" not in page
    parse_page(page)
    [entry] = page_data(page)
    rows = [row for record in entry["f"] for row in record["x"]]
    assert [0, "<script>alert('x')</script>"] not in rows and [1, "<script>alert('x')</script>"] in rows
    assert any(len(row) == 4 and row[2] == "不知道" for row in rows)
    # the script puts it in with textContent only
    from phraselint.report.html_page import SCRIPT
    assert "innerHTML" not in SCRIPT and "insertAdjacentHTML" not in SCRIPT and "eval(" not in SCRIPT


def test_html_overlapping_spans_each_keep_their_own_mark_and_suggestions():
    text = "前面这个我不知道怎么办后面\n第二行"
    outer = finding("demo.outer", Level.WARNING, text, 2, 11, suggestions=("外层建议",))
    inner = finding("demo.inner", Level.ERROR, text, 5, 8, suggestions=("内层建议",))
    page = html_document([FileResult("x.txt", "simplified", [outer, inner], text)])
    [entry] = page_data(page)
    assert [hit_row(r)[2] for r in entry["f"]] == ["这个我不知道怎么办", "不知道"]
    assert [r["s"] for r in entry["f"]] == [["外层建议"], ["内层建议"]]
    assert [r["x"][-1] for r in entry["f"]] == [[2, "第二行"], [2, "第二行"]]


def test_html_spans_over_line_breaks_and_empty_spans_are_carried():
    text = "甲乙\r\n丙丁\n\n戊"
    across = finding("demo.across", Level.WARNING, text, 1, 6)
    empty = finding("demo.empty", Level.ERROR, text, 8, 8)
    at_end = finding("demo.end", Level.SUGGESTION, text, len(text), len(text))
    page = html_document([FileResult("x.txt", "simplified", [across, empty, at_end], text)])
    [entry] = page_data(page)
    rows = [hit_row(r) for r in entry["f"]]
    assert rows[0] == [1, "甲", "乙", ""]  # the span is shown up to its line's end, without the CR
    assert rows[1] == [4, "", "", "戊"] and rows[2] == [4, "戊", "", ""]


def test_html_long_lines_are_cut_to_a_window_in_context():
    text = "前文。" * 600 + "这个我不知道" + "后文。" * 600 + "\n" + "下一行，" * 400
    page = html_document([FileResult("x.txt", "simplified", [finding("demo.rule", Level.ERROR, text, 1803, 1806)], text)])
    [record] = page_data(page)[0]["f"]
    _, before, span, after = hit_row(record)
    assert span == "不知道" and before.startswith("…") and after.endswith("…") and len(before + span + after) < 120
    assert record["x"][-1][1].startswith("…") and len(record["x"][-1][1]) < 120


def test_html_with_nothing_found():
    result = run(["check", "--format", "html", "-"], input="您好，请问有什么可以帮您？")
    assert result.exit_code == 0
    page = result.stdout
    parse_page(page)
    assert "未发现问题" in page and page_data(page) == []


# --- --stats ---------------------------------------------------------------------------------

def test_stats_lists_categories_and_rules_with_counts(folder: Path):
    result = run(["check", "--stats", "--lang", "en", str(folder)])
    assert result.exit_code == 1
    out = result.stdout
    doc = json_of([str(folder)])
    expected = stats_from_json(doc)
    category_part = out[out.index("Findings by category"): out.index("Findings by rule")]
    rule_part = out[out.index("Findings by rule"):]
    for category, count in expected["by_category"].items():
        assert re.search(rf"^\s+{re.escape(category)}\s+{count}$", category_part, re.M)
    for rule, count in expected["by_rule"].items():
        assert re.search(rf"^\s+{re.escape(rule)}\s+\w+\s+\S+\s+{count}$", rule_part, re.M)
    assert out.endswith("\n")


def test_stats_with_a_machine_format_goes_to_stderr(folder: Path):
    result = run(["check", "--format", "json", "--stats", str(folder)])
    json.loads(result.stdout)
    assert "按规则统计" in result.stderr


def test_stats_dict_and_sorting():
    text = "一二三四五六七八九十"
    results = [
        FileResult("a", "simplified", [
            finding("r.one", Level.WARNING, text, 0, 1, category="乙类"),
            finding("r.two", Level.ERROR, text, 1, 2, category="甲类"),
            finding("r.two", Level.ERROR, text, 2, 3, category="甲类"),
            finding("r.one", Level.SUGGESTION, text, 3, 4, category="乙类"),  # a mention: lower level
            finding("r.three", Level.ERROR, text, 4, 5, category="甲类"),
        ], text),
        FileResult("b", "simplified", [], ""),
    ]
    data = stats(results)
    assert data["files"] == 2 and data["files_with_findings"] == 1 and data["findings"] == 5
    assert data["by_level"] == {"error": 3, "warning": 1, "suggestion": 1}
    assert list(data["by_category"].items()) == [("甲类", 3), ("乙类", 2)]
    assert list(data["by_rule"]) == ["r.two", "r.one", "r.three"]
    assert data["by_rule"]["r.one"] == {"count": 2, "category": "乙类", "level": "warning"}
    json.dumps(data)


def test_render_stats_aligns_cjk_columns():
    text = "一二三四五"
    results = [FileResult("a", "simplified", [
        finding("规则.中文名", Level.ERROR, text, 0, 1, category="投诉处理"),
        finding("规则.中文名", Level.ERROR, text, 1, 2, category="投诉处理"),
        finding("rule.ascii-only-id", Level.WARNING, text, 2, 3, category="x"),
    ], text)]
    rendered = render_stats(results)
    assert rendered.endswith("\n")
    lines = rendered.splitlines()
    rules_at = lines.index("按规则统计")
    table = lines[rules_at + 1: rules_at + 5]
    # every row of the rule table ends (right-aligned count) at the same display column
    assert len({display_width(line) for line in table}) == 1, table
    # the category column starts at the same display column in every row
    starts = {display_width(line[: line.index(cat)]) for line, cat in zip(table[2:], ("投诉处理", "x"))}
    assert len(starts) == 1
    assert table[2].lstrip().startswith("规则.中文名") and table[2].rstrip().endswith(" 2")


def test_render_stats_when_nothing_was_found():
    assert render_stats([]) == "统计：0 个文件中未发现问题。\n"
    english = catalogue("en")
    assert render_stats([], english) == "Statistics: no findings in 0 files.\n"
    assert "no findings in 1 file." in render_stats([FileResult("a", "simplified", [], "你好")], english)


# --- pre-commit hooks and the CI guide ------------------------------------------------------------

def _help(*command: str) -> str:
    process = subprocess.run([sys.executable, "-m", "phraselint", *command, "--help"],
                             capture_output=True, text=True, encoding="utf-8")
    assert process.returncode == 0, process.stderr
    return process.stdout


def test_pre_commit_hooks_are_valid():
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(hooks) == {"phraselint", "phraselint-fix"}
    assert hooks["phraselint"]["name"] == "phraselint"
    assert hooks["phraselint"]["entry"] == "phraselint check"
    assert hooks["phraselint-fix"]["entry"] == "phraselint check --fix"
    check_help = _help("check")
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert hook["types_or"] == ["markdown", "text", "html"]
        assert hook["require_serial"] is False
        pattern = re.compile(hook["files"])
        for name in ("a.md", "b.markdown", "c.txt", "d.html", "e.htm", "f.j2", "g.jinja", "h.jinja2", "i.tmpl", "dir/x.md"):
            assert pattern.search(name), name
        for name in ("a.py", "b.yaml", "c.md.bak", "jinja"):
            assert not pattern.search(name), name
        program, command, *options = hook["entry"].split()
        assert (program, command) == ("phraselint", "check")
        for option in options:
            assert option in check_help


def test_ci_guide_uses_only_options_that_exist():
    guide = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    helps = {command: _help(command) for command in ("check",)}
    commands = re.findall(r"phraselint (check[^\n`|>]*)", guide)
    assert len(commands) >= 8
    for command in commands:
        words = command.split()
        for option in (w.split("=")[0] for w in words if w.startswith("--")):
            assert option in helps["check"], f"{option} in: phraselint {command}"
        for i, word in enumerate(words[:-1]):
            if word == "--format":
                assert words[i + 1] in FORMATS
    for needle in ("actions/setup-python", 'python-version: "3.11"', "github/codeql-action/upload-sarif",
                   "--format sarif", "--format github", "reports:", "junit:", "--format junit", "rev:",
                   "repo:", "--fail-level", ".phraselint.yaml", "per_file_disable", "<!-- phraselint-disable"):
        assert needle in guide, needle


@pytest.mark.parametrize("style", [dict(fg="red", bold=True), dict(fg="yellow", bold=True, underline=True),
                                   dict(dim=True), dict(bold=True), dict(fg="green"), dict(fg="cyan")])
def test_terminal_colours_are_clicks_own_escape_codes(style):
    import click

    from phraselint.report.text import ansi_style

    assert ansi_style("不知道", **style) == click.style("不知道", **style)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream", [io.StringIO, _Terminal], ids=["compact", "indented"])
@pytest.mark.parametrize("files", [0, 1, 3])
def test_json_written_file_by_file_is_the_document_json_dumps_would_write(stream, files):
    from phraselint.report.json_report import document, report

    text = "你好\n这个我不知道，你等一下"
    results = [
        FileResult(f"dir/文件{n}.txt", "simplified",
                   [] if n == 1 else [finding("inquiry.dont-know", Level.ERROR, text, 5, 8),
                                      finding("demo.wait", Level.SUGGESTION, text, 10, 13, suggestions=())], text)
        for n in range(files)
    ]
    out = stream()
    report(iter(results), (), out, False)
    expected = json.dumps(document(results), ensure_ascii=False, indent=2 if stream is _Terminal else None) + "\n"
    assert out.getvalue() == expected


@pytest.mark.parametrize("name", ["text", "json", "github"])
def test_streamed_formats_write_each_file_before_the_next_is_checked_and_never_hold_a_file_whole(name):
    """What keeps the CLI's memory flat: a file is written as it arrives, finding by finding."""
    from phraselint.report import get_reporter

    text = "这个我不知道，你等一下\n" * 50
    many = [finding("inquiry.dont-know", Level.ERROR, text, 12 * i + 2, 12 * i + 5) for i in range(50)]
    out = io.StringIO()
    largest = []
    write = out.write
    out.write = lambda piece: (largest.append(len(piece)), write(piece))[1]

    def results():
        yield FileResult("first.txt", "simplified", many, text)
        assert "first.txt" in out.getvalue()  # written before the second file exists
        yield FileResult("second.txt", "simplified", [], "")

    get_reporter(name)(results(), (), out, False)
    assert len(largest) >= 50 and max(largest) < len(out.getvalue()) / 20
