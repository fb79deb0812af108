"""Input readers: one per format, each turning a file into the text to check and a map from
every character of that text back to the decoded file (so findings point into the file).

    (here)         plain text and templates (placeholders masked by placeholders.py)
    chat_json.py   JSON / JSON Lines chat logs
    markdown.py    Markdown (code, front matter and link targets skipped)
    html.py        HTML (text nodes only)
    docx.py        Word documents (paragraphs, tables, headers and footers)

Readers that keep the text's length (text, Markdown, HTML) mask what is not checked
instead of cutting it out, so offsets need no map at all.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from ...errors import InputError
from ...i18n.message import say
from ...model import Finding
from ...text.positions import LineIndex
from ..discovery import decode, read_bytes
from .placeholders import mask_placeholders


class Extracted(NamedTuple):
    """Text to check, taken from `original`; origin[i] is the original offset of text[i]."""

    text: str
    original: str
    origin: tuple[int, ...] | None = None  # None: text is original
    origin_end: tuple[int, ...] | None = None  # where text[i] ends in the original (an escape is longer than one character)
    dialogue: bool | None = None  # a chat log is a transcript whatever its text looks like
    encoding: str = "utf-8"  # how the file was decoded, so that a fix writes it back the same way
    bom: bool = False
    fixable: bool = True  # False where writing back cannot keep the file's format (.docx)
    location: str = "line"  # what `line` counts in reports: "line", or "paragraph" (.docx)
    # Sorted spans of the original shown as code (Markdown): a suppression comment there is
    # quoted, as a handout shows `<!-- phraselint-disable -->`, and never obeyed.
    code: tuple[tuple[int, int], ...] = ()

    def to_original(self, findings: list[Finding]) -> list[Finding]:
        if self.origin is None:
            if self.text is self.original or self.text == self.original:
                return findings
            # same offsets, but a span may cover masked markup or a placeholder: quote the file
            return [f if (match := self.original[f.offset:f.end_offset]) == f.match else f._replace(match=match)
                    for f in findings]
        lines = LineIndex(self.original)
        mapped = []
        for f in findings:
            if f.offset >= len(self.origin):  # an empty span at the very end (an empty last turn)
                start = self.origin_end[-1] if self.origin_end else len(self.original)
            else:
                start = self.origin[f.offset]
            end = self.origin_end[f.end_offset - 1] if f.end_offset > f.offset and self.origin_end else start
            line, column = lines.line_column(start)
            end_line, end_column = lines.line_column(end)
            mapped.append(f._replace(offset=start, end_offset=end, match=self.original[start:end],
                                  line=line, column=column, end_line=end_line, end_column=end_column))
        return mapped


FORMATS = ("auto", "text", "json", "markdown", "html", "docx")
_BY_SUFFIX = {
    ".json": "json", ".jsonl": "json", ".ndjson": "json",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html",
    ".docx": "docx",
}


def format_for(path: str, requested: str) -> str:
    if requested != "auto":
        return requested
    return _BY_SUFFIX.get(os.path.splitext(path)[1].lower(), "text")


def extract(text: str, path: str, input_format: str, *, role_field: str | None = None, text_field: str | None = None) -> Extracted:
    """The checkable text of an already decoded file. Each format's reader is imported when a
    file of that format is met (markdown-it, lxml's docx, the HTML parser are not needed for a
    reply), and after Extracted is defined, which the readers import from here."""
    fmt = format_for(path, input_format)
    if fmt == "json":
        from .chat_json import extract_chat

        return extract_chat(text, path, role_field=role_field, text_field=text_field)
    if fmt == "markdown":
        from .markdown import extract_markdown

        return extract_markdown(text)
    if fmt == "html":
        from .html import extract_html

        return extract_html(text)
    if fmt == "docx":
        raise InputError(say("{path}: a .docx file must be read from disk, not from text", path=path))

    return Extracted(mask_placeholders(text), text)


def html_markup(text: str) -> list[str]:
    """An HTML text's markup, everything but its text nodes (see html.outside_text); the HTML
    parser is imported for the first HTML file met, as by `extract`."""
    from .html import outside_text

    return outside_text(text)


def read(path: str, *, input_format: str = "auto", encoding: str | None = None,
         role_field: str | None = None, text_field: str | None = None) -> Extracted:
    """Read, decode and extract one input ('-' is standard input); InputError names the file and the reason."""

    fmt = format_for(path, input_format)
    data = read_bytes(path)
    if fmt == "docx":
        from .docx import extract_docx

        return extract_docx(data, path)
    document = decode(data, path, encoding)
    extracted = extract(document.text, path, fmt, role_field=role_field, text_field=text_field)
    return extracted._replace(encoding=document.encoding, bom=document.bom)


__all__ = ["Extracted", "FORMATS", "InputError", "extract", "format_for", "html_markup", "read"]
