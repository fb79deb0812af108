"""Regional forms read as standard Mandarin: a compiled lexicon and the rewrite it makes.

Rules are written once, in standard Mandarin; Hong Kong Cantonese, Wu, south-western,
north-eastern and Taiwan colloquial wording is read through a lexicon (rules/lexicons/)
after script folding, so that 我唔知 meets the rule written for 我不知道. The rewrite is
leftmost-longest: at each position the longest form whose guards allow it wins, and the scan
goes on after it. The forms are found with one Aho-Corasick pass (linear in the text; every
form is at most MAX_FORM characters, so the matches are at most that many per position) and
a text with none of them is returned as it came, at the cost of that pass alone.

The rewrite keeps the way back: `Rewrites` records each replaced span, so a finding that
covers any part of a rewritten form points at the whole original form, and offsets outside
rewritten forms shift by what came before them (code points, so 𨋢 counts one).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterator, NamedTuple

import ahocorasick

MAX_FORM = 12  # characters in a form or a guard word: bounds the work per position


class LexiconEntry(NamedTuple):
    """One regional form (folded to simplified, as the text is) and its Mandarin reading."""

    form: str
    mandarin: str
    variety: str
    not_after: tuple[str, ...] = ()  # the form is not regional right after any of these
    not_before: tuple[str, ...] = ()  # ... nor right before any of these
    not_inside: tuple[str, ...] = ()  # ... nor inside any of these words (each holds the form)


class CompiledLexicon(NamedTuple):
    """Plain data (cached with the compiled packs): the entries, and the files they came from."""

    entries: tuple[LexiconEntry, ...] = ()
    files: tuple[str, ...] = ()

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
        """The folded span of rewritten [start, end): the end is found from the span's last character."""
        if start >= end:
            position = self._back(start, False)
            return position, position
        return self._back(start, False), self._back(end - 1, True)


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


def matches(lexicon: CompiledLexicon, automaton, text: str) -> Iterator[tuple[int, int, int]]:
    """Leftmost-longest allowed forms: (start, end, entry index), in text order, not overlapping."""
    if automaton.kind != ahocorasick.AHOCORASICK:
        return
    found = [(last + 1 - length, -length, index) for last, (index, length) in automaton.iter(text)]
    if not found:
        return
    found.sort()
    entries = lexicon.entries
    reached = 0
    for start, negative, index in found:
        if start < reached:
            continue
        if allowed(entries[index], text, start):
            reached = start - negative
            yield start, reached, index


def rewrite_text(lexicon: CompiledLexicon, automaton, text: str) -> tuple[str, Rewrites | None]:
    """`text` with its regional forms in Mandarin, and the replaced spans (None: nothing replaced)."""
    pieces: list[str] = []
    spans: list[Rewrite] = []
    copied = 0  # text[:copied] is in pieces
    length = 0  # of the rewritten text so far
    entries = lexicon.entries
    for start, end, index in matches(lexicon, automaton, text):
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


def rewrite_phrase(lexicon: CompiledLexicon, automaton, phrase: str) -> str:
    """A rule's literal read the way the text is, so a rule written with a regional form still
    matches the text that form is rewritten in."""
    return rewrite_text(lexicon, automaton, phrase)[0]
