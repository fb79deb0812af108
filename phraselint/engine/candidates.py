"""Find candidate hits: one pass of the automaton over the normalised text."""

from __future__ import annotations

from typing import Iterator, NamedTuple


from ..packs.compile import CompiledRules


class Candidate(NamedTuple):
    pattern_index: int
    start: int  # in the normalised text, context excluded
    end: int  # end of the first segment; verification may extend it over a gap
    outer_start: int  # with the phrase's context (what anchors look at)
    outer_end: int


def find_candidates(compiled: CompiledRules, text: str) -> Iterator[Candidate]:
    automaton = compiled.automaton
    if not automaton:
        return
    for last, targets in automaton.iter(text):
        for pattern_index, length, before, after in targets:
            outer_start = last - length + 1
            yield Candidate(pattern_index, outer_start + before, last + 1 - after, outer_start, last + 1)
