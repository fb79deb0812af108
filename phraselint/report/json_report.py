"""JSON output: a stable contract for other tools (version 1, documented in the README).

The document is written file by file and finding by finding, as `json.dumps` of the whole
would write it, so that a 100 MB transcript's tens of thousands of findings never sit in
memory twice more as dictionaries and as one long string.
"""

from __future__ import annotations

import json
from typing import Callable, Iterable, Iterator, TextIO

from ..model import Rule
from . import FileResult, Unreadable, summary, tally


def document(results: list[FileResult], unreadable: list[Unreadable] | tuple[Unreadable, ...] = ()) -> dict:
    """The whole document as one value (for library callers; `report` writes the same text piece by piece)."""
    return {
        "version": 1,
        "files": [_file(r, [f.to_dict() for f in r.findings]) for r in results],
        "errors": [_error(u) for u in unreadable],
        "summary": summary(results),
    }


def rule_to_dict(rule: Rule) -> dict:
    """A rule as `phraselint rules --format json` and the HTTP service's /v1/rules list it."""
    return {
        "id": rule.id, "level": str(rule.level), "category": rule.category, "pack": rule.pack,
        "type": rule.type, "message": rule.message, "phrases": list(rule.phrases),
        "rewrites": [r.text for r in rule.rewrites], "source": rule.source,
    }

def _file(result: FileResult, findings: list) -> dict:
    """One file's object of the `files` list (the contract, README): `polite` only when asked for."""
    entry = {"path": result.path, "script": result.script, "variant": result.variant or "cn", "findings": findings}
    if result.polite is not None:
        entry["polite"] = result.polite
    return entry


def _error(unreadable: Unreadable) -> dict:
    """An input that could not be read: the `errors` list of the contract (README)."""
    return {"path": unreadable.path, "message": unreadable.message}


class _Layout:
    """How json.dumps lays the document out: indented for a person at a terminal; compact for
    a program, where json's C encoder writes tens of thousands of findings ten times faster."""

    def __init__(self, out: TextIO) -> None:
        self.readable = out.isatty() if hasattr(out, "isatty") else False
        self._encode = json.JSONEncoder(ensure_ascii=False, indent=2 if self.readable else None).encode

    def dump(self, value, depth: int) -> str:
        """`value` as it appears `depth` levels deep in the document."""
        text = self._encode(value)
        return text.replace("\n", "\n" + "  " * depth) if self.readable else text

    # what json.dumps puts between items, and around the items of a non-empty list, at each depth
    def gap(self, depth: int) -> str:
        return ",\n" + "  " * depth if self.readable else ", "

    def opening(self, depth: int) -> str:
        return "\n" + "  " * depth if self.readable else ""

    def closing(self, depth: int) -> str:
        return "\n" + "  " * (depth - 1) if self.readable else ""


def renderer(out: TextIO, color: bool, ui=None) -> Callable[[FileResult], Iterator[str]]:
    """One file's object in the "files" list, finding by finding (see reporters.renderer)."""
    layout = _Layout(out)
    dump, gap, opening, closing = layout.dump, layout.gap, layout.opening, layout.closing

    def render(result: FileResult) -> Iterator[str]:
        yield "".join(("{", opening(3), '"path": ', dump(result.path, 3), gap(3), '"script": ', dump(result.script, 3),
                       gap(3), '"variant": ', dump(result.variant or "cn", 3), gap(3), '"findings": ['))
        for i, finding in enumerate(result.findings):
            yield (gap(4) if i else opening(4)) + dump(finding.to_dict(), 4)
        polite = "" if result.polite is None else gap(3) + '"polite": ' + dump(result.polite, 3)
        yield (closing(4) if result.findings else "") + "]" + polite + closing(3) + "}"

    return render


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui=None) -> None:
    """`ui` is not used: JSON's keys are the contract, and its texts are the findings' own."""
    layout = _Layout(out)
    render = renderer(out, color)
    out.write("{" + layout.opening(1) + '"version": 1' + layout.gap(1) + '"files": [')
    counts = summary([])
    errors: list[dict] = []  # written after the files: few, and known only as the run goes
    for result in results:
        if isinstance(result, Unreadable):
            errors.append(_error(result))
            continue
        out.write(layout.gap(2) if counts["files"] else layout.opening(2))
        out.writelines((result.rendered,) if result.rendered is not None else render(result))
        tally(counts, result)
    out.write((layout.closing(2) if counts["files"] else "") + "]" + layout.gap(1) + '"errors": '
              + layout.dump(errors, 1) + layout.gap(1) + '"summary": ' + layout.dump(counts, 1) + layout.closing(1) + "}\n")
