"""`phraselint audit … --report audit.html`: one self-contained page a quality manager reads at
a glance — the totals, the top intents, agents ranked by findings per 100 staff turns, the
trend per day (per week over a long range), required-wording compliance per team, the top
rules — and then the worst calls with their findings in context (calls.py).

The charts are plotly.py figures (charts.py) drawn by plotly.js, which is inlined once: the
page loads nothing from the network, so it opens on a quality manager's laptop off the
intranet and leaks nothing. plotly.js is most of the page (about 4.8 MB); what the audit adds
is aggregates and a capped list of calls, so 100,000 findings make a page of the same order.
A page with no finding has no chart, and no plotly.js.

The page is in one interface language, the reader's: the variant (cn, tw, hk) picks the
script and region, as the HTML report's does (i18n/choice.py).
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from pathlib import Path

from plotly.offline import get_plotlyjs
from plotly.utils import PlotlyJSONEncoder

from ..i18n.catalogue import Catalogue
from ..i18n.choice import N_, Interface
from ..version import __version__
from . import worst_calls as calls_view
from . import charts

# The page's words as msgids (i18n/): shown through the page's catalogue.
WORDS = {
    "title": N_("Quality audit"),
    "findings": N_("Findings"), "errors": N_("Errors"), "calls": N_("Calls"), "staff_turns": N_("Staff turns"),
    "per_100": N_("Findings per 100 staff turns"), "calls_with_error": N_("Calls with an error"),
    "compliance": N_("Required wording said"), "missing": N_("Calls missing the required wording"),
    "compliance_axis": N_("Share of calls with the required wording (%)"),
    "team": N_("Team"), "agent": N_("Agent"), "day": N_("Day"), "week": N_("Week (from Monday)"),
    "rule": N_("Rule"),
    "top_intents": N_("Top intents"), "top_agents": N_("Agents by findings per 100 staff turns (worst first)"),
    "trend_day": N_("Findings per day"), "trend_week": N_("Findings per week"),
    "compliance_team": N_("Required-wording compliance by team (lowest first)"),
    "compliance_agent": N_("Required-wording compliance by agent (lowest first)"),
    "top_rules": N_("Top rules"), "worst_calls": N_("Worst calls"),
    "no_findings": N_("No findings: every audited staff turn is clean."),
    "no_data": N_("No data for this chart."),
    "no_calls": N_("No call to show."),
    "calls_shown": N_("The {shown} worst of the {total} calls given, most errors first."),
    "call_head": N_("Call {call} · agent {agents} · team {teams} · {findings} findings, {errors} errors"),
    "turn_head": N_("Turn {turn} · {role}"),
    "turns_left_out": N_("… {n} turns without findings not shown …"),
    "notes_left_out": N_("… and {n} more findings in this call …"),
    "suggestion_is": N_("Suggestion: {suggestion}"),
    "staff": N_("Staff"), "customer": N_("Customer"),
    "needs_script": N_("The charts need the browser to run this page's own script (it uses no network)."),
    "footer": N_("phraselint {version} · quality audit"),
}
LEVEL_WORDS = {"error": N_("error"), "warning": N_("warning"), "suggestion": N_("suggestion")}
TOP_RULES = 10
CONFIG = {"displayModeBar": False, "responsive": True}  # no toolbar: its tooltips are plotly's English


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _script_json(value: object) -> str:
    """JSON safe inside a <script> element: no "<", ">" or "&" that could end it."""
    text = json.dumps(value, cls=PlotlyJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class _Words:
    """The page's words in its catalogue, called as word(key, **values)."""

    def __init__(self, t: Catalogue) -> None:
        self.t = t

    def __call__(self, key: str, **values: object) -> str:
        msgid = WORDS.get(key) or LEVEL_WORDS.get(key) or key
        return self.t.tr(msgid, **values)


def totals(findings: list[dict], summary: list[dict]) -> dict[str, float]:
    """The headline numbers. Staff turns are summed over agents (each staff turn has one
    agent); calls over days, else teams, else agents (a call has one day; it may have two
    agents, so the agent sum is the last resort)."""
    staff_turns = sum(int(r.get("staff_turns") or 0) for r in summary if r.get("scope") == "agent")
    calls = with_error = 0
    for scope in ("day", "team", "agent"):
        rows = [r for r in summary if r.get("scope") == scope]
        if rows:
            calls = sum(int(r.get("calls") or 0) for r in rows)
            with_error = sum(int(r.get("calls_with_error") or 0) for r in rows)
            break
    scope, rows = charts.compliance_rows(summary)
    called = sum(c for _, c, _ in rows)
    kept = 100 * (1 - sum(m for _, _, m in rows) / called) if called else None
    return {"findings": len(findings), "errors": sum(r.get("level") == "error" for r in findings),
            "calls": calls, "calls_with_error": with_error, "staff_turns": staff_turns,
            "per_100": 100 * len(findings) / staff_turns if staff_turns else None, "compliance": kept}


NUMBERS = ("staff_turns", "calls", "findings", "errors", "calls_with_error", "calls_missing_required")


def _number(value: object, kind: type = int) -> int | float:
    try:
        number = kind(value)  # type: ignore[call-arg]
    except (TypeError, ValueError, OverflowError):
        return kind(0)
    return number if number == number and abs(number) != float("inf") else kind(0)  # NaN, ±inf: 0


def cleaned(summary: list, findings: list) -> tuple[list[dict], list[dict]]:
    """The rows as the charts read them: dicts only, counts as numbers (a missing, blank or
    malformed count is 0), so that one odd row of an exported table costs its own bar, not the
    page."""
    rows = []
    for row in summary:
        if isinstance(row, dict):
            row = dict(row, **{key: _number(row.get(key)) for key in NUMBERS})
            row["per_100_staff_turns"] = _number(row.get("per_100_staff_turns"), float)
            rows.append(row)
    return rows, [row for row in findings if isinstance(row, dict)]


def _tiles(numbers: dict, word: _Words) -> str:
    def shown(key: str) -> str:
        value = numbers[key]
        if value is None:
            return "—"
        return f"{value:.1f}%" if key == "compliance" else f"{value:.1f}" if key == "per_100" else f"{int(value):,}"
    keys = ("findings", "errors", "per_100", "calls", "calls_with_error", "staff_turns", "compliance")
    return '<div class="tiles">' + "".join(
        f'<div class="tile {key}"><div class="v">{_e(shown(key))}</div><div class="k">{_e(word(key))}</div></div>'
        for key in keys) + "</div>"


def _rules_table(summary: list[dict], word: _Words) -> str:
    rows = sorted((r for r in summary if r.get("scope") == "rule"),
                  key=lambda r: (-int(r.get("findings") or 0), str(r.get("key"))))[:TOP_RULES]
    if not rows:
        return f'<p class="none">{_e(word("no_data"))}</p>'
    head = "".join(f"<th>{_e(word(k))}</th>" for k in ("rule", "findings", "errors", "missing"))
    body = "".join(f'<tr><td><code>{_e(r.get("key"))}</code></td><td class="n">{int(r.get("findings") or 0)}</td>'
                   f'<td class="n">{int(r.get("errors") or 0)}</td>'
                   f'<td class="n">{int(r.get("calls_missing_required") or 0)}</td></tr>' for r in rows)
    return f'<table class="rules"><tr>{head}</tr>{body}</table>'


def _charts(findings: list[dict], summary: list[dict], word: _Words) -> list[tuple[str, object]]:
    """(heading, figure or None) for each chart, in the page's order."""
    teams: dict[str, str] = {}
    for row in findings:
        if row.get("agent_id") is not None and row.get("team"):
            teams.setdefault(str(row["agent_id"]), str(row["team"]))
    unit, trend = charts.trend(summary, word)
    scope, _ = charts.compliance_rows(summary)
    return [(word("top_intents"), charts.intents(findings, word)),
            (word("top_agents"), charts.agents(summary, teams, word)),
            (word("trend_week" if unit == "week" else "trend_day"), trend),
            (word("compliance_agent" if scope == "agent" else "compliance_team"), charts.compliance(summary, word))]


def page(findings: list[dict], summary: list[dict], calls: dict[str, list[dict]], t: Catalogue) -> str:
    """The whole page as a string."""
    word = _Words(t)
    title = _e(word("title"))
    parts = ["<!DOCTYPE html>\n", f'<html lang="{_e(t.locale.replace("_", "-"))}">\n<head>\n<meta charset="utf-8">\n',
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
             f'<meta name="generator" content="phraselint {_e(__version__)}">\n',
             f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
             _tiles(totals(findings, summary), word)]
    figures = []
    if not findings:
        parts.append(f'<p class="none clean">{_e(word("no_findings"))}</p>\n')
    else:
        parts.append(f'<noscript><p>{_e(word("needs_script"))}</p></noscript>\n<div class="grid">\n')
        for index, (heading, figure) in enumerate(_charts(findings, summary, word)):
            parts.append(f'<section class="panel"><h2>{_e(heading)}</h2>')
            if figure is None:
                parts.append(f'<p class="none">{_e(word("no_data"))}</p></section>\n')
                continue
            chart_id = f"pl-chart-{index}"
            plain = figure.to_plotly_json()
            figures.append({"id": chart_id, "data": plain["data"], "layout": plain["layout"]})
            parts.append(f'<div class="chart" id="{chart_id}"></div></section>\n')
        parts.append(f'<section class="panel"><h2>{_e(word("top_rules"))}</h2>{_rules_table(summary, word)}</section>\n')
        parts.append("</div>\n")
        parts.append(f'<h2>{_e(word("worst_calls"))}</h2>\n<div class="calls">{calls_view.section(calls, findings, word)}</div>\n')
    parts.append(f'<footer>{_e(word("footer", version=__version__))}</footer>\n')
    if figures:
        parts.append(f'<script id="pl-figures" type="application/json">{_script_json(figures)}</script>\n'
                     f'<script id="pl-config" type="application/json">{_script_json(CONFIG)}</script>\n'
                     f"<script>{get_plotlyjs()}</script>\n<script>{RENDER}</script>\n")
    else:
        parts.append("<script>document.body.dataset.ready = 'true';</script>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)


def write_dashboard(path, findings: list[dict], summary: list[dict], calls: dict[str, list[dict]], *,
                    variant: str | None = None, lang: str | None = None) -> None:
    """Write the audit's page to `path`, atomically: a temporary file in the same folder,
    renamed over `path` when complete, so an interrupted or failing write leaves the old file
    (or none), never half a page. `variant` (cn, tw, hk) and `lang` (zh, en) pick its words."""
    t = Interface(lang, variant).of(variant)
    summary, findings = cleaned(list(summary or []), list(findings or []))
    text = page(findings, summary, dict(calls or {}), t)
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _mode(target: Path) -> int:
    """The page's permissions: those of the file it replaces, else readable by all (mkstemp's
    0600 would hide a report meant to be shared)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


# Draws each figure from its JSON; marks the body ready (the browser check waits for it).
RENDER = """(function () {
  var figures = JSON.parse(document.getElementById('pl-figures').textContent);
  var config = JSON.parse(document.getElementById('pl-config').textContent);
  Promise.all(figures.map(function (f) { return Plotly.newPlot(f.id, f.data, f.layout, config); }))
    .then(function () { document.body.dataset.ready = 'true'; });
})();"""

CSS = """
:root { --error: #c92a2a; --error-bg: #ffe3e3; --warning: #e67700; --warning-bg: #fff3bf;
        --suggestion: #1864ab; --suggestion-bg: #d0ebff; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 80em; padding: 1.5em; color: #212529; background: #fff;
       font: 16px/1.6 system-ui, -apple-system, "PingFang TC", "PingFang SC", "Microsoft YaHei", sans-serif; }
h1 { font-size: 1.6em; margin: 0 0 .5em; } h2 { font-size: 1.15em; margin: .2em 0 .4em; }
.tiles { display: flex; flex-wrap: wrap; gap: .8em; margin-bottom: 1.2em; }
.tile { border: 1px solid #dee2e6; border-radius: .4em; padding: .5em 1em; min-width: 9em; }
.tile .v { font-size: 1.6em; font-weight: 600; font-variant-numeric: tabular-nums; }
.tile .k { color: #495057; font-size: .9em; } .tile.errors .v { color: var(--error); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(30em, 1fr)); gap: 1em; margin-bottom: 1.5em; }
.panel { border: 1px solid #dee2e6; border-radius: .4em; padding: .6em .8em; min-width: 0; }
.none { color: #495057; } .clean { font-size: 1.2em; }
table { border-collapse: collapse; } th, td { border-bottom: 1px solid #dee2e6; padding: .2em .7em; text-align: left; }
th { background: #f1f3f5; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
.badge { display: inline-block; border-radius: .3em; padding: 0 .45em; font-size: .85em; color: #fff; white-space: nowrap; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.suggestion { background: var(--suggestion); }
details.call { border: 1px solid #dee2e6; border-radius: .4em; margin: .6em 0; padding: .3em .8em; }
details.call summary { cursor: pointer; font-weight: 600; }
.turn { margin: .4em 0; padding: .2em .6em; border-left: 3px solid #dee2e6; }
.turn.staff { border-left-color: #74c0fc; } .who { color: #495057; font-size: .85em; }
.said { white-space: pre-wrap; word-break: break-word; }
mark { border-radius: .15em; color: inherit; } sup { color: #495057; }
mark.error { background: var(--error-bg); border-bottom: 2px solid var(--error); }
mark.warning { background: var(--warning-bg); border-bottom: 2px solid var(--warning); }
mark.suggestion { background: var(--suggestion-bg); border-bottom: 2px dotted var(--suggestion); }
ol.notes { list-style: none; margin: .2em 0 .4em; padding: 0 0 0 .5em; font-size: .95em; }
ol.notes li { margin: .15em 0; } .advice { color: #2b8a3e; margin-left: 1.5em; }
.gap { color: #868e96; font-size: .85em; margin: .3em 0; }
footer { color: #868e96; font-size: .85em; margin-top: 2em; }
"""
