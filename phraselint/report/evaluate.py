"""Accuracy measured on labelled corpora: precision, recall and F1 overall, per category,
per rule and per any extra label of the items (difficulty, topic, trap, kind, script ...).

A finding is a hit when it overlaps an expected span, a false alarm when it overlaps none;
an expected span that no finding overlaps is a miss. Per rule, a finding counts for its own
rule and an expected span is found only by a finding of the rule it is labelled with.

Each item is checked as its `kind` says (dialogue transcripts, training documents ...).
Only findings at or above `level` (default: warning) count: the corpora label violations,
and suggestion-level nudges (你 → 您) are not violations; they are counted separately.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError
from ..engine.linter import Linter
from ..model import KINDS, Finding, Level

CORE_KEYS = {"id", "kind", "script", "text", "expected"}
LABEL_KEYS_SKIPPED = {"id", "text", "expected"}


@dataclass(frozen=True)
class Expected:
    start: int
    end: int
    surface: str
    rule: str | None


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    expected: tuple[Expected, ...]
    labels: dict  # every other field: kind, script, trap, difficulty, topic, ...
    source: str


@dataclass
class Score:
    found: int = 0  # findings
    correct: int = 0  # findings overlapping an expected span
    expected: int = 0  # expected spans
    recalled: int = 0  # expected spans overlapped by a finding

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"findings": self.found, "correct": self.correct, "expected": self.expected, "recalled": self.recalled,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Outcome:
    item: Item
    findings: list[Finding]
    false_alarms: list[Finding] = field(default_factory=list)
    misses: list[Expected] = field(default_factory=list)


@dataclass
class Evaluation:
    overall: Score
    by_category: dict[str, Score]
    by_rule: dict[str, Score]
    by_label: dict[str, dict[str, Score]]
    outcomes: list[Outcome]
    trap_items: int
    trap_items_flagged: int  # trap items with any finding at warning level or above
    below_level: int = 0  # findings below the counted level (suggestions), not scored

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "categories": {k: v.as_dict() for k, v in sorted(self.by_category.items())},
            "rules": {k: v.as_dict() for k, v in sorted(self.by_rule.items())},
            "labels": {name: {k: v.as_dict() for k, v in sorted(values.items())} for name, values in sorted(self.by_label.items())},
            "traps": {"items": self.trap_items, "flagged": self.trap_items_flagged},
            "uncounted_findings_below_level": self.below_level,
            "false_alarms": [
                {"id": o.item.id, "text": o.item.text, "rule": f.rule, "match": f.match, "offset": f.offset}
                for o in self.outcomes for f in o.false_alarms
            ],
            "misses": [
                {"id": o.item.id, "text": o.item.text, "rule": e.rule, "surface": e.surface, "start": e.start}
                for o in self.outcomes for e in o.misses
            ],
        }


def load_corpus(paths: Iterable[str | Path]) -> list[Item]:
    items: list[Item] = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{path}: cannot read corpus: {exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
                text = raw["text"]
                expected = tuple(
                    Expected(e["start"], e["end"], e.get("surface", text[e["start"]:e["end"]]), e.get("rule"))
                    for e in raw.get("expected", [])
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{where}: not a corpus item ({exc})") from None
            for e in expected:
                if text[e.start:e.end] != e.surface:
                    raise InputError(f"{where}: item {raw.get('id')}: text[{e.start}:{e.end}] is not {e.surface!r}")
            labels = {k: v for k, v in raw.items() if k not in LABEL_KEYS_SKIPPED and isinstance(v, (str, int, bool))}
            items.append(Item(str(raw.get("id", where)), text, expected, labels, where))
    return items


def _overlaps(finding: Finding, expected: Expected) -> bool:
    return finding.offset < expected.end and expected.start < finding.end_offset


def evaluate(linter: Linter, items: list[Item], *, level: Level = Level.WARNING) -> Evaluation:
    overall = Score()
    by_rule: dict[str, Score] = defaultdict(Score)
    by_category: dict[str, Score] = defaultdict(Score)
    by_label: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    category_of = {rule.id: rule.category for rule in linter.rules}
    outcomes = []
    trap_items = trap_flagged = below = 0
    for item in items:
        kind = item.labels.get("kind")
        all_findings = linter.check(item.text, kind=kind if kind in KINDS else None)
        findings = [f for f in all_findings if f.level >= level]
        below += len(all_findings) - len(findings)
        outcome = Outcome(item, findings)
        scores = [overall] + [by_label[name][str(value)] for name, value in item.labels.items()]
        for finding in findings:
            correct = any(_overlaps(finding, e) for e in item.expected)
            for score in (*scores, by_rule[finding.rule], by_category[finding.category]):
                score.found += 1
                score.correct += correct
            if not correct:
                outcome.false_alarms.append(finding)
        for expected in item.expected:
            recalled = any(_overlaps(f, expected) for f in findings)
            for score in scores:
                score.expected += 1
                score.recalled += recalled
            if expected.rule:
                same_rule = any(_overlaps(f, expected) and f.rule == expected.rule for f in findings)
                for score in (by_rule[expected.rule], by_category[category_of.get(expected.rule, expected.rule.split(".")[0])]):
                    score.expected += 1
                    score.recalled += same_rule
            if not recalled:
                outcome.misses.append(expected)
        if "trap" in item.labels:
            trap_items += 1
            trap_flagged += any(f.level >= Level.WARNING for f in findings)
        outcomes.append(outcome)
    return Evaluation(overall, dict(by_category), dict(by_rule), {k: dict(v) for k, v in by_label.items()},
                      outcomes, trap_items, trap_flagged, below)


def _table(title: str, rows: dict[str, Score]) -> list[str]:
    width = max([len(title)] + [len(k) for k in rows])
    lines = [f"{title:<{width}}  {'precision':>9}  {'recall':>6}  {'F1':>5}  {'found':>5}  {'expected':>8}"]
    for name, score in sorted(rows.items()):
        lines.append(f"{name:<{width}}  {score.precision:>9.3f}  {score.recall:>6.3f}  {score.f1:>5.3f}  {score.found:>5}  {score.expected:>8}")
    return lines


def render_text(evaluation: Evaluation) -> str:
    o = evaluation.overall
    lines = [
        f"items: {len(evaluation.outcomes)}  findings: {o.found}  expected spans: {o.expected}",
        f"overall  precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}",
    ]
    if evaluation.below_level:
        lines.append(f"findings below the counted level (not scored): {evaluation.below_level}")
    if evaluation.trap_items:
        share = evaluation.trap_items_flagged / evaluation.trap_items
        lines.append(f"trap items with a finding at warning or above: {evaluation.trap_items_flagged} of {evaluation.trap_items} ({share:.1%})")
    lines += ["", *_table("category", evaluation.by_category), "", *_table("rule", evaluation.by_rule)]
    for name, values in sorted(evaluation.by_label.items()):
        lines += ["", *_table(name, values)]
    false_alarms = [(o, f) for o in evaluation.outcomes for f in o.false_alarms]
    misses = [(o, e) for o in evaluation.outcomes for e in o.misses]
    lines += ["", f"false alarms: {len(false_alarms)}"]
    lines += [f"  {o.item.id}  {f.rule}「{f.match}」 at {f.offset}: {o.item.text}" for o, f in false_alarms]
    lines += ["", f"misses: {len(misses)}"]
    lines += [f"  {o.item.id}  {e.rule or '?'}「{e.surface}」 at {e.start}: {o.item.text}" for o, e in misses]
    return "\n".join(lines) + "\n"
