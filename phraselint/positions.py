"""Line and column of a code-point offset (1-based, columns in code points)."""

from __future__ import annotations

import bisect


class LineIndex:
    def __init__(self, text: str):
        starts = [0]
        find = text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._starts = starts

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def line_span(self, line: int) -> tuple[int, int]:
        """Offsets of line `line` (1-based), without its line break."""
        start = self._starts[line - 1]
        end = self._starts[line] - 1 if line < len(self._starts) else None
        return start, end if end is not None else -1
