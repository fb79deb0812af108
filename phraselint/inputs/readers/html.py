"""HTML: only text nodes are checked.

Tags (with their attributes), comments, the doctype, processing instructions and the
contents of <script>, <style> and computer-text elements (<code>, <kbd>, <samp>) are masked,
so the text keeps its length and every finding's offset, line and column point into the
HTML source as it is. A tag becomes spaces (it separates clauses: <br>, </p><p>); code
becomes placeholder slots (a word in the sentence, not a clause break).

Character references stand for what the reader sees where that is punctuation or a space
(&ldquo;不知道&rdquo; still reads as a quotation, so a quoted mention stays a mention): the
character at the reference's first position, then zero-width spaces, which matching ignores.
Other references (letters, ideographs) are masked with spaces.
"""

from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

from . import Extracted
from .placeholders import SLOT, mask_placeholders

# Contents never checked: <script>/<style> are program text, the others computer text.
HIDDEN = frozenset({"script", "style"})
CODE = frozenset({"code", "kbd", "samp"})
_IGNORED = "\u200b"  # dropped by normalisation: a reference's padding joins the text around it
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);?")
_ENTITYREF = re.compile(r"&[a-zA-Z][-.a-zA-Z0-9]*;?")


def _blank(text: str) -> str:
    """`text` as spaces, line breaks kept (so lines and columns stay where they were)."""
    return "".join(c if c in "\r\n" else " " for c in text)


def _slots(text: str) -> str:
    return "".join(c if c in "\r\n" else SLOT for c in text)


class _TextNodes(HTMLParser):
    """Collects where text nodes and character references are in the source."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]  # as HTMLParser counts lines
        self.text: list[tuple[int, int, bool]] = []  # (start, end, is code)
        self.references: list[tuple[int, int]] = []
        self.hidden: str | None = None  # inside <script> or <style>
        self.code_depth = 0
        self.cursor = 0

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN and self.hidden is None:
            self.hidden = tag
        elif tag in CODE:
            self.code_depth += 1

    def handle_endtag(self, tag):
        if tag == self.hidden:
            self.hidden = None
        elif tag in CODE and self.code_depth:
            self.code_depth -= 1

    def handle_data(self, data):
        if self.hidden is not None or not data:
            return
        start = self._offset()
        if self.source[start:start + len(data)] != data:  # not where the position says: look for it
            start = self.source.find(data, self.cursor)
            if start < 0:
                return
        self.cursor = start + len(data)
        self.text.append((start, self.cursor, self.code_depth > 0))

    def _reference(self, pattern: re.Pattern) -> None:
        if self.hidden is not None or self.code_depth:
            return
        start = self._offset()
        match = pattern.match(self.source, start)
        if match:
            self.references.append((start, match.end()))
            self.cursor = match.end()

    def handle_charref(self, name):
        self._reference(_CHARREF)

    def handle_entityref(self, name):
        self._reference(_ENTITYREF)


def _shown(reference: str) -> str:
    """What stands in the masked text for a character reference (same length)."""
    decoded = html.unescape(reference)
    if len(decoded) == 1 and decoded != reference:
        if decoded.isspace():
            return " " * len(reference)
        if unicodedata.category(decoded)[0] in "PS":
            return decoded + _IGNORED * (len(reference) - 1)
    return " " * len(reference)


def mask_html(source: str) -> str:
    """`source` with everything but its text nodes masked; the same length, line breaks kept."""
    parser = _TextNodes(source)
    # No close(): what feed() leaves unparsed is an unfinished tag, comment or reference at
    # the end of the file (or an unclosed <script>), which close() would pass on as text.
    parser.feed(source)
    masked = list(_blank(source))
    for start, end, code in parser.text:
        masked[start:end] = _slots(source[start:end]) if code else source[start:end]
    for start, end in parser.references:
        masked[start:end] = _shown(source[start:end])
    return "".join(masked)


def outside_text(source: str) -> list[str]:
    """The stretches of `source` between its text nodes and character references, in order:
    the markup (tags with their attributes, comments, script and style) a fix must leave byte
    for byte. A fix that makes text read as markup (< then a rewrite starting with a letter)
    changes this list."""
    parser = _TextNodes(mask_placeholders(source))
    parser.feed(parser.source)
    stretches, position = [], 0
    for start, end in sorted([(start, end) for start, end, _ in parser.text] + parser.references):
        stretches.append(source[position:start])
        position = end
    stretches.append(source[position:])
    return stretches


def extract_html(text: str) -> Extracted:
    # Template placeholders first, so that {{ a < b }} or {% if %} never look like markup.
    masked = mask_html(mask_placeholders(text))
    return Extracted(mask_placeholders(masked), text)
