"""Verify candidates: anchors, gaps, exceptions, then word boundaries (the only costly check, so last)."""

from __future__ import annotations

from typing import NamedTuple


from .candidates import Candidate
from .gaps import TailMatcher, tail_matcher
from ..packs.compile import CompiledExemption, CompiledRules
from ..text.segmenter import Segmenter
from ..i18n.choice import N_

# What may stand before a clause-start anchor (^) or after a clause-end anchor ($).
# The enumeration comma 、 is not among them: it joins items of a list inside one clause.
CLAUSE_BREAKS = set(" \t\r\n,.!?;:\"'()[]<>~-…。，；：？！“”‘’「」『』（）【】《》〈〉—")


class Hit(NamedTuple):
    rule_index: int
    start: int  # normalised offsets
    end: int


# Why a candidate is or is not a hit: what `phraselint tokens` shows for each candidate.
# (marked for the catalogues: `tokens` shows them in the interface language)
HIT = N_("hit")
NOT_AT_CLAUSE_START = N_("not at the start of a clause (^)")
NO_TAIL = N_("the rest of the phrase does not follow within its gap")
NOT_AT_CLAUSE_END = N_("not at the end of a clause ($)")
EXEMPT = N_("an exception of the rule applies")
INSIDE_WORD = N_("starts or ends inside a word")
REJECTIONS = (NOT_AT_CLAUSE_START, NO_TAIL, NOT_AT_CLAUSE_END, EXEMPT, INSIDE_WORD)


class Verdict(NamedTuple):
    """One candidate judged: the hit it makes (its end extended over a gap), or None and why not."""

    candidate: Candidate
    hit: Hit | None
    reason: str


class PatternCheck(NamedTuple):
    """What verifying a candidate of one pattern looks at, worked out once per linter so that the
    scan builds nothing per candidate."""

    rule_index: int
    at_clause_start: bool  # ^
    at_clause_end: bool  # $
    tail: TailMatcher | None  # the parts after the first, each after its gap
    tail_after: tuple[str, ...]  # the tail's trailing context, which $ looks past
    exemption: CompiledExemption | None  # all the rule's exceptions merged (any one exempts); None without any
    word_boundaries: bool


def is_exempt(exemption: CompiledExemption, text: str, start: int, end: int) -> bool:
    # str.startswith/endswith take a tuple: every alternative is tried in C
    if exemption.followed_by and text.startswith(exemption.followed_by, end):
        return True
    if exemption.preceded_by and text.endswith(exemption.preceded_by, 0, start):
        return True
    return bool(exemption.inside) and _inside(exemption.inside, text, start, end)


def checks_of(compiled: CompiledRules, active: frozenset[int] | None = None) -> list[PatternCheck | None]:
    """Per pattern index, the check of its candidates; None for a pattern of an inactive rule
    (`active` None: every rule is active)."""
    checks: list[PatternCheck | None] = []
    merged: dict[int, CompiledExemption] = {}
    for compiled_pattern in compiled.patterns:
        rule_index = compiled_pattern.rule_index
        if active is not None and rule_index not in active:
            checks.append(None)
            continue
        exemption = merged.get(rule_index)
        if exemption is None:
            exemptions = compiled.exemptions[rule_index]
            exemption = merged[rule_index] = CompiledExemption(
                tuple(w for e in exemptions for w in e.followed_by),
                tuple(w for e in exemptions for w in e.preceded_by),
                tuple(w for e in exemptions for w in e.inside),
            )
        if not any(exemption):
            exemption = None
        checks.append(PatternCheck(
            rule_index, compiled_pattern.at_clause_start, compiled_pattern.at_clause_end,
            tail_matcher(compiled_pattern.tail, compiled_pattern.after) if compiled_pattern.tail else None,
            compiled_pattern.after, exemption, compiled.rules[rule_index].boundary == "word",
        ))
    return checks


def _inside(words: tuple[str, ...], text: str, start: int, end: int) -> bool:
    """Whether one of `words` covers [start, end) (the exception `inside`)."""
    for word in words:
        lo = max(0, end - len(word))
        hi = start + len(word)
        pos = text.find(word, lo, hi)
        while pos != -1:
            if pos <= start and end <= pos + len(word):
                return True
            pos = text.find(word, pos + 1, hi)
    return False


def scan(compiled: CompiledRules, text: str, segmenter: Segmenter, checks: list[PatternCheck | None],
         trace: list[Verdict] | None = None) -> list[Hit]:
    """Every candidate of the patterns that have a check, judged: the verified hits, before
    context and overlaps. With `trace`, the Verdict of each of those candidates is appended to it
    as well, in the order of the automaton (this is what `phraselint tokens` explains).

    Anchors, gaps and exceptions are tried first; word boundaries, the only costly check, last:
    a boundary the segmenter has not judged before is judged after the loop, all of them
    together (their dictionary words are looked up in one query per word length)."""

    automaton = compiled.automaton
    if not automaton:
        return []
    length_of_text = len(text)
    boundary_key = segmenter.boundary_key
    known = segmenter.known
    hits: list[Hit] = []
    pending: list[tuple[int, tuple[str, int, int], int]] = []  # (index in hits, boundary key, index in trace)
    memos: dict[int, list] = {}  # per gapped pattern: what its tail does at each place in this text
    for last, targets in automaton.matches(text):
        outer_end = last + 1
        for pattern_index, length, before, after in targets:
            check = checks[pattern_index]
            if check is None:
                continue
            outer_start = outer_end - length
            start = outer_start + before
            end = outer_end - after
            beyond = outer_end  # what $ looks at: the character after the phrase's trailing context
            reason = HIT
            if check.at_clause_start and outer_start and text[outer_start - 1] not in CLAUSE_BREAKS:
                reason = NOT_AT_CLAUSE_START
            elif check.tail is not None:
                memo = memos.get(pattern_index)
                if memo is None:
                    memo = memos[pattern_index] = check.tail.memo()
                tail_end = check.tail.end(text, end, length_of_text, memo)
                if tail_end is None:
                    reason = NO_TAIL
                else:
                    end = beyond = tail_end
                    if check.tail_after:  # the trailing context followed the tail; it lies beyond `end`
                        beyond += max(len(a) for a in check.tail_after if text.startswith(a, end))
            if reason is not HIT:
                pass
            elif check.at_clause_end and beyond < length_of_text and text[beyond] not in CLAUSE_BREAKS:
                reason = NOT_AT_CLAUSE_END
            elif check.exemption is not None and is_exempt(check.exemption, text, start, end):
                reason = EXEMPT
            elif check.word_boundaries and (key := boundary_key(text, start, end)) is not None:
                on_boundaries = known(key)
                if on_boundaries is None:  # judged after the loop
                    pending.append((len(hits), key, -1 if trace is None else len(trace)))
                elif not on_boundaries:
                    reason = INSIDE_WORD
            hit = Hit(check.rule_index, start, end) if reason is HIT else None
            if hit is not None:
                hits.append(hit)
            if trace is not None:
                candidate = Candidate(pattern_index, start, outer_end - after, outer_start, outer_end)
                trace.append(Verdict(candidate, hit, reason))
    if pending:
        verdicts = segmenter.verdicts([key for _, key, _ in pending])
        dropped = set()
        for (index, _, traced), on_boundaries in zip(pending, verdicts):
            if not on_boundaries:
                dropped.add(index)
                if trace is not None:
                    trace[traced] = trace[traced]._replace(hit=None, reason=INSIDE_WORD)
        if dropped:
            hits = [hit for index, hit in enumerate(hits) if index not in dropped]
    return hits


def explain(compiled: CompiledRules, text: str, segmenter: Segmenter) -> list[Verdict]:
    """The verdict of every candidate of every rule, active or not, from the checking scan itself."""
    trace: list[Verdict] = []
    scan(compiled, text, segmenter, checks_of(compiled), trace)
    return trace


def resolve_overlaps(hits: list[Hit]) -> list[int]:
    """One finding per place, from hits sorted by `overlap_order`: the positions of the hits kept,
    in order. The longest hit of a rule wins over its overlapping shorter ones, and a hit lying
    wholly inside another rule's longer hit (不知道 in 我也不知道为什么会这样) gives way to the more
    specific rule. What it keeps is in text order as well, (start, end, rule index): of two kept
    hits with one start, neither is shorter. Positions, so that a caller holding more than the
    hits (their context) keeps its own records."""
    kept: list[int] = []
    open_hits: list[Hit] = []  # kept hits that may still overlap what comes next
    open_end = 0  # the furthest end among them
    for position, hit in enumerate(hits):
        rule_index, start, end = hit
        if open_hits:
            if start >= open_end:  # the usual case: nothing kept reaches this hit
                open_hits = []
            else:
                open_hits = [k for k in open_hits if k.end > start]
                covered = False
                for k_rule, k_start, k_end in open_hits:
                    if k_rule == rule_index or (k_start <= start and end <= k_end and k_end - k_start > end - start):
                        covered = True
                        break
                if covered:
                    continue
        kept.append(position)
        if open_hits:
            open_hits.append(hit)
            open_end = max(open_end, end)
        else:
            open_hits = [hit]
            open_end = end
    return kept


def overlap_order(hit: Hit) -> tuple[int, int, int]:
    rule_index, start, end = hit
    return start, start - end, rule_index
