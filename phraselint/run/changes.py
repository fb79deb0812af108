"""Apply fixes as one sorted, overlap-free change set, after detection (as prh does)."""

from __future__ import annotations

from typing import Callable, Iterable

from ..model import Finding


def applied(findings: Iterable[Finding]) -> list[Finding]:
    """The fixes of `findings` that are made, in text order: a fix overlapping an earlier one
    is skipped, not merged."""
    kept: list[Finding] = []
    position = 0
    for finding in sorted((f for f in findings if f.fix is not None), key=lambda f: (f.offset, f.end_offset)):
        if finding.offset >= position:
            kept.append(finding)
            position = finding.end_offset
    return kept


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """`text` with each of the `applied` fixes in place of its span."""
    parts: list[str] = []
    position = 0
    for finding in applied(findings):
        parts.append(text[position:finding.offset])
        parts.append(finding.fix)  # type: ignore[arg-type]
        position = finding.end_offset
    parts.append(text[position:])
    return "".join(parts)


MAX_PASSES = 10  # ruff's loop is the model: each pass can only make fixes that another blocked


def fix_until_stable(text: str, check: Callable[[str], list[Finding]],
                     writable: Callable[[str, list[Finding]], list[Finding]] | None = None,
                     findings: list[Finding] | None = None) -> tuple[str, list[Finding], int]:
    """Fix, check the result again, and fix again until nothing changes: one pass skips a fix
    that overlaps an earlier one, and a rewrite can change what its neighbours match, so a
    single pass was not idempotent (fixing twice changed more). `writable(text, findings)`
    narrows the fixes to those that may be written (a file format's rules); `findings` are
    `check(text)` when the caller has them. Returns the fixed text, the findings it still has
    (at their new positions) and how many fixes were made."""
    count = 0
    findings = check(text) if findings is None else findings
    for _ in range(MAX_PASSES):
        fixes = applied(findings if writable is None else writable(text, findings))
        fixed = apply_fixes(text, fixes)
        if fixed == text:
            break
        count += len(fixes)
        text, findings = fixed, check(fixed)
    return text, findings, count
