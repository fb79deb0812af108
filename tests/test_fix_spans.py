"""A fix changes text only inside the spans the first check reported, and fixing twice
changes nothing, with the built-in packs and with user rules whose fixes overlap."""

from __future__ import annotations

import functools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Linter
from phraselint.run.changes import fix_until_stable

from .conftest import pack_text
from .test_fix_stability import OVERLAPPING
from .test_properties import pieces, shared_linter

CHAIN = """
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
  - id: demo.you-wait-a-bit
    level: warning
    category: demo
    message: 生硬。
    source: test
    phrases: [您等一]
    boundary: none
    rewrites: [{text: 请您稍等一, fix: true}]
    examples:
      bad: [{text: 您等一会, fix: 请您稍等一会}]
      good: [请您稍等]
"""


def assert_inside_first_spans_and_stable(linter: Linter, text: str) -> str:
    first = [f for f in linter.check(text) if f.fix is not None]
    fixed = fix_until_stable(text, linter.check)
    rebuilt, position = [], 0
    for edit in fixed.edits:
        assert any(f.offset <= edit.start and edit.end <= f.end_offset for f in _merged(first)), (text, edit)
        rebuilt += [text[position:edit.start], edit.text]
        position = edit.end
    assert "".join(rebuilt) + text[position:] == fixed.text
    assert linter.fix(fixed.text) == fixed.text
    return fixed.text


def _merged(findings):
    spans = []
    for f in sorted(findings, key=lambda f: f.offset):
        if spans and f.offset <= spans[-1].end_offset:
            spans[-1] = spans[-1]._replace(end_offset=max(spans[-1].end_offset, f.end_offset))
        else:
            spans.append(f)
    return spans


def test_a_rewrite_that_changes_how_its_neighbours_split_does_not_fix_them_unreported(linter):
    # 你→您 at 7 changes how 你你等阵 splits into words: 您等阵 is then a hold-on finding
    # over 等阵, which the first check did not report
    text = " 等一下你等你你等阵啊子"
    assert not any(f.rule == "telephone.hold-on" and f.offset >= 4 for f in linter.check(text))
    fixed = assert_inside_first_spans_and_stable(linter, text)
    assert fixed.endswith("等阵啊子")


def test_a_rewrite_that_makes_a_new_finding_with_its_neighbour_is_undone(write_pack):
    linter = Linter([str(write_pack(pack_text(CHAIN)))])
    assert [f.rule for f in linter.check("你等一")] == ["demo.you-wait"]  # 您等一 is not there yet
    assert assert_inside_first_spans_and_stable(linter, "你等一") == "你等一"
    assert assert_inside_first_spans_and_stable(linter, "你等着") == "您等着"


def test_the_fuzzed_text_is_fixed_inside_its_spans(linter):
    assert assert_inside_first_spans_and_stable(linter, "你也您先等阵请稍等") == "您也请稍等请稍等"


@functools.cache
def user_linters() -> tuple[Linter, ...]:
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="phraselint-test-packs-"))
    made = []
    for name, rules in (("overlapping", OVERLAPPING), ("chain", CHAIN)):
        path = folder / f"{name}.yaml"
        path.write_text(pack_text(rules), encoding="utf-8")
        made.append(Linter([str(path), "courtesy", "telephone"]))
    return tuple(made)


characters = st.lists(st.sampled_from([*"你您先等一下阵着啊请稍我们麻烦“”\"「」，。\n 午子", "等一下", "你等", "请稍等"]),
                      max_size=16).map("".join)
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@PROPERTY
@given(st.one_of(characters, st.lists(st.sampled_from(pieces()), max_size=6).map("".join)), st.integers(0, 2))
def test_fixes_stay_inside_the_first_checks_spans_and_are_stable(text, which):
    linter = shared_linter() if which == 0 else user_linters()[which - 1]
    assert_inside_first_spans_and_stable(linter, text)
