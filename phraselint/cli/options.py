"""Command-line options turned into a configured Linter, and `check`'s arguments read without click.

Every command that loads packs shares the same options and the same configuration lookup
(`linter_from`). `parse_check_args` reads the arguments of an ordinary `phraselint check`
invocation with none of click's import cost, which is most of a pasted reply's wait: it
accepts exactly the options `check` declares in cli.py, gives the same values click would
(tests/test_launch.py holds the two to each other), and answers None for anything it does
not handle itself — help, a bad value, an unknown option — so that click reports it.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterable

from ..config import Config, find_config, load_config
from ..engine.transcripts import Roles
from ..engine.linter import Linter
from ..model import KINDS
from ..inputs.readers import FORMATS as READER_FORMATS
from ..report import FORMATS
from ..packs.selection import Selection

LEVEL_NAMES = ("error", "warning", "suggestion")
VARIANT_NAMES = ("t", "tw", "hk")

LINTER_DEFAULTS: dict[str, Any] = {
    "config_path": None, "packs": (), "enable": (), "disable": (), "variant": None, "staff_roles": (), "customer_roles": (),
}
CHECK_DEFAULTS: dict[str, Any] = {
    "paths": (), "output_format": "text", "level": None, "fail_level": None, "include": (), "exclude": (), "kind": None,
    "dialogue": None, "report_mentions": False, "input_format": "auto", "encoding": None, "role_field": None,
    "text_field": None, "fix": False, "diff": False, "stats": False, "report_unused_disables": False, "jobs": None,
    **LINTER_DEFAULTS,
}

# check's options: flag -> (parameter, what it takes). A tuple of names is a choice
# (case-insensitive for levels, as click's Choice is declared); "text" any value; "many" a
# repeatable value; "int" the job count; True/False a flag setting the parameter to that value.
_CHECK_OPTIONS: dict[str, tuple[str, Any]] = {
    "--format": ("output_format", FORMATS),
    "--level": ("level", LEVEL_NAMES),
    "--fail-level": ("fail_level", LEVEL_NAMES),
    "--kind": ("kind", KINDS),
    "--input-format": ("input_format", READER_FORMATS),
    "--variant": ("variant", VARIANT_NAMES),
    "--encoding": ("encoding", "text"),
    "--role-field": ("role_field", "text"),
    "--text-field": ("text_field", "text"),
    "--config": ("config_path", "text"),
    "--include": ("include", "many"),
    "--exclude": ("exclude", "many"),
    "--packs": ("packs", "many"),
    "--enable": ("enable", "many"),
    "--disable": ("disable", "many"),
    "--staff-role": ("staff_roles", "many"),
    "--customer-role": ("customer_roles", "many"),
    "-j": ("jobs", "int"),
    "--jobs": ("jobs", "int"),
    "--dialogue": ("dialogue", True),
    "--no-dialogue": ("dialogue", False),
    "--report-mentions": ("report_mentions", True),
    "--fix": ("fix", True),
    "--diff": ("diff", True),
    "--stats": ("stats", True),
    "--report-unused-disables": ("report_unused_disables", True),
}
_CASE_INSENSITIVE = {"level", "fail_level"}


def parse_check_args(argv: list[str], stdin_is_tty: bool | None = None) -> dict[str, Any] | None:
    """`check`'s parameters from argv (argv[0] must be 'check'), or None to leave the arguments to click."""
    if not argv or argv[0] != "check":
        return None
    values = dict(CHECK_DEFAULTS)
    paths: list[str] = []
    args = argv[1:]
    i = 0
    while i < len(args):
        arg = args[i]
        i += 1
        if arg == "--":
            paths.extend(args[i:])
            break
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        flag, has_value, value = arg.partition("=")
        if flag not in _CHECK_OPTIONS:
            return None
        name, takes = _CHECK_OPTIONS[flag]
        if isinstance(takes, bool):
            if has_value:
                return None
            values[name] = takes
            continue
        if not has_value:
            if i == len(args):
                return None
            value = args[i]
            i += 1
        if isinstance(takes, tuple):
            if name in _CASE_INSENSITIVE:
                value = value.lower()
            if value not in takes:
                return None
            values[name] = value
        elif takes == "int":
            if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 256):
                return None
            values[name] = int(value)
        elif takes == "many":
            values[name] = (*values[name], value)
        else:
            if name == "config_path" and os.path.isdir(value):
                return None  # click names the problem
            values[name] = value
    if not paths:
        if sys.stdin.isatty() if stdin_is_tty is None else stdin_is_tty:
            return None  # click says how to call it
        paths = ["-"]
    values["paths"] = tuple(paths)
    return values


def split(values: Iterable[str]) -> list[str]:
    """Options may be repeated or comma-separated: --disable a,b --disable c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def load_config_for(config_path: str | None) -> Config:
    """The named configuration file, else the one found upwards from the current folder, else none."""
    if config_path:
        from pathlib import Path

        return load_config(Path(config_path))
    found = find_config(os.getcwd())
    return load_config(found) if found else Config()


def linter_from(options: dict[str, Any]) -> tuple[Config, Linter]:
    """The configuration and a Linter built from it and the shared options (LINTER_DEFAULTS' keys)."""
    config = load_config_for(options["config_path"])
    selection = Selection(
        disable=tuple(config.disable + split(options["disable"])),
        enable=tuple(config.enable + split(options["enable"])),
        levels=dict(config.levels),
    )
    roles = Roles().with_extra(tuple(config.staff_roles) + tuple(split(options["staff_roles"])),
                               tuple(config.customer_roles) + tuple(split(options["customer_roles"])))
    linter = Linter(
        split(options["packs"]) or config.packs,
        search_paths=config.pack_paths,
        selection=selection,
        variant=options["variant"] or config.variant or "t",  # type: ignore[arg-type]
        roles=roles,
    )
    return config, linter
