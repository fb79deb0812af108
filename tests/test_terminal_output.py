"""What reaches a terminal: colour decided in one place by the usual conventions."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from phraselint.cli.colour import use_color

PACKAGE = Path(__file__).resolve().parent.parent / "phraselint"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("environ, terminal, expected", [
    ({}, True, True),
    ({}, False, False),
    ({"TERM": "xterm"}, True, True),
    ({"TERM": "dumb"}, True, False),
    ({"NO_COLOR": "1"}, True, False),
    ({"NO_COLOR": ""}, True, True),  # no-color.org: set to the empty string means not set
    ({"FORCE_COLOR": "1"}, False, True),
    ({"CLICOLOR_FORCE": "1"}, False, True),
    ({"FORCE_COLOR": "0"}, False, False),
    ({"FORCE_COLOR": "1", "TERM": "dumb"}, False, True),  # asked for explicitly
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),  # opting out wins
])
def test_colour_follows_the_conventions(environ, terminal, expected):
    assert use_color(_Terminal() if terminal else io.StringIO(), environ) is expected


def test_colour_is_decided_in_one_place():
    deciding = sorted(path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")
                      if "NO_COLOR" in path.read_text(encoding="utf-8"))
    assert deciding == ["cli/colour.py"]


def _check(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    return subprocess.run([sys.executable, "-m", "phraselint", "check", *args], input="你等一下", capture_output=True,
                          text=True, encoding="utf-8", env={**environ, **env})


def test_force_color_colours_a_pipe_and_no_color_wins():
    assert "\x1b[" in _check("-", FORCE_COLOR="1").stdout
    assert "\x1b[" not in _check("-", FORCE_COLOR="1", NO_COLOR="1").stdout
    assert "\x1b[" not in _check("-").stdout


def test_a_dumb_terminal_gets_no_colour(tmp_path):
    (tmp_path / "a.txt").write_text("你等一下", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE")}
    seen = {}
    for term in ("xterm", "dumb"):
        child = pexpect.spawn(sys.executable, ["-m", "phraselint", "check", str(tmp_path / "a.txt")],
                              env={**env, "TERM": term}, encoding="utf-8", timeout=60)
        child.expect(pexpect.EOF)
        child.close()
        seen[term] = child.before
        assert "telephone.hold-on" in child.before
    assert "\x1b[" in seen["xterm"] and "\x1b[" not in seen["dumb"]
