"""Reporters: one module per output format, each a function of the same shape.

    report(results, rules, out, color) -> None
"""

from __future__ import annotations

from typing import Callable, NamedTuple, TextIO

from ..model import Finding, Level, Rule


class FileResult(NamedTuple):
    path: str
    script: str
    findings: list[Finding]
    text: str  # the decoded input, for showing context
    location: str = "line"  # what `line` counts: "line", or "paragraph" for .docx
    lines: dict[int, str] | None = None  # for a file checked in pieces: only the lines that have findings


def summary(results: list[FileResult]) -> dict[str, int]:
    counts = {"files": len(results), "findings": 0, "error": 0, "warning": 0, "suggestion": 0}
    for result in results:
        for finding in result.findings:
            counts["findings"] += 1
            counts[str(finding.level)] += 1
    return counts


Reporter = Callable[[list[FileResult], tuple[Rule, ...], TextIO, bool], None]


def get_reporter(name: str) -> Reporter:
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
    else:  # pragma: no cover - click validates the choice
        raise ValueError(name)
    return report


FORMATS = ("text", "json", "github", "sarif", "junit", "html")
__all__ = ["FileResult", "FORMATS", "Level", "get_reporter", "summary"]
