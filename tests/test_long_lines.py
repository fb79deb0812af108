"""One long line (a file of one line, CR-only line ends) costs what many short lines cost: the
work of placing findings grows with the text, not with the text times the findings."""

from __future__ import annotations

from phraselint.text.positions import LineIndex


class Watched(str):
    """A text that counts the characters its searches backwards look at."""

    scanned = 0

    def rfind(self, sub, start=0, end=None):  # type: ignore[override]
        end = len(self) if end is None else end
        Watched.scanned += max(0, end - max(start, 0))
        return super().rfind(sub, start, end)


def test_findings_on_one_long_line_are_placed_in_linear_work(linter):
    unit = "这个我不知道，你等一下。\r"  # CR-only line ends: one line to the linter
    text = unit * 2000
    Watched.scanned = 0
    findings = linter.check(Watched(text))
    assert len(findings) == 4000
    assert Watched.scanned <= 4 * len(text)  # searching back to the line's start for each: ~1000 times the text
    assert [(f.line, f.column) for f in findings[-2:]] == [(1, len(text) - 9), (1, len(text) - 5)]
    assert all(text[f.offset:f.end_offset] == f.match for f in findings)


def test_line_columns_on_one_long_line_are_found_in_linear_work():
    text = Watched("字" * 50_000)
    lines = LineIndex(text)
    Watched.scanned = 0
    assert [lines.line_column(offset) for offset in range(0, 50_000, 50)][-1] == (1, 49_951)
    assert Watched.scanned <= 2 * len(text)
