"""Near misses the engine reads as nobody's answer: a notice's clause naming the readers it
invites (不知道如何…的住户，欢迎…), a quoted event title (舉行「等陣再講」粵劇欣賞會), a
quoted list joined by 或者, and an exercise listing wording to be rewritten."""

from __future__ import annotations

import pytest

from phraselint import Level


def _warnings(linter, text, kind=None):
    found = linter.check(text, kind=kind) if kind else linter.check(text)
    return [(f.rule, f.match) for f in found if f.level >= Level.WARNING]


@pytest.mark.parametrize("text", [
    "不知道如何使用條碼繳費的住戶，歡迎到管理室，我們會協助您操作。",
    "温馨提示：不清楚自家门前哪些物品需要清理的，可联系楼管员上门指导。",
    "不清楚新门禁怎么用的业主，请到服务中心领取说明。",
    "唔清楚點樣申請泊車位嘅住戶，歡迎致電管理處查詢。",
])
def test_a_clause_naming_the_readers_a_notice_invites_is_not_an_answer(linter, text):
    assert _warnings(linter, text) == []


@pytest.mark.parametrize("text", [
    "不知道的，你去问保安。",          # 你 before the invitation: a reply sending the owner away
    "我不知道的，可以问问别人。",      # a subject before the hit: the staff member's own answer
    "不知道，可以问别人吧。",          # no 的: the clause is the answer itself
])
def test_a_reply_that_only_looks_like_one_is_still_found(linter, text):
    assert ("inquiry.dont-know", "不知道") in _warnings(linter, text)


def test_a_refusal_closing_on_a_request_for_understanding_is_still_found(linter):
    # 的 ends the refusal and 请理解 invites nobody anywhere: no readers are named
    assert ("refusal.impossible", "不可能") in _warnings(linter, "这个是公司的规定，不可能改的，请理解。")


@pytest.mark.parametrize("text", [
    "本屋苑將於下月舉行「等陣再講」社區粵劇欣賞會，歡迎住戶參加。",
    "本周六有「唔知道」親子話劇，歡迎報名。",
    "会所将举办“不知道吧”趣味问答，欢迎参加。",
])
def test_a_quoted_event_title_is_a_mention(linter, text):
    assert _warnings(linter, text) == []


def test_a_quote_no_event_lead_or_noun_frames_is_still_a_use(linter):
    # a quoted answer followed by a clause break, not by an event noun, is what the guard said
    found = _warnings(linter, "“你等一下，我在忙”，保安这样回答了我。")
    assert ("telephone.hold-on", "你等一下") in found


def test_quotes_joined_by_huozhe_are_one_list_of_mentions(linter):
    text = "提提各位同事：住客問嘢唔好答「唔知」或者「唔關我事」，要講「我幫你查吓，稍後覆你」。"
    assert _warnings(linter, text) == []


def test_an_exercise_listing_wording_to_rewrite_is_a_list_of_mentions(linter):
    text = ("沟通技巧练习卡\n请把下列说法改成礼貌用语：\n1. 你电话多少啊？\n2. 你姓什么？\n3. 等一下！\n"
            "参考答案：1. 如果方便请您留下您的联络电话；2. 请问先生贵姓？3. 麻烦您稍等。")
    assert _warnings(linter, text, kind="training") == []
