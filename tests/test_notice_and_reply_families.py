"""Shifting, threatening, dismissing, blaming, annoyance and no-commitment as families.

Each case is a wording of an intent the training material teaches (001 slides 55, 69-72;
003 4. 16); 004 四) that no rule matched before: the owner told to do it themself, a matter
called someone else's, a notice's punishment nobody may question, a rhetorical "wasn't it
posted?", a tautology that shuts the question down. The clean texts use the same words
politely (a suggestion, a safety instruction, a neutral notice) and must stay clean.
Wordings here are written for the tests, not taken from the corpora.
"""

from __future__ import annotations

import pytest

from phraselint import Level

from .conftest import rules_found

FOUND = [
    # shifting
    ("responsibility.do-it-yourself", "你们最好自己上网搜一下。"),
    ("responsibility.do-it-yourself", "掛號信的事打別的分機。"),
    ("responsibility.not-ours", "那个是自来水公司的问题。"),
    ("responsibility.not-ours", "外墙不归我们管理处维修。"),
    ("responsibility.go-ask", "那你去跟管委会谈。"),
    # threatening (notice wording and spoken threats)
    ("responsibility.threat", "逾期未清走的一律丢弃，损失自负。"),
    ("responsibility.threat", "未经登记者保安有权拒绝其进入。"),
    ("responsibility.threat", "乱放的杂物将视为无主物品统一清理。"),
    ("responsibility.threat", "再让我们看到乱扔垃圾，一律报警处理。"),
    ("responsibility.threat", "你再这样吼，我就不帮你登记了。"),
    ("responsibility.threat", "车主不得有任何异议。"),
    # dismissing
    ("attitude.brush-off", "相关细节恕不解释。"),
    ("attitude.brush-off", "停水期间请不要打电话到管理处询问。"),
    ("attitude.brush-off", "以前是以前，现在按新规定。"),
    ("attitude.brush-off", "反正就这样了。"),
    ("attitude.brush-off", "您想怎么写就怎么写。"),
    ("attitude.brush-off", "跟我讲有什么用？"),
    # blaming
    ("attitude.told-you-so", "告示不是贴在大堂了吗？"),
    ("attitude.told-you-so", "请大家不要乱投诉。"),
    ("attitude.blame-owner", "谁叫你没关窗的。"),
    ("attitude.blame-owner", "您确定是隔壁漏的吗？"),
    ("complaint.did-you-look", "您先看清楚了再来问。"),
    # annoyance, insulting, sarcasm, orders
    ("attitude.impatient", "你吼什么吼。"),
    ("attitude.impatient", "我都跟你说过好几遍了。"),
    ("attitude.impatient", "就您要求多。"),
    ("courtesy.busy", "你没见我在接电话吗？"),
    ("courtesy.provocative", "你这个人怎么不讲理。"),
    ("attitude.sarcasm", "你以为我们只有你一户啊？"),
    ("attitude.bark-orders", "叫收件人自己下来领。"),
    # no commitment
    ("responsibility.no-promise", "有结果再说吧。"),
    ("responsibility.no-promise", "这个我们也说不好。"),
    ("responsibility.no-promise", "看厂家啦。"),
    ("responsibility.no-promise", "成唔成我都唔敢講。"),
    ("complaint.ill-try", "我再试试吧。"),
]

CLEAN = [
    "不用您自己去找，我们马上联系楼上。",
    "您也可以自己上网预约，我先帮您登记。",
    "如发现可疑人员，请立即报警并通知管理处。",
    "若再发现漏水，请立即报警或致电管理处。",
    "获奖者将公布于会所公告栏。",
    "装修期间难免有噪音，敬请谅解。",
    "我们已多次提醒，请车主配合挪车，谢谢。",
    "如有任何疑问，欢迎致电管理处查询。",
    "那是以前的收费标准，现在每月三百二十元，我把明细发给您。",
    "邻里之间的问题，我们可以先帮您沟通。",
    "这不是您的问题，我马上帮您处理。",
    "您确定要取消预约吗？",
    "师傅下午三点上门，有结果我马上打给您。",
    "我跟您说一下流程：先登记，再领卡。",
    "麻烦您请朋友下来接一下，访客需要业主陪同。",
]



@pytest.mark.parametrize("rule, text", FOUND)
def test_a_family_wording_is_found_by_its_intent_rule(linter, rule, text):
    assert rule in rules_found(linter, text)


@pytest.mark.parametrize("text", CLEAN)
def test_polite_uses_of_the_same_words_stay_clean(linter, text):
    assert not rules_found(linter, text)


def test_i_will_try_and_the_no_guarantee_after_it_are_one_finding(linter):
    """我试下啦，唔保证 is one no-commitment: ill-try's hit covers the 不保证 after it."""
    findings = [f for f in linter.check("我試下啦，但係唔保證。") if f.level >= Level.WARNING]
    assert [f.rule for f in findings] == ["complaint.ill-try"]


def test_a_suggestion_that_the_owner_call_the_police_is_not_a_threat(linter):
    """要不您直接报警吧 is shifting (go-ask), not the notice threat 再发现就直接报警."""
    assert rules_found(linter, "要不您直接报警吧。") == {"responsibility.go-ask"}
    assert rules_found(linter, "再发现一次直接报警。") == {"responsibility.threat"}
