"""JSON output: a stable contract for other tools (version 1, documented in the README)."""

from __future__ import annotations

import json
from typing import TextIO

from ..model import Rule
from . import FileResult, summary


def document(results: list[FileResult]) -> dict:
    return {
        "version": 1,
        "files": [
            {"path": r.path, "script": r.script, "findings": [f.to_dict() for f in r.findings]}
            for r in results
        ],
        "summary": summary(results),
    }


def report(results: list[FileResult], rules: tuple[Rule, ...], out: TextIO, color: bool) -> None:
    # Indented for a person at a terminal; compact for a program, where json's C encoder
    # writes tens of thousands of findings about ten times faster.
    readable = out.isatty() if hasattr(out, "isatty") else False
    out.write(json.dumps(document(results), ensure_ascii=False, indent=2 if readable else None))
    out.write("\n")
