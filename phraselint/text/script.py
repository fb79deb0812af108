"""Which script a text is written in, and writing suggestions back in that script."""

from __future__ import annotations

import functools
from typing import Literal

from .normalise import VECTOR_THRESHOLD, code_points, translation_table
from .opencc_tables import char_tables
from ..engine.quotes import OPENING_MARKS
from ..lazy import numpy as np, opencc

Script = Literal["simplified", "traditional", "mixed"]
Variant = Literal["t", "tw", "hk"]
VARIANTS: tuple[str, ...] = ("t", "tw", "hk")

# A minority script below this share of the script-specific characters is noise
# (a quoted name, a brand), not a mixed text.
_MIXED_SHARE = 0.2


@functools.cache
def _deletion_tables() -> tuple[dict[int, None], dict[int, None]]:
    tables = char_tables()
    return dict.fromkeys(map(ord, tables.traditional_only)), dict.fromkeys(map(ord, tables.simplified_only))


@functools.cache
def _class_table():

    classes = np.zeros(0x110000, dtype=np.uint8)
    tables = char_tables()
    classes[[ord(c) for c in tables.traditional_only]] = 1
    classes[[ord(c) for c in tables.simplified_only]] = 2
    return classes


QUOTE_OPENING = 3  # class of a character that normalises to an opening quotation mark (LineScripts)


@functools.cache
def _line_class_table():
    """_class_table, plus QUOTE_OPENING for every character whose normalised form opens a
    quotation (quotes.py's marks, full-width forms included): the one pass over a large text
    that counts its scripts also finds where its quotations may start. None when such a
    character were also script-specific (then quotations are found by the regex alone)."""

    classes = _class_table().copy()
    table = translation_table()
    opening = {ord(m) for m in OPENING_MARKS}
    # a character stays itself unless the table maps it (to another one, or None: dropped)
    sources = [c for c in opening if c not in table] + [c for c, v in table.items() if v in opening]
    if any(classes[c] for c in sources):
        return None
    classes[sources] = QUOTE_OPENING
    return classes


def _counts(text: str) -> tuple[int, int]:
    """(traditional-only, simplified-only) characters, counted in C or numpy, never in a Python loop."""
    if len(text) >= VECTOR_THRESHOLD:

        counts = np.bincount(_class_table()[np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")], minlength=3)
        return int(counts[1]), int(counts[2])
    # how much shorter the text gets without each script's own characters
    drop_traditional, drop_simplified = _deletion_tables()
    return len(text) - len(text.translate(drop_traditional)), len(text) - len(text.translate(drop_simplified))


def decide_script(trad: int, simp: int) -> Script:
    if trad == 0:
        return "simplified"
    if simp == 0:
        return "traditional"
    if min(trad, simp) / (trad + simp) < _MIXED_SHARE:
        return "traditional" if trad > simp else "simplified"
    return "mixed"


def prewrite(texts) -> dict[tuple[str, str, str], str]:
    """Every text in every script and variant, for the compiled-pack cache: so that writing a
    suggestion back in traditional script needs no OpenCC converter at run time."""
    written = {}
    for variant in VARIANTS:
        writer = ScriptWriter(variant)  # type: ignore[arg-type]
        for text in set(texts):
            for script in ("simplified", "traditional"):
                written[(text, script, variant)] = writer.write(text, script)  # type: ignore[arg-type]
    return written


def detect_script(text: str) -> Script:
    return decide_script(*_counts(text))


class LineScripts:
    """The script of a text and of any stretch of it (a mixed text writes each suggestion in the
    script of its own line). A large text is classified character by character in one numpy
    pass that the whole text's counts and any stretch's are read from; a small one is counted
    per question."""

    def __init__(self, text: str, codes=None):
        """`codes`: the text's code points (normalise.code_points), when the caller has them."""
        self._text = text
        self._classes = None
        self._whole: Script | None = None
        self._quotes = False
        if len(text) >= VECTOR_THRESHOLD:

            table = _line_class_table()
            self._quotes = table is not None
            self._classes = (_class_table() if table is None else table)[code_points(text) if codes is None else codes]
            self._whole = self._count(self._classes)

    def quote_openings(self) -> list[int] | None:
        """Offsets of the characters that open a quotation once normalised, for a large text
        (None for a small one): where QuoteIndex's regex can match."""
        if self._classes is None or not self._quotes:
            return None

        return np.flatnonzero(self._classes == QUOTE_OPENING).tolist()

    def counts(self) -> tuple[int, int]:
        """(traditional-only, simplified-only) characters of the whole text: a file checked in
        pieces adds them up to decide its script as one text would."""
        if self._classes is None:
            return _counts(self._text)
        return int(np.count_nonzero(self._classes == 1)), int(np.count_nonzero(self._classes == 2))

    @staticmethod
    def _count(classes) -> Script:

        return decide_script(int(np.count_nonzero(classes == 1)), int(np.count_nonzero(classes == 2)))

    def whole(self) -> Script:
        if self._whole is not None:
            return self._whole
        return self.script(0, len(self._text))

    def script(self, start: int, end: int) -> Script:
        if self._classes is None:
            return detect_script(self._text[start:end])
        return self._count(self._classes[start:end])

    def scripts(self, starts: list[int], ends: list[int]) -> list[Script]:
        """script(start, end) of many non-empty stretches at once (one numpy pass for a large text)."""
        classes = self._classes
        if classes is None or not starts:
            return [self.script(start, end) for start, end in zip(starts, ends)]

        size = len(classes)
        if max(ends[:-1], default=0) >= size or ends[-1] > size or min(e - s for s, e in zip(starts, ends)) <= 0:
            return [self.script(start, end) for start, end in zip(starts, ends)]  # outside what reduceat sums
        bounds = np.empty(2 * len(starts), dtype=np.int64)
        bounds[0::2] = starts
        bounds[1::2] = ends  # the sums between one stretch's end and the next one's start are dropped
        if ends[-1] == size:  # the last bound sums to the end of the text by itself
            bounds = bounds[:-1]
        # summed as int32 (a text of over 2**31 characters is not held in memory here)
        traditional = np.add.reduceat((classes == 1).view(np.uint8), bounds, dtype=np.int32)[0::2].tolist()
        simplified = np.add.reduceat((classes == 2).view(np.uint8), bounds, dtype=np.int32)[0::2].tolist()
        return [decide_script(trad, simp) for trad, simp in zip(traditional, simplified)]


class ScriptWriter:
    """Converts polite rewrites into the reader's script; OpenCC converters load on first use
    (only for texts the compiled-pack cache did not already hold)."""

    def __init__(self, variant: Variant = "t", prewritten: dict[tuple[str, str, str], str] | None = None):
        if variant not in VARIANTS:
            raise ValueError(f"unknown variant {variant!r} (expected t, tw or hk)")
        self.variant = variant
        self._written: dict[tuple[str, str], str] = {
            (text, script): value for (text, script, v), value in (prewritten or {}).items() if v == variant
        }

    @functools.cached_property
    def _to_simplified(self):

        return opencc.OpenCC("t2s")

    @functools.cached_property
    def _to_traditional(self):

        return opencc.OpenCC({"t": "s2t", "tw": "s2twp", "hk": "s2hk"}[self.variant])

    def write(self, text: str, script: Script) -> str:
        """`text` in `script`; mixed texts get simplified, as the larger readership does."""
        key = (text, script)
        if key not in self._written:
            simplified = self._to_simplified.convert(text)
            if script == "traditional":
                simplified = self._to_traditional.convert(simplified)
            self._written[key] = simplified
        return self._written[key]
