"""Compile loaded packs once into a matcher: one Aho-Corasick automaton for every phrase of every rule.

The compiled form holds only immutable, picklable data (plus the automaton), so it can
be shared by threads, reused across files and, later, cached on disk.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Iterable, NamedTuple

if TYPE_CHECKING:
    from ..text.segmenter import Segmenter


from ..model import Pack, Rule
from ..text.lexicon import CompiledLexicon
from .exemplars import Exemplars, compile_exemplars
from .lexicon_loader import builtin_lexicon, phrase_forms  # folded, then read through the lexicon
from .automaton import PhraseAutomaton, build as build_automaton
from .syntax import Pattern, parse_pattern

# Characters a gap may not cross: a gap joins parts of one sentence, never two.
SENTENCE_STOPS = "。!?;\n"


# A gapped phrase's parts after the first, as plain data (matched by engine/gaps.py): each one's
# gap (the most characters before it) and its normalised variants, longest first.
Tail = tuple[tuple[int, tuple[str, ...]], ...]
# A phrase searched for (required wording): its first part's normalised variants, and its tail.
Phrase = tuple[tuple[str, ...], Tail]


class CompiledPattern(NamedTuple):
    """One phrase of a rule, as checking needs it. Its parsed form (`pattern`: every variant of
    every part) is parsed again when asked for, to explain a candidate: kept here, it was 40%
    of the cache entry every start decodes."""

    rule_index: int
    source: str  # the phrase, word classes expanded: what parse_pattern read
    at_clause_start: bool  # ^
    at_clause_end: bool  # $
    tail: Tail | None  # the parts after the first, each after its gap; None without gaps
    after: tuple[str, ...] = ()  # normalised trailing context of a gapped phrase (checked after its tail)

    @property
    def pattern(self) -> Pattern:
        return _parsed(self.source)


@functools.lru_cache(maxsize=256)
def _parsed(source: str) -> Pattern:
    return parse_pattern(source)


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
    automaton: PhraseAutomaton  # normalised key -> ((pattern index, key length, context before, context after), ...)
    lexicon: CompiledLexicon = CompiledLexicon()  # regional forms read as Mandarin before matching (text/lexicon.py)
    similar: Exemplars = Exemplars()  # exemplar sentences of the similar-wording layer (engine/similar.py)

    def rule_index(self) -> dict[str, int]:
        return {rule.id: i for i, rule in enumerate(self.rules)}


def _variants(literals: Iterable[str]) -> tuple[str, ...]:
    """Normalised (in both readings, see phrase_forms), longest first: the order in which a
    part's variants are tried after a gap."""
    return tuple(sorted({f for s in literals for f in phrase_forms(s)}, key=lambda s: (-len(s), s)))


def _tail(pattern: Pattern) -> Tail | None:
    if len(pattern.segments) == 1:
        return None
    return tuple((gap, _variants(segment)) for gap, segment in zip(pattern.gaps, pattern.segments[1:]))


def search_phrases(phrases: Iterable[str]) -> tuple[Phrase, ...]:
    """Phrases in the form engine/gaps.py searches for (anchors and contexts are rejected at load)."""
    return tuple((_variants(p.segments[0]), _tail(p) or ()) for p in map(parse_pattern, phrases))


def _normalised(literals: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({f for s in literals for f in phrase_forms(s)}))


ELEMENT = "element"  # the type of the rules a keyword combination's wordings are compiled as


def combination_elements(rules: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """Each wording of each keyword combination as a rule of its own, `{id}#{group}{n}` (all1,
    any2, none1 ...): they are found by the same automaton pass and verified like any phrase
    (boundaries included), then combined per window by engine/combinations.py. They follow
    the packs' rules in CompiledRules.rules, so a rule's index is the same with or without them."""
    elements = []
    for rule in rules:
        if rule.combine is None:
            continue
        for group in ("all", "any", "none"):
            for number, phrase in enumerate(getattr(rule.combine, group), 1):
                elements.append(rule._replace(
                    id=f"{rule.id}#{group}{number}", type=ELEMENT, phrases=(phrase,), written=(), exceptions=(),
                    combine=None, rewrites=(), bad_examples=(), good_examples=(),
                ))
    return tuple(elements)


def compile_packs(packs: Iterable[Pack]) -> CompiledRules:
    rules = tuple(rule for pack in packs for rule in pack.rules)
    rules += combination_elements(rules)
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
            patterns.append(CompiledPattern(rule_index, phrase, pattern.at_clause_start, pattern.at_clause_end, tail,
                                            _normalised(pattern.after) if tail else ()))
            # contexts are matched with the phrase but trimmed from the span; a trailing
            # context of a gapped phrase is checked after its tail instead
            befores = {f for s in pattern.before for f in phrase_forms(s)} or {""}
            afters = {f for s in pattern.after for f in phrase_forms(s)} if len(pattern.segments) == 1 else set()
            for literal in {f for s in pattern.segments[0] for f in phrase_forms(s)}:
                for before in befores:
                    for after in afters or {""}:
                        key = before + literal + after
                        keys.setdefault(key, []).append((pattern_index, len(key), len(before), len(after)))
    automaton = build_automaton(keys)
    exemptions = tuple(
        tuple(
            CompiledExemption(_normalised(e.followed_by), _normalised(e.preceded_by), _normalised(e.inside))
            for e in rule.exceptions
        )
        for rule in rules
    )
    return CompiledRules(rules, tuple(patterns), exemptions, tuple(requirements), automaton, builtin_lexicon(),
                         compile_exemplars(rules))


class BuiltPacks(NamedTuple):
    """What a Linter is made from."""

    packs: list[Pack]
    compiled: CompiledRules
    written: dict  # pre-written suggestions: (text, script, variant) -> text
    # the segmenter that checked the examples, with the words it looked up, for the linter to
    # reuse (without a cache folder it holds the whole dictionary); never cached
    segmenter: Segmenter | None = None
