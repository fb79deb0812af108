"""check_batch: the library call behind `phraselint audit`, its --jobs and Dask."""

from __future__ import annotations

import pytest

import phraselint
from phraselint import Linter, check_batch
from phraselint.audit.batch import decide_speakers
from phraselint.engine.transcripts import Roles

TEXTS = ["这个我不知道，你等一下", "您好，请问有什么可以帮您？", "你冷静一些吧", "【停水通知】明天停水", "你姓什么？\n我帮你查",
         "這個我不知道", ""]


def test_without_roles_each_text_is_checked_as_check_text_checks_it():
    linter = Linter()
    assert check_batch(TEXTS, linter=linter) == [linter.check_text(t).findings for t in TEXTS]
    assert check_batch(TEXTS, linter=linter, level="error") == [linter.check_text(t, level=phraselint.Level.ERROR).findings
                                                                for t in TEXTS]
    assert "check_batch" in phraselint.__all__


def test_with_roles_a_call_is_checked_as_its_transcript():
    """Each call's findings are the transcript file's, moved into the offsets of each turn's text."""
    linter = Linter()
    texts = ["您好", "我不知道怎么办", "这个我不知道，你等一下", "好的再见", "你姓什么？", "张"]
    roles = ["坐席", "业主", "坐席", "坐席", "客服", "客户"]
    calls = ["a", "a", "a", "a", "b", "b"]
    got = check_batch(texts, roles=roles, calls=calls, linter=linter)
    for call, (start, end) in {"a": (0, 4), "b": (4, 6)}.items():
        transcript = "\n".join(f"{r}：{t}" for r, t in zip(roles[start:end], texts[start:end]))
        expected = linter.check_text(transcript, dialogue=True).findings
        flat = [f for turn in got[start:end] for f in turn]
        assert [(f.rule, f.match, f.turn, f.role) for f in flat] == [(f.rule, f.match, f.turn, f.role) for f in expected]
        for number, turn in enumerate(got[start:end]):
            for f in turn:
                assert texts[start + number][f.offset:f.end_offset] == f.match
    assert got[1] == []  # the owner's 不知道 is never judged
    assert any(f.rule == "telephone.closing" for f in got[3])  # required wording: the last staff turn of a phone call


def test_a_line_break_in_a_turn_does_not_start_a_turn():
    got = check_batch(["你好\n业主：我不知道", "好"], roles=["客服", "业主"])
    assert ("inquiry.dont-know", "不知道", 2, 5) in [(f.rule, f.match, f.line, f.column) for f in got[0]]


def test_role_values_are_decided_as_transcript_labels():
    roles = Roles()
    decided = decide_speakers(["客服小王", "業主", "agent", "门卫", "", None], roles)
    assert decided == {"客服小王": "staff", "業主": "customer", "agent": "staff", "门卫": "staff", "": None, None: None}
    # an unknown label that recurs beside known customers is staff, as in a transcript
    assert decide_speakers(["阿强", "业主", "阿强"], roles)["阿强"] == "staff"
    assert decide_speakers(["阿强", "业主", "路人", "阿强"], roles)["路人"] is None
    texts = ["这个我不知道", "我不知道", "你等一下"]
    got = check_batch(texts, roles=["阿强", "业主", "阿强"], kind="dialogue")
    assert [f.rule for f in got[0]] == ["inquiry.dont-know"] and got[1] == []


def test_an_undecided_role_is_not_judged():
    assert check_batch(["我不知道", "我不知道"], roles=["客服", "路人甲乙丙丁戊己庚辛"])[1] is None


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        check_batch(["a", "b"], roles=["客服"])
