"""The attitude intents are recognised as families of wording, not as one training sentence.

Each case is a wording the training material's intent covers but no rule's own phrase did
before (another pronoun, a particle, a synonym, Taiwan or formal wording); the near misses
use the same characters politely and must stay clean. Wordings here are written for the
tests, not taken from the corpora.
"""

from __future__ import annotations

import pytest

from phraselint import Level

from .conftest import rules_found

FOUND = [
    # dismissing
    ("attitude.brush-off", "反正你爱信不信。"),
    ("attitude.brush-off", "您要投诉就投诉吧。"),
    ("attitude.brush-off", "吵也没用，明天才有人来。"),
    ("attitude.brush-off", "不要老是打电话来问。"),
    ("attitude.brush-off", "您自己查查APP吧。"),
    ("attitude.brush-off", "请大家不要来管理处吵。"),
    ("attitude.come-back-later", "师傅不在，你回头再来。"),
    # blaming
    ("attitude.blame-owner", "是不是你听错了？"),
    ("attitude.blame-owner", "那就是您自己的责任。"),
    ("attitude.blame-owner", "门没锁好，这怪谁？"),
    ("complaint.did-you-look", "您没看到公告吗？"),
    ("complaint.did-you-look", "你们住户从来不看通知。"),
    # sarcasm
    ("attitude.sarcasm", "乱丢垃圾还有理啦？"),
    ("attitude.sarcasm", "这里又不是托儿所。"),
    ("attitude.sarcasm", "又没有人逼你买车位。"),
    ("attitude.sarcasm", "这都不知道？"),
    # indifference
    ("attitude.whatever", "随便您了，怎么都行。"),
    ("attitude.whatever", "您看着办吧。"),
    # annoyance
    ("attitude.impatient", "别啰嗦了，下一个。"),
    ("attitude.impatient", "讲了多少遍了，周五收。"),
    ("attitude.impatient", "你问这么多干什么？"),
    ("courtesy.busy", "没看到我现在很忙吗？"),
    # insulting
    ("courtesy.provocative", "有些业主素质真差。"),
    ("courtesy.provocative", "不爽就搬走。"),
    # calm-down, interrupting
    ("complaint.calm-down", "您先冷静一下。"),
    ("complaint.calm-down", "你们别吵了！"),
    ("complaint.listen-to-me", "您先听我把话说完。"),
    # self-justify
    ("complaint.not-my-doing", "这又不是我安排的。"),
    ("complaint.not-my-doing", "骂我也没有用。"),
    ("complaint.not-my-doing", "我不过是个跑腿的。"),
    ("complaint.following-orders", "我们也是按流程办事。"),
    # orders
    ("attitude.bark-orders", "往里走，别堵门口。"),
    ("attitude.bark-orders", "你回家拿证件。"),
    # curt hold, pardon, name, phone
    ("telephone.hold-on", "等一下啦，我在忙。"),
    ("telephone.hold-on", "等会儿再说。"),
    ("telephone.pardon", "您讲什么？"),
    ("telephone.pardon", "再讲一遍。"),
    ("courtesy.ask-surname", "姓啥？"),
    ("telephone.ask-number", "手机号码多少？"),
]

CLEAN = [
    "您别着急，我马上请师傅过去看看。",
    "如果您没看到通知，我再发一份给您。",
    "请您明天上午再来取，我们先帮您登记。",
    "这不是您的问题，是系统还没更新。",
    "以免您误会，我把费用明细发给您。",
    "时间随您方便，师傅全天都在。",
    "茶点随便您挑，都是免费的。",
    "麻烦您往前开一点，谢谢配合。",
    "不好意思，我说大声一点：这里是管理中心。",
    "请勿在走廊吵闹，以免影响邻居休息。",
    "唔该你等一等，我帮你查一查记录。",
    "麻烦你等一下，我马上回来。",
    "您也可以在APP上自己查看缴费记录。",
    "火警演习时请保持冷静，听从职员指示。",
    "请问您贵姓？方便的话请留个联系电话。",
    "我是负责这一栋的管家，这件事我来跟进。",
]



@pytest.mark.parametrize("rule, text", FOUND)
def test_a_family_wording_is_found_by_its_intent_rule(linter, rule, text):
    assert rule in rules_found(linter, text)


@pytest.mark.parametrize("text", CLEAN)
def test_polite_uses_of_the_same_characters_stay_clean(linter, text):
    assert not rules_found(linter, text)


def test_orders_and_policy_are_told_apart(linter):
    """Hiding behind orders is self-justification; barking orders at owners is `orders`."""
    assert linter.rule("complaint.following-orders").intent == "self-justify"
    assert linter.rule("attitude.bark-orders").intent == "orders"


def test_one_hit_for_orders_and_the_plea_that_follows(linter):
    """我只是奉命行事，你别怪我 is one self-justification, reported once."""
    findings = [f for f in linter.check("我只是奉命行事，你别怪我。") if f.level >= Level.WARNING]
    assert [(f.rule, f.match) for f in findings] == [("complaint.following-orders", "我只是奉命行事，你别怪我")]


def test_a_job_title_is_self_justification_only_in_its_own_clause(linter):
    """The 我就是个…的 combination is one clause: 吼我也没用 is not joined to it."""
    matches = [f.match for f in linter.check("吼我也没用，我就是个接电话的。") if f.rule == "complaint.not-my-doing"]
    assert matches == ["吼我也没用", "我就是个接电话的"]
