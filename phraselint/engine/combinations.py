"""Keyword combinations: a rule's wordings that, together in one window, are its intent.

    combine:
      within: clause          # clause | sentence | line | turn | a number of characters
      position: any           # in a transcript: any | first-staff-turn | last-staff-turn
      all: ['{你}[自己](去|再去)(问|找)']   # every one of these
      any: ['{别处}', '{别人}']             # and at least one of these
      none: ['我帮{你}', '我(替|给){你}']    # and none of these

Call-centre quality-inspection suites state paraphrase families this way ("你 + 去找 + another
department, in one clause, unless staff offer to do it"): a family of hundreds of sentences
is a few word lists, where a phrase for each would multiply out. The wordings were found by
the same automaton pass as every phrase and verified like them (word boundaries included);
here they are grouped per window, and a window holding what the rule asks for becomes one
hit of the rule, spanning the wordings it used. Linear: each wording hit is looked at once
and its window found with a bounded backward search.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from ..model import Combination, Rule
from .transcripts import Layout
from .verify import Hit

# what ends a clause or a sentence in normalised text (full-width punctuation is folded to ASCII)
CLAUSE_STOPS = ",;:。.!?\n…、"
SENTENCE_STOPS = "。.!?\n"
LOOK_BACK = 400  # characters searched for the start of a window


class Element(NamedTuple):
    parent: int  # the combination rule's index
    group: str  # all | any | none
    number: int  # its place in the group, from 0


class Combinations(NamedTuple):
    """What the combine stage needs of the compiled rules."""

    first_element: int  # rule indexes from here on are wordings of combinations
    elements: tuple[Element, ...]  # by rule index - first_element
    specs: dict[int, Combination]  # combination rule index -> its spec


def combinations_of(rules: tuple[Rule, ...], element_type: str) -> Combinations | None:
    """None when no rule combines wordings (the common case costs nothing)."""
    first = next((i for i, rule in enumerate(rules) if rule.type == element_type), None)
    if first is None:
        return None
    index = {rule.id: i for i, rule in enumerate(rules[:first])}
    elements = []
    for rule in rules[first:]:
        parent_id, _, tag = rule.id.rpartition("#")
        group = tag.rstrip("0123456789")
        elements.append(Element(index[parent_id], group, int(tag[len(group):]) - 1))
    specs = {i: rule.combine for i, rule in enumerate(rules[:first]) if rule.combine is not None}
    return Combinations(first, tuple(elements), specs)


def _window(text: str, start: int, end: int, spec: Combination, layout: Layout) -> tuple[int, int]:
    """The window holding a wording: its clause, sentence, line or turn (a line outside a transcript)."""
    if spec.within == "turn" and layout.is_dialogue:
        turn = layout.turn_at(start, end)
        return (turn.start, turn.end) if turn is not None else (start, end)
    stops = SENTENCE_STOPS if spec.within in ("sentence", "chars") else "\n" if spec.within in ("line", "turn") else CLAUSE_STOPS
    low = max(0, start - LOOK_BACK)
    begin = max(text.rfind(stop, low, start) for stop in stops) + 1
    begin = max(begin, low)
    high = min(len(text), end + LOOK_BACK)
    finish = min((f for stop in stops if (f := text.find(stop, end, high)) != -1), default=high)
    return begin, finish


def _in_position(layout: Layout, hit: Hit, position: str) -> bool:
    """Whether a combination's hit stands where the rule looks (outside a transcript: anywhere)."""
    if position == "any" or not layout.is_dialogue:
        return True
    staff = layout.staff_turns()
    turn = layout.turn_at(hit.start, hit.end)
    if not staff or turn is None:
        return False
    return turn.index == (staff[0] if position == "first-staff-turn" else staff[-1]).index


def combine(hits: list[Hit], text: str, table: Combinations, layout: Layout = Layout()) -> list[Hit]:
    """`hits` with the wordings of combinations replaced by the combinations they complete."""
    first = table.first_element
    if all(hit.rule_index < first for hit in hits):
        return hits
    kept = [hit for hit in hits if hit.rule_index < first]
    # per combination rule and window: the wording hits in it, by group and number
    windows: dict[tuple[int, int], dict[tuple[str, int], list[Hit]]] = defaultdict(lambda: defaultdict(list))
    for hit in hits:
        if hit.rule_index < first:
            continue
        element = table.elements[hit.rule_index - first]
        spec = table.specs[element.parent]
        begin, _ = _window(text, hit.start, hit.end, spec, layout)
        windows[(element.parent, begin)][(element.group, element.number)].append(hit)
    for (parent, _), found in windows.items():
        spec = table.specs[parent]
        if any(("none", n) in found for n in range(len(spec.none))):
            continue
        chosen = []
        if any(("all", n) not in found for n in range(len(spec.all))):
            continue
        chosen += [min(found[("all", n)], key=lambda h: h.start) for n in range(len(spec.all))]
        if spec.any:
            options = [h for n in range(len(spec.any)) for h in found.get(("any", n), ())]
            if not options:
                continue
            chosen.append(min(options, key=lambda h: h.start))
        start = min(h.start for h in chosen)
        end = max(h.end for h in chosen)
        if spec.within == "chars" and end - start > spec.distance:
            continue
        combined = Hit(parent, start, end)
        if _in_position(layout, combined, spec.position):
            kept.append(combined)
    return kept
