"""Context: dialogue roles, quoted mentions, required wording, chat logs."""

from __future__ import annotations

import json

import pytest

from phraselint import Level, Linter
from phraselint.engine.transcripts import Roles, detect_layout
from phraselint.text.normalise import normalise
from phraselint.inputs.readers import extract

from .test_cli import run, run_process


def rules(findings, level=Level.WARNING):
    return [f.rule for f in findings if f.level >= level]


# --- dialogue transcripts ------------------------------------------------------------

def test_customer_lines_are_never_reported(linter):
    text = "业主:我不知道怎么办\n客服:不知道,你去问别人吧\n"
    findings = linter.check(text)
    assert {f.line for f in findings} == {2}
    dont_know = next(f for f in findings if f.rule == "inquiry.dont-know")
    assert (dont_know.turn, dont_know.role, dont_know.match) == (2, "客服", "不知道")


def test_transcripts_are_detected_in_either_script_with_names_after_the_role():
    layout = detect_layout(normalise("業主(3-1502)：你說什麼？\n客服小王：好的，請稍等。\n").text, Roles(), kind=None, dialogue=None)
    assert [(t.speaker, t.index) for t in layout.turns] == [("customer", 1), ("staff", 2)]
    assert layout.kind == "dialogue"


def test_phone_roles_make_a_call_and_continuation_lines_stay_in_the_turn():
    text = "坐席:您好\n来电人:我家停水了\n还有电也停了\n坐席:好的"
    layout = detect_layout(text, Roles(), kind=None, dialogue=None)
    assert layout.kind == "phone"
    assert text[layout.turns[1].start:layout.turns[1].end] == "我家停水了\n还有电也停了"


def test_text_that_only_looks_labelled_is_not_a_transcript(linter):
    assert detect_layout("培训要点:切勿说“不知道”。", Roles(), kind=None, dialogue=None).turns == ()
    assert detect_layout("注意:今天停水\n时间:上午", Roles(), kind=None, dialogue=None).turns == ()


def test_dialogue_can_be_forced_or_turned_off(linter):
    text = "小王:不知道\n张先生:不知道"
    assert len(rules(linter.check(text))) == 2  # not a transcript: all checked
    forced = Linter(roles=Roles().with_extra(staff=("小王",), customer=("张先生",)))
    assert [(f.line, f.role) for f in forced.check(text, level=Level.WARNING)] == [(1, "小王")]
    assert len(rules(linter.check("业主:不知道\n客服:不知道", dialogue=False))) == 2


def test_roles_from_the_command_line_and_configuration(tmp_path):
    text = "小王:不知道\n张先生:不知道\n"
    result = run(["check", "--format", "json", "--staff-role", "小王", "--customer-role", "张先生", "--level", "warning", "-"], input=text)
    assert [f["line"] for f in json.loads(result.output)["files"][0]["findings"]] == [1]
    (tmp_path / ".phraselint.yaml").write_text("roles:\n  staff: [小王]\n  customer: [张先生]\n", encoding="utf-8")
    result = run(["check", "--format", "json", "--level", "warning", "-"], input=text, cwd=tmp_path)
    assert [f["line"] for f in json.loads(result.output)["files"][0]["findings"]] == [1]


# --- quoted mentions -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "培训要点:切勿说“不知道”。",
    "避免使用「这不关我的事」。",
    "決不能以「不知道」、「不清楚」作答。",
    "千萬不能說：「你沒看見我忙著嗎?」",
    "应说“请稍等”而不是“等一下”。",
    "不要使用“你冷静一些吧”“我没办法”等说法。",
    "业主说“你们是不是不知道”，我马上解释了。",
    "本週六由志工媽媽帶讀繪本《等一下，我還沒準備好》，歡迎小朋友參加。",
    "您问的《我不知道的事》亲子读书会，本周六下午三点开始。",
])
def test_quoted_mentions_are_not_uses(linter, text):
    assert rules(linter.check(text)) == []


def test_a_quote_without_a_mention_verb_is_still_checked_unless_training(linter):
    text = "「不知道」，我再帮您问问"
    assert rules(linter.check(text)) == ["inquiry.dont-know"]
    assert rules(linter.check(text, kind="training")) == []


def test_mentions_can_be_reported_as_suggestion_notes(linter):
    [note] = linter.check("切勿说“不知道”。", report_mentions=True)
    assert (note.rule, note.level, note.mention, note.match) == ("inquiry.dont-know", Level.SUGGESTION, True, "不知道")
    assert note.message.startswith("引用而非使用")
    assert note.fix is None
    result = run(["check", "--format", "json", "--report-mentions", "-"], input="切勿说“不知道”。")
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["findings"][0]["mention"] is True


def test_rules_that_ignore_quotes_skip_quoted_speech(linter):
    assert linter.check("他说“你们什么时候来”") == []
    assert rules(linter.check("你的快递到了"), Level.SUGGESTION) == ["courtesy.address-as-nin"]


# --- required wording --------------------------------------------------------------------

CALL = "坐席:{open}\n来电人:我家卫生间漏水了。\n坐席:{middle}\n来电人:好的。\n坐席:{close}"
GOOD_OPEN = "您好，阳光花园管理处，我是小王，请问有什么可以帮到您？"
GOOD_CLOSE = "师傅下午两点上门。请问还有其他需要吗？感谢您的来电。"


def missing(findings, rule):
    return [f.message for f in findings if f.rule == rule]


def test_a_complete_call_has_no_required_wording_findings(linter):
    text = CALL.format(open=GOOD_OPEN, middle="请稍等，我帮您查一下。", close="不好意思，让您久等了。" + GOOD_CLOSE)
    assert rules(linter.check(text)) == []


@pytest.mark.parametrize("opening, part", [
    ("喂，阳光花园管理处，我是小王，请问有什么可以帮到您？", "问候语"),
    ("您好，我是小王，请问有什么可以帮到您？", "大厦名称及管理处"),
    ("您好，阳光花园管理处，请问有什么可以帮到您？", "职员名字"),
    ("您好，阳光花园管理处，我是小王。", "提出帮助"),
])
def test_answering_a_call_reports_which_part_is_missing(linter, opening, part):
    text = CALL.format(open=opening, middle="好的，我记下了。", close=GOOD_CLOSE)
    findings = linter.check(text)
    [message] = missing(findings, "telephone.answer-greeting")
    assert message.endswith(f"（缺少：{part}）")
    finding = next(f for f in findings if f.rule == "telephone.answer-greeting")
    assert (finding.line, finding.turn, finding.match) == (1, 1, opening)


def test_hold_needs_an_apology_in_the_next_staff_turn(linter):
    text = CALL.format(open=GOOD_OPEN, middle="请稍等，我帮您查一下。", close=GOOD_CLOSE)
    finding = next(f for f in linter.check(text) if f.rule == "telephone.hold-apology")
    assert finding.turn == 5 and finding.match == GOOD_CLOSE


def test_a_refusal_needs_an_alternative_in_the_same_turn(linter):
    bad = "业主:能帮我修空调吗？\n客服:不好意思，空调是私人设备，物业不能上门维修。"
    finding = next(f for f in linter.check(bad) if f.rule == "refusal.offer-alternative")
    assert finding.match == "不能" and finding.turn == 2
    good = bad.replace("维修。", "维修，您可以联系品牌售后，我帮您查一下电话。")
    assert "refusal.offer-alternative" not in rules(linter.check(good))
    assert "refusal.offer-alternative" not in rules(linter.check("业主:能不能快点？\n客服:能不能明天上午？"))


def test_closing_needs_thanks_and_an_offer(linter):
    text = CALL.format(open=GOOD_OPEN, middle="好的，我记下了。", close="师傅下午两点上门，再见。")
    [message] = missing(linter.check(text), "telephone.closing")
    assert message.endswith("（缺少：感谢来电、询问其他需要）")


def test_required_wording_runs_only_on_the_kinds_it_names(linter):
    text = "客服:喂？\n业主:我家停水了。\n客服:知道了。"
    assert "telephone.answer-greeting" not in rules(linter.check(text))  # a dialogue, not a call
    assert "telephone.answer-greeting" in rules(linter.check(text, kind="phone"))
    assert rules(linter.check("喂？知道了。", kind="phone")) == []  # a phone line, not a transcript


# --- chat logs ------------------------------------------------------------------------------

def test_json_chat_log_findings_point_into_the_file(tmp_path):
    log = tmp_path / "chat.json"
    log.write_text(json.dumps([{"role": "业主", "text": "我不知道"}, {"role": "客服", "text": "好的\n不知道，你去问"}], ensure_ascii=True), encoding="utf-8")
    doc = json.loads(run(["check", "--format", "json", "--level", "warning", str(log)]).output)
    [finding] = doc["files"][0]["findings"]
    raw = log.read_text(encoding="utf-8")
    assert raw[finding["offset"]:finding["end_offset"]] == finding["match"] == "\\u4e0d\\u77e5\\u9053"
    assert (finding["turn"], finding["role"]) == (2, "客服")


def test_json_lines_and_other_field_names(tmp_path):
    log = tmp_path / "chat.jsonl"
    log.write_text('{"who": "agent", "say": "等一下"}\n{"who": "customer", "say": "你说什么"}\n', encoding="utf-8")
    doc = json.loads(run(["check", "--format", "json", "--role-field", "who", "--text-field", "say", str(log)]).output)
    assert [(f["rule"], f["line"], f["match"]) for f in doc["files"][0]["findings"]] == [("telephone.hold-on", 1, "等一下")]
    extracted = extract('{"messages": [{"speaker": "客服", "content": "你好"}]}', "x.json", "auto")
    assert extracted.text == "客服:你好" and extracted.dialogue is True


def test_broken_chat_logs_are_named_with_the_reason(tmp_path):
    (tmp_path / "broken.json").write_text('[{"role": "客服", "text": "x"', encoding="utf-8")
    (tmp_path / "shape.json").write_text('[{"speaker": "客服"}]', encoding="utf-8")
    result = run_process(["check", "--lang", "en", str(tmp_path / "broken.json"), str(tmp_path / "shape.json")])
    assert result.returncode == 2
    assert "broken.json:1: not valid JSON" in result.stderr
    assert "shape.json: turn 1 has no text fields" in result.stderr


def test_a_transcript_may_open_with_a_short_preamble(linter):
    text = "【客服热线通话记录 6月3日 工单017】\n坐席：您好，翠湖花园服务中心，请问有什么可以帮到您？\n来电人：我也不知道是不是开关坏了。\n坐席：好的。"
    findings = linter.check(text)
    assert all(f.line != 3 for f in findings)  # the caller's 不知道 is never reported
    assert [f.rule for f in findings if f.rule == "telephone.answer-greeting"] == ["telephone.answer-greeting"]
    assert detect_layout("第一行\n第二行\n第三行\n第四行\n客服:不知道\n业主:好", Roles(), kind=None, dialogue=None).turns == ()


def test_an_unknown_label_beside_a_known_customer_is_staff_and_is_judged(linter):
    text = "住客：請問幾時有水？\n看更：不知道，你等一下。\n住客：好。\n看更：你去問管理處吧。"
    layout = detect_layout(normalise(text).text, Roles(), kind=None, dialogue=None)
    assert [(t.role, t.speaker, t.inferred) for t in layout.turns][:2] == [("住客", "customer", False), ("看更", "staff", True)]
    assert "inquiry.dont-know" in {f.rule for f in linter.check(text)}


def test_an_unknown_label_beside_known_staff_is_the_customer(linter):
    text = "客服：您好，请问有什么可以帮您？\n阿姨：我不知道怎么交费。\n客服：我来帮您。\n阿姨：好的。"
    assert not [f for f in linter.check(text) if f.rule == "inquiry.dont-know"]


def test_a_one_off_label_inside_a_turn_is_no_speaker():
    text = "业主：我想问个事。\n比如说：物业费怎么交？\n客服：您可以在服务中心交。\n业主：好。\n客服：还有别的吗？"
    layout = detect_layout(normalise(text).text, Roles(), kind=None, dialogue=None)
    assert [t.role for t in layout.turns] == ["业主", "客服", "业主", "客服"]


def test_tokens_says_which_roles_were_inferred():
    from click.testing import CliRunner
    from phraselint.cli.app import cli

    result = CliRunner().invoke(cli, ["tokens", "--lang", "en", "住客：喂？\n職員：你等一下。"])
    assert "roles:       住客 customer, 职员 staff" in result.output
    result = CliRunner().invoke(cli, ["tokens", "--lang", "en", "住客：喂？\n總幹事：你等一下。"])
    assert "总干事 staff" in result.output
    result = CliRunner().invoke(cli, ["tokens", "--lang", "en", "住客：喂？\n阿強：你等一下。"])
    assert "阿强 staff (inferred)" in result.output


def test_a_heading_or_placeholder_before_a_colon_is_no_inferred_speaker():
    text = "客服：这个我不知道。\n备注\n客服：你等一下。\n说明\n【小区名称】通知： 明天停水\n"
    layout = detect_layout(normalise(text).text, Roles(), kind=None, dialogue=None)
    assert all(t.role == "客服" for t in layout.turns)
