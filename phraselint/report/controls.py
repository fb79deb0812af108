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

# C0 controls but tab and line feed, DEL, C1 controls (CSI is U+009B), the Arabic letter mark,
# left-to-right and right-to-left marks, and the bidirectional embeddings, overrides and isolates.
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F,
             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
# A table for str.translate rather than a regular expression: this module loads on every start,
# before `re` otherwise would, and compiling the pattern alone cost more than half a millisecond.
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _CONTROLS}


def visible(text: str) -> str:
    """`text` with every character a terminal would act on written as its escape."""
    # isprintable is false for every such character (and for some harmless ones, such as the
    # ideographic space), so most text returns here without a copy
    return text if text.isprintable() else text.translate(_ESCAPES)
