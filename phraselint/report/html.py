"""One self-contained HTML page for trainers: a summary on top, then every file's text with
each finding highlighted where it is and the polite wordings listed under its line.

No scripts, fonts, images or links to anything outside the page (inline CSS only), so the file
can be mailed or archived as a CI artifact and opened anywhere.

Highlights are rendered from the findings' code-point offsets in one walk over the text, so
markup never interleaves: findings whose spans overlap share one <mark> over their union
(the outer span, at the highest level among them) whose title and notes list every finding.
A mark that runs over a line break is closed at the end of the line and reopened on the next.
"""

from __future__ import annotations

import codecs
import html
from dataclasses import dataclass, field
from typing import Iterable, TextIO

from ..version import __version__
from ..i18n.choice import N_, Interface
from ..model import Finding, Rule
from . import FileResult, Unreadable, partition
from .stats import LEVELS, stats

_CSS = """
:root { --error: #c92a2a; --error-bg: #ffe3e3; --warning: #e67700; --warning-bg: #fff3bf;
        --suggestion: #1864ab; --suggestion-bg: #d0ebff; --line: #868e96; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 70em; padding: 1.5em; color: #212529; background: #fff;
       font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .3em; }
h2 { font-size: 1.15em; margin: 0; display: inline; }
.overview { color: #495057; margin: 0 0 1em; }
.tables { display: flex; flex-wrap: wrap; gap: 1em 2em; align-items: flex-start; margin-bottom: 1.5em; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding-bottom: .3em; }
th, td { border-bottom: 1px solid #dee2e6; padding: .2em .7em; text-align: left; }
th { background: #f1f3f5; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; border-radius: .3em; padding: 0 .45em; font-size: .85em; color: #fff; white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.suggestion { background: var(--suggestion); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
details.file { border: 1px solid #dee2e6; border-radius: .4em; margin: 1em 0; }
details.file > summary { cursor: pointer; padding: .5em .8em; background: #f8f9fa; border-radius: .4em; }
.file-counts { margin-left: .6em; }
.clean { color: #2b8a3e; margin-left: .6em; }
.source { padding: .5em 0; overflow-x: auto; }
.line { display: flex; min-height: 1.6em; }
.line:hover { background: #f8f9fa; }
.ln { flex: none; width: 4em; padding-right: .8em; text-align: right; color: var(--line);
      user-select: none; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85em; line-height: 1.9; }
.tx { flex: 1; white-space: pre-wrap; word-break: break-word; tab-size: 4; }
mark { border-radius: .15em; padding: 0 .05em; color: inherit; }
mark.error { background: var(--error-bg); border-bottom: 2px solid var(--error); }
mark.warning { background: var(--warning-bg); border-bottom: 2px solid var(--warning); }
mark.suggestion { background: var(--suggestion-bg); border-bottom: 2px dotted var(--suggestion); }
mark.point { padding: 0 .15em; font-weight: bold; }
sup.ref { font-size: .7em; color: var(--line); margin-left: .1em; }
sup.ref a { color: inherit; text-decoration: none; }
ul.notes { list-style: none; margin: .2em 0 .6em 4.8em; padding: .4em .8em; border-left: 3px solid #dee2e6; background: #fcfcfd; }
ul.notes > li { margin: .2em 0; }
ul.notes > li.error { border-left: 3px solid var(--error); padding-left: .5em; margin-left: -.8em; }
ul.notes > li.warning { border-left: 3px solid var(--warning); padding-left: .5em; margin-left: -.8em; }
ul.notes > li.suggestion { border-left: 3px solid var(--suggestion); padding-left: .5em; margin-left: -.8em; }
.num { color: var(--line); margin-right: .3em; }
.match { font-weight: 600; }
.turn { color: #495057; font-size: .9em; }
ul.rewrites { margin: .1em 0 .2em 1.2em; padding: 0; list-style: none; }
ul.rewrites li::before { content: "→ "; color: #2b8a3e; }
ul.rewrites li { color: #2b8a3e; }
footer { color: var(--line); font-size: .85em; margin-top: 2em; }
@media print { details.file { break-inside: avoid-page; } .line:hover { background: none; } }
"""


def write_markup(out: TextIO, text: str) -> None:
    """Write HTML or XML that declares UTF-8: as is to a UTF-8 stream, otherwise with every
    non-ASCII character as a character reference (so the declaration stays true, nothing is lost)."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        utf8 = False
    out.write(text if utf8 else text.encode("ascii", "xmlcharrefreplace").decode("ascii"))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class _Group:
    """Findings whose spans overlap, highlighted as one mark over [start, end)."""

    start: int
    end: int
    findings: list[tuple[int, Finding]] = field(default_factory=list)  # (number in the file, finding)

    @property
    def level(self) -> str:
        return str(max(f.level for _, f in self.findings))

    @property
    def title(self) -> str:
        return "\n".join(f"{f.rule}: {f.message}" for _, f in self.findings)


def _groups(findings: list[Finding], length: int) -> list[_Group]:
    numbered = sorted(enumerate(findings, 1), key=lambda item: (item[1].offset, -item[1].end_offset, item[0]))
    groups: list[_Group] = []
    for number, f in numbered:
        start = min(max(f.offset, 0), length)
        end = min(max(f.end_offset, start), length)
        last = groups[-1] if groups else None
        if last is not None and (start < last.end or start == last.start):
            last.end = max(last.end, end)
            last.findings.append((number, f))
        else:
            groups.append(_Group(start, end, [(number, f)]))
    for group in groups:
        group.findings.sort(key=lambda item: item[0])
    return groups


def _note(file_id: str, number: int, f: Finding, t) -> str:
    level = str(f.level)
    turn = f' <span class="turn">{_e(t.tr("turn {turn} {role}", turn=f.turn, role=f.role or ""))}</span>' if f.turn is not None else ""
    match = f' <span class="match">「{_e(f.match)}」</span>' if f.match else ""
    parts = [
        f'<li class="{level}" id="{file_id}-n{number}"><span class="num">{number}.</span>'
        f'<span class="badge {level}">{_e(t.tr(level))}</span> <code>{_e(f.rule)}</code>{turn}{match} '
        f'<span class="message">{_e(f.message)}</span>'
    ]
    if f.suggestions:
        parts.append('<ul class="rewrites">' + "".join(f"<li>{_e(s)}</li>" for s in f.suggestions) + "</ul>")
    parts.append("</li>")
    return "".join(parts)


def _refs(file_id: str, group: _Group) -> str:
    links = ",".join(f'<a href="#{file_id}-n{n}">{n}</a>' for n, _ in group.findings)
    return f'<sup class="ref">{links}</sup>'


def _source(file_id: str, text: str, findings: list[Finding], t) -> str:
    """The whole text, one row per line, walked once: marks open and close at the findings' offsets."""
    groups = _groups(findings, len(text))
    rows: list[str] = []
    line_parts: list[str] = []
    notes: list[str] = []
    line_no = 1

    def open_tag(group: _Group, extra: str = "") -> str:
        return f'<mark class="{group.level}{extra}" title="{_e(group.title)}">'

    def end_line() -> None:
        nonlocal line_parts, notes
        content = "".join(line_parts)
        rows.append(f'<div class="line" id="{file_id}-L{line_no}"><span class="ln">{line_no}</span><span class="tx">{content}</span></div>')
        if notes:
            rows.append('<ul class="notes">' + "".join(notes) + "</ul>")
        line_parts, notes = [], []

    def close(group: _Group) -> None:
        line_parts.append("</mark>" + _refs(file_id, group))
        notes.extend(_note(file_id, n, f, t) for n, f in group.findings)

    pos, g, current = 0, 0, None
    length = len(text)
    while True:
        if current is not None and pos >= current.end:
            close(current)
            current = None
        while current is None and g < len(groups) and groups[g].start <= pos:
            group = groups[g]
            g += 1
            if group.start == group.end:  # nothing to underline (an empty span): a caret where it applies
                line_parts.append(open_tag(group, " point") + "‸")
                close(group)
            else:
                line_parts.append(open_tag(group))
                current = group
        if pos >= length:
            break
        stop = text.find("\n", pos)
        stop = length if stop == -1 else stop
        if current is not None:
            stop = min(stop, current.end)
        elif g < len(groups):
            stop = min(stop, groups[g].start)
        if stop > pos:
            line_parts.append(_e(text[pos:stop]).replace("\r", ""))
            pos = stop
            continue
        # at a line break
        if current is not None:
            line_parts.append("</mark>")
        end_line()
        line_no += 1
        pos += 1
        if current is not None:
            line_parts.append(open_tag(current, " cont"))
    end_line()
    return "\n".join(rows)


def _counts_cell(by_level: dict[str, int], t) -> str:
    return " ".join(
        f'<span class="badge {level}">{_e(t.tr(level))} {by_level[level]}</span>'
        for level in LEVELS if by_level[level]
    )


def _summary(results: list[FileResult], t) -> str:
    data = stats(results)
    level_rows = "".join(
        f'<tr><td><span class="badge {level}">{_e(t.tr(level))}</span></td><td class="n">{data["by_level"][level]}</td></tr>'
        for level in LEVELS
    )
    total = f'<tr><th>{_e(t.tr("total"))}</th><td class="n">{data["findings"]}</td></tr>'
    category_rows = "".join(
        f'<tr><td>{_e(category)}</td><td class="n">{count}</td></tr>' for category, count in data["by_category"].items()
    ) or '<tr><td colspan="2">—</td></tr>'
    rule_rows = "".join(
        f'<tr><td><code>{_e(rule)}</code></td><td><span class="badge {entry["level"]}">{_e(t.tr(entry["level"]))}</span></td>'
        f'<td>{_e(entry["category"])}</td><td class="n">{entry["count"]}</td></tr>'
        for rule, entry in data["by_rule"].items()
    ) or '<tr><td colspan="4">—</td></tr>'
    file_rows = "".join(
        f'<tr><td><a href="#file-{i}">{_e(r.path)}</a></td><td class="n">{len(r.findings)}</td></tr>'
        for i, r in enumerate(results, 1)
    )
    h = {word: _e(t.tr(word)) for word in (N_("By level"), N_("By category"), N_("By rule"), N_("Files"), N_("level"),
                                           N_("count"), N_("category"), N_("rule"), N_("file"), N_("findings"))}
    return (
        '<div class="tables">\n'
        f'<table class="summary by-level"><caption>{h["By level"]}</caption><tr><th>{h["level"]}</th><th>{h["count"]}</th></tr>{level_rows}{total}</table>\n'
        f'<table class="summary by-category"><caption>{h["By category"]}</caption><tr><th>{h["category"]}</th><th>{h["count"]}</th></tr>{category_rows}</table>\n'
        f'<table class="summary by-rule"><caption>{h["By rule"]}</caption><tr><th>{h["rule"]}</th><th>{h["level"]}</th><th>{h["category"]}</th><th>{h["count"]}</th></tr>{rule_rows}</table>\n'
        f'<table class="summary by-file"><caption>{h["Files"]}</caption><tr><th>{h["file"]}</th><th>{h["findings"]}</th></tr>{file_rows}</table>\n'
        "</div>"
    )


def _file_section(index: int, result: FileResult, ui: Interface) -> str:
    file_id = f"file-{index}"
    t = ui.of(result.variant)
    by_level = {level: 0 for level in LEVELS}
    for f in result.findings:
        by_level[str(f.level)] += 1
    counts = _counts_cell(by_level, t) if result.findings else f'<span class="clean">✓ {_e(t.tr("no findings"))}</span>'
    return (
        f'<details class="file" id="{file_id}"{" open" if result.findings else ""}>\n'
        f'<summary><h2>{_e(result.path)}</h2><span class="file-counts">{counts}</span></summary>\n'
        f'<div class="source">\n{_source(file_id, result.text, result.findings, t)}\n</div>\n'
        "</details>"
    )


def document(results: list[FileResult], ui: Interface | None = None) -> str:
    """The page; its headings in the run's interface (`ui`: the reader most files are for),
    each file's part in its own reader's."""
    ui = ui or Interface()
    t = ui.of_run(r.variant for r in results)
    data = stats(results)
    if not results:
        overview = t.tr("No files were checked.")
    else:
        parts = t.tr(", ").join(f"{t.tr(level)} {data['by_level'][level]}" for level in LEVELS if data["by_level"][level])
        overview = (
            t.tr("{files} checked, {findings} found ({parts}) in {affected} of them.",
                 files=t.trn("{n} file", "{n} files", data["files"]), findings=t.trn("{n} problem", "{n} problems", data["findings"]),
                 parts=parts, affected=data["files_with_findings"])
            if data["findings"] else t.tr("{files} checked, no problems found.", files=t.trn("{n} file", "{n} files", data["files"]))
        )
    sections = "\n".join(_file_section(i, r, ui) for i, r in enumerate(results, 1))
    title = _e(t.tr("phraselint report"))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{t.locale.replace("_", "-")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="phraselint {_e(__version__)}">\n'
        f"<title>{title}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n"
        f'<p class="overview">{_e(overview)}</p>\n'
        f"{_summary(results, t)}\n"
        f"{sections}\n"
        f"<footer>phraselint {_e(__version__)} · {_e(t.tr('Hover over a mark to see the rule; each line is followed by its problems and the suggested wording.'))}</footer>\n"
        "</body>\n</html>\n"
    )


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui: Interface | None = None) -> None:
    checked, _ = partition(results)  # the document's head summarises the whole run
    write_markup(out, document(checked, ui))
