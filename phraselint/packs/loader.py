"""Load rule packs: read YAML, validate every field, resolve `extends`, reject duplicate ids.

All problems of a pack are collected and raised together, each with file, line, rule id
and field, so that a pack author fixes them in one pass (as prh checks its specs on load).
This module reads a pack as a whole; the fields of each rule are read by rule_fields.py,
and packs named by name are found by pack_paths.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from ..errors import PackError, Problem
from ..model import Pack, Rule
from .field_checker import FieldChecker
from .pack_paths import builtin_dir, builtin_pack_names, resolve_pack
from .rule_fields import read_rule
from .yaml_source import LocatedDict, LocatedList, YamlProblem, load_located, read_source

__all__ = ["builtin_dir", "builtin_pack_names", "load_packs", "read_pack", "resolve_pack"]

PACK_KEYS = {"pack", "version", "description", "source", "extends", "rules"}
PACK_REQUIRED = {"pack", "version", "description", "source", "rules"}
PACK_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
# Packs extending packs extending packs: a chain this long is a mistake or an attack (a
# repository can commit thousands), and following it must not exhaust the stack.
MAX_EXTENDS_DEPTH = 32


def _yaml_hint(text: str, line: int | None) -> str:
    """Phrases that open with an optional part ([这个]...) read as YAML lists unless quoted."""
    lines = text.splitlines()
    for number in (line, (line or 0) - 1):
        if number and 0 < number <= len(lines) and re.search(r"(^|[-:]\s)\[[^\]]*\][^\s,\]]", lines[number - 1]):
            return f" (line {number}: a phrase that starts with '[' must be quoted, e.g. '[这个]不关我的事')"
    return ""


def read_pack(path: Path) -> Pack:
    """Read and validate one pack file (its `extends` are not followed here)."""
    file = str(path)
    try:
        text = read_source(file)
    except OSError as exc:
        raise PackError([Problem(file, None, f"cannot read rule pack: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError as exc:
        raise PackError([Problem(file, None, f"rule pack is not UTF-8 ({exc.reason} at byte {exc.start})")]) from None
    try:
        data = load_located(text)
    except YamlProblem as exc:
        raise PackError([Problem(file, exc.line, exc.message + _yaml_hint(text, exc.line))]) from None
    check = FieldChecker(file)
    if not isinstance(data, LocatedDict):
        raise PackError([Problem(file, 1, "a rule pack is a YAML mapping with pack, version, description, source and rules")])
    check.unknown(data, PACK_KEYS, "a pack")
    for key in sorted(PACK_REQUIRED - data.keys()):
        check.add(data.line, "is required", key)
    name = check.text(data, "pack", required=False, one_line=True) or path.stem
    if not PACK_NAME.match(name):
        check.add(data.line_of("pack"), "must be a lower-case name (letters, digits, -)", "pack")
    version = check.text(data, "version", required=False, one_line=True) or ""
    description = check.text(data, "description", required=False) or ""
    source = check.text(data, "source", required=False) or ""
    extends = [e for e, _ in check.text_list(data, "extends", required=False, allow_empty=True)]
    rules: list[Rule] = []
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        check.add(data.line_of("rules"), "must be a list of rules", "rules")
        raw_rules = LocatedList()
        raw_rules.item_lines = []
    ids: dict[str, int] = {}
    for index, raw in enumerate(raw_rules):
        rule = read_rule(check, raw, raw_rules.item_lines[index], name, file)
        check.rule = None
        if rule is None:
            continue
        if rule.id in ids:
            check.rule = rule.id
            check.add(rule.line, f"duplicate rule id (first defined at line {ids[rule.id]})", "id")
            check.rule = None
            continue
        ids[rule.id] = rule.line
        rules.append(rule)
    if check.problems:
        raise PackError(check.problems)
    return Pack(name, version, description, source, file, tuple(rules), tuple(extends),
                data.line_of("extends") if "extends" in data else None)



def load_packs(specs: Iterable[str] | None = None, *, search_paths: Iterable[Path] = ()) -> list[Pack]:
    """Packs by name or path with everything they extend, each once; default: all built-in packs."""
    search_paths = [Path(p) for p in search_paths]
    specs = list(specs) if specs is not None else builtin_pack_names()
    loaded: dict[Path, Pack] = {}
    order: list[Path] = []
    problems: list[Problem] = []

    def visit(path: Path, chain: tuple[Path, ...], child: Pack | None) -> None:
        """`chain`: the packs whose `extends` led here, the first named by a spec; `child`: the
        last of them, where a problem with this link is written."""
        key = path.resolve()
        if key in chain:
            cycle = " -> ".join(str(p) for p in (*chain, key))
            assert child is not None  # a chain that comes back holds at least one pack
            problems.append(Problem(child.file, child.extends_line, f"'extends' forms a cycle: {cycle}", field="extends"))
            return
        if key in loaded:
            return
        if len(chain) >= MAX_EXTENDS_DEPTH:
            assert child is not None
            problems.append(Problem(child.file, child.extends_line, f"packs extend one another more than "
                                    f"{MAX_EXTENDS_DEPTH} deep (from {chain[0]})", field="extends"))
            return
        try:
            pack = read_pack(path)
        except PackError as exc:
            problems.extend(exc.problems)
            return
        loaded[key] = pack
        for parent in pack.extends:
            try:
                visit(resolve_pack(parent, relative_to=path.parent, search_paths=search_paths), (*chain, key), pack)
            except PackError as exc:
                problems.extend(Problem(pack.file, pack.extends_line, f"extends: {p.message}", field="extends") for p in exc.problems)
        order.append(key)

    for spec in specs:
        try:
            visit(resolve_pack(spec, search_paths=search_paths), (), None)
        except PackError as exc:
            problems.extend(exc.problems)
    packs = [loaded[key] for key in order]
    seen: dict[str, Rule] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                first = seen[rule.id]
                problems.append(Problem(rule.file, rule.line, f"duplicate rule id (also in {first.file}:{first.line})", rule.id, "id"))
            else:
                seen[rule.id] = rule
    if problems:
        raise PackError(problems)
    return packs
