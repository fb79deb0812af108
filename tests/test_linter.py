"""The engine through its library API: candidates, boundaries, exceptions, scripts, offsets."""

import phraselint
from phraselint import Level, Linter
from phraselint.packs.selection import Selection


def rules_of(findings):
    return [f.rule for f in findings]


def test_the_issue_example_reports_the_span_of_dont_know(linter):
    [finding, shifting] = linter.check("这个我不知道,你去问别人吧")
    # 你去问别人 is shifting; the 您 suggestion on its 你 gives way to that longer finding
    assert (shifting.rule, shifting.match, shifting.level) == ("responsibility.elsewhere", "你去问别人", Level.ERROR)
    [address] = linter.check("你看一下")
    assert (address.rule, address.match, address.level, address.fix) == ("courtesy.address-as-nin", "你", Level.SUGGESTION, "您")
    assert finding.rule == "inquiry.dont-know"
    assert (finding.offset, finding.end_offset, finding.match) == (3, 6, "不知道")
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (1, 4, 1, 7)
    assert finding.suggestions and finding.level is Level.ERROR


def test_traditional_input_gets_traditional_suggestions(linter):
    [finding] = linter.check("這個我不知道")
    assert finding.rule == "inquiry.dont-know"
    assert all("這" in s or "幫" in s for s in finding.suggestions)


def test_taiwan_wording_for_suggestions(write_pack):
    from .conftest import MINIMAL_RULE, pack_text

    path = write_pack(pack_text(MINIMAL_RULE.replace("rewrites: [请您稍候]", "rewrites: [这里的信息请您稍候]")))
    # t, the old name of OpenCC's standard forms (這裏 but also 爲, 覈), is Taiwan's now
    assert Linter([str(path)], variant="t").check("你走開")[0].suggestions == ("這裡的資訊請您稍候",)
    assert Linter([str(path)], variant="hk").check("你走開")[0].suggestions == ("這裏的信息請您稍候",)
    assert Linter([str(path)], variant="tw").check("你走開")[0].suggestions == ("這裡的資訊請您稍候",)
    # the variant names the reader: a Taiwan reader gets Taiwan wording for simplified text too
    assert Linter([str(path)], variant="tw").check("你走开")[0].suggestions == ("這裡的資訊請您稍候",)
    assert Linter([str(path)]).check("你走开")[0].suggestions == ("这里的信息请您稍候",)
    assert Linter([str(path)], variant="cn").check("你走開")[0].suggestions == ("这里的信息请您稍候",)


def test_word_boundaries_are_checked_on_the_neighbourhood(linter):
    assert linter.check("我等一下午了") == []
    assert rules_of(linter.check("你等一下")) == ["telephone.hold-on"]


def test_material_traditional_sentence_matches_the_simplified_rule(linter):
    assert "courtesy.busy" in rules_of(linter.check("你沒看見我忙著嗎?"))


def test_exceptions_keep_polite_lead_ins_clean(linter):
    assert linter.check("不知道您是否方便明天在家？") == []


def test_offsets_survive_invisible_characters(linter):
    text = "我不\u200b知道"
    [finding] = linter.check(text)
    assert text[finding.offset:finding.end_offset] == finding.match == "不\u200b知道"


def test_lines_and_columns_count_code_points():
    text = "第一行\r\n第二行：我不知道"
    [finding] = phraselint.check(text)
    assert (finding.line, finding.column) == (2, 6)
    assert text[finding.offset:finding.end_offset] == "不知道"


def test_level_filter_and_overrides():
    linter = Linter(selection=Selection(levels={"telephone": Level.SUGGESTION}))
    assert linter.check("你等一下")[0].level is Level.SUGGESTION
    assert linter.check("你等一下", level=Level.WARNING) == []


def test_disable_and_enable_by_rule_category_or_pack():
    assert Linter(selection=Selection(disable=("inquiry",))).check("我不知道") == []
    again = Linter(selection=Selection(disable=("inquiry",), enable=("inquiry.dont-know",)))
    assert rules_of(again.check("我不知道")) == ["inquiry.dont-know"]


def test_drop_in_fix_replaces_only_the_span(linter):
    assert linter.fix("你等一下，我查查。") == "请稍等，我查查。"
    assert linter.fix("這個我不知道") == "這個我不知道"  # no drop-in rewrite: reported, not touched


def test_module_level_check_accepts_a_level_name():
    assert phraselint.check("你等一下", level="error") == []


def test_clean_text_never_loads_the_segmenter():
    linter = Linter()
    assert linter.check("您好，请问有什么可以帮您？") == []
    assert "_tokenizer" not in vars(linter.segmenter)


def test_context_decides_the_hit_but_not_the_span(write_pack):
    from .conftest import MINIMAL_RULE, pack_text

    rule = MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['<我[也]>不知道', '等一下<,>']").replace(
        "bad: [你走开吧]", "bad: [我不知道]").replace("good: [请您稍候]", "good: [他不知道]")
    linter = Linter([str(write_pack(pack_text(rule)))])
    [finding] = linter.check("这个我也不知道")
    assert (finding.offset, finding.end_offset, finding.match) == (4, 7, "不知道")
    assert linter.check("业主不知道") == []
    [wait] = linter.check("好，等一下，我查查")
    assert wait.match == "等一下"
    assert linter.check("等一下我查查") == []


def test_anchors_look_at_clause_punctuation_but_not_the_enumeration_comma(write_pack):
    from .conftest import MINIMAL_RULE, pack_text

    rule = MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['不清楚$']").replace(
        "bad: [你走开吧]", "bad: [进度不清楚。]").replace("good: [请您稍候]", "good: [如有不清楚的地方]")
    linter = Linter([str(write_pack(pack_text(rule)))])
    assert [f.match for f in linter.check("进度不清楚，有消息通知您")] == ["不清楚"]
    assert linter.check("照明不清楚、灯光闪烁") == []


def test_a_gap_does_not_cross_a_sentence_end(linter):
    assert [f.rule for f in linter.check("你不给我身份证，我不可以放你进去", level=Level.WARNING)] == ["inquiry.id-card-threat"]
    assert "inquiry.id-card-threat" not in [f.rule for f in linter.check("你不给我身份证。我不可以放你进去")]


def test_a_gapped_phrase_with_a_trailing_context(write_pack):
    from .conftest import MINIMAL_RULE, pack_text

    # the context 去 splits the word 进去, so the rule cannot also ask for word boundaries
    rule = MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['不给…{6}不让你进<去>$']\n    boundary: none").replace(
        "bad: [你走开吧]", "bad: [不给身份证就不让你进去]").replace("good: [请您稍候]", "good: [不给身份证就不让你进来]")
    linter = Linter([str(write_pack(pack_text(rule)))])
    [finding] = linter.check("你不给身份证就不让你进去。")
    assert finding.match == "不给身份证就不让你进"  # the context 去 decides, but is not part of the span
    assert linter.check("你不给身份证就不让你进来。") == []
    assert linter.check("你不给身份证就不让你进去玩") == []  # $ looks past the context


def test_findings_are_built_in_the_field_order_of_finding():
    """The linter builds findings from plain tuples, in this order, for speed."""
    from phraselint.engine.linter import _FINDING_FIELDS
    from phraselint.model import Finding

    assert Finding._fields == _FINDING_FIELDS
