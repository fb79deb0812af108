"""Hover: the rule's explanation, as `phraselint explain` writes it (report/explain.py), for
the document's reader: headings from their catalogue, the rule's texts in their script."""

from __future__ import annotations

from lsprotocol import types as lsp

from ..i18n.choice import Interface
from ..report.explain import explain_rule
from ..text.script import form_of
from .diagnostics import lsp_range
from .documents import Checked


def hover(checked: Checked, offset: int, lang: str | None) -> lsp.Hover | None:
    linter = checked.project.linter
    if linter is None:
        return None
    for finding in checked.findings:
        if finding.offset <= offset < finding.end_offset or finding.offset == offset == finding.end_offset:
            rule = linter.rule(finding.rule)
            if rule is None:
                continue
            reader = checked.variant
            ui = Interface(lang or checked.project.config.lang, linter.variant)
            text = explain_rule(rule, ui.of(reader), lambda written: linter.writer.write_form(written, form_of(reader)))
            return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.PlainText, value=text),
                             range=lsp_range(checked.positions, finding.offset, finding.end_offset))
    return None
