"""Inline suppressions, in the comment syntax of each format:

    <!-- phraselint-disable [rule ...] -->  …  <!-- phraselint-enable [rule ...] -->   Markdown, HTML
    <!-- phraselint-disable-next-line [rule ...] -->
    {# phraselint-disable [rule ...] #}  …  {# phraselint-enable #}                   templates
    {# phraselint-disable-next-line [rule ...] #}
    a line holding only  phraselint-disable [rule ...]  (or after #, //, --)           plain text
    …text…  phraselint-disable-line [rule ...] at the end of a line

Without rule names a directive covers every rule; names may be rule ids, categories or
packs. A disable without a matching enable lasts to the end of the file.
"""

from __future__ import annotations

import bisect
import functools
import re

from ..model import Finding, Level, Rule
from ..text.positions import LineIndex
from ..packs.selection import matches

UNUSED_RULE = "phraselint.unused-disable"
UNKNOWN_RULE = "phraselint.unknown-rule"


@functools.cache
def _directive() -> re.Pattern[str]:
    """Compiled on first need: only a text that mentions phraselint- can hold a directive."""
    return re.compile(
        r"(?:<!--\s*|\{#\s*|^[ \t]*(?:#|//|--|;)?[ \t]*|(?<=\s))"
        r"phraselint-(disable-next-line|disable-line|disable|enable)\b([^\n]*?)"
        r"(?:\s*-->|\s*#\}|[ \t]*$)",
        re.MULTILINE,
    )


class Suppression:
    """One directive's reach; `used` is set once it silences a finding, for --report-unused-disables."""

    __slots__ = ("start", "end", "rules", "directive", "used")

    def __init__(self, start: int, end: int, rules: tuple[str, ...], directive: tuple[int, int]) -> None:
        self.start = start  # offsets in the text the findings point into
        self.end = end
        self.rules = rules  # empty: every rule
        self.directive = directive  # where the comment is (for reporting it unused)
        self.used = False

    def covers(self, finding: Finding, rule: Rule | None) -> bool:
        """Whether this suppression silences `finding` (of `rule`; None for phraselint's own)."""
        if not (self.start <= finding.offset < self.end):
            return False
        if not self.rules:
            return True
        if rule is None:
            return finding.rule in self.rules
        return any(matches(selector, rule) for selector in self.rules)


def _in_code(position: int, code: tuple[tuple[int, int], ...]) -> bool:
    index = bisect.bisect_right(code, (position, float("inf"))) - 1
    return index >= 0 and code[index][0] <= position < code[index][1]


def parse_suppressions(text: str, code: tuple[tuple[int, int], ...] = ()) -> list[Suppression]:
    """The directives of `text`, except those inside `code` (sorted spans shown as code)."""
    if "phraselint-" not in text:
        return []
    lines = LineIndex(text)
    found: list[Suppression] = []
    open_regions: list[Suppression] = []
    for match in _directive().finditer(text):
        if code and _in_code(match.start(1), code):
            continue
        kind = match.group(1)
        rules = tuple(part for part in re.split(r"[\s,]+", match.group(2).strip()) if part)
        line, _ = lines.line_column(match.start())
        directive = (match.start(), match.end())
        if kind == "disable-line":
            start, end = lines.line_span(line)
            found.append(Suppression(start, end if end >= 0 else len(text), rules, directive))
        elif kind == "disable-next-line":
            try:
                start, end = lines.line_span(line + 1)
            except ValueError:  # no next line
                continue
            found.append(Suppression(start, end if end >= 0 else len(text), rules, directive))
        elif kind == "disable":
            region = Suppression(match.end(), len(text), rules, directive)
            open_regions.append(region)
            found.append(region)
        else:  # enable: closes the open regions it names (all of them without names)
            for region in list(open_regions):
                if not rules or set(rules) & set(region.rules) or not region.rules and not rules:
                    region.end = match.start()
                    open_regions.remove(region)
    return found


def apply_suppressions(findings: list[Finding], suppressions: list[Suppression], rules_by_id: dict) -> list[Finding]:
    kept = []
    for finding in findings:
        rule = rules_by_id.get(finding.rule)
        hit = next((s for s in suppressions if s.covers(finding, rule)), None)
        if hit is None:
            kept.append(finding)
        else:
            hit.used = True
    return kept


def _at_directive(text: str, lines: LineIndex, suppression: Suppression, rule: str, message: str) -> Finding:
    """phraselint's own finding about a directive, pointing at the comment."""
    start, end = suppression.directive
    line, column = lines.line_column(start)
    end_line, end_column = lines.line_column(end)
    return Finding(rule=rule, level=Level.WARNING, category="phraselint", message=message,
                   match=text[start:end], offset=start, end_offset=end, line=line, column=column,
                   end_line=end_line, end_column=end_column)


def unused_findings(text: str, suppressions: list[Suppression]) -> list[Finding]:
    lines = LineIndex(text)
    return [
        _at_directive(text, lines, s, UNUSED_RULE,
                      f"这条 phraselint 抑制注释（{'、'.join(s.rules) if s.rules else '所有规则'}）没有抑制任何问题，可以删除。")
        for s in suppressions if not s.used
    ]


def unknown_rule_findings(text: str, suppressions: list[Suppression], rules: list[Rule]) -> list[Finding]:
    """A warning for each rule a directive names that no rule, category or pack matches: a
    misspelt `phraselint-disable inquiry.dont-knwo` would otherwise silence nothing, silently."""
    lines = LineIndex(text)
    out = []
    for s in suppressions:
        unknown = [name for name in s.rules if name != UNUSED_RULE and not any(matches(name, rule) for rule in rules)]
        if unknown:
            out.append(_at_directive(text, lines, s, UNKNOWN_RULE,
                                     f"这条 phraselint 抑制注释提到的规则不存在：{'、'.join(unknown)}（见 phraselint rules）。"))
    return out
