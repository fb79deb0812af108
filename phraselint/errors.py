"""Errors that reach a user as a one-line message and exit code 2, never as a traceback."""

from __future__ import annotations

from typing import NamedTuple, Sequence



class PhraselintError(Exception):
    """Base class: anything the CLI turns into a clear message and exit code 2."""


class Problem(NamedTuple):
    """One defect in a rule pack or configuration file, located for the person who must fix it."""

    file: str
    line: int | None
    message: str
    rule: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.rule:
            parts.append(f"rule {self.rule}")
        if self.field:
            parts.append(f"field '{self.field}'")
        return ": ".join(parts) + f": {self.message}"


class PackError(PhraselintError):
    """A rule pack could not be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class ConfigError(PhraselintError):
    """The configuration file or a command-line option is wrong."""


class InputError(PhraselintError):
    """An input file could not be read or decoded."""

    findings: Sequence = ()  # of a file checked in pieces: what was found before the bad byte


class SkippedInput(InputError):
    """An input a whole-file read refuses outright (binary: a NUL byte): a file checked in
    pieces that meets the reason late reports nothing found before it, as the whole-file read
    reports nothing."""
