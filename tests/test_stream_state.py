"""What one piece of a large file passes to the next: suppression regions, the transcript's
turns and roles, the call's required wording, the decoder's findings before a bad byte. A file
checked in pieces (made small here) must give exactly the findings of a whole-text check."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from phraselint.cli.app import cli
from phraselint.config import Config
from phraselint.errors import InputError
from phraselint.inputs import streaming as stream
from phraselint.run.session import CheckSession


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(stream, "STREAM_THRESHOLD", 1024)
    monkeypatch.setattr(stream, "PIECE", 2048)
    monkeypatch.setattr(stream, "SAMPLE", 1024)


def streamed_and_whole(session: CheckSession, path) -> tuple[list, list]:
    """(the findings checked in pieces, those of one whole-text check of the same file)."""
    assert session.streams(str(path))
    streamed = list(session.check_streamed(str(path))[0])
    return streamed, session.check_path(str(path))[1]


def test_a_disable_at_the_top_holds_in_every_piece(tmp_path, linter, small_pieces):
    path = tmp_path / "notice.txt"
    path.write_text("phraselint-disable\n" + "这个我不知道，你等一下。\n" * 600, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config()), path)
    assert streamed == whole == []


def test_next_line_and_enable_directives_reach_across_a_piece_end(tmp_path, linter, small_pieces):
    filler = "本小区明天上午停水，请提前储水。\n"
    directive = "phraselint-disable-next-line\n"
    head = filler * 118 + "x" * 12 + "\n"
    head += directive  # ends where the first piece ends: its next line opens the next piece
    assert len(head) == stream.PIECE
    text = (head + "这个我不知道。\n" + filler * 20 + "phraselint-disable inquiry\n" + "这个我不知道，你等一下。\n" * 200
            + "phraselint-enable inquiry\n" + filler * 3 + "这个我不知道。\n")
    path = tmp_path / "notice.txt"
    path.write_text(text, encoding="utf-8")
    session = CheckSession(linter, Config(), report_unused_disables=True)
    streamed, whole = streamed_and_whole(session, path)
    assert streamed == whole
    assert {f.rule for f in whole} == {"telephone.hold-on", "inquiry.dont-know"}
    assert [f.line for f in whole if f.rule == "inquiry.dont-know"] == [text.count("\n")]


def _transcript(calls: int, customer_lines: int) -> str:
    out = []
    for call in range(calls):
        out.append("坐席：您好，物业服务中心，我是小王，请问有什么可以帮您？")
        for turn in range(6):
            out.append("来电人：我不知道怎么办，你等一下，我去看看。")
            out += ["我不知道，真的不知道。"] * customer_lines  # a customer's turn over many lines
            out.append("坐席：好的，我帮您查询。")
        out.append("坐席：感谢您的来电，请问还有其他可以帮您的吗？再见。")
    return "\n".join(out) + "\n"


def test_a_piece_that_starts_inside_a_customer_turn_stays_the_customer_s(tmp_path, linter, small_pieces):
    exchange = ["业主：你好，我家停水了。", "客服：您好，我帮您查一下。"] * 40
    long_turn = ["业主：我不知道怎么办。"] + ["我不知道，你等一下，我去楼下看看水表怎么样了。"] * 90
    text = "\n".join(exchange + long_turn + exchange) + "\n"
    assert len("\n".join(long_turn)) > stream.PIECE  # no turn starts in some piece: it starts inside one
    path = tmp_path / "call.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config()), path)
    assert streamed == whole == []


def test_one_long_phone_call_gains_no_greeting_or_closing_at_a_piece_end(tmp_path, linter, small_pieces):
    text = _transcript(12, 1).replace("\n\n", "\n")
    path = tmp_path / "calls.txt"
    path.write_text(text, encoding="utf-8")
    session = CheckSession(linter, Config(), kind="phone")
    streamed, whole = streamed_and_whole(session, path)
    assert streamed == whole == []  # greeting and closing are judged on the call's first and last staff turn
    held = path.read_text(encoding="utf-8").replace("坐席：好的，我帮您查询。", "坐席：好的，请稍等。", 1)
    path.write_text(held, encoding="utf-8")  # a hold at the start: every next staff turn is judged, across pieces too
    streamed, whole = streamed_and_whole(session, path)
    assert streamed == whole and [f.rule for f in whole] == ["telephone.hold-apology"]


def test_findings_before_a_bad_byte_are_kept_and_the_byte_is_named(tmp_path, linter, small_pieces):
    good = ("这个我不知道，你等一下。\n" * 400).encode("utf-8")
    path = tmp_path / "broken.txt"
    path.write_bytes(good + b"\xff\xfe" + good)
    session = CheckSession(linter, Config())
    with pytest.raises(InputError, match=f"broken.txt: not valid utf-8 \\(byte {len(good)}: invalid start byte\\)") as caught:
        session.check_streamed(str(path))
    kept = caught.value.findings
    expected = session.check_extracted(str(path), session.extract(str(path), good.decode()))
    assert list(kept) == expected and len(expected) == 800


def test_a_bad_byte_is_reported_with_the_findings_before_it(tmp_path, linter, small_pieces):
    """check reports what was found before the bad byte, names the byte, and exits 2."""
    from phraselint.run.parallel import check_one

    good = ("这个我不知道。\n" * 300).encode("gb18030")
    path = tmp_path / "broken.txt"
    path.write_bytes(good + b"\xff" + good)
    outcome = check_one(CheckSession(linter, Config()), str(path))
    assert "not valid gb18030" in str(outcome.error) and f"byte {len(good)}:" in str(outcome.error)
    assert len(outcome.result.findings) == 300


@pytest.mark.parametrize("end", ["", "\r"])
def test_a_line_longer_than_a_piece_is_cut_and_checked_in_pieces(tmp_path, linter, small_pieces, end):
    """A file of one line (or CR-only line ends) is read in bounded pieces, with the findings of
    one check of the whole text."""
    from phraselint.inputs.cuts import CutRule

    sentences = ["这个我不知道，你去问别人吧。", "切勿说“不知道”。", "你等一下！", "尊敬的{{ 业主姓名 }}您好。", "我等一下午了。"]
    text = end.join(sentences[i % 5] + sentences[i % 3] for i in range(400))
    path = tmp_path / "one-line.txt"
    path.write_text(text, encoding="utf-8")
    cut = list(stream.pieces(str(path), cut=CutRule(linter)))
    assert len(cut) > 3 and max(len(p.text) for p in cut) <= stream.PIECE
    assert "".join(p.text for p in cut) == text
    session = CheckSession(linter, Config(), report_mentions=True)
    streamed, whole = streamed_and_whole(session, path)
    assert streamed == whole and len(whole) > 400


def test_fix_leaves_a_file_checked_in_pieces_alone_and_says_so(tmp_path, linter, small_pieces):
    from phraselint.run.parallel import check_one

    path = tmp_path / "big.txt"
    path.write_text("你等一下。\n" * 1000, encoding="gb18030")
    before = path.read_bytes()
    outcome = check_one(CheckSession(linter, Config()), str(path), fix=True)
    assert path.read_bytes() == before
    assert len(outcome.result.findings) == 1000 and outcome.fixed == 0
    assert "does not rewrite files over" in outcome.notes[0]


def test_a_streamed_file_s_findings_are_held_compactly(tmp_path, linter, small_pieces):
    """Millions of findings in one large file: each is held in a few numbers, not a tuple of 17 fields."""
    import tracemalloc

    path = tmp_path / "many.txt"
    path.write_text("你等一下，这个我不知道。\n" * 8000, encoding="utf-8")
    session = CheckSession(linter, Config())
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        findings = session.check_streamed(str(path), keep_lines=False)[0]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(findings) == 16000
    assert held / len(findings) < 100  # bytes per finding (as Finding tuples: about 450)
    assert list(findings) == session.check_path(str(path))[1]


def test_a_staff_label_no_list_knows_is_inferred_from_the_whole_file(tmp_path, linter, small_pieces):
    """阿強 (a guard called by name) is in no list: a whole-text check takes it for staff because it recurs beside a
    known customer label. Its first turns lie in a piece that has seen it only once, and a
    one-off unknown label continues the turn before it: the pieces must still give the whole
    file's verdict (found by a first pass's counts, then checked again with it)."""
    filler = ["住客：你好，我想問一下停車場的事。"] * 70
    text = "\n".join(filler + ["阿強：這個我不知道，你等一下。"] + filler + ["阿強：你等一下，我不知道。"]) + "\n"
    path = tmp_path / "counter.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config()), path)
    assert streamed == whole
    assert {f.role for f in whole} == {"阿强"} and len(whole) >= 4


def test_a_one_off_unknown_label_continues_a_turn_in_pieces_too(tmp_path, linter, small_pieces):
    """比如说： once inside a customer's turn is no speaker, in a whole text and in pieces."""
    exchange = ["业主：你好，我家停水了。", "客服：您好，我帮您查一下。"] * 60
    text = "\n".join(exchange + ["业主：我想问问。", "比如说：我不知道，你等一下。"] + exchange) + "\n"
    path = tmp_path / "call.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config()), path)
    assert streamed == whole == []


def test_a_line_longer_than_a_piece_is_cut_after_a_sentence_end_when_a_phrase_ends_with_one(tmp_path, linter,
                                                                                            small_pieces):
    """The packs hold phrases that end with a sentence end (不行。): that must not keep pieces
    from ending after one, or a line of dense findings is cut inside a phrase."""
    assert any(key.endswith("。") for key in linter.compiled.automaton.keys)
    text = "这个我不知道，你去问别人吧。不行。你等一下，我查查。" * 300 + "\n"
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config()), path)
    assert len(text) > 3 * stream.PIECE and streamed == whole


def test_a_nul_byte_after_the_sample_skips_the_file_as_a_whole_file_read_does(tmp_path, small_pieces):
    """A NUL byte makes a file binary whatever its size: a large file that holds one late is
    named and skipped (exit 2, nothing reported from it), not checked up to there."""
    line = "客服：您好，请问有什么可以帮您？你等一下。\n".encode()
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_bytes(line * 200 + b"\x00" + line * 200)
    small.write_bytes(line * 10 + b"\x00" + line)
    assert big.stat().st_size > stream.STREAM_THRESHOLD > small.stat().st_size
    for path in (big, small):
        result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
        assert result.exit_code == 2, result.output
        report = json.loads(result.stdout)
        assert not any(f["findings"] for f in report["files"]) and "looks binary" in json.dumps(report["errors"])


def test_a_list_of_wording_to_avoid_is_not_cut_from_its_heading(tmp_path, linter, small_pieces):
    """In a training text a heading (切勿说：) makes the lines after it, to the next blank line,
    mentions: a piece must not end between the two, or the list's items are reported."""
    filler = "本章讲解前台接待的基本礼仪，请学员认真阅读并在课后练习。\n" * 60
    block = "切勿说以下的话：\n" + "这个我不知道，你去问别人吧。\n你等一下。\n" * 60 + "\n"
    text = (filler + block) * 3
    path = tmp_path / "handbook.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config(), kind="training"), path)
    assert streamed == whole
    assert not any(f.level.name == "ERROR" for f in whole)


def test_a_transcript_piece_does_not_end_inside_a_template_placeholder(tmp_path, linter, small_pieces):
    """A placeholder over many lines ({{ … }} holding labelled lines) is masked whole by a
    whole-text check; a piece that ended before a turn inside it left it masked in neither."""
    exchange = ["业主：你好，我家停水了。", "客服：您好，我帮您查一下。"] * 40
    inside = ["客服：你等一下，这个我不知道。"] * 100
    text = "\n".join(exchange + ["客服：{{"] + inside + ["}}"] + exchange + ["客服：这个我不知道。"]) + "\n"
    assert len("\n".join(exchange)) < stream.PIECE < len("\n".join(exchange + inside))
    path = tmp_path / "call.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config()), path)
    assert streamed == whole
    assert {f.line for f in whole} == {text.count("\n")}  # the last line's only: the placeholder is masked


def test_findings_follow_the_original_text_where_the_dialect_layer_widened_a_span(linter):
    """唔该你 is read as Mandarin before matching, and the 你 → 您 nudge maps back to the whole
    of 唔该你: it then starts where the closing turn's finding starts, and findings must be in
    the original text's order (offset, end, rule), as a file checked in pieces places a
    closing found late."""
    text = "业主：你好。\n客服：唔该你等一等，我而家帮你查一查。你没看见我忙着吗？\n"
    found = [f for f in linter.check(text, kind="phone")]
    order = {rule.id: i for i, rule in enumerate(linter.rules)}
    keys = [(f.offset, f.end_offset, order[f.rule]) for f in found]
    assert keys == sorted(keys)
    assert len({f.offset for f in found}) < len(found)  # two findings share a start: the case this pins


@pytest.mark.parametrize("heading", ["切勿说以下的话：\n", "| 忌语 | 规范用语 |\n| --- | --- |\n"])
def test_a_list_of_wording_to_avoid_longer_than_a_piece_stays_a_list_past_the_cut(tmp_path, linter, small_pieces,
                                                                                  heading):
    """A list of wording to avoid with no blank line for many pieces (longer than a piece may
    grow to reach a paragraph's end) is cut inside: the piece after the cut must still know it
    is inside the list, or its items are reported as the staff's own wording."""
    filler = "本章讲解前台接待的基本礼仪，请学员认真阅读并在课后练习。\n" * 60
    if heading.startswith("|"):
        rows = "| 这个我不知道，你去问别人吧。 | 请稍候，我帮您查询。 |\n| 你等一下。 | 请您稍等。 |\n" * 700
    else:
        rows = "这个我不知道，你去问别人吧。\n你等一下。\n" * 1000
    text = filler + "\n" + heading + rows + "\n" + filler
    assert len(heading + rows) > 8 * stream.PIECE  # beyond what a piece grows to for a paragraph's end
    path = tmp_path / "handbook.txt"
    path.write_text(text, encoding="utf-8")
    streamed, whole = streamed_and_whole(CheckSession(linter, Config(), kind="training"), path)
    assert whole == []  # every item is a mention
    assert streamed == whole
