"""A long line cut to a window around a span, for the reports that quote the text.

A paragraph of a notice or a transcript exported as one line can be thousands of characters
long; quoting it whole for each of its findings buries the span and, for a text report with
many findings on such a line, costs time in proportion to the line for every finding. The
window is measured in terminal columns (CJK characters take two), so the text report's caret
line stays short, and it is found by walking out from the span: the work per finding depends
on the window only, never on the line.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

ELLIPSIS = "…"
SPAN_COLUMNS = 60  # the longest stretch of a span that is shown; a longer span is cut at its end
WINDOW_COLUMNS = 100  # the whole window, span included: what fits a terminal beside the gutter


def char_width(char: str) -> int:
    """Terminal columns of one character: CJK characters take two, combining marks none."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two, so markers line up under them."""
    return sum(char_width(char) for char in text)


class Window(NamedTuple):
    """What is shown of a line around a span: before + span + after, each already cut."""

    before: str  # with a leading ELLIPSIS when the line goes on to the left
    span: str  # with a trailing ELLIPSIS when the span was longer than SPAN_COLUMNS
    after: str  # with a trailing ELLIPSIS when the line goes on to the right
    first: int = 0  # the index in the line of the first character shown


def cut(line: str, start: int, end: int, columns: int = WINDOW_COLUMNS, span_columns: int = SPAN_COLUMNS) -> Window:
    """`line` around line[start:end] (indices into `line`), at most about `columns` wide.

    Only the characters shown are looked at (and a few of those next to them), so that cutting
    a 100,000-character line costs what cutting a short one does."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    span_end, used = start, 0
    while span_end < end and used + char_width(line[span_end]) <= span_columns:
        used += char_width(line[span_end])
        span_end += 1
    span = line[start:span_end] + (ELLIPSIS if span_end < end else "")
    room = max(0, columns - used)
    left, left_used = start, 0
    while left > 0 and left_used + char_width(line[left - 1]) <= room // 2:
        left -= 1
        left_used += char_width(line[left])
    right, right_used = end, 0  # what follows the span starts after all of it, shown or not
    while right < len(line) and right_used + char_width(line[right]) <= room - left_used:
        right_used += char_width(line[right])
        right += 1
    if right == len(line) and left > 0:  # the right side had room to spare: give it to the left
        while left > 0 and left_used + right_used + char_width(line[left - 1]) <= room:
            left -= 1
            left_used += char_width(line[left])
    before = (ELLIPSIS if left > 0 else "") + line[left:start]
    after = line[end:right] + (ELLIPSIS if right < len(line) else "")
    return Window(before, span, after, left)


def piece(line: str, start: int, columns: int = WINDOW_COLUMNS) -> str:
    """About `columns` of `line` from index `start` (for a line of context next to a window):
    the line's end when `start` lies past it, with ellipses where the line goes on."""
    if start >= len(line):
        start = len(line)
        used = 0
        while start > 0 and used + char_width(line[start - 1]) <= columns:
            start -= 1
            used += char_width(line[start])
    stop, used = start, 0
    while stop < len(line) and used + char_width(line[stop]) <= columns:
        used += char_width(line[stop])
        stop += 1
    return (ELLIPSIS if start > 0 else "") + line[start:stop] + (ELLIPSIS if stop < len(line) else "")
