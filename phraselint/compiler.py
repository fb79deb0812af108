"""Compile loaded packs once into a matcher: one Aho-Corasick automaton for every phrase of every rule.

The compiled form holds only immutable, picklable data (plus the automaton), so it can
be shared by threads, reused across files and, later, cached on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

import ahocorasick

from .model import Pack, Rule
from .normalise import normalise_phrase
from .pattern import Pattern, parse_pattern

# Characters a gap may not cross: a gap joins parts of one sentence, never two.
SENTENCE_STOPS = "。!?;\n"


@dataclass(frozen=True)
class CompiledPattern:
    rule_index: int
    pattern: Pattern
    tail: re.Pattern[str] | None  # matches the segments after the first, gaps included


@dataclass(frozen=True)
class CompiledExemption:
    followed_by: tuple[str, ...]
    preceded_by: tuple[str, ...]
    inside: tuple[str, ...]


@dataclass(frozen=True)
class CompiledRules:
    rules: tuple[Rule, ...]
    patterns: tuple[CompiledPattern, ...]
    exemptions: tuple[tuple[CompiledExemption, ...], ...]  # per rule index
    automaton: ahocorasick.Automaton  # normalised literal -> ((pattern index, length), ...)

    def rule_index(self) -> dict[str, int]:
        return {rule.id: i for i, rule in enumerate(self.rules)}


def _tail_regex(pattern: Pattern) -> re.Pattern[str] | None:
    if len(pattern.segments) == 1:
        return None
    stop = re.escape(SENTENCE_STOPS)
    parts = []
    for gap, segment in zip(pattern.gaps, pattern.segments[1:]):
        literals = sorted({normalise_phrase(s) for s in segment}, key=lambda s: (-len(s), s))
        parts.append(f"[^{stop}]{{0,{gap}}}?(?:{'|'.join(map(re.escape, literals))})")
    return re.compile("".join(parts))


def _normalised(literals: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({normalise_phrase(s) for s in literals}))


def compile_packs(packs: Iterable[Pack]) -> CompiledRules:
    rules = tuple(rule for pack in packs for rule in pack.rules)
    patterns: list[CompiledPattern] = []
    keys: dict[str, list[tuple[int, int]]] = {}
    for rule_index, rule in enumerate(rules):
        for phrase in rule.phrases:
            pattern = parse_pattern(phrase)  # validated at load time
            pattern_index = len(patterns)
            patterns.append(CompiledPattern(rule_index, pattern, _tail_regex(pattern)))
            for literal in {normalise_phrase(s) for s in pattern.segments[0]}:
                keys.setdefault(literal, []).append((pattern_index, len(literal)))
    automaton = ahocorasick.Automaton()
    for literal, targets in keys.items():
        automaton.add_word(literal, tuple(targets))
    if keys:
        automaton.make_automaton()
    exemptions = tuple(
        tuple(
            CompiledExemption(_normalised(e.followed_by), _normalised(e.preceded_by), _normalised(e.inside))
            for e in rule.exceptions
        )
        for rule in rules
    )
    return CompiledRules(rules, tuple(patterns), exemptions, automaton)
