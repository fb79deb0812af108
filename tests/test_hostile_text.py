"""Text that tries to slip past or break normalisation: invisible joiners, variation selectors,
compatibility ideographs, lone surrogates, on both the per-character and the vectorised path."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint.text.normalise import VECTOR_THRESHOLD, normalise

from .test_cli import run_process
from .strategies import pieces, shared_linter

VARIANT_FORMS = {
    "我\uF967知道": "compatibility ideograph U+F967 for 不",
    "我不\uFE00知道": "variation selector 1",
    "我不知\U000E0100道": "ideographic variation selector 17",
    "我不\u034F知道": "combining grapheme joiner",
}


@pytest.mark.parametrize("text", VARIANT_FORMS, ids=VARIANT_FORMS.values())
def test_variant_forms_of_a_phrase_are_folded_and_point_at_the_original(text, linter):
    findings = [f for f in linter.check(text) if f.rule == "inquiry.dont-know"]
    assert len(findings) == 1
    assert text[findings[0].offset:findings[0].end_offset] == findings[0].match


@pytest.mark.parametrize("padding", [0, VECTOR_THRESHOLD], ids=["short", "vectorised"])
def test_both_paths_fold_variant_forms_alike(padding):
    filler = "。" * padding
    for text in VARIANT_FORMS:
        folded = normalise(filler + text)
        assert folded.text[padding:].replace("\ufffc", "") == "我不知道"


def test_a_lone_surrogate_in_a_large_text_is_an_ordinary_character(linter):
    text = "你等一下。" * (VECTOR_THRESHOLD // 5 + 1) + "\ud800" + "你等一下"
    findings = linter.check(text)
    assert findings[-1].offset == text.rindex("你等一下") and findings[-1].match == "你等一下"


def test_a_surrogate_escape_in_a_large_chat_log_keeps_the_report_whole(tmp_path):
    turns = [{"role": "坐席", "text": "你等一下。" * (VECTOR_THRESHOLD // 5) + "\ud800你等一下"}]
    log = tmp_path / "chat.json"
    log.write_text(json.dumps(turns), encoding="utf-8")
    plain = tmp_path / "reply.txt"
    plain.write_text("你等一下", encoding="utf-8")
    result = run_process(["check", "--format", "json", str(log), str(plain)])
    document = json.loads(result.stdout)
    assert result.returncode == 1
    assert [len(f["findings"]) > 0 for f in document["files"]] == [True, True]


large_texts = st.tuples(
    st.lists(st.sampled_from(pieces()), min_size=1, max_size=6).map("".join),
    st.lists(st.one_of(  # any code point, lone surrogates (which st.text never makes) and folded invisibles
        st.characters(), st.sampled_from(["\ud800", "\udfff", "\ufe00", "\uf967", "\u034f", "\U000e0100"])),
        min_size=1, max_size=12).map("".join),
).map(lambda parts: (parts[0] + parts[1]) * (VECTOR_THRESHOLD // max(1, len(parts[0] + parts[1])) + 1))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(large_texts)
def test_large_texts_with_any_code_points_check_and_slice_back(text):
    assert len(text) >= VECTOR_THRESHOLD
    for finding in shared_linter().check(text):
        assert text[finding.offset:finding.end_offset] == finding.match


def test_required_wording_on_a_turn_with_bidi_controls_quotes_the_text(linter):
    text = "坐席：\u202e喂\ufffc\u202c\n业主：你好\n坐席：\ufffc\u202e好的"
    findings = [f for f in linter.check(text, kind="phone") if f.rule.startswith("telephone.")]
    assert {f.rule for f in findings} >= {"telephone.answer-greeting", "telephone.closing"}
    for finding in findings:
        assert finding.offset < finding.end_offset
        assert text[finding.offset:finding.end_offset] == finding.match


@pytest.mark.parametrize("text, label", [
    ("坐席：", "坐席"),
    ("坐席：您好，物业管理处，我是小王，请问有什么可以帮您？\n业主：没事了\n坐席：  ", "坐席"),
    ("坐席：您好，物业管理处，我是小王，请问有什么可以帮您？\n业主：没事了\n客服小王：\u200b", "客服小王"),
], ids=["only turn empty", "last turn spaces", "last turn only a dropped character"])
def test_required_wording_on_an_empty_turn_points_at_its_label(linter, text, label):
    [finding] = [f for f in linter.check(text, kind="phone") if f.rule.startswith("telephone.")]
    assert finding.match == label == text[finding.offset:finding.end_offset]
    assert finding.line == text.count("\n") + 1


@pytest.mark.parametrize("turns", [
    [{"role": "坐席", "text": ""}],
    [{"role": "坐席", "text": "您好，物业管理处，我是小王，请问有什么可以帮您？"}, {"role": "业主", "text": "好"}, {"role": "坐席", "text": ""}],
    [{"role": "坐席", "text": ""}, {"role": "", "text": ""}],
    [{"role": "", "text": "\u200b"}, {"role": "坐席", "text": ""}],
], ids=["one empty staff turn", "last staff turn empty", "then an empty role", "after an empty role"])
def test_required_wording_on_an_empty_chat_turn_quotes_its_role(linter, turns):
    from phraselint.inputs.readers import extract

    for ascii_only in (False, True):
        source = json.dumps(turns, ensure_ascii=ascii_only)
        extracted = extract(source, "chat.json", "auto")
        findings = extracted.to_original(linter.check(extracted.text, dialogue=True))
        assert findings
        for finding in findings:
            assert finding.offset < finding.end_offset
            assert finding.match == source[finding.offset:finding.end_offset] == json.dumps("坐席", ensure_ascii=ascii_only)[1:-1]


def test_a_chat_role_with_a_space_is_a_turn_of_its_own(linter):
    from phraselint.inputs.readers import extract

    # "客服 小王:" was no label to the transcript parser: the staff turn was read as more of the customer's
    source = json.dumps([{"role": "业主", "text": "你好"}, {"role": "客服 小王", "text": "你等一下"}], ensure_ascii=False)
    extracted = extract(source, "chat.json", "auto")
    [finding] = [f for f in extracted.to_original(linter.check(extracted.text, dialogue=True)) if f.rule == "telephone.hold-on"]
    assert finding.match == "你等一下" and finding.turn == 2
