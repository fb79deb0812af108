"""One chosen suggestion put into the text at its scope, as `fix -i` writes it: the
replacement of the clause (or the span) with the punctuation at its joins fitted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Finding
from .choice import cleaned, scope_of
from .units import Piece, joined, unit

if TYPE_CHECKING:
    from ..engine.linter import Linter


def scoped(linter: Linter, text: str, finding: Finding, index: int) -> Finding:
    """`finding` with its span widened to what its `index`-th suggestion replaces and its fix
    that suggestion, fitted (你 → 您 inside it); the span and fix cover exactly what changes."""
    rule = linter.rule(finding.rule)
    suggestion = finding.suggestions[index]
    scope = "span"
    if rule is not None and index < len(rule.rewrites) and not rule.rewrites[index].fix:
        scope = scope_of(rule.rewrites[index])
    start, end = unit(text, finding.offset, finding.end_offset, scope)
    replacement = cleaned(suggestion).replace("你", "您")
    after = "".join(p.text for p in joined([Piece(text[:start], False), Piece(replacement, True), Piece(text[end:], False)]))
    prefix = 0
    limit = min(len(text), len(after))
    while prefix < min(start, limit) and text[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and len(text) - suffix > end and text[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return finding._replace(offset=prefix, end_offset=len(text) - suffix, fix=after[prefix:len(after) - suffix])
