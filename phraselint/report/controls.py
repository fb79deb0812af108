"""Control characters of checked text made visible before they reach a terminal.

A checked file comes from anyone: an ESC or CSI in it would otherwise be obeyed by the
terminal showing the report (clear the screen, retitle the window, hide the rest of the
line), a BEL would ring, a CR would overwrite the location, and a bidirectional override
(U+202E) would show the quoted line in another order than it has — the "Trojan Source"
trick. Each such character is written as its Python escape (\\x1b, \\u202e): plain ASCII,
one column per character, so the caret line measured on the escaped text stays under the
match, and a reader can tell exactly what the file holds.

Tab is kept (it is only white space), and so is the line feed, which only ever ends a line.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, C1 controls (CSI is U+009B), the Arabic letter mark,
# left-to-right and right-to-left marks, and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every character a terminal would act on written as its escape."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text
