"""Normalise text for matching: one script, one width, no invisible characters.

Every character maps to at most one character, so the normalised text lines up with
the original except where invisible characters were dropped; `NormalisedText` keeps the
map back for exactly those cases and is the identity (and free) otherwise.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import NamedTuple

from .lexicon import Rewrites
from .opencc_tables import char_tables
from ..lazy import numpy as np

# Invisible characters that would otherwise split a phrase (不\u200b知道): format characters,
# the combining grapheme joiner and the variation selectors (an ideograph's glyph variant is
# the same word: 不\ufe00知道 is 不知道).
_DROPPED = (
    "\u00ad\u034f\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)

# CJK compatibility ideographs are duplicates of unified ones, kept for round-tripping old
# encodings; each has a one-character canonical decomposition to the unified ideograph
# (U+F967 is 不), which the fold then treats like any other character.
_COMPATIBILITY_IDEOGRAPHS = (range(0xF900, 0xFB00), range(0x2F800, 0x2FA20))


@functools.cache
def translation_table() -> dict[int, int | None]:
    """Traditional/variant to simplified, full-width ASCII to half-width, ASCII letters to lower case."""
    to_simplified = char_tables().to_simplified
    table: dict[int, int | None] = dict(to_simplified)
    for block in _COMPATIBILITY_IDEOGRAPHS:
        for code in block:
            unified = unicodedata.normalize("NFD", chr(code))
            if len(unified) == 1 and unified != chr(code):
                table[code] = to_simplified.get(ord(unified), ord(unified))
    for code in range(0xFF01, 0xFF5F):
        table[code] = code - 0xFEE0
    table[0x3000] = 0x20
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = code + 32
    for code in range(0xFF21, 0xFF3B):  # full-width capitals: fold width and case in one step
        table[code] = code - 0xFEE0 + 32
    for char in _DROPPED:
        table[ord(char)] = None
    return table


class NormalisedText(NamedTuple):
    """The normalised form of `original`, with the way back to original offsets."""

    original: str
    text: str
    origin: tuple[int, ...] | None = None  # origin[i] = original index of folded char i
    rewrites: Rewrites | None = None  # regional forms read as Mandarin (text/lexicon.py), after folding

    @property
    def identity(self) -> bool:
        """Whether normalised offsets are original ones (nothing dropped, nothing rewritten)."""
        return self.origin is None and self.rewrites is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original span that holds the same characters;
        a span touching a rewritten form covers the whole form."""
        if self.rewrites is not None:
            start, end = self.rewrites.to_folded(start, end)
        if self.origin is None:
            return start, end
        if start >= end:
            pos = self.origin[start] if start < len(self.origin) else len(self.original)
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


# Above this many characters the per-character lookup runs vectorised in numpy (about five
# times faster than str.translate, which looks every character up in a dict); below it,
# importing numpy would cost more than it saves, so a single reply never loads it.
VECTOR_THRESHOLD = 1 << 16


@functools.cache
def _lookup_table():

    table = np.arange(0x110000, dtype=np.uint32)
    pairs = [(k, v) for k, v in translation_table().items() if v is not None]
    table[np.fromiter((k for k, _ in pairs), dtype=np.uint32)] = np.fromiter((v for _, v in pairs), dtype=np.uint32)
    table[[ord(c) for c in _DROPPED]] = _NO_CHARACTER  # a dropped character shows in the result's maximum
    return table


_NO_CHARACTER = 0xFFFFFFFF  # above every code point


def fold_table():
    """code point -> folded code point (a dropped character: above every code point), as a numpy array."""
    return _lookup_table()


def code_points(text: str):
    """The text's code points as a numpy array (one encode, shared by the large-text passes)."""

    # surrogatepass: a lone surrogate (a JSON \ud800 escape) is a code point like any other here
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def fold_codes(codes, table=None):
    """`codes` (a large text's code points) folded through `table` (default `fold_table()`; a
    caller's table may carry marks above the code points, see text/lexicon.py), or None when
    the text holds a character that is dropped (str.translate then, which drops it)."""
    folded = (_lookup_table() if table is None else table)[codes]
    return None if folded.max() == _NO_CHARACTER else folded


def text_of(codes) -> str:
    """The text whose code points are `codes`: from the array's buffer, without a copy to bytes."""
    return str(codes, "utf-32-le", "surrogatepass")


def _fold(text: str, codes=None) -> str:
    if len(text) >= VECTOR_THRESHOLD:
        folded = fold_codes(code_points(text) if codes is None else codes)
        if folded is not None:
            return text_of(folded)
    return text.translate(translation_table())


def normalise(text: str, codes=None) -> NormalisedText:
    """`codes`: the text's `code_points`, when the caller has them already."""
    folded = _fold(text, codes)
    if len(folded) == len(text):
        return NormalisedText(text, folded)
    dropped = set(_DROPPED)
    origin = tuple(i for i, char in enumerate(text) if char not in dropped)
    return NormalisedText(text, folded, origin)


def normalise_phrase(text: str) -> str:
    """The form a rule's literal takes in the automaton (same folding as the input)."""
    return text.translate(translation_table())
