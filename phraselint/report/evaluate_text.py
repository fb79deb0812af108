"""The text report of `phraselint eval`: a headline per set of files, then the tables."""

from __future__ import annotations

from .evaluate import SPAN_LABELS, Evaluation, Score


def _table(title: str, rows: dict[str, Score], recall_only: bool = False) -> list[str]:
    width = max([len(title)] + [len(k) for k in rows])
    lines = [f"{title:<{width}}  {'precision':>9}  {'recall':>6}  {'F1':>5}  {'found':>5}  {'expected':>8}"]
    for name, score in sorted(rows.items()):
        if recall_only:
            lines.append(f"{name:<{width}}  {'-':>9}  {score.recall:>6.3f}  {'-':>5}  {'-':>5}  {score.expected:>8}")
        else:
            lines.append(f"{name:<{width}}  {score.precision:>9.3f}  {score.recall:>6.3f}  {score.f1:>5.3f}  {score.found:>5}  {score.expected:>8}")
    return lines


def headline(name: str, evaluation: Evaluation) -> str:
    """One line: the figures the targets are set on."""
    o = evaluation.overall
    label = name if evaluation.layer == "all" else f"{name} ({evaluation.layer} layer)"
    parts = [f"{label}: {len(evaluation.outcomes)} items", f"precision {o.precision:.3f}", f"recall {o.recall:.3f}"]
    parts += [f"{value} {score.recall:.2f}" for value, score in sorted(evaluation.by_label.get("difficulty", {}).items())]
    if evaluation.trap_items:
        parts.append(f"near-miss flagged {evaluation.trap_items_flagged}/{evaluation.trap_items} ({evaluation.trap_share:.1%})")
    return "  ".join(parts)


def render_text(evaluation: Evaluation, name: str | None = None) -> str:
    o = evaluation.overall
    how = evaluation.mode if evaluation.layer == "all" else f"{evaluation.mode}, {evaluation.layer} layer only"
    lines = [f"== {name} ({how}) ==" if name else f"({how})",
             f"items: {len(evaluation.outcomes)}  findings: {o.found}  expected spans: {o.expected}",
             f"overall  precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}"]
    if evaluation.below_level:
        lines.append(f"findings below the counted level (not scored): {evaluation.below_level}")
    if evaluation.trap_items:
        lines.append(f"near-miss items with a false alarm: {evaluation.trap_items_flagged} of {evaluation.trap_items} ({evaluation.trap_share:.1%})")
    for label in sorted(evaluation.by_label, key=lambda name: (name not in SPAN_LABELS, name)):
        rows = evaluation.by_label[label]  # a label only spans carry says nothing of precision
        lines += ["", *_table(label, rows, recall_only=not any(score.found for score in rows.values()))]
    lines += ["", *_table("category", evaluation.by_category), "", *_table("rule", evaluation.by_rule)]
    false_alarms = [(o, f) for o in evaluation.outcomes for f in o.false_alarms]
    misses = [(o, e) for o in evaluation.outcomes for e in o.misses]
    lines += ["", f"false alarms: {len(false_alarms)}"]
    lines += [f"  {o.item.id}  {f.rule}「{f.match}」 at {f.offset}: {_short(o.item.text)}" for o, f in false_alarms]
    lines += ["", f"misses: {len(misses)}"]
    lines += [f"  {o.item.id}  {e.rule or e.intent or '?'}「{e.surface}」 at {e.start}{f' ({e.difficulty})' if e.difficulty else ''}: "
              f"{_short(o.item.text)}" for o, e in misses]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 160) -> str:
    """An item's text on one line, cut: whole phone calls would bury the list."""
    flat = text.replace("\n", " ⏎ ")
    return flat if len(flat) <= limit else flat[:limit] + " …"


def render_sets(evaluations: dict[str, Evaluation]) -> str:
    """Every set's report, then the headlines together."""
    body = "\n".join(render_text(e, name) for name, e in evaluations.items())
    return body + "\n" + "\n".join(headline(name, e) for name, e in evaluations.items()) + "\n"
