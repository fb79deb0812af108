"""Large plain-text files, read and decoded in bounded pieces so that memory does not grow with
the file.

Where a piece ends is the caller's choice (`cut`, see inputs/cuts.py: at a line break, or inside
a line longer than a piece where nothing the checks look at crosses); this module decodes, keeps
each piece's place in the file (offset, line, column), and names a bad byte with the pieces read
before it still handed out. Encodings are decided as for a whole file (see _encoding_of).
"""

from __future__ import annotations

import codecs
from typing import Callable, Iterator, NamedTuple

from ..errors import InputError, SkippedInput
from .discovery import BOM_OF, decode
from ..i18n.message import say

STREAM_THRESHOLD = 8 << 20  # bytes: smaller files are read whole
PIECE = 1 << 20  # characters per piece, about
SAMPLE = 64 << 10  # bytes read to decide the encoding


class Piece(NamedTuple):
    text: str
    offset: int  # of its first character in the decoded file
    line: int  # the line that character is on
    column: int  # and its column (1 unless the piece starts inside a line longer than a piece)
    codec: str
    bom: bool
    last: bool  # the file's last piece


Cut = Callable[[str, bool], int]  # (text not yet handed out, whether it is the rest of the file) -> where the piece ends


def line_cut(pending: str, final: bool) -> int:
    """The simplest cut: after the last line break of the first PIECE characters (a line longer
    than a piece is handed out whole, once it is complete)."""
    if final:
        return len(pending)
    return pending.rfind("\n", 0, PIECE) + 1 or pending.find("\n", PIECE) + 1


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


def pieces(path: str, encoding: str | None = None, *, cut: Cut = line_cut) -> Iterator[Piece]:
    """The file's pieces in order. A byte that does not decode raises InputError (naming the
    byte and the reason) once the text before it has been handed out, as if the file ended
    there; `cut` returns 0 to wait for more text."""
    with open(path, "rb") as handle:
        sample = handle.read(SAMPLE)
        codec, bom = _encoding_of(path, sample, encoding)
        handle.seek(bom)
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        # Only ASCII so far and no encoding given: the file's encoding is not known yet (a GBK
        # notice may open with a long ASCII header). The first chunk holding other bytes decides;
        # ASCII reads the same in every encoding accepted, so nothing decoded so far changes.
        undecided = encoding is None and not bom and sample.isascii()
        binary_if_nul = encoding is None and not bom
        pending = ""
        offset, line, column = 0, 1, 1
        position = bom  # bytes handed to the decoder so far
        failure: InputError | None = None
        while True:
            data = handle.read(PIECE)
            if binary_if_nul and b"\x00" in data:  # as decode() refuses a whole file (no mark, no encoding given)
                raise SkippedInput(say("{path}: looks binary (contains NUL bytes); skipped", path=path))
            if undecided and not data.isascii():
                undecided = False
                codec, _ = _encoding_of(path, data, None)
                decoder = codecs.getincrementaldecoder(codec)(errors="strict")
            buffered = decoder.getstate()[0]  # the bytes of a character the previous chunk cut
            try:
                pending += decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:  # (its offsets count the buffered bytes too)
                failure = InputError(say("{path}: not valid {codec} (byte {start}: {reason}); checked up to there", path=path,
                                         codec=codec, start=position - len(buffered) + exc.start, reason=exc.reason))
                # the characters before the bad byte are still checked
                pending += codecs.getincrementaldecoder(codec)().decode((buffered + data)[:exc.start], final=False)
                data = b""
            position += len(data)
            final = not data
            while pending and (len(pending) >= PIECE or final):
                end = cut(pending, final)
                if end <= 0:
                    if final:  # the text before a bad byte: handed out as it is
                        end = len(pending)
                    else:
                        break  # wait for more of the line
                text, pending = pending[:end], pending[end:]
                yield Piece(text, offset, line, column, codec, bool(bom), final and not pending)
                offset += len(text)
                breaks = text.count("\n")
                line += breaks
                column = len(text) - text.rfind("\n") if breaks else column + len(text)
            if final:
                if failure is not None:
                    raise failure
                return
