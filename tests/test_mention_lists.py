"""Wording a training document shows to be avoided is a mention, quoted or not; wording a
script prescribes is a use."""

from __future__ import annotations

import pytest

from phraselint import Level

PAIRS = "【前台用语对照】\n× 你等一下 → √ 请您稍等\n✗ 不知道 → √ 不好意思，我帮您查询\n"
AVOID_LIST = "服务忌语：\n1. 你等一下\n2. 不知道\n3. 这不关我的事\n\n接听电话时，我们这样说：\n你等一下，我帮你查。"
QUIZ = "小测验：下列哪一句是正确的说法？\nA. 你姓什么？\nB. 请问先生贵姓？\n答案：B\n"
TABLE = "| 忌语 | 规范用语 |\n|---|---|\n| 不知道 | 不好意思，我帮您查询 |\n| 你等一下 | 请稍等 |\n"
ROLE_PLAY = "反面示范（请找出问题）\n住户：我的车被刮了！\n管理员：不可能的，我们都有巡逻。\n\n管理员：不可能的。"
PROSE = "劝阻时千万不要动不动就问人家姓甚名谁，也切勿说不知道。"


def _warnings(linter, text, kind="training"):
    return [(f.rule, f.match) for f in linter.check(text, kind=kind) if f.level >= Level.WARNING]


def test_the_bad_half_of_a_pair_is_a_mention(linter):
    assert _warnings(linter, PAIRS) == []


def test_a_list_under_a_heading_of_wording_to_avoid_is_a_mention_until_a_blank_line(linter):
    found = _warnings(linter, AVOID_LIST)
    assert found and all(match in ("你等一下",) for _, match in found)
    start = AVOID_LIST.rindex("你等一下")
    assert [f.offset for f in linter.check(AVOID_LIST, kind="training") if f.level >= Level.WARNING] == [start]


def test_quiz_options_and_table_columns_are_mentions(linter):
    assert _warnings(linter, QUIZ, kind="training") == []
    assert _warnings(linter, TABLE) == []


def test_a_role_play_marked_as_a_bad_example_is_a_mention(linter):
    found = [f for f in linter.check(ROLE_PLAY, kind="training") if f.level >= Level.WARNING]
    assert [f.offset for f in found] == [ROLE_PLAY.rindex("不可能的")]


def test_an_instruction_not_to_say_it_is_a_mention(linter):
    assert _warnings(linter, PROSE, kind="training") == []


def test_mentions_are_shown_as_notes_when_asked(linter):
    notes = [f for f in linter.check(PAIRS, kind="training", report_mentions=True) if f.mention]
    assert {f.match for f in notes} >= {"你等一下", "不知道"}


@pytest.mark.parametrize("text", [
    "【话术卡：催缴物业费】\n第三次电话催缴时说：“你等一下，不知道。”",
    "新员工须知\n住户来问包裹时请回答：「不知道。」",
    "门岗口令\n保安应立即上前喝令：“你是谁？”",
])
def test_wording_a_script_prescribes_is_a_use_even_in_a_training_text(linter, text):
    assert _warnings(linter, text, kind="training")


@pytest.mark.parametrize("text", [
    "新员工须知\n不要说“不知道”，应说“我帮您查询”。",
    "新员工须知\n业主问时，不能直接回答“不知道”。",
    "停车场劝导话术：不要对住户说“你不可以在这里停车”。",
])
def test_a_negated_lead_in_stays_a_mention(linter, text):
    assert _warnings(linter, text, kind="training") == []


def test_an_instruction_not_to_say_it_is_a_mention_in_any_text(linter):
    assert _warnings(linter, "接电话时切勿说不知道。", kind=None) == []
