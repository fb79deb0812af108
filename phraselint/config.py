"""Project configuration: `.phraselint.yaml`, or `[tool.phraselint]` in pyproject.toml.

Found by walking up from the current directory (the first folder holding either wins),
or named with --config. Paths inside are relative to the file that names them.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

from .errors import ConfigError
from .packs.yaml_source import LocatedDict, LocatedList, YamlProblem, load_located, read_source
from .model import KINDS, Level
from .text.script import ALIASES, VARIANTS
from .i18n.choice import LANGS
from .i18n.message import say
from .lazy import pathlib, tomllib

CONFIG_NAMES = (".phraselint.yaml", ".phraselint.yml")
# `phraselint audit`'s columns: each the name a transcript table uses by default ('columns' maps them to others)
TABLE_COLUMNS = ("call_id", "turn", "role", "text", "agent_id", "team", "timestamp")
KEYS = {
    "packs": "list of pack names or paths (default: all built-in packs)",
    "pack_paths": "list of folders searched for packs named in 'packs'",
    "enable": "list of rule ids, categories or packs to turn on",
    "disable": "list of rule ids, categories or packs to turn off",
    "rules": "mapping of rule id (or category, pack) to error, warning, suggestion or off",
    "include": "list of file name globs checked inside folders",
    "exclude": "list of path globs skipped",
    "level": "lowest level shown",
    "fail_level": "lowest level that makes the exit code 1",
    "variant": "the reader: cn (mainland, simplified), tw (Taiwan) or hk (Hong Kong); default: each text's own",
    "lang": "the interface language: zh (in the reader's script, the default) or en",
    "kind": "what the checked texts are: reply, phone, notice, dialogue or training",
    "roles": "mapping with 'staff' and 'customer' lists of extra role labels for transcripts",
    "report_mentions": "true to show quoted mentions as suggestion-level notes",
    "polite": "true to add each file's polite version to the JSON output (--polite)",
    "similar": "true to also suggest clauses worded like a rule's exemplar sentences (the similar-wording layer)",
    "per_file_disable": "mapping of path glob to rule ids, categories or packs turned off for those files",
    "columns": "phraselint audit: mapping of call_id, turn, role, text, agent_id, team, timestamp to a table's column names",
}


class Config:
    """Settings from a configuration file; a fresh Config is 'no configuration file'.

    A plain class rather than a dataclass: the dataclasses module costs start-up time that
    `phraselint check -` on one reply cannot spare.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.packs: list[str] | None = None
        self.pack_paths: list[Path] = []
        self.enable: list[str] = []
        self.disable: list[str] = []
        self.levels: dict[str, Level] = {}
        self.include: list[str] = []
        self.exclude: list[str] = []
        self.level: Level | None = None
        self.fail_level: Level | None = None
        self.variant: str | None = None
        self.lang: str | None = None
        self.kind: str | None = None
        self.staff_roles: list[str] = []
        self.customer_roles: list[str] = []
        self.report_mentions = False
        self.similar = False
        self.polite = False
        self.per_file_disable: dict[str, list[str]] = {}
        self.columns: dict[str, str] = {}  # phraselint audit: logical column -> the tables' name for it
        # every rule selector the file names (enable, disable, rules, per_file_disable), with the
        # places it is written ("file:line: 'disable'"), for naming one that matches no rule
        self.origins: dict[str, list[str]] = {}

    def __repr__(self) -> str:
        return f"Config({self.__dict__!r})"


def find_config(start: str | os.PathLike) -> Path | None:
    """The first configuration file in `start` or a folder above it. Walked with os.path, so
    that the usual answer (none) costs no pathlib import."""
    folder = os.path.abspath(start)
    while True:
        for name in CONFIG_NAMES:
            if os.path.isfile(os.path.join(folder, name)):

                return pathlib.Path(os.path.join(folder, name))
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _may_configure(pyproject):

            path = pathlib.Path(pyproject)
            if "phraselint" in _tool_table(path, _read_pyproject(path)[1]):
                return pathlib.Path(pyproject)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _may_configure(pyproject: str) -> bool:
    """Whether a pyproject.toml can hold phraselint's table at all, read as text: most do not,
    and parsing one means importing tomllib, about 10 ms of every start in a Python project.
    Any form TOML allows reaches the parser: [tool.phraselint], [tool] with a phraselint key,
    dotted keys (tool.phraselint.level), an inline tool table."""

    try:
        text = read_source(pyproject)
    except (OSError, UnicodeDecodeError):
        return True  # let the parser report it
    return "phraselint" in text and re.search(r'^\s*\[\s*tool\s*\]|^\s*tool\s*=|tool\s*\.\s*"?phraselint', text, re.M) is not None


def _read_pyproject(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its parsed document."""
    try:
        text = read_source(str(path))  # a regular file of bounded size, like YAML
        return text, tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(say("{path}: cannot read: {reason}", path=path, reason=exc.strerror or str(exc))) from None
    except UnicodeDecodeError:
        raise ConfigError(say("{path}: is not UTF-8", path=path)) from None
    except ValueError as exc:  # TOMLDecodeError: tomllib's own words, quoted as it gives them
        raise ConfigError(say("{path}: not valid TOML: {toml_says}", path=path, toml_says=str(exc))) from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise ConfigError(say("{path}: cannot read: nested too deeply", path=path)) from None


def _tool_table(path: Path, document: dict[str, Any]) -> Any:
    """`[tool]` of a pyproject document (a TOML file may make `tool` anything: `tool = 5`)."""
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(say("{path}: 'tool' must be a table ([tool.phraselint]), not {type}", path=path, type=type(tool).__name__))
    return tool


class _TomlLines:
    """Where a key or a quoted value is written in pyproject.toml, searched in its text from the
    `[tool.phraselint]` header on (tomllib keeps no positions); None when not found."""

    _HEADER = re.compile(r'^\s*\[\s*tool\s*\.\s*["\']?phraselint["\']?\s*\]')

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.start = next((i for i, line in enumerate(self.lines) if self._HEADER.match(line)), 0)

    def _first(self, pattern: re.Pattern[str]) -> int | None:
        return next((i + 1 for i in range(self.start, len(self.lines)) if pattern.search(self.lines[i])), None)

    def key(self, key: str) -> int | None:
        return self._first(re.compile(rf'^\s*(?:tool\s*\.\s*)?(?:phraselint\s*\.\s*)?["\']?{re.escape(key)}["\']?\s*='))

    def value(self, value: str) -> int | None:
        return self._first(re.compile(f"[\"']{re.escape(value)}[\"']"))


def load_config(path: Path) -> Config:
    if path.name == "pyproject.toml":
        text, document = _read_pyproject(path)
        toml = _TomlLines(text)
        data = _tool_table(path, document).get("phraselint", {})
        if not isinstance(data, dict):
            line = toml.key("phraselint")
            raise ConfigError(say("{where}: 'tool.phraselint' must be a table of settings ([tool.phraselint]), not {type}",
                                  where=f"{path}:{line}" if line else str(path), type=type(data).__name__))
        line_of = toml.key
        item_line = lambda mapping, key, index, value: toml.value(value) or toml.key(value)  # noqa: E731
    else:
        try:
            data = load_located(read_source(str(path))) or LocatedDict()
        except OSError as exc:
            raise ConfigError(say("{path}: cannot read: {reason}", path=path, reason=exc.strerror or str(exc))) from None
        except UnicodeDecodeError:
            raise ConfigError(say("{path}: is not UTF-8", path=path)) from None
        except YamlProblem as exc:
            raise ConfigError(say("{where}: {message}", where=f"{path}:{exc.line}" if exc.line else str(path), message=exc.message)) from None
        if not isinstance(data, dict):
            raise ConfigError(say("{path}: must be a mapping of settings ({keys})", path=path, keys=", ".join(KEYS)))
        line_of = data.line_of if isinstance(data, LocatedDict) else (lambda key: None)
        item_line = _yaml_item_line

    def where(key: str, line: int | None) -> str:
        return f"{path}:{line}: '{key}'" if line else f"{path}: '{key}'"

    def fail(key: str, message: str) -> ConfigError:
        return ConfigError(say("{where}: {message}", where=where(key, line_of(key)), message=message))

    for key in data:
        if key not in KEYS:
            raise fail(key, say("unknown setting (known: {keys})", keys=", ".join(KEYS)))

    def strings(key: str, value: Any = None) -> list[str]:
        value = data.get(key, []) if value is None else value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, say("must be a list of text"))
        return list(value)

    def selectors(key: str, mapping: Any = None, *, setting: str | None = None) -> list[str]:
        """The rule selectors listed under `key` (of `mapping`, the whole file by default), each
        noted with where it is written (Config.origins), so that one matching no rule is
        reported there once the packs are loaded."""
        mapping = data if mapping is None else mapping
        found = strings(setting or key, mapping.get(key, []))
        for index, selector in enumerate(found):
            config.origins.setdefault(selector, []).append(where(setting or key, item_line(mapping, key, index, selector)))
        return found

    def level(key: str) -> Level | None:
        if key not in data:
            return None
        try:
            return Level.parse(str(data[key]))
        except ValueError as exc:
            raise fail(key, exc.args[0]) from None

    config = Config(path=path)
    base = path.parent
    if "packs" in data:
        config.packs = [p if not p.endswith((".yaml", ".yml")) else str(base / p) for p in strings("packs")]
    config.pack_paths = [base / p for p in strings("pack_paths")]
    config.enable = selectors("enable")
    config.disable = selectors("disable")
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("rules", say("must map rule ids to error, warning, suggestion or off"))
    for rule_id, value in rules.items():
        config.origins.setdefault(rule_id, []).append(where("rules", item_line(rules, rule_id, None, rule_id)))
        if str(value).lower() == "off" or value is False:
            config.disable.append(rule_id)
            continue
        try:
            config.levels[rule_id] = Level.parse(str(value))
        except ValueError as exc:
            raise fail("rules", say("{rule}: {reason}", rule=rule_id, reason=exc.args[0])) from None
    config.include = strings("include")
    config.exclude = strings("exclude")
    config.level = level("level")
    config.fail_level = level("fail_level")
    if "variant" in data:
        if data["variant"] not in VARIANTS and data["variant"] not in ALIASES:
            raise fail("variant", say("must be cn, tw or hk"))
        config.variant = ALIASES.get(data["variant"], data["variant"])
    if "lang" in data:
        if data["lang"] not in LANGS:
            raise fail("lang", say("must be zh or en"))
        config.lang = data["lang"]
    if "kind" in data:
        if data["kind"] not in KINDS:
            raise fail("kind", say("must be one of {kinds}", kinds=", ".join(KINDS)))
        config.kind = data["kind"]
    roles = data.get("roles", {})
    if not isinstance(roles, dict) or set(roles) - {"staff", "customer"}:
        raise fail("roles", say("must be a mapping with 'staff' and/or 'customer' lists"))
    for side in ("staff", "customer"):
        values = roles.get(side, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise fail("roles", say("'{side}' must be a list of role labels", side=side))
        setattr(config, f"{side}_roles", list(values))
    per_file = data.get("per_file_disable", {})
    if not isinstance(per_file, dict):
        raise fail("per_file_disable", say("must map path globs to lists of rules"))
    for glob, listed in per_file.items():
        if not (isinstance(listed, str) or (isinstance(listed, list) and all(isinstance(v, str) and v for v in listed))):
            raise fail("per_file_disable", say("'{glob}' must list rule ids, categories or packs", glob=glob))
        config.per_file_disable[str(glob)] = selectors(glob, per_file, setting="per_file_disable")
    columns = data.get("columns", {})
    if not isinstance(columns, dict) or set(columns) - set(TABLE_COLUMNS) or not all(isinstance(v, str) and v for v in columns.values()):
        raise fail("columns", say("must map {names} to column names", names=", ".join(TABLE_COLUMNS)))
    config.columns = dict(columns)
    if "report_mentions" in data:
        if not isinstance(data["report_mentions"], bool):
            raise fail("report_mentions", say("must be true or false"))
        config.report_mentions = data["report_mentions"]
    if "polite" in data:
        if not isinstance(data["polite"], bool):
            raise fail("polite", say("must be true or false"))
        config.polite = data["polite"]
    if "similar" in data:
        if not isinstance(data["similar"], bool):
            raise fail("similar", say("must be true or false"))
        config.similar = data["similar"]
    return config


def _yaml_item_line(mapping: Any, key: str, index: int | None, value: str) -> int | None:
    """The line of the `index`th item listed under `key` of a YAML mapping (with no index, or
    a single value instead of a list, the line of the key)."""
    if not isinstance(mapping, LocatedDict):
        return None
    listed = mapping.get(key)
    if index is not None and isinstance(listed, LocatedList) and index < len(listed.item_lines):
        return listed.item_lines[index]
    return mapping.line_of(key)
