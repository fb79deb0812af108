"""A repository nobody vetted, a terminal that is not UTF-8, streams that are closed: one
input's failure is that input's error, never the run's, and nothing ends in a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from phraselint.config import Config
from phraselint.errors import InputError
from phraselint.inputs.readers.chat_json import MAX_DEPTH, extract_chat
from phraselint.run.parallel import check_one
from phraselint.run.session import CheckSession

HOLD_ON = "你等一下"  # telephone.hold-on
UNDECODABLE_NAME = os.fsdecode(b"\xff\xfe.txt")  # lone surrogates: the name is not UTF-8
DEPTH = 1100


def run(args: list[str], *, encoding: str = "utf-8", stdin=subprocess.DEVNULL) -> subprocess.CompletedProcess:
    """The CLI with the given output encoding; its output read as bytes and decoded here."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONIOENCODING": encoding}
    result = subprocess.run([sys.executable, "-m", "phraselint", *args], stdin=stdin, capture_output=True, env=env)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(encoding),
                                       result.stderr.decode(encoding, "replace"))


def deep_folder(top, depth: int) -> str:
    """`depth` folders inside one another under `top`, made through file descriptors (the path
    soon grows longer than some calls take); the path of the deepest."""
    descriptor = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir("d", dir_fd=descriptor)
            inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
    finally:
        os.close(descriptor)
    return os.path.join(top, *["d"] * depth)


def remove_deep_folder(top, depth: int) -> None:
    """Take deep_folder's tree down from the bottom: shutil.rmtree, which pytest cleans old runs
    with, recurses once per level too, and would fail on it in a later session."""
    descriptor = os.open(top, os.O_RDONLY)
    for _ in range(depth):
        inner = os.open("d", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = inner
    for name in os.listdir(descriptor):
        os.unlink(name, dir_fd=descriptor)
    for _ in range(depth):
        parent = os.open("..", os.O_RDONLY, dir_fd=descriptor)
        os.close(descriptor)
        descriptor = parent
        os.rmdir("d", dir_fd=descriptor)
    os.close(descriptor)


def test_a_chat_log_nested_100k_deep_is_an_input_error():
    with pytest.raises(InputError, match=f"chat.json:1: not valid JSON: nested more than {MAX_DEPTH} levels deep"):
        extract_chat("[" * 100_000 + "]" * 100_000, "chat.json")


def test_a_bug_met_on_one_input_is_that_input_s_error(linter, tmp_path, monkeypatch):
    session = CheckSession(linter, Config())
    read = session.read

    def read_or_break(path):
        if path.endswith("broken.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return read(path)

    monkeypatch.setattr(session, "read", read_or_break)
    monkeypatch.delenv("PHRASELINT_DEBUG", raising=False)
    (tmp_path / "broken.txt").write_text(HOLD_ON, encoding="utf-8")
    (tmp_path / "fine.txt").write_text(HOLD_ON, encoding="utf-8")
    broken = check_one(session, str(tmp_path / "broken.txt"))
    assert broken.result is None and "broken.txt: internal error while checking it (RecursionError" in str(broken.error)
    assert [f.rule for f in check_one(session, str(tmp_path / "fine.txt")).result.findings] == ["telephone.hold-on"]


def test_closed_standard_streams_are_a_message_and_exit_2():
    python = sys.executable
    for command, message in [
        ('exec "$0" -m phraselint check --lang en <&-', "standard input is closed"),  # no path: standard input
        ('exec "$0" -m phraselint paste --lang en <&-', "standard input is closed"),
        ('exec "$0" -m phraselint check --lang en - >&-', "standard output is closed"),
        ('exec "$0" -m phraselint check - >&-', "标准输出已关闭"),  # Chinese unless told otherwise
    ]:
        result = subprocess.run(["sh", "-c", command, python], capture_output=True, text=True)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, command


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    """One folder, each of whose inputs once ended or hung the whole run, and the good inputs
    around them. The walk recursed once per folder level: DEPTH is past Python's recursion
    limit (1,000), as the 1,500 levels of the report were, but quicker to make and take down."""
    folder = tmp_path_factory.mktemp("hostile") / "repo"
    folder.mkdir()
    good = ["a-first.txt", UNDECODABLE_NAME, "z-last.txt"]
    for name in good:
        (folder / name).write_text(HOLD_ON, encoding="utf-8")
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (folder / "empty-turn.json").write_text(json.dumps([{"role": "坐席", "text": ""}], ensure_ascii=False), encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\xff\xfe\x00\x00\x00garbage")
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.mkfifo(folder / "pipe.txt")
    bottom = deep_folder(folder, DEPTH)
    try:
        with open(os.path.join(bottom, "deep.txt"), "w", encoding="utf-8") as handle:
            handle.write(HOLD_ON)
        expected_errors = ["deep.json", "binary.txt", "dangling.txt"]
        yield folder, good + ["empty-turn.json", os.path.relpath(os.path.join(bottom, "deep.txt"), folder)], expected_errors
    finally:
        remove_deep_folder(folder, DEPTH)


def test_a_hostile_folder_is_checked_whole_and_each_failure_named(hostile_folder):
    folder, checked, errors = hostile_folder
    result = run(["check", "--lang", "en", "--format", "json", "--include", "*.txt", "--include", "*.json", str(folder)], encoding="ascii")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for name in errors:
        assert f"{name}:" in result.stderr
    document = json.loads(result.stdout)  # whole and valid, escapes and all
    reported = {os.path.relpath(f["path"], folder): f["findings"] for f in document["files"]}
    assert set(checked) <= set(reported)
    for name in checked:
        assert reported[name], name
    assert os.fsencode([p for p in reported if "\udcff" in p][0]) == b"\xff\xfe.txt"  # JSON's own escapes


@pytest.mark.parametrize("encoding", ["big5", "ascii", "utf-8"])
def test_what_the_terminal_cannot_show_is_escaped(tmp_path, encoding):
    # a Big5 terminal cannot show 显 (simplified), none can show a name that is not UTF-8
    (tmp_path / UNDECODABLE_NAME).write_text(HOLD_ON, encoding="utf-8")
    result = run(["check", "--lang", "en", str(tmp_path / UNDECODABLE_NAME)], encoding=encoding)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "\\udcff\\udcfe.txt:1:1: warning telephone.hold-on" in result.stdout
