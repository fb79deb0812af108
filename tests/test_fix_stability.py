"""Fixing twice changes nothing, even when fixes overlap or a rewrite changes its neighbours."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Linter
from phraselint.run.changes import apply_fixes

from .conftest import pack_text
from .test_properties import pieces, shared_linter

OVERLAPPING = """
  - id: demo.you-wait
    level: warning
    category: demo
    message: 不礼貌。
    source: test
    phrases: [你等]
    boundary: none
    rewrites: [{text: 您等, fix: true}]
    examples:
      bad: [{text: 你等着, fix: 您等着}]
      good: [您等着]
  - id: demo.wait-a-bit
    level: warning
    category: demo
    message: 生硬。
    source: test
    phrases: [等一下]
    boundary: none
    rewrites: [{text: 稍候, fix: true}]
    examples:
      bad: [{text: 请等一下, fix: 请稍候}]
      good: [请稍候]
"""


def test_partly_overlapping_fixes_are_applied_until_stable(write_pack):
    linter = Linter([str(write_pack(pack_text(OVERLAPPING)))])
    once = linter.fix("你等一下")
    assert once == "您稍候"
    assert linter.fix(once) == once
    assert not [f for f in linter.check(once) if f.fix is not None]


def test_a_single_pass_alone_would_not_be_stable(write_pack):
    linter = Linter([str(write_pack(pack_text(OVERLAPPING)))])
    one_pass = apply_fixes("你等一下", linter.check("你等一下"))
    assert one_pass == "您等一下" and linter.check(one_pass)  # what --fix used to write


quote_runs = st.lists(st.sampled_from(['"', "“", "”", "「", "」", " ", "等一下", "你等一下", "，"]), max_size=14).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(quote_runs, st.lists(st.sampled_from(pieces()), max_size=8).map("".join)))
def test_fixing_twice_changes_nothing_with_the_built_in_packs(text):
    linter = shared_linter()
    once = linter.fix(text)
    assert linter.fix(once) == once


def test_runs_of_quotation_marks_fix_stably(linter):
    text = '"等一下"" "等一下""' * 3
    once = linter.fix(text)
    assert linter.fix(once) == once
