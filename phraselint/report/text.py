"""Human output, as ruff and Vale print it: location and rule, the line with the span marked,
then the polite wordings; colour only when writing to a terminal."""

from __future__ import annotations

import unicodedata
from typing import Callable, Iterable, Iterator, TextIO

from ..i18n.choice import Interface
from ..model import Level, Rule
from . import FileResult, Unreadable, summary, tally
from .controls import visible

_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
_SGR = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36"}


def ansi_style(text: str, fg: str | None = None, bold: bool = False, dim: bool = False, underline: bool = False) -> str:
    """click.style's escape codes for the few styles used here, without importing click on the check path."""
    codes = ([_SGR[fg]] if fg else []) + (["1"] if bold else []) + (["2"] if dim else []) + (["4"] if underline else [])
    return "".join(f"\x1b[{code}m" for code in codes) + text + "\x1b[0m"


def display_width(text: str) -> int:
    """Terminal columns: CJK characters take two, so markers line up under them."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def counted(t, count: int, what: str) -> str:
    """"3 problems", "1 file" … in the catalogue `t`'s language."""
    forms = {
        "problem": t.trn("{n} problem", "{n} problems", count), "file": t.trn("{n} file", "{n} files", count),
        "error": t.trn("{n} error", "{n} errors", count), "warning": t.trn("{n} warning", "{n} warnings", count),
        "suggestion": t.trn("{n} suggestion", "{n} suggestions", count),
        "finding": t.trn("{n} finding", "{n} findings", count),
    }
    return forms[what]


def format_finding(path: str, text: str, finding, color: bool, location: str = "line", context: dict | None = None,
                   t=None) -> list[str]:
    """The lines a terminal shows for one finding, its interface words from the catalogue `t`
    (default: mainland Chinese). What comes from the checked file or a pack (its path, the
    quoted line, a role label, messages, suggestions) goes through `visible`: the terminal
    must show its control characters, not obey them."""
    t = t or Interface().of()
    style = ansi_style if color else (lambda s, **kw: s)
    level = str(finding.level)
    turn = " " + t.tr("[turn {turn} {role}]", turn=finding.turn, role=visible(str(finding.role))) if finding.turn is not None else ""
    lines = [
        f"{style(visible(path), bold=True)}:{'¶' if location == 'paragraph' else ''}{finding.line}:{finding.column}: "
        f"{style(t.tr(level), fg=_COLOURS[finding.level], bold=True)} {style(visible(finding.rule), dim=True)}{turn} "
        f"{visible(finding.message)}"
    ]
    column = finding.column
    if context is not None:  # a file checked in pieces keeps only the lines it needs to show
        source_line = context.get(finding.line, "")
        if not isinstance(source_line, str):  # excerpts of a line longer than a piece: the one holding the span
            first, source_line = next(((c, t) for c, t in source_line if c <= column <= c + len(t)), (column, ""))
            column -= first - 1
    line_start = finding.offset - (column - 1)
    if context is None:
        line_end = text.find("\n", line_start)
        source_line = text[line_start: line_end if line_end != -1 else len(text)].rstrip("\r")
    span_end = min(finding.end_offset, line_start + len(source_line))
    # escaped piece by piece, so that the caret line is measured on what is shown
    before = visible(source_line[: column - 1])
    marked = visible(source_line[column - 1: span_end - line_start])
    after = visible(source_line[span_end - line_start:])
    gutter = f"{finding.line:>4} | "
    lines.append(gutter + before + style(marked, fg=_COLOURS[finding.level], bold=True, underline=True) + after)
    lines.append(" " * (len(gutter) - 2) + "| " + " " * display_width(before) + style("^" * max(1, display_width(marked)), fg=_COLOURS[finding.level]))
    for suggestion in finding.suggestions:
        lines.append(f"     {style('→', fg='green')} {visible(suggestion)}")
    return lines


def renderer(out: TextIO, color: bool, ui: Interface | None = None) -> Callable[[FileResult], Iterator[str]]:
    """One file's part of the report, piece by piece (see reporters.renderer), in its reader's interface."""
    ui = ui or Interface()

    def render(result: FileResult) -> Iterator[str]:
        t = ui.of(result.variant)
        for finding in result.findings:
            yield "\n".join(format_finding(result.path, result.text, finding, color, result.location, result.lines, t)) + "\n\n"

    return render


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui: Interface | None = None) -> None:
    ui = ui or Interface()
    render = renderer(out, color, ui)
    counts = summary([])
    affected = 0
    readers: list[str | None] = []
    for result in results:
        if isinstance(result, Unreadable):  # already named on standard error
            continue
        out.writelines((result.rendered,) if result.rendered is not None else render(result))
        tally(counts, result)
        affected += bool(result.findings)
        readers.append(result.variant)
    t = ui.of_run(readers)
    files = counted(t, counts["files"], "file")
    if counts["findings"] == 0:
        out.write(t.tr("No problems found in {files}.", files=files) + "\n")
        return
    parts = t.tr(", ").join(counted(t, counts[level], level) for level in ("error", "warning", "suggestion") if counts[level])
    out.write(t.tr("Found {problems} ({parts}) in {affected} of {files}.", problems=counted(t, counts["findings"], "problem"),
                   parts=parts, affected=affected, files=files) + "\n")
