"""Load rule packs: read YAML, validate every field, resolve `extends`, reject duplicate ids.

All problems of a pack are collected and raised together, each with file, line, rule id
and field, so that a pack author fixes them in one pass (as prh checks its specs on load).
This module reads a pack as a whole; the fields of each rule are read by rule_fields.py,
and packs named by name are found by pack_paths.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Iterable

from ..errors import PackError, Problem
from ..i18n.choice import N_
from ..i18n.message import Message, say
from ..model import Pack, Rule
from .classes import ClassTable, builtin_classes_dir, load_class_files
from .field_checker import FieldChecker
from .pack_paths import builtin_dir, builtin_pack_names, resolve_pack
from .rule_fields import read_rule
from .yaml_source import LocatedDict, LocatedList, YamlProblem, load_located, read_source

__all__ = ["builtin_dir", "builtin_pack_names", "load_packs", "read_pack", "resolve_pack"]

PACK_KEYS = {"pack", "version", "description", "source", "extends", "rules", "format", "classes"}
FORMATS = (1, 2)
PACK_REQUIRED = {"pack", "version", "description", "source", "rules"}
PACK_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
MAX_EXTENDS_DEPTH = 32  # packs extending packs: far more than any real set, far less than Python's recursion limit


def _with_yaml_hint(message: Message, text: str, line: int | None) -> Message:
    """The YAML problem, with a hint where a phrase opens with an optional part ([这个]...): it
    reads as a YAML list unless quoted."""
    lines = text.splitlines()
    for number in (line, (line or 0) - 1):
        if number and 0 < number <= len(lines) and re.search(r"(^|[-:]\s)\[[^\]]*\][^\s,\]]", lines[number - 1]):
            return say("{problem} (line {line}: a phrase that starts with '[' must be quoted, e.g. '[这个]不关我的事')",
                       problem=message, line=number)
    return message


def read_pack(path: Path, classes: ClassTable | Callable[[], ClassTable] | None = None) -> Pack:
    """Read and validate one pack file (its `extends` are not followed here). `classes`: the
    shared word classes a format-2 pack may use (default: the built-in ones)."""
    return _read_pack(path, classes)[0]


def _read_pack(path: Path, classes: ClassTable | Callable[[], ClassTable] | None = None) -> tuple[Pack, tuple[int, ...]]:
    """The pack, and the line of each pack it extends (for naming one that cannot be loaded)."""
    file = str(path)
    try:
        text = read_source(file)
    except OSError as exc:
        raise PackError([Problem(file, None, say("cannot read rule pack: {reason}", reason=exc.strerror or str(exc)))]) from None
    except UnicodeDecodeError as exc:
        raise PackError([Problem(file, None, say("rule pack is not UTF-8 ({reason} at byte {byte})", reason=exc.reason, byte=exc.start))]) from None
    try:
        data = load_located(text)
    except YamlProblem as exc:
        raise PackError([Problem(file, exc.line, _with_yaml_hint(exc.message, text, exc.line))]) from None
    check = FieldChecker(file)
    if not isinstance(data, LocatedDict):
        raise PackError([Problem(file, 1, say("a rule pack is a YAML mapping with pack, version, description, source and rules"))])
    check.unknown(data, PACK_KEYS, N_("a pack"))
    for key in sorted(PACK_REQUIRED - data.keys()):
        check.add(data.line, say("is required"), key)
    name = check.text(data, "pack", required=False, one_line=True) or path.stem
    if not PACK_NAME.match(name):
        check.add(data.line_of("pack"), say("must be a lower-case name (letters, digits, -)"), "pack")
    version = check.text(data, "version", required=False, one_line=True) or ""
    description = check.text(data, "description", required=False) or ""
    source = check.text(data, "source", required=False) or ""
    extended = check.text_list(data, "extends", required=False, allow_empty=True)
    pack_format = data.get("format", 1)
    if pack_format not in FORMATS or isinstance(pack_format, bool):
        check.add(data.line_of("format"), say("must be one of {values}", values=", ".join(map(str, FORMATS))), "format")
        pack_format = 1
    uses: tuple[str, ...] = ()
    if pack_format >= 2:
        if classes is None:
            shared = load_class_files(builtin_classes_dir(builtin_dir()))
        else:
            shared = classes() if callable(classes) else classes
        check.classes = shared.with_pack(check, data)
        uses = shared.files
    elif "classes" in data:
        check.add(data.line_of("classes"), say("word classes need 'format: 2' (in format 1 braces are literal)"), "classes")
    rules: list[Rule] = []
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        check.add(data.line_of("rules"), say("must be a list of rules"), "rules")
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
            check.add(rule.line, say("duplicate rule id (first defined at line {line})", line=ids[rule.id]), "id")
            check.rule = None
            continue
        ids[rule.id] = rule.line
        rules.append(rule)
    if check.problems:
        raise PackError(check.problems)
    return (Pack(name, version, description, source, file, tuple(rules), tuple(e for e, _ in extended), pack_format, uses,
                 data.line_of("extends") if "extends" in data else None),
            tuple(line for _, line in extended))



def load_packs(specs: Iterable[str] | None = None, *, search_paths: Iterable[Path] = ()) -> list[Pack]:
    """Packs by name or path with everything they extend, each once; default: all built-in packs."""
    search_paths = [Path(p) for p in search_paths]
    specs = list(specs) if specs is not None else builtin_pack_names()
    loaded: dict[Path, Pack] = {}
    order: list[Path] = []
    problems: list[Problem] = []
    shared: list[ClassTable] = []  # read once, when the first format-2 pack needs it

    def classes() -> ClassTable:
        if not shared:
            shared.append(load_class_files(builtin_classes_dir(builtin_dir())))
        return shared[0]

    def visit(path: Path, chain: tuple[Path, ...], named_at: Problem | None) -> None:
        """Load `path` and what it extends; `named_at` locates the `extends` entry naming it,
        where a problem of following it (a cycle, a chain too deep) is reported."""
        key = path.resolve()
        if key in chain:
            cycle = " -> ".join(str(p) for p in (*chain, key))
            problems.append((named_at or Problem(str(path), None, ""))._replace(message=say("'extends' forms a cycle: {cycle}", cycle=cycle)))
            return
        if key in loaded:
            return
        if len(chain) >= MAX_EXTENDS_DEPTH:
            problems.append((named_at or Problem(str(path), None, ""))._replace(
                message=say("'extends' chain is more than {limit} packs deep", limit=MAX_EXTENDS_DEPTH)))
            return
        try:
            pack, lines = _read_pack(path, classes)
        except PackError as exc:
            problems.extend(exc.problems)
            return
        loaded[key] = pack
        for parent, line in zip(pack.extends, lines):
            at = Problem(pack.file, line, "", field="extends")
            try:
                target = resolve_pack(parent, relative_to=path.parent, search_paths=search_paths)
            except PackError as exc:
                problems.extend(at._replace(message=p.message) for p in exc.problems)
                continue
            visit(target, (*chain, key), at)
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
                problems.append(Problem(rule.file, rule.line, say("duplicate rule id (also in {where})", where=f"{first.file}:{first.line}"), rule.id, "id"))
            else:
                seen[rule.id] = rule
    if problems:
        raise PackError(problems)
    return packs
