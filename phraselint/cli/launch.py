"""The `phraselint` command's entry point.

An ordinary `phraselint check …` runs without importing click: click and what it pulls in
cost about 20 ms of a 100 ms start, and staff paste one reply at a time. Everything else —
other commands, --help, a mistyped option — goes to the click application in app.py, which
reports usage errors. Both read `check`'s options from the one table in options.py.
"""

from __future__ import annotations

import sys

from .guard import guarded
from .options import parse_check_args


def main() -> None:
    options = parse_check_args(sys.argv[1:])
    if options is None:
        _click_main()
        return

    def run() -> int:
        from .check import run_check

        return run_check(options)

    sys.exit(guarded(run))


def _click_main() -> None:
    """The only place the launcher reaches for click: when the fast parser declines the arguments."""
    from .app import main as click_main

    click_main()
