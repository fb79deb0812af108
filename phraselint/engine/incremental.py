"""A text checked again after an edit: only the lines around the change are checked, the
findings elsewhere are the last check's, moved to their new places. The result is the one
`Linter.check_text` gives for the new text, or the text is checked whole.

    first = check_changed(linter, text)                  # a whole check, remembered
    again = check_changed(linter, edited, first)         # the lines around the edit only
    again.report == linter.check_text(edited)            # always

What lets a stretch of a plain text be checked apart from the rest (the same rules by which
inputs/cuts.py cuts a large file at line breaks): a phrase, a gap, a word-boundary verdict,
a quotation, a keyword combination's window and a dialect form's marker never cross a line
break, and the few windows that read across one (a mention verb just before a quotation, an
instruction not to say a phrase, a word boundary's context) reach less than MARGIN
characters. So a finding depends on its own line and on at most MARGIN characters beyond
it, and the findings of the lines within MARGIN of the change (the re-judged stretch) are
those of a check of that stretch with MARGIN characters of context each side, whole lines.

What is decided from the whole text is carried, not re-read:

  - the script, reader and region (messages and suggestions are written for them): from the
    script counts and regional votes, kept as totals and updated by the changed stretch's;
    when they come out otherwise than before, every finding's wording may change, and the
    text is checked whole;
  - whether the text is a transcript, from its first lines: these are read again every time;
    a text that starts like one (whether or not the rest makes it one) is checked whole, as
    is a transcript itself (turn numbers, required wording on the first or last staff turn,
    combinations within a turn, the carry from turn to turn all reach across lines), and a
    training text (a list of wording to avoid runs from its heading to a blank line, a quiz
    paragraphs away) or a text told to be a dialogue;
  - a script card (a first line naming a 话术 makes every quotation prescribed): checked
    whole.

The stretch is checked after one blank line (its first line is then no card), with the
engine's piece check (engine/pieces.py) under the whole text's plan.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import KINDS, Finding, Level
from ..text.script import LineScripts, decide_script, votes_of
from .linter import Linter, TextReport
from .pieces import Carry, Plan, _reader, check_piece
from .quotes import is_script_card
from .transcripts import MAX_PREAMBLE, _starts_like_a_transcript

# Characters of context beyond a line that a verdict may read (a quotation of at most 80 with
# its mention verb 8 before, a word boundary's 32 each side, an instruction not to say 16
# before, a gap of 40), with room to spare; taken twice: the re-judged lines lie within MARGIN
# of the change, and are checked with MARGIN more on each side.
MARGIN = 256
_HEAD_LINES = MAX_PREAMBLE + 5  # non-empty lines past which transcript detection stops reading


class Options(NamedTuple):
    level: Level
    kind: str | None
    dialogue: bool | None
    report_mentions: bool


class Totals(NamedTuple):
    """What a plain text's whole-text decisions are made from, and what they made."""

    traditional: int
    simplified: int
    votes: tuple[int, int]
    plan: Plan


class Incremental(NamedTuple):
    """One check of a text, kept for the next check of its edited version."""

    text: str
    report: TextReport
    options: Options
    linter: Linter
    totals: Totals | None = None  # None: the text was checked whole, and will be next time too
    rechecked: tuple[int, int] | None = None  # the stretch checked this time (None: the whole text)


def check_changed(linter: Linter, text: str, previous: Incremental | None = None, *,
                  level: Level = Level.SUGGESTION, kind: str | None = None, dialogue: bool | None = None,
                  report_mentions: bool = False) -> Incremental:
    """`text` checked as `linter.check_text` checks it (same options), reusing `previous` (a
    check of an earlier version of the same document, by the same linter and options) for the
    lines the edit did not reach. Its `report` is the check's TextReport."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
    options = Options(level, kind, dialogue, report_mentions)
    if not _plain(linter, text, options):
        report = linter.check_text(text, level=level, kind=kind, dialogue=dialogue, report_mentions=report_mentions)
        return Incremental(text, report, options, linter)
    if previous is not None and previous.totals is not None and previous.options == options and previous.linter is linter:
        if previous.text == text:
            return previous._replace(rechecked=(0, 0))
        again = _recheck(linter, text, previous)
        if again is not None:
            return again
    return _whole(linter, text, options)


def _plain(linter: Linter, text: str, options: Options) -> bool:
    """Whether `text` is a plain text whose findings may be checked apart (see the module's docstring)."""
    if options.kind in ("phone", "dialogue", "training") or options.dialogue:
        return False
    head = _normalised_head(linter, text)
    if is_script_card(head):
        return False
    return options.dialogue is False or not _starts_like_a_transcript(head, linter.roles)


def _normalised_head(linter: Linter, text: str) -> str:
    """The normalised text's first lines, as many as transcript detection and the script-card
    test read (normalising works line by line: the head normalised alone is the whole text's head)."""
    lines = 16
    while True:
        end = 0
        for _ in range(lines):
            end = text.find("\n", end) + 1
            if end == 0:
                return linter.normalised(text).text
        head = linter.normalised(text[:end]).text
        complete = head.split("\n")[:-1]
        if sum(1 for line in complete if line.strip()) >= _HEAD_LINES:
            return head
        lines *= 4


def _counts(linter: Linter, text: str) -> tuple[int, int, tuple[int, int]]:
    """A stretch's script counts and regional votes (both add up over lines)."""
    traditional, simplified = LineScripts(text).counts()
    return traditional, simplified, votes_of(linter.normalised(text).rewrites)


def _plan(linter: Linter, options: Options, traditional: int, simplified: int, votes: tuple[int, int]) -> Plan:
    """The whole text's plan from its totals, as Linter._check decides script and reader."""
    script = decide_script(traditional, simplified)
    variant, region = _reader(script, (traditional, simplified), votes, linter.variant)
    return Plan(script, options.kind, False, False, (), variant, region, linter.variant is not None)


def _whole(linter: Linter, text: str, options: Options) -> Incremental:
    """A plain text checked whole, as one piece, keeping the totals for the next check."""
    plan = Plan(None, options.kind, False, False)
    piece = check_piece(linter, text, plan, Carry(), level=options.level, report_mentions=options.report_mentions)
    carry, plan = piece.carry, piece.plan
    totals = Totals(carry.traditional, carry.simplified, carry.votes, plan)
    report = TextReport(plan.script, piece.findings, options.kind, 0, plan.variant)  # type: ignore[arg-type]
    return Incremental(text, report, options, linter, totals)


def _line_start(text: str, position: int) -> int:
    return text.rfind("\n", 0, max(0, position)) + 1 if position > 0 else 0


def _next_line(text: str, position: int) -> int:
    """Where the line holding `position` ends, its line break included (the text's end at most)."""
    if position >= len(text):
        return len(text)
    found = text.find("\n", position)
    return len(text) if found == -1 else found + 1


def _common(old: str, new: str) -> tuple[int, int]:
    """(common prefix, common suffix) lengths, not overlapping in either text, by halving
    (each comparison in C)."""
    most = min(len(old), len(new))
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if old[:middle] == new[:middle]:
            low = middle
        else:
            high = middle - 1
    prefix = low
    low, high = 0, most - prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle:] == new[len(new) - middle:]:
            low = middle
        else:
            high = middle - 1
    return prefix, low


def _recheck(linter: Linter, text: str, previous: Incremental) -> Incremental | None:
    """The lines around the change checked, the rest reused; None when the whole text must be."""
    old, totals, options = previous.text, previous.totals, previous.options
    assert totals is not None
    prefix, suffix = _common(old, text)
    delta = len(text) - len(old)
    start = _line_start(text, prefix - MARGIN)  # the re-judged lines: [start, end) of the new text
    end = _next_line(text, len(text) - suffix + MARGIN)
    old_end = end - delta
    before = _counts(linter, old[start:old_end])
    after = _counts(linter, text[start:end])
    traditional = totals.traditional - before[0] + after[0]
    simplified = totals.simplified - before[1] + after[1]
    votes = (totals.votes[0] - before[2][0] + after[2][0], totals.votes[1] - before[2][1] + after[2][1])
    plan = _plan(linter, options, traditional, simplified, votes)
    if plan != totals.plan:  # another script or reader: every finding's wording may change
        return None
    low = _line_start(text, start - MARGIN)  # the stretch checked: the re-judged lines and their context
    high = _next_line(text, end + MARGIN)
    piece = check_piece(linter, "\n" + text[low:high], plan, Carry(), level=options.level,
                        report_mentions=options.report_mentions)
    findings = previous.report.findings
    kept = [f for f in findings if f.offset < start]
    if any(f.end_offset > start for f in kept):
        return None  # a finding reaching into the re-judged lines
    first_line = text.count("\n", 0, low) + 1
    found = _moved(piece.findings, low - 1, first_line - 2, start, end)
    lines = text.count("\n", start, end) - old.count("\n", start, old_end)
    later = [f for f in findings if f.offset >= old_end]
    result = kept + found + _moved(later, delta, lines, None, None)
    report = TextReport(plan.script, result, options.kind, 0, plan.variant)  # type: ignore[arg-type]
    return Incremental(text, report, options, linter, Totals(traditional, simplified, votes, plan), (low, high))


def _moved(findings: list[Finding], offset: int, lines: int, low: int | None, high: int | None) -> list[Finding]:
    """Findings moved by `offset` characters and `lines` lines, keeping those that then start in
    [low, high) when given. Every one starts on a whole line of the stretch (after its first
    line break), so columns stay as they are."""
    if not offset and not lines and low is None:
        return findings  # (an edit that kept the length and the lines: nothing after it moves)
    build = tuple.__new__
    moved = []
    for f in findings:
        start = f.offset + offset
        if low is not None and not (low <= start < high):  # type: ignore[operator]
            continue
        moved.append(build(Finding, (
            f.rule, f.level, f.category, f.message, f.match, start, f.end_offset + offset, f.line + lines,
            f.column, f.end_line + lines, f.end_column, f.suggestions, f.fix, f.source, f.turn, f.role, f.mention,
            f.similar)))
    return moved
