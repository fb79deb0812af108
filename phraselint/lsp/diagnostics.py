"""Findings as LSP diagnostics: the rule id as `code`, a link to its section of the rules
reference, the message as the library wrote it for the document's reader (its script and
region), a transcript turn's number and role before it, the level as a severity.

Diagnostics are built as plain JSON-ready dicts, in the field order and shape lsprotocol's
converter writes (so the published bytes are what they were), because building 1,500
lsprotocol objects and converting them back to dicts on every keystroke cost a 2,000-line
document ~17 ms of its 100 ms budget. A finding that comes back unchanged from one check to
the next (nearly all of them, when one line is edited) reuses its dict. Code actions, which
need one diagnostic as an object, structure it from the same dict."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from lsprotocol import types as lsp
from lsprotocol.converters import get_converter

from ..inputs.suppressions import UNUSED_RULE
from ..model import Finding, Level
from .positions import Positions
from .projects import Project

SOURCE = "phraselint"
CONFIG_PROBLEM = "phraselint.config"  # the code of the one diagnostic a configuration or pack error gives
INTERNAL_PROBLEM = "phraselint.internal"

SEVERITIES = {
    Level.ERROR: lsp.DiagnosticSeverity.Error.value,
    Level.WARNING: lsp.DiagnosticSeverity.Warning.value,
    Level.SUGGESTION: lsp.DiagnosticSeverity.Information.value,
}
UNNECESSARY = [lsp.DiagnosticTag.Unnecessary.value]

Payload = dict[str, Any]  # one diagnostic as JSON-ready data
Spot = tuple[tuple[int, int], tuple[int, int]]  # ((line, character), (end line, end character))


def lsp_range(positions: Positions, start: int, end: int) -> lsp.Range:
    (line, character), (end_line, end_character) = positions.position(start), positions.position(end)
    return lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character))


def _range(spot: Spot) -> Payload:
    (line, character), (end_line, end_character) = spot
    return {"start": {"line": line, "character": character}, "end": {"line": end_line, "character": end_character}}


def payload(finding: Finding, spot: Spot, project: Project, t) -> Payload:
    """One finding as a diagnostic's data; `t` is the catalogue of the document's reader (a turn's label)."""
    message = finding.message
    if finding.turn is not None:
        message = f"{t.tr('[turn {turn} {role}]', turn=finding.turn, role=finding.role)} {message}"
    data: Payload = {"range": _range(spot), "message": message, "severity": SEVERITIES[finding.level],
                     "code": finding.rule}
    href = project.documentation(finding.rule)
    if href:
        data["codeDescription"] = {"href": href}
    data["source"] = SOURCE
    if finding.rule == UNUSED_RULE:
        data["tags"] = UNNECESSARY
    return data


class Payloads:
    """The diagnostics one check made, by what a diagnostic says and where (not by code-point
    offset, which every edit above a finding moves), each with its JSON text, for the next
    check of the same document to reuse; valid only for the same project, reader and
    interface language (`owner`). `texts`: the JSON of each diagnostic, in published order."""

    __slots__ = ("owner", "items", "texts")

    def __init__(self, owner: tuple) -> None:
        self.owner = owner
        self.items: dict[tuple, tuple[Payload, str]] = {}
        self.texts: list[str] = []


def payloads(findings: list[Finding], positions: Positions, project: Project, t, owner: tuple,
             previous: Payloads | None) -> tuple[list[Payload], Payloads]:
    """Every finding's diagnostic, reusing those of `previous` (the last check's) where they still hold."""
    old = previous.items if previous is not None and previous.owner == owner else {}
    made = Payloads(owner)
    out = []
    position = positions.position
    texts = made.texts
    for finding in findings:
        spot = (position(finding.offset), position(finding.end_offset))
        key = (finding.rule, finding.level, finding.message, finding.turn, finding.role, spot)  # what payload() reads
        entry = made.items.get(key) or old.get(key)
        if entry is None:
            data = payload(finding, spot, project, t)
            entry = (data, json.dumps(data))
        made.items[key] = entry
        out.append(entry[0])
        texts.append(entry[1])
    return out, made


def publication(uri: str, texts: list[str], version: int | None) -> str:
    """The JSON body of textDocument/publishDiagnostics from each diagnostic's JSON text:
    what json.dumps writes for {"params": {"uri", "diagnostics", "version"}, "method",
    "jsonrpc"} (its separators, its escapes), without encoding the same diagnostics again on
    every change (for 1,500 of them, 15-35 ms of a change on a shared machine)."""
    version_text = "" if version is None else f', "version": {json.dumps(version)}'
    return (f'{{"params": {{"uri": {json.dumps(uri)}, "diagnostics": [{", ".join(texts)}]{version_text}}}, '
            f'"method": {json.dumps(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)}, "jsonrpc": "2.0"}}')


@cache
def _converter():
    """lsprotocol's converter, built on the first code action rather than at start-up."""
    return get_converter()


def diagnostic(finding: Finding, positions: Positions, project: Project, t) -> lsp.Diagnostic:
    """One finding as an lsprotocol object (a code action names the diagnostic it fixes)."""
    spot = (positions.position(finding.offset), positions.position(finding.end_offset))
    return _converter().structure(payload(finding, spot, project, t), lsp.Diagnostic)


def problem(message: str, code: str) -> Payload:
    """A document that could not be checked at all says why, at its start."""
    return {"range": _range(((0, 0), (0, 0))), "message": message, "severity": lsp.DiagnosticSeverity.Error.value,
            "code": code, "source": SOURCE}
