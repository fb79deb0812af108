"""The service-counter intents are families of wording, not one training sentence each.

Evading, giving up, self-justifying, telling an upset owner to calm down, policy walls,
refusing, demanding ID, interrogating, asking a name or a number, a curt pardon and a curt
hold: each case is wording staff use (written here, not taken from any corpus) with the rule
of its intent; the traps are polite uses of the same words that must stay clean.
"""

from __future__ import annotations

import pytest

from phraselint import Level

FAMILIES = [
    # evading: degree words, rhetorical questions, deflecting to a boss
    ("物业费怎么算的我真不知道。", "inquiry.dont-know"),
    ("这个我们也不太清楚。", "inquiry.dont-know"),
    ("我哪会知道啊。", "inquiry.dont-know"),
    ("你问我，我问谁啊？", "inquiry.dont-know"),
    ("经理也不一定清楚。", "inquiry.dont-know"),
    # giving up
    ("那我们又能怎么样呢？", "refusal.no-way"),
    ("管理处实在没办法，厂家不来。", "refusal.no-way"),
    ("那些遛狗的我们哪管得住。", "refusal.no-way"),
    ("物业控制不了。", "refusal.no-way"),
    ("跟楼上沟通过了，没用的。", "refusal.no-way"),
    ("我们已经尽力了。", "refusal.no-way"),
    ("换了也白换，报修也白报。", "refusal.no-way"),
    # self-justify
    ("让你进去，出了事谁负责？", "complaint.not-my-doing"),
    ("暴雨这种事谁都没法预料。", "complaint.not-my-doing"),
    ("一天几十个电话，哪有时间一个个解释。", "complaint.not-my-doing"),
    ("反正我们装的没问题。", "complaint.not-my-doing"),
    # calm-down
    ("你不要那么激动。", "complaint.calm-down"),
    ("您别这样发火。", "complaint.calm-down"),
    ("你嚷什么呀。", "complaint.calm-down"),
    ("冷静点，别吵了。", "complaint.calm-down"),
    ("这点小事你就别计较了。", "complaint.calm-down"),
    # policy wall
    ("规矩就是规矩。", "refusal.company-policy"),
    ("这是管委会的规矩。", "refusal.company-policy"),
    ("此乃管理处规定。", "refusal.company-policy"),
    ("合同上就这么写的。", "refusal.company-policy"),
    ("本处不作任何解释。", "refusal.company-policy"),
    # refusing
    ("管理处不提供搬运家具服务。", "refusal.no-such-service"),
    ("我们没有代收快递服务。", "refusal.no-such-service"),
    ("主管不接住户电话。", "refusal.no-such-service"),
    ("大件垃圾一律不收。", "refusal.flat-no"),
    ("不行！", "refusal.flat-no"),
    ("那就不用进来了。", "refusal.flat-no"),
    ("不带证件就别上去。", "inquiry.id-card-threat"),
    # demanding ID
    ("先拿你的身份证出来。", "inquiry.id-card-demand"),
    ("施工人员一律押证件。", "inquiry.id-card-demand"),
    # interrogating
    ("你过来干什么的？", "inquiry.who-are-you"),
    ("你问这个干嘛？", "inquiry.who-are-you"),
    # ask-name, ask-phone, pardon, curt hold
    ("你究竟姓啥？", "courtesy.ask-surname"),
    ("她叫什么名字？", "courtesy.ask-surname"),
    ("你手机号码？", "telephone.ask-number"),
    ("你是在讲什么？", "telephone.pardon"),
    ("没收到，你再打一遍。", "telephone.pardon"),
    ("你等下啊，我在忙。", "telephone.hold-on"),
    # round 3: the families behind the wordings blind text still missed
    ("那种事我哪儿知道。", "inquiry.dont-know"),
    ("物业费怎么算我们也弄不明白。", "inquiry.dont-know"),
    ("你干啥的？", "inquiry.who-are-you"),
    ("你要去边呀？", "inquiry.who-where"),
    ("身份证给我看。", "inquiry.id-card-demand"),
    ("查不了。", "refusal.flat-no"),
    ("元旦期间不受理任何报修。", "refusal.flat-no"),
    ("快递物业一律不代为签收。", "refusal.flat-no"),
    ("我们不能进业主家。", "refusal.flat-no"),
    ("总干事从来不见住户。", "refusal.no-such-service"),
    ("这是我们小区的规矩。", "refusal.company-policy"),
    ("规矩就是不准带狗进电梯。", "refusal.company-policy"),
    ("规定只限业主本人。", "refusal.company-policy"),
    ("不会为了您一户破例。", "refusal.company-policy"),
    ("不管什么理由押金都不退。", "refusal.company-policy"),
    ("网上不受理报修。", "refusal.company-policy"),
    ("我实在帮不了你。", "refusal.no-way"),
    ("这事我们也爱莫能助。", "refusal.no-way"),
    ("保全都是奉命行事。", "complaint.following-orders"),
    ("我只是按上面的意思走的。", "complaint.following-orders"),
    ("门卫这么做有他们的道理。", "complaint.following-orders"),
    ("也不是我们想换就换的。", "complaint.not-my-doing"),
    ("你不要这样嚷嚷。", "complaint.calm-down"),
    ("别那么大火气。", "complaint.calm-down"),
    ("你先控制好自己的情绪。", "complaint.calm-down"),
    ("让我说完。", "complaint.listen-to-me"),
    ("你究竟在讲什么？", "telephone.pardon"),
    ("电话号码说一下。", "telephone.ask-number"),
    ("住哪个单元的？", "courtesy.where-from"),
    ("你是哪家公司的？", "courtesy.where-from"),
    ("你跟户主什么关系？", "inquiry.who-are-you"),
    ("这种问题我答不上来。", "inquiry.dont-know"),
    ("我们从来没听说过这回事。", "inquiry.dont-know"),
    ("天晓得。", "inquiry.dont-know"),
    ("做不到。", "refusal.flat-no"),
    ("不可以！", "refusal.flat-no"),
    ("上级就是这么要求的。", "refusal.company-policy"),
    ("我们也是刚来的嘛。", "complaint.not-my-doing"),
    ("别吵吵了。", "complaint.calm-down"),
    ("您气什么呀？", "complaint.calm-down"),
]

TRAPS = [
    "不好意思，这方面我不太清楚，我马上帮您问一下工程部。",
    "我不太清楚您说的是哪个车位，麻烦您再描述一下。",
    "我们已经尽力为您协调，明天上午给您回复。",
    "沟通过后，楼上业主已经同意明天维修。",
    "您别着急，我非常理解您的心情，马上联系师傅。",
    "这是为了保障大家安全的规定，我们可以帮您另外安排时间。",
    "访客只需登记姓名，无需押证件。",
    "不行的话，我们再帮您想别的办法。",
    "不行，要先了解访客找哪一户，我帮您联系住户。",
    "请问您要找的住户姓什么？我帮您联系。",
    "您等下就会收到短信通知。",
    "这次停电谁也不希望发生，非常抱歉，我们已经安排抢修。",
    # the same characters saying something else: a blurred photo, a polite hold, titles
    "收到了，不过照片有点不清楚，麻烦您靠近些再拍一张。",
    "不知道会不会打扰您？师傅想上门看看水表。",
    "查记录大约要一分钟，您介意在线上等一等吗？",
    "周五晚上中庭放映《不可能的任务》。",
    "「你先听我说——青少年沟通工作坊」本周开课。",
    "这件事我们也不太清楚，我马上帮您问工程部。",
    # round 3 look-alikes: a staff member's own composure, a pause not asked for, a rule explained
    "接待情绪激动的业主时，先控制自己的情绪再回应。",
    "会议室暂时不外借，您可以预约社区活动中心，我帮您登记。",
    "管理处可以代为签收包裹，您回来后到前台领取。",
    "我们这样做是为了大家的安全，您可以从东门进出。",
    "按规定访客需要登记，麻烦您配合一下。",
    "请问点称呼？住边座？我帮您登记。",
    "您好，我是新来的夜班管家小何，以后这栋楼由我负责。",
    "做不到的事不要随口承诺，要说明原因并给出替代方案。",
    "好的，请问您是哪栋哪个单元？我帮您登记包裹。",
    "不可以在消防通道停车，您可以停到地下车库B区。",
]


def warnings(linter, text: str) -> list[str]:
    return [f.rule for f in linter.check(text) if f.level >= Level.WARNING]


@pytest.mark.parametrize("text, rule", FAMILIES)
def test_a_family_wording_is_its_intents_rule(linter, text, rule):
    assert rule in warnings(linter, text)


@pytest.mark.parametrize("text", TRAPS)
def test_polite_uses_of_the_same_words_stay_clean(linter, text):
    assert warnings(linter, text) == []


def test_impossible_is_dismissing_the_owner(linter):
    """不可能的 answers a complaint by denying it: the intent the blind labels give it every time."""
    assert linter.rule("refusal.impossible").intent == "dismissing"
