"""Property: a file checked in pieces (made small here) gives exactly the findings of one
whole-text check: with suppressions, multi-line turns, phone calls, lines longer than a piece,
CR-only line ends and several encodings."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint.config import Config
from phraselint.inputs import streaming as stream
from phraselint.run.session import CheckSession

SENTENCES = [
    "这个我不知道，你去问别人吧。", "你等一下，我查查。", "我等一下午了。", "這個我不知道。", "切勿说“不知道”。",
    "本小区明天上午停水，请提前储水。", "不知道您是否方便？", "您好，请问有什么可以帮您？", "好的，请稍等。",
    "不好意思，让您久等了。", "感谢您的来电，请问还有其他需要吗？再见。", "你冷静一些吧！", "这不关我的事。",
    "尊敬的{{ 业主姓名 }}您好。", "【小区名称】通知：", "你姓什么？", "我真的不知道啊", "abc 123 ", "",
]
LABELS = ["客服：", "业主：", "坐席：", "来电人：", "管家：", ""]
DIRECTIVES = ["phraselint-disable", "phraselint-enable", "phraselint-disable inquiry", "phraselint-enable inquiry",
              "phraselint-disable-next-line", "phraselint-disable-next-line telephone.hold-on",
              "# phraselint-disable inquiry.nonexistent"]

sentence = st.sampled_from(SENTENCES)
line = st.one_of(
    st.tuples(st.sampled_from(LABELS), st.lists(sentence, min_size=1, max_size=4)).map(lambda t: t[0] + "".join(t[1])),
    st.sampled_from(DIRECTIVES),
    st.lists(sentence, min_size=1, max_size=3).map(lambda s: "".join(s) + " phraselint-disable-line"),
    st.lists(sentence, min_size=30, max_size=90).map("".join),  # longer than a piece
    st.lists(sentence, min_size=5, max_size=40).map("\r".join),  # CR-only line ends
)
texts = st.lists(line, min_size=3, max_size=120).map(lambda lines: "\n".join(lines) + "\n")


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(stream, "STREAM_THRESHOLD", 0)
    monkeypatch.setattr(stream, "PIECE", 512)
    monkeypatch.setattr(stream, "SAMPLE", 256)


# PHRASELINT_STREAM_EXAMPLES sets a longer run (see README, Large inputs)
@settings(max_examples=int(os.environ.get("PHRASELINT_STREAM_EXAMPLES", "100")), deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(text=texts, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       kind=st.sampled_from([None, None, "phone", "dialogue", "training"]), unused=st.booleans())
def test_pieces_give_the_findings_of_a_whole_text_check(linter, small_pieces, text, encoding, kind, unused):
    session = CheckSession(linter, Config(), kind=kind, report_unused_disables=unused)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.txt")
        with open(path, "wb") as handle:
            handle.write(text.encode(encoding))
        assert session.streams(path)
        streamed, lines, script = session.check_streamed(path)
        whole_text, whole = session.check_path(path)
    assert list(streamed) == whole
    assert script == session.findings_and_script(path, whole_text)[1]
