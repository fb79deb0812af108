"""docs/rules.md: the rule packs as a reference trainers can read without YAML."""

from __future__ import annotations

from ..model import Pack, Rule
from .explain import rule_sections, rule_summary


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ⏎ ")


def anchor(rule_id: str) -> str:
    """The fragment of a rule's section in the generated reference (GitHub's heading slug: dots dropped)."""
    return rule_id.replace(".", "")


def rules_markdown(packs: list[Pack], rules: list[Rule]) -> str:
    wanted = {r.id for r in rules}
    out = [
        "# Rules reference",
        "",
        "Generated from the rule packs by `phraselint rules --format markdown > docs/rules.md`; do not edit by hand.",
        "",
        "| rule | level | category | looks for | why |",
        "|---|---|---|---|---|",
    ]
    for rule in rules:
        out.append(f"| [`{rule.id}`](#{anchor(rule.id)}) | {rule.level} | {rule.category} | {_cell(rule_summary(rule))} | {_cell(rule.message)} |")
    for pack in packs:
        pack_rules = [r for r in pack.rules if r.id in wanted]
        if not pack_rules:
            continue
        out += ["", f"## Pack `{pack.name}` (version {pack.version})", "", pack.description, "", f"Source: {pack.source}"]
        for rule in pack_rules:
            detail = f"word boundary: {rule.boundary}" if rule.type == "phrase" else "type: require (wording that must be present)"
            out += ["", f"### {rule.id}", "", f"Level **{rule.level}**, category `{rule.category}`, {detail}."]
            for title, items in rule_sections(rule):
                out += ["", f"**{title}**", ""]
                out += [f"- {_cell(item)}" for item in items]
    return "\n".join(out) + "\n"
