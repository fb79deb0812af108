"""Gapped phrases matched without backtracking.

A phrase with gaps (不给…{8}就别进来) is a first part, which the automaton finds, and a tail:
each later part after a gap of up to N characters within one sentence. A backtracking regex
tries every way of filling the gaps, which grows exponentially with their number
(你…你…你…你…你…你…吗 over 2 KB of 你 took 20 s). Here the question "does the tail from part i
on follow at position p, and where does it end?" is answered once per (i, p) and remembered,
so the work is at most parts x positions x (gap + 1) x lengths, linear in the text, however
the phrase is written.

The answer is the one a backtracking regex gives (`[^stops]{0,N}?(?:longest|…|shortest)` per
part): the shortest gap first and, at each gap, the longest variant of the part first. The
first way that reaches the end wins, and what follows a part at p does not depend on how p
was reached, so remembering (i, p) cannot change which way that is.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from ..packs.compile import SENTENCE_STOPS, Phrase, Tail

# Remembered answers per part are dropped past this many (then recomputed as needed): memory
# stays bounded on any text, and a candidate needs at most a window's worth of them again.
MEMO_LIMIT = 1 << 16


class _Step(NamedTuple):
    gap: int
    lengths: tuple[int, ...]  # of the part's variants, longest first
    variants: frozenset[str]


class TailMatcher:
    """The tail of one gapped phrase: where it ends when it follows a position, or None."""

    __slots__ = ("steps", "after", "first")

    def __init__(self, tail: Tail, after: tuple[str, ...] = ()):
        self.steps = tuple(
            _Step(gap, tuple(sorted({len(v) for v in variants}, reverse=True)), frozenset(variants))
            for gap, variants in tail
        )
        self.after = after  # trailing context that must stand right after the last part
        # the characters the first part can begin with (None: it may be empty), searched for in C
        # before any Python walk: a phrase that opens on 我们 asks at every 我们 of a text, and the
        # walk was 2.7x the whole check of the 10 MB benchmark corpus (BENCHMARKS.md, round 6)
        variants = self.steps[0].variants if self.steps else frozenset()
        self.first = (None if not variants or "" in variants
                      else re.compile("[" + "".join(map(re.escape, sorted({v[0] for v in variants}))) + "]"))

    def memo(self) -> list[dict[int, int | None]]:
        """Room for the answers of one text and limit, shared by all its candidates: per part,
        position -> where the tail from that part on ends (None: it does not follow there)."""
        return [{} for _ in self.steps]

    def end(self, text: str, position: int, limit: int, memo: list[dict[int, int | None]]) -> int | None:
        """Where the tail that follows `position` ends, with every part before `limit`; None when it
        does not follow."""
        limit = min(limit, len(text))
        first = self.first
        if first is not None and first.search(text, position, min(limit, position + self.steps[0].gap + 1)) is None:
            return None  # the first part starts within its gap, and no character there can begin it
        return self._from(0, position, text, limit, memo)

    def _from(self, index: int, position: int, text: str, limit: int, memo: list[dict[int, int | None]]) -> int | None:
        known = memo[index]
        if position in known:
            return known[position]
        if len(known) > MEMO_LIMIT:
            known.clear()
        gap, lengths, variants = self.steps[index]
        last = index + 1 == len(self.steps)
        after = self.after
        found = None
        at = position
        while True:
            for length in lengths:
                stop = at + length
                if stop <= limit and text[at:stop] in variants:
                    if not last:
                        found = self._from(index + 1, stop, text, limit, memo)
                    elif not after or any(text.startswith(a, stop, limit) for a in after):
                        found = stop
                    if found is not None:
                        break
            if found is not None or at - position == gap or at >= limit or text[at] in SENTENCE_STOPS:
                break
            at += 1
        known[position] = found
        return found


@functools.lru_cache(maxsize=None)
def tail_matcher(tail: Tail, after: tuple[str, ...] = ()) -> TailMatcher:
    return TailMatcher(tail, after)


class PhraseSearch:
    """Any of several phrases (gaps included) searched for in a span: the match a regex of their
    alternation would find, the leftmost first and, there, the first phrase that matches."""

    __slots__ = ("first", "phrases")

    def __init__(self, phrases: tuple[Phrase, ...]):
        starts = sorted({v for variants, _ in phrases for v in variants}, key=lambda v: (-len(v), v))
        # where some phrase's first part stands, found in C; the rest is judged in Python
        self.first = re.compile("|".join(map(re.escape, starts)))
        self.phrases = tuple(
            (tuple(sorted({len(v) for v in variants}, reverse=True)), frozenset(variants), tail_matcher(tail) if tail else None)
            for variants, tail in phrases
        )

    def search(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The first match inside [start, end) as (start, end), or None."""
        end = min(end, len(text))
        memos = [tail.memo() if tail is not None else [] for _, _, tail in self.phrases]
        position = start
        while (found := self.first.search(text, position, end)) is not None:
            at = found.start()
            for (lengths, variants, tail), memo in zip(self.phrases, memos):
                for length in lengths:
                    if at + length <= end and text[at:at + length] in variants:
                        stop = at + length if tail is None else tail.end(text, at + length, end, memo)
                        if stop is not None:
                            return at, stop
            position = at + 1
        return None


@functools.lru_cache(maxsize=None)
def phrase_search(phrases: tuple[Phrase, ...]) -> PhraseSearch:
    """Built on first use from the compiled, plain-data form (which the pack cache stores)."""
    return PhraseSearch(phrases)
