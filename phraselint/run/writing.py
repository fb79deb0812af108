"""Writing fixes back: the same encoding, byte-order mark, line endings and permissions, atomically.

The fixed text is the decoded text with the fixed spans replaced, so everything outside
them (CRLF line endings included) is re-encoded exactly as it was read.
"""

from __future__ import annotations

import os

from ..errors import InputError
from .changes import apply_fixes
from ..inputs.discovery import BOM_OF
from ..lazy import difflib, html, json, tempfile
from ..model import Finding
from ..inputs.readers import Extracted, format_for

def _escaped(findings: list[Finding], path: str) -> list[Finding]:
    """A replacement must be valid in the file's syntax (a quote inside a JSON string, < in HTML)."""
    fmt = format_for(path, "auto")
    if fmt == "json":
        return [f._replace(fix=json.dumps(f.fix, ensure_ascii=False)[1:-1]) if f.fix else f for f in findings]
    if fmt == "html":
        return [f._replace(fix=html.escape(f.fix, quote=False)) if f.fix else f for f in findings]
    return findings


def _untouched_by_masks(extracted: Extracted, finding: Finding) -> bool:
    """A fix may only replace text the checker saw as it is in the file: never a span that
    holds masked markup or a placeholder (where extracted and original text differ)."""
    if extracted.origin is not None:
        return True  # mapped readers (chat logs) point at the original characters themselves
    span = slice(finding.offset, finding.end_offset)
    return extracted.text[span] == extracted.original[span]


def safe_fixes(extracted: Extracted, findings: list[Finding], path: str) -> list[Finding]:
    """The fixes that may be written: none over masked markup, each escaped for the format."""
    return _escaped([f for f in findings if f.fix is not None and _untouched_by_masks(extracted, f)], path)


def fixed_text(extracted: Extracted, findings: list[Finding], path: str) -> str:
    return apply_fixes(extracted.original, safe_fixes(extracted, findings, path))


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}",
    ))


def encode(extracted: Extracted, text: str) -> bytes:
    data = text.encode(extracted.encoding)
    return (BOM_OF.get(extracted.encoding, b"") if extracted.bom else b"") + data


def write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary file beside `path`, keep its permissions, then rename over it:
    a crash leaves the old file or the new one, never half of either."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
        handle, temporary = tempfile.mkstemp(prefix=".phraselint-", dir=directory)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the fix: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise InputError(f"{path}: cannot write the fix: {exc.strerror or exc}") from None
