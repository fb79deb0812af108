"""The text report of `phraselint eval`: a headline per set of files, then the tables, in the
run's interface language (`catalogue`; English when none is given, as a library caller reads it).
Label values from the corpora (intents, difficulties, kinds, regions), rule ids and category
names are the corpora's and packs' own names and are shown as they are."""

from __future__ import annotations

from typing import Any

from ..i18n.catalogue import catalogue as catalogue_of
from ..i18n.choice import ENGLISH, N_
from .evaluate import SPAN_LABELS, Evaluation, Score
from .window import display_width


def _pad(text: str, width: int, right: bool = False) -> str:
    """`text` padded to `width` columns (a Chinese heading is two columns a character)."""
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _table(tr, title: str, rows: dict[str, Score], recall_only: bool = False) -> list[str]:
    heads = [tr("precision"), tr("recall"), tr("F1"), tr("found"), tr("expected")]
    widths = [max(display_width(head), minimum) for head, minimum in zip(heads, (9, 6, 5, 5, 8))]
    width = max([display_width(title)] + [display_width(k) for k in rows])
    lines = ["  ".join([_pad(title, width), *(_pad(head, w, right=True) for head, w in zip(heads, widths))])]
    for name, score in sorted(rows.items()):
        if recall_only:
            cells = ["-", f"{score.recall:.3f}", "-", "-", str(score.expected)]
        else:
            cells = [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}", str(score.found), str(score.expected)]
        lines.append("  ".join([_pad(name, width), *(_pad(cell, w, right=True) for cell, w in zip(cells, widths))]))
    return lines



# the two ways of counting (Evaluation.mode), as the report names them
MODES = {"overlap": N_("overlap"), "one-to-one": N_("one-to-one")}


def headline(name: str, evaluation: Evaluation, catalogue: Any = None) -> str:
    """One line: the figures the targets are set on."""
    tr = (catalogue or catalogue_of(ENGLISH)).tr
    o = evaluation.overall
    label = name if evaluation.layer == "all" else tr("{name} ({layer} layer)", name=name, layer=evaluation.layer)
    parts = [tr("{label}: {items} items", label=label, items=len(evaluation.outcomes)),
             tr("precision {value}", value=f"{o.precision:.3f}"), tr("recall {value}", value=f"{o.recall:.3f}")]
    parts += [f"{value} {score.recall:.2f}" for value, score in sorted(evaluation.by_label.get("difficulty", {}).items())]
    if evaluation.trap_items:
        parts.append(tr("near-miss flagged {flagged}/{items} ({share})", flagged=evaluation.trap_items_flagged,
                        items=evaluation.trap_items, share=f"{evaluation.trap_share:.1%}"))
    return "  ".join(parts)


def render_text(evaluation: Evaluation, name: str | None = None, catalogue: Any = None) -> str:
    """One set's report: its figures, the tables by label, category and rule, then each false alarm and miss."""
    tr = (catalogue or catalogue_of(ENGLISH)).tr
    o = evaluation.overall
    mode = tr(MODES.get(evaluation.mode, evaluation.mode))
    how = mode if evaluation.layer == "all" else tr("{mode}, {layer} layer only", mode=mode, layer=evaluation.layer)
    lines = [f"== {name} ({how}) ==" if name else f"({how})",
             tr("items: {items}  findings: {found}  expected spans: {expected}", items=len(evaluation.outcomes),
                found=o.found, expected=o.expected),
             tr("overall  precision {precision}  recall {recall}  F1 {f1}", precision=f"{o.precision:.3f}",
                recall=f"{o.recall:.3f}", f1=f"{o.f1:.3f}")]
    if evaluation.below_level:
        lines.append(tr("findings below the counted level (not scored): {count}", count=evaluation.below_level))
    if evaluation.trap_items:
        lines.append(tr("near-miss items with a false alarm: {flagged} of {items} ({share})", flagged=evaluation.trap_items_flagged,
                        items=evaluation.trap_items, share=f"{evaluation.trap_share:.1%}"))
    for label in sorted(evaluation.by_label, key=lambda name: (name not in SPAN_LABELS, name)):
        rows = evaluation.by_label[label]  # a label only spans carry says nothing of precision
        lines += ["", *_table(tr, label, rows, recall_only=not any(score.found for score in rows.values()))]
    lines += ["", *_table(tr, tr("category"), evaluation.by_category), "", *_table(tr, tr("rule"), evaluation.by_rule)]
    false_alarms = [(o, f) for o in evaluation.outcomes for f in o.false_alarms]
    misses = [(o, e) for o in evaluation.outcomes for e in o.misses]
    lines += ["", tr("false alarms: {count}", count=len(false_alarms))]
    lines += ["  " + tr("{item}  {rule}「{match}」 at {offset}: {text}", item=o.item.id, rule=f.rule, match=f.match,
                        offset=f.offset, text=_short(o.item.text)) for o, f in false_alarms]
    lines += ["", tr("misses: {count}", count=len(misses))]
    lines += ["  " + (tr("{item}  {label}「{surface}」 at {start} ({difficulty}): {text}", difficulty=e.difficulty, **_miss(o, e))
                      if e.difficulty else tr("{item}  {label}「{surface}」 at {start}: {text}", **_miss(o, e)))
              for o, e in misses]
    return "\n".join(lines) + "\n"


def _miss(outcome, expected) -> dict[str, Any]:
    return {"item": outcome.item.id, "label": expected.rule or expected.intent or "?", "surface": expected.surface,
            "start": expected.start, "text": _short(outcome.item.text)}


def _short(text: str, limit: int = 160) -> str:
    """An item's text on one line, cut: whole phone calls would bury the list."""
    flat = text.replace("\n", " ⏎ ")
    return flat if len(flat) <= limit else flat[:limit] + " …"


def render_sets(evaluations: dict[str, Evaluation], catalogue: Any = None) -> str:
    """Every set's report, then the headlines together."""
    body = "\n".join(render_text(e, name, catalogue) for name, e in evaluations.items())
    return body + "\n" + "\n".join(headline(name, e, catalogue) for name, e in evaluations.items()) + "\n"
