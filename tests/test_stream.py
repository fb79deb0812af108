"""Large files checked in pieces give exactly the findings of a whole-text check; --jobs keeps
the output order and content."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from phraselint.config import Config
from phraselint.errors import InputError
from phraselint import Linter
from phraselint.run.session import CheckSession
from phraselint.run.streamed import check_streamed as stream_check
from phraselint.inputs import streaming as stream


@pytest.fixture
def small_pieces(monkeypatch):
    monkeypatch.setattr(stream, "STREAM_THRESHOLD", 1024)
    monkeypatch.setattr(stream, "PIECE", 2048)
    monkeypatch.setattr(stream, "SAMPLE", 1024)


def _lines(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pool = ["您好，请问有什么可以帮您？", "这个我不知道，你去问别人吧。", "你等一下，我查查。", "我等一下午了。",
            "這個我不知道。", "切勿说“不知道”。", "本小区明天上午停水，请提前储水。", "不知道您是否方便？"]
    return [rng.choice(pool) for _ in range(count)]


def test_pieces_give_the_findings_of_a_whole_text_check(tmp_path, linter, small_pieces):
    path = tmp_path / "big.txt"
    text = "\n".join(_lines(1, 900)) + "\n"
    path.write_text(text, encoding="utf-8")
    session = CheckSession(linter, Config())
    assert session.streams(str(path))
    streamed, context, _ = session.check_streamed(str(path))
    whole = linter.check(text)
    assert [(f.rule, f.offset, f.end_offset, f.line, f.column) for f in streamed] == \
        [(f.rule, f.offset, f.end_offset, f.line, f.column) for f in whole]
    assert all(text[f.offset:f.end_offset] == f.match for f in streamed)
    assert context[streamed[-1].line] == text.split("\n")[streamed[-1].line - 1]


def test_a_streamed_transcript_is_cut_between_turns(tmp_path, linter, small_pieces):
    turns = []
    for i, words in enumerate(_lines(2, 600)):
        turns.append(("客服:" if i % 2 else "业主:") + words)
    text = "\n".join(turns) + "\n"
    path = tmp_path / "calls.txt"
    path.write_text(text, encoding="utf-8")
    streamed, _, _ = CheckSession(linter, Config()).check_streamed(str(path))
    assert streamed and all(text.split("\n")[f.line - 1].startswith("客服:") for f in streamed)
    assert [(f.rule, f.offset) for f in streamed] == [(f.rule, f.offset) for f in linter.check(text)]


def test_streamed_legacy_encodings_and_a_bad_byte_is_named(tmp_path, linter, small_pieces):
    path = tmp_path / "gbk.txt"
    text = "\n".join(_lines(3, 400)).replace("這個", "这个") + "\n"
    path.write_bytes(text.encode("gbk"))
    streamed, _, _ = CheckSession(linter, Config()).check_streamed(str(path))
    assert [f.offset for f in streamed] == [f.offset for f in linter.check(text)]
    broken = tmp_path / "broken.txt"
    broken.write_bytes(text.encode("utf-8")[:5000] + b"\xff\xfe\xff" + text.encode("utf-8")[5000:])
    with pytest.raises(InputError, match="not valid utf-8 \\(byte 500[0-9]"):
        CheckSession(linter, Config()).check_streamed(str(broken))


@pytest.mark.parametrize("output_format", ["json", "text", "github", "sarif"])
def test_jobs_do_not_change_the_output(tmp_path, output_format):
    """Workers also write each file's part of the report (text, json, github); it must read the same."""
    for i in range(12):
        (tmp_path / f"f{i:02}.txt").write_text("\n".join(_lines(10 + i, 30)), encoding="utf-8")

    def run(jobs):
        return subprocess.run([sys.executable, "-m", "phraselint", "check", "--format", output_format, "-j", str(jobs),
                               str(tmp_path)], capture_output=True, text=True, encoding="utf-8", env={**os.environ, "NO_COLOR": "1"})

    one, two = run(1), run(2)
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    if output_format == "json":
        assert [f["path"] for f in json.loads(two.stdout)["files"]] == sorted(str(p) for p in tmp_path.glob("*.txt"))


def test_default_jobs_start_no_workers_for_a_few_small_files(tmp_path, monkeypatch, linter):
    """A pre-commit hook's handful of files is checked before worker processes would have started."""
    import multiprocessing

    from phraselint.run import parallel as runner

    files = []
    for i in range(3):
        (tmp_path / f"f{i}.txt").write_text("这个我不知道。\n", encoding="utf-8")
        files.append(str(tmp_path / f"f{i}.txt"))

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(multiprocessing, "get_context", no_pool)
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 4)
    outcomes = list(runner.check_all(CheckSession(linter, Config()), files))
    assert [path for path, _ in outcomes] == files
    assert all(outcome.result.findings for _, outcome in outcomes)
    with pytest.raises(AssertionError, match="worker pool"):
        list(runner.check_all(CheckSession(linter, Config()), files, jobs=2))  # asked for: workers


def test_a_utf8_sample_that_cuts_a_character_is_still_utf8(tmp_path, linter, small_pieces):
    text = "这个我不知道\n" * 2000  # 19 bytes a line: the 1024-byte sample ends inside a character
    assert len(text.encode("utf-8")[:stream.SAMPLE].decode("utf-8", "ignore").encode()) != stream.SAMPLE
    path = tmp_path / "u.txt"
    path.write_text(text, encoding="utf-8")
    streamed, _, _ = CheckSession(linter, Config()).check_streamed(str(path))
    assert len(streamed) == 2000 and {f.match for f in streamed} == {"不知道"}


def test_a_legacy_file_that_opens_with_a_long_ascii_header_is_detected(tmp_path, linter, small_pieces):
    header = "".join(f"# notice template v{i} -- generated file, do not edit\n" for i in range(200))
    body = "\n".join(_lines(4, 300)).replace("這個", "这个") + "\n"
    assert len(header) > 4 * stream.SAMPLE
    path = tmp_path / "gbk.txt"
    path.write_bytes((header + body).encode("gbk"))
    streamed, _, _ = CheckSession(linter, Config()).check_streamed(str(path))
    expected = linter.check(header + body)
    assert expected and [(f.rule, f.offset) for f in streamed] == [(f.rule, f.offset) for f in expected]


@pytest.mark.parametrize("first, later, reader", [
    ("這個我不知道，你去問別人吧。", "呢個我唔知道，你等一下啦。", "hk"),  # Taiwan-looking first piece, a Hong Kong file
    ("你等一下。", "這個我不知道，你去問別人吧。", "tw"),  # a first piece with no script-specific character
    ("呢個我唔知道。", "这个我不知道，你去问别人吧。", "cn"),  # a mixed file: the mainland's, its traditional lines Hong Kong's
])
def test_a_streamed_file_has_one_reader_as_a_whole_text_check_decides(tmp_path, linter, small_pieces, first, later, reader):
    """Every finding of a file checked in pieces is written for one reader, the whole file's
    (not each piece's own): its messages, suggestions and fixes equal a whole-text check's."""
    text = "\n".join([first] * 300 + [later] * 900) + "\n"  # the first pieces (2,048 characters) hold only `first`
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    session = CheckSession(linter, Config())
    assert session.streams(str(path))
    report = linter.check_text(text)
    assert report.variant == reader
    streamed = stream_check(session, str(path))
    assert streamed.variant == reader
    assert list(streamed.findings) == report.findings  # messages, suggestions and fixes included
    given = CheckSession(Linter(variant="hk"), Config())
    assert list(stream_check(given, str(path)).findings) == given.linter.check(text)
