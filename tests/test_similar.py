"""The similar-wording layer: clauses close to a rule's exemplar sentences, as suggestions."""

from __future__ import annotations

import json

import pytest

from phraselint import Level, Linter, PackError
from phraselint.engine import similar
from phraselint.engine.similar import SimilarIndex
from phraselint.packs.exemplars import compile_exemplars, load_exemplar_file
from phraselint.report.evaluate import Expected, Item, evaluate

PACK = """pack: demo
version: '1'
description: d
source: s
format: {format}
rules:
  - id: demo.elsewhere
    level: error
    category: responsibility
    intent: shifting
    message: 把业主推给别的部门。
    source: s
    phrases: [不关我的事]
{similar}
    rewrites: [我帮您联系相关同事。]
    examples:
      bad: [这不关我的事。]
      good: [我帮您联系工程部。]
"""
EXEMPLARS = "    similar: [你去问别的部门吧, 这事归工程部管, 你找我们上司去]\n"


def pack(tmp_path, similar=EXEMPLARS, format=2):
    path = tmp_path / "demo.yaml"
    path.write_text(PACK.format(format=format, similar=similar.rstrip("\n")), encoding="utf-8")
    return str(path)


@pytest.fixture
def linter(tmp_path):
    return Linter([pack(tmp_path)], similar=True)


def similar_findings(linter, text, **options):
    return [f for f in linter.check(text, **options) if f.similar is not None]


def test_a_clause_close_to_an_exemplar_is_a_suggestion_naming_it(linter):
    found = similar_findings(linter, "好的，你去问问别的部门吧。明天见")
    assert [(f.rule, f.match, f.level, f.similar) for f in found] == [
        ("demo.elsewhere", "你去问问别的部门吧", Level.SUGGESTION, "你去问别的部门吧")]
    assert "推诿" in found[0].message and "“你去问别的部门吧”" in found[0].message
    assert found[0].fix is None  # a hint for a person, never a drop-in rewrite
    assert found[0].to_dict()["similar"] == "你去问别的部门吧"


def test_scores_rise_with_shared_rare_bigrams_and_fall_with_length(linter):
    index = SimilarIndex(linter.compiled.similar, frozenset({0}))
    same = index._best("你去问别的部门吧")
    assert same is not None and same[2] == pytest.approx(1.0)
    close = index._best("你去问别的部门")[2]
    longer = index._best("你去问别的部门吧我们今天下午还要开会讨论")
    assert close < 1.0 and (longer is None or longer[2] < close)
    # sharing only common bigrams (你去, 的) is not resemblance
    assert index._best("你去吃饭的时候") is None


def test_the_threshold_decides(linter, monkeypatch):
    text = "你去问问别的部门吧"
    assert similar_findings(linter, text)
    monkeypatch.setattr(similar, "THRESHOLD", 0.999)
    assert not similar_findings(linter, text)


def test_no_suggestion_where_a_phrase_matched(linter):
    found = linter.check("这不关我的事你去问别的部门吧")
    assert [(f.rule, f.level, f.similar) for f in found] == [("demo.elsewhere", Level.ERROR, None)]


def test_context_is_respected_like_phrases(linter):
    assert not similar_findings(linter, "业主：你去问别的部门吧\n客服：好的，我帮您联系。")
    staff = similar_findings(linter, "业主：空调坏了\n客服：你去问别的部门吧")
    assert [(f.match, f.role) for f in staff] == [("你去问别的部门吧", "客服")]
    assert not similar_findings(linter, "培训时切勿说“你去问别的部门吧”。")


def test_level_never_raised_and_phrase_findings_unchanged(tmp_path):
    on, off = Linter([pack(tmp_path)], similar=True), Linter([pack(tmp_path)])
    text = "这不关我的事。好的，你去问别的部门吧。"
    assert [f for f in on.check(text) if f.similar is None] == off.check(text)
    assert all(f.level == Level.SUGGESTION for f in similar_findings(on, text))
    assert not similar_findings(on, text, level=Level.WARNING)


def test_off_by_default_and_costs_nothing_then(tmp_path):
    linter = Linter([pack(tmp_path)])
    assert not similar_findings(linter, "你去问别的部门吧")
    assert "_similar_index" not in linter.__dict__
    assert Linter.from_spec(Linter([pack(tmp_path)], similar=True).spec).similar


def test_a_disabled_rule_has_no_similar_suggestions(tmp_path):
    from phraselint.packs.selection import Selection
    linter = Linter([pack(tmp_path)], similar=True, selection=Selection(disable=("demo.elsewhere",)))
    assert not linter.check("你去问别的部门吧")


def test_builtin_exemplars_read_regional_text_as_mandarin():
    # 我都不敢说 is now a phrase of responsibility.no-promise; with it off, the clause is the layer's
    from phraselint.packs.selection import Selection
    linter = Linter(similar=True, selection=Selection(disable=("responsibility.no-promise",)))
    found = similar_findings(linter, "好難講，成唔成我都唔敢講")  # 能不能成我也不敢说
    assert [(f.rule, f.match) for f in found] == [("complaint.ill-try", "成唔成我都唔敢講")]


def run_cli(args, text):
    from click.testing import CliRunner
    from phraselint.cli.app import cli
    return CliRunner().invoke(cli, args, input=text)


def test_cli_option_and_configuration_key(tmp_path):
    path = pack(tmp_path)
    text = "你去问别的部门吧"
    plain = json.loads(run_cli(["check", "--packs", path, "--format", "json", "-"], text).output)
    assert plain["files"][0]["findings"] == []
    on = json.loads(run_cli(["check", "--similar", "--packs", path, "--format", "json", "-"], text).output)
    assert [f["similar"] for f in on["files"][0]["findings"]] == ["你去问别的部门吧"]
    config = tmp_path / "c.yaml"
    config.write_text("similar: true\n", encoding="utf-8")
    by_config = run_cli(["check", "--config", str(config), "--packs", path, "--format", "json", "-"], text)
    assert json.loads(by_config.output)["files"][0]["findings"][0]["similar"] == "你去问别的部门吧"
    config.write_text("similar: yes please\n", encoding="utf-8")
    from phraselint.errors import ConfigError
    assert isinstance(run_cli(["check", "--config", str(config), "-"], text).exception, ConfigError)


def test_eval_scores_the_layer_alone(linter):
    text = "这不关我的事。你去问别的部门吧。"
    items = [Item("a", text, (Expected(0, 6, text[0:6]), Expected(7, 15, text[7:15])), {"kind": "reply"}, "x:1")]
    layer = evaluate(linter, items, layer="similar")
    assert (layer.overall.found, layer.overall.correct, layer.overall.recalled) == (1, 1, 1)
    everything = evaluate(linter, items)
    assert everything.overall.found == 1 and everything.overall.recalled == 1  # the phrase finding, at error


@pytest.mark.parametrize("body, message", [
    ("exemplars:\n  demo.nowhere: [你去问别的部门吧]\n", "names no loaded rule"),
    ("exemplars:\n  nopack.nowhere: [你去问别的部门吧]\n", "names no loaded rule"),
    ("exemplars:\n  demo.elsewhere: ['你去问，别的部门吧']\n", "one clause"),
    ("exemplars:\n  demo.elsewhere: [你]\n", "2 to 40 characters"),
    ("exemplars:\n  demo.elsewhere: [你去问别的部门吧, 你去问别的部门吧]\n", "listed twice"),
    ("exemplars: [你去问别的部门吧]\n", "must be a mapping"),
    ("exemplar:\n  demo.elsewhere: [你去问别的部门吧]\n", "unknown key"),
    ("exemplars:\n  demo.elsewhere: [你去问别的部门吧\n", ""),
])
def test_a_malformed_exemplar_file_is_an_error_with_file_and_line(tmp_path, body, message):
    path = tmp_path / "exemplars.yaml"
    path.write_text("source: s\n" + body, encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_exemplar_file(path, {"demo.elsewhere": 0}, {"demo"}, {"demo", "inquiry"})
    problem = raised.value.problems[0]
    assert problem.file == str(path) and problem.line is not None and message in problem.message


def test_ids_of_builtin_packs_not_loaded_are_skipped(tmp_path):
    path = tmp_path / "exemplars.yaml"
    path.write_text("exemplars:\n  inquiry.dont-know: [这我哪里清楚]\n  demo.elsewhere: [你去问别的部门吧]\n", encoding="utf-8")
    assert load_exemplar_file(path, {"demo.elsewhere": 0}, {"demo"}, {"inquiry"}) == {0: ("你去问别的部门吧",)}


def test_the_rule_field_needs_format_2_and_valid_sentences(tmp_path):
    with pytest.raises(PackError, match="format: 2"):
        Linter([pack(tmp_path, format=1)])
    with pytest.raises(PackError, match=r"demo.yaml:\d+: rule demo.elsewhere: field 'similar'.*one clause"):
        Linter([pack(tmp_path, similar="    similar: ['你去问，别的部门吧']\n")])


def test_builtin_exemplar_file_is_valid_against_the_builtin_rules():
    linter = Linter()
    assert len(linter.compiled.similar.entries) >= 20
    assert compile_exemplars(linter.rules).entries == linter.compiled.similar.entries
