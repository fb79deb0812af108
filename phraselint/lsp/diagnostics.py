"""Findings as LSP diagnostics: the rule id as `code`, a link to its section of the rules
reference, the message as the library wrote it for the document's reader (its script and
region), a transcript turn's number and role before it, the level as a severity."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..inputs.suppressions import UNUSED_RULE
from ..model import Finding, Level
from .positions import Positions
from .projects import Project

SOURCE = "phraselint"
CONFIG_PROBLEM = "phraselint.config"  # the code of the one diagnostic a configuration or pack error gives
INTERNAL_PROBLEM = "phraselint.internal"

SEVERITIES = {
    Level.ERROR: lsp.DiagnosticSeverity.Error,
    Level.WARNING: lsp.DiagnosticSeverity.Warning,
    Level.SUGGESTION: lsp.DiagnosticSeverity.Information,
}


def lsp_range(positions: Positions, start: int, end: int) -> lsp.Range:
    (line, character), (end_line, end_character) = positions.position(start), positions.position(end)
    return lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character))


def diagnostic(finding: Finding, positions: Positions, project: Project, t) -> lsp.Diagnostic:
    """One finding; `t` is the catalogue of the document's reader (a turn's label)."""
    message = finding.message
    if finding.turn is not None:
        message = f"{t.tr('[turn {turn} {role}]', turn=finding.turn, role=finding.role)} {message}"
    href = project.documentation(finding.rule)
    return lsp.Diagnostic(
        range=lsp_range(positions, finding.offset, finding.end_offset),
        message=message,
        severity=SEVERITIES[finding.level],
        code=finding.rule,
        code_description=lsp.CodeDescription(href=href) if href else None,
        source=SOURCE,
        tags=[lsp.DiagnosticTag.Unnecessary] if finding.rule == UNUSED_RULE else None,
    )


def problem(message: str, code: str) -> lsp.Diagnostic:
    """A document that could not be checked at all says why, at its start."""
    return lsp.Diagnostic(range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), message=message,
                          severity=lsp.DiagnosticSeverity.Error, code=code, source=SOURCE)
