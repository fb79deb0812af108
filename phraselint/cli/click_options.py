"""The click parameters of options.py's table: what lets the click application declare no
option of `check` (or the shared linter options) by hand.

`takes_options(table, record)` gives a command every option of `table` and hands the
command one `record` of their values as its `options` argument.
"""

from __future__ import annotations

import functools
from typing import Any, Callable

import click

from .options import CHOICE, FILE, FLAG, INT, MANY, PATHS, SWITCH, Option


def click_parameter(option: Option) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The click decorator declaring `option` as the fast parser reads it."""
    if option.takes == PATHS:
        return click.argument(option.name, nargs=-1, type=click.Path())
    settings: dict[str, Any] = {"help": option.help}
    flags: tuple[str, ...] = option.flags
    if option.takes == CHOICE:
        settings["type"] = click.Choice(option.choices, case_sensitive=not option.ignore_case)
    elif option.takes == FILE:
        settings["type"] = click.Path(dir_okay=False)
    elif option.takes == INT:
        settings["type"] = click.IntRange(*option.bounds)
    elif option.takes == MANY:
        settings["multiple"] = True
    elif option.takes == FLAG:
        settings["is_flag"] = True
    elif option.takes == SWITCH:
        flags = (f"{'/'.join(flags)}/{option.off}",)
        settings["default"] = option.default  # None: neither flag given (click would make it False)
    if option.default is not None and option.takes != MANY:
        settings["default"] = option.default
        settings["show_default"] = isinstance(option.default, str)
    return click.option(*flags, option.name, **settings)


def takes_options(table: tuple[Option, ...], record: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare every option of `table` on a command, whose callback receives them as
    `options=record(...)` beside its own parameters."""
    names = [option.name for option in table]

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def with_record(**params: Any) -> Any:
            values = {name: params.pop(name) for name in names if name in params}
            return command(**params, options=record(**values))

        for option in reversed(table):
            with_record = click_parameter(option)(with_record)
        return with_record

    return decorate
