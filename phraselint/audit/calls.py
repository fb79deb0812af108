"""Whole calls audited: their finding rows and their share of the summary.

`audit_calls` is the one function the command (serially and in its `--jobs` workers) and the
Dask partition function run on a list of calls; its answer adds up (Summary.merge), so calls may
be checked in any process in any order and the summary is the same. A call's rows come here
whole and are put in turn order first (by the turn column when every row has one, else in the
table's order).
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple, Sequence

from ..engine.linter import Linter
from ..i18n.message import say
from ..model import Level
from .batch import STAFF_LABEL, check_call, decide_speakers
from .tables import BadRow, Row

FINDING_COLUMNS = ("call_id", "turn", "role", "agent_id", "team", "timestamp", "rule", "intent", "category", "level",
                   "match", "offset", "end_offset", "message", "suggestion")
SUMMARY_COLUMNS = ("scope", "key", "staff_turns", "calls", "findings", "errors", "per_100_staff_turns",
                   "calls_with_error", "calls_missing_required")
SCOPES = ("agent", "team", "rule", "day")

Call = tuple[str, list[Row]]  # call_id, its rows


class Audited(NamedTuple):
    """What a list of calls gave: finding rows (FINDING_COLUMNS order), the summary's counts,
    rows whose role was undecided, and each call's (errors, findings) for ranking the worst."""

    findings: list[tuple]
    summary: "Summary"
    bad: list[BadRow]
    scores: list[tuple[int, int]]
    turns: int  # rows checked (for the progress bar)


class Summary:
    """Counts per (scope, key): staff turns, calls, findings, errors, calls with an error, calls
    missing required wording; `staff_turns`: all staff turns (the rule scope's denominator).
    Plain dicts and ints: it pickles small, and merging two is adding."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str], list[int]] = {}
        self.staff_turns = 0

    def merge(self, other: "Summary") -> None:
        counts = self.counts
        for key, values in other.counts.items():
            mine = counts.get(key)
            if mine is None:
                counts[key] = list(values)
            else:
                for i, value in enumerate(values):
                    mine[i] += value
        self.staff_turns += other.staff_turns

    def add_call(self, rows: Sequence[Row], staff: Sequence[bool], found: Sequence[Sequence[tuple[str, bool, bool]]]) -> None:
        """One call: its rows, whether each is a staff turn, each row's findings as (rule, is an error,
        is required wording missed)."""
        counts = self.counts
        in_call: dict[tuple[str, str], list[bool]] = {}  # key -> [an error, required wording missed]
        for row, is_staff, findings in zip(rows, staff, found):
            keys = [("agent", row.agent_id)] if row.agent_id else []
            if row.team:
                keys.append(("team", row.team))
            if row.timestamp:
                keys.append(("day", row.timestamp[:10]))
            for key in keys:
                flags = in_call.get(key)
                if flags is None:
                    in_call[key] = [False, False]
                    if key not in counts:
                        counts[key] = [0, 0, 0, 0, 0, 0]
            if is_staff:
                self.staff_turns += 1
                for key in keys:
                    counts[key][0] += 1
            for rule, error, missing in findings:
                rule_key = ("rule", rule)
                if rule_key not in in_call:
                    in_call[rule_key] = [False, False]
                    counts.setdefault(rule_key, [0, 0, 0, 0, 0, 0])
                for key in (*keys, rule_key):
                    values = counts[key]
                    values[2] += 1
                    values[3] += error
                    flags = in_call[key]
                    flags[0] = flags[0] or error
                    flags[1] = flags[1] or missing
        for key, (error, missing) in in_call.items():
            values = counts[key]
            values[1] += 1
            values[4] += error
            values[5] += missing

    def rows(self) -> list[dict[str, Any]]:
        """The summary table, scope by scope (agent, team, rule, day), keys in order."""
        order = {scope: i for i, scope in enumerate(SCOPES)}
        table = []
        for (scope, key), (staff, calls, findings, errors, with_error, missing) in sorted(
                self.counts.items(), key=lambda item: (order[item[0][0]], item[0][1])):
            if scope == "rule":
                staff = self.staff_turns
            table.append({"scope": scope, "key": key, "staff_turns": staff, "calls": calls, "findings": findings,
                          "errors": errors, "per_100_staff_turns": round(100 * findings / staff, 3) if staff else None,
                          "calls_with_error": with_error, "calls_missing_required": missing})
        return table


def in_turn_order(rows: list[Row]) -> list[Row]:
    if len(rows) > 1 and all(row.turn is not None for row in rows):
        return sorted(rows, key=lambda row: row.turn)  # stable: equal turns keep the table's order
    return rows


class RuleFacts(dict):
    """rule id -> (intent, category, is required wording), looked up once per rule."""

    def __init__(self, linter: Linter) -> None:
        super().__init__((rule.id, (rule.intent or rule.category, rule.category, rule.type == "require"))
                         for rule in linter.compiled.rules)


def audit_calls(linter: Linter, calls: Iterable[Call], *, level: Level = Level.SUGGESTION, kind: str | None = None,
                roleless: frozenset[str] = frozenset(), facts: RuleFacts | None = None) -> Audited:
    """Check each call as a transcript (batch.check_call) and turn its findings into rows and counts.
    A row of a table in `roleless` (one without a role column) is a staff turn."""
    facts = facts if facts is not None else RuleFacts(linter)
    findings: list[tuple] = []
    bad: list[BadRow] = []
    scores: list[tuple[int, int]] = []
    summary = Summary()
    turns = 0
    known: dict = {}  # role value -> (label, listed speaker), for decide_speakers
    for call_id, rows in calls:
        rows = in_turn_order(rows)
        turns += len(rows)
        roles = [STAFF_LABEL if row.file in roleless else row.role for row in rows]
        speakers = decide_speakers(roles, linter.roles, known)
        checked = check_call(linter, [row.text for row in rows], roles, level=level, kind=kind, speakers=speakers)
        staff, found, errors, count = [], [], 0, 0
        for position, (row, turn_findings) in enumerate(zip(rows, checked), 1):
            if turn_findings is None:
                bad.append(BadRow(row.file, row.row, say("role '{role}' is neither staff nor customer (add it with --staff-role or --customer-role)",
                                                         role=row.role or "")))
                staff.append(False)
                found.append(())
                continue
            staff.append(speakers.get(roles[position - 1]) == "staff")
            facts_of_turn = []
            turn = row.turn if row.turn is not None else position
            for f in turn_findings:
                intent, category, required = facts.get(f.rule, (None, f.category, False))
                error = f.level >= Level.ERROR
                errors += error
                facts_of_turn.append((f.rule, error, required))
                findings.append((call_id, turn, row.role, row.agent_id, row.team, row.timestamp, f.rule, intent, category,
                                 str(f.level), f.match, f.offset, f.end_offset, f.message, f.suggestions[0] if f.suggestions else None))
            count += len(turn_findings)
            found.append(facts_of_turn)
        summary.add_call(rows, staff, found)
        scores.append((errors, count))
    return Audited(findings, summary, bad, scores, turns)
