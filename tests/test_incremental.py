"""Property: a text checked again after each of a sequence of edits, reusing the last check
(engine/incremental.py), gives exactly what one check of the edited text gives: plain text,
transcripts, training texts, CRLF, characters outside the BMP, and edits that turn a text
into a transcript or a script card, or change its script or reader."""

from __future__ import annotations

import functools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Level, Linter
from phraselint.engine.incremental import MARGIN, check_changed

SENTENCES = [
    "这个我不知道，你去问别人吧。", "你等一下，我查查。", "我等一下午了。", "這個我不知道，你等一下。", "切勿说“不知道”。",
    "本小区明天上午停水，请提前储水。", "不知道您是否方便？", "您好，请问有什么可以帮您？", "好的，请稍等。",
    "不好意思，让您久等了。", "感谢您的来电，请问还有其他需要吗？再见。", "你冷静一些吧！", "这不关我的事。",
    "电梯𨋢坏了，你去问保安部吧。", "唔知呀，你等陣先。", "歹勢，我不曉得耶。", "侬等一歇。", "你姓什么？",
    "不要说“", "不知道”", "「等一下」、「不清楚」等说法", "说", "：“你等一下”", "我真的不知道啊", "abc 123 ", "",
    "尊敬的{{ 业主姓名 }}您好。", "这不是我们部门管的，你自己去找物业。", "您稍等，我帮您查一下。",
]
HEADINGS = ["【话术卡：催缴物业费】", "【通话记录 6月3日】", "培训材料：禁用语", "以下说法要避免：", "错误示范："]
LABELS = ["客服：", "业主：", "坐席：", "来电人：", "管家：", "访客：", ""]
PIECES = SENTENCES + HEADINGS + LABELS + ["\n", "\r\n", "\n\n", "𨋢", "“", "”", "：", "這", "这", "唔", "你", "您", "等"]

line = st.one_of(
    st.tuples(st.sampled_from(LABELS), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3))
    .map(lambda t: t[0] + "".join(t[1])),
    st.sampled_from(HEADINGS),
    st.just(""),
)


def _joined(lines: list[str], crlf: bool) -> str:
    return ("\r\n" if crlf else "\n").join(lines)


texts = st.builds(_joined, st.lists(line, min_size=0, max_size=40), st.booleans())
# an edit: (what, where as a fraction of the text, how much, what is put in)
edits = st.lists(st.tuples(st.sampled_from(["insert", "delete", "replace", "insert line", "delete line", "replace line"]),
                           st.floats(0, 1), st.integers(0, 40), st.lists(st.sampled_from(PIECES), max_size=4).map("".join)),
                 min_size=1, max_size=6)


def apply(text: str, edit: tuple[str, float, int, str]) -> str:
    what, where, size, put = edit
    at = int(where * len(text))
    if what.endswith("line"):
        lines = text.split("\n")
        index = min(int(where * len(lines)), len(lines) - 1)
        if what == "insert line":
            lines.insert(index, put)
        elif what == "delete line":
            del lines[index:index + 1 + size % 3]
        else:
            lines[index] = put
        return "\n".join(lines)
    if what == "insert":
        return text[:at] + put + text[at:]
    if what == "delete":
        return text[:at] + text[at + size:]
    return text[:at] + put + text[at + size:]


@functools.cache
def similar_linter() -> Linter:
    return Linter(similar=True)


def _same_as_whole(linter: Linter, text: str, steps: list[tuple[str, float, int, str]], options: dict) -> int:
    """Check `text`, then each edited version reusing the last check; each must equal a whole
    check. Returns how many were rechecked in part (so that a test can see the path is taken)."""
    done = check_changed(linter, text, **options)
    assert done.report == linter.check_text(text, **options)
    partial = 0
    for step in steps:
        text = apply(text, step)
        done = check_changed(linter, text, done, **options)
        assert done.report == linter.check_text(text, **options), (text, step)
        partial += done.rechecked is not None and done.rechecked != (0, len(text))
    return partial


EXAMPLES = int(os.environ.get("PHRASELINT_INCREMENTAL_EXAMPLES", "150"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
@given(text=texts, steps=edits, kind=st.sampled_from([None, None, None, "reply", "notice", "phone", "training"]),
       dialogue=st.sampled_from([None, None, False, True]), level=st.sampled_from([Level.SUGGESTION, Level.WARNING]),
       mentions=st.booleans())
def test_a_recheck_after_edits_equals_a_whole_check(linter, text, steps, kind, dialogue, level, mentions):
    _same_as_whole(linter, text, steps, {"kind": kind, "dialogue": dialogue, "level": level, "report_mentions": mentions})


@settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, lines=st.lists(st.sampled_from(SENTENCES), max_size=120), steps=edits)
def test_a_recheck_equals_a_whole_check_with_the_similar_wording_layer(text, lines, steps):
    _same_as_whole(similar_linter(), text + "\n" + "\n".join(lines), steps, {})


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.function_scoped_fixture])
@given(lines=st.lists(line, min_size=60, max_size=120), crlf=st.booleans(), steps=edits,
       kind=st.sampled_from([None, None, "reply", "training"]), dialogue=st.sampled_from([None, None, False]))
def test_long_plain_texts_are_rechecked_in_part_and_equal_a_whole_check(linter, lines, crlf, steps, kind, dialogue):
    """Texts long enough that an edit leaves most lines outside the stretch checked again
    (plain from their first lines on, until an edit there makes them a transcript)."""
    text = "您好。\n" * 8 + _joined(lines, crlf)
    _same_as_whole(linter, text, steps, {"kind": kind, "dialogue": dialogue})


def test_one_line_changed_in_a_long_text_is_rechecked_alone(linter):
    lines = ["您好，这个我不知道，你等一下。", "请问您有什么需要帮助的吗？", "电梯𨋢坏了，你去问保安部吧。"] * 300
    first = check_changed(linter, "\n".join(lines))
    lines[450] = "你等一下"
    again = check_changed(linter, "\n".join(lines), first)
    low, high = again.rechecked
    assert 0 < low and high < len(again.text) and high - low < 6 * MARGIN
    assert again.report == linter.check_text(again.text)
    assert again.report.findings[0] is first.report.findings[0]  # before the change: the same findings


def test_a_change_of_reader_checks_the_whole_text(linter):
    """𨋢 and 唔 are Cantonese: with enough of them a traditional text is Hong Kong's, and
    every message is written for Hong Kong readers."""
    lines = ["這個我不知道，你等一下。"] * 40
    first = check_changed(linter, "\n".join(lines))
    lines[20] = "唔知呀，部𨋢壞咗，你等陣先。" * 3
    again = check_changed(linter, "\n".join(lines), first)
    assert again.report.variant != first.report.variant
    assert again.rechecked is None
    assert again.report == linter.check_text(again.text)


@pytest.mark.parametrize("first_line", ["客服：您好。", "【话术卡：催缴物业费】"])
def test_a_transcript_or_script_card_is_checked_whole(linter, first_line):
    text = first_line + "\n" + "\n".join(["业主：你们怎么回事", "客服：这个我不知道，你等一下。"] * 30)
    first = check_changed(linter, text)
    again = check_changed(linter, text.replace("你等一下", "请稍等", 1), first)
    assert first.totals is None and again.rechecked is None
    assert again.report == linter.check_text(again.text)


def test_an_unknown_kind_is_refused_as_check_text_refuses_it(linter):
    with pytest.raises(ValueError, match="unknown kind"):
        check_changed(linter, "你好", kind="email")
