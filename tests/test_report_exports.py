"""The CSV export for feedback sheets, and what --fix reports afterwards."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from phraselint.cli.app import cli
from phraselint.model import Finding, Level
from phraselint.report import FileResult
from phraselint.report.csv_report import COLUMNS, report as csv_report


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_csv_has_a_bom_the_columns_and_one_row_per_finding(tmp_path: Path):
    (tmp_path / "a.txt").write_text("业主：请问停水到几点？\n这个我不知道，你等一下\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("您好，请问有什么可以帮您？\n", encoding="utf-8")
    raw = run(["check", "--format", "csv", str(tmp_path)]).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel then reads the Chinese as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert b"\r\n" in raw and tuple(rows[0]) == COLUMNS
    doc = json.loads(run(["check", "--format", "json", str(tmp_path)]).stdout)
    expected = [[file["path"], str(f["line"]), str(f["column"]), f["level"], f["rule"], f["category"], f["match"],
                 f["message"], " / ".join(f["suggestions"])] for file in doc["files"] for f in file["findings"]]
    assert rows[1:] == expected and len(expected) >= 2


def test_csv_cells_never_start_a_formula():
    text = "=HYPERLINK(\"x\")不知道"
    f = Finding(rule="demo.rule", level=Level.ERROR, category="demo", message="-说明", match=text,
                offset=0, end_offset=len(text), line=1, column=1, end_line=1, end_column=len(text) + 1,
                suggestions=("@请稍等",))
    out = io.StringIO()
    csv_report([FileResult("+x.txt", "simplified", [f], text)], (), out, False)
    [row] = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))[1:]
    assert row[0] == "'+x.txt" and row[6] == "'" + text and row[7] == "'-说明" and row[8] == "'@请稍等"


def test_after_fix_the_findings_left_are_where_they_now_stand_and_the_summary_counts_both(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("你等一下，这个我不知道。\n你等一下吧\n", encoding="utf-8")
    result = run(["check", "--fix", "--format", "json", str(path)])
    fixed_text = path.read_text(encoding="utf-8")
    assert fixed_text != "你等一下，这个我不知道。\n你等一下吧\n"
    [file] = json.loads(result.stdout)["files"]
    assert file["findings"]
    lines = fixed_text.splitlines()
    for f in file["findings"]:  # quoting the fixed text, at its positions
        assert fixed_text[f["offset"]:f["end_offset"]] == f["match"]
        assert lines[f["line"] - 1][f["column"] - 1:].startswith(f["match"])
    assert "phraselint: 已修复 2 处，剩余 1 处" in result.stderr
    text_report = run(["check", "--fix", str(path)])  # nothing left to fix: the same finding, quoted as it stands
    assert "   1 | 请稍等，这个我不知道。" in text_report.stdout and "已修复 0 处，剩余 1 处" in text_report.stderr
