"""One self-contained HTML page for trainers and reviewers: counts on top (by level, category,
rule and file), then every finding with a few lines of context, its message and the polite
wordings, filtered and sorted in the page (html_page.py holds the style, script and words).

Scale is the point of the layout. A page that showed every line of every file was 100 MB for
500 files and too big for a browser to open; here each finding carries only the lines around
it, each cut to a window (window.py), and the findings travel gzip-compressed: a rule's
message and rewrites, repeated for each of its findings, compress to almost nothing. The page
is written as the run goes, in bounded memory: each file's findings are turned into one line
of JSON (in a worker with --jobs, as text and JSON are), compressed into a temporary file that
stays in memory up to a few MB, and only counts are kept; the head, which needs the whole
run's counts, is written once the last file is done, and the compressed findings copied after.
"""

from __future__ import annotations

import base64
import codecs
import html
import io
import json
import tempfile
import zlib
from typing import Callable, Iterable, Iterator, TextIO

from ..i18n.catalogue import Catalogue
from ..i18n.choice import Interface
from ..model import Finding, Level, Rule
from ..version import __version__
from . import FileResult, Unreadable
from .html_page import CSS, LABELS, SCRIPT
from .stats import LEVELS
from .text import counted
from .window import WINDOW_COLUMNS, cut, piece

CONTEXT_LINES = 2  # lines shown before and after a finding's line
SPOOL_BYTES = 8 << 20  # compressed findings kept in memory before the temporary file goes to disk
COPY_BYTES = 1 << 20


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


class _Lines:
    """A file's lines by number, without splitting the text: where each line starts."""

    def __init__(self, result: FileResult) -> None:
        self.text = result.text
        self.kept = result.lines  # a file checked in pieces: only the lines that have findings
        self.starts = [0]
        if self.kept is None:
            find, position = self.text.find, self.text.find("\n")
            while position != -1:
                self.starts.append(position + 1)
                position = find("\n", position + 1)

    def get(self, number: int) -> str | None:
        if self.kept is not None:
            line = self.kept.get(number)
            return line if isinstance(line, str) else None
        if not 1 <= number <= len(self.starts):
            return None
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def excerpt(self, number: int, column: int) -> tuple[str, int] | None:
        """For a long line kept in excerpts: the excerpt holding `column`, and where it starts."""
        line = self.kept.get(number) if self.kept is not None else None
        if isinstance(line, list):
            return next(((text, first) for first, text in line if first <= column <= first + len(text)), None)
        return None


def _context(lines: _Lines, f: Finding) -> list[list]:
    """[line, before, span, after] for the finding's line, [line, text] for those around it."""
    rows: list[list] = []
    start = f.column - 1
    line = lines.get(f.line)
    if line is None:
        found = lines.excerpt(f.line, f.column)
        line, start = (found[0], f.column - found[1]) if found else ("", 0)
    shown = cut(line, start, start + max(0, f.end_offset - f.offset))
    for number in range(f.line - CONTEXT_LINES, f.line + CONTEXT_LINES + 1):
        if number == f.line:
            rows.append([number, shown.before, shown.span, shown.after])
            continue
        other = lines.get(number) if number > 0 else None
        if other is not None and (other or rows):
            rows.append([number, piece(other, shown.first, WINDOW_COLUMNS)])
    while len(rows) > 1 and len(rows[-1]) == 2 and not rows[-1][1]:
        rows.pop()  # blank lines after the finding say nothing
    return rows


def _record(lines: _Lines, f: Finding) -> dict:
    record = {"l": str(f.level), "r": f.rule, "c": f.category, "n": f.line, "k": f.column,
              "m": f.message, "s": list(f.suggestions), "x": _context(lines, f)}
    if f.turn is not None:
        record["u"] = [f.turn, f.role or ""]
    return record


def renderer(out: TextIO, color: bool, ui: Interface | None = None) -> Callable[[FileResult], Iterator[str]]:
    """One file's findings as one line of JSON (see reporters.renderer): what the page's
    script reads back, written where the file was checked. It holds no interface word (those
    are the page's, in the run's language: `ui` is not needed here); the findings' messages
    and suggestions are already written for the file's reader."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def render(result: FileResult) -> Iterator[str]:
        if not result.findings:
            return
        lines = _Lines(result)
        yield '{"p":' + encode(result.path) + ',"f":['
        for i, f in enumerate(result.findings):
            yield ("," if i else "") + encode(_record(lines, f))
        yield "]}\n"

    return render


class _Counts:
    """The run's counts, file by file (the page's head is written last, from these)."""

    def __init__(self) -> None:
        self.files: list[tuple[str, dict[str, int]]] = []
        self.by_level = {level: 0 for level in LEVELS}
        self.by_category: dict[str, int] = {}
        self.by_rule: dict[str, dict] = {}
        self.readers: list[str | None] = []  # each file's reader: the page speaks to most of them

    def add(self, result: FileResult) -> None:
        here = {level: 0 for level in LEVELS}
        for f in result.findings:
            level = str(f.level)
            here[level] += 1
            self.by_category[f.category] = self.by_category.get(f.category, 0) + 1
            entry = self.by_rule.setdefault(f.rule, {"count": 0, "category": f.category, "level": level})
            entry["count"] += 1
            if f.level > Level.parse(entry["level"]):
                entry["level"] = level
        for level in LEVELS:
            self.by_level[level] += here[level]
        self.files.append((result.path, here))
        self.readers.append(result.variant)

    @property
    def findings(self) -> int:
        return sum(self.by_level.values())


def _row(key: str, value: str, cells: str, live: bool = True) -> str:
    """A table row that filters the list to `value` when clicked (a file without findings does not)."""
    return f'<tr data-filter="{key}" data-value="{_e(value)}">{cells}</tr>' if live else f"<tr>{cells}</tr>"


def labels(t: Catalogue) -> dict[str, str]:
    """The page's words (html_page.LABELS) and the levels' names, in the catalogue `t`."""
    return {key: t.tr(msgid) for key, msgid in LABELS.items()} | {level: t.tr(level) for level in LEVELS}


def _summary(counts: _Counts, t: Catalogue) -> str:
    label = {key: _e(value) for key, value in labels(t).items()}
    level_rows = "".join(
        _row("l", level, f'<td><span class="badge {level}">{label[level]}</span></td><td class="n">{counts.by_level[level]}</td>')
        for level in LEVELS)
    total = f'<tr><th>{label["total"]}</th><td class="n">{counts.findings}</td></tr>'
    categories = sorted(counts.by_category.items(), key=lambda item: (-item[1], item[0]))
    category_rows = "".join(
        _row("c", category, f'<td>{_e(category)}</td><td class="n">{count}</td>') for category, count in categories
    ) or '<tr><td colspan="2">—</td></tr>'
    rules = sorted(counts.by_rule.items(), key=lambda item: (-item[1]["count"], -Level.parse(item[1]["level"]), item[0]))
    rule_rows = "".join(
        _row("r", rule, f'<td><code>{_e(rule)}</code></td><td><span class="badge {entry["level"]}">'
             f'{label[entry["level"]]}</span></td><td>{_e(entry["category"])}</td><td class="n">{entry["count"]}</td>')
        for rule, entry in rules
    ) or '<tr><td colspan="4">—</td></tr>'
    level_heads = "".join(f"<th>{label[level]}</th>" for level in LEVELS)
    file_rows = "".join(
        _row("p", path, f"<td>{_e(path)}</td>" + "".join(f'<td class="n">{here[level]}</td>' for level in LEVELS)
             + f'<td class="n">{sum(here.values())}</td>', live=any(here.values()))
        for path, here in counts.files)
    return (
        '<div class="tables">\n'
        f'<table class="summary by-level"><caption>{label["by_level"]}</caption><tr><th>{label["level"]}</th>'
        f'<th>{label["count"]}</th></tr>{level_rows}{total}</table>\n'
        f'<div class="scroll"><table class="summary by-category"><caption>{label["by_category"]}</caption>'
        f'<tr><th>{label["category"]}</th><th>{label["count"]}</th></tr>{category_rows}</table></div>\n'
        f'<div class="scroll"><table class="summary by-rule"><caption>{label["by_rule"]}</caption><tr><th>{label["rule"]}</th>'
        f'<th>{label["level"]}</th><th>{label["category"]}</th><th>{label["count"]}</th></tr>{rule_rows}</table></div>\n'
        f'<div class="scroll"><table class="summary by-file"><caption>{label["by_file"]}</caption><tr><th>{label["file"]}</th>'
        f'{level_heads}<th>{label["total"]}</th></tr>{file_rows}</table></div>\n'
        "</div>"
    )


def _overview(counts: _Counts, t: Catalogue) -> str:
    if not counts.files:
        return t.tr(LABELS["overview_none"])
    files = counted(t, len(counts.files), "file")
    if not counts.findings:
        return t.tr(LABELS["overview_clean"], files=files)
    parts = t.tr(", ").join(f"{t.tr(level)} {counts.by_level[level]}" for level in LEVELS if counts.by_level[level])
    affected = sum(1 for _, here in counts.files if any(here.values()))
    return t.tr(LABELS["overview"], files=files, findings=counted(t, counts.findings, "problem"), parts=parts,
                affected=affected)


def _head(counts: _Counts, t: Catalogue) -> str:
    title = _e(t.tr(LABELS["title"]))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{t.locale.replace("_", "-")}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="phraselint {_e(__version__)}">\n'
        f"<title>{title}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n"
        f'<p class="overview">{_e(_overview(counts, t))}</p>\n'
        f"{_summary(counts, t)}\n"
        f'<div id="pl-findings"><p class="needs-script">{_e(t.tr(LABELS["needs_script"]))}</p></div>\n'
    )


def _tail(t: Catalogue) -> str:
    words = json.dumps(labels(t), ensure_ascii=False).replace("<", "\\u003c")
    footer = _e(t.tr(LABELS["footer"], version=__version__))
    return (
        f'<script id="pl-ui" type="application/json">{words}</script>\n'
        f"<script>{SCRIPT}</script>\n"
        f"<footer>{footer}</footer>\n"
        "</body>\n</html>\n"
    )


class _Packed:
    """The findings' JSON lines, gzip-compressed and base64-encoded as they come, into a
    temporary file (in memory up to SPOOL_BYTES)."""

    def __init__(self) -> None:
        self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
        self.compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip format the browser reads
        self.pending = b""
        self.empty = True

    def add(self, text: str) -> None:
        if text:
            self.empty = False
            self._encode(self.compressor.compress(text.encode("utf-8")))

    def _encode(self, data: bytes, last: bool = False) -> None:
        data = self.pending + data
        whole = len(data) if last else len(data) - len(data) % 3  # base64 of whole 3-byte groups only
        self.file.write(base64.b64encode(data[:whole]))
        self.pending = data[whole:]

    def copy_to(self, out: TextIO) -> None:
        if not self.empty:
            self._encode(self.compressor.flush(), last=True)
        self.file.seek(0)
        while chunk := self.file.read(COPY_BYTES):
            out.write(chunk.decode("ascii"))
        self.file.close()


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui: Interface | None = None) -> None:
    """The page, its words in the run's interface (`ui`: the reader most files are for)."""
    ui = ui or Interface()
    render = renderer(out, color, ui)
    counts = _Counts()
    packed = _Packed()
    for result in results:
        if isinstance(result, Unreadable):  # already named on standard error
            continue
        packed.add(result.rendered if result.rendered is not None else "".join(render(result)))
        counts.add(result)
    t = ui.of_run(counts.readers)
    write_markup(out, _head(counts, t))
    out.write('<script id="pl-data" type="application/octet-stream">')
    packed.copy_to(out)
    out.write("</script>\n")
    write_markup(out, _tail(t))


def document(results: list[FileResult], ui: Interface | None = None) -> str:
    """The whole page as one string (for library callers and tests; `report` streams it)."""
    out = io.StringIO()
    report(results, (), out, False, ui)
    return out.getvalue()
