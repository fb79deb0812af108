"""The README's promises as checks, shared by the property tests and the long fuzzing run
(bench/fuzz.py): each raises AssertionError saying which promise broke and where."""

from __future__ import annotations

import bisect
import json
from typing import Callable, Iterable

from phraselint import Linter
from phraselint.model import Finding
from phraselint.run.changes import MAX_PASSES, applied, apply_fixes


def _line_column(breaks: list[int], offset: int) -> tuple[int, int]:
    """Line and column of `offset`, given where the text's line breaks are."""
    line = bisect.bisect_left(breaks, offset)  # line breaks before the offset
    return line + 1, offset - (breaks[line - 1] + 1 if line else 0) + 1


def assert_spans(text: str, findings: Iterable[Finding], where: str = "text") -> None:
    """text[offset:end_offset] == match, a span that is not empty, and lines and columns that
    count \\n as the only line break, for every finding (required wording and placeholders too)."""
    findings = list(findings)
    breaks = [i for i, c in enumerate(text) if c == "\n"] if findings else []
    for f in findings:
        # (what varies from case to case is quoted or a number: bench/fuzz.py tells failures apart without them)
        assert 0 <= f.offset <= f.end_offset <= len(text), f"{where!r}: span {f.offset}:{f.end_offset} of {f.rule!r} outside 0:{len(text)}"
        assert text[f.offset:f.end_offset] == f.match, \
            f"{where!r}: match is not the text at offset:end_offset ({f.rule!r}: {f.match!r} but {text[f.offset:f.end_offset]!r})"
        assert f.offset < f.end_offset, f"{where!r}: empty span ({f.rule!r} at {f.offset})"
        for offset, line, column, name in ((f.offset, f.line, f.column, "start"), (f.end_offset, f.end_line, f.end_column, "end")):
            expected = _line_column(breaks, offset)
            assert (line, column) == expected, f"{where!r}: {name} line:column is not the offset's ({f.rule!r} at {line}:{column}, expected {expected[0]}:{expected[1]})"


def assert_fix_stays_in_spans(text: str, findings: list[Finding]) -> str:
    """One pass of fixes replaces exactly the spans it reports (overlaps skipped) and nothing else."""
    fixed = apply_fixes(text, findings)
    position, rebuilt = 0, []
    for f in applied(findings):
        assert f.offset >= position, f"a fix overlaps the fix before it ({f.rule!r} at {f.offset}, the other ending at {position})"
        rebuilt += [text[position:f.offset], f.fix]
        position = f.end_offset
    rebuilt.append(text[position:])
    assert fixed == "".join(rebuilt), "a fix changed text outside its span"
    return fixed


def fix_passes(text: str, check: Callable[[str], list[Finding]]) -> tuple[str, int, bool]:
    """Fix as Linter.fix does, checking each pass's locality: (fixed text, passes, whether it became stable)."""
    for passes in range(MAX_PASSES):
        findings = check(text)
        assert_spans(text, findings, f"pass {passes + 1}")
        fixed = assert_fix_stays_in_spans(text, findings)
        if fixed == text:
            return text, passes, True
        text = fixed
    return text, MAX_PASSES, apply_fixes(text, check(text)) == text


def assert_fix_is_idempotent(linter: Linter, text: str, **options) -> bool:
    """Linter.fix stays in the reported spans, pass by pass, and fixing twice changes nothing.
    Returns False (and checks no more) when the rewrites do not settle in MAX_PASSES passes:
    user rules may rewrite into each other's phrases, which no number of passes can settle."""
    _, _, stable = fix_passes(text, lambda current: linter.check(current, **options))
    if not stable:
        return False
    once = linter.fix(text, **options)
    twice = linter.fix(once, **options)
    assert twice == once, f"fixing twice changed the text again ({once!r} into {twice!r})"
    return True


def finding_keys(findings: Iterable[Finding], match: bool = True) -> list[tuple]:
    return [(f.rule, f.offset, f.end_offset, f.line, f.column, f.end_line, f.end_column, f.level) + ((f.match,) if match else ())
            for f in findings]


def assert_same_findings(expected: list[Finding], actual: list[Finding], what: str, match: bool = True) -> None:
    """The same findings at the same places; `match=False` where the two texts differ in letters."""
    a, b = finding_keys(expected, match), finding_keys(actual, match)
    if a != b:
        missing = [k for k in a if k not in b][:3]
        extra = [k for k in b if k not in a][:3]
        raise AssertionError(f"{what}: {'missing' if missing else 'extra'} findings ({len(a)} expected, {len(b)} found; missing {missing!r}, extra {extra!r})")


def parse_json_report(stdout: str) -> dict:
    try:
        document = json.loads(stdout)
    except ValueError as exc:
        raise AssertionError(f"the JSON report does not parse ({str(exc)!r}; it ends {stdout[-120:]!r})") from None
    assert isinstance(document.get("files"), list) and "summary" in document, "the JSON report lacks files or summary"
    return document


def parse_sarif_report(stdout: str) -> dict:
    try:
        document = json.loads(stdout)
    except ValueError as exc:
        raise AssertionError(f"the SARIF report does not parse ({str(exc)!r}; it ends {stdout[-120:]!r})") from None
    assert document.get("version") == "2.1.0" and len(document.get("runs", [])) == 1, "not a one-run SARIF 2.1.0 log"
    return document
