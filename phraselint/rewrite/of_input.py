"""The polite version of an input as its reader read it: the rewrites made on the text that
was checked (a chat log's transcript, a Markdown file's prose, a template with its
placeholders masked), then written back into the input's own format, so that what is printed
is the file a person would send or commit — the same Markdown, HTML, template or chat log,
with only the checked wording changed (in a transcript only staff turns have findings, so
only they change).

A .docx file cannot be printed as itself: its polite version is its text, a paragraph a line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from ..lazy import html, json
from ..model import Finding
from ..run.changes import Edit
from .compose import Polite, polite_version

if TYPE_CHECKING:
    from ..engine.linter import Linter
    from ..inputs.readers import Extracted


class PoliteInput(NamedTuple):
    text: str  # the input, in its own format, with the polite wording in place
    polite: Polite  # the polite version of the checked text (its pieces, variant, placeholder flag)


def polite_input(linter: Linter, extracted: Extracted, fmt: str, *, kind: str | None = None,
                 dialogue: bool | None = None, suppressed: Callable[[Finding], bool] | None = None) -> PoliteInput:
    """The polite version of one read input, in `fmt` (text, json, markdown, html, docx: the
    reader that read it). `dialogue`: as `check` is told (None: a chat log is a transcript,
    other text is detected). `suppressed`: whether a finding, in the checked text's offsets
    (extracted.text), is one check does not report (CheckSession.suppressed_in)."""
    prose, kept = _without_masked_blanks(extracted)
    if suppressed is not None and kept is not None:  # the prose's offsets, as the checked text's
        suppressed = _through(kept, len(extracted.text), suppressed)
    polite = polite_version(linter, prose, kind=kind, dialogue=dialogue if dialogue is not None else extracted.dialogue,
                            suppressed=suppressed)
    if fmt == "docx":
        return PoliteInput(polite.text, polite)
    text = extracted.original
    for edit in reversed(polite.edits):
        if kept is not None:
            start = kept[edit.start] if edit.start < len(kept) else len(extracted.text)
            end = kept[edit.end - 1] + 1 if edit.end > edit.start else start
            edit = Edit(start, end, edit.text)
        edit = _in_original(extracted, edit, fmt)
        text = text[:edit.start] + edit.text + text[edit.end:]
    return PoliteInput(text, polite)


def _through(kept: list[int], size: int, suppressed: Callable[[Finding], bool]) -> Callable[[Finding], bool]:
    """`suppressed`, asked of a finding in the prose's offsets (see _without_masked_blanks)."""
    def in_prose(finding: Finding) -> bool:
        start = kept[finding.offset] if finding.offset < len(kept) else size
        end = kept[finding.end_offset - 1] + 1 if finding.end_offset > finding.offset else start
        return suppressed(finding._replace(offset=start, end_offset=end))
    return in_prose


def _without_masked_blanks(extracted: Extracted) -> tuple[str, list[int] | None]:
    """The checked text without the blanks a reader put for markup (an inline tag, a link's
    target), and where each character left is in the checked text; None when nothing was
    taken out. A clause ends at a space, and a tag inside a sentence does not end its clause:
    这个<b>我</b>不知道 is rewritten whole, not as 这个 followed by a rewrite. Placeholders
    (slots) and line breaks stay: they are not prose, but the clause goes on around them."""
    checked, original = extracted.text, extracted.original
    if extracted.origin is not None or checked is original or checked == original:
        return checked, None
    kept = [i for i, char in enumerate(checked) if not (char == " " and original[i] != " ")]
    if len(kept) == len(checked):
        return checked, None
    return "".join(checked[i] for i in kept), kept


def _in_original(extracted: Extracted, edit: Edit, fmt: str) -> Edit:
    """An edit of the checked text, as an edit of the file: at the original offsets, escaped
    for the file's syntax, and keeping what the reader masked inside it (a placeholder, inline
    markup), which is not wording to rewrite."""
    start, end, written = edit
    if fmt == "json":
        written = json.dumps(written, ensure_ascii=False)[1:-1]
    elif fmt == "html":
        written = html.escape(written, quote=False)
    if extracted.origin is not None:  # a mapped reader (chat logs): every character knows its place
        origin, origin_end = extracted.origin, extracted.origin_end or extracted.origin
        if end > start:
            return Edit(origin[start], origin_end[end - 1], written)
        at = origin_end[start - 1] if start > 0 else (origin[0] if origin else 0)
        return Edit(at, at, written)
    checked, original = extracted.text, extracted.original
    masked = [i for i in range(start, end) if checked[i] != original[i]]
    if not masked:
        return Edit(start, end, written)
    prose = next((i for i in range(start, end) if checked[i] == original[i]), end)  # masked stretches before it lead
    before = "".join(original[i] for i in masked if i < prose)
    after = "".join(original[i] for i in masked if i > prose)
    return Edit(start, end, before + written + after)


__all__ = ["PoliteInput", "polite_input"]
