"""How any command ends: user errors as one line on stderr and exit code 2, never a traceback.

Its own module so that the launcher and the click application both use it without
importing each other.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from ..errors import PhraselintError
from ..i18n.choice import N_, Interface
from ..i18n.message import shown
from ..report.controls import visible


# The exit codes of `check` and `fix`, written once: both commands' help shows this, and the
# README says the same (tests/test_exit_codes.py holds them together).
EXIT_CODES = N_(
    "Exit codes: 0 nothing at or above the fail level; 1 findings at or above it (with --fix, "
    "findings left after fixing; with --diff, a file would change); 2 a usage, configuration, "
    "rule-pack or input error."
)
AUDIT_EXIT_CODES = N_(
    "Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; 2 a usage, "
    "configuration or rule-pack error, an unreadable table, a missing column, or a bad row skipped "
    "(the other rows are still audited and the outputs written)."
)


def escape_unencodable_output() -> None:
    """What the output's encoding cannot hold is written as an escape (\\u663e), not an error: a
    Big5 or ASCII terminal (PYTHONIOENCODING=big5) cannot show simplified text, and a file name
    that is not UTF-8 reaches us as lone surrogates (\\udcff), which no encoding holds. In a
    JSON report such an escape is JSON's own, so the document stays valid."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def interface_catalogue(error: PhraselintError | None = None):
    """The run's interface catalogue: the one an error was raised in, once the command knew it
    (a configuration's `lang: en`), else from the arguments (an error may come before they are read)."""
    interface = error.interface if error is not None else None
    return (interface or Interface.from_argv(sys.argv[1:])).of()


def guarded(run: Callable[[], int]) -> int:
    """Run a command and return its exit code, turning what it raises into a message and a code."""
    if sys.stdout is None:  # started with standard output closed (>&-): nowhere to report
        if sys.stderr is not None:
            print("phraselint: " + interface_catalogue().tr("standard output is closed; nothing can be reported"), file=sys.stderr)
        return 2
    escape_unencodable_output()
    try:
        return run()
    except PhraselintError as exc:
        print(f"phraselint: {visible(shown(exc, interface_catalogue(exc)))}", file=sys.stderr)  # it may quote a file's contents
        return 2
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug: say so plainly, traceback only on request
        if os.environ.get("PHRASELINT_DEBUG"):
            raise
        print("phraselint: " + interface_catalogue().tr("internal error: {error} (set PHRASELINT_DEBUG=1 for details)",
                                               error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
        return 2
