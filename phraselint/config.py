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
from .packs.yaml_source import LocatedDict, YamlProblem, load_located, read_source
from .model import KINDS, Level
from .text.script import VARIANTS
from .lazy import pathlib, tomllib

CONFIG_NAMES = (".phraselint.yaml", ".phraselint.yml")
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
    "variant": "traditional wording for suggestions: t, tw or hk",
    "kind": "what the checked texts are: reply, phone, notice, dialogue or training",
    "roles": "mapping with 'staff' and 'customer' lists of extra role labels for transcripts",
    "report_mentions": "true to show quoted mentions as suggestion-level notes",
    "per_file_disable": "mapping of path glob to rule ids, categories or packs turned off for those files",
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
        self.kind: str | None = None
        self.staff_roles: list[str] = []
        self.customer_roles: list[str] = []
        self.report_mentions = False
        self.per_file_disable: dict[str, list[str]] = {}

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

            tool = _read_pyproject(pathlib.Path(pyproject)).get("tool", {})
            if isinstance(tool, dict) and "phraselint" in tool:
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


def _read_pyproject(path: Path) -> dict[str, Any]:

    try:
        return tomllib.loads(read_source(str(path)))  # a regular file of bounded size, like YAML
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        raise ConfigError(f"{path}: cannot read: nested too deeply") from None


def _tool_table(path: Path) -> dict[str, Any]:
    """[tool.phraselint] of a pyproject.toml; TOML lets `tool` or `phraselint` be anything."""
    tool = _read_pyproject(path).get("tool", {})
    data = tool.get("phraselint", {}) if isinstance(tool, dict) else None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: tool.phraselint must be a table of settings ({', '.join(KEYS)})")
    return data


def load_config(path: Path) -> Config:
    if path.name == "pyproject.toml":
        data = _tool_table(path)
        line_of = lambda key: None  # noqa: E731 - tomllib keeps no positions
    else:
        try:
            data = load_located(read_source(str(path))) or LocatedDict()
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: is not UTF-8") from None
        except YamlProblem as exc:
            raise ConfigError(f"{path}:{exc.line}: {exc.message}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: must be a mapping of settings ({', '.join(KEYS)})")
        line_of = data.line_of if isinstance(data, LocatedDict) else (lambda key: None)

    def fail(key: str, message: str) -> ConfigError:
        line = line_of(key)
        where = f"{path}:{line}" if line else str(path)
        return ConfigError(f"{where}: '{key}': {message}")

    for key in data:
        if key not in KEYS:
            raise fail(key, "unknown setting (known: " + ", ".join(KEYS) + ")")

    def strings(key: str) -> list[str]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "must be a list of text")
        return list(value)

    def level(key: str) -> Level | None:
        if key not in data:
            return None
        try:
            return Level.parse(str(data[key]))
        except ValueError as exc:
            raise fail(key, str(exc)) from None

    config = Config(path=path)
    base = path.parent
    if "packs" in data:
        config.packs = [p if not p.endswith((".yaml", ".yml")) else str(base / p) for p in strings("packs")]
    config.pack_paths = [base / p for p in strings("pack_paths")]
    config.enable = strings("enable")
    config.disable = strings("disable")
    rules = data.get("rules", {})
    if not isinstance(rules, dict):
        raise fail("rules", "must map rule ids to error, warning, suggestion or off")
    for rule_id, value in rules.items():
        if str(value).lower() == "off" or value is False:
            config.disable.append(rule_id)
            continue
        try:
            config.levels[rule_id] = Level.parse(str(value))
        except ValueError as exc:
            raise fail("rules", f"{rule_id}: {exc}") from None
    config.include = strings("include")
    config.exclude = strings("exclude")
    config.level = level("level")
    config.fail_level = level("fail_level")
    if "variant" in data:
        if data["variant"] not in VARIANTS:
            raise fail("variant", "must be t, tw or hk")
        config.variant = data["variant"]
    if "kind" in data:
        if data["kind"] not in KINDS:
            raise fail("kind", "must be one of " + ", ".join(KINDS))
        config.kind = data["kind"]
    roles = data.get("roles", {})
    if not isinstance(roles, dict) or set(roles) - {"staff", "customer"}:
        raise fail("roles", "must be a mapping with 'staff' and/or 'customer' lists")
    for side in ("staff", "customer"):
        values = roles.get(side, [])
        if isinstance(values, str):
            values = [values]
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise fail("roles", f"'{side}' must be a list of role labels")
        setattr(config, f"{side}_roles", list(values))
    per_file = data.get("per_file_disable", {})
    if not isinstance(per_file, dict):
        raise fail("per_file_disable", "must map path globs to lists of rules")
    for glob, selectors in per_file.items():
        if isinstance(selectors, str):
            selectors = [selectors]
        if not isinstance(selectors, list) or not all(isinstance(v, str) and v for v in selectors):
            raise fail("per_file_disable", f"'{glob}' must list rule ids, categories or packs")
        config.per_file_disable[str(glob)] = list(selectors)
    if "report_mentions" in data:
        if not isinstance(data["report_mentions"], bool):
            raise fail("report_mentions", "must be true or false")
        config.report_mentions = data["report_mentions"]
    return config
