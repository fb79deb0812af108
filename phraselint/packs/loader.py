"""Load rule packs: read YAML, validate every field, resolve `extends`, reject duplicate ids.

All problems of a pack are collected and raised together, each with file, line, rule id
and field, so that a pack author fixes them in one pass (as prh checks its specs on load).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from ..errors import PackError, Problem
from .yaml_source import LocatedDict, LocatedList, YamlProblem, load_located
from ..model import KINDS, BadExample, Exemption, Level, Pack, RequiredPart, Rewrite, Rule
from .syntax import PatternError, expand_literals, parse_pattern

PACK_KEYS = {"pack", "version", "description", "source", "extends", "rules"}
PACK_REQUIRED = {"pack", "version", "description", "source", "rules"}
RULE_KEYS = {
    "id", "level", "category", "message", "phrases", "rewrites", "rewrites_reason",
    "source", "boundary", "exceptions", "examples", "description", "quotes",
}
RULE_REQUIRED = {"id", "level", "category", "message", "phrases", "rewrites", "source", "examples"}
REQUIRE_KEYS = {
    "id", "type", "level", "category", "message", "rewrites", "rewrites_reason", "source",
    "examples", "description", "scope", "kinds", "trigger", "parts", "exceptions",
}
REQUIRE_REQUIRED = {"id", "level", "category", "message", "rewrites", "source", "examples", "scope", "kinds", "parts"}
SCOPES = {"first-staff-turn", "last-staff-turn", "staff-turn", "next-staff-turn"}
TRIGGERED_SCOPES = {"staff-turn", "next-staff-turn"}
REWRITE_KEYS = {"text", "fix", "needs_alternative", "note"}
EXCEPTION_KEYS = {"followed_by", "preceded_by", "inside", "reason"}
EXAMPLE_KEYS = {"bad", "good"}
BAD_EXAMPLE_KEYS = {"text", "fix"}
RULE_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
PACK_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


def builtin_dir() -> Path:
    """Where the packs shipped with phraselint are.

    They live in the top-level rules/ folder, which an install places at phraselint/rules;
    a source checkout (or an editable install) reads them from rules/ itself.
    """
    here = Path(__file__).resolve().parent.parent  # the phraselint package
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def builtin_pack_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


class _Checker:
    """Collects problems for one file, remembering which rule is being read."""

    def __init__(self, file: str):
        self.file = file
        self.rule: str | None = None
        self.problems: list[Problem] = []

    def add(self, line: int | None, message: str, field: str | None = None) -> None:
        self.problems.append(Problem(self.file, line, message, self.rule, field))

    def text(self, mapping: LocatedDict, key: str, *, required: bool = True, one_line: bool = False) -> str | None:
        if key not in mapping:
            if required:
                self.add(mapping.line, "is required", key)
            return None
        value = mapping[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(mapping.line_of(key), "must be non-empty text", key)
            return None
        if one_line and "\n" in value.strip():
            self.add(mapping.line_of(key), "must be one line", key)
        return value.strip()

    def text_list(self, mapping: LocatedDict, key: str, *, required: bool = True, allow_empty: bool = False) -> list[tuple[str, int]]:
        if key not in mapping:
            if required:
                self.add(mapping.line, "is required", key)
            return []
        value = mapping[key]
        if isinstance(value, str):
            value = LocatedList([value])
            value.line = mapping.line_of(key)
            value.item_lines = [value.line]
        if not isinstance(value, list):
            self.add(mapping.line_of(key), "must be a list of text", key)
            return []
        if not value and not allow_empty:
            self.add(mapping.line_of(key), "must not be empty", key)
        items = []
        for index, item in enumerate(value):
            line = value.item_lines[index] if isinstance(value, LocatedList) else mapping.line_of(key)
            if not isinstance(item, str) or not item.strip():
                self.add(line, f"item {index + 1} must be non-empty text", key)
            else:
                items.append((item, line))
        return items

    def unknown(self, mapping: LocatedDict, allowed: set[str], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.add(mapping.line_of(key), f"unknown key in {what} (allowed: {', '.join(sorted(allowed))})", key)

    def boolean(self, mapping: LocatedDict, key: str) -> bool:
        value = mapping.get(key, False)
        if not isinstance(value, bool):
            self.add(mapping.line_of(key), "must be true or false", key)
            return False
        return value


def _read_rewrites(check: _Checker, rule: LocatedDict) -> tuple[Rewrite, ...]:
    if "rewrites" not in rule:
        return ()
    value = rule["rewrites"]
    if not isinstance(value, list):
        check.add(rule.line_of("rewrites"), "must be a list", "rewrites")
        return ()
    rewrites = []
    for index, item in enumerate(value):
        line = value.item_lines[index]
        if isinstance(item, str) and item.strip():
            rewrites.append(Rewrite(item.strip()))
        elif isinstance(item, LocatedDict):
            check.unknown(item, REWRITE_KEYS, "a rewrite")
            text = check.text(item, "text")
            note = check.text(item, "note", required=False)
            if text:
                rewrites.append(Rewrite(text, check.boolean(item, "fix"), check.boolean(item, "needs_alternative"), note))
        else:
            check.add(line, f"rewrite {index + 1} must be text or a mapping with 'text'", "rewrites")
    if not rewrites and not rule.get("rewrites_reason"):
        check.add(rule.line_of("rewrites"), "is empty: give polite alternatives or a rewrites_reason", "rewrites")
    if sum(r.fix for r in rewrites) > 1:
        check.add(rule.line_of("rewrites"), "only one rewrite can be the drop-in fix", "rewrites")
    return tuple(rewrites)


def _read_exceptions(check: _Checker, rule: LocatedDict) -> tuple[Exemption, ...]:
    value = rule.get("exceptions", [])
    if not isinstance(value, list):
        check.add(rule.line_of("exceptions"), "must be a list of mappings", "exceptions")
        return ()
    exemptions = []
    for index, item in enumerate(value):
        if not isinstance(item, LocatedDict):
            check.add(value.item_lines[index], "each exception is a mapping (followed_by, preceded_by, inside, reason)", "exceptions")
            continue
        check.unknown(item, EXCEPTION_KEYS, "an exception")
        parts: dict[str, tuple[str, ...]] = {}
        for key in ("followed_by", "preceded_by", "inside"):
            literals: set[str] = set()
            for source, line in check.text_list(item, key, required=False):
                try:
                    literals |= expand_literals(source)
                except PatternError as exc:
                    check.add(line, str(exc), f"exceptions.{key}")
            parts[key] = tuple(sorted(literals))
        if not any(parts.values()):
            check.add(item.line, "needs at least one of followed_by, preceded_by, inside", "exceptions")
        exemptions.append(Exemption(reason=check.text(item, "reason", required=False), **parts))
    return tuple(exemptions)


def _read_examples(check: _Checker, rule: LocatedDict) -> tuple[tuple[BadExample, ...], tuple[str, ...]]:
    value = rule.get("examples")
    if value is None:
        return (), ()
    if not isinstance(value, LocatedDict):
        check.add(rule.line_of("examples"), "must be a mapping with 'bad' and 'good'", "examples")
        return (), ()
    check.unknown(value, EXAMPLE_KEYS, "examples")
    bad: list[BadExample] = []
    raw_bad = value.get("bad")
    if not isinstance(raw_bad, list) or not raw_bad:
        check.add(value.line_of("bad"), "needs at least one bad example", "examples.bad")
    else:
        for index, item in enumerate(raw_bad):
            if isinstance(item, str) and item.strip():
                bad.append(BadExample(item))
            elif isinstance(item, LocatedDict):
                check.unknown(item, BAD_EXAMPLE_KEYS, "a bad example")
                text = check.text(item, "text")
                fix = check.text(item, "fix", required=False)
                if text:
                    bad.append(BadExample(text, fix))
            else:
                check.add(raw_bad.item_lines[index], "a bad example is text or a mapping with 'text' and 'fix'", "examples.bad")
    good = [text for text, _ in check.text_list(value, "good")]
    return tuple(bad), tuple(good)


def _read_patterns(check: _Checker, mapping: LocatedDict, key: str, *, plain: bool, required: bool = True) -> tuple[str, ...]:
    """Phrases of `key`, each validated; `plain` forbids anchors and contexts (require rules search, not match)."""
    items = check.text_list(mapping, key, required=required)
    seen: set[str] = set()
    for source, line in items:
        try:
            pattern = parse_pattern(source)
            if plain and (pattern.at_clause_start or pattern.at_clause_end or pattern.before or pattern.after):
                check.add(line, f"anchors and contexts are not allowed in {key} ({source!r})", key)
        except PatternError as exc:
            check.add(line, str(exc), key)
        if source in seen:
            check.add(line, f"phrase {source!r} is listed twice", key)
        seen.add(source)
    return tuple(source for source, _ in items)


def _read_requirement(check: _Checker, raw: LocatedDict) -> dict:
    """The fields only a `type: require` rule has."""
    scope = raw.get("scope")
    if "scope" in raw and scope not in SCOPES:
        check.add(raw.line_of("scope"), f"must be one of {', '.join(sorted(SCOPES))}", "scope")
    kinds = tuple(k for k, _ in check.text_list(raw, "kinds", required=False))
    for kind in kinds:
        if kind not in KINDS:
            check.add(raw.line_of("kinds"), f"unknown kind {kind!r} (known: {', '.join(KINDS)})", "kinds")
    trigger = _read_patterns(check, raw, "trigger", plain=True, required=scope in TRIGGERED_SCOPES)
    if trigger and scope not in TRIGGERED_SCOPES:
        check.add(raw.line_of("trigger"), f"only scopes {', '.join(sorted(TRIGGERED_SCOPES))} take a trigger", "trigger")
    parts = []
    raw_parts = raw.get("parts", [])
    if not isinstance(raw_parts, list) or ("parts" in raw and not raw_parts):
        check.add(raw.line_of("parts"), "must be a non-empty list of {name, phrases}", "parts")
        raw_parts = []
    for index, item in enumerate(raw_parts):
        if not isinstance(item, LocatedDict):
            check.add(raw_parts.item_lines[index], "each part is a mapping with name and phrases", "parts")
            continue
        check.unknown(item, {"name", "phrases"}, "a part")
        name = check.text(item, "name", one_line=True)
        phrases = _read_patterns(check, item, "phrases", plain=True)
        if name and phrases:
            parts.append(RequiredPart(name, phrases))
    return {"type": "require", "scope": scope, "kinds": kinds, "trigger": trigger, "parts": tuple(parts)}


def _read_rule(check: _Checker, raw: Any, line: int, pack: str, file: str) -> Rule | None:
    if not isinstance(raw, LocatedDict):
        check.add(line, "each rule is a mapping")
        return None
    rule_id = raw.get("id")
    check.rule = rule_id if isinstance(rule_id, str) else None
    rule_type = raw.get("type", "phrase")
    if rule_type not in ("phrase", "require"):
        check.add(raw.line_of("type"), "must be 'phrase' (wording to avoid) or 'require' (wording that must be present)", "type")
        return None
    is_require = rule_type == "require"
    check.unknown(raw, REQUIRE_KEYS if is_require else RULE_KEYS | {"type"}, "a require rule" if is_require else "a rule")
    for key in sorted((REQUIRE_REQUIRED if is_require else RULE_REQUIRED) - raw.keys()):
        if key != "rewrites" or "rewrites_reason" not in raw:
            check.add(raw.line, "is required", key)
    if not isinstance(rule_id, str) or not RULE_ID.match(rule_id):
        check.add(raw.line_of("id"), "must be dotted lower-case words, e.g. inquiry.dont-know", "id")
    level = Level.WARNING
    if "level" in raw:
        try:
            level = Level.parse(str(raw["level"]))
        except ValueError as exc:
            check.add(raw.line_of("level"), str(exc), "level")
    boundary = raw.get("boundary", "word")
    if boundary not in ("word", "none"):
        check.add(raw.line_of("boundary"), "must be 'word' or 'none'", "boundary")
    quotes = raw.get("quotes", "mention")
    if quotes not in ("mention", "ignore"):
        check.add(raw.line_of("quotes"), "must be 'mention' or 'ignore'", "quotes")
    requirement = _read_requirement(check, raw) if is_require else {}
    phrases = () if is_require else _read_patterns(check, raw, "phrases", plain=False, required=False)
    message = check.text(raw, "message", required=False, one_line=True)
    category = check.text(raw, "category", required=False, one_line=True)
    source = check.text(raw, "source", required=False)
    rewrites = _read_rewrites(check, raw)
    exceptions = _read_exceptions(check, raw)
    bad, good = _read_examples(check, raw)
    reason = check.text(raw, "rewrites_reason", required=False)
    description = check.text(raw, "description", required=False)
    if not (check.rule and message and category and source and (phrases or requirement.get("parts"))):
        return None
    return Rule(
        id=check.rule, level=level, category=category, message=message,
        phrases=phrases, rewrites=rewrites, source=source,
        pack=pack, file=file, line=raw.line, boundary=boundary, exceptions=exceptions,
        bad_examples=bad, good_examples=good, rewrites_reason=reason, description=description,
        quotes=quotes, **requirement,
    )


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
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise PackError([Problem(file, None, f"cannot read rule pack: {exc.strerror or exc}")]) from None
    except UnicodeDecodeError as exc:
        raise PackError([Problem(file, None, f"rule pack is not UTF-8 ({exc.reason} at byte {exc.start})")]) from None
    try:
        data = load_located(text)
    except YamlProblem as exc:
        raise PackError([Problem(file, exc.line, exc.message + _yaml_hint(text, exc.line))]) from None
    check = _Checker(file)
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
        rule = _read_rule(check, raw, raw_rules.item_lines[index], name, file)
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
    return Pack(name, version, description, source, file, tuple(rules), tuple(extends))


def resolve_pack(spec: str, *, relative_to: Path | None = None, search_paths: Iterable[Path] = ()) -> Path:
    """A pack given by path (absolute, or relative to the pack that names it) or by name."""
    candidate = Path(spec)
    if spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec:
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        return candidate
    for folder in [*search_paths, builtin_dir()]:
        for suffix in (".yaml", ".yml"):
            path = Path(folder) / f"{spec}{suffix}"
            if path.is_file():
                return path
    known = ", ".join(builtin_pack_names())
    raise PackError([Problem(spec, None, f"no rule pack named '{spec}' (built-in packs: {known})")])


def load_packs(specs: Iterable[str] | None = None, *, search_paths: Iterable[Path] = ()) -> list[Pack]:
    """Packs by name or path with everything they extend, each once; default: all built-in packs."""
    search_paths = [Path(p) for p in search_paths]
    specs = list(specs) if specs is not None else builtin_pack_names()
    loaded: dict[Path, Pack] = {}
    order: list[Path] = []
    problems: list[Problem] = []

    def visit(path: Path, chain: tuple[Path, ...]) -> None:
        key = path.resolve()
        if key in chain:
            cycle = " -> ".join(str(p) for p in (*chain, key))
            problems.append(Problem(str(path), None, f"'extends' forms a cycle: {cycle}"))
            return
        if key in loaded:
            return
        try:
            pack = read_pack(path)
        except PackError as exc:
            problems.extend(exc.problems)
            return
        loaded[key] = pack
        for parent in pack.extends:
            try:
                visit(resolve_pack(parent, relative_to=path.parent, search_paths=search_paths), (*chain, key))
            except PackError as exc:
                problems.extend(Problem(pack.file, None, f"extends: {p.message}", field="extends") for p in exc.problems)
        order.append(key)

    for spec in specs:
        try:
            visit(resolve_pack(spec, search_paths=search_paths), ())
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
