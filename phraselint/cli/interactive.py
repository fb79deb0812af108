"""`phraselint fix -i`: walk through the findings one by one, show the context, offer the
numbered suggestions, and apply the one chosen (as codespell's interactive mode does).

Choices are collected per file and applied as one change set, then written atomically in
the file's own encoding and line endings. A chosen suggestion goes in at its scope: a drop-in
replaces the span, a sentence the clause that holds the hit, with the punctuation fitted
(phraselint/rewrite/scoped.py); two choices within one clause keep the first.
"""

from __future__ import annotations

import os
from typing import TextIO

import click

from ..errors import InputError
from ..i18n.choice import N_, Interface
from ..run.replacing import replace_file
from ..run.writing import fixed_text
from ..report.text import format_finding
from ..run.session import CheckSession
from ..rewrite import scoped
from ..i18n.message import say, shown

HELP = N_("number = use that suggestion, s = skip, e = type your own, q = save what was chosen and quit")


def _ask(stdin: TextIO, stdout: TextIO, prompt: str) -> str | None:
    stdout.write(prompt)
    stdout.flush()
    line = stdin.readline()
    return None if line == "" else line.rstrip("\r\n")


def run_interactive(session: CheckSession, paths: list[str], stdin: TextIO, stdout: TextIO, *, color: bool,
                    ui: Interface | None = None) -> int:
    """Returns the number of files that could not be read or written (for the exit code). The
    prompts are in `ui`'s language, in the script of each file's reader."""
    ui = ui or Interface(None, session.linter.variant)
    failed = 0
    run_t = ui.of()  # for what is said before a file's reader is known

    def say_error(text) -> None:
        click.echo("phraselint: " + shown(text, run_t), err=True)

    for path in paths:
        try:
            read_status = os.stat(path)  # before it is read: replace_file tells whether it changed since
            extracted = session.read(path)
            findings, _, reader = session.findings_and_script(path, extracted)
        except OSError as exc:
            say_error(say("{path}: cannot read: {reason}", path=path, reason=exc.strerror or str(exc)))
            failed += 1
            continue
        except InputError as exc:
            say_error(exc)
            failed += 1
            continue
        t = ui.of(reader)
        if not extracted.fixable and findings:
            click.echo("phraselint: " + t.tr("{path}: fix -i does not rewrite this format; findings are reported only",
                                             path=path), err=True)
        chosen = []
        quit_now = False
        help_text = t.tr(HELP)
        for finding in findings:
            if not finding.suggestions or not extracted.fixable:
                continue
            stdout.write("\n".join(format_finding(path, extracted.original, finding, color, t=t)[:2]) + "\n")
            for number, suggestion in enumerate(finding.suggestions, 1):
                stdout.write(f"  {number}) {suggestion}\n")
            while True:
                answer = _ask(stdin, stdout, f"[{help_text}] > ")
                if answer is None or answer.lower() == "q":
                    quit_now = True
                    break
                if answer.lower() in ("s", ""):
                    break
                if answer.lower() == "e":
                    own = _ask(stdin, stdout, t.tr("Replace with: "))
                    if own:
                        chosen.append(finding._replace(fix=own))
                    break
                if answer.isdigit() and 1 <= int(answer) <= len(finding.suggestions):
                    # at its scope: a sentence rewrite replaces the clause that holds the hit,
                    # with the punctuation fitted at the joins (phraselint/rewrite/)
                    chosen.append(scoped(session.linter, extracted.original, finding, int(answer) - 1))
                    break
                stdout.write(f"  ? {help_text}\n")
            if quit_now:
                break
        if chosen:
            notes: dict[str, None] = {}
            _, edits = fixed_text(extracted, chosen, path, session.linter.writer.write, notes)
            for note in notes:
                click.echo("phraselint: " + t.tr("{path}: {note}", path=path, note=shown(note, t)), err=True)
            try:
                replace_file(path, read_status, extracted, edits, session.swept)
            except InputError as exc:
                click.echo("phraselint: " + shown(exc, t), err=True)
                failed += 1
                continue
            stdout.write(t.trn("{path}: {n} change made", "{path}: {n} changes made", len(chosen), path=path) + "\n")
        if quit_now:
            break
    return failed
