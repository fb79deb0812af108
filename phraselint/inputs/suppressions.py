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
import sys
from typing import Callable, NamedTuple

from ..model import Finding, Level, Rule
from ..text.positions import LineIndex
from ..packs.selection import matches

UNUSED_RULE = "phraselint.unused-disable"
UNKNOWN_RULE = "phraselint.unknown-rule"


MAX_DIRECTIVE = 500  # characters of rule names a directive may list: a directive never reaches far along a line
END = sys.maxsize  # the end of a region not closed (yet)


@functools.cache
def _directive() -> re.Pattern[str]:
    """Compiled on first need: only a text that mentions phraselint- can hold a directive."""
    return re.compile(
        r"(?:<!--\s*|\{#\s*|^[ \t]*(?:#|//|--|;)?[ \t]*|(?<=\s))"
        rf"phraselint-(disable-next-line|disable-line|disable|enable)\b([^\n]{{0,{MAX_DIRECTIVE}}}?)"
        r"(?:\s*-->|\s*#\}|[ \t]*$)",
        re.MULTILINE,
    )


TEMPLATE_SUFFIXES = (".j2", ".jinja", ".jinja2", ".tmpl", ".tpl")  # templates: their own comment syntax


def line_directive(input_format: str, path: str, rule: str) -> str | None:
    """What to write at the end of a line to suppress `rule` there, in the comment syntax of
    the format (a comment that renders as nothing where the format has one); None for chat
    logs, whose JSON has no comments."""
    if input_format in ("markdown", "html"):
        return f" <!-- phraselint-disable-line {rule} -->"
    if input_format == "json":
        return None
    if path.lower().endswith(TEMPLATE_SUFFIXES):
        return f" {{# phraselint-disable-line {rule} #}}"
    return f" phraselint-disable-line {rule}"


class Suppression:
    """One directive's reach; `used` is set once it silences a finding, for --report-unused-disables."""

    __slots__ = ("start", "end", "rules", "directive", "used", "where")

    def __init__(self, start: int, end: int, rules: tuple[str, ...], directive: tuple[int, int],
                 where: tuple[int, int, int, int, str] | None = None) -> None:
        self.start = start  # offsets in the text the findings point into
        self.end = end
        self.rules = rules  # empty: every rule
        self.directive = directive  # where the comment is (for reporting it unused)
        self.used = False
        self.where = where  # in a file checked in pieces: the comment's line, column, end line, end column, text

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


def suppressed_by(suppressions: list[Suppression], rule_of: Callable[[str], Rule | None]) -> Callable[[Finding], bool]:
    """Whether a finding (in the offsets the directives were parsed in) is one of these
    directives' (`rule_of`: a rule id's rule): what check does not report, rewrite leaves as it is."""
    def suppressed(finding: Finding) -> bool:
        rule = rule_of(finding.rule) if suppressions else None
        return any(s.covers(finding, rule) for s in suppressions)
    return suppressed


def _at_directive(text: str, lines: LineIndex, suppression: Suppression, rule: str, message: str) -> Finding:
    """phraselint's own finding about a directive, pointing at the comment."""
    start, end = suppression.directive
    if suppression.where is not None:  # its piece of the file is gone: located when it was read
        line, column, end_line, end_column, match = suppression.where
    else:
        line, column = lines.line_column(start)
        end_line, end_column = lines.line_column(end)
        match = text[start:end]
    return Finding(rule=rule, level=Level.WARNING, category="phraselint", message=message,
                   match=match, offset=start, end_offset=end, line=line, column=column,
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


class SuppressionCarry(NamedTuple):
    """What one piece of a large file passes to the next (see parse_piece); offsets are the file's."""

    open: tuple[Suppression, ...] = ()  # disable regions no enable has closed yet
    open_line: tuple[Suppression, ...] = ()  # regions over the line the next piece starts inside (its end unknown)
    next_line: tuple[Suppression, ...] = ()  # disable-next-line directives whose own line goes on in the next piece
    line_start: int = 0  # where the line the next piece starts in begins


class Piece(NamedTuple):
    """Where a piece lies in its file: its first character's offset, line and column."""

    offset: int
    line: int
    column: int
    last: bool


def parse_piece(text: str, piece: Piece, carry: SuppressionCarry) -> tuple[list[Suppression], list[Suppression], SuppressionCarry]:
    """The directives of one piece of a plain-text file, read as parse_suppressions reads the
    whole file: (every region that can cover a finding of this piece, in directive order; the
    directives first known in this piece, for the report; what the next piece needs).

    A region reaches on from the piece it starts in: a disable until its enable, a
    disable-next-line whose next line starts after the piece's end, a disable-line on a line
    that goes on (a line longer than a piece). Offsets are the file's."""
    offset, size = piece.offset, len(text)
    first_break = text.find("\n")
    line_end = offset + first_break if first_break != -1 else (offset + size if piece.last else END)
    for region in carry.open_line:  # the line they cover ends in this piece (or goes on again)
        region.end = line_end
    open_line = [r for r in carry.open_line if r.end == END]
    known: list[Suppression] = []  # directives first placed in this piece
    waiting: list[Suppression] = []  # disable-next-line whose own line does not end here
    for directive in carry.next_line:
        if first_break != -1:
            _to_next_line(directive, text, first_break, piece, open_line)
            known.append(directive)
        elif not piece.last:
            waiting.append(directive)
    open_regions = list(carry.open)
    if "phraselint-" in text:
        lines = LineIndex(text)
        for match in _directive().finditer(text):
            kind = match.group(1)
            rules = tuple(part for part in re.split(r"[\s,]+", match.group(2).strip()) if part)
            line, column = lines.line_column(match.start())
            end_line, end_column = lines.line_column(match.end())
            first = piece.column - 1
            where = (line + piece.line - 1, column + (first if line == 1 else 0), end_line + piece.line - 1,
                     end_column + (first if end_line == 1 else 0), match.group())
            region = Suppression(END, END, rules, (offset + match.start(), offset + match.end()), where)
            own_end = text.find("\n", match.start())
            if kind == "disable-line":
                own_start = text.rfind("\n", 0, match.start()) + 1
                region.start = offset + own_start if own_start else carry.line_start
                region.end = offset + own_end if own_end != -1 else (offset + size if piece.last else END)
                if region.end == END:
                    open_line.append(region)
            elif kind == "disable-next-line":
                if own_end == -1:  # its line goes on in the next piece, or has no next line
                    if not piece.last:
                        waiting.append(region)
                    continue
                _to_next_line(region, text, own_end, piece, open_line)
            elif kind == "disable":
                region.start = offset + match.end()
                open_regions.append(region)
            else:  # enable: closes the open regions it names (all of them without names)
                for opened in list(open_regions):
                    if not rules or set(rules) & set(opened.rules) or not opened.rules and not rules:
                        opened.end = offset + match.start()
                        open_regions.remove(opened)
                continue
            known.append(region)
    last_break = text.rfind("\n")
    line_start = offset + last_break + 1 if last_break != -1 else carry.line_start
    reach = sorted({id(r): r for r in (*carry.open, *carry.open_line, *known)}.values(), key=lambda r: r.directive)
    return reach, known, SuppressionCarry(tuple(open_regions), tuple(open_line), tuple(waiting), line_start)


def _to_next_line(region: Suppression, text: str, line_break: int, piece: Piece, open_line: list[Suppression]) -> None:
    """Place a disable-next-line region on the line after the line break at `line_break`."""
    start = line_break + 1
    end = text.find("\n", start)
    region.start = piece.offset + start
    region.end = piece.offset + end if end != -1 else (piece.offset + len(text) if piece.last else END)
    if region.end == END:
        open_line.append(region)
