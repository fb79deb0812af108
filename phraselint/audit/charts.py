"""The audit dashboard's four charts, built with plotly.py from aggregates (never one point per
finding: a month of a call centre's findings is 100,000 rows, and a chart of the top intents
needs a dozen bars). Each function returns a plotly Figure, or None when there is nothing to
draw; dashboard.py places them in the page and says "no data" for a None.

Plotly renders its text as a small subset of HTML, so every label that comes from the data
(agent ids, team names, intents) is entity-escaped first: an agent called "<b>x</b>" shows as
written. Axes that hold dates are categories, not plotly date axes, whose month names would
be English on a Chinese page.
"""

from __future__ import annotations

import datetime
import html
from collections import Counter
from typing import Callable

import plotly.graph_objects as go

from ..report.stats import LEVELS

TOP_INTENTS = 12
TOP_AGENTS = 20
TOP_TEAMS = 20
WEEKLY_AFTER_DAYS = 92  # a longer range is drawn per week: 365 daily bars read as noise
LABEL_CHARS = 32
COLOURS = {"error": "#c92a2a", "warning": "#e67700", "suggestion": "#1864ab"}
RATE_COLOUR = "#495057"

# "none", not plotly_white: a named template travels in full (7 KB) with every figure
TEMPLATE = {"layout": {"paper_bgcolor": "white", "plot_bgcolor": "white", "colorway": ["#1864ab", "#e67700"],
                       "xaxis": {"gridcolor": "#e9ecef", "zerolinecolor": "#ced4da"},
                       "yaxis": {"gridcolor": "#e9ecef", "zerolinecolor": "#ced4da"}}}

Words = Callable[[str], str]  # a label's key -> its text in the page's catalogue


def label(value: object) -> str:
    """A data value as plotly text: cut to LABEL_CHARS, HTML entities for plotly's markup."""
    text = "" if value is None else str(value)
    if len(text) > LABEL_CHARS:
        text = text[: LABEL_CHARS - 1] + "…"
    return html.escape(text, quote=False)


def _layout(fig: go.Figure, height: int, **extra) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10}, template=TEMPLATE,
                      font={"family": 'system-ui, "PingFang TC", "PingFang SC", "Microsoft YaHei", sans-serif'},
                      legend={"orientation": "h", "y": -0.15}, hoverlabel={"align": "left"}, **extra)
    return fig


def intents(findings: list[dict], word: Words) -> go.Figure | None:
    """The most frequent intents (a finding without one counts under its category, then its
    rule), each bar split by level: what staff most often get wrong, and how badly."""
    counts: Counter = Counter()
    for row in findings:
        level = row.get("level") if row.get("level") in LEVELS else "suggestion"
        counts[(row.get("intent") or row.get("category") or row.get("rule") or "?", level)] += 1
    totals: Counter = Counter()
    for (intent, _), n in counts.items():
        totals[intent] += n
    top = [intent for intent, _ in sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))[:TOP_INTENTS]]
    if not top:
        return None
    fig = go.Figure()
    for level in LEVELS:
        fig.add_bar(y=[label(i) for i in top], x=[counts[(i, level)] for i in top], orientation="h",
                    name=word(level), marker_color=COLOURS[level],
                    hovertemplate=f"%{{y}}<br>{label(word(level))}: %{{x}}<extra></extra>")
    return _layout(fig, 80 + 28 * len(top), barmode="stack",
                   yaxis={"autorange": "reversed", "type": "category", "automargin": True},
                   xaxis={"title": {"text": label(word("findings"))}})


def agents(summary: list[dict], teams: dict[str, str], word: Words) -> go.Figure | None:
    """Agents ranked by findings per 100 staff turns, worst first: a rate, so that an agent
    with many calls is not ranked below one with few only for being busy."""
    rows = [r for r in summary if r.get("scope") == "agent" and (r.get("staff_turns") or 0) > 0]
    rows.sort(key=lambda r: (-float(r.get("per_100_staff_turns") or 0), str(r.get("key"))))
    rows = rows[:TOP_AGENTS]
    if not rows:
        return None
    custom = [[r.get("findings") or 0, r.get("staff_turns") or 0, r.get("errors") or 0,
               label(teams.get(str(r.get("key")), "—"))] for r in rows]
    hover = (f"%{{y}}<br>{label(word('per_100'))}: %{{x:.1f}}<br>{label(word('findings'))}: %{{customdata[0]}}"
             f"<br>{label(word('errors'))}: %{{customdata[2]}}<br>{label(word('staff_turns'))}: %{{customdata[1]}}"
             f"<br>{label(word('team'))}: %{{customdata[3]}}<extra></extra>")
    fig = go.Figure(go.Bar(y=[label(r.get("key")) for r in rows], x=[float(r.get("per_100_staff_turns") or 0) for r in rows],
                           orientation="h", customdata=custom, hovertemplate=hover, marker_color=COLOURS["warning"],
                           text=[f"{float(r.get('per_100_staff_turns') or 0):.1f}" for r in rows], textposition="auto"))
    return _layout(fig, 80 + 26 * len(rows), showlegend=False,
                   yaxis={"autorange": "reversed", "type": "category", "automargin": True},
                   xaxis={"title": {"text": label(word("per_100"))}})


def _day(key: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(key)[:10])
    except ValueError:
        return None


def periods(summary: list[dict]) -> tuple[str, list[tuple[str, int, int]]]:
    """("day" or "week", [(period, findings, staff turns)] in date order) from the summary's
    day rows; a range longer than WEEKLY_AFTER_DAYS is summed per ISO week (its Monday)."""
    days: dict[datetime.date, list[int]] = {}
    for r in summary:
        day = _day(r.get("key")) if r.get("scope") == "day" else None
        if day is not None:
            entry = days.setdefault(day, [0, 0])
            entry[0] += int(r.get("findings") or 0)
            entry[1] += int(r.get("staff_turns") or 0)
    if not days:
        return "day", []
    first, last = min(days), max(days)
    unit = "week" if (last - first).days > WEEKLY_AFTER_DAYS else "day"
    grouped: dict[datetime.date, list[int]] = {}
    for day in sorted(days):
        start = day - datetime.timedelta(days=day.weekday()) if unit == "week" else day
        entry = grouped.setdefault(start, [0, 0])
        entry[0] += days[day][0]
        entry[1] += days[day][1]
    return unit, [(start.isoformat(), n, turns) for start, (n, turns) in grouped.items()]


def trend(summary: list[dict], word: Words) -> tuple[str, go.Figure | None]:
    """Findings per day (or week) as bars, and findings per 100 staff turns as a line on its
    own axis: whether a day was bad because it was busy or because staff slipped."""
    unit, rows = periods(summary)
    if not rows:
        return unit, None
    keys = [key for key, _, _ in rows]
    rates = [round(100 * n / turns, 2) if turns else None for _, n, turns in rows]
    fig = go.Figure()
    fig.add_bar(x=keys, y=[n for _, n, _ in rows], name=word("findings"), marker_color="#a5d8ff",
                hovertemplate=f"%{{x}}<br>{label(word('findings'))}: %{{y}}<extra></extra>")
    fig.add_scatter(x=keys, y=rates, name=word("per_100"), yaxis="y2", mode="lines+markers",
                    line={"color": RATE_COLOUR}, hovertemplate=f"%{{x}}<br>{label(word('per_100'))}: %{{y}}<extra></extra>")
    return unit, _layout(fig, 340, xaxis={"type": "category", "title": {"text": label(word(unit))}},
                         yaxis={"title": {"text": label(word("findings"))}, "rangemode": "tozero"},
                         yaxis2={"title": {"text": label(word("per_100"))}, "overlaying": "y", "side": "right",
                                 "rangemode": "tozero", "showgrid": False})


def compliance_rows(summary: list[dict]) -> tuple[str, list[tuple[str, int, int]]]:
    """("team" or "agent", [(key, calls, calls missing the required wording)]): per team, or
    per agent when the audit had no team column."""
    for scope in ("team", "agent"):
        rows = [(str(r.get("key")), int(r.get("calls") or 0), int(r.get("calls_missing_required") or 0))
                for r in summary if r.get("scope") == scope and (r.get("calls") or 0) > 0]
        if rows:
            return scope, rows
    return "team", []


def compliance(summary: list[dict], word: Words) -> go.Figure | None:
    """The share of calls in which staff said the required wording (greeting, closing…), per
    team, lowest first: the teams to coach."""
    _, rows = compliance_rows(summary)
    rows.sort(key=lambda row: (1 - row[2] / row[1], row[0]))
    rows = rows[:TOP_TEAMS]
    if not rows:
        return None
    shares = [round(100 * (1 - missing / calls), 1) for _, calls, missing in rows]
    custom = [[calls, missing] for _, calls, missing in rows]
    hover = (f"%{{y}}<br>{label(word('compliance'))}: %{{x}}%<br>{label(word('calls'))}: %{{customdata[0]}}"
             f"<br>{label(word('missing'))}: %{{customdata[1]}}<extra></extra>")
    fig = go.Figure(go.Bar(y=[label(key) for key, _, _ in rows], x=shares, orientation="h", customdata=custom,
                           hovertemplate=hover, text=[f"{share:.1f}%" for share in shares], textposition="auto",
                           marker_color=["#2b8a3e" if share >= 95 else COLOURS["warning"] if share >= 80 else COLOURS["error"]
                                         for share in shares]))
    return _layout(fig, 80 + 26 * len(rows), showlegend=False,
                   yaxis={"autorange": "reversed", "type": "category", "automargin": True},
                   xaxis={"title": {"text": label(word("compliance_axis"))}, "range": [0, 100]})
