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
from .batch import STAFF_LABEL, call_hits, decide_speakers, in_turn_span
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
        is required wording missed). A call's rows mostly share one agent, team and day: they are
        counted per such place first, and each key's counts added once per call."""
        places: dict[tuple, int] = {}  # (agent, team, timestamp's day) -> staff turns there
        hits: list[tuple[tuple, str, bool, bool]] = []
        for row, is_staff, findings in zip(rows, staff, found):
            time = row.timestamp
            place = (row.agent_id, row.team, time[:10] if time else None)
            places[place] = places.get(place, 0) + is_staff
            if findings:
                hits.extend((place, rule, error, missing) for rule, error, missing in findings)
        self.staff_turns += sum(places.values())
        keys_of = _keys_of
        in_call: dict[tuple[str, str], list] = {}  # key -> [staff turns, findings, errors, an error, required missed]
        for place, staff_turns in places.items():
            for key in keys_of(place):
                entry = in_call.get(key)
                if entry is None:
                    in_call[key] = [staff_turns, 0, 0, False, False]
                else:
                    entry[0] += staff_turns
        for place, rule, error, missing in hits:
            for key in (*keys_of(place), ("rule", rule)):
                entry = in_call.get(key)
                if entry is None:
                    entry = in_call[key] = [0, 0, 0, False, False]
                entry[1] += 1
                entry[2] += error
                entry[3] = entry[3] or error
                entry[4] = entry[4] or missing
        counts = self.counts
        for key, (staff_turns, findings, errors, an_error, missed) in in_call.items():
            values = counts.get(key)
            if values is None:
                counts[key] = [staff_turns, 1, findings, errors, int(an_error), int(missed)]
            else:
                values[0] += staff_turns
                values[1] += 1
                values[2] += findings
                values[3] += errors
                values[4] += an_error
                values[5] += missed

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


def _keys_of(place: tuple) -> tuple[tuple[str, str], ...]:
    """The summary keys of a place (agent, team, day), those it has."""
    agent, team, day = place
    return tuple(key for key in (("agent", agent), ("team", team), ("day", day)) if key[1])


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
    """Check each call as a transcript (batch.call_hits) and turn its findings into rows and counts.
    A row of a table in `roleless` (one without a role column) is a staff turn."""
    facts = facts if facts is not None else RuleFacts(linter)
    findings: list[tuple] = []
    bad: list[BadRow] = []
    scores: list[tuple[int, int]] = []
    summary = Summary()
    turns = 0
    known: dict = {}  # role value -> (label, listed speaker), for decide_speakers
    error_level = Level.ERROR
    for call_id, rows in calls:
        rows = in_turn_order(rows)
        turns += len(rows)
        roles = [STAFF_LABEL if row.file in roleless else row.role for row in rows] if roleless else [row.role for row in rows]
        speakers = decide_speakers(roles, linter.roles, known)
        texts = [row.text for row in rows]
        speakers, hits = call_hits(linter, texts, roles, level=level, kind=kind, speakers=speakers)
        decided = [speakers.get(role) for role in roles]
        staff = [speaker == "staff" for speaker in decided]
        found: list[list[tuple[str, bool, bool]]] = [[] for _ in rows]
        if None in decided:
            for row, speaker in zip(rows, decided):
                if speaker is None:
                    bad.append(BadRow(row.file, row.row, say("role '{role}' is neither staff nor customer (add it with --staff-role or --customer-role)",
                                                             role=row.role or "")))
        errors = 0
        if len(hits) > 1:
            hits.sort(key=_turn_index)  # stable: a turn's findings in the report's order
        for index, start, f in hits:
            row = rows[index]
            text = texts[index]
            intent, category, required = facts.get(f.rule, (None, f.category, False))
            error = f.level >= error_level
            errors += error
            found[index].append((f.rule, error, required))
            offset, end = in_turn_span(f, text, start)
            findings.append((call_id, row.turn if row.turn is not None else index + 1, row.role, row.agent_id, row.team,
                             row.timestamp, f.rule, intent, category, str(f.level), text[offset:end], offset, end, f.message,
                             f.suggestions[0] if f.suggestions else None))
        summary.add_call(rows, staff, found)
        scores.append((errors, len(hits)))
    return Audited(findings, summary, bad, scores, turns)


def _turn_index(hit: tuple[int, int, Any]) -> int:
    return hit[0]
