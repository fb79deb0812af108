"""Where a rewrite goes and how it joins the text around it: the clause or sentence that
holds a hit, and the punctuation at each join (no 。。, no 。，, no orphaned ？).

A clause ends at ，；：。！？ (either width), a space or a line break; a sentence at 。！？ or a
line break (and, so that a transcript's role label is never rewritten, a colon). The
enumeration comma 、 joins the items of a list inside one clause.
"""

from __future__ import annotations

from typing import NamedTuple

SENTENCE_FINAL = frozenset("。！？!?")
CLAUSE_MARKS = frozenset("，,；;：:")
MARKS = SENTENCE_FINAL | CLAUSE_MARKS
_CLAUSE_BOUNDS = MARKS | frozenset(" \u3000\t\n\r")
_SENTENCE_BOUNDS = SENTENCE_FINAL | frozenset("：:\n\r")
_LINE_START = frozenset("\n\r：:")  # what a clause can follow at the start of a line or turn


def unit(text: str, start: int, end: int, scope: str) -> tuple[int, int]:
    """The stretch a rewrite of `scope` replaces for the hit text[start:end]: the span itself,
    or every clause (sentence) the span touches, without its closing mark or outer spaces."""
    if scope == "span":
        return start, end
    bounds = _CLAUSE_BOUNDS if scope == "clause" else _SENTENCE_BOUNDS
    low = start
    while low > 0 and text[low - 1] not in bounds:
        low -= 1
    high = end
    while high < len(text) and text[high] not in bounds:
        high += 1
    while low < start and text[low].isspace():
        low += 1
    while high > end and text[high - 1].isspace():
        high -= 1
    return low, high


class Piece(NamedTuple):
    """A stretch of the polite version: original text, or a rewrite (`new`)."""

    text: str
    new: bool
    at: int = -1  # an original stretch: where it begins in the text it was cut from (how edits are traced back)


def joined(pieces: list[Piece]) -> list[Piece]:
    """`pieces` with the punctuation fitted where a rewrite (or a dropped clause) meets the text:
    of two marks that meet, one is kept — the rewrite's own sentence end over the text's, the
    text's clause mark over a rewrite's 。, and never a clause mark at the start of a line."""
    pieces = _drops_closed(pieces)
    out: list[Piece] = []
    for index, piece in enumerate(pieces):
        text = piece.text
        at_join = piece.new or (index > 0 and pieces[index - 1].new)
        if at_join:
            text = _fit(out, text, piece.new)
        if text or piece.new:  # _fit shortens a piece at its start only
            out.append(piece if text is piece.text else Piece(text, piece.new, piece.at + len(piece.text) - len(text)))
    return out


def _drops_closed(pieces: list[Piece]) -> list[Piece]:
    """A dropped clause at the end of a line takes the clause mark before it along (A，B → A)."""
    pieces = list(pieces)
    for index, piece in enumerate(pieces):
        if not piece.new or piece.text:
            continue
        following = next((p.text for p in pieces[index + 1:] if p.text), "")
        if following and following[0] not in "\r\n":
            continue
        for before in range(index - 1, -1, -1):
            if pieces[before].text:
                if pieces[before].text[-1] in CLAUSE_MARKS and not pieces[before].new:
                    pieces[before] = pieces[before]._replace(text=pieces[before].text[:-1])
                break
    return pieces


def _last(out: list[Piece]) -> tuple[int, str]:
    """The last piece holding text, and its last character ('' when there is none)."""
    for index in range(len(out) - 1, -1, -1):
        if out[index].text:
            return index, out[index].text[-1]
    return -1, ""


def _fit(out: list[Piece], text: str, new: bool) -> str:
    """`text` (the next piece) fitted to what `out` ends with; may shorten the last piece too."""
    if not text:
        return text
    index, left = _last(out)
    right = text[0]
    if right not in MARKS:
        return text
    if left == "" or left in _LINE_START:
        return text[1:] if right in CLAUSE_MARKS or (right in SENTENCE_FINAL and not new) else text
    if left not in MARKS:
        return text
    left_new = out[index].new
    if left in SENTENCE_FINAL and right in SENTENCE_FINAL:
        if new and not left_new:
            out[index] = out[index]._replace(text=out[index].text[:-1])
            return text
        return text[1:]
    if left in SENTENCE_FINAL:  # right is a clause mark
        if left_new and left == "。":
            out[index] = out[index]._replace(text=out[index].text[:-1])
            return text
        return text[1:]
    # left is a clause mark
    if right in SENTENCE_FINAL and not new:
        out[index] = out[index]._replace(text=out[index].text[:-1])
        return text
    return text[1:]
