"""A rule added to a configuration's `disable` list, written as a person would write it.

The language server's "disable this rule" action edits `.phraselint.yaml` (or pyproject.toml's
`[tool.phraselint]`) as text, so that comments, order and layout stay as they were: one item
added to the flow or block list, or a `disable` line added. The result is parsed again and
must hold exactly the old settings plus the rule; where the file's layout is one these
edits cannot be sure of, the answer is None and nothing is offered, never a rewritten file.
"""

from __future__ import annotations

import re
from typing import Any

from .lazy import tomllib, yaml
from .packs.yaml_source import LocatedList, YamlProblem, load_located

NEW_CONFIG = "disable: [{rule}]\n"  # a new .phraselint.yaml


def with_rule_disabled(text: str, file_name: str, rule: str) -> str | None:
    """`text` of a configuration file named `file_name` with `rule` in its disable list; the
    text itself when it is there already; None when it cannot be edited safely."""
    if file_name == "pyproject.toml":
        return _toml(text, rule)
    return _yaml(text, rule)


def _yaml_data(text: str) -> Any:
    try:
        return yaml.safe_load(text) if text.strip() else {}
    except yaml.YAMLError:
        return None


def _listed(value: Any) -> list | None:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list) else None


def _yaml(text: str, rule: str) -> str | None:
    before = _yaml_data(text)
    if not isinstance(before, dict):
        return None
    old = _listed(before.get("disable"))
    if old is None:
        return None
    if rule in old:
        return text
    if "disable" not in before:
        edited = text + ("\n" if text and not text.endswith("\n") else "") + NEW_CONFIG.format(rule=rule)
    else:
        edited = _yaml_list_edit(text, rule)
        if edited is None:
            return None
    after = _yaml_data(edited)
    if not isinstance(after, dict) or _listed(after.get("disable")) != old + [rule] \
            or {k: v for k, v in after.items() if k != "disable"} != {k: v for k, v in before.items() if k != "disable"}:
        return None
    return edited


def _yaml_list_edit(text: str, rule: str) -> str | None:
    """The `disable:` line or block with one item more."""
    try:
        located = load_located(text)
    except YamlProblem:
        return None
    lines = text.splitlines(keepends=True)
    number = located.line_of("disable")
    if not number or number > len(lines):
        return None
    line = lines[number - 1]
    body = line.rstrip("\r\n")
    ending = line[len(body):]
    found = re.match(r"^(\s*disable\s*:\s*)(.*?)(\s*#.*)?$", body)
    if found is None:
        return None
    head, value, comment = found.group(1), found.group(2), found.group(3) or ""
    if value.startswith("[") and value.endswith("]"):
        inner = value[1:-1].strip()
        lines[number - 1] = f"{head}[{inner + ', ' if inner else ''}{rule}]{comment}{ending}"
    elif value and value not in ("|", ">", "&", "*") and not value.startswith(("[", "{", "&", "*", "!", "|", ">")):
        lines[number - 1] = f"{head}[{value}, {rule}]{comment}{ending}"  # one rule written as text
    elif not value:
        items = located.get("disable")
        if not isinstance(items, LocatedList) or not items:
            lines[number - 1] = f"{head.rstrip()} [{rule}]{comment}{ending}"
        else:
            last = items.item_lines[-1]
            item = lines[last - 1]
            indent = re.match(r"^(\s*-\s*)", item)
            if indent is None:
                return None
            newline = item[len(item.rstrip("\r\n")):] or "\n"
            if not item.endswith(("\n", "\r")):
                lines[last - 1] = item + newline
            lines.insert(last, f"{indent.group(1)}{rule}{newline}")
    else:
        return None
    return "".join(lines)


_TABLE = re.compile(r'^\s*\[\s*tool\s*\.\s*["\']?phraselint["\']?\s*\]\s*(#.*)?$')
_HEADER = re.compile(r"^\s*\[")


def _toml_settings(text: str) -> dict | None:
    try:
        table = tomllib.loads(text).get("tool", {}).get("phraselint")
    except (ValueError, AttributeError):
        return None
    return table if isinstance(table, dict) else None


def _toml(text: str, rule: str) -> str | None:
    before = _toml_settings(text)
    if before is None:
        return None
    old = _listed(before.get("disable"))
    if old is None:
        return None
    if rule in old:
        return text
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _TABLE.match(line)), None)
    if start is None:
        return None  # written with dotted keys or inline: not edited by hand here
    end = next((i for i in range(start + 1, len(lines)) if _HEADER.match(lines[i])), len(lines))
    newline = "\r\n" if lines[start].endswith("\r\n") else "\n"
    where = next((i for i in range(start + 1, end) if re.match(r"^\s*disable\s*=", lines[i])), None)
    if where is None:
        if not lines[start].endswith(("\n", "\r")):
            lines[start] += newline
        lines.insert(start + 1, f'disable = ["{rule}"]{newline}')
    else:
        closing = next((i for i in range(where, end) if "]" in lines[i].split("#")[0]), None)
        if closing is None:
            return None
        line = lines[closing]
        cut = line.split("#")[0].rindex("]")
        inside = line[:cut].rstrip()
        separator = "" if inside.endswith(("[", ",")) else ", "
        if closing != where and inside.strip() == "":  # the ] on a line of its own
            previous = lines[closing - 1].rstrip("\r\n")
            if previous.strip() and not previous.rstrip().endswith((",", "[")) and "#" not in previous:
                lines[closing - 1] = previous + "," + lines[closing - 1][len(previous):]
            lines.insert(closing, f'    "{rule}",{newline}')
        else:
            lines[closing] = f'{inside}{separator}"{rule}"{line[cut:]}'
    edited = "".join(lines)
    after = _toml_settings(edited)
    if after is None or _listed(after.get("disable")) != old + [rule] \
            or {k: v for k, v in after.items() if k != "disable"} != {k: v for k, v in before.items() if k != "disable"}:
        return None
    return edited
