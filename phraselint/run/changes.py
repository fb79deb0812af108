"""Apply fixes as one sorted, overlap-free change set, after detection (as prh does), and fix
until stable without ever changing text that no finding of the first check covered."""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Iterable, NamedTuple

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


class Edit(NamedTuple):
    """One change to the original text: original[start:end] becomes `text`."""

    start: int
    end: int
    text: str


class ChangeSet:
    """The stretches of the current text that fixes wrote, each with the stretch of the
    original it replaced, so that any span of the current text maps back to the original (a
    span over written text maps to the whole stretch that text replaced)."""

    def __init__(self, spans: list[tuple[int, int, int, int]] | None = None):
        self.spans = spans or []  # (current start, current end, original start, original end), in order
        self._starts = [span[0] for span in self.spans]

    def _point(self, position: int, is_end: bool) -> int:
        index = bisect_right(self._starts, position - 1 if is_end else position) - 1
        if index < 0:
            return position
        start, end, original_start, original_end = self.spans[index]
        if position < end or (is_end and position == end):
            return original_end if is_end else original_start
        return original_end + position - end

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that current [start, end) stands on."""
        return self._point(start, False), self._point(end, start < end)

    def after(self, fixes: list[Finding]) -> ChangeSet:
        """The change set once `fixes` (sorted, not overlapping, in current positions) are made.
        Fixes and earlier edits that overlap become one edit: the stretch they cover together."""
        spans, index, delta, out = self.spans, 0, 0, []
        cluster: list[int] | None = None  # [low, high, growth]: current stretch being rewritten
        for fix in fixes:
            start, end = fix.offset, fix.end_offset
            if cluster is None or not _overlap(start, end, cluster[0], cluster[1]):
                if cluster is not None:
                    out.append(self._rewritten(*cluster, delta))
                    delta += cluster[2]
                while index < len(spans) and spans[index][1] <= start and not _overlap(*spans[index][:2], start, end):
                    s, e, original_start, original_end = spans[index]
                    out.append((s + delta, e + delta, original_start, original_end))
                    index += 1
                cluster = [start, end, 0]
            cluster[1] = max(cluster[1], end)
            cluster[2] += len(fix.fix) - (end - start)  # type: ignore[arg-type]
            while index < len(spans) and _overlap(*spans[index][:2], cluster[0], cluster[1]):
                cluster[0], cluster[1] = min(cluster[0], spans[index][0]), max(cluster[1], spans[index][1])
                index += 1
        if cluster is not None:
            out.append(self._rewritten(*cluster, delta))
            delta += cluster[2]
        out.extend((s + delta, e + delta, original_start, original_end) for s, e, original_start, original_end in spans[index:])
        return ChangeSet(out)

    def _rewritten(self, low: int, high: int, growth: int, delta: int) -> tuple[int, int, int, int]:
        return (low + delta, high + delta + growth, *self.original(low, high))

    def edits(self, text: str) -> list[Edit]:
        """The change set as edits of the original, `text` being the current text."""
        return [Edit(original_start, original_end, text[start:end]) for start, end, original_start, original_end in self.spans]


def _overlap(start: int, end: int, low: int, high: int) -> bool:
    """Whether [start, end) and [low, high) share a character (an empty one: lies strictly inside)."""
    if start == end:
        return low < start < high
    if low == high:
        return start < low < end
    return start < high and low < end


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside(regions: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    index = bisect_right(regions, (span[0], float("inf"))) - 1
    return index >= 0 and regions[index][0] <= span[0] and span[1] <= regions[index][1]


class Fixed(NamedTuple):
    text: str  # the fixed text
    findings: list[Finding]  # what it still has, at their new positions
    count: int  # fixes made
    edits: list[Edit]  # the change set: what replaced which stretch of the original


MAX_PASSES = 10  # ruff's loop is the model: each pass can only make fixes that another blocked
MAX_ROLLBACKS = 4  # retries after undoing fixes whose result asked for changes outside the spans


Chooser = Callable[[str, list[Finding]], list[Finding]]


def _passes(text: str, check: Callable[[str], list[Finding]], choose: Chooser, findings: list[Finding],
            allowed: list[tuple[int, int]], offered: list[tuple[int, int]]) -> tuple[Fixed, list[tuple[int, int]]]:
    """Fix within `allowed` until nothing changes; also the original spans of the fixes still
    wanted at the end that lie outside `offered` (a rewrite made them)."""
    changes, current, found, count = ChangeSet(), text, findings, 0
    for _ in range(MAX_PASSES):
        fixes = applied(f for f in choose(current, found)
                        if f.fix is not None and _inside(allowed, changes.original(f.offset, f.end_offset)))
        fixed = apply_fixes(current, fixes)
        if fixed == current:
            break
        changes, current, count = changes.after(fixes), fixed, count + len(fixes)
        found = check(current)
    outside = [span for f in choose(current, found) if f.fix is not None
               and not _inside(offered, span := changes.original(f.offset, f.end_offset))]
    return Fixed(current, found, count, changes.edits(current)), outside


def fix_until_stable(text: str, check: Callable[[str], list[Finding]], writable: Chooser | None = None,
                     findings: list[Finding] | None = None) -> Fixed:
    """Fix, check the result again, and fix again until nothing changes: one pass skips a fix
    that overlaps an earlier one, and a rewrite can change what its neighbours match, so a
    single pass was not idempotent (fixing twice changed more). `writable(text, findings)`
    narrows the fixes to those that may be written (a file format's rules); `findings` are
    `check(text)` when the caller has them.

    Later passes only change text inside the spans of the fixes the first check offered: a
    rewrite can make a new finding over its untouched neighbours (你→您 changes how 你你等阵
    splits into words, and 您等阵 is then a hold-on), and fixing that would change text nobody
    was told about. Where that happens the rewrites that made the new finding are undone (see
    _to_undo) and the fixing starts again without them, so that the result is also stable:
    fixing it again meets the same finding and undoes the same rewrites."""
    choose: Chooser = writable or (lambda _, found: found)
    findings = check(text) if findings is None else findings
    first = [f for f in choose(text, findings) if f.fix is not None]
    offered = _merged((f.offset, f.end_offset) for f in first)
    refused: set[tuple[int, int]] = set()
    for _ in range(MAX_ROLLBACKS + 1):
        allowed = _merged((f.offset, f.end_offset) for f in first if (f.offset, f.end_offset) not in refused)
        result, outside = _passes(text, check, choose, findings, allowed, offered)
        more = _to_undo(text, [f for f in first if (f.offset, f.end_offset) not in refused], outside)
        if not more:
            break
        refused |= more
    return result


def _to_undo(text: str, kept: list[Finding], outside: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans of the fixes in `kept` to undo for findings that a rewrite made over `outside`
    spans: those that touch such a span; failing that those on its line (a rewrite can change
    what counts as quoted further along a line); failing that all of them."""
    undo: set[tuple[int, int]] = set()
    for start, end in outside:
        near = [f for f in kept if f.offset <= end and start <= f.end_offset]
        if not near:
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            near = [f for f in kept if f.offset <= line_end and line_start <= f.end_offset] or kept
        undo.update((f.offset, f.end_offset) for f in near)
    return undo
