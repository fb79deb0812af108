"""The paste box: staff paste a reply before sending it and see what to change, with a polite
version of the whole reply to copy.

    $ phraselint paste          (or plain `phraselint` on a terminal)
    回复> 你等一下，我查查。
    ...
    回复:1:1: warning telephone.hold-on 一句“等一下”显得生硬……
       1 | 你等一下，我查查。
         | ^^^^^^^^
         → 请稍等
    礼貌的说法：
    请稍等，我查查。

Reading uses `stdin.readline()` only, so it behaves the same under a terminal and with pipes.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

import click

from ..engine.linter import Linter
from ..model import Finding, Level
from ..report.text import format_finding
from ..rewrite import polite_version as whole_polite_version
from .strings import NEEDS_ADAPTING, NOTHING_TO_REPLACE, POLITE_HEADING

PROMPT = "回复> "
CONTINUATION = "... "
LABEL = "回复"
QUIT_WORDS = frozenset({"q", "quit", "exit"})
CLEAN = "✓ 没有发现不礼貌的说法。"
GOODBYE = "再见！"

BANNER = (
    "phraselint 回复检查：粘贴要发送的回复，以空行或 Ctrl-D 结束，即可看到需要改进的说法和礼貌的写法。",
    "输入 q 或按 Ctrl-C 退出。",
)

_LEVEL_NAMES = {Level.ERROR: "错误", Level.WARNING: "警告", Level.SUGGESTION: "建议"}


class _Quit(Exception):
    """The person asked to leave (q, Ctrl-C, or end of input with nothing pasted)."""


def run_paste(linter: Linter, stdin: TextIO, stdout: TextIO, *, color: bool) -> int:
    """Read replies from `stdin` until q, Ctrl-C or end of input; report on each. Returns 0."""
    box = _PasteBox(linter, stdin, stdout, color)
    try:
        box.write_lines(_style_banner(color))
        while True:
            text = box.read_reply()
            box.report(text)
    except (_Quit, KeyboardInterrupt):
        pass
    try:
        box.write_lines(["", GOODBYE] if box.mid_line else [GOODBYE])
    except (KeyboardInterrupt, BrokenPipeError, ValueError):
        pass
    return 0


def _style_banner(color: bool) -> list[str]:
    if not color:
        return list(BANNER)
    return [click.style(BANNER[0], bold=True), click.style(BANNER[1], dim=True)]


class _PasteBox:
    def __init__(self, linter: Linter, stdin: TextIO, stdout: TextIO, color: bool):
        self.linter = linter
        self.stdin = stdin
        self.stdout = stdout
        self.color = color
        self.mid_line = False  # a prompt is shown and its line not yet ended (for the goodbye)

    def write_lines(self, lines: list[str]) -> None:
        self.stdout.write("".join(line + "\n" for line in lines))
        self.stdout.flush()
        self.mid_line = False

    def _prompt(self, prompt: str) -> None:
        self.stdout.write(click.style(prompt, fg="blue", bold=True) if self.color else prompt)
        self.stdout.flush()
        self.mid_line = True

    def _readline(self) -> str | None:
        """A line as read ('' at end of input), or None when it could not be decoded."""
        try:
            line = self.stdin.readline()
        except UnicodeDecodeError:
            self.write_lines(["", "无法识别这一行的文字编码（请以 UTF-8 粘贴），这一行已略过。"])
            return None
        if line.endswith("\n"):
            self.mid_line = False  # the terminal echoed the newline
        return line

    def read_reply(self) -> str:
        """One reply: lines up to an empty line or end of input, line breaks kept."""
        lines: list[str] = []
        while True:
            self._prompt(CONTINUATION if lines else PROMPT)
            raw = self._readline()
            if raw is None:
                continue
            if raw == "":  # end of input (Ctrl-D, or the end of a pipe)
                if not lines:
                    raise _Quit
                if self.mid_line:
                    self.write_lines([""])
                return "\n".join(lines)
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip():
                if lines:
                    return "\n".join(lines)
                continue  # nothing pasted yet: ask again
            if not lines and _is_quit(line):
                raise _Quit
            lines.append(line)

    def report(self, text: str) -> None:
        findings = self.linter.check_text(text).findings
        out: list[str] = [""]
        if not findings:
            out.append(click.style(CLEAN, fg="green", bold=True) if self.color else CLEAN)
            out.append("")
            self.write_lines(out)
            return
        for finding in findings:
            out.extend(format_finding(LABEL, text, finding, self.color))
            out.append("")
        out.append(_summary(findings))
        polite, suggested = polite_version(self.linter, text, findings, color=self.color)
        plain_polite = polite_version(self.linter, text, findings, color=False)[0] if self.color else polite
        if plain_polite == text:
            out.append(NOTHING_TO_REPLACE)
        else:
            if suggested:
                out.append(_dim(NEEDS_ADAPTING, self.color))
            out.append(click.style(POLITE_HEADING, bold=True) if self.color else POLITE_HEADING)
            out.extend(polite.split("\n"))  # on lines of its own, to copy as it is
        out.append("")
        self.write_lines(out)


def polite_version(linter: Linter, text: str, findings: list[Finding], *, color: bool = False) -> tuple[str, bool]:
    """The polite version of the whole reply (phraselint/rewrite/: each rewrite at its scope,
    the punctuation fitted), its rewrites green when `color`; also whether it holds a pattern
    a rewrite beyond the drop-in fixes, for the person to read and adapt."""
    polite = whole_polite_version(linter, text, findings)
    if not color:
        return polite.text, polite.suggested
    shown = "".join(click.style(p.text, fg="green", bold=True) if p.new and p.text else p.text for p in polite.pieces)
    return shown, polite.suggested


def _is_quit(line: str) -> bool:
    return unicodedata.normalize("NFKC", line).strip().lower() in QUIT_WORDS


def _summary(findings: list[Finding]) -> str:
    counts = [(level, sum(1 for f in findings if f.level == level)) for level in (Level.ERROR, Level.WARNING, Level.SUGGESTION)]
    parts = "、".join(f"{n} 个{_LEVEL_NAMES[level]}" for level, n in counts if n)
    return f"发现 {len(findings)} 处需要改进（{parts}）。"


def _dim(text: str, color: bool) -> str:
    return click.style(text, dim=True) if color else text
