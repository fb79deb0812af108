"""A fix changes text only inside the spans the first check reported, and fixing twice
changes nothing: in plain text with the built-in packs and with user rules whose fixes
overlap, in HTML (whose markup is never changed), chat logs and encoded files."""

from __future__ import annotations

import functools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Linter
from phraselint.config import Config
from phraselint.inputs.readers import html_markup
from phraselint.run.changes import fix_until_stable
from phraselint.run.parallel import check_one
from phraselint.run.session import CheckSession

from .conftest import pack_text
from .test_fix_stability import OVERLAPPING, YOU_WAIT
from .test_properties import pieces, shared_linter

CHAIN = YOU_WAIT + """  - id: demo.you-wait-a-bit
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
FILES = settings(max_examples=50, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PROPERTY = settings(max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@PROPERTY
@given(st.one_of(characters, st.lists(st.sampled_from(pieces()), max_size=6).map("".join)), st.integers(0, 2))
def test_fixes_stay_inside_the_first_checks_spans_and_are_stable(text, which):
    linter = shared_linter() if which == 0 else user_linters()[which - 1]
    assert_inside_first_spans_and_stable(linter, text)


def test_an_html_fix_never_turns_text_into_markup(tmp_path, write_pack):
    rules = """
      - id: demo.ok
        level: warning
        category: demo
        message: 生硬。
        source: test
        phrases: [好的吧]
        boundary: none
        rewrites: [{text: OK, fix: true}]
        examples:
          bad: [{text: 好的吧, fix: OK}]
          good: [OK]
    """
    session = CheckSession(Linter([str(write_pack(pack_text(rules)))]), Config())
    path = tmp_path / "page.html"
    path.write_text("<p>价格 <好的吧> 折扣</p>\n<p>好的吧，我们明天来。</p>\n", encoding="utf-8")
    outcome = check_one(session, str(path), fix=True)
    assert outcome.error is None and outcome.fixed == 1
    assert path.read_text(encoding="utf-8") == "<p>价格 <好的吧> 折扣</p>\n<p>OK，我们明天来。</p>\n"


html_parts = st.lists(st.sampled_from([
    "你等一下", "你", "等一下。", "<p>", "</p>", "<b>", "</b>", "<br>", '<a title="你等一下">', "</a>", "<!-- 你等一下 -->",
    "<script>你等一下</script>", "<code>你</code>", "&amp;", "&ldquo;", "&#20320;", "<", "&", "{{ 你 }}", "\n", "<img alt='你'>",
]), max_size=10).map("".join)
ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16")


@functools.cache
def shared_session() -> CheckSession:
    return CheckSession(shared_linter(), Config())


def _fixed_file(tmp_path, name: str, data: bytes) -> bytes:
    path = tmp_path / name
    path.write_bytes(data)
    outcome = check_one(shared_session(), str(path), fix=True, source=False)
    assert outcome.error is None, outcome.error
    return path.read_bytes()


@FILES
@given(html_parts)
def test_an_html_fix_changes_text_nodes_only_and_is_stable(tmp_path, source):
    fixed = _fixed_file(tmp_path, "page.html", source.encode("utf-8"))
    assert html_markup(fixed.decode("utf-8")) == html_markup(source)
    assert _fixed_file(tmp_path, "page.html", fixed) == fixed


@FILES
@given(st.lists(st.tuples(st.sampled_from(["坐席", "业主"]), st.lists(st.sampled_from(pieces()), max_size=3).map("".join)),
                min_size=1, max_size=4))
def test_a_chat_log_fix_changes_only_texts_and_is_stable(tmp_path, turns):
    data = json.dumps([{"role": role, "text": text} for role, text in turns], ensure_ascii=False).encode("utf-8")
    fixed = _fixed_file(tmp_path, "chat.json", data)
    assert [turn["role"] for turn in json.loads(fixed)] == [role for role, _ in turns]
    assert _fixed_file(tmp_path, "chat.json", fixed) == fixed


@FILES
@given(st.lists(st.sampled_from([p for p in pieces() if p.isprintable() or p == "\n"]), min_size=1, max_size=6).map("".join),
       st.sampled_from(ENCODINGS))
def test_an_encoded_file_is_fixed_in_its_own_encoding_inside_the_spans(tmp_path, text, encoding):
    script = "traditional" if encoding == "big5" else "simplified"
    if encoding == "big5":
        # A Big5 file holds traditional text the writer leaves as it is: OpenCC's s2t is not a fixed
        # point on a few phrases (别着急 → 彆著急 → 別著急), and the expectation below converts the
        # whole fixed text, while a fix changes only its spans.
        text = shared_linter().writer.write(shared_linter().writer.write(text, script), script)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # a piece Big5 has no bytes for: no such file
    fixed = _fixed_file(tmp_path, f"reply-{encoding}.txt", data)
    expected = fix_until_stable(text, shared_linter().check)
    if encoding != "big5":  # these round-trip: the bytes are the fixed text's, and so the same outside its spans
        assert fixed == expected.text.encode(encoding)
    else:  # a rewrite may come out in traditional script, which Big5 can hold
        assert fixed.decode(encoding) == shared_linter().writer.write(expected.text, "traditional") or fixed == data
    assert _fixed_file(tmp_path, f"reply-{encoding}.txt", fixed) == fixed
