"""Folder walks in a repository nobody vetted: links out of the folder, FIFOs, devices,
unreadable folders; named inputs that are not regular files are refused with a reason."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from phraselint.errors import InputError
from phraselint.inputs.discovery import expand_paths, read_bytes

from .test_readers import run_process


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "repo"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("你等一下", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("这个我不知道", encoding="utf-8")
    os.symlink(outside, folder / "leak.txt")
    os.symlink("../a.txt", folder / "sub" / "inside.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.mkfifo(folder / "pipe.txt")
    return folder


def test_a_walk_follows_only_links_inside_the_folder_and_only_regular_files(hostile):
    found = [os.path.relpath(p, hostile) for p in expand_paths([str(hostile)], [], [])]
    assert found == ["a.txt", os.path.join("sub", "inside.txt")]


@pytest.mark.parametrize("name, kind", [("pipe.txt", "a named pipe"), ("zero.txt", "a device")])
def test_a_named_input_that_is_not_a_regular_file_is_refused(hostile, name, kind):
    with pytest.raises(InputError, match=kind):
        read_bytes(str(hostile / name))


def test_a_fifo_given_by_name_does_not_hang_and_the_others_are_checked(hostile):
    result = run_process("check", "--lang", "en", "--format", "json", str(hostile / "pipe.txt"), str(hostile / "a.txt"))
    assert result.returncode == 2 and "a named pipe" in result.stderr
    assert "telephone.hold-on" in result.stdout


def test_an_unreadable_subfolder_is_named(hostile, monkeypatch):
    locked = hostile / "locked"
    locked.mkdir()
    scandir = os.scandir

    def refuse(path):  # what chmod 000 does to anyone but root (the suite may run as root)
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert str(locked) in list(expand_paths([str(hostile)], [], []))


def test_a_closed_standard_input_is_an_input_error():
    result = subprocess.run([sys.executable, "-m", "phraselint", "check", "-"], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    closed = subprocess.run(["sh", "-c", 'exec "$0" -m phraselint check --lang en - <&-', sys.executable], capture_output=True, text=True)
    assert result.returncode == 0
    assert closed.returncode == 2 and "standard input is closed" in closed.stderr and "Traceback" not in closed.stderr
