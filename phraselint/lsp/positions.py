"""Code-point offsets (what findings hold) to LSP positions and back.

LSP counts lines by \\n, \\r\\n or \\r, and columns in the negotiated code units: UTF-16 unless
the client offered UTF-32 or UTF-8 (`general.positionEncodings`). A character outside the
Basic Multilingual Plane (𨋢, 𠝹) is one code point but two UTF-16 units, so every column
after it on the same line moves by one; lines without such a character (nearly all Chinese
text) need no counting at all.
"""

from __future__ import annotations

import bisect
import re

_BREAKS = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


class Positions:
    """One text's line starts, and conversions in one position encoding."""

    __slots__ = ("text", "encoding", "starts", "ends", "astral", "_astrals")

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding if encoding in (UTF8, UTF16, UTF32) else UTF16
        self.starts = [0]
        self.ends: list[int] = []  # where each line's text ends (before its break)
        for found in _BREAKS.finditer(text):
            self.ends.append(found.start())
            self.starts.append(found.end())
        self.ends.append(len(text))
        self.astral = _ASTRAL.search(text) is not None  # else UTF-16 columns are code-point columns
        self._astrals: list[int] | None = None  # their offsets, found on the first UTF-16 column that needs them

    def _units(self, start: int, end: int) -> int:
        """Code units of text[start:end] in this encoding."""
        if self.encoding == UTF32 or (self.encoding == UTF16 and not self.astral):
            return end - start
        if self.encoding == UTF16:  # one more unit for each astral character in between: two bisections
            astrals = self._astrals
            if astrals is None:
                astrals = self._astrals = [found.start() for found in _ASTRAL.finditer(self.text)]
            return end - start + bisect.bisect_left(astrals, end) - bisect.bisect_left(astrals, start)
        return len(self.text[start:end].encode("utf-8", "surrogatepass"))

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character), 0-based, of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        offset = min(offset, self.ends[line])  # inside a \r\n: the end of the line
        return line, self._units(start, offset)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of an LSP position; past a line's end is its end, past the
        last line the text's end (as the protocol asks)."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if self.encoding == UTF32 or (self.encoding == UTF16 and not self.astral):
            return min(start + max(character, 0), end)
        units = 0
        for index in range(start, end):
            if units >= character:
                return index
            char = self.text[index]
            units += (2 if ord(char) > 0xFFFF else 1) if self.encoding == UTF16 else len(char.encode("utf-8", "surrogatepass"))
        return end

    def end(self) -> tuple[int, int]:
        return self.position(len(self.text))
