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
