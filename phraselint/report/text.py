"""Human output, as ruff and Vale print it: location and rule, the line with the span marked,
then the polite wordings; colour only when writing to a terminal."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TextIO

from ..i18n.choice import Interface
from ..model import Level, Rule
from . import FileResult, Unreadable, summary, tally
from .controls import visible
from .window import WINDOW_COLUMNS, cut, display_width

_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.SUGGESTION: "cyan"}
_SGR = {"red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36"}


def ansi_style(text: str, fg: str | None = None, bold: bool = False, dim: bool = False, underline: bool = False) -> str:
    """click.style's escape codes for the few styles used here, without importing click on the check path."""
    codes = ([_SGR[fg]] if fg else []) + (["1"] if bold else []) + (["2"] if dim else []) + (["4"] if underline else [])
    return "".join(f"\x1b[{code}m" for code in codes) + text + "\x1b[0m"


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
            first, source_line = next(((c, s) for c, s in source_line if c <= column <= c + len(s)), (column, ""))
            column -= first - 1
    if context is None:
        source_line, start = _near(text, finding.offset, column)
    else:
        start = column - 1
    end = start + max(0, finding.end_offset - finding.offset)
    shown = cut(source_line, start, end)
    # escaped piece by piece, so that the caret line is measured on what is shown
    before, marked, after = visible(shown.before), visible(shown.span), visible(shown.after)
    gutter = f"{finding.line:>4} | "
    lines.append(gutter + before + style(marked, fg=_COLOURS[finding.level], bold=True, underline=True) + after)
    lines.append(" " * (len(gutter) - 2) + "| " + " " * display_width(before) + style("^" * max(1, display_width(marked)), fg=_COLOURS[finding.level]))
    for suggestion in finding.suggestions:
        lines.append(f"     {style('→', fg='green')} {visible(suggestion)}")
    return lines


def _near(text: str, offset: int, column: int) -> tuple[str, int]:
    """The part of the line holding `offset` that a window around it can reach, and where
    `offset` lies in it: never the whole of a long line, so that a line with many findings
    costs each of them the window only (a cut end stays marked: the window stops short of it)."""
    reach = WINDOW_COLUMNS + 1  # characters: each takes at least one column
    line_start = offset - (column - 1)
    low = max(line_start, offset - reach)
    high = text.find("\n", offset, offset + 2 * reach)
    short = high == -1 and offset + 2 * reach < len(text)  # the line goes on past what can be shown
    if high == -1:
        high = min(len(text), offset + 2 * reach)
    part = text[low:high]
    return (part if short else part.rstrip("\r")), offset - low


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
    unread = 0
    for result in results:
        if isinstance(result, Unreadable):  # already named on standard error; counted in the summary
            unread += 1
            continue
        out.writelines((result.rendered,) if result.rendered is not None else render(result))
        tally(counts, result)
        affected += bool(result.findings)
        readers.append(result.variant)
    t = ui.of_run(readers)
    files = counted(t, counts["files"], "file")
    if unread:  # not "no problems found in 0 files" when the only input could not be read
        out.write(t.tr("{files} could not be read.", files=counted(t, unread, "file")) + "\n")
        if not counts["files"]:
            return
    if counts["findings"] == 0:
        out.write(t.tr("No problems found in {files}.", files=files) + "\n")
        return
    parts = t.tr(", ").join(counted(t, counts[level], level) for level in ("error", "warning", "suggestion") if counts[level])
    out.write(t.tr("Found {problems} ({parts}) in {affected} of {files}.", problems=counted(t, counts["findings"], "problem"),
                   parts=parts, affected=affected, files=files) + "\n")
