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
Its words come from the message catalogues (i18n/): each reply's report in the catalogue of
that reply's reader, the prompts and the goodbye in the last reply's (before any, the reader
given with --variant, else mainland), or English throughout with --lang en.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

import click

from ..engine.linter import Linter
from ..i18n.catalogue import Catalogue
from ..i18n.choice import N_, Interface
from ..model import Finding, Level
from ..report.text import counted, format_finding
from ..rewrite import polite_version as whole_polite_version
from .strings import NEEDS_ADAPTING, NOTHING_TO_REPLACE, POLITE_HEADING

PROMPT = N_("reply> ")
CONTINUATION = "... "
LABEL = N_("reply")  # where a finding is, in place of a file's name
QUIT_WORDS = frozenset({"q", "quit", "exit"})
CLEAN = N_("✓ No discourteous wording found.")
GOODBYE = N_("Goodbye!")
UNDECODABLE = N_("This line's text encoding was not recognised (paste in UTF-8); the line was skipped.")

BANNER = (
    N_("phraselint reply check: paste the reply you are about to send and end it with an empty line or Ctrl-D "
       "to see the wording to improve and a polite version."),
    N_("Type q or press Ctrl-C to quit."),
)


class _Quit(Exception):
    """The person asked to leave (q, Ctrl-C, or end of input with nothing pasted)."""


def run_paste(linter: Linter, stdin: TextIO, stdout: TextIO, *, color: bool, ui: Interface | None = None) -> int:
    """Read replies from `stdin` until q, Ctrl-C or end of input; report on each. Returns 0."""
    box = _PasteBox(linter, stdin, stdout, color, ui or Interface(None, linter.variant))
    try:
        box.write_lines(_style_banner(color, box.t))
        while True:
            text = box.read_reply()
            box.report(text)
    except (_Quit, KeyboardInterrupt):
        pass
    try:
        goodbye = box.t.tr(GOODBYE)
        box.write_lines(["", goodbye] if box.mid_line else [goodbye])
    except (KeyboardInterrupt, BrokenPipeError, ValueError):
        pass
    return 0


def _style_banner(color: bool, t: Catalogue) -> list[str]:
    first, second = (t.tr(line) for line in BANNER)
    if not color:
        return [first, second]
    return [click.style(first, bold=True), click.style(second, dim=True)]


class _PasteBox:
    def __init__(self, linter: Linter, stdin: TextIO, stdout: TextIO, color: bool, ui: Interface):
        self.linter = linter
        self.ui = ui
        self.t = ui.of()  # the last reply's reader's catalogue (before any: the reader given, else mainland)
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
            self.write_lines(["", self.t.tr(UNDECODABLE)])
            return None
        if line.endswith("\n"):
            self.mid_line = False  # the terminal echoed the newline
        return line

    def read_reply(self) -> str:
        """One reply: lines up to an empty line or end of input, line breaks kept."""
        lines: list[str] = []
        while True:
            self._prompt(CONTINUATION if lines else self.t.tr(PROMPT))
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
        checked = self.linter.check_text(text)
        findings = checked.findings
        t = self.t = self.ui.of(checked.variant)
        out: list[str] = [""]
        if not findings:
            clean = t.tr(CLEAN)
            out.append(click.style(clean, fg="green", bold=True) if self.color else clean)
            out.append("")
            self.write_lines(out)
            return
        for finding in findings:
            out.extend(format_finding(t.tr(LABEL), text, finding, self.color, t=t))
            out.append("")
        out.append(_summary(findings, t))
        polite, suggested = polite_version(self.linter, text, findings, color=self.color)
        plain_polite = polite_version(self.linter, text, findings, color=False)[0] if self.color else polite
        if plain_polite == text:
            out.append(t.tr(NOTHING_TO_REPLACE))
        else:
            if suggested:
                out.append(_dim(t.tr(NEEDS_ADAPTING), self.color))
            heading = t.tr(POLITE_HEADING)
            out.append(click.style(heading, bold=True) if self.color else heading)
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


def _summary(findings: list[Finding], t: Catalogue) -> str:
    counts = [(level, sum(1 for f in findings if f.level == level)) for level in (Level.ERROR, Level.WARNING, Level.SUGGESTION)]
    parts = t.tr(", ").join(counted(t, n, str(level)) for level, n in counts if n)
    return t.trn("{n} thing to improve ({parts}).", "{n} things to improve ({parts}).", len(findings), parts=parts)


def _dim(text: str, color: bool) -> str:
    return click.style(text, dim=True) if color else text
