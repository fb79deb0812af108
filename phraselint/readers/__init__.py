"""Input readers: one per format, each turning a decoded file into the text to check and a
map from every character of that text back to the file (so findings point into the file)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath

from ..errors import InputError
from ..model import Finding
from ..positions import LineIndex


@dataclass(frozen=True)
class Extracted:
    """Text to check, taken from `original`; origin[i] is the original offset of text[i]."""

    text: str
    original: str
    origin: tuple[int, ...] | None = None  # None: text is original
    origin_end: tuple[int, ...] | None = None  # where text[i] ends in the original (an escape is longer than one character)
    dialogue: bool | None = None  # a chat log is a transcript whatever its text looks like

    def to_original(self, findings: list[Finding]) -> list[Finding]:
        if self.origin is None:
            return findings
        lines = LineIndex(self.original)
        mapped = []
        for f in findings:
            start = self.origin[f.offset]
            end = self.origin_end[f.end_offset - 1] if f.end_offset > f.offset and self.origin_end else start
            line, column = lines.line_column(start)
            end_line, end_column = lines.line_column(end)
            mapped.append(replace(f, offset=start, end_offset=end, match=self.original[start:end],
                                  line=line, column=column, end_line=end_line, end_column=end_column))
        return mapped


FORMATS = ("auto", "text", "json")
_BY_SUFFIX = {".json": "json", ".jsonl": "json", ".ndjson": "json"}


def format_for(path: str, requested: str) -> str:
    if requested != "auto":
        return requested
    return _BY_SUFFIX.get(PurePath(path).suffix.lower(), "text")


def extract(text: str, path: str, input_format: str, *, role_field: str | None = None, text_field: str | None = None) -> Extracted:
    fmt = format_for(path, input_format)
    if fmt == "json":
        from .chat_json import extract_chat

        return extract_chat(text, path, role_field=role_field, text_field=text_field)
    return Extracted(text, text)


__all__ = ["Extracted", "FORMATS", "InputError", "extract", "format_for"]
