"""Regional forms read as standard Mandarin: a compiled lexicon and the rewrite it makes.

Rules are written once, in standard Mandarin; Hong Kong Cantonese, Wu, south-western,
north-eastern and Taiwan colloquial wording is read through a lexicon (rules/lexicons/)
after script folding, so that 我唔知 meets the rule written for 我不知道. The rewrite is
leftmost-longest: at each position the longest form whose guards allow it wins, and the scan
goes on after it. The forms are found with an Aho-Corasick pass (linear in the text; every
form is at most MAX_FORM characters, so the matches are at most that many per position).

Markers: each variety names the characters only it writes (唔 冇 嘅 咗 佢 哋 … for Cantonese,
侬 覅 搿 for Wu). An entry whose form holds a marker of its variety is read wherever it stands;
an entry made only of common characters (係 is 系 after folding, 先至, 即係, 啥) is read only
in a line that holds a marker of the same variety: a Mandarin 系 is not a Cantonese 係. So
the automaton runs only over the lines that hold some marker. On a large text the markers
come with script folding: the folding table carries each character's marks above its code
point (`Reader.table`), so the one gather that folds the text marks it too, and the marked
positions, the marker words around their cues and the lines are found vectorised; a small
text is searched with a character class. A text without regional wording costs one comparison
per character.

The rewrite keeps the way back: `Rewrites` records each replaced span, so a finding that
covers any part of a rewritten form points at the whole original form, and offsets outside
rewritten forms shift by what came before them (code points, so 𨋢 counts one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterable, Iterator, NamedTuple

import ahocorasick

from ..lazy import numpy as np

MAX_FORM = 12  # characters in a form or a guard word: bounds the work per position


class LexiconEntry(NamedTuple):
    """One regional form (folded to simplified, as the text is) and its Mandarin reading."""

    form: str
    mandarin: str
    variety: str
    not_after: tuple[str, ...] = ()  # the form is not regional right after any of these
    not_before: tuple[str, ...] = ()  # ... nor right before any of these
    not_inside: tuple[str, ...] = ()  # ... nor inside any of these words (each holds the form)
    weak: bool = False  # holds no marker of its variety: read only in a line holding one
    also: tuple[str, ...] = ()  # other varieties that write the form: a weak entry is read beside their markers too


class CompiledLexicon(NamedTuple):
    """Plain data (cached with the compiled packs): the entries, and the files they came from."""

    entries: tuple[LexiconEntry, ...] = ()
    files: tuple[str, ...] = ()
    # (variety, ((character or word only it writes, index of the word's rarest character), ...)), folded
    markers: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

    def varieties(self) -> tuple[str, ...]:
        return tuple(sorted({e.variety for e in self.entries}))


class Rewrite(NamedTuple):
    """A form replaced: [start, end) in the rewritten text was [old_start, old_end) before."""

    start: int
    end: int
    old_start: int
    old_end: int
    form: str
    mandarin: str
    variety: str


class Rewrites(NamedTuple):
    """The replaced spans of a text, in order; maps rewritten offsets back to folded ones."""

    spans: tuple[Rewrite, ...]
    starts: tuple[int, ...]  # spans[i].start, for bisection

    def _back(self, position: int, inside_end: bool) -> int:
        """Where rewritten character `position` starts (or, `inside_end`, ends) in the folded text."""
        index = bisect_right(self.starts, position) - 1
        if index < 0:
            return position + inside_end
        span = self.spans[index]
        if position < span.end:  # inside a rewritten form: the whole form
            return span.old_end if inside_end else span.old_start
        return position - span.end + span.old_end + inside_end

    def to_folded(self, start: int, end: int) -> tuple[int, int]:
        """The folded span of rewritten [start, end): the end is found from the span's last character.
        (`_back` twice, written out: it runs for every finding of a rewritten text.)"""
        if start >= end:
            position = self._back(start, False)
            return position, position
        starts, spans = self.starts, self.spans
        index = bisect_right(starts, start) - 1
        if index < 0:
            folded_start = start
        else:
            span = spans[index]
            folded_start = span.old_start if start < span.end else start - span.end + span.old_end
        last = end - 1
        if index + 1 < len(starts) and starts[index + 1] <= last:
            index = bisect_right(starts, last, index + 1) - 1
        if index < 0:
            return folded_start, end
        span = spans[index]
        return folded_start, (span.old_end if last < span.end else last - span.end + span.old_end + 1)


def automaton_of(lexicon: CompiledLexicon) -> ahocorasick.Automaton:
    """form -> indexes of its entries (a form is in at most one entry; see the loader)."""
    automaton = ahocorasick.Automaton()
    for index, entry in enumerate(lexicon.entries):
        automaton.add_word(entry.form, (index, len(entry.form)))
    if lexicon.entries:
        automaton.make_automaton()
    return automaton


def allowed(entry: LexiconEntry, text: str, start: int) -> bool:
    """Whether no guard of `entry` holds at text[start:start+len(form)] (bounded work per guard)."""
    end = start + len(entry.form)
    for word in entry.not_after:
        if start >= len(word) and text.startswith(word, start - len(word)):
            return False
    for word in entry.not_before:
        if text.startswith(word, end):
            return False
    form = entry.form
    for word in entry.not_inside:
        at = word.find(form)
        while at >= 0:
            if start >= at and text.startswith(word, start - at):
                return False
            at = word.find(form, at + 1)
    return True


Window = tuple[int, int, int]  # [start, end) of a line, and the bits of the varieties it has markers of
EVERY_VARIETY = -1  # a window's bits when every entry may apply (the load checks of guards)


def matches(lexicon: CompiledLexicon, automaton, text: str,
            windows: Iterable[Window] | None = None, bits: list[int] | None = None) -> Iterator[tuple[int, int, int]]:
    """Leftmost-longest allowed forms: (start, end, entry index), in text order, not overlapping.
    `windows` (in text order): where to look, and which varieties' weak entries apply there;
    None: the whole text, every entry. `bits`: entry_bits(lexicon), when the caller keeps it
    (a Reader does: worked out per call it was a third of a short marked turn's check)."""
    if automaton.kind != ahocorasick.AHOCORASICK:
        return
    entries = lexicon.entries
    bits = entry_bits(lexicon) if bits is None else bits
    for window_start, window_end, window_bits in ((0, len(text), EVERY_VARIETY),) if windows is None else windows:
        # a slice, not iter's bounds: given bounds, iter still converts the whole text at each call
        found = [(window_start + last + 1 - length, -length, index)
                 for last, (index, length) in automaton.iter(text[window_start:window_end])]
        if not found:
            continue
        found.sort()
        reached = 0
        for start, negative, index in found:
            need = bits[index]
            if start < reached or (need and not need & window_bits):
                continue
            if allowed(entries[index], text, start):
                reached = start - negative
                yield start, reached, index


CUE = 0x80  # a marker word's rarest character: the line holds a marker only if it holds the word
MARK_SHIFT = 21  # a code point fits in 21 bits: a lookup table's values carry a character's marks above them
_CODE = (1 << MARK_SHIFT) - 1


def _variety_bits(lexicon: CompiledLexicon) -> dict[str, int]:
    return {variety: 1 << i for i, variety in enumerate(lexicon.varieties())}


def entry_bits(lexicon: CompiledLexicon) -> list[int]:
    """Per entry, the window bits it needs: none for a strong entry; for a weak one, any of its varieties'."""
    varieties = _variety_bits(lexicon)
    bits = []
    for e in lexicon.entries:
        need = 0
        if e.weak:
            for variety in (e.variety, *e.also):
                need |= varieties.get(variety, 0)
        bits.append(need)
    return bits


def take_marks(folded):
    """The positions of the marked values of `folded` (code points with marks above MARK_SHIFT,
    as a table from `Reader.table` gives them) and their marks; the marks are cleared in place,
    so `folded` is left holding code points only. One comparison and one scan of the array."""
    where = np.flatnonzero(folded > _CODE)
    marks = folded[where] >> MARK_SHIFT
    folded[where] &= _CODE
    return where, marks


class Reader:
    """What reading a text needs, worked out once per lexicon: the automaton and the markers."""

    def __init__(self, lexicon: CompiledLexicon):
        self.lexicon = lexicon
        self.automaton = automaton_of(lexicon)
        self.entry_bits = entry_bits(lexicon)  # once, not per text read
        varieties = _variety_bits(lexicon)
        self.marker_bits: dict[int, int] = {}  # code point -> bits of the varieties it marks (CUE: see words)
        self.words: dict[str, list[tuple[str, int, int]]] = {}  # cue character -> the marker words it is the cue of, with their bits
        for variety, markers in lexicon.markers:
            for word, at in markers:
                cue, bits = word[at], varieties[variety]
                if len(word) > 1:  # a word of common characters: its rarest one is a cue, the line is checked for the word
                    self.words.setdefault(cue, []).append((word, bits, at))
                    bits = CUE
                code = ord(cue)
                self.marker_bits[code] = self.marker_bits.get(code, 0) | bits
        self.marker_search = re.compile("[%s]" % re.escape("".join(map(chr, self.marker_bits)))) if self.marker_bits else None
        # a candidate line's markers, words and characters in one regex (longest words first):
        # a word of common characters (无法度) costs one search of the lines holding its cue
        self.found_bits: dict[str, int] = {}  # a marker word or character -> its bits and those of the markers in it
        for code, bits in self.marker_bits.items():
            if bits & ~CUE:
                self.found_bits[chr(code)] = bits & ~CUE
        for words in self.words.values():
            for word, bits, _ in words:
                self.found_bits[word] = self.found_bits.get(word, 0) | bits | self._char_bits(word)
        singles = "".join(w for w in self.found_bits if len(w) == 1)
        longer = sorted((w for w in self.found_bits if len(w) > 1), key=len, reverse=True)
        self.marker_words = re.compile("|".join([*map(re.escape, longer), *(["[%s]" % re.escape(singles)] if singles else [])]))
        self._tables: dict[bool, object] = {}  # built on the first large text

    def table(self, fold=None):
        """code point -> code point with its marks (variety bits, CUE) above MARK_SHIFT, as a
        numpy array: for folded text; given `fold` (normalisation's table, code point -> folded
        code point, a dropped character above every code point), for the original text, so
        that one gather both folds a text and marks it (`take_marks` parts them)."""
        table = self._tables.get(fold is not None)
        if table is None:
            # only the few code points that fold to a marker are touched: whole-table
            # temporaries (four of 4.4 MB each) raised the peak memory of a large check
            codes = np.array(sorted(self.marker_bits), dtype=np.uint32)
            marks = np.array([self.marker_bits[c] for c in codes.tolist()], dtype=np.uint32) << MARK_SHIFT
            if fold is None:
                table = np.arange(0x110000, dtype=np.uint32)
                table[codes] |= marks
            else:  # a dropped character stays above every marked value (all its bits are set)
                table = fold.copy()
                where = np.flatnonzero(np.isin(fold, codes))
                table[where] |= marks[np.searchsorted(codes, fold[where])]
            self._tables[fold is not None] = table
        return table

    def windows(self, text: str, codes=None, table=None) -> list[Window]:
        """The lines of `text` that hold a marker, with the varieties they mark. For a large
        text, `codes` (a numpy array, one code point per character of `text`) are looked up in
        `table` (default `table()`): one gather; else a character-class search."""
        if self.marker_search is None:
            return []
        if codes is None:
            return self._windows_small(text)
        folded = (self.table() if table is None else table)[codes]
        return self.marked_windows(text, folded, *take_marks(folded))

    def marked_windows(self, text: str, folded, where, marks) -> list[Window]:
        """`windows` from what `take_marks` found: `folded` holds the code points of `text`,
        `where` the marked positions and `marks` their marks. Vectorised throughout: a cue is
        checked for its words with one comparison per character of each word."""
        if not len(where):
            return []
        marks = marks.astype(np.int64)
        cued = np.flatnonzero(marks & CUE)
        if len(cued):  # a cue counts only where one of its words stands around it
            marks[cued] &= ~CUE
            positions, cues = where[cued], folded[where[cued]]
            size = len(folded)
            for cue, words in self.words.items():
                mine = np.flatnonzero(cues == ord(cue))
                if not len(mine):
                    continue
                at_cue = positions[mine]
                for word, word_bits, at in words:
                    start = at_cue - at
                    stands = (start >= 0) & (start + len(word) <= size)
                    for k, char in enumerate(word):
                        if k != at:
                            stands &= folded[np.clip(start + k, 0, size - 1)] == ord(char)
                    marks[cued[mine[stands]]] |= word_bits
            kept = np.flatnonzero(marks)
            where, marks = where[kept], marks[kept]
            if not len(where):
                return []
        newlines = np.flatnonzero(folded == 10)
        lines = np.searchsorted(newlines, where)  # the line of each marker
        first = np.flatnonzero(np.diff(lines, prepend=-1))  # each marked line's first marker
        line_bits = np.bitwise_or.reduceat(marks, first)
        starts = np.concatenate(([0], newlines + 1))[lines[first]]
        ends = np.concatenate((newlines, [len(text)]))[lines[first]]
        return list(zip(starts.tolist(), ends.tolist(), line_bits.tolist()))

    def _char_bits(self, word: str) -> int:
        """The bits of the single-character markers in `word`."""
        return sum({self.marker_bits.get(ord(c), 0) & ~CUE for c in word})

    def _windows_small(self, text: str) -> list[Window]:
        """A character-class search finds a line holding a marker or a cue; one regex over
        that line finds its marker words and characters. Each line is looked at once."""
        found: list[Window] = []
        find, rfind = text.find, text.rfind
        found_bits, words = self.found_bits, self.marker_words.finditer
        position = 0
        search = self.marker_search.search
        while (match := search(text, position)) is not None:
            start = rfind("\n", 0, match.start()) + 1
            end = find("\n", match.start())
            end = len(text) if end < 0 else end
            bits = 0
            for word in words(text, start, end):
                bits |= found_bits[word.group()]
            if bits:
                found.append((start, end, bits))
            position = end
        return found

    def read(self, text: str, codes=None, table=None) -> tuple[str, Rewrites | None]:
        """`text` read through the lexicon where markers allow (see the module's docstring);
        `codes` and `table` as for `windows`."""
        return self.read_windows(text, self.windows(text, codes, table))

    def read_windows(self, text: str, windows: list[Window]) -> tuple[str, Rewrites | None]:
        """`text` read through the lexicon in `windows` (from `windows` or `marked_windows`)."""
        if not windows:
            return text, None
        return rewrite_text(self.lexicon, self.automaton, text, windows, self.entry_bits)


def rewrite_text(lexicon: CompiledLexicon, automaton, text: str,
                 windows: Iterable[Window] | None = None, bits: list[int] | None = None) -> tuple[str, Rewrites | None]:
    """`text` with its regional forms in Mandarin, and the replaced spans (None: nothing replaced);
    `windows` and `bits` as for `matches`."""
    pieces: list[str] = []
    spans: list[Rewrite] = []
    copied = 0  # text[:copied] is in pieces
    length = 0  # of the rewritten text so far
    entries = lexicon.entries
    for start, end, index in matches(lexicon, automaton, text, windows, bits):
        entry = entries[index]
        pieces.append(text[copied:start])
        length += start - copied
        pieces.append(entry.mandarin)
        spans.append(Rewrite(length, length + len(entry.mandarin), start, end, text[start:end], entry.mandarin, entry.variety))
        length += len(entry.mandarin)
        copied = end
    if not spans:
        return text, None
    pieces.append(text[copied:])
    return "".join(pieces), Rewrites(tuple(spans), tuple(s.start for s in spans))


def rewrite_phrase(lexicon: CompiledLexicon, automaton, phrase: str, bits: list[int] | None = None) -> str:
    """A rule's literal read the way the text is, so a rule written with a regional form still
    matches the text that form is rewritten in. Strong entries only: a weak form (你係边个's 係)
    stays as written, which matches an unmarked line where it stays too; a marked line reads
    it, and the rule's Mandarin alternative (你是谁) matches there."""
    strong = [(0, len(phrase), 0)]  # a window with no variety's bits: weak entries never apply
    return rewrite_text(lexicon, automaton, phrase, strong, bits)[0]
