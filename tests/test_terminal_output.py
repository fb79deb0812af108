"""What reaches a terminal: colour decided in one place by the usual conventions, and control
characters from checked files shown, never obeyed."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from phraselint.cli.colour import use_color
from phraselint.report.controls import visible
from phraselint.report.text import display_width

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


HOSTILE = "\x1b]0;owned\x07\x1b[2J你\u202e等一下\x9b31m\r好"


def test_visible_escapes_what_a_terminal_would_act_on():
    shown = visible(HOSTILE + "\t\n")
    assert shown == "\\x1b]0;owned\\x07\\x1b[2J你\\u202e等一下\\x9b31m\\x0d好\t\n"
    for char in "\x00\x1b\x07\x7f\x85\x9b\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert visible(char).isascii() and visible(char).startswith("\\")
    assert visible("您好，请稍等") == "您好，请稍等"


def _controls(text: str) -> set[str]:
    return {c for c in text if (ord(c) < 0x20 and c not in "\n") or 0x7f <= ord(c) <= 0x9f
            or c in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"}


def test_text_and_github_output_never_carry_raw_control_characters(tmp_path):
    name = tmp_path / "bad\x1b[31mname.txt"
    name.write_text(f"{HOSTILE}\n客服\x1b[8m：你等一下\n", encoding="utf-8")
    for output_format in ("text", "github"):
        result = _check("--format", output_format, str(name), NO_COLOR="1")
        assert result.returncode == 1, result.stderr
        assert "telephone.hold-on" in result.stdout
        assert _controls(result.stdout) == set(), output_format
        assert "\\x1b" in result.stdout


def test_the_caret_stays_under_the_match_when_the_line_holds_escapes(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("\x1b[2J\u202e好的，你等一下吧\n", encoding="utf-8")
    result = _check(str(path), NO_COLOR="1")
    lines = result.stdout.splitlines()
    [at] = [i for i, line in enumerate(lines) if "telephone.hold-on" in line]
    quoted, carets = lines[at + 1], lines[at + 2]
    assert quoted.endswith("| \\x1b[2J\\u202e好的，你等一下吧")
    start = carets.index("^")
    assert start == display_width(quoted[: quoted.index("你等一下")])
    assert carets[start:] == "^" * display_width("你等一下")
