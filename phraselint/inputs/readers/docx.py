"""Word documents (.docx): every paragraph, one line each, so a finding's line is the
paragraph number and its column the position in that paragraph.

Order: the body as it reads (paragraphs, and each table's cells row by row where the table
stands, nested tables and content controls included), then each section's headers and
footers (those of its own, not linked to the previous section). A line break inside a
paragraph becomes a space, so that paragraph numbers stay true. Text boxes, footnotes and
comments are not read. A fix is never written back: rewriting the XML could not keep the
document's formatting, so findings are reported only.
"""

from __future__ import annotations

import io
import zipfile

from ...errors import InputError
from . import Extracted
from ...lazy import docx
from ...i18n.message import say

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (_W + name for name in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
_CUSTOM_XML = _W + "customXml"
_R = _W + "r"
# Inline wrappers whose runs are shown: hyperlinks, tracked insertions and moves, content
# controls, simple fields, smart tags. Deleted or moved-away text (w:del, w:moveFrom) is not.
_SHOWN = {_W + name for name in ("hyperlink", "ins", "moveTo", "sdt", "sdtContent", "fldSimple", "smartTag", "customXml")}


def _paragraph_text(element) -> str:
    parts: list[str] = []
    for child in element.iterchildren():
        if child.tag == _R:
            parts.append(child.text or "")  # python-docx's run text: w:t, tabs, breaks, no-break hyphens
        elif child.tag in _SHOWN:
            parts.append(_paragraph_text(child))
    return "".join(parts)


def _paragraphs(container) -> list[str]:
    """The text of every paragraph under a body, cell, header or footer element, in order."""
    found: list[str] = []
    for child in container.iterchildren():
        if child.tag == _P:
            text = _paragraph_text(child)
            found.append(text.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))
        elif child.tag == _TBL:
            for row in child.iterchildren(_TR):
                for cell in row.iterchildren(_TC):  # each cell once, even one spanning columns
                    found.extend(_paragraphs(cell))
        elif child.tag in (_SDT, _CUSTOM_XML):  # content control or custom XML around blocks
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                found.extend(_paragraphs(content))
    return found


def _headers_and_footers(document) -> list[str]:
    found: list[str] = []
    seen: set[int] = set()
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous:  # no definition of its own (reading would add one)
                continue
            element = part.part.element
            if id(element) in seen:
                continue
            seen.add(id(element))
            found.extend(_paragraphs(element))
    return found


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0])
    return str(exc) or type(exc).__name__


MAX_UNPACKED = 256 << 20  # bytes a .docx may unpack to (a 1 MB zip bomb reached 2 GB)


def _unpacked_size(data: bytes) -> int:
    """What the archive's members add up to, as their headers declare it (zipfile never
    decompresses a member past its declared size, so the declaration bounds the work)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(member.file_size for member in archive.infolist())


def extract_docx(data: bytes, path: str) -> Extracted:

    try:
        unpacked = _unpacked_size(data)
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(say("{path}: not a readable .docx file ({reason}); skipped", path=path, reason=_reason(exc))) from None
    if unpacked > MAX_UNPACKED:
        raise InputError(say("{path}: unpacks to {size} MB, more than a document holds ({limit} MB); skipped", path=path,
                              size=unpacked >> 20, limit=MAX_UNPACKED >> 20))
    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # zip, package, content-type and XML errors alike: the file is unreadable
        raise InputError(say("{path}: not a readable .docx file ({reason}); skipped", path=path, reason=_reason(exc))) from None
    paragraphs = _paragraphs(body) + _headers_and_footers(document)
    text = "\n".join(paragraphs)
    return Extracted(text, text, fixable=False, location="paragraph", encoding="docx")
