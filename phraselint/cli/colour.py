"""Whether to colour what is written to a stream: decided here, once, for every command.

The conventions users already set for other tools, in this order:

- NO_COLOR set to anything but the empty string: never (https://no-color.org);
- FORCE_COLOR or CLICOLOR_FORCE set to anything but "" or "0": always, even into a pipe
  (CI logs that render colour, `| less -R`);
- TERM=dumb: never (Emacs shells, some CI runners: escape codes would show as text);
- otherwise only when the stream is a terminal.
"""

from __future__ import annotations

import os
from typing import Mapping, TextIO


def _set(environ: Mapping[str, str], name: str) -> bool:
    return environ.get(name, "") not in ("", "0")


def use_color(stream: TextIO | None, environ: Mapping[str, str] | None = None) -> bool:
    """Whether escape codes for colour may be written to `stream` (see the module's docstring)."""
    environ = os.environ if environ is None else environ
    if environ.get("NO_COLOR", ""):
        return False
    if _set(environ, "FORCE_COLOR") or _set(environ, "CLICOLOR_FORCE"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False
