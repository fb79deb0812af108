"""The labelled corpora are well-formed, cover every rule, and the packs meet the accuracy bar on them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from phraselint import Level
from phraselint.report.evaluate import evaluate, load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPORA = sorted((ROOT / "corpora").glob("*.jsonl"))
KINDS = {"reply", "phone", "notice", "dialogue", "training"}


@pytest.fixture(scope="module")
def raw_items() -> list[dict]:
    return [json.loads(line) for path in CORPORA for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_items_follow_the_format(raw_items):
    ids = Counter(item["id"] for item in raw_items)
    assert not [i for i, n in ids.items() if n > 1], "ids must be unique"
    for item in raw_items:
        assert item["kind"] in KINDS and item["script"] in ("simplified", "traditional"), item["id"]
        spans = sorted((e["start"], e["end"]) for e in item["expected"])
        for expected in item["expected"]:
            assert item["text"][expected["start"]:expected["end"]] == expected["surface"], item["id"]
            assert expected["canonical"], item["id"]
        assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), f"{item['id']}: overlapping spans"
        if "trap" in item:
            assert not item["expected"], f"{item['id']}: a trap item is clean by definition"


def test_corpus_size_and_balance(raw_items, linter):
    assert len(raw_items) >= 400
    assert sum(item["script"] == "traditional" for item in raw_items) >= len(raw_items) / 3
    assert sum(not item["expected"] for item in raw_items) >= 0.4 * len(raw_items)
    per_rule = Counter(e["rule"] for item in raw_items for e in item["expected"])
    thin = {rule.id: per_rule[rule.id] for rule in linter.rules if per_rule[rule.id] < 5 and rule.level >= Level.WARNING}
    assert not thin, f"rules covered fewer than 5 times: {thin}"


def test_accuracy_meets_the_bar(linter):
    evaluation = evaluate(linter, load_corpus(CORPORA))
    overall = evaluation.overall
    assert overall.precision >= 0.97, [f"{o.item.id} {f.rule} {f.match}" for o in evaluation.outcomes for f in o.false_alarms]
    assert overall.recall >= 0.95, [f"{o.item.id} {e.rule} {e.surface}" for o in evaluation.outcomes for e in o.misses]
    assert evaluation.trap_items_flagged <= 0.02 * evaluation.trap_items


def test_every_built_in_rule_has_two_bad_and_two_good_examples(linter):
    thin = [r.id for r in linter.rules if len(r.bad_examples) < 2 or len(r.good_examples) < 2]
    assert not thin
