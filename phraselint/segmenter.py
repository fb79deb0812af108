"""Word boundaries from jieba, computed only on the neighbourhood of a candidate.

jieba's dictionary costs about a second to load, so it is loaded on the first candidate
that needs a boundary check, never for text without candidates. Segmentation runs without
the HMM: the HMM invents words (这不关) that would hide real hits, and only dictionary
words should veto a match.
"""

from __future__ import annotations

import functools
import logging
import re

# jieba cuts text into blocks of these characters and segments each block on its own,
# so a window that reaches the block's ends segments exactly as the whole text would.
_BLOCK_CHAR = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]")
MAX_REACH = 32  # characters of context each side, when a block is longer than that


class Segmenter:
    def __init__(self) -> None:
        self._cache: dict[str, frozenset[int]] = {}

    @functools.cached_property
    def _tokenizer(self):
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return tokenizer

    def cut(self, text: str) -> list[str]:
        return self._tokenizer.lcut(text, HMM=False)

    def _boundaries(self, window: str) -> frozenset[int]:
        cached = self._cache.get(window)
        if cached is None:
            ends = [0]
            for token in self.cut(window):
                ends.append(ends[-1] + len(token))
            cached = frozenset(ends)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[window] = cached
        return cached

    def window(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The block of jieba-segmentable text around [start, end), at most MAX_REACH each side."""
        left = start
        while left > 0 and start - left < MAX_REACH and _BLOCK_CHAR.match(text, left - 1):
            left -= 1
        right = end
        while right < len(text) and right - end < MAX_REACH and _BLOCK_CHAR.match(text, right):
            right += 1
        return left, right

    def on_boundaries(self, text: str, start: int, end: int) -> bool:
        """True when [start, end) neither starts nor ends inside a word."""
        left, right = self.window(text, start, end)
        boundaries = self._boundaries(text[left:right])
        return (start - left) in boundaries and (end - left) in boundaries
