"""The worst calls of an audit as HTML: each call's turns in order, the findings' spans marked
in the turn's text at their offsets (code points, as the findings table gives them), and under
each turn its findings with their message and suggestion.

A quality manager reads a few dozen calls, not thousands, and a call of 400 turns is read
around its findings: so the list is capped (MAX_CALLS), a long call shows only the turns near
a finding, and a very long turn only the stretch around its spans. Everything from the data is
escaped here; nothing of it reaches the page as markup.
"""

from __future__ import annotations

import html
from typing import Callable

from ..report.stats import LEVELS

MAX_CALLS = 30
MAX_TURNS = 40  # a call longer than this shows the turns with findings and one either side
MAX_NOTES = 60  # findings listed per call
TEXT_CHARS = 1200  # a longer turn is cut to the stretch around its spans
AROUND = 200
RANK = {level: i for i, level in enumerate(LEVELS)}

Words = Callable[..., str]  # (key, **values) -> the words in the page's catalogue


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def group(findings: list[dict], wanted: set[str]) -> dict[str, list[dict]]:
    """The findings of the calls in `wanted`, by call id, in turn and offset order (one pass)."""
    by_call: dict[str, list[dict]] = {}
    for row in findings:
        call = str(row.get("call_id"))
        if call in wanted:
            by_call.setdefault(call, []).append(row)
    for rows in by_call.values():
        rows.sort(key=lambda r: (_int(r.get("turn")), _int(r.get("offset")), RANK.get(r.get("level"), 3)))
    return by_call


def _int(value: object, default: int = -1) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def worst(calls: dict[str, list[dict]], by_call: dict[str, list[dict]]) -> list[str]:
    """The call ids to show, worst first: most errors, then most findings, capped at MAX_CALLS."""
    def badness(call: str) -> tuple:
        rows = by_call.get(call, [])
        return (-sum(r.get("level") == "error" for r in rows), -len(rows), call)
    return sorted(calls, key=badness)[:MAX_CALLS]


def _spans(text: str, rows: list[tuple[int, dict]]) -> list[tuple[int, int, int, str]]:
    """(start, end, number, level) for the findings whose offsets fall in `text`, overlaps cut
    so that each character is marked once (the first finding there keeps it)."""
    spans = []
    edge = 0
    for number, row in sorted(rows, key=lambda item: (_int(item[1].get("offset")), item[0])):
        start, end = _int(row.get("offset")), _int(row.get("end_offset"))
        if not 0 <= start < end <= len(text):
            continue  # offsets that do not fit the turn: the finding is still listed below it
        start = max(start, edge)
        if start < end:
            spans.append((start, end, number, row.get("level") if row.get("level") in LEVELS else "suggestion"))
            edge = end
    return spans


def _window(text: str, spans: list[tuple[int, int, int, str]]) -> tuple[int, int]:
    if len(text) <= TEXT_CHARS:
        return 0, len(text)
    if not spans:
        return 0, TEXT_CHARS
    first = max(0, spans[0][0] - AROUND)
    return first, min(len(text), max(spans[-1][1] + AROUND, first + AROUND), first + TEXT_CHARS)


def marked(text: str, rows: list[tuple[int, dict]]) -> str:
    """The turn's text as HTML, each finding's span in a <mark> with its number after it."""
    spans = _spans(text, rows)
    first, last = _window(text, spans)
    out = ["…" if first else ""]
    at = first
    for start, end, number, level in spans:
        if start < first or end > last:
            continue
        out.append(_e(text[at:start]))
        out.append(f'<mark class="{level}">{_e(text[start:end])}</mark><sup>{number}</sup>')
        at = end
    out.append(_e(text[at:last]))
    out.append("…" if last < len(text) else "")
    return "".join(out)


def _shown_turns(turns: list[dict], flagged: set[int]) -> list[dict | int]:
    """The turns to show: all of a short call; of a long one, those near a finding, with the
    number of turns left out between them."""
    if len(turns) <= MAX_TURNS:
        return list(turns)
    keep = {i for i, turn in enumerate(turns) if _int(turn.get("turn")) in flagged}
    keep |= {i + d for i in keep for d in (-1, 1)}
    shown: list[dict | int] = []
    gap = 0
    for i, turn in enumerate(turns):
        if i in keep and len(shown) < 3 * MAX_TURNS:
            if gap:
                shown.append(gap)
            shown.append(turn)
            gap = 0
        else:
            gap += 1
    if gap:
        shown.append(gap)
    return shown


def _note(number: int, row: dict, word: Words) -> str:
    level = row.get("level") if row.get("level") in LEVELS else "suggestion"
    suggestion = row.get("suggestion")
    advice = f'<div class="advice">{_e(word("suggestion_is", suggestion=suggestion))}</div>' if suggestion else ""
    return (f'<li class="{level}"><sup>{number}</sup> <span class="badge {level}">{_e(word(level))}</span> '
            f'<code>{_e(row.get("rule"))}</code> <q>{_e(row.get("match"))}</q> '
            f'<span class="message">{_e(row.get("message"))}</span>{advice}</li>')


def _role(role: object, word: Words) -> str:
    return word("staff") if role == "staff" else word("customer") if role == "customer" else str(role or "")


def call_html(call: str, turns: list[dict], rows: list[dict], word: Words) -> str:
    """One call: its heading (agent, team, counts) and its turns with their findings."""
    numbered = list(enumerate(rows[:MAX_NOTES], 1))
    by_turn: dict[int, list[tuple[int, dict]]] = {}
    for number, row in numbered:
        by_turn.setdefault(_int(row.get("turn")), []).append((number, row))
    agents = sorted({str(t.get("agent_id")) for t in turns if t.get("agent_id")} |
                    {str(r.get("agent_id")) for r in rows if r.get("agent_id")})
    teams = sorted({str(r.get("team")) for r in rows if r.get("team")})
    errors = sum(r.get("level") == "error" for r in rows)
    head = word("call_head", call=call, agents=word(", ").join(agents) or "—", teams=word(", ").join(teams) or "—",
                findings=len(rows), errors=errors)
    parts = [f'<details class="call"{" open" if errors else ""}><summary>{_e(head)}</summary>']
    seen: set[int] = set()
    for item in _shown_turns(turns, set(by_turn)):
        if isinstance(item, int):
            parts.append(f'<div class="gap">{_e(word("turns_left_out", n=item))}</div>')
            continue
        number = _int(item.get("turn"))
        notes = by_turn.get(number, [])
        seen.add(number)
        who = _role(item.get("role"), word)
        parts.append(f'<div class="turn {"staff" if item.get("role") == "staff" else "other"}">'
                     f'<div class="who">{_e(word("turn_head", turn=number, role=who))}</div>'
                     f'<div class="said">{marked(str(item.get("text") or ""), notes)}</div>')
        if notes:
            parts.append('<ol class="notes">' + "".join(_note(n, row, word) for n, row in notes) + "</ol>")
        parts.append("</div>")
    unplaced = [(n, row) for n, row in numbered if _int(row.get("turn")) not in seen]
    if unplaced:  # findings whose turn is not among the call's turns: still shown, without text
        parts.append('<ol class="notes">' + "".join(_note(n, row, word) for n, row in unplaced) + "</ol>")
    if len(rows) > MAX_NOTES:
        parts.append(f'<div class="gap">{_e(word("notes_left_out", n=len(rows) - MAX_NOTES))}</div>')
    parts.append("</details>")
    return "".join(parts)


def section(calls: dict[str, list[dict]], findings: list[dict], word: Words) -> str:
    """The worst calls, capped, or a line saying there are none to show."""
    wanted = {str(call) for call in calls}
    by_call = group(findings, wanted)
    turns_of = {str(call): [t for t in turns if isinstance(t, dict)] if isinstance(turns, list) else []
                for call, turns in calls.items()}
    chosen = worst(turns_of, by_call)
    if not chosen:
        return f'<p class="none">{_e(word("no_calls"))}</p>'
    intro = word("calls_shown", shown=len(chosen), total=len(calls))
    body = "".join(call_html(call, turns_of[call], by_call.get(call, []), word) for call in chosen)
    return f'<p class="intro">{_e(intro)}</p>{body}'
