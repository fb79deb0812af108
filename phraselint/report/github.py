"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, TextIO

from ..i18n.choice import Interface
from ..model import Level, Rule
from . import FileResult, Unreadable
from .controls import visible

_COMMAND = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "notice"}


def _data(value: str) -> str:
    """A workflow command's text: % and line ends encoded as the runner expects; control
    characters escaped (see controls.py), since the log is shown in a terminal-like viewer."""
    return visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def renderer(out: TextIO, color: bool, ui: Interface | None = None) -> Callable[[FileResult], Iterator[str]]:
    """One file's part of the report, line by line (see reporters.renderer)."""
    ui = ui or Interface()
    return lambda result: _render(result, ui)


def _render(result: FileResult, ui: Interface) -> Iterator[str]:
    t = ui.of(result.variant)
    for f in result.findings:
        message = f.message
        if f.suggestions:
            message += "\n" + t.tr("Suggestions: {suggestions}", suggestions=" / ".join(f.suggestions))
        properties = (
            f"file={_property(result.path)},line={f.line},col={f.column},"
            f"endLine={f.end_line},endColumn={f.end_column},title={_property(f.rule)}"
        )
        yield f"::{_COMMAND[f.level]} {properties}::{_data(message)}\n"


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui: Interface | None = None) -> None:
    ui = ui or Interface()
    for result in results:
        if isinstance(result, Unreadable):  # an error annotation on the file that was not checked
            title = _property("phraselint: " + ui.of().tr("not checked"))
            out.write(f"::error file={_property(result.path)},title={title}::{_data(result.shown(ui.of()))}\n")
            continue
        out.writelines((result.rendered,) if result.rendered is not None else _render(result, ui))
