"""Line and column of a code-point offset (1-based, columns in code points).

Findings arrive in ascending order, so lines are counted from the previous answer with
str.count (in C) instead of indexing every line of a large text up front.
"""

from __future__ import annotations

from typing import Iterator


class LineIndex:
    def __init__(self, text: str):
        self._text = text
        self._offset = 0  # the last offset answered, its line and where that line begins
        self._line = 1
        self._line_start = 0

    def line_column(self, offset: int) -> tuple[int, int]:
        """Searched from the previous answer on: one long line costs no more than many short ones."""
        text = self._text
        if offset >= self._offset:
            breaks = text.count("\n", self._offset, offset)
            line = self._line + breaks
            if breaks:
                self._line_start = text.rfind("\n", self._offset, offset) + 1
        else:
            line = 1 + text.count("\n", 0, offset)
            self._line_start = text.rfind("\n", 0, offset) + 1
        self._offset, self._line = offset, line
        return line, offset - self._line_start + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of line `line` (1-based), without its line break; end is -1 for the last line."""
        text = self._text
        start = 0
        for _ in range(line - 1):
            start = text.index("\n", start) + 1
        end = text.find("\n", start)
        return start, end


def line_starts_at(text: str, offsets: list[int]) -> Iterator[int]:
    """Where the line holding each offset begins, searched back only to the previous offset's line
    (offsets nearly always ascend), so that one long line costs no more than many short ones."""
    previous, line_start = 0, 0
    for offset in offsets:
        if offset < previous:
            previous, line_start = 0, 0
        found = text.rfind("\n", previous, offset)
        if found != -1:
            line_start = found + 1
        previous = offset
        yield line_start
