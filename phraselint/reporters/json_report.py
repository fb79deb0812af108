"""JSON output: a stable contract for other tools (version 1, documented in the README).

The document is written file by file and finding by finding, as `json.dumps` of the whole
would write it, so that a 100 MB transcript's tens of thousands of findings never sit in
memory twice more as dictionaries and as one long string.
"""

from __future__ import annotations

import json
from typing import Iterable, TextIO

from ..model import Rule
from . import FileResult, summary, tally


def document(results: list[FileResult]) -> dict:
    """The whole document as one value (for library callers; `report` writes the same text piece by piece)."""
    return {
        "version": 1,
        "files": [
            {"path": r.path, "script": r.script, "findings": [f.to_dict() for f in r.findings]}
            for r in results
        ],
        "summary": summary(results),
    }


def report(results: Iterable[FileResult], rules: tuple[Rule, ...], out: TextIO, color: bool) -> None:
    # Indented for a person at a terminal; compact for a program, where json's C encoder
    # writes tens of thousands of findings about ten times faster.
    readable = out.isatty() if hasattr(out, "isatty") else False
    indent = 2 if readable else None

    def dump(value, depth: int) -> str:
        """`value` as it appears `depth` levels deep in the document."""
        text = json.dumps(value, ensure_ascii=False, indent=indent)
        return text.replace("\n", "\n" + "  " * depth) if readable else text

    # what json.dumps puts between items, and around the items of a non-empty list, at each depth
    def gap(depth: int) -> str:
        return ",\n" + "  " * depth if readable else ", "

    def opening(depth: int) -> str:
        return "\n" + "  " * depth if readable else ""

    def closing(depth: int) -> str:
        return "\n" + "  " * (depth - 1) if readable else ""

    key_gap = gap(1)
    out.write("{" + opening(1) + '"version": 1' + key_gap + '"files": [')
    counts = summary([])
    for n, result in enumerate(results):
        out.write((gap(2) if n else opening(2)) + "{" + opening(3))
        out.write('"path": ' + dump(result.path, 3) + gap(3) + '"script": ' + dump(result.script, 3) + gap(3) + '"findings": [')
        for i, finding in enumerate(result.findings):
            out.write((gap(4) if i else opening(4)) + dump(finding.to_dict(), 4))
        out.write((closing(4) if result.findings else "") + "]" + closing(3) + "}")
        tally(counts, result)
    out.write((closing(2) if counts["files"] else "") + "]" + key_gap + '"summary": ' + dump(counts, 1) + closing(1) + "}\n")
