"""How any command ends: user errors as one line on stderr and exit code 2, never a traceback.

Its own module so that the launcher and the click application both use it without
importing each other.
"""

from __future__ import annotations

import os
import sys
from typing import Callable

from ..errors import PhraselintError
from ..report.controls import visible


def guarded(run: Callable[[], int]) -> int:
    """Run a command and return its exit code, turning what it raises into a message and a code."""
    try:
        return run()
    except PhraselintError as exc:
        print(f"phraselint: {visible(str(exc))}", file=sys.stderr)  # it may quote a file's contents
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
