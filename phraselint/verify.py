"""Verify candidates: anchors, gaps, exceptions, then word boundaries (the only costly check, so last)."""

from __future__ import annotations

from typing import NamedTuple

from .candidates import Candidate, find_candidates
from .compiler import CompiledExemption, CompiledRules, regex
from .segmenter import Segmenter

# What may stand before a clause-start anchor (^) or after a clause-end anchor ($).
# The enumeration comma 、 is not among them: it joins items of a list inside one clause.
CLAUSE_BREAKS = set(" \t\r\n,.!?;:\"'()[]<>~-…。，；：？！“”‘’「」『』（）【】《》〈〉—")


class Hit(NamedTuple):
    rule_index: int
    start: int  # normalised offsets
    end: int


def is_exempt(exemption: CompiledExemption, text: str, start: int, end: int) -> bool:
    # str.startswith/endswith take a tuple: every alternative is tried in C
    if exemption.followed_by and text.startswith(exemption.followed_by, end):
        return True
    if exemption.preceded_by and text.endswith(exemption.preceded_by, 0, start):
        return True
    for word in exemption.inside:
        lo = max(0, end - len(word))
        hi = min(len(text), start + len(word))
        pos = text.find(word, lo, hi)
        while pos != -1:
            if pos <= start and end <= pos + len(word):
                return True
            pos = text.find(word, pos + 1, hi)
    return False


def judge(compiled: CompiledRules, text: str, candidate: Candidate, segmenter: Segmenter) -> tuple[Hit | None, str]:
    """A candidate's verdict: the hit it makes, or None and the reason it is not one."""
    compiled_pattern = compiled.patterns[candidate.pattern_index]
    rule_index = compiled_pattern.rule_index
    pattern = compiled_pattern.pattern
    start, end = candidate.start, candidate.end
    outer_start, outer_end = candidate.outer_start, candidate.outer_end
    if pattern.at_clause_start and outer_start > 0 and text[outer_start - 1] not in CLAUSE_BREAKS:
        return None, "not at the start of a clause (^)"
    if compiled_pattern.tail is not None:
        tail = regex(compiled_pattern.tail).match(text, end)
        if tail is None:
            return None, "the rest of the phrase does not follow within its gap"
        end = outer_end = tail.end()
        if compiled_pattern.after:  # the lookahead matched the trailing context; it lies beyond `end`
            outer_end = end + max(len(a) for a in compiled_pattern.after if text.startswith(a, end))
    if pattern.at_clause_end and outer_end < len(text) and text[outer_end] not in CLAUSE_BREAKS:
        return None, "not at the end of a clause ($)"
    for exemption in compiled.exemptions[rule_index]:
        if is_exempt(exemption, text, start, end):
            return None, "an exception of the rule applies"
    if compiled.rules[rule_index].boundary == "word" and not segmenter.on_boundaries(text, start, end):
        return None, "starts or ends inside a word"
    return Hit(rule_index, start, end), "hit"


def scan(compiled: CompiledRules, text: str, segmenter: Segmenter, active: frozenset[int] | None = None) -> list[Hit]:
    """Every candidate of the active rules judged: the verified hits, before context and overlaps."""
    patterns = compiled.patterns
    hits: list[Hit] = []
    for candidate in find_candidates(compiled, text):
        if active is not None and patterns[candidate.pattern_index].rule_index not in active:
            continue
        hit, _ = judge(compiled, text, candidate, segmenter)
        if hit is not None:
            hits.append(hit)
    return hits


def resolve_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per place: the longest hit of a rule wins over its overlapping shorter ones,
    and a hit lying wholly inside another rule's longer hit (不知道 in 我也不知道为什么会这样)
    gives way to the more specific rule."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), h.rule_index))
    kept: list[Hit] = []
    open_hits: list[Hit] = []  # kept hits that may still overlap what comes next
    for hit in hits:
        open_hits = [k for k in open_hits if k.end > hit.start]
        if any(
            (k.start <= hit.start and hit.end <= k.end and (k.end - k.start) > (hit.end - hit.start))
            or k.rule_index == hit.rule_index
            for k in open_hits
        ):
            continue
        kept.append(hit)
        open_hits.append(hit)
    return kept
