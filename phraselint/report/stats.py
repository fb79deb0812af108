"""Counts of findings for trainers reviewing a folder (`check --stats`), and the numbers the
HTML report's summary tables are built from."""

from __future__ import annotations

from ..i18n.choice import N_, Interface
from ..model import Level
from . import FileResult
from .text import counted
from .window import display_width

LEVELS = ("error", "warning", "suggestion")
# the levels' names are msgids: a report shows t.tr(level) (i18n/)
LEVEL_NAMES = {"error": N_("error"), "warning": N_("warning"), "suggestion": N_("suggestion")}


def stats(results: list[FileResult]) -> dict:
    """Counts by level, by category and by rule (each with its category and level), most frequent first.

    {"files": 6, "files_with_findings": 4, "findings": 12,
     "by_level": {"error": 6, "warning": 3, "suggestion": 3},
     "by_category": {"inquiry": 5, ...},
     "by_rule": {"inquiry.dont-know": {"count": 2, "category": "inquiry", "level": "error"}, ...}}

    A rule's level is the highest at which it was reported (a quoted mention is a suggestion).
    """
    by_level = {level: 0 for level in LEVELS}
    by_category: dict[str, int] = {}
    by_rule: dict[str, dict] = {}
    files_with_findings = 0
    for result in results:
        if result.findings:
            files_with_findings += 1
        for finding in result.findings:
            level = str(finding.level)
            by_level[level] += 1
            by_category[finding.category] = by_category.get(finding.category, 0) + 1
            entry = by_rule.setdefault(finding.rule, {"count": 0, "category": finding.category, "level": level})
            entry["count"] += 1
            if finding.level > Level.parse(entry["level"]):
                entry["level"] = level
    return {
        "files": len(results),
        "files_with_findings": files_with_findings,
        "findings": sum(by_level.values()),
        "by_level": by_level,
        "by_category": dict(sorted(by_category.items(), key=lambda item: (-item[1], item[0]))),
        "by_rule": dict(sorted(
            by_rule.items(),
            key=lambda item: (-item[1]["count"], -Level.parse(item[1]["level"]), item[0]),
        )),
    }


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]], numeric: set[int]) -> list[str]:
    """Columns padded by display width (CJK characters take two columns); numeric columns right-aligned."""
    widths = [max(display_width(cell) for cell in column) for column in zip(headers, *rows)]

    def line(cells: tuple[str, ...]) -> str:
        padded = []
        for i, cell in enumerate(cells):
            gap = " " * (widths[i] - display_width(cell))
            padded.append(gap + cell if i in numeric else cell + gap)
        return ("  " + "  ".join(padded)).rstrip()

    return [line(headers), "  " + "  ".join("-" * width for width in widths)] + [line(row) for row in rows]


def render_stats(results: list[FileResult], t=None) -> str:
    """A plain-text table of findings by category and by rule, most frequent first, its words
    from the catalogue `t` (default: mainland Chinese); ends with a newline."""
    t = t or Interface().of()
    data = stats(results)
    files = counted(t, data["files"], "file")
    if data["findings"] == 0:
        return t.tr("Statistics: no findings in {files}.", files=files) + "\n"
    lines = [t.tr("Findings by category")]
    lines += _table(
        (t.tr("category"), t.tr("count")),
        [(category, str(count)) for category, count in data["by_category"].items()],
        numeric={1},
    )
    lines += ["", t.tr("Findings by rule")]
    lines += _table(
        (t.tr("rule"), t.tr("level"), t.tr("category"), t.tr("count")),
        [(rule, t.tr(entry["level"]), entry["category"], str(entry["count"])) for rule, entry in data["by_rule"].items()],
        numeric={3},
    )
    levels = t.tr(", ").join(counted(t, data["by_level"][level], level) for level in LEVELS if data["by_level"][level])
    lines += ["", t.tr("{findings} ({levels}) in {affected} of {files}.", findings=counted(t, data["findings"], "finding"),
                       levels=levels, affected=data["files_with_findings"], files=files)]
    return "\n".join(lines) + "\n"
