"""Verify candidates: anchors, gaps, exceptions, then word boundaries (the only costly check, so last)."""

from __future__ import annotations

from typing import NamedTuple

from .candidates import Candidate
from ..packs.compile import CompiledExemption, CompiledRules, regex
from ..text.segmenter import Segmenter

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
    return _inside(exemption.inside, text, start, end)


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


def checks_of(compiled: CompiledRules, active: frozenset[int] | None = None) -> list[tuple | None]:
    """Per pattern index, what `judge` would look at, worked out once per linter: None for a
    pattern of an inactive rule, else (rule index, ^, $, tail regex source, trailing context of
    the tail, followed_by, preceded_by and inside of all the rule's exceptions merged, word
    boundary). Any one exception exempts, so their alternatives can be tried together."""
    checks: list[tuple | None] = []
    merged: dict[int, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
    for compiled_pattern in compiled.patterns:
        rule_index = compiled_pattern.rule_index
        if active is not None and rule_index not in active:
            checks.append(None)
            continue
        exempt = merged.get(rule_index)
        if exempt is None:
            exemptions = compiled.exemptions[rule_index]
            exempt = merged[rule_index] = (
                tuple(w for e in exemptions for w in e.followed_by),
                tuple(w for e in exemptions for w in e.preceded_by),
                tuple(w for e in exemptions for w in e.inside),
            )
        pattern = compiled_pattern.pattern
        checks.append((
            rule_index, pattern.at_clause_start, pattern.at_clause_end, compiled_pattern.tail,
            compiled_pattern.after, *exempt, compiled.rules[rule_index].boundary == "word",
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


def scan(compiled: CompiledRules, text: str, segmenter: Segmenter, active: frozenset[int] | None = None,
         checks: list[tuple | None] | None = None) -> list[Hit]:
    """Every candidate of the active rules judged: the verified hits, before context and overlaps.

    The same verdicts as `judge` on each of `find_candidates`, in one loop over the automaton
    with the per-pattern `checks` (from `checks_of`) instead of objects built per candidate:
    at about two candidates per KB, this loop is most of the time a large text takes."""
    import ahocorasick

    automaton = compiled.automaton
    if automaton.kind != ahocorasick.AHOCORASICK:
        return []
    if checks is None:
        checks = checks_of(compiled, active)
    breaks = CLAUSE_BREAKS
    length_of_text = len(text)
    boundary_key = segmenter.boundary_key
    known = segmenter.known
    pending: list[tuple[int, tuple[str, int, int]]] = []  # (index in hits, boundary key) not yet judged
    from ..text.segmenter import _BLOCK_ASCII as block_ascii
    hits: list[Hit] = []
    append = hits.append
    new = tuple.__new__  # Hit(...) through its Python-level __new__ costs more than the tuple
    for last, targets in automaton.iter(text):
        outer_end = last + 1
        for pattern_index, length, before, after in targets:
            check = checks[pattern_index]
            if check is None:
                continue
            rule_index, at_start, at_end, tail, tail_after, followed_by, preceded_by, inside, word = check
            outer_start = outer_end - length
            if at_start and outer_start > 0 and text[outer_start - 1] not in breaks:
                continue
            start = outer_start + before
            end = outer_end - after
            if tail is not None:
                match = regex(tail).match(text, end)
                if match is None:
                    continue
                end = match.end()
                beyond = end
                if tail_after:
                    beyond = end + max(len(a) for a in tail_after if text.startswith(a, end))
                if at_end and beyond < length_of_text and text[beyond] not in breaks:
                    continue
            elif at_end and outer_end < length_of_text and text[outer_end] not in breaks:
                continue
            if followed_by and text.startswith(followed_by, end):
                continue
            if preceded_by and text.endswith(preceded_by, 0, start):
                continue
            if inside and _inside(inside, text, start, end):
                continue
            if word and (
                # punctuation or the text's ends on both sides need no segmenting (boundary_key's
                # own first test, inlined: six in ten of the checks on a typical text)
                (start and ("\u4e00" <= (char := text[start - 1]) <= "\u9fd5" or char in block_ascii))
                or (end < length_of_text and ("\u4e00" <= (char := text[end]) <= "\u9fd5" or char in block_ascii))
            ):
                key = boundary_key(text, start, end)
                if key is not None:
                    verdict = known(key)
                    if verdict is None:  # judged after the loop, with the others not seen before
                        pending.append((len(hits), key))
                    elif not verdict:
                        continue
            append(new(Hit, (rule_index, start, end)))
    if pending:  # their dictionary words are looked up together (one query per word length)
        verdicts = segmenter.verdicts([key for _, key in pending])
        dropped = {index for (index, _), verdict in zip(pending, verdicts) if not verdict}
        if dropped:
            hits = [hit for index, hit in enumerate(hits) if index not in dropped]
    return hits


def resolve_sorted(hits: list[Hit]) -> list[Hit]:
    """One finding per place, from hits sorted by `overlap_order`: the longest hit of a rule wins
    over its overlapping shorter ones, and a hit lying wholly inside another rule's longer hit
    (不知道 in 我也不知道为什么会这样) gives way to the more specific rule. What it keeps is in
    text order as well, (start, end, rule index): of two kept hits with one start, neither is shorter."""
    kept: list[Hit] = []
    open_hits: list[Hit] = []  # kept hits that may still overlap what comes next
    open_end = 0  # the furthest end among them
    for hit in hits:
        rule_index, start, end = hit
        if open_hits:
            if start >= open_end:  # the usual case: nothing kept reaches this hit
                open_hits = []
            else:
                open_hits = [k for k in open_hits if k[2] > start]
                covered = False
                for k_rule, k_start, k_end in open_hits:
                    if k_rule == rule_index or (k_start <= start and end <= k_end and k_end - k_start > end - start):
                        covered = True
                        break
                if covered:
                    continue
        kept.append(hit)
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
