"""Which script a text is written in, whose reader it is for (mainland, Taiwan, Hong Kong), and
writing rules' texts back in that script and region.

A reader is one of three variants: `cn` (mainland, simplified), `tw` (Taiwan traditional) and
`hk` (Hong Kong traditional). Rules are written in simplified; for the two traditional readers
they are converted with OpenCC's regional converters, s2twp (Taiwan characters *and* phrases:
为 → 為, 这里 → 這裡, 软件 → 軟體) and s2hk (Hong Kong characters: 這裏, 為), never with the
plain s2t, which writes OpenCC's standard forms (爲, 這裏, 覈對) that neither region uses day
to day. `t`, the old name of that standard variant, is read as `tw`."""

from __future__ import annotations

import functools
from typing import Literal

from .normalise import VECTOR_THRESHOLD, code_points, translation_table
from .opencc_tables import char_tables
from ..engine.quotes import OPENING_MARKS
from ..lazy import numpy as np, opencc

Script = Literal["simplified", "traditional", "mixed"]
Variant = Literal["cn", "tw", "hk"]
Region = Literal["tw", "hk"]  # which traditional a traditional text is written back in
# What a text is written back in: simplified, or traditional for one region.
Form = Literal["simplified", "tw", "hk"]
VARIANTS: tuple[str, ...] = ("cn", "tw", "hk")
ALIASES = {"t": "tw"}  # the variant names an older configuration may hold
_CONVERTERS = {"tw": "s2twp", "hk": "s2hk"}
# The lexicons' varieties that tell a traditional reader's region (rules/lexicons/).
_REGION_OF_VARIETY = {"yue": "hk", "tw-colloquial": "tw"}

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
    """Every text (rewrites and messages) in simplified and in each region's traditional, keyed
    (text, script, region), for the compiled-pack cache: so that writing a rule's texts for a
    traditional reader needs no OpenCC converter at run time (loading s2twp takes ~0.15 s)."""
    written = {}
    texts = set(texts)
    writer = ScriptWriter()
    for text in texts:
        simplified = writer.write(text, "simplified")
        for region in _CONVERTERS:
            written[(text, "simplified", region)] = simplified
            written[(text, "traditional", region)] = writer.write(text, "traditional", region)  # type: ignore[arg-type]
    return written


def variant_name(name: str) -> str:
    """A variant as given (`--variant`, configuration), in its current name (t → tw)."""
    name = name.lower()
    return ALIASES.get(name, name)


def form_of(variant: str) -> Form:
    """What a reader of `variant` reads rules' texts in."""
    return "simplified" if variant == "cn" else variant  # type: ignore[return-value]


def regional_votes(varieties) -> tuple[int, int]:
    """(Hong Kong, Taiwan) wording in a text: how many of its regional forms the lexicons read
    (the `variety` of each of normalise's lexicon rewrites) are Cantonese or Taiwan colloquial."""
    hk = tw = 0
    for variety in varieties:
        region = _REGION_OF_VARIETY.get(variety)
        if region == "hk":
            hk += 1
        elif region == "tw":
            tw += 1
    return hk, tw


def votes_of(rewrites) -> tuple[int, int]:
    """regional_votes of a normalised text's lexicon rewrites (NormalisedText.rewrites, or None)."""
    return regional_votes(r.variety for r in rewrites.spans) if rewrites is not None else (0, 0)


def region_of(hk: int, tw: int) -> Region:
    """The traditional region a text's regional wording points to: Taiwan unless Cantonese leads."""
    return "hk" if hk > tw else "tw"


def reader_variant(script: Script, counts: tuple[int, int], votes: tuple[int, int]) -> Variant:
    """Whose text it is: a simplified text is the mainland's; a traditional one Hong Kong's
    when Cantonese wording leads, else Taiwan's; a text with no script-specific character
    (你等一下) goes by its regional wording alone, mainland without any; a mixed one is read as
    the mainland's, as the larger readership (each of its lines still gets its own script)."""
    traditional, simplified = counts
    hk, tw = votes
    if traditional == 0 and simplified == 0:
        return region_of(hk, tw) if hk or tw else "cn"
    if script == "traditional":
        return region_of(hk, tw)
    return "cn"


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
        self._counts: tuple[int, int] | None = None  # a small text's, counted once for whole() and counts()
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
            if self._counts is None:
                self._counts = _counts(self._text)
            return self._counts
        return int(np.count_nonzero(self._classes == 1)), int(np.count_nonzero(self._classes == 2))

    @staticmethod
    def _count(classes) -> Script:

        return decide_script(int(np.count_nonzero(classes == 1)), int(np.count_nonzero(classes == 2)))

    def whole(self) -> Script:
        if self._whole is not None:
            return self._whole
        if self._classes is None:
            return decide_script(*self.counts())
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
    """Converts rules' texts (rewrites, messages) into the reader's script and region; OpenCC
    converters load on first use (only for texts the compiled-pack cache did not already hold).
    `region`: the traditional written when a call names none (a fix the file's encoding cannot
    hold in its own script is written in the other one, run/writing.py)."""

    def __init__(self, region: str | None = None, prewritten: dict[tuple[str, str, str], str] | None = None):
        region = variant_name(region or "tw")
        if region == "cn":  # a mainland reader still gets Taiwan forms where traditional is asked for
            region = "tw"
        if region not in _CONVERTERS:
            raise ValueError(f"unknown variant {region!r} (expected cn, tw or hk)")
        self.region = region
        self._written: dict[tuple[str, str, str], str] = dict(prewritten or {})
        self._converters: dict[str, object] = {}

    @functools.cached_property
    def _to_simplified(self):

        return opencc.OpenCC("t2s")

    def _to_traditional(self, region: str):
        converter = self._converters.get(region)
        if converter is None:

            converter = self._converters[region] = opencc.OpenCC(_CONVERTERS[region])
        return converter

    def write(self, text: str, script: Script, region: str | None = None) -> str:
        """`text` in `script` (traditional: in `region`'s forms); mixed texts get simplified, as
        the larger readership does."""
        region = region or self.region
        key = (text, script if script == "traditional" else "simplified", region)
        written = self._written.get(key)
        if written is None:
            written = self._to_simplified.convert(text)
            if script == "traditional":
                written = self._to_traditional(region).convert(written)
            self._written[key] = written
        return written

    def write_form(self, text: str, form: str) -> str:
        """`text` as a reader of `form` (form_of) reads it."""
        if form == "simplified":
            return self.write(text, "simplified")
        return self.write(text, "traditional", form)
