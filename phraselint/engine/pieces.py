"""A text checked in pieces (a large file, see inputs/streaming.py), with what one piece passes
to the next made explicit instead of detected again in each piece:

    Plan   what is decided once for the whole file: its script and its reader (the variant,
           and the region of its traditional lines, in which messages and suggestions are
           written: one for every finding of the file), its kind, whether it is a transcript. The first piece gives a first plan;
           the counts every piece adds to its Carry give the whole file's, and where the two
           differ the caller checks the file again with the whole file's (see run/streamed.py):
           what a whole-text check of the same file would have decided.
    Carry  the transcript's state (the turn a piece ends inside, turn numbers, the counts that
           decide it is one), required wording's (staff turns so far, a hold not yet
           apologised for), and the script counts.

A piece is cut where nothing the checks look at crosses the cut (see inputs/cuts.py), so each
piece's phrase findings are the whole text's; required wording on the file's last staff turn
is only known to be that once no later piece holds a staff turn, so it comes back apart
(PieceReport.closing) for the caller to keep until then.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Finding, Level
from ..text.normalise import VECTOR_THRESHOLD, code_points
from ..text.script import LineScripts, Script, decide_script, reader_variant, region_of, votes_of
from .linter import Linter
from .mention_lists import ListState, list_state
from .requirements import RequiredCarry, carried
from .transcripts import MAX_PREAMBLE, Layout
from .turn_carry import TurnCarry, continue_turns


class Plan(NamedTuple):
    script: Script | None  # None until the first piece is checked
    kind: str | None
    transcript: bool | None  # None: not known yet (the pieces so far hold only a preamble's lines)
    force: bool  # transcript parsing forced (--dialogue, or a kind of dialogue or phone)
    inferred: tuple[tuple[str, str], ...] = ()  # unknown labels taken for speakers (see transcripts.inferred_speakers)
    variant: str | None = None  # the reader (cn, tw, hk), decided with the script
    region: str | None = None  # tw or hk: whose traditional a mixed file's traditional lines are written in
    force_variant: bool = False  # the reader was given (--variant), not told from the text


class Carry(NamedTuple):
    turns: TurnCarry = TurnCarry()
    required: RequiredCarry = RequiredCarry()
    traditional: int = 0  # script-specific characters so far
    simplified: int = 0
    votes: tuple[int, int] = (0, 0)  # regional wording so far (Hong Kong, Taiwan: script.votes_of)
    mentions: ListState = ListState()  # a training text's list of wording to avoid the piece ends inside


class PieceReport(NamedTuple):
    findings: list[Finding]  # in the piece's own offsets, lines and columns
    closing: list[Finding]  # last-staff-turn findings on the piece's last staff turn: they stand only if it is the file's
    carry: Carry
    staff: bool  # whether the piece holds a staff turn (a closing found before it no longer stands)
    plan: Plan  # the plan, settled further if this piece tells whether the file is a transcript


def first_plan(*, kind: str | None, dialogue: bool | None) -> Plan:
    """The plan before the first piece: its script is the first piece's. Whether the file is a transcript is told (a kind of
    dialogue or phone, --dialogue) or left open (None) until a piece settles it as a whole-text
    check would (a labelled line among the first four non-empty lines, or four without one)."""
    force = bool(dialogue) or kind in ("dialogue", "phone")
    transcript = None if dialogue is None and not force else dialogue is not False
    return Plan(None, kind, transcript, force)  # the script: the first piece's, once it is checked


def settled_plan(plan: Plan, carry: Carry, *, kind: str | None) -> Plan:
    """The plan a whole-text check of the file would have made, from every piece's counts."""
    transcript = bool(plan.transcript) and carry.turns.is_transcript(plan.force)
    if kind is None:
        kind = ("phone" if carry.turns.phone else "dialogue") if transcript else None
    inferred = carry.turns.inferred() if transcript else ()
    script = decide_script(carry.traditional, carry.simplified)
    variant, region = _reader(script, (carry.traditional, carry.simplified), carry.votes, plan.variant if plan.force_variant else None)
    return Plan(script, kind, transcript, plan.force, inferred, variant, region, plan.force_variant)


def _reader(script: Script, counts: tuple[int, int], votes: tuple[int, int], given: str | None) -> tuple[str, str]:
    """The reader of a text with these counts (a whole-text check's: Linter._check and
    _findings), or the one given (--variant)."""
    variant = given or reader_variant(script, counts, votes)
    return variant, variant if variant != "cn" else region_of(*votes)


def _settle(plan: Plan, turns: TurnCarry) -> Plan:
    """The plan, with whether the file is a transcript settled if the lines so far settle it."""
    early = turns.lead <= MAX_PREAMBLE + 4 and turns.lead_plain <= MAX_PREAMBLE  # a known label may still come in time
    if turns.known and turns.preamble <= MAX_PREAMBLE and early:
        return plan._replace(transcript=True, kind=plan.kind or ("phone" if turns.phone else "dialogue"))
    if turns.preamble > MAX_PREAMBLE or not early:
        return plan._replace(transcript=False)
    return plan


def check_piece(linter: Linter, text: str, plan: Plan, carry: Carry, *, level: Level = Level.SUGGESTION,
                report_mentions: bool = False, last: bool = True) -> PieceReport:
    """One piece, checked as part of the file `plan` and `carry` describe (`last`: the file's last piece)."""
    codes = code_points(text) if len(text) >= VECTOR_THRESHOLD else None
    scripts = LineScripts(text, codes)
    traditional, simplified = scripts.counts()
    norm = linter.normalised(text, codes)
    votes = votes_of(norm.rewrites)
    if plan.script is None:  # the first piece's reader, until the whole file's counts say otherwise
        script = scripts.whole()
        variant, region = _reader(script, (traditional, simplified), votes, linter.variant)
        plan = plan._replace(script=script, variant=variant, region=region, force_variant=linter.variant is not None)
    del codes
    turns, required = carry.turns, carry.required
    training = plan.kind == "training"
    layout = Layout(plan.kind, mentions=carry.mentions if training else None)
    if plan.transcript is not False:
        found_turns, turns = continue_turns(norm.text, linter.roles, turns, force=plan.force, last=last,
                                            inferred=plan.inferred)
        if plan.transcript is None:
            plan = _settle(plan, turns)
        if plan.transcript:
            layout = layout._replace(kind=plan.kind, turns=found_turns, starts=tuple(t.start for t in found_turns), transcript=True)
    openings = scripts.quote_openings() if norm.identity else None
    staff = bool(layout.staff_turns())
    located = linter._judged(norm.text, layout, report_mentions, openings, requirements=staff, required=required)
    closing_rules: set[int] = set()
    if staff and linter.compiled.requirements:
        compiled = linter.compiled
        closing_rules = {r.rule_index for r in compiled.requirements if r.scope == "last-staff-turn"}
        required = carried(compiled.requirements, compiled.exemptions, norm.text, layout, linter.segmenter,
                           linter._active, required)
    elif staff:
        required = carried((), (), norm.text, layout, linter.segmenter, linter._active, required)
    if level > Level.SUGGESTION:
        located = [l for l in located if l.level >= level]
    findings = linter._findings(text, norm, plan.script, scripts, located, plan.variant, plan.region)
    closing: list[Finding] = []
    if closing_rules:
        ids = {linter.rules[i].id for i in closing_rules}
        closing = [f for f in findings if f.rule in ids]
        findings = [f for f in findings if f.rule not in ids]
    carry = Carry(turns, required, carry.traditional + traditional, carry.simplified + simplified,
                  (carry.votes[0] + votes[0], carry.votes[1] + votes[1]),
                  list_state(norm.text, carry.mentions) if training else ListState())
    return PieceReport(findings, closing, carry, staff, plan)
