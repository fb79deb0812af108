"""One rule explained in full: written once here, shown by `phraselint explain` and in docs/rules.md."""

from __future__ import annotations

from ..i18n.choice import N_, Interface
from ..model import Rule


SCOPES = {
    "first-staff-turn": "第一句员工发言（接听电话）",
    "last-staff-turn": "最后一句员工发言（结束通话）",
    "staff-turn": "触发语之后的同一句员工发言",
    "next-staff-turn": "触发语之后的下一句员工发言",
}


def rule_summary(rule: Rule) -> str:
    """One line saying what the rule looks for: its first phrase as written, its combination
    (a format-2 rule may have no phrases), or what must be present."""
    if rule.type == "require":
        return "须有：" + "、".join(part.name for part in rule.parts)
    if rule.written or rule.phrases:
        return (rule.written or rule.phrases)[0]
    return "组合：" + " + ".join(rule.combine.all) if rule.combine else ""


def _combination(rule: Rule) -> list[str]:
    """A keyword combination as lines: which window, and what must, may and must not occur."""
    combine = rule.combine
    if combine is None:
        return []
    window = f"{combine.distance} 字以内" if combine.within == "chars" else {"clause": "同一分句", "sentence": "同一句", "line": "同一行"}.get(combine.within, combine.within)
    lines = [f"范围：{window}", "都有：" + " / ".join(combine.all)]
    if combine.any:
        lines.append("且有其一：" + " / ".join(combine.any))
    if combine.none:
        lines.append("且没有：" + " / ".join(combine.none))
    return lines


def rule_sections(rule: Rule) -> list[tuple[str, list[str]]]:
    """The rule's explanation as titled lists; both the CLI and the Markdown reference render these."""
    rewrites = []
    for rewrite in rule.rewrites:
        marks = []
        if rewrite.fix:
            marks.append("--fix 可直接替换")
        if rewrite.needs_alternative:
            marks.append("须同时提出其他可行的方法")
        rewrites.append(rewrite.text + (f"（{'；'.join(marks)}）" if marks else "") + (f" — {rewrite.note}" if rewrite.note else ""))
    if not rewrites and rule.rewrites_reason:
        rewrites.append(f"（无改写：{rule.rewrites_reason}）")
    exceptions = []
    for exemption in rule.exceptions:
        parts = []
        if exemption.followed_by:
            parts.append("后接 " + "、".join(exemption.followed_by))
        if exemption.preceded_by:
            parts.append("前有 " + "、".join(exemption.preceded_by))
        if exemption.inside:
            parts.append("处于 " + "、".join(exemption.inside) + " 之中")
        exceptions.append("；".join(parts) + (f"：{exemption.reason}" if exemption.reason else ""))
    bad = [e.text + (f" → {e.fix}" if e.fix else "") for e in rule.bad_examples]
    required = [f"{part.name}：{' / '.join(part.phrases)}" for part in rule.parts]
    applies = []
    if rule.type == "require":
        applies.append(f"{SCOPES.get(rule.scope or '', rule.scope)}；文本类型：{', '.join(rule.kinds)}")
        if rule.trigger:
            applies.append("触发语：" + " / ".join(rule.trigger))
    # the titles are msgids: `explain` shows them in the reader's language, docs/rules.md as written
    sections = [
        (N_("Why"), [rule.message] + ([rule.description] if rule.description else [])),
        (N_("Phrases"), list(rule.written or rule.phrases)),
        (N_("Combination"), _combination(rule)),
        (N_("Checked in"), applies),
        (N_("Must contain"), required),
        (N_("Say instead"), rewrites),
        (N_("Not reported when"), exceptions),
        (N_("Bad examples"), bad),
        (N_("Good examples"), list(rule.good_examples)),
        (N_("Source"), [rule.source]),
    ]
    return [(title, items) for title, items in sections if items]


def explain_rule(rule: Rule, t=None, write=None) -> str:
    """The rule explained for a terminal: its headings from the catalogue `t` (default: mainland
    Chinese), its texts through `write` (the reader's script and region; default: as written)."""
    t = t or Interface().of()
    write = write or (lambda text: text)
    if rule.type == "phrase":
        detail = t.tr("word boundary: {boundary}", boundary=rule.boundary)
    else:
        detail = t.tr("type: require")
    lines = [t.tr("{rule}  ({level}, category {category}, pack {pack}, {detail})", rule=rule.id, level=t.tr(str(rule.level)),
                  category=rule.category, pack=rule.pack, detail=detail)]
    for title, items in rule_sections(rule):
        lines.append("")
        lines.append(t.tr("{title}:", title=t.tr(title)))
        lines.extend(f"  - {write(item).replace(chr(10), ' ⏎ ')}" for item in items)
    return "\n".join(lines)
