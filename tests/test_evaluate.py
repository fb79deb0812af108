"""`phraselint eval`: sets kept apart, span labels, one-to-one scoring and near-miss items."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from phraselint.cli.app import cli
from phraselint.report.evaluate import evaluate, evaluate_sets, load_corpus


def _write(path, items):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def _span(text, surface, intent, difficulty):
    start = text.index(surface)
    return {"start": start, "end": start + len(surface), "surface": surface, "intent": intent, "difficulty": difficulty}


@pytest.fixture
def corpora(tmp_path):
    text = "这个我不知道，你等一下。"
    tuned = _write(tmp_path / "corpora" / "replies.jsonl", [
        {"id": "t1", "kind": "reply", "script": "simplified", "text": text,
         "expected": [_span(text, "不知道", "evading", "exact")]},
    ])
    blind_text = "我唔知呀，你等一下啦。"
    blind = _write(tmp_path / "corpora" / "blind" / "b.jsonl", [
        {"id": "b1", "kind": "reply", "script": "traditional", "region": "hk", "text": blind_text,
         # labelled with the wrong intent on purpose: one-to-one must not count the hold finding for it
         "expected": [_span(blind_text, "唔知", "evading", "dialect"), _span(blind_text, "等一下", "evading", "exact")]},
        {"id": "b2", "kind": "reply", "script": "simplified", "region": "cn", "text": "我等一下午了。", "expected": [],
         "trap": "等一下午 is a length of time"},
        {"id": "b3", "kind": "reply", "script": "simplified", "region": "cn", "text": "不知道您是否方便？", "expected": [],
         "trap": ""},
    ])
    return tuned, blind


def test_sets_are_scored_apart(linter, corpora):
    evaluations = evaluate_sets(linter, load_corpus(corpora))
    assert list(evaluations) == ["tuned", "blind"]
    assert len(evaluations["tuned"].outcomes) == 1 and len(evaluations["blind"].outcomes) == 3


def test_difficulty_and_intent_come_from_the_spans(linter, corpora):
    blind = evaluate(linter, load_corpus([corpora[1]]))
    difficulty = blind.by_label["difficulty"]
    assert difficulty["exact"].expected == 1 and difficulty["exact"].recalled == 1
    assert difficulty["dialect"].expected == 1
    assert blind.by_label["intent"]["evading"].expected == 2
    assert blind.by_label["region"]["hk"].expected == 2


def test_one_to_one_needs_the_same_intent(linter, corpora):
    items = load_corpus([corpora[1]])
    overlap = evaluate(linter, items)
    strict = evaluate(linter, items, mode="one-to-one")
    hold = [f for o in overlap.outcomes for f in o.findings if f.rule == "telephone.hold-on"]
    assert hold, "the hold phrase is found"
    assert hold[0] not in [f for o in overlap.outcomes for f in o.false_alarms]
    assert hold[0] in [f for o in strict.outcomes for f in o.false_alarms]
    assert strict.overall.recalled < overlap.overall.recalled


def test_only_items_with_a_reason_are_near_misses(linter, corpora):
    blind = evaluate(linter, load_corpus([corpora[1]]))
    assert blind.trap_items == 1  # b3's empty trap is no near miss
    assert blind.trap_items_flagged == 0


def test_bad_spans_name_the_line(tmp_path):
    path = _write(tmp_path / "c.jsonl", [{"id": "x", "text": "你好", "expected": [{"start": 1, "end": 9}]}])
    with pytest.raises(Exception, match=r"c.jsonl:1: not a corpus item"):
        load_corpus([path])


def test_cli_reports_each_set_and_its_headline(corpora):
    result = CliRunner().invoke(cli, ["eval", "--lang", "en", "--phrases-only", *map(str, corpora)])
    assert result.exit_code == 0, result.output
    assert "== tuned (overlap) ==" in result.output and "== blind (overlap) ==" in result.output
    assert result.output.strip().splitlines()[-1].startswith("blind: 3 items")
    data = json.loads(CliRunner().invoke(cli, ["eval", "--format", "json", "--one-to-one", *map(str, corpora)]).output)
    assert set(data["sets"]) == {"tuned", "blind"} and data["sets"]["blind"]["mode"] == "one-to-one"
    failing = CliRunner().invoke(cli, ["eval", "--lang", "en", "--one-to-one", "--min-recall", "0.99", *map(str, corpora)])
    assert failing.exit_code == 1 and "below threshold (min precision 0.0, min recall 0.99): blind: precision" in failing.output


def test_the_report_is_in_the_interface_language(corpora):
    chinese = CliRunner().invoke(cli, ["eval", "--one-to-one", "--min-recall", "0.99", *map(str, corpora)])
    assert chinese.exit_code == 1
    assert "== tuned (一对一计分) ==" in chinese.output and "总体  精确率" in chinese.output
    assert "低于阈值（最低精确率 0.0，最低召回率 0.99）：blind：精确率" in chinese.output
    assert "precision" not in chinese.output and "recall" not in chinese.output
    hk = CliRunner().invoke(cli, ["eval", "--variant", "hk", *map(str, corpora)])
    assert "== blind (重疊計分) ==" in hk.output and "近似誤報" in hk.output
