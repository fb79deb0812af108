"""Dialogue transcripts: who said what, so that only staff wording is judged.

A transcript is text whose lines start with a role label and a colon (客服：…, 业主:…);
a line without a label continues the turn before it. Role names are matched on
normalised text, so 業主 and 业主 are the same role, and a label may carry a name or
number after the role (客服小王:, 业主(3-1502):).
"""

from __future__ import annotations

import functools
import bisect
import re
from typing import Literal, NamedTuple

from ..text.normalise import normalise_phrase

Speaker = Literal["staff", "customer", "unknown"]

STAFF_ROLES = (
    "客服", "坐席", "管家", "前台", "员工", "物业", "保安", "门岗", "管理员", "接线员", "话务员", "工程部", "维修",
    "经理", "主管", "管理处", "服务中心", "staff", "agent", "operator", "support", "assistant", "service",
)
CUSTOMER_ROLES = (
    "业主", "客户", "住户", "访客", "来电人", "来电者", "租户", "来访者", "顾客", "住客", "客人", "业户", "家属", "来宾",
    "customer", "user", "owner", "client", "caller", "resident", "visitor", "guest",
)
# Roles that say the transcript is a phone call (for required wording such as the greeting).
PHONE_ROLES = ("坐席", "来电人", "来电者", "接线员", "话务员")


@functools.cache
def _label() -> re.Pattern[str]:
    """A role label and its colon at the start of a line (compiled on first need, not at start-up)."""
    return re.compile(r"[ \t]*([^\s:：,，。!?！？\"“”「」]{1,16}?)[ \t]*[:：]")


class Roles(NamedTuple):
    staff: tuple[str, ...] = STAFF_ROLES
    customer: tuple[str, ...] = CUSTOMER_ROLES

    def with_extra(self, staff: tuple[str, ...] = (), customer: tuple[str, ...] = ()) -> "Roles":
        return Roles(self.staff + tuple(staff), self.customer + tuple(customer))

    def speaker(self, label: str) -> Speaker:
        """The longest known role the (normalised) label starts with decides."""
        for prefix, speaker in _prefixes(self.staff, self.customer):
            if label.startswith(prefix):
                return speaker
        return "unknown"


@functools.cache
def _prefixes(staff: tuple[str, ...], customer: tuple[str, ...]) -> tuple[tuple[str, Speaker], ...]:
    """Normalised role names, longest first, so the most specific role wins."""
    pairs = {normalise_phrase(r): "customer" for r in customer}
    pairs.update({normalise_phrase(r): "staff" for r in staff})
    return tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))  # type: ignore[arg-type]


class Turn(NamedTuple):
    index: int  # 1-based
    role: str  # the label as written in the normalised text
    speaker: Speaker
    start: int  # the turn's text, after the label (normalised offsets)
    end: int


class Layout(NamedTuple):
    """What the context stage knows about a text: its kind and, for a transcript, its turns."""

    kind: str | None = None
    turns: tuple[Turn, ...] = ()
    starts: tuple[int, ...] = ()  # each turn's start, for bisecting
    transcript: bool = False  # a piece of a transcript: a dialogue even where it holds no turn

    @property
    def is_dialogue(self) -> bool:
        return self.transcript or bool(self.turns)

    def turn_at(self, start: int, end: int) -> Turn | None:
        """The turn holding [start, end) whole, or None (a label, or a span across turns)."""

        i = bisect.bisect_right(self.starts, start) - 1
        if i < 0:
            return None
        turn = self.turns[i]
        return turn if turn.start <= start and end <= turn.end else None

    def staff_turns(self) -> list[Turn]:
        return [t for t in self.turns if t.speaker == "staff"]


MAX_PREAMBLE = 3  # unlabelled lines (a title, a date, a ticket number) allowed before the first turn


def _starts_like_a_transcript(text: str, roles: Roles) -> bool:
    """A labelled turn within the first few non-empty lines (read without splitting the whole text)."""
    position = 0
    seen = 0
    while seen <= MAX_PREAMBLE and position <= len(text):
        end = text.find("\n", position)
        line = text[position:end if end != -1 else len(text)]
        if line.strip():
            match = _label().match(line) if ":" in line or "：" in line else None
            if match and roles.speaker(match.group(1)) != "unknown":
                return True
            seen += 1
        if end == -1:
            break
        position = end + 1
    return False


@functools.cache
def _blank_inner_line() -> re.Pattern[str]:
    return re.compile(r"\n[^\S\n]*(?=\n)")


def _non_empty_lines(text: str) -> int:
    """How many of text.split("\n") are not blank (line.strip() would be empty), counted by the
    regex engine: a blank line between two line breaks, plus the first and the last line."""
    lines = text.count("\n") + 1
    blank = len(_blank_inner_line().findall(text))
    first_end = text.find("\n")
    if first_end == -1:
        return 0 if not text.strip() else 1
    blank += not text[:first_end].strip()
    blank += not text[text.rfind("\n") + 1:].strip()
    return lines - blank


def parse_turns(text: str, roles: Roles, *, force: bool) -> tuple[Turn, ...]:
    """Turns of a transcript; () when `text` does not look like one (unless forced).

    A transcript may open with a short preamble (【通话记录 6月3日】); from its first turn on,
    at least half of the non-empty lines must carry a role label.
    """
    if not force and not _starts_like_a_transcript(text, roles):
        return ()
    if not force and 2 * (text.count(":") + text.count("：")) < _non_empty_lines(text) - MAX_PREAMBLE:
        # a labelled line holds a colon, and at most MAX_PREAMBLE non-empty lines come before
        # the first one: too few colons for half the lines to be labelled (counted in C)
        return ()
    lines = []
    position = 0
    for line in text.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    labelled = []  # (line index, label, speaker, body start)
    non_empty = 0
    preamble = 0
    label = _label().match
    speakers: dict[str, Speaker] = {}  # labels repeat: each one's speaker looked up once
    remaining = len(lines)
    for number, (start, line) in enumerate(lines):
        if not force and not number & 1023 and 2 * len(labelled) - non_empty + remaining - number < 0:
            return ()  # even if every remaining line were labelled, fewer than half would be
        if not line.strip():
            continue
        match = label(line) if ":" in line or "：" in line else None  # a label ends with a colon
        speaker = "unknown"
        if match:
            name = match.group(1)
            speaker = speakers.get(name) or speakers.setdefault(name, roles.speaker(name))
        if match and (speaker != "unknown" or force):
            labelled.append((number, match.group(1), speaker, start + match.end()))
        elif not labelled:
            preamble += 1
            if preamble > MAX_PREAMBLE and not force:
                return ()  # plain text: decided after a few lines, not after reading them all
            continue
        non_empty += 1
    if not any(speaker != "unknown" for _, _, speaker, _ in labelled):
        return ()
    if not force and (len(labelled) < 2 or len(labelled) * 2 < non_empty):
        return ()
    turns = []
    for i, (number, label, speaker, body_start) in enumerate(labelled):
        next_line = labelled[i + 1][0] if i + 1 < len(labelled) else len(lines)
        last_start, last_line = lines[next_line - 1]
        end = last_start + len(last_line)
        while end > body_start and text[end - 1] in "\r\n":
            end -= 1
        turns.append(Turn(i + 1, label, speaker, body_start, max(end, body_start)))
    return tuple(turns)


class OpenTurn(NamedTuple):
    """The turn a piece of a transcript ends inside, which the next piece's first lines continue."""

    index: int
    role: str
    speaker: Speaker


class TurnCarry(NamedTuple):
    """What one piece of a transcript passes to the next (see engine/pieces.py): the turn it
    ends inside and whether it ends inside a line, and the counts a whole-text check decides
    with (labelled and non-empty lines, the preamble), so that the whole file is judged a
    transcript, or not, as one text would be."""

    turn: OpenTurn | None = None
    turns: int = 0  # turns so far: the next one's index is turns + 1
    mid_line: bool = False  # the piece ended inside a line (a line longer than a piece)
    line_blank: bool = True  # with mid_line: whether that line has been blank so far
    labelled: int = 0
    non_empty: int = 0  # non-empty lines from the first labelled one on
    preamble: int = 0  # non-empty lines before it
    known: bool = False  # a label of a known role has been seen
    phone: bool = False  # a label of a phone role (坐席, 来电人 …) has been seen

    def is_transcript(self, force: bool) -> bool:
        """parse_turns's verdict on the whole file, from the counts of all its pieces."""
        if not self.known:
            return False
        return force or (self.preamble <= MAX_PREAMBLE and self.labelled >= 2 and 2 * self.labelled >= self.non_empty)


@functools.cache
def _phone_prefixes() -> frozenset[str]:
    return frozenset(normalise_phrase(r) for r in PHONE_ROLES)


def _is_phone(role: str) -> bool:
    return any(role.startswith(r) for r in _phone_prefixes())


@functools.cache
def _unsettled_label() -> re.Pattern[str]:
    """A line start that could still become a label once more of the line is read."""
    return re.compile(r"[ \t]*[^\s:：,，。!?！？\"“”「」]{0,16}[ \t]*")


def label_settled(line_start: str) -> bool:
    """Whether the start of a line already decides if the line opens a turn (a piece may end
    inside a line only then: the next piece does not look for a label)."""
    return _unsettled_label().fullmatch(line_start) is None


def continue_turns(text: str, roles: Roles, carry: TurnCarry, *, force: bool, last: bool) -> tuple[tuple[Turn, ...], TurnCarry]:
    """The turns of one piece of a file already taken for a transcript, and what it passes on.

    Lines before the piece's first label continue the turn the previous piece ended inside;
    a piece that starts inside a line does not look for a label on it. Labels are those
    parse_turns takes (a known role, or any label when forced), and turns are numbered on
    from the previous piece."""
    label = _label().match
    speakers: dict[str, Speaker] = {}
    open_turn = carry.turn
    index = carry.turns
    labelled, non_empty, preamble = carry.labelled, carry.non_empty, carry.preamble
    known, phone = carry.known, carry.phone
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
                if labelled:
                    non_empty += 1
                else:
                    preamble += 1
            blank = line_blank and blank
        elif not blank:
            match = label(line) if ":" in line or "：" in line else None
            speaker: Speaker = "unknown"
            if match:
                name = match.group(1)
                speaker = speakers.get(name) or speakers.setdefault(name, roles.speaker(name))
            if match and (speaker != "unknown" or force):
                if open_turn is not None and body_start >= 0 and (turns or position > 0):
                    # (a turn carried from the previous piece has no part here when a label opens the piece)
                    turns.append(_closed(text, open_turn, body_start, position))
                index += 1
                labelled += 1
                known = known or speaker != "unknown"
                phone = phone or _is_phone(match.group(1))
                open_turn = OpenTurn(index, match.group(1), speaker)
                body_start = position + match.end()
            if labelled:
                non_empty += 1
            else:
                preamble += 1
        if end == -1:
            break
        if not force and not labelled and preamble > MAX_PREAMBLE:
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
    carried = TurnCarry(open_turn, index, mid_line, tail_blank, labelled, non_empty, preamble, known, phone)
    return tuple(turns), carried


def _closed(text: str, turn: OpenTurn, start: int, end: int) -> Turn:
    """The part of `turn` in this piece, from `start` to the line break before `end`, without
    trailing line breaks (as parse_turns ends a turn)."""
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return Turn(turn.index, turn.role, turn.speaker, start, max(end, start))


def detect_layout(text: str, roles: Roles, *, kind: str | None, dialogue: bool | None) -> Layout:
    """`dialogue`: True forces transcript parsing, False turns it off, None detects it.
    A kind of dialogue or phone implies parsing; an undetected kind is inferred from the roles."""
    if dialogue is False:
        return Layout(kind)
    force = bool(dialogue) or kind in ("dialogue", "phone")
    turns = parse_turns(text, roles, force=force)
    if not turns:
        return Layout(kind)
    if kind is None:
        phone = {normalise_phrase(r) for r in PHONE_ROLES}
        kind = "phone" if any(any(t.role.startswith(r) for r in phone) for t in turns) else "dialogue"
    return Layout(kind, turns, tuple(t.start for t in turns))
