"""Which fixes may be written into a file, and what the file then says.

A fix is written only where the checker saw the file's own characters (never over masked
markup or a placeholder), escaped for the file's syntax, in characters the file's encoding
has (else in the other script, else not at all, and the user is told), and, in HTML, only
where the markup around the text stays byte for byte what it was. The bytes themselves are
written by replacing.py, which re-encodes nothing outside the fixed spans.
"""

from __future__ import annotations

from typing import Callable

from .changes import Edit, applied, apply_fixes
from ..lazy import difflib, html, json
from ..model import Finding
from ..inputs.readers import Extracted, format_for, html_markup
from ..i18n.message import say

Rewrite = Callable[[str, str], str]  # (text, script) -> the text in that script (ScriptWriter.write)


def _escaped(findings: list[Finding], fmt: str) -> list[Finding]:
    """A replacement must be valid in the file's syntax (a quote inside a JSON string, < in HTML)."""
    if fmt == "json":
        return [f._replace(fix=json.dumps(f.fix, ensure_ascii=False)[1:-1]) for f in findings]
    if fmt == "html":
        return [f._replace(fix=html.escape(f.fix, quote=False)) for f in findings]  # type: ignore[arg-type]
    return findings


def _untouched_by_masks(extracted: Extracted, finding: Finding) -> bool:
    """A fix may only replace text the checker saw as it is in the file: never a span that
    holds masked markup or a placeholder (where extracted and original text differ)."""
    if extracted.origin is not None:
        return True  # mapped readers (chat logs) point at the original characters themselves
    span = slice(finding.offset, finding.end_offset)
    return extracted.text[span] == extracted.original[span]


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _encodable(findings: list[Finding], encoding: str, rewrite: Rewrite | None, notes: dict[str, None]) -> list[Finding]:
    """Fixes the file's encoding can hold: a script-neutral Big5 text may get a simplified
    rewrite (请稍等), which Big5 has no bytes for; then the rewrite in traditional script (請稍等)
    is written, or, when neither script fits, the fix is left out and a note says so."""
    kept = []
    for finding in findings:
        fix = finding.fix
        if not _encodes(fix, encoding):  # type: ignore[arg-type]
            others = (rewrite(fix, script) for script in ("traditional", "simplified")) if rewrite else ()  # type: ignore[arg-type]
            fix = next((other for other in others if _encodes(other, encoding)), None)
            if fix is None:
                notes[say("{match} → {fix}: {encoding} cannot hold this rewrite; left as it is", match=finding.match,
                          fix=finding.fix, encoding=encoding)] = None
                continue
        kept.append(finding._replace(fix=fix))
    return kept


def _keeping_markup(source: str, fixes: list[Finding]) -> list[Finding]:
    """HTML: the fixes after which everything outside the text nodes is byte for byte what it
    was (text 价格 <好的吧> rewritten to <OK> would become a tag). Together if they can be;
    otherwise each on its own, and none if those still change the markup together."""
    fixes = applied(fixes)
    before = html_markup(source)
    if not fixes or html_markup(apply_fixes(source, fixes)) == before:
        return fixes
    fixes = [f for f in fixes if html_markup(apply_fixes(source, [f])) == before]
    return fixes if html_markup(apply_fixes(source, fixes)) == before else []


def safe_fixes(extracted: Extracted, findings: list[Finding], path: str, rewrite: Rewrite | None = None,
               notes: dict[str, None] | None = None) -> list[Finding]:
    """The fixes that may be written (see the module's docstring); why one may not, when the
    user would not see it otherwise, is added to `notes` (an ordered set)."""
    fmt = format_for(path, "auto")
    fixes = [f for f in findings if f.fix is not None and _untouched_by_masks(extracted, f)]
    fixes = _escaped(_encodable(fixes, extracted.encoding, rewrite, {} if notes is None else notes), fmt)
    return _keeping_markup(extracted.original, fixes) if fmt == "html" else fixes


def fixed_text(extracted: Extracted, findings: list[Finding], path: str,
               rewrite: Rewrite | None = None, notes: dict[str, None] | None = None) -> tuple[str, list[Edit]]:
    """The text with the chosen fixes of `findings` made (one pass, as fix -i chose them), and
    those fixes as edits."""
    fixes = applied(safe_fixes(extracted, findings, path, rewrite, notes))
    return apply_fixes(extracted.original, fixes), [Edit(f.offset, f.end_offset, f.fix) for f in fixes]  # type: ignore[arg-type]


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}",
    ))
