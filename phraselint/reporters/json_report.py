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
    json.dump(document(results), out, ensure_ascii=False, indent=2)
    out.write("\n")
