"""A large plain-text file checked in pieces, in bounded memory, with exactly the findings of
one check of the whole text.

Each piece is checked with what the pieces before it passed on, each kind of state in its
own small typed object: the engine's (engine/pieces.py: the plan, the transcript's turns,
required wording), the suppressions' (inputs/suppressions.py: regions still open, a next line
not yet read). Two kinds of finding are known only later, and wait:

  - on a line that goes on into the next piece, until that line ends (a disable-line comment
    later on the line covers it);
  - required wording on a piece's last staff turn, until no later piece holds a staff turn
    (it is about the call's closing).

The first piece gives a plan (script, reader, kind, transcript or not); when the whole file's counts
decide otherwise, the file is checked a second time with their plan, as a whole-text check
would have decided. A byte that does not decode ends the check: what was found before it is
kept and reported with the error (InputError.findings).
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from ..engine.pieces import Carry, Plan, check_piece, first_plan, settled_plan
from ..errors import InputError, SkippedInput
from ..inputs import streaming
from ..inputs.cuts import CutRule
from ..inputs.readers import Extracted
from ..inputs.readers.placeholders import mask_placeholders
from ..inputs.suppressions import (UNKNOWN_RULE, UNUSED_RULE, Piece, Suppression, SuppressionCarry, apply_suppressions,
                                   parse_piece, unknown_rule_findings, unused_findings)
from ..model import Finding
from .finding_store import FindingStore

Lines = dict  # line -> its text, or for a line longer than a piece [(first column, an excerpt of it), ...]
EXCERPT = 80  # characters kept each side of the findings on a line longer than a piece, for quoting


class Streamed(NamedTuple):
    findings: FindingStore
    lines: Lines  # the source lines that have findings (empty without keep_lines)
    script: str
    error: InputError | None = None  # a byte that did not decode: the findings are those before it
    variant: str = "cn"  # the file's reader (cn, tw, hk), one for all its findings, as a whole-text check decides it


class _Pass(NamedTuple):
    streamed: Streamed
    plan: Plan | None  # the plan checked with
    settled: Plan | None  # the plan the whole file gives


def shift(findings: list[Finding], piece: Piece) -> list[Finding]:
    """Findings of a piece, moved to the file's offsets, lines and columns (columns only on the
    piece's first line, which may be the rest of a line begun in the piece before)."""
    if (piece.offset == 0 and piece.line == 1) or not findings:
        return findings
    lines, column, offset = piece.line - 1, piece.column - 1, piece.offset
    build = tuple.__new__
    shifted = []
    for f in findings:  # a tuple built in field order: several times faster than _replace
        shifted.append(build(Finding, (
            f.rule, f.level, f.category, f.message, f.match, f.offset + offset, f.end_offset + offset, f.line + lines,
            f.column + column if f.line == 1 else f.column, f.end_line + lines,
            f.end_column + column if f.end_line == 1 else f.end_column, f.suggestions, f.fix, f.source, f.turn,
            f.role, f.mention, f.similar)))
    return shifted


def check_streamed(session, path: str, keep_lines: bool = True) -> Streamed:
    """`session` (a CheckSession) checks `path` piece by piece (see the module's docstring)."""
    plan = None
    while True:
        done = _check_pass(session, path, plan, keep_lines)
        if done.streamed.error is not None or plan is not None or done.settled == done.plan:
            return done.streamed
        plan = done.settled  # the whole file decides otherwise than its first piece: again, decided


def _check_pass(session, path: str, plan: Plan | None, keep_lines: bool) -> _Pass:
    linter = session.linter
    rules_by_id = session.rules_by_id
    found_store = store = FindingStore()
    lines: Lines = {}
    carry = Carry()
    suppressions = SuppressionCarry()
    directives: list[Suppression] = []  # every directive placed, for the unused ones at the end
    held: list[Finding] = []  # on a line that goes on into the next piece
    closing: list[Finding] = []  # required wording on the last staff turn so far
    error = None
    cut = CutRule(linter)
    cut.paragraphs = session.kind == "training"
    if plan is not None:
        cut.transcript = plan.transcript
    elif session.dialogue is not None or session.kind in ("dialogue", "phone"):  # transcript or not, as told
        cut.transcript = session.dialogue is not False
    # Findings of pieces that hold only the lines before a possible transcript's first turn:
    # kept apart until the file is known to be a transcript (then the engine's are dropped, as
    # a whole-text check does not look outside turns) or not.
    preamble: FindingStore | None = None
    try:
        for piece in streaming.pieces(path, session.encoding, cut=cut):
            if plan is None:
                plan = first_plan(kind=session.kind, dialogue=session.dialogue)
                preamble = FindingStore() if plan.transcript is None else None
            where = Piece(piece.offset, piece.line, piece.column, piece.last)
            extracted = Extracted(mask_placeholders(piece.text), piece.text)
            report = check_piece(linter, extracted.text, plan, carry, level=session.level,
                                 report_mentions=session.report_mentions, last=piece.last)
            local = extracted.to_original(report.findings)
            reach, placed, suppressions = parse_piece(piece.text, where, suppressions)
            directives += placed
            if held:  # their line ended in this piece: a disable-line on it may come after them
                store.extend(apply_suppressions(held, placed, rules_by_id) if placed and preamble is None else held)
                held = []
            carry, plan = report.carry, report.plan
            cut.transcript = plan.transcript
            if preamble is not None and plan.transcript is not None:  # this piece settled it
                found_store.extend(_after_the_preamble(preamble, plan.transcript, directives, rules_by_id))
                preamble = None
            store = preamble if preamble is not None else found_store
            ends_inside_a_line = not piece.last and not piece.text.endswith("\n")
            if report.staff:
                closing = session._per_file(path, shift(extracted.to_original(report.closing), where))
            if not (reach or ends_inside_a_line or keep_lines or session.config.per_file_disable):
                # nothing to filter or hold: stored in the file's terms as they are (the usual case)
                store.extend(local, piece.offset, piece.line - 1, piece.column)
                continue
            found = session._per_file(path, shift(local, where))
            if reach and preamble is None:  # (a preamble's are suppressed once it is known to stand)
                found = apply_suppressions(found, reach, rules_by_id)
            if reach:
                if added := unknown_rule_findings(piece.text, placed, linter.rules):
                    found = sorted(found + added, key=lambda f: f.offset)
            if keep_lines and found:
                _keep_lines(lines, piece, found)
            if ends_inside_a_line:
                split = bisect.bisect_left([f.offset for f in found], suppressions.line_start)
                found, held = found[:split], found[split:]
            store.extend(found)
    except InputError as exc:
        error = exc
    store.extend(held)
    store = found_store
    if preamble is not None:  # never settled: a few lines without a label are plain text
        store.extend(_after_the_preamble(preamble, False, directives, rules_by_id))
        plan = plan._replace(transcript=False) if plan is not None else None
    settled = settled_plan(plan, carry, kind=session.kind) if plan is not None else None
    if closing and carry.required.staff >= 2:  # it was the file's last staff turn
        directives.sort(key=lambda s: s.directive)
        for finding in apply_suppressions(closing, directives, rules_by_id):
            _insert_in_order(store, finding, linter)
    if session.report_unused:
        directives.sort(key=lambda s: s.directive)
        for finding in unused_findings("", directives):
            store.insert(bisect.bisect_right(store.offsets, finding.offset), finding)
    if isinstance(error, SkippedInput):  # refused as a whole file would be: nothing found in it stands
        store, lines = FindingStore(), {}
    if error is not None:
        error.findings = store
    script = settled.script if settled is not None else "simplified"
    variant = (settled.variant if settled is not None else None) or linter.variant or "cn"
    return _Pass(Streamed(store, lines, script, error, variant), plan, settled)


def _after_the_preamble(preamble: FindingStore, transcript: bool, directives: list[Suppression], rules_by_id: dict):
    """What stands of the preamble's findings once the file is known to be a transcript (only
    phraselint's own: a whole-text check looks for phrases in turns only) or not (the phrases
    too, less what the comments suppress: they were kept unsuppressed until now, so that a
    comment is not counted as used by a finding that does not stand)."""
    own = (UNKNOWN_RULE, UNUSED_RULE)
    if transcript:
        return (f for f in preamble if f.rule in own)
    regions = sorted(directives, key=lambda s: s.directive)
    found = list(preamble)
    kept = set(map(id, apply_suppressions([f for f in found if f.rule not in own], regions, rules_by_id)))
    return [f for f in found if f.rule in own or id(f) in kept]


def _insert_in_order(store: FindingStore, finding: Finding, linter) -> None:
    """Place a finding that comes late where a whole-text check puts it: by offset, before
    phraselint's own findings there, then by end and rule (the engine's text order)."""
    order = {rule.id: i for i, rule in enumerate(linter.rules)}
    position = bisect.bisect_left(store.offsets, finding.offset)
    while position < len(store):
        other = store[position]
        if other.offset != finding.offset or other.rule in (UNKNOWN_RULE, UNUSED_RULE):
            break
        if (other.end_offset, order.get(other.rule, -1)) > (finding.end_offset, order.get(finding.rule, -1)):
            break
        position += 1
    store.insert(position, finding)


def _keep_lines(lines: Lines, piece: streaming.Piece, found: list[Finding]) -> None:
    """The source lines of a piece's findings, for reports that quote them; of a line that
    another piece shares (one longer than a piece), excerpts around the findings."""
    text = piece.text
    parts: dict[int, tuple[int, int, int, int]] = {}  # line -> (start, end, low, high) in the piece
    for f in found:
        local = f.line - piece.line  # 0: the piece's first line, which may have begun in the piece before
        start = 0 if local == 0 else f.offset - piece.offset - (f.column - 1)
        end = text.find("\n", start)
        shared = (local == 0 and piece.column > 1) or (end == -1 and not piece.last)
        end = len(text) if end == -1 else end
        if not shared:
            lines.setdefault(f.line, text[start:end].rstrip("\r"))
            continue
        low, high = f.offset - piece.offset, f.end_offset - piece.offset
        if f.line in parts:
            low, high = min(low, parts[f.line][2]), max(high, parts[f.line][3])
        parts[f.line] = (start, end, low, high)
    for line, (start, end, low, high) in parts.items():
        low, high = max(start, low - EXCERPT), min(end, high + EXCERPT)
        first_column = (piece.column if line == piece.line else 1) + (low - start)
        entry = (first_column, text[low:high])
        existing = lines.get(line)
        if isinstance(existing, list):
            existing.append(entry)
        else:
            lines[line] = [entry]
