"""Required wording (`type: require`): what staff must say, judged per turn of a transcript.

Scopes:
  first-staff-turn  every part must be in the first staff turn (answering a call)
  last-staff-turn   every part must be in the last staff turn (closing a call)
  staff-turn        after each trigger in a staff turn, every part must follow in that turn
                    (a refusal must be followed by an alternative)
  next-staff-turn   after a trigger in a staff turn, the next staff turn must hold every part
                    (an apology after putting the caller on hold)
A missing part is reported on the turn (or the trigger) where the wording is missing; a turn
with no text is pointed at by its role label (坐席：), so that the span is never empty and its
`match` is what the file holds there.
"""

from __future__ import annotations

from typing import NamedTuple


from .gaps import phrase_search
from ..packs.compile import CompiledExemption, CompiledRequirement
from .transcripts import Layout, Turn
from ..text.segmenter import Segmenter
from .verify import is_exempt


class Missing(NamedTuple):
    rule_index: int
    start: int  # normalised offsets of the span the finding points at
    end: int
    parts: tuple[str, ...]  # names of the parts that are missing
    turn: Turn


def _missing(requirement: CompiledRequirement, text: str, start: int, end: int) -> tuple[str, ...]:
    return tuple(name for name, phrases in requirement.parts if phrase_search(phrases).search(text, start, end) is None)


def _span(text: str, turn: Turn) -> tuple[int, int]:
    """What a finding on the whole turn points at: its text or, when it has none, its label."""
    if text[turn.start:turn.end].strip():
        return turn.start, turn.end
    line_start = text.rfind("\n", 0, turn.start) + 1
    label = text.find(turn.role, line_start, turn.start)  # the label as the turn's line writes it
    return (label, label + len(turn.role)) if label != -1 else (line_start, turn.start)


def _triggers(requirement: CompiledRequirement, exemptions: tuple[CompiledExemption, ...], text: str, turn: Turn, segmenter: Segmenter):
    """Trigger matches in a turn that stand on word boundaries and that no exception of the rule
    excuses (不能 in the question 能不能 is no refusal)."""
    assert requirement.trigger is not None
    position = turn.start
    trigger = phrase_search(requirement.trigger)
    while (match := trigger.search(text, position, turn.end)) is not None:
        start, end = match
        position = end  # a phrase never matches empty text
        if any(is_exempt(e, text, start, end) for e in exemptions):
            continue
        if segmenter.on_boundaries(text, start, end):
            yield match


class RequiredCarry(NamedTuple):
    """What one piece of a transcript passes to the next for required wording: how many staff
    turns came before (only the file's first staff turn must answer the call, and one staff turn
    is not yet a closing), and the next-staff-turn rules whose trigger the last of them holds."""

    staff: int = 0
    triggered: frozenset[int] = frozenset()
    last: int = 0  # the index of the last staff turn counted (a turn longer than a piece goes on in the next)


def check_requirements(
    requirements: tuple[CompiledRequirement, ...],
    exemptions: tuple[tuple[CompiledExemption, ...], ...],
    text: str,
    layout: Layout,
    segmenter: Segmenter,
    active: frozenset[int],
    carry: RequiredCarry | None = None,
) -> list[Missing]:
    """What staff failed to say in `text`. With `carry`, `text` is one piece of a longer
    transcript (see engine/pieces.py): the first staff turn is judged only in the piece that
    holds the file's first one, a next-staff-turn trigger in the previous piece's last staff turn
    applies to this piece's first, and the last-staff-turn rules are judged on this piece's last
    staff turn whatever the count: whether it is the file's last, only the pieces after it can
    tell (the caller keeps those findings until then)."""
    staff = layout.staff_turns()
    if not staff or layout.kind is None:
        return []
    found: list[Missing] = []
    for requirement in requirements:
        if requirement.rule_index not in active or layout.kind not in requirement.kinds:
            continue
        scope = requirement.scope
        excused = exemptions[requirement.rule_index]
        if scope in ("first-staff-turn", "last-staff-turn"):
            if scope == "first-staff-turn" and carry is not None and carry.staff:
                continue  # the file's first staff turn was in an earlier piece
            turn = staff[0] if scope == "first-staff-turn" else staff[-1]
            if scope == "last-staff-turn" and len(staff) < 2 and carry is None:
                continue  # one staff turn is an opening, not yet a closing
            missing = _missing(requirement, text, turn.start, turn.end)
            if missing:
                found.append(Missing(requirement.rule_index, *_span(text, turn), missing, turn))
        elif scope == "staff-turn":
            # a turn in which no trigger's first part stands holds no trigger (PhraseSearch.search):
            # one regex search rules it out, and most staff turns of a transcript are ruled out
            opens = phrase_search(requirement.trigger).first.search  # type: ignore[arg-type]
            for turn in staff:
                if opens(text, turn.start, turn.end) is None:
                    continue
                for start, end in _triggers(requirement, excused, text, turn, segmenter):
                    missing = _missing(requirement, text, end, turn.end)
                    if missing:
                        found.append(Missing(requirement.rule_index, start, end, missing, turn))
                        break  # one finding per turn: the first refusal left without an alternative
        elif scope == "next-staff-turn":
            pairs: list[tuple[Turn | None, Turn]] = list(zip(staff, staff[1:]))
            if carry is not None and requirement.rule_index in carry.triggered and staff[0].index != carry.last:
                pairs.insert(0, (None, staff[0]))  # the trigger was in the previous piece's last staff turn
            opens = phrase_search(requirement.trigger).first.search  # type: ignore[arg-type]
            for current, following in pairs:
                if current is not None and opens(text, current.start, current.end) is None:
                    continue  # no trigger in it (as for staff-turn above)
                if current is not None and next(_triggers(requirement, excused, text, current, segmenter), None) is None:
                    continue
                missing = _missing(requirement, text, following.start, following.end)
                if missing:
                    found.append(Missing(requirement.rule_index, *_span(text, following), missing, following))
    return found


def carried(requirements: tuple[CompiledRequirement, ...], exemptions: tuple[tuple[CompiledExemption, ...], ...],
            text: str, layout: Layout, segmenter: Segmenter, active: frozenset[int], carry: RequiredCarry) -> RequiredCarry:
    """What a piece of a transcript passes on for required wording (see RequiredCarry)."""
    staff = layout.staff_turns()
    if not staff:
        return carry
    last = staff[-1]
    triggered = frozenset(
        r.rule_index for r in requirements
        if r.scope == "next-staff-turn" and r.rule_index in active and layout.kind in r.kinds
        and next(_triggers(r, exemptions[r.rule_index], text, last, segmenter), None) is not None)
    new = sum(1 for t in staff if t.index != carry.last)
    return RequiredCarry(carry.staff + new, triggered, last.index)
