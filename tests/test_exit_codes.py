"""The exit codes CI relies on, for `check`, `check --diff`, `check --fix` and `fix` alike,
and that they are written once: the help of both commands and the README say the same."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from phraselint.cli.app import cli
from phraselint.cli.guard import EXIT_CODES
from phraselint.i18n.choice import Interface

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "phraselint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def folder(tmp_path):
    notices = tmp_path / "notices"
    notices.mkdir()
    (notices / "fixable.txt").write_text("好的，你等一下。\n", encoding="utf-8")  # hold-on has a drop-in fix
    (notices / "clean.txt").write_text("您好，请问有什么可以帮您？\n", encoding="utf-8")
    return notices


def test_diff_exits_1_when_it_would_change_a_file_and_writes_nothing(folder):
    before = (folder / "fixable.txt").read_bytes()
    result = run("check", "--diff", str(folder))
    assert result.returncode == 1, result.stderr
    assert "+好的，请稍等。" in result.stdout
    assert (folder / "fixable.txt").read_bytes() == before


def test_diff_exits_0_when_nothing_would_change_even_with_findings_left(folder):
    (folder / "fixable.txt").unlink()
    (folder / "unfixable.txt").write_text("这个我不知道\n", encoding="utf-8")  # an error, but no drop-in fix
    result = run("check", "--diff", str(folder))
    assert (result.returncode, result.stdout) == (0, ""), result.stderr


@pytest.mark.parametrize("text, code", [("好的，你等一下。\n", 0), ("你等一下，这个我不知道。\n", 1)],
                         ids=["all-fixed", "error-left"])
def test_fix_and_check_fix_are_one_behaviour(tmp_path, text, code):
    outputs = []
    for command in (["fix"], ["check", "--fix"]):
        copy = tmp_path / "-".join(command)
        copy.mkdir()
        (copy / "reply.txt").write_text(text, encoding="utf-8")
        result = run(*command, "reply.txt", cwd=copy)
        assert result.returncode == code, (command, result.stdout, result.stderr)
        outputs.append((result.stdout, result.stderr, (copy / "reply.txt").read_text(encoding="utf-8")))
    assert outputs[0] == outputs[1]
    assert "请稍等" in outputs[0][2] and "你等一下" not in outputs[0][2]


def test_fix_honours_the_fail_level(tmp_path):
    (tmp_path / "reply.txt").write_text("你等一下，这个我不知道。\n", encoding="utf-8")
    assert run("fix", "--fail-level", "error", "--disable", "inquiry", "reply.txt", cwd=tmp_path).returncode == 0


def test_fix_of_standard_input_prints_the_fixed_text():
    result = subprocess.run([sys.executable, "-m", "phraselint", "fix", "-"], input="好的，你等一下。",
                            capture_output=True, text=True, encoding="utf-8")
    assert (result.returncode, result.stdout) == (0, "好的，请稍等。")


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "").replace("`", ""))


@pytest.mark.parametrize("command", ["check", "fix"])
def test_the_exit_codes_are_written_once_in_the_help_and_the_readme(command):
    shown = CliRunner().invoke(cli, [command, "--help"], terminal_width=1000, obj=Interface("en")).output
    assert EXIT_CODES in _normalised(shown)
    assert EXIT_CODES in _normalised((ROOT / "README.md").read_text(encoding="utf-8"))
    chinese = CliRunner().invoke(cli, [command, "--help"], terminal_width=1000).output  # the default: Chinese
    assert Interface().of().tr(EXIT_CODES).replace(" ", "") in re.sub(r"\s+", "", chinese)
