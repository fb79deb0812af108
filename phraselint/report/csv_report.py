"""CSV of findings, one row each, for a trainer's feedback sheet (`check --format csv`).

UTF-8 with a byte-order mark, because Excel reads a CSV without one in the system's legacy
code page and shows Chinese as mojibake; with it, Excel, Numbers, LibreOffice and Google
Sheets all open the file as written. Rows end in CRLF (the CSV RFC and Excel). A cell that
would start with = + - @ (or a tab or CR) gets a leading apostrophe, so a spreadsheet shows
the checked text instead of running it as a formula. Written file by file, as text and JSON are.
"""

from __future__ import annotations

import csv
import io
from typing import Callable, Iterable, Iterator, TextIO

from ..model import Finding, Rule
from . import FileResult, Unreadable

COLUMNS = ("file", "line", "column", "level", "rule", "category", "match", "message", "suggestion")
SUGGESTION_SEPARATOR = " / "  # several polite wordings in one cell
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def row(path: str, f: Finding) -> list[str]:
    return [_cell(path), str(f.line), str(f.column), str(f.level), f.rule, f.category, _cell(f.match),
            _cell(f.message), _cell(SUGGESTION_SEPARATOR.join(f.suggestions))]


def renderer(out: TextIO, color: bool, ui=None) -> Callable[[FileResult], Iterator[str]]:
    """One file's rows (see reporters.renderer). `ui` is not used: the header and the level
    names are column keys a sheet is built on, as JSON's are, and the other cells are the
    findings' own texts, already written for each file's reader."""

    def render(result: FileResult) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for f in result.findings:
            writer.writerow(row(result.path, f))
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()

    return render


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui=None) -> None:
    target = out
    wrapped = None
    if hasattr(out, "buffer"):  # a real stream: UTF-8 whatever the locale's encoding (the BOM says so)
        out.flush()
        target = wrapped = io.TextIOWrapper(out.buffer, encoding="utf-8", newline="", write_through=True)
    try:
        target.write("\ufeff")
        csv.writer(target).writerow(COLUMNS)
        render = renderer(out, color)
        for result in results:
            if isinstance(result, Unreadable):  # already named on standard error
                continue
            target.writelines((result.rendered,) if result.rendered is not None else render(result))
    finally:
        if wrapped is not None:
            wrapped.flush()
            wrapped.detach()  # the caller's stream stays open
