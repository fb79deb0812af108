"""Options turned into the configuration and a configured Linter.

Every command that loads packs takes LinterOptions (options.py) and finds its configuration
the same way: the file named by --config, else the nearest one upwards from the current folder.
"""

from __future__ import annotations

import os
from typing import Any, Iterable

from ..config import Config, find_config, load_config
from ..engine.linter import Linter
from ..engine.transcripts import Roles
from ..errors import PhraselintError
from ..i18n.choice import Interface
from ..lazy import pathlib
from ..packs.selection import Selection
from .options import LinterOptions


def split(values: Iterable[str]) -> list[str]:
    """Options may be repeated or comma-separated: --disable a,b --disable c."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def load_config_for(config_path: str | None) -> Config:
    """The named configuration file, else the one found upwards from the current folder, else none."""
    if config_path:
        return load_config(pathlib.Path(config_path))
    found = find_config(os.getcwd())
    return load_config(found) if found else Config()


def linter_from(options: Any) -> tuple[Config, Linter]:
    """The configuration and a Linter built from it and the shared options: a LinterOptions,
    or a CheckOptions, which has the same fields. A rule selector matching no rule, in the
    configuration (its file and line named) or on the command line, is an error."""
    config = load_config_for(options.config_path)
    return config, linter_for(config, options)


def linter_for(config: Config, options: Any = None) -> Linter:
    """A Linter built from a configuration already read and the shared options (none: the
    configuration alone, as the language server builds one per configuration file)."""
    options = options if options is not None else LinterOptions()
    arguments = arguments_for(config, options)
    try:
        linter = Linter(arguments.pop("packs"), **arguments)
        check_per_file_selectors(config, linter)
    except PhraselintError as exc:  # a pack's or selector's error, in the language the configuration asks for too
        exc.interface = exc.interface or Interface(options.lang or config.lang, arguments["variant"])
        raise
    return linter


def linter_arguments(options: Any) -> tuple[Config, dict[str, Any]]:
    """The configuration, and Linter's arguments from it and the shared options (`packs` among
    them), for a caller that builds several Linters from one compiled build (the HTTP service)."""
    config = load_config_for(options.config_path)
    return config, arguments_for(config, options)


def arguments_for(config: Config, options: Any) -> dict[str, Any]:
    """Linter's arguments (`packs` among them) from a configuration and the shared options."""
    disable, enable = split(options.disable), split(options.enable)
    origins = {selector: tuple(places) for selector, places in config.origins.items()}
    for flag, given in (("--disable", disable), ("--enable", enable)):
        for selector in given:
            origins[selector] = (*origins.get(selector, ()), flag)
    selection = Selection(
        disable=tuple(config.disable + disable),
        enable=tuple(config.enable + enable),
        levels=dict(config.levels),
        origins=origins,
    )
    roles = Roles().with_extra(tuple(config.staff_roles) + tuple(split(options.staff_roles)),
                               tuple(config.customer_roles) + tuple(split(options.customer_roles)))
    return {
        "packs": split(options.packs) or config.packs,
        "search_paths": config.pack_paths,
        "selection": selection,
        "variant": options.variant or config.variant,
        "roles": roles,
        "similar": options.similar or config.similar,
    }


def check_per_file_selectors(config: Config, linter: Linter) -> None:
    """The configuration's per-file selectors must each match a rule of `linter`, like the others."""
    per_file = tuple(selector for selectors in config.per_file_disable.values() for selector in selectors)
    Selection(disable=per_file, origins=linter.selection.origins).validate(linter.rules)
