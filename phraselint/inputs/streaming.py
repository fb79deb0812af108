"""Large plain-text files, checked in bounded pieces so that memory does not grow with the file.

A piece ends at a line break (never inside a line: no phrase, gap or context crosses one).
In a transcript it ends before a labelled line, preferably at a blank line, which in a long
log of calls usually separates two calls, so that required wording (first and last staff
turn) is judged on whole calls. Offsets and line numbers carry over from piece to piece.
"""

from __future__ import annotations

import codecs
from typing import Iterator

from ..errors import InputError
from .discovery import BOM_OF, decode
from ..model import Finding

STREAM_THRESHOLD = 8 << 20  # bytes: smaller files are read whole
PIECE = 1 << 20  # characters per piece, about
SAMPLE = 64 << 10  # bytes read to decide the encoding


def _encoding_of(path: str, sample: bytes, encoding: str | None) -> tuple[str, int]:
    """(codec, bytes of byte-order mark) decided on the first bytes of the file."""
    if encoding is None and not any(sample.startswith(bom) for bom in BOM_OF.values() if bom) and b"\x00" not in sample:
        try:  # a valid UTF-8 prefix is UTF-8, even where the sample cuts its last character
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            return "utf-8", 0
        except UnicodeDecodeError:
            pass
    first_error: InputError | None = None
    for cut in range(4):  # the sample may end inside a multi-byte character of up to four bytes
        try:
            document = decode(sample[: len(sample) - cut], path, encoding)
            break
        except InputError as exc:
            first_error = first_error or exc
    else:
        raise first_error  # type: ignore[misc]
    return document.encoding, len(BOM_OF[document.encoding]) if document.bom else 0


def pieces(path: str, encoding: str | None = None, *, transcript_cut=None) -> Iterator[tuple[str, int, int, str, bool]]:
    """(text, offset of its first character, number of its first line, codec, bom) per piece.
    `transcript_cut(text) -> int | None` may choose a better cut inside a piece."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE)
        codec, bom = _encoding_of(path, sample, encoding)
        handle.seek(bom)
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        # Only ASCII so far and no encoding given: the file's encoding is not known yet (a GBK
        # notice may open with a long ASCII header). The first chunk holding other bytes decides;
        # ASCII reads the same in every encoding accepted, so nothing decoded so far changes.
        undecided = encoding is None and not bom and sample.isascii()
        pending = ""
        offset = 0
        line = 1
        position = bom
        while True:
            data = handle.read(PIECE)
            if undecided and not data.isascii():
                undecided = False
                codec, _ = _encoding_of(path, data, None)
                decoder = codecs.getincrementaldecoder(codec)(errors="strict")
            try:
                pending += decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not valid {codec} (byte {position + exc.start}: {exc.reason}); checked up to there") from None
            position += len(data)
            while len(pending) >= PIECE or (not data and pending):
                cut = len(pending) if not data else pending.rfind("\n", 0, PIECE) + 1
                if 0 < cut < len(pending) and transcript_cut is not None:
                    better = transcript_cut(pending[:cut])
                    cut = better or cut
                if cut <= 0:  # one line longer than a piece: take it whole
                    newline = pending.find("\n", PIECE)
                    cut = newline + 1 if newline != -1 else len(pending)
                    if newline == -1 and data:
                        break  # wait for the rest of the line
                text, pending = pending[:cut], pending[cut:]
                yield text, offset, line, codec, bool(bom)
                offset += len(text)
                line += text.count("\n")
            if not data:
                return


def shift(findings: list[Finding], offset: int, line: int) -> list[Finding]:
    """Findings of a piece, moved to the file's offsets and lines (a piece starts a line).

    Each is copied as a list with four fields moved (tens of thousands in a large file;
    _replace would rebuild each through keyword arguments, several times slower)."""
    if (offset == 0 and line == 1) or not findings:
        return findings
    start, end, first, last = (Finding._fields.index(name) for name in ("offset", "end_offset", "line", "end_line"))
    lines = line - 1
    build = tuple.__new__
    shifted = []
    for finding in findings:
        values = list(finding)
        values[start] += offset
        values[end] += offset
        values[first] += lines
        values[last] += lines
        shifted.append(build(Finding, values))
    return shifted
