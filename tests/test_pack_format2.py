"""Pack format 2: word classes inside phrases, and keyword combinations."""

from __future__ import annotations

import pytest

from phraselint import Level, Linter, PackError, load_packs
from phraselint.packs.loader import read_pack

HEADER = "pack: demo\nversion: '1'\ndescription: d\nsource: s\nformat: 2\n"
CLASSES = """classes:
  推给: ['(去|再去)(问|找)', 打给]
  部门: [工程部, 保安部, '(物业|管理)处']
"""
RULE = """  - id: demo.elsewhere
    level: warning
    category: responsibility
    intent: shifting
    message: 把业主推给别的部门。
    source: s
{body}
    rewrites: [我帮您联系相关同事。]
    examples:
      bad: [{bad}]
      good: [我帮您联系工程部。, 工程部的师傅明天上午到。]
"""


def write(tmp_path, body, bad="你去问工程部吧。", classes=CLASSES, header=HEADER):
    path = tmp_path / "demo.yaml"
    path.write_text(header + classes + "rules:\n" + RULE.format(body=body, bad=bad), encoding="utf-8")
    return path


def warnings(linter, text):
    return [(f.rule, f.match) for f in linter.check(text) if f.level >= Level.WARNING]


def test_a_class_expands_inside_a_phrase(tmp_path):
    linter = Linter([str(write(tmp_path, "    phrases: ['{你}{推给}{部门}']"))])
    assert warnings(linter, "您再去找保安部吧") == [("demo.elsewhere", "您再去找保安部")]
    assert warnings(linter, "你打给管理处") == [("demo.elsewhere", "你打给管理处")]
    rule = linter.rule("demo.elsewhere")
    assert rule.written == ("{你}{推给}{部门}",) and "工程部" in rule.phrases[0]


def test_shared_classes_are_found_and_unknown_ones_are_located(tmp_path):
    path = write(tmp_path, "    phrases: ['{你}{推给}{科室}']")
    with pytest.raises(PackError) as info:
        load_packs([str(path)])
    message = str(info.value.problems[0])
    assert f"{path}:" in message and "field 'phrases'" in message and "unknown word class {科室}" in message


def test_format_1_keeps_braces_literal_and_rejects_classes(tmp_path):
    path = write(tmp_path, "    phrases: ['你{等}']", bad="'你{等}'", header=HEADER.replace("format: 2\n", ""), classes="")
    assert warnings(Linter([str(path)]), "你{等}一下") == [("demo.elsewhere", "你{等}")]
    path = write(tmp_path, "    phrases: [你走开]", header=HEADER.replace("format: 2\n", ""))
    with pytest.raises(PackError, match="need 'format: 2'"):
        load_packs([str(path)])


def test_a_class_that_uses_itself_or_redefines_a_shared_one_is_an_error(tmp_path):
    looping = "classes:\n  甲: ['乙{甲}']\n"
    with pytest.raises(PackError, match=r"uses itself"):
        load_packs([str(write(tmp_path, "    phrases: [你走开]", classes=looping))])
    shadowing = "classes:\n  你: [你]\n"
    with pytest.raises(PackError, match=r"already defined at .*common.yaml"):
        load_packs([str(write(tmp_path, "    phrases: [你走开]", classes=shadowing))])


COMBINE = """    combine:
      within: clause
      all: ['{你}{推给}']
      any: ['{部门}']
      none: [我帮]"""


def test_a_combination_needs_all_and_any_in_one_clause(tmp_path):
    linter = Linter([str(write(tmp_path, COMBINE))])
    assert warnings(linter, "这个你去问一下工程部吧") == [("demo.elsewhere", "你去问一下工程部")]
    assert warnings(linter, "你去问一下，工程部今天休息") == []  # two clauses
    assert warnings(linter, "你去问一下吧") == []  # no department
    assert warnings(linter, "我帮你去问一下工程部") == []  # vetoed


def test_a_combination_may_set_a_distance(tmp_path):
    body = COMBINE.replace("within: clause", "within: 6")
    linter = Linter([str(write(tmp_path, body, bad="你去问工程部吧。"))])
    assert warnings(linter, "你去问工程部吧") == [("demo.elsewhere", "你去问工程部")]
    assert warnings(linter, "你去问问楼下那位负责的工程部") == []


def test_combination_wordings_are_not_rules_of_their_own(tmp_path):
    linter = Linter([str(write(tmp_path, COMBINE))])
    assert [r.id for r in linter.rules] == ["demo.elsewhere"]
    assert all("#" not in f.rule for f in linter.check("你去问一下工程部。你去找保安部。"))


def test_combinations_are_validated_with_their_lines(tmp_path):
    bad = COMBINE.replace("within: clause", "within: paragraph").replace("all: ['{你}{推给}']", "all: 42")
    with pytest.raises(PackError) as info:
        load_packs([str(write(tmp_path, bad))])
    messages = [str(p) for p in info.value.problems]
    assert any("field 'combine.within'" in m and ":" in m for m in messages)
    assert any("field 'all'" in m for m in messages)


def test_combinations_obey_context_like_phrases(tmp_path):
    linter = Linter([str(write(tmp_path, COMBINE))])
    transcript = "客服：您好。\n业主：你去问工程部啊，别问我。\n客服：好的，我帮您联系工程部。"
    assert warnings(linter, transcript) == []
    assert [f.rule for f in linter.check("培训：切勿说“你去问工程部”。")if f.level >= Level.WARNING] == []


def test_format_2_builds_survive_the_cache_form(tmp_path):
    import json

    from phraselint.packs.build import build_packs
    from phraselint.packs.plain_form import from_plain, to_plain

    path = write(tmp_path, COMBINE + "\n    phrases: ['{你}{推给}{部门}']")
    built = build_packs([str(path)], [])
    again = from_plain(json.loads(json.dumps(to_plain(built))))
    assert again.packs == built.packs and again.compiled.rules == built.compiled.rules
    assert again.compiled.lexicon == built.compiled.lexicon
    linter = Linter(built=again)
    assert warnings(linter, "这个你去问一下工程部吧") == [("demo.elsewhere", "你去问一下工程部")]


def test_a_combination_may_span_a_turn_and_be_scoped_to_a_position_in_the_call(tmp_path):
    body = COMBINE.replace("within: clause", "within: turn\n      position: last-staff-turn")
    linter = Linter([str(write(tmp_path, body))])
    call = ("客服：您好，请问有什么可以帮您？\n业主：水管漏了。\n客服：你去问一下。工程部今天有人。\n"
            "业主：好吧。\n客服：你去问一下，工程部今天有人。")
    found = [f for f in linter.check(call, kind="phone") if f.rule == "demo.elsewhere"]
    assert [f.line for f in found] == [5]  # the last staff turn only; the third turn is not the last
    plain = "你去问一下。工程部今天有人。"
    assert [f.rule for f in linter.check(plain) if f.rule == "demo.elsewhere"] == ["demo.elsewhere"]  # a line outside a call


def test_a_position_must_be_known(tmp_path):
    body = COMBINE.replace("within: clause", "position: middle")
    with pytest.raises(PackError, match=r"field 'combine.position': must be one of"):
        load_packs([str(write(tmp_path, body))])
