"""A transcript checked in pieces (a large file, see engine/pieces.py): the turns of each piece,
and what one piece passes to the next, so that turns, roles, inferred labels and the verdict
"this file is a transcript" come out as transcripts.parse_turns gives them for the whole text.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .transcripts import MAX_PREAMBLE, Roles, Speaker, Turn, _label, inferred_speakers


class OpenTurn(NamedTuple):
    """The turn a piece of a transcript ends inside, which the next piece's first lines continue."""

    index: int
    role: str
    speaker: Speaker
    inferred: bool = False


class TurnCarry(NamedTuple):
    """What one piece of a transcript passes to the next (see engine/pieces.py): the turn it
    ends inside and whether it ends inside a line, and the counts a whole-text check decides
    with (labelled and non-empty lines, the preamble, the labels no list knows), so that the
    whole file is judged a transcript, or not, and its unknown labels inferred, as one text
    would be."""

    turn: OpenTurn | None = None
    turns: int = 0  # turns so far: the next one's index is turns + 1
    mid_line: bool = False  # the piece ended inside a line (a line longer than a piece)
    line_blank: bool = True  # with mid_line: whether that line has been blank so far
    known_lines: int = 0  # lines whose label is a known role's
    non_empty: int = 0  # non-empty lines from the first labelled one on
    preamble: int = 0  # non-empty lines before it
    known: bool = False  # a label of a known role has been seen
    phone: bool = False  # a turn with a label of a phone role (坐席, 来电人 …) has been seen
    started: bool = False  # a line with a label, known or one that may be inferred, has been seen
    unknown: tuple[tuple[str, int], ...] = ()  # labels no list knows, with how many lines each opens
    sides: tuple[str, ...] = ()  # the speakers the known labels name
    known_labels: tuple[str, ...] = ()  # the first two distinct known labels (only "one or more" matters)
    lead: int = 0  # non-empty lines before the first known label
    lead_plain: int = 0  # those of them that carry no label that may be a role's

    def is_transcript(self, force: bool) -> bool:
        """parse_turns's verdict on the whole file, from the counts of all its pieces."""
        if not self.known:
            return False
        if force:
            return True
        if self.lead > MAX_PREAMBLE + 4 or self.lead_plain > MAX_PREAMBLE:
            return False  # no known label early enough (_starts_like_a_transcript)
        inferred = dict(self.inferred())
        labelled = self.known_lines + sum(count for label, count in self.unknown if label in inferred)
        return self.preamble <= MAX_PREAMBLE and labelled >= 2 and 2 * labelled >= self.non_empty

    def inferred(self) -> tuple[tuple[str, Speaker], ...]:
        """The unknown labels a whole-text check would take for speakers (see inferred_speakers)."""
        return inferred_speakers(dict(self.unknown), set(self.sides), len(self.known_labels))


@functools.cache
def _unsettled_label() -> re.Pattern[str]:
    """A line start that could still become a label once more of the line is read."""
    return re.compile(r"[ \t]*[^\s:：,，。!?！？\"“”「」]{0,16}[ \t]*")


def label_settled(line_start: str) -> bool:
    """Whether the start of a line already decides if the line opens a turn (a piece may end
    inside a line only then: the next piece does not look for a label)."""
    return _unsettled_label().fullmatch(line_start) is None


def continue_turns(text: str, roles: Roles, carry: TurnCarry, *, force: bool, last: bool,
                   inferred: tuple[tuple[str, Speaker], ...] = ()) -> tuple[tuple[Turn, ...], TurnCarry]:
    """The turns of one piece of a file already taken for a transcript, and what it passes on.

    Lines before the piece's first label continue the turn the previous piece ended inside;
    a piece that starts inside a line does not look for a label on it. Labels are those
    parse_turns takes: a known role, an unknown one named in `inferred` (the whole file's
    inference, which the caller learns from a first pass's carry), or any label when forced;
    an unknown label not inferred continues the turn before it. Turns are numbered on from the
    previous piece."""
    label = _label().match
    speakers: dict[str, Speaker] = {}
    decided = dict(inferred)
    open_turn = carry.turn
    index = carry.turns
    known_lines, non_empty, preamble, started = carry.known_lines, carry.non_empty, carry.preamble, carry.started
    lead, lead_plain = carry.lead, carry.lead_plain
    known, phone = carry.known, carry.phone
    unknown = dict(carry.unknown)
    sides, known_labels = set(carry.sides), list(carry.known_labels)
    turns: list[Turn] = []
    body_start = 0 if open_turn is not None else -1  # where the open turn's text starts in this piece
    position = 0
    size = len(text)
    line_blank = carry.line_blank
    first = True  # the first line, which may continue the previous piece's last one
    while position <= size:
        end = text.find("\n", position)
        line_end = end if end != -1 else size
        line = text[position:line_end]
        continued = first and carry.mid_line
        first = False
        blank = not line.strip()
        if continued:
            if line_blank and not blank:  # the line's first non-blank text: counted now
                if started:
                    non_empty += 1
                else:
                    preamble += 1
                if not known_lines:
                    lead, lead_plain = lead + 1, lead_plain + 1
            blank = line_blank and blank
        elif not blank:
            match = label(line) if ":" in line or "：" in line else None
            speaker: Speaker = "unknown"
            opens = was_inferred = False
            if match:
                name = match.group(1)
                speaker = speakers.get(name) or speakers.setdefault(name, roles.speaker(name))
                if speaker != "unknown":
                    opens = known = True
                    known_lines += 1
                    sides.add(speaker)
                    if len(known_labels) < 2 and name not in known_labels:
                        known_labels.append(name)
                elif force or roles.may_be_a_role(name):
                    unknown[name] = unknown.get(name, 0) + 1
                    if name in decided:
                        speaker, opens, was_inferred = decided[name], True, True
                    else:
                        opens = force
                    started = True
                started = started or opens
            if opens:
                if open_turn is not None and body_start >= 0 and (turns or position > 0):
                    # (a turn carried from the previous piece has no part here when a label opens the piece)
                    turns.append(_closed(text, open_turn, body_start, position))
                index += 1
                phone = phone or roles.is_phone(match.group(1))
                open_turn = OpenTurn(index, match.group(1), speaker, was_inferred)
                body_start = position + match.end()
            if started:
                non_empty += 1
            else:
                preamble += 1
            if not known_lines:  # a line before the first known label (_starts_like_a_transcript's count)
                lead += 1
                lead_plain += not (match and roles.may_be_a_role(match.group(1)))
        if end == -1:
            break
        if not force and not started and preamble > MAX_PREAMBLE:
            break  # plain text: the counts have said so (and the caller stops asking)
        position = end + 1
    if open_turn is not None and body_start >= 0:
        turns.append(_closed(text, open_turn, body_start, size))
    mid_line = not last and bool(text) and not text.endswith("\n")
    tail_blank = True
    if mid_line:
        tail_blank = not text[text.rfind("\n") + 1:].strip()
        if carry.mid_line and "\n" not in text:  # still the line the previous piece ended inside
            tail_blank = tail_blank and carry.line_blank
    carried = TurnCarry(open_turn, index, mid_line, tail_blank, known_lines, non_empty, preamble, known, phone, started,
                        tuple(unknown.items()), tuple(sorted(sides)), tuple(known_labels), lead, lead_plain)
    return tuple(turns), carried


def _closed(text: str, turn: OpenTurn, start: int, end: int) -> Turn:
    """The part of `turn` in this piece, from `start` to the line break before `end`, without
    trailing line breaks (as parse_turns ends a turn)."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return Turn(turn.index, turn.role, turn.speaker, start, max(end, start), turn.inferred)
