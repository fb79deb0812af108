"""The service's answers, made with the library API: findings in the JSON contract's shape
(Finding.to_dict, the same serialisation as `check --format json`), the polite version as
phraselint/rewrite/ composes it for `Linter.rewrite`, the rules as `rules --format json`
lists them. Everything here runs in the service's checking thread (app.py)."""

from __future__ import annotations

from typing import Any

from ..engine.linter import Linter
from ..model import Level
from ..report.json_report import rule_to_dict
from ..rewrite import polite_version
from .requests import TextRequest


def check_answer(linter: Linter, request: TextRequest) -> dict[str, Any]:
    """POST /v1/check: the findings, with what the text was read as; with `polite`, also the
    polite version (one round trip for the paste page)."""
    report = linter.check_text(request.text, level=request.level, kind=request.kind, dialogue=request.dialogue,
                               report_mentions=request.report_mentions)
    answer: dict[str, Any] = {
        "findings": [finding.to_dict() for finding in report.findings],
        "script": report.script,
        "variant": report.variant,
        "kind": report.kind,
        "turns": report.turns,
    }
    if request.polite:
        # the polite version answers what is to be sent: every finding, whatever level was asked to be shown
        findings = report.findings if request.level == Level.SUGGESTION else None
        answer["polite"] = _polite(linter, request, findings)
    return answer


def rewrite_answer(linter: Linter, request: TextRequest) -> dict[str, Any]:
    """POST /v1/rewrite: the polite version of the whole text."""
    return _polite(linter, request, None)


def _polite(linter: Linter, request: TextRequest, findings) -> dict[str, Any]:
    polite = polite_version(linter, request.text, findings, kind=request.kind, dialogue=request.dialogue)
    return {
        "text": polite.text,
        "changed": polite.changed,  # rewrites made; 0: nothing could be replaced directly
        "suggested": polite.suggested,  # holds wording beyond drop-in fixes: read and adapt before sending
        "placeholder": polite.placeholder,  # holds a pattern (……) to complete
        "variant": polite.variant,
        "pieces": [{"text": piece.text, "new": piece.new} for piece in polite.pieces if piece.text],
    }


def rules_answer(linter: Linter) -> dict[str, Any]:
    """GET /v1/rules: every rule of the loaded packs."""
    return {"rules": [rule_to_dict(rule) for rule in linter.rules]}
