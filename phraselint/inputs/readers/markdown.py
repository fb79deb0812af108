"""Markdown: the prose is checked, the rest is masked (same length, line breaks kept).

Skipped, as spaces (they separate clauses): YAML/TOML front matter at the very start,
fenced and indented code blocks, link and image targets (`(url "title")`), reference
labels and definitions (`[id]: url`), autolinks (`<https://…>`), HTML comments and tags.
Skipped as placeholder slots (a word inside the sentence, not a clause break): inline code
spans. Kept: the text of headings, paragraphs, lists, quotes and tables, link text, image
alt text and emphasis (its * and _ marks stay; they are not words). HTML blocks are
read as HTML (text nodes only).

markdown-it-py finds the blocks (with their source lines); inline constructs, which it
does not locate, are found by a small scanner over each block's source lines that follows
CommonMark's precedence: backslash escapes, then code spans, autolinks and raw HTML, then
links.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from markdown_it import MarkdownIt
from markdown_it.common import html_re
from markdown_it.common.utils import normalizeReference

from . import Extracted
from .html import mask_html
from .placeholders import SLOT, mask_placeholders

_FRONT_MATTER = re.compile(
    r"(?:---[ \t]*(?:\r\n|\r|\n)(?:.*?(?:\r\n|\r|\n))??(?:---|\.\.\.)"
    r"|\+\+\+[ \t]*(?:\r\n|\r|\n)(?:.*?(?:\r\n|\r|\n))??\+\+\+)[ \t]*(?=\r\n|\r|\n|\Z)",
    re.DOTALL,
)
_NEWLINE = re.compile(r"\r\n|\r|\n")  # what markdown-it counts as a line break
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*"
    r"|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>"
)
_INLINE_HTML = re.compile(
    "(?:" + "|".join((html_re.open_tag, html_re.close_tag, html_re.comment, html_re.processing,
                      html_re.declaration, html_re.cdata)) + ")"
)
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)")
_TITLE_CLOSE = {'"': '"', "'": "'", "(": ")"}


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


class _Masker:
    def __init__(self, source: str):
        self.source = source
        self.out = list(source)
        self.code: list[tuple[int, int]] = []  # code blocks and spans: shown, never obeyed

    def fill(self, start: int, end: int, char: str = " ") -> None:
        for i in range(start, end):
            if self.source[i] not in "\r\n":
                self.out[i] = char

    def result(self) -> str:
        return "".join(self.out)


def _line_starts(text: str) -> list[int]:
    """Offsets of the start of each line, and a last entry for the end of the text."""
    return [0] + [m.end() for m in _NEWLINE.finditer(text)] + [len(text)]


def _front_matter_end(text: str) -> int:
    match = _FRONT_MATTER.match(text)
    return match.end() if match else 0


# -- inline constructs ----------------------------------------------------------------------

def _code_span(s: str, i: int, end: int) -> tuple[int, int]:
    """At a run of backticks: (end of the code span or -1, length of the run)."""
    run = i
    while run < end and s[run] == "`":
        run += 1
    length = run - i
    j = run
    while j < end:
        j = s.find("`", j, end)
        if j < 0:
            break
        k = j
        while k < end and s[k] == "`":
            k += 1
        if k - j == length:
            return k, length
        j = k
    return -1, length


class _RawDestinations:
    """Where a raw link destination (no spaces, parentheses balanced) that starts at j ends, for
    any j of one block, in O(log n): scanning from each `](` instead made `[a](` * 20000 take
    minutes. One pass records the parenthesis depth before each character; from j, the
    destination ends at the first `)` whose depth before it equals the depth at j, unless a
    space or control character (or the block's end) comes first."""

    def __init__(self, s: str, start: int, end: int) -> None:
        self.start, self.end = start, end
        self.depth = depth_before = [0] * (end - start + 1)
        self.paired = bytearray(end - start + 1)  # 1: the second character of a backslash escape
        self.closes: dict[int, list[int]] = defaultdict(list)
        depth = 0
        i = start
        while i < end:
            depth_before[i - start] = depth
            char = s[i]
            if char == "\\" and i + 1 < end and s[i + 1] in _ESCAPABLE:
                depth_before[i + 1 - start] = depth
                self.paired[i + 1 - start] = 1
                i += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                self.closes[depth].append(i)
                depth -= 1
            i += 1
        depth_before[end - start] = depth
        self.stops = [m.start() for m in re.finditer(r"[\x00- ]", s[start:end])]

    def end_of(self, j: int) -> int:
        """Where the scan from j stops (at the closing `)` or the space), or -1: unbalanced."""
        base = self.depth[j - self.start]
        stop_index = bisect.bisect_left(self.stops, j - self.start)
        stop = self.start + self.stops[stop_index] if stop_index < len(self.stops) else self.end
        closes = self.closes.get(base, ())
        close_index = bisect.bisect_left(closes, j)
        if close_index < len(closes) and closes[close_index] < stop:
            return closes[close_index]
        return stop if self.depth[stop - self.start] == base else -1


def _link_tail(s: str, i: int, end: int, destinations: _RawDestinations | None = None) -> int:
    """At `(` after `]`: the end of `(destination "title")`, or -1 when it is not one."""
    j = i + 1

    def spaces(j: int) -> int:
        newlines = 0
        while j < end and s[j] in " \t\r\n":
            if s[j] in "\r\n" and not (s[j] == "\n" and j and s[j - 1] == "\r"):
                newlines += 1
            j += 1
        return j if newlines <= 1 else -1

    j = spaces(j)
    if j < 0 or j >= end:
        return -1
    if s[j] == "<":  # <destination>
        j += 1
        while j < end and s[j] not in "<>\r\n":
            j += 2 if s[j] == "\\" and j + 1 < end else 1
        if j >= end or s[j] != ">":
            return -1
        j += 1
    elif destinations is not None and not destinations.paired[j - destinations.start]:
        j = destinations.end_of(j)
        if j < 0:
            return -1
    else:  # raw destination: no spaces or controls, parentheses balanced
        depth = 0
        while j < end and s[j] > " ":
            if s[j] == "\\" and j + 1 < end and s[j + 1] in _ESCAPABLE:
                j += 2
                continue
            if s[j] == "(":
                depth += 1
            elif s[j] == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        if depth:
            return -1
    before_title = j
    j = spaces(j)
    if j < 0 or j >= end:
        return -1
    if s[j] in _TITLE_CLOSE and j > before_title:  # a title must be separated from the destination
        close = _TITLE_CLOSE[s[j]]
        k = j + 1
        while k < end and s[k] != close:
            k += 2 if s[k] == "\\" else 1
        if k >= end or _BLANK_LINE.search(s, j, k):
            return -1
        j = spaces(k + 1)
        if j < 0 or j >= end:
            return -1
    return j + 1 if s[j] == ")" else -1


def _reference_label(s: str, i: int, end: int) -> int:
    """At `[`: the end of the label `[...]`, or -1."""
    j = i + 1
    while j < end and j - i <= 1000:
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "[":
            return -1
        if s[j] == "]":
            return j + 1
        j += 1
    return -1


def _mask_inline(m: _Masker, start: int, end: int, references: set[str]) -> None:
    s = m.source
    openers = 0  # unmatched [ (or ![) so far
    destinations: _RawDestinations | None = None  # built at the block's first `](`
    i = start
    while i < end:
        char = s[i]
        if char == "\\" and i + 1 < end and s[i + 1] in _ESCAPABLE:
            i += 2
        elif char == "`":
            close, length = _code_span(s, i, end)
            if close < 0:
                i += length
            else:
                m.fill(i, close, SLOT)
                m.code.append((i, close))
                i = close
        elif char == "<":
            match = _AUTOLINK.match(s, i, end) or _INLINE_HTML.match(s, i, end)
            if match:
                m.fill(i, match.end())
                i = match.end()
            else:
                i += 1
        elif char == "[":
            openers += 1
            i += 1
        elif char == "]" and openers:
            openers -= 1
            i += 1
            if i < end and s[i] == "(":
                if destinations is None:
                    destinations = _RawDestinations(s, start, end)
                tail = _link_tail(s, i, end, destinations)
                if tail > 0:
                    m.fill(i, tail)
                    i = tail
            elif i < end and s[i] == "[":
                label = _reference_label(s, i, end)
                if label > 0 and label - i > 2 and normalizeReference(s[i + 1: label - 1]) in references:
                    m.fill(i, label)
                    i = label
        else:
            i += 1


def mask_markdown(text: str) -> str:
    """`text` with everything but its prose masked; the same length, line breaks kept."""
    return _mask(text).result()


def _mask(text: str) -> _Masker:
    m = _Masker(text)
    front = _front_matter_end(text)
    m.fill(0, front)
    env: dict = {}
    tokens = _parser().parse(m.result(), env)
    lines = _line_starts(text)

    def span(map_: list[int]) -> tuple[int, int]:
        first, last = map_
        return lines[min(first, len(lines) - 1)], lines[min(last, len(lines) - 1)]

    inline_maps: set[tuple[int, int]] = set()
    for token in tokens:
        if token.map is None:
            continue
        if token.type in ("fence", "code_block"):
            m.fill(*span(token.map))
            m.code.append(span(token.map))
        elif token.type == "html_block":
            start, end = span(token.map)
            m.out[start:end] = mask_html(text[start:end])
        elif token.type == "inline":
            inline_maps.add(tuple(token.map))  # the cells of a table row share their row's map
    for reference in env.get("references", {}).values():
        if reference.get("map"):
            m.fill(*span(reference["map"]))
    references = set(env.get("references", {}))
    for map_ in sorted(inline_maps):
        _mask_inline(m, *span(list(map_)), references)
    return m


def extract_markdown(text: str) -> Extracted:
    # Markdown first, then template placeholders in what is left: code is literal, so a `{{`
    # shown in one code span and a `}}` in a later one enclose no placeholder, and a directive
    # shown as code stays code even where braces around it look like one placeholder. (A
    # placeholder that renders a backtick, {{ "`" }}, opens a code span as the rendered
    # Markdown would.)
    masker = _mask(text)
    return Extracted(mask_placeholders(masker.result()), text, code=tuple(sorted(masker.code)))
