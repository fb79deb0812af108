"""Long lines in reports: the text report quotes a window around the span, never the whole line."""

from __future__ import annotations

from phraselint.model import Finding, Level
from phraselint.report.text import format_finding
from phraselint.report.window import ELLIPSIS, WINDOW_COLUMNS, cut, display_width, piece


def finding_at(text: str, start: int, end: int, level: Level = Level.ERROR) -> Finding:
    before = text[:start]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    return Finding(rule="demo.rule", level=level, category="demo", message="说明", match=text[start:end],
                   offset=start, end_offset=end, line=line, column=column, end_line=line,
                   end_column=column + end - start, suggestions=("请稍等",))


PARAGRAPH = "业主您好，" * 170 + "你等一下" + "，我们马上处理。" * 100  # one line, 1,654 characters


def test_a_long_paragraph_is_cut_to_a_window_around_the_span_with_ellipses():
    text = PARAGRAPH + "\n第二行"
    start = text.index("你等一下")
    _, quoted, carets = format_finding("x.txt", text, finding_at(text, start, start + 4), color=False)[:3]
    gutter = "   1 | "
    assert quoted.startswith(gutter + ELLIPSIS) and quoted.endswith(ELLIPSIS)
    assert "你等一下" in quoted and "第二行" not in quoted
    assert display_width(quoted) <= len(gutter) + WINDOW_COLUMNS + 2
    assert len(carets) <= len(gutter) + WINDOW_COLUMNS and carets.rstrip().endswith(" ^^^^^^^^")
    # the caret stands under the span in the window shown
    assert display_width(quoted[:quoted.index("你等一下")]) == carets.index("^")


def test_a_short_line_is_quoted_whole():
    text = "这个我不知道，你等一下\n"
    _, quoted, carets = format_finding("x.txt", text, finding_at(text, 3, 6), color=False)[:3]
    assert quoted == "   1 | 这个我不知道，你等一下" and carets == "     |       ^^^^^^"


def test_a_span_longer_than_the_window_is_cut_too():
    text = "甲" * 500
    _, quoted, carets = format_finding("x.txt", text, finding_at(text, 10, 400), color=False)[:3]
    assert quoted.count("甲") < 60 and quoted.endswith(ELLIPSIS)
    assert len(carets) < len("     | ") + WINDOW_COLUMNS


class _Watched(str):
    """A text that records how many characters each slice of it takes."""

    sliced: list[int]

    def __getitem__(self, key):
        got = str.__getitem__(self, key)
        self.sliced.append(len(got))
        return got


def test_each_finding_on_a_very_long_line_reads_the_window_only():
    raw = ("你等一下，" * 20000)
    text = _Watched(raw)
    text.sliced = []
    for start in range(0, len(raw), 5 * 997):
        format_finding("x.txt", text, finding_at(raw, start, start + 4), color=False)
    assert text.sliced and max(text.sliced) <= 4 * WINDOW_COLUMNS


def test_cut_balances_the_window_and_piece_follows_a_neighbouring_line():
    line = "a" * 300
    shown = cut(line, 150, 155)
    assert shown.before.startswith(ELLIPSIS) and shown.after.endswith(ELLIPSIS) and shown.span == "aaaaa"
    assert abs(len(shown.before) - len(shown.after)) <= 2
    assert cut("短句", 0, 2) == ("", "短句", "", 0)
    end_of_line = cut("x" * 300, 298, 300)
    assert end_of_line.after == "" and len(end_of_line.before) > 90  # the room left on the right goes left
    assert piece("abc", 10) == "abc" and piece("z" * 300, 0).endswith(ELLIPSIS) and piece("z" * 300, 150).startswith(ELLIPSIS)
