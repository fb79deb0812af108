"""The `phraselint` command's entry point.

An ordinary `phraselint check …` runs without importing click: click and what it pulls in
cost about 20 ms of a 100 ms start, and staff paste one reply at a time. Everything else —
other commands, --help, a mistyped option — goes to the click application in cli.py, which
declares the options and reports usage errors.
"""

from __future__ import annotations

import os
import sys
from typing import Callable


def main() -> None:
    from .options import parse_check_args

    options = parse_check_args(sys.argv[1:])
    if options is None:
        from .app import main as click_main

        click_main()
        return

    def run() -> int:
        from .check import run_check

        return run_check(**options)

    sys.exit(guarded(run))


def guarded(run: Callable[[], int]) -> int:
    """Run a command; user errors become one line on stderr and exit code 2, never a traceback."""
    from ..errors import PhraselintError

    try:
        return run()
    except PhraselintError as exc:
        print(f"phraselint: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, traceback only on request
        if os.environ.get("PHRASELINT_DEBUG"):
            raise
        print(f"phraselint: internal error: {type(exc).__name__}: {exc} (set PHRASELINT_DEBUG=1 for details)", file=sys.stderr)
        return 2
