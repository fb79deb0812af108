"""Fixing twice changes nothing, even when fixes overlap or a rewrite changes its neighbours."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Linter
from phraselint.run.changes import apply_fixes

from .conftest import pack_text
from .strategies import pieces, shared_linter

YOU_WAIT = """
  - id: demo.you-wait
    level: warning
    category: demo
    message: 不礼貌。
    source: test
    phrases: [你等]
    boundary: none
    rewrites: [{text: 您等, fix: true}]
    examples:
      bad: [{text: 你等他回来, fix: 您等他回来}]  # not 你等着: a curt hold of the built-in packs
      good: [您等他回来]
"""
OVERLAPPING = YOU_WAIT + """  - id: demo.wait-a-bit
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


def test_check_fix_reports_what_is_left_where_it_now_stands(tmp_path):
    from .test_readers import run_process

    path = tmp_path / "reply.txt"
    path.write_text("你等一下。这个我不知道。\n", encoding="utf-8")
    result = run_process("check", "--fix", "--format", "json", str(path))
    [found] = [f for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"] == "inquiry.dont-know"]
    fixed = path.read_text(encoding="utf-8")
    assert fixed.startswith("请稍等") and fixed[found["offset"]:found["end_offset"]] == found["match"] == "不知道"
    assert "已修复 1 处，剩余 1 处" in result.stderr and result.returncode == 1
