"""Apply fixes as one sorted, overlap-free change set, after detection (as prh does)."""

from __future__ import annotations

from typing import Iterable

from ..model import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """Replace each fixable finding's span; a fix overlapping an earlier one is skipped, not merged."""
    changes = sorted((f for f in findings if f.fix is not None), key=lambda f: (f.offset, f.end_offset))
    parts: list[str] = []
    position = 0
    for finding in changes:
        if finding.offset < position:
            continue
        parts.append(text[position:finding.offset])
        parts.append(finding.fix)  # type: ignore[arg-type]
        position = finding.end_offset
    parts.append(text[position:])
    return "".join(parts)
