"""Verify candidates: anchors, gaps, exceptions, then word boundaries (the only costly check, so last)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .candidates import Candidate
from .compiler import CompiledExemption, CompiledRules
from .segmenter import Segmenter

# What may stand before a clause-start anchor (^) or after a clause-end anchor ($).
CLAUSE_BREAKS = set(" \t\r\n,.!?;:\"'()[]<>~-…。、，；：？！“”‘’「」『』（）【】《》〈〉—")


@dataclass(frozen=True)
class Hit:
    rule_index: int
    start: int  # normalised offsets
    end: int


def _exempt(exemption: CompiledExemption, text: str, start: int, end: int) -> bool:
    if any(text.startswith(word, end) for word in exemption.followed_by):
        return True
    if any(text.endswith(word, 0, start) for word in exemption.preceded_by):
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


def verify(
    compiled: CompiledRules,
    text: str,
    candidates: Iterable[Candidate],
    segmenter: Segmenter,
    active: frozenset[int] | None = None,
) -> list[Hit]:
    """Candidates that are real hits; `active` limits the check to some rule indexes."""
    hits: list[Hit] = []
    for candidate in candidates:
        compiled_pattern = compiled.patterns[candidate.pattern_index]
        rule_index = compiled_pattern.rule_index
        if active is not None and rule_index not in active:
            continue
        pattern = compiled_pattern.pattern
        start, end = candidate.start, candidate.end
        if pattern.at_clause_start and start > 0 and text[start - 1] not in CLAUSE_BREAKS:
            continue
        if compiled_pattern.tail is not None:
            tail = compiled_pattern.tail.match(text, end)
            if tail is None:
                continue
            end = tail.end()
        if pattern.at_clause_end and end < len(text) and text[end] not in CLAUSE_BREAKS:
            continue
        if any(_exempt(e, text, start, end) for e in compiled.exemptions[rule_index]):
            continue
        if compiled.rules[rule_index].boundary == "word" and not segmenter.on_boundaries(text, start, end):
            continue
        hits.append(Hit(rule_index, start, end))
    return _resolve_overlaps(hits)


def _resolve_overlaps(hits: list[Hit]) -> list[Hit]:
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
