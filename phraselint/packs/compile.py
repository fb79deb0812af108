"""Compile loaded packs once into a matcher: one Aho-Corasick automaton for every phrase of every rule.

The compiled form holds only immutable, picklable data (plus the automaton), so it can
be shared by threads, reused across files and, later, cached on disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, NamedTuple

if TYPE_CHECKING:
    from ..text.segmenter import Segmenter

import ahocorasick

from ..model import Pack, Rule
from ..text.normalise import normalise_phrase
from .syntax import Pattern, parse_pattern

# Characters a gap may not cross: a gap joins parts of one sentence, never two.
SENTENCE_STOPS = "。!?;\n"


# A gapped phrase's parts after the first, as plain data (matched by engine/gaps.py): each one's
# gap (the most characters before it) and its normalised variants, longest first.
Tail = tuple[tuple[int, tuple[str, ...]], ...]
# A phrase searched for (required wording): its first part's normalised variants, and its tail.
Phrase = tuple[tuple[str, ...], Tail]


class CompiledPattern(NamedTuple):
    rule_index: int
    pattern: Pattern
    tail: Tail | None  # the parts after the first, each after its gap; None without gaps
    after: tuple[str, ...] = ()  # normalised trailing context of a gapped phrase (checked after its tail)


class CompiledExemption(NamedTuple):
    followed_by: tuple[str, ...]
    preceded_by: tuple[str, ...]
    inside: tuple[str, ...]


class CompiledRequirement(NamedTuple):
    """A `type: require` rule: its phrases searched for per turn (engine/gaps.py)."""

    rule_index: int
    scope: str
    kinds: frozenset[str]
    trigger: tuple[Phrase, ...] | None
    parts: tuple[tuple[str, tuple[Phrase, ...]], ...]  # (part name, any of its phrases)


class CompiledRules(NamedTuple):
    rules: tuple[Rule, ...]
    patterns: tuple[CompiledPattern, ...]
    exemptions: tuple[tuple[CompiledExemption, ...], ...]  # per rule index
    requirements: tuple[CompiledRequirement, ...]
    automaton: ahocorasick.Automaton  # normalised key -> ((pattern index, key length, context before, context after), ...)

    def rule_index(self) -> dict[str, int]:
        return {rule.id: i for i, rule in enumerate(self.rules)}


def _variants(literals: Iterable[str]) -> tuple[str, ...]:
    """Normalised, longest first: the order in which a part's variants are tried after a gap."""
    return tuple(sorted({normalise_phrase(s) for s in literals}, key=lambda s: (-len(s), s)))


def _tail(pattern: Pattern) -> Tail | None:
    if len(pattern.segments) == 1:
        return None
    return tuple((gap, _variants(segment)) for gap, segment in zip(pattern.gaps, pattern.segments[1:]))


def search_phrases(phrases: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases in the form engine/gaps.py searches for (anchors and contexts are rejected at load)."""
    return tuple((_variants(p.segments[0]), _tail(p) or ()) for p in map(parse_pattern, phrases))


def _normalised(literals: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({normalise_phrase(s) for s in literals}))


def compile_packs(packs: Iterable[Pack]) -> CompiledRules:
    rules = tuple(rule for pack in packs for rule in pack.rules)
    patterns: list[CompiledPattern] = []
    keys: dict[str, list[tuple[int, int, int, int]]] = {}
    requirements: list[CompiledRequirement] = []
    for rule_index, rule in enumerate(rules):
        if rule.type == "require":
            requirements.append(CompiledRequirement(
                rule_index, rule.scope or "", frozenset(rule.kinds),
                search_phrases(rule.trigger) if rule.trigger else None,
                tuple((part.name, search_phrases(part.phrases)) for part in rule.parts),
            ))
            continue
        for phrase in rule.phrases:
            pattern = parse_pattern(phrase)  # validated at load time
            pattern_index = len(patterns)
            tail = _tail(pattern)
            patterns.append(CompiledPattern(rule_index, pattern, tail, _normalised(pattern.after) if tail else ()))
            # contexts are matched with the phrase but trimmed from the span; a trailing
            # context of a gapped phrase is checked after its tail instead
            befores = {normalise_phrase(s) for s in pattern.before} or {""}
            afters = {normalise_phrase(s) for s in pattern.after} if len(pattern.segments) == 1 else set()
            for literal in {normalise_phrase(s) for s in pattern.segments[0]}:
                for before in befores:
                    for after in afters or {""}:
                        key = before + literal + after
                        keys.setdefault(key, []).append((pattern_index, len(key), len(before), len(after)))
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
    return CompiledRules(rules, tuple(patterns), exemptions, tuple(requirements), automaton)


class BuiltPacks(NamedTuple):
    """What a Linter is made from."""

    packs: list[Pack]
    compiled: CompiledRules
    written: dict  # pre-written suggestions: (text, script, variant) -> text
    # the segmenter that checked the examples, with the words it looked up, for the linter to
    # reuse (without a cache folder it holds the whole dictionary); never cached
    segmenter: Segmenter | None = None
