"""Apply fixes as one sorted, overlap-free change set, after detection (as prh does)."""

from __future__ import annotations

from typing import Callable, Iterable

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


MAX_PASSES = 10  # ruff's loop is the model: each pass can only make fixes that another blocked


def fix_until_stable(text: str, check: Callable[[str], list[Finding]],
                     fix: Callable[[str, list[Finding]], str] = apply_fixes) -> tuple[str, list[Finding], int]:
    """Fix, check the result again, and fix again until nothing changes: one pass skips a fix
    that overlaps an earlier one, and a rewrite can change what its neighbours match, so a
    single pass was not idempotent (fixing twice changed more). Returns the fixed text, the
    findings it still has (at their new positions) and how many fixes were applied."""
    count = 0
    findings = check(text)
    for _ in range(MAX_PASSES):
        fixable = [f for f in findings if f.fix is not None]
        fixed = fix(text, fixable) if fixable else text
        if fixed == text:
            break
        count += sum(1 for _ in applied(fixable))
        text, findings = fixed, check(fixed)
    return text, findings, count


def applied(changes: list[Finding]) -> Iterable[Finding]:
    """The fixes apply_fixes makes of `changes` (the overlap-free ones, in order)."""
    position = 0
    for finding in sorted(changes, key=lambda f: (f.offset, f.end_offset)):
        if finding.offset >= position:
            position = finding.end_offset
            yield finding
