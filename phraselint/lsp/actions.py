"""Code actions for the findings under the cursor, and the fix-all of a whole document.

Every edit is made by the library, as the command line makes it: a suggestion put in at its
scope with the punctuation fitted (rewrite.scoped, as `fix -i` does), the polite version of
the sentence (rewrite.polite_version, as `rewrite` does), the drop-in fixes until stable
(run.parallel.stable_fix, as `check --fix` does), never over a template placeholder or
masked markup (run.writing.safe_fixes); suppressions in the format's own directive syntax;
the rule disabled in the configuration file by config_edit.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from lsprotocol import types as lsp

from ..config import CONFIG_NAMES
from ..config_edit import NEW_CONFIG, with_rule_disabled
from ..inputs.suppressions import UNKNOWN_RULE, UNUSED_RULE, line_directive
from ..model import Finding
from ..rewrite import polite_version, scoped
from ..rewrite.units import unit
from ..run.parallel import stable_fix
from ..run.writing import safe_fixes
from .diagnostics import SOURCE, diagnostic, lsp_range
from .documents import Checked
from .positions import Positions

FIX_ALL = "source.fixAll.phraselint"
QUICK_FIX = lsp.CodeActionKind.QuickFix
KINDS = [QUICK_FIX, lsp.CodeActionKind.SourceFixAll, FIX_ALL]

# (path) -> the text of that file as the editor has it (an open buffer) or on disk, None if absent
ReadFile = Callable[[str], "str | None"]


def wanted(only: list[str] | None, kind: str) -> bool:
    """Whether a client that asked for `only` these kinds wants an action of `kind` (kinds are
    hierarchical: source.fixAll covers source.fixAll.phraselint)."""
    return not only or any(kind == asked or kind.startswith(asked + ".") for asked in only)


def code_actions(checked: Checked, start: int, end: int, only: list[str] | None, t, config_target: "ConfigTarget | None",
                 ) -> list[lsp.CodeAction]:
    """The actions for the findings overlapping [start, end] (code points), then fix-all."""
    actions: list[lsp.CodeAction] = []
    if checked.extracted is None:
        return actions
    if wanted(only, QUICK_FIX):
        for finding in checked.findings:
            if finding.offset <= end and start <= finding.end_offset and finding.rule not in (UNUSED_RULE, UNKNOWN_RULE):
                actions.extend(_for_finding(checked, finding, t, config_target))
    if (only and wanted(only, FIX_ALL)) or not only:
        fix_all = fix_all_action(checked, t)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _edit(checked: Checked, edits: list[lsp.TextEdit]) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={checked.uri: edits})


def _for_finding(checked: Checked, finding: Finding, t, config_target: "ConfigTarget | None") -> list[lsp.CodeAction]:
    linter = checked.project.linter
    assert linter is not None and checked.extracted is not None
    text, positions, extracted = checked.text, checked.positions, checked.extracted
    diagnostic_of = [diagnostic(finding, positions, checked.project, t)]
    actions = []
    replaced: set[str] = set()  # what the actions would make of the text, so no two do the same
    for index, suggestion in enumerate(finding.suggestions):
        if finding.mention:
            break  # a quoted mention is not the writer's wording: nothing to replace
        fitted = scoped(linter, text, finding, index)
        if not safe_fixes(extracted, [fitted], checked.path):
            continue  # over a placeholder or masked markup: no edit may be made there
        after = text[:fitted.offset] + (fitted.fix or "") + text[fitted.end_offset:]
        if after in replaced or after == text:
            continue
        replaced.add(after)
        actions.append(lsp.CodeAction(
            title=t.tr("Replace with “{fix}”", fix=suggestion), kind=QUICK_FIX, diagnostics=diagnostic_of,
            is_preferred=finding.fix is not None and suggestion == finding.fix,
            edit=_edit(checked, [lsp.TextEdit(lsp_range(positions, fitted.offset, fitted.end_offset), fitted.fix or "")])))
    sentence = _polite_sentence(checked, finding)
    if sentence is not None:
        low, high, polite = sentence
        if text[:low] + polite + text[high:] not in replaced:
            actions.append(lsp.CodeAction(
                title=t.tr("Polite version of this sentence: “{text}”", text=polite), kind=QUICK_FIX,
                diagnostics=diagnostic_of, edit=_edit(checked, [lsp.TextEdit(lsp_range(positions, low, high), polite)])))
    directive = line_directive(checked.input_format, checked.path, finding.rule)
    if directive is not None:
        line, _ = positions.position(finding.offset)
        at = positions.ends[line]
        actions.append(lsp.CodeAction(
            title=t.tr("Suppress {rule} on this line", rule=finding.rule), kind=QUICK_FIX, diagnostics=diagnostic_of,
            edit=_edit(checked, [lsp.TextEdit(lsp_range(positions, at, at), directive)])))
    if config_target is not None:
        edit = config_target.disabling(finding.rule)
        if edit is not None:
            actions.append(lsp.CodeAction(
                title=t.tr("Disable {rule} in {file}", rule=finding.rule, file=os.path.basename(config_target.path)),
                kind=QUICK_FIX, diagnostics=diagnostic_of, edit=edit))
    return actions


def _polite_sentence(checked: Checked, finding: Finding) -> tuple[int, int, str] | None:
    """The sentence holding the finding and its polite version, when it differs and the
    sentence is all text the checker saw as it is (no placeholder, markup or chat-log syntax)."""
    extracted = checked.extracted
    assert extracted is not None and checked.project.linter is not None
    if extracted.origin is not None or finding.mention or finding.similar is not None:
        return None
    low, high = unit(extracted.text, finding.offset, finding.end_offset, "sentence")
    sentence = checked.text[low:high]
    if extracted.text[low:high] != sentence:
        return None
    session = checked.project.session(checked.input_format)
    polite = polite_version(checked.project.linter, sentence, kind=session.kind).text
    return (low, high, polite) if polite != sentence else None


def fix_all_action(checked: Checked, t) -> lsp.CodeAction | None:
    """Every drop-in fix of the document, made until stable, as `check --fix` makes them."""
    extracted = checked.extracted
    if extracted is None or not extracted.fixable or not any(f.fix is not None for f in checked.findings):
        return None
    session = checked.project.session(checked.input_format)
    fixed, _, _ = stable_fix(session, checked.path, extracted, checked.findings)
    if not fixed.edits:
        return None
    edits = [lsp.TextEdit(lsp_range(checked.positions, e.start, e.end), e.text) for e in fixed.edits]
    return lsp.CodeAction(title=t.tr("Fix all drop-in rewrites ({n})", n=fixed.count), kind=FIX_ALL, edit=_edit(checked, edits))


class ConfigTarget:
    """The configuration file a document's rule would be disabled in: the one its project read,
    else a new `.phraselint.yaml` in the workspace folder holding the document."""

    def __init__(self, path: str, existing: bool, read: ReadFile, encoding: str, can_create: bool):
        self.path = path
        self.existing = existing
        self.read = read
        self.encoding = encoding
        self.can_create = can_create

    @classmethod
    def of(cls, checked: Checked, folders: list[str], read: ReadFile, encoding: str, can_create: bool) -> ConfigTarget | None:
        config = checked.project.config.path
        if config is not None:
            return cls(str(config), True, read, encoding, can_create)
        document = checked.path if os.path.isabs(checked.path) else None
        holding = [f for f in folders if document and (document + os.sep).startswith(f.rstrip(os.sep) + os.sep)]
        folder = max(holding, key=len) if holding else (os.path.dirname(document) if document else None)
        return cls(os.path.join(folder, CONFIG_NAMES[0]), False, read, encoding, can_create) if folder else None

    def disabling(self, rule: str) -> lsp.WorkspaceEdit | None:
        uri = Path(self.path).as_uri()
        if not self.existing:
            if not self.can_create:
                return None
            return lsp.WorkspaceEdit(document_changes=[
                lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(ignore_if_exists=True)),
                lsp.TextDocumentEdit(text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
                                     edits=[lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                                                         NEW_CONFIG.format(rule=rule))]),
            ])
        text = self.read(self.path)
        if text is None:
            return None
        edited = with_rule_disabled(text, os.path.basename(self.path), rule)
        if edited is None or edited == text:
            return None
        prefix = 0
        while prefix < min(len(text), len(edited)) and text[prefix] == edited[prefix]:
            prefix += 1
        suffix = 0
        while suffix < min(len(text), len(edited)) - prefix and text[-1 - suffix] == edited[-1 - suffix]:
            suffix += 1
        positions = Positions(text, self.encoding)
        edit = lsp.TextEdit(lsp_range(positions, prefix, len(text) - suffix), edited[prefix:len(edited) - suffix])
        return lsp.WorkspaceEdit(changes={uri: [edit]})


__all__ = ["FIX_ALL", "KINDS", "ConfigTarget", "SOURCE", "code_actions", "fix_all_action"]
