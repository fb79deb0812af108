"""Training texts: wording a script prescribes is a use; wording shown to be avoided is a mention.

Each case is checked as a file of its kind (`phraselint check`), so template masking and
transcript detection take part as they do for users.
"""

from __future__ import annotations

import functools

import pytest

from phraselint import Linter
from phraselint.config import Config
from phraselint.model import Level
from phraselint.run.session import CheckSession


@functools.cache
def _session(kind: str) -> CheckSession:
    return CheckSession(Linter(), Config(), Level.WARNING, kind=kind)


def _found(text: str, kind: str = "training") -> list[str]:
    session = _session(kind)
    return [f.match for f in session.check_extracted("item.txt", session.extract("item.txt", text))]


PRESCRIBED = [
    # a situation label starting with a customer role, under a heading the template masking used to hide
    ("【物业前台应答话术】\n业主来电催问：“我不知道的，你等着吧。”", "我不知道的"),
    ("【大堂應對口訣】\n住客問路：「我不知道的。」", "我不知道的"),
    # a 不 earlier in the clause does not negate the prescribing verb
    ("周末来电一般不急，统一回复“我不知道的”。", "我不知道的"),
    # an answer key
    ("新员工考核\n题目：业主来电时你正忙，怎么办？\n参考答案：“你等一下啦，我正忙着呢。”", "你等一下啦"),
    # a senior's instruction, the wording nested in it
    ("组长交代：「业主问个没完就说『我不知道的』。」", "我不知道的"),
    # a clause opening with the verb tells staff what to say
    ("住户半夜吵闹的，告诉他“我不知道的”。", "我不知道的"),
    ("访客到访时应询问「你是谁呀？」", "你是谁呀"),
]


@pytest.mark.parametrize("text, phrase", PRESCRIBED)
def test_prescribed_wording_is_reported(text: str, phrase: str) -> None:
    assert any(phrase in found or found in phrase for found in _found(text)), _found(text)


MENTIONED = [
    # a list of wording to avoid on its heading's line
    "接待时应避免的说法（见手册第5页）：我不知道的；你等一下啦；不登记就别进。\n请改用礼貌说法。",
    "三、禁忌用语：我不知道的、你等一下啦等不得使用。",
    # a quiz's options, and its question
    "第2题：访客没带证件，你也不清楚他找谁，应该怎么说？\n(A) 不登记就别进\n(B) 你是谁呀？\n(C) 麻烦您登记一下，谢谢。\n答案：(C)",
    # a script card's quote after a negated verb of saying
    "【前台应答话术】\n切勿回答“我不知道的”，应说“我帮您查一下”。",
    # a bare customer label in a script card is the customer speaking
    "【前台应答话术】\n业主：“你是谁呀？”\n前台：“您好，我是前台小李。”",
]


@pytest.mark.parametrize("text", MENTIONED)
def test_wording_shown_to_be_avoided_is_not_reported(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize("text", [
    "APP提示“你等一下啦”是因为系统繁忙，我马上帮您处理。",  # what a screen showed
    "有住户反映“我不知道的”，我们已经重新培训前台。",  # what someone reported
    "“等一下”咖啡馆今天开业，欢迎业主光临。",  # a name
])
def test_quoted_reports_and_names_are_mentions(text: str) -> None:
    assert _found(text, "reply") == []


def test_a_placeholder_is_still_masked() -> None:
    from phraselint.inputs.readers.placeholders import SLOT, mask_placeholders

    assert mask_placeholders("【小区名称】通知") == SLOT * 6 + "通知"
    assert mask_placeholders("【保安口訣】") == "【保安口訣】"
