"""Reporters: one module per output format, each a function of the same shape.

    report(results, rules, out, color) -> None

`results` is an iterable that the command fills as files are checked: text, json, github and
csv write each file as it arrives and keep only counts, so memory does not grow with the
number of findings, and html compresses each file's part as it arrives; sarif and junit need
the whole run and gather it first.

An input that could not be read comes in the same stream, as an Unreadable in its place:
the machine formats report it (JSON `errors`, SARIF `toolExecutionNotifications`, a JUnit
`<error>`, a GitHub error annotation), so a program reading the report alone knows the run
was not complete; text and html leave it to the message on standard error.
"""

from __future__ import annotations

from typing import Callable, Iterable, NamedTuple, TextIO

from ..model import Finding, Level, Rule


class FileResult(NamedTuple):
    path: str
    script: str
    findings: list[Finding]
    text: str  # the decoded input, for showing context
    location: str = "line"  # what `line` counts: "line", or "paragraph" for .docx
    lines: dict[int, str] | None = None  # for a file checked in pieces: only the lines that have findings
    rendered: str | None = None  # this file's part of the report, written where it was checked (see renderer)
    variant: str | None = None  # whose text it is (cn, tw, hk): the interface its part is shown in
    polite: str | None = None  # the polite version of the input in its own format (check --polite), else None


class Unreadable(NamedTuple):
    """An input that could not be read or decoded, and why."""

    path: str
    message: str  # the reason, without the path
    said: str | None = None  # the whole message, translatable (i18n/message.py), for a format people read

    @classmethod
    def of(cls, path: str, error: Exception) -> Unreadable:
        message = str(error)
        said = error.args[0] if len(error.args) == 1 and isinstance(error.args[0], str) else None
        return cls(path, message.removeprefix(f"{path}: "), said)

    def shown(self, catalogue) -> str:
        """The reason in the catalogue's language, without the path."""
        from ..i18n.message import shown

        text = shown(self.said, catalogue) if self.said is not None else self.message
        for separator in (": ", "："):
            text = text.removeprefix(self.path + separator)
        return text


def partition(items: Iterable[FileResult | Unreadable]) -> tuple[list[FileResult], list[Unreadable]]:
    """The checked files and the unreadable inputs of a run, each in order (for the formats
    that gather the whole run)."""
    results: list[FileResult] = []
    unreadable: list[Unreadable] = []
    for item in items:
        (unreadable if isinstance(item, Unreadable) else results).append(item)  # type: ignore[arg-type]
    return results, unreadable


def summary(results: Iterable[FileResult]) -> dict[str, int]:
    counts = {"files": 0, "findings": 0, "error": 0, "warning": 0, "suggestion": 0}
    for result in results:
        tally(counts, result)
    return counts


def tally(counts: dict[str, int], result: FileResult) -> None:
    """Add one file to a summary, so that a reporter writing file by file need not keep the files."""
    counts["files"] += 1
    for finding in result.findings:
        counts["findings"] += 1
        counts[str(finding.level)] += 1


# (results, rules, out, color, ui): `ui`, an i18n.choice.Interface, is the run's interface language
Reporter = Callable[..., None]


def get_reporter(name: str) -> Reporter:
    """The reporter of one format, imported when asked for: a run writes one format, and the
    others (SARIF's pathlib, JUnit's ElementTree, the HTML page) need not load. The format
    modules import FileResult from here, so they come after it."""
    if name == "text":
        from .text import report
    elif name == "json":
        from .json_report import report
    elif name == "github":
        from .github import report
    elif name == "sarif":
        from .sarif import report
    elif name == "junit":
        from .junit import report
    elif name == "html":
        from .html import report
    elif name == "csv":
        from .csv_report import report
    else:  # pragma: no cover - click validates the choice
        raise ValueError(name)
    return report


def renderer(name: str, out: TextIO, color: bool, ui=None) -> Callable[[FileResult], str] | None:
    """For a format written file by file, the function that writes one file's part, with the
    settings `report` will use on `out`. With --jobs each worker runs it on the file it checked,
    so that formatting tens of thousands of findings is shared out instead of left to the
    parent; None for formats that need the whole run first. (Each format's own renderer gives
    the part in pieces, which `report` writes as they come: a file with 75,000 findings never
    becomes one string unless a worker must send it.)"""
    if name == "text":
        from .text import renderer as make
    elif name == "json":
        from .json_report import renderer as make
    elif name == "github":
        from .github import renderer as make
    elif name == "html":
        from .html import renderer as make
    elif name == "csv":
        from .csv_report import renderer as make
    else:
        return None
    parts = make(out, color, ui)
    return lambda result: "".join(parts(result))


FORMATS = ("text", "json", "github", "sarif", "junit", "html", "csv")
SHOWS_SOURCE = ("text", "html")  # formats that quote the lines around a finding
__all__ = ["FileResult", "FORMATS", "Level", "SHOWS_SOURCE", "Unreadable", "get_reporter", "partition", "renderer",
           "summary", "tally"]
