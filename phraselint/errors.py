"""Errors that reach a user as a one-line message and exit code 2, never as a traceback.

Their text is an i18n Message (i18n/message.py): `str(error)` is English, for logs and
library callers, and the command line shows it in the run's interface language where it is
printed (`shown`); `error.text("zh")` gives a library caller the same in Chinese.
"""

from __future__ import annotations

from typing import NamedTuple, Sequence

from .i18n.choice import Interface
from .i18n.message import Message, lines, say, shown


class PhraselintError(Exception):
    """Base class: anything the CLI turns into a clear message and exit code 2."""

    # the run's interface, once the command knows it (a configuration's `lang: en`): the
    # command line shows the error in it; None: what the arguments ask for (--lang, --variant)
    interface: Interface | None = None

    def text(self, lang: str | None = None, variant: str | None = None) -> str:
        """The message in an interface language: Chinese by default, in the script of the
        reader `variant` (cn, tw, hk; mainland when None), or English with lang="en"."""
        return shown(self, Interface(lang, variant).of())


class Problem(NamedTuple):
    """One defect in a rule pack or configuration file, located for the person who must fix it.
    `message` is a Message (translatable) or plain text."""

    file: str
    line: int | None
    message: str
    rule: str | None = None
    field: str | None = None

    def said(self) -> Message:
        """The problem with where it is: "file:line: rule R: field 'F': message", each part
        translatable (the rule id and field name stay as written: they are what the author types)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.rule and self.field:
            return say("{where}: rule {rule}: field '{field}': {message}", where=where, rule=self.rule, field=self.field,
                       message=self.message)
        if self.rule:
            return say("{where}: rule {rule}: {message}", where=where, rule=self.rule, message=self.message)
        if self.field:
            return say("{where}: field '{field}': {message}", where=where, field=self.field, message=self.message)
        return say("{where}: {message}", where=where, message=self.message)

    def __str__(self) -> str:
        return str(self.said())


class PackError(PhraselintError):
    """A rule pack could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(lines([p.said() for p in problems]))

    def __reduce__(self):
        return PackError, (self.problems,)


class ConfigError(PhraselintError):
    """The configuration file or a command-line option is wrong."""


class InputError(PhraselintError):
    """An input file could not be read or decoded."""

    findings: Sequence = ()  # of a file checked in pieces: what was found before the bad byte


class SkippedInput(InputError):
    """An input a whole-file read refuses outright (binary: a NUL byte): a file checked in
    pieces that meets the reason late reports nothing found before it, as the whole-file read
    reports nothing."""
