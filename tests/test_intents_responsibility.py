"""The responsibility intents are families of wordings, not one training sentence each.

Each case is wording staff use (written here, not taken from any corpus) and the rule of its
intent; the traps are polite uses of the same words that must stay clean.
"""

from __future__ import annotations

import pytest

from phraselint import Level

FAMILIES = [
    # shifting: pushed off to someone else, in any of its wordings
    ("您去问开发商吧。", "responsibility.elsewhere"),
    ("你直接打给燃气公司。", "responsibility.elsewhere"),
    ("那你自己找装修公司啊。", "responsibility.elsewhere"),
    ("这事要问主委。", "responsibility.go-ask"),
    ("找总干事吧。", "responsibility.go-ask"),
    ("你自己跟邻居商量嘛。", "responsibility.go-ask"),
    ("这个不关我们客服的事儿。", "inquiry.not-my-business"),
    ("小区外面的路灯不归我们物业管。", "inquiry.not-my-business"),
    ("那不是我们在负责的。", "inquiry.not-my-business"),
    ("绿化带里的车跟我们管理处没关系。", "inquiry.not-my-business"),
    # evading
    ("我怎么会知道啊。", "inquiry.dont-know"),
    ("这我哪清楚。", "inquiry.dont-know"),
    # giving up
    ("我也没法子。", "refusal.no-way"),
    ("那我们也无能为力了。", "refusal.no-way"),
    ("厂家不来，我能怎么办呢？", "refusal.no-way"),
    ("投诉了也没用。", "refusal.no-way"),
    ("报修也白报。", "refusal.no-way"),
    # no commitment
    ("能不能排到，就看运气了。", "responsibility.no-promise"),
    ("我们尽力吧。", "responsibility.no-promise"),
    ("等师傅下周回来再说吧。", "responsibility.no-promise"),
    ("这个到时候再说吧。", "responsibility.no-promise"),
    ("几点来水不敢保证。", "responsibility.no-promise"),
    # policy wall
    ("流程就是这样，我改不了。", "refusal.company-policy"),
    ("这是我们管理处的规定。", "refusal.company-policy"),
    # refusing
    ("私人物品遗失，物业概不负责。", "refusal.flat-no"),
    ("节假日报修恕不受理。", "refusal.flat-no"),
    ("不出示证件就别想进。", "inquiry.id-card-threat"),
    # interrogating, demand-id
    ("你是他们的什么人？", "inquiry.who-are-you"),
    ("找业主干什么？", "inquiry.who-where"),
    ("把证件拿出来。", "inquiry.id-card-demand"),
    # threatening
    ("违者一律拖走。", "responsibility.threat"),
    ("再不缴费就停水，后果自负。", "responsibility.threat"),
    ("违规装修的直接断电。", "responsibility.threat"),
    ("到时候别说我们没提醒。", "responsibility.threat"),
]

TRAPS = [
    "我马上帮您联系开发商，下午给您回复。",
    "请您联系燃气公司的同时，我们也会派人到场。",
    "您联系过快递公司了吗？",
    "不知道您是否方便明天上午在家？",
    "我帮您问一下工程部，十分钟内回复您。",
    "我能怎样帮到您？",
    "我们保证今天之内修好。",
    "为保证施工安全，请勿靠近。",
    "因线路检修，周六上午将停电两小时，请提前做好准备。",
    "如再发生停水，请致电管理处。",
    "您的车抛锚了吗？我帮您叫拖车。",
    "逾时递交恕不接纳，敬请留意截止日期。",
    "请问您找他有什么事？我帮您联系。",
    "先生，麻烦您出示您的身份证。",
    "规定是这样订的，原因是保障大家的安全，您可以改用货梯。",
    "请您先等通知，我们一有消息马上打电话给您。",
    "我试试看吧，不一定行。",  # complaint.ill-try alone, not also no-promise
]


def warnings(linter, text):
    return [f.rule for f in linter.check(text) if f.level >= Level.WARNING]


@pytest.mark.parametrize("text, rule", FAMILIES)
def test_a_family_wording_is_its_intents_rule(linter, text, rule):
    assert rule in warnings(linter, text)


@pytest.mark.parametrize("text", TRAPS[:-1])
def test_polite_uses_of_the_same_words_stay_clean(linter, text):
    assert warnings(linter, text) == []


def test_no_commitment_wordings_do_not_fire_twice_on_one_span(linter):
    assert warnings(linter, TRAPS[-1]) == ["complaint.ill-try"]
    findings = [f for f in linter.check("我尽量试试吧，看情况。") if f.level >= Level.WARNING]
    assert [(f.rule, f.match) for f in findings] == [("complaint.ill-try", "我尽量试试吧"), ("responsibility.no-promise", "看情况")]


def test_intents_use_the_label_vocabulary(linter):
    intents = {r.id: r.intent for r in linter.rules if r.id.startswith("responsibility.")}
    assert intents == {
        "responsibility.elsewhere": "shifting", "responsibility.go-ask": "shifting",
        "responsibility.no-promise": "no-commitment", "responsibility.threat": "threatening",
        "responsibility.do-it-yourself": "shifting", "responsibility.not-ours": "shifting",
        "responsibility.no-time": "no-commitment",
    }
    assert linter.rule("inquiry.id-card-threat").intent == "refusing"


def test_a_rule_with_only_a_combination_is_summarised_and_explained(tmp_path, linter):
    from phraselint import Linter
    from phraselint.report.explain import rule_sections, rule_summary
    from phraselint.report.markdown import rules_markdown

    pack = tmp_path / "demo.yaml"
    pack.write_text(
        "pack: demo\nversion: '1'\ndescription: d\nsource: s\nformat: 2\nrules:\n"
        "  - id: demo.elsewhere\n    level: warning\n    category: responsibility\n    intent: shifting\n"
        "    message: 把业主推给别的部门。\n    source: s\n"
        "    combine: {within: clause, all: ['{你}{去找}'], any: ['{别处}'], none: [我帮]}\n"
        "    rewrites: [我帮您联系相关同事。]\n"
        "    examples: {bad: [你去问工程部吧。, 你找开发商。], good: [我帮您联系工程部。, 工程部的师傅明天到。]}\n",
        encoding="utf-8")
    demo = Linter([str(pack)])
    rule = demo.rule("demo.elsewhere")
    assert not rule.phrases and rule_summary(rule) == "组合：" + rule.combine.all[0]
    combination = dict(rule_sections(rule))["Combination"]
    assert combination[0] == "范围：同一分句" and combination[-1] == "且没有：我帮"
    assert "demo.elsewhere" in rules_markdown(demo.packs, demo.rules)
    assert rule_summary(linter.rule("responsibility.go-ask")) == "^找{外处}(吧|啦)"  # as written
