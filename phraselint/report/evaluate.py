"""Accuracy measured on labelled corpora: precision and recall overall, per set of files
(blind sets apart from the tuned ones), per item label (kind, script, region), per span label
(difficulty, intent), per rule and category; and how many near-miss items were flagged.

Two ways to count (`mode`):
- "overlap": a finding is correct when it overlaps any expected span, and a span is recalled
  when any finding overlaps it: "did the tool point at the discourteous wording?";
- "one-to-one": a finding counts only for one span of the same intent (the finding's rule's
  intent), and each span for one finding: "did it recognise *what* the wording does?".

Each item is checked as `phraselint check` would check it as a file: a `chat` item as a JSON
chat log (spans are offsets into the JSON text), every other as a text file of its `kind`
(dialogue transcripts, training documents, notices with placeholders ...). Only
findings at or above `level` (default: warning) count: the corpora label violations, and
suggestion-level nudges (你 → 您) are not violations; they are counted separately.

A span label (difficulty) says nothing about findings that overlap no span, so its rows
have recall only. An intent row has both: findings whose rule has that intent, spans
labelled with it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..config import Config
from ..errors import InputError
from ..i18n.message import say
from ..engine.linter import Linter
from ..model import KINDS, Finding, Level
from ..run.session import CheckSession

MODES = ("overlap", "one-to-one")
LAYERS = ("all", "similar")  # every finding at the counted level, or the similar-wording layer's alone
FREE_TEXT = ("trap", "note", "set")  # item fields not tabulated: every item's would be a row of its own
SPAN_LABELS = ("difficulty", "intent")
TUNED = "tuned"  # the set of files written alongside the rules (directly in corpora/)


@dataclass(frozen=True)
class Expected:
    start: int
    end: int
    surface: str
    rule: str | None = None
    intent: str | None = None
    difficulty: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    expected: tuple[Expected, ...]
    labels: dict  # every other short field: kind, script, region, trap, ...
    source: str  # file:line
    set: str = TUNED  # the folder of its file: "tuned" for corpora/, else the folder's name (blind ...)

    @property
    def is_trap(self) -> bool:
        """A near-miss item: tempting wording a careful trainer would not mark (`trap` says why)."""
        return bool(self.labels.get("trap"))


@dataclass
class Score:
    found: int = 0  # findings
    correct: int = 0  # findings counted as correct
    expected: int = 0  # expected spans
    recalled: int = 0  # expected spans found

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
    by_label: dict[str, dict[str, Score]]  # item labels and span labels, each name to its values' scores
    outcomes: list[Outcome]
    trap_items: int
    trap_items_flagged: int  # near-miss items with a false alarm at the counted level
    below_level: int = 0  # findings below the counted level (suggestions), not scored
    mode: str = "overlap"
    layer: str = "all"  # "similar": only the similar-wording layer's findings were scored

    @property
    def trap_share(self) -> float:
        return self.trap_items_flagged / self.trap_items if self.trap_items else 0.0

    def as_dict(self) -> dict:
        return {
            "mode": self.mode,
            "layer": self.layer,
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
                {"id": o.item.id, "text": o.item.text, "rule": e.rule, "intent": e.intent, "difficulty": e.difficulty,
                 "surface": e.surface, "start": e.start}
                for o in self.outcomes for e in o.misses
            ],
        }


def _set_of(path: Path) -> str:
    return TUNED if path.parent.name == "corpora" else path.parent.name


def _expected(raw: dict, text: str) -> Expected:
    optional = {key: raw.get(key) for key in ("rule", "intent", "difficulty", "note")}
    if any(value is not None and not isinstance(value, str) for value in optional.values()):
        raise TypeError(say("rule, intent, difficulty and note are text"))
    start, end = raw.get("start"), raw.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise TypeError(say("start {start} and end {end} are not a span of the text", start=repr(start), end=repr(end)))
    return Expected(start, end, raw.get("surface", text[start:end]), **optional)


def load_corpus(paths: Iterable[str | Path]) -> list[Item]:
    items: list[Item] = []
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            reason = say(exc.strerror) if isinstance(exc, OSError) and exc.strerror else say(getattr(exc, "reason", None) or str(exc))
            raise InputError(say("{path}: cannot read corpus: {reason}", path=str(path), reason=reason)) from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                raw = json.loads(line)
                if not isinstance(raw, dict) or not isinstance(raw.get("text"), str):
                    raise TypeError(say("not an object with a text"))
                text = raw["text"]
                spans = raw.get("expected", [])
                if not isinstance(spans, list) or not all(isinstance(e, dict) for e in spans):
                    raise TypeError(say("expected is not a list of spans"))
                expected = tuple(_expected(e, text) for e in spans)
            except json.JSONDecodeError as exc:  # json's own wording stays out: where it stopped says enough
                raise InputError(say("{where}: not a corpus item (not JSON at column {column})", where=where, column=exc.colno)) from None
            except TypeError as exc:
                raise InputError(say("{where}: not a corpus item ({reason})", where=where, reason=exc.args[0])) from None
            for e in expected:
                if text[e.start:e.end] != e.surface:
                    raise InputError(say("{where}: item {item}: text[{start}:{end}] is not {surface}", where=where,
                                         item=str(raw.get("id")), start=e.start, end=e.end, surface=repr(e.surface)))
            labels = {k: v for k, v in raw.items() if k not in ("id", "text", "expected") and isinstance(v, (str, int, bool))}
            items.append(Item(str(raw.get("id", where)), text, expected, labels, where, str(raw.get("set") or _set_of(path))))
    return items


def _overlaps(finding: Finding, expected: Expected) -> bool:
    return finding.offset < expected.end and expected.start < finding.end_offset


def _pairs(findings: list[Finding], expected: tuple[Expected, ...], intent_of: dict[str, str], mode: str) -> tuple[list[bool], list[bool]]:
    """(whether each finding is correct, whether each span is recalled) under `mode`."""
    if mode == "overlap":
        return ([any(_overlaps(f, e) for e in expected) for f in findings],
                [any(_overlaps(f, e) for f in findings) for e in expected])
    correct, recalled = [False] * len(findings), [False] * len(expected)
    for j, span in enumerate(expected):  # spans in text order, each taking the first free finding of its intent
        for i, finding in enumerate(findings):
            wanted = span.intent or intent_of.get(span.rule or "")  # a span labelled with a rule: that rule's intent
            if not correct[i] and _overlaps(finding, span) and intent_of.get(finding.rule) == wanted:
                correct[i] = recalled[j] = True
                break
    return correct, recalled


def evaluate(linter: Linter, items: list[Item], *, level: Level = Level.WARNING, mode: str = "overlap",
             required_wording: bool = True, layer: str = "all") -> Evaluation:
    """`required_wording=False` scores phrase rules only: a corpus that labels the wording present
    in a text says nothing of wording that is missing (a call without a closing). `layer="similar"`
    scores only the similar-wording layer's findings (suggestions all, whatever `level`): its own
    precision, and the share of labels it points at, apart from the phrases it never overlaps."""
    if mode not in MODES:
        raise ValueError(f"mode is one of {', '.join(MODES)}")
    if layer not in LAYERS:
        raise ValueError(f"layer is one of {', '.join(LAYERS)}")
    overall = Score()
    by_rule: dict[str, Score] = defaultdict(Score)
    by_category: dict[str, Score] = defaultdict(Score)
    by_label: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    category_of = {rule.id: rule.category for rule in linter.rules}
    intent_of = {rule.id: rule.intent or rule.category for rule in linter.rules}
    required = {rule.id for rule in linter.rules if rule.type != "phrase"}
    outcomes = []
    trap_items = trap_flagged = below = 0
    sessions: dict[str | None, CheckSession] = {}
    for item in items:
        kind = item.labels.get("kind")
        kind = kind if kind in KINDS else None
        session = sessions.get(kind) or sessions.setdefault(kind, CheckSession(linter, Config(), Level.SUGGESTION, kind=kind))
        path = f"{item.id}.json" if item.labels.get("kind") == "chat" else f"{item.id}.txt"
        all_findings = session.check_extracted(path, session.extract(path, item.text))
        if layer == "similar":
            findings = [f for f in all_findings if f.similar is not None]
        else:
            findings = [f for f in all_findings if f.level >= level and (required_wording or f.rule not in required)]
        below += len(all_findings) - len(findings)
        outcome = Outcome(item, findings)
        labels = [(name, str(value)) for name, value in item.labels.items() if name not in FREE_TEXT]
        item_scores = [overall] + [by_label[name][value] for name, value in labels]
        correct, recalled = _pairs(findings, item.expected, intent_of, mode)
        for finding, right in zip(findings, correct):
            intent = intent_of.get(finding.rule, finding.category)
            for score in (*item_scores, by_rule[finding.rule], by_category[finding.category], by_label["intent"][intent]):
                score.found += 1
                score.correct += right
            if not right:
                outcome.false_alarms.append(finding)
        for span, found in zip(item.expected, recalled):
            own = {name: value for name in SPAN_LABELS if (value := getattr(span, name))}  # a span's label beats its item's
            span_scores = [overall] + [by_label[name][value] for name, value in labels if name not in own]
            span_scores += [by_label[name][value] for name, value in own.items()]
            for score in span_scores:
                score.expected += 1
                score.recalled += found
            if span.rule:
                same_rule = any(_overlaps(f, span) and f.rule == span.rule for f in findings)
                for score in (by_rule[span.rule], by_category[category_of.get(span.rule, span.rule.split(".")[0])]):
                    score.expected += 1
                    score.recalled += same_rule
            if not found:
                outcome.misses.append(span)
        if item.is_trap:
            trap_items += 1
            trap_flagged += bool(outcome.false_alarms)
        outcomes.append(outcome)
    return Evaluation(overall, dict(by_category), dict(by_rule), {k: dict(v) for k, v in by_label.items()},
                      outcomes, trap_items, trap_flagged, below, mode, layer)


def evaluate_sets(linter: Linter, items: list[Item], **options) -> dict[str, Evaluation]:
    """One evaluation per set of files, tuned first: a blind set's figures are never mixed with
    those of the corpora written alongside the rules."""
    sets: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        sets[item.set].append(item)
    order = sorted(sets, key=lambda name: (name != TUNED, name))
    return {name: evaluate(linter, sets[name], **options) for name in order}
