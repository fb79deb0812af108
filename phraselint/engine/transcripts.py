"""Dialogue transcripts: who said what, so that only staff wording is judged.

A transcript is text whose lines start with a role label and a colon (客服：…, 业主:…);
a line without a label continues the turn before it. Role names are matched on
normalised text, so 業主 and 业主 are the same role, and a label may carry a name or
number after the role (客服小王:, 业主(3-1502):). The known labels are data
(rules/transcripts/roles.yaml, plus a site's own from the configuration).

A label no list knows is inferred from the others: in a transcript whose other party is a
known customer (住客：…), an unknown label (門衛：…) is staff, and its turns are judged; where
only staff labels are known, an unknown one is the customer. A finding is never lost because
a site calls its staff something the lists do not hold; `phraselint tokens` says what was
inferred.
"""

from __future__ import annotations

import functools
import bisect
import re
from typing import Literal, NamedTuple

from ..text.normalise import normalise_phrase
from .role_labels import builtin_labels
from .mention_lists import ListState

Speaker = Literal["staff", "customer", "unknown"]


@functools.cache
def _label() -> re.Pattern[str]:
    """A role label and its colon at the start of a line (compiled on first need, not at start-up)."""
    return re.compile(r"[ \t]*([^\s:：,，。!?！？\"“”「」]{1,16}?)[ \t]*[:：]")


class Roles(NamedTuple):
    """The built-in role labels plus a site's own (`extra_*`, from the configuration or options)."""

    extra_staff: tuple[str, ...] = ()
    extra_customer: tuple[str, ...] = ()

    def with_extra(self, staff: tuple[str, ...] = (), customer: tuple[str, ...] = ()) -> "Roles":
        return Roles(self.extra_staff + tuple(staff), self.extra_customer + tuple(customer))

    @property
    def staff(self) -> tuple[str, ...]:
        return builtin_labels().staff + self.extra_staff

    @property
    def customer(self) -> tuple[str, ...]:
        return builtin_labels().customer + self.extra_customer

    def speaker(self, label: str) -> Speaker:
        """The longest known role the (normalised) label starts with decides (remembered per label:
        a table audited call by call asks about the same few labels a hundred thousand times)."""
        return _speaker(self.extra_staff, self.extra_customer, label)

    def may_be_a_role(self, label: str) -> bool:
        """Whether an unknown label may be inferred as a role: not a preamble's 时间 or 备注,
        no digits (10:30), and short, as labels are."""
        return (len(label) <= 8 and not any(c.isdigit() or c in _NOT_IN_A_ROLE for c in label)
                and not label.startswith(_not_roles()))

    def is_phone(self, label: str) -> bool:
        return label.startswith(_phone_roles())


_NOT_IN_A_ROLE = set("【】[]()（）{}<>《》")  # 【小区名称】通知： is a heading or a placeholder, not a speaker


@functools.cache
def _not_roles() -> tuple[str, ...]:
    return tuple(normalise_phrase(r) for r in builtin_labels().not_roles)


@functools.cache
def _phone_roles() -> tuple[str, ...]:
    return tuple(normalise_phrase(r) for r in builtin_labels().phone)


@functools.lru_cache(maxsize=4096)
def _speaker(extra_staff: tuple[str, ...], extra_customer: tuple[str, ...], label: str) -> Speaker:
    roles = Roles(extra_staff, extra_customer)
    for prefix, speaker in _prefixes(roles.staff, roles.customer):
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
    inferred: bool = False  # the label is in no list: its speaker was inferred from the others


class Layout(NamedTuple):
    """What the context stage knows about a text: its kind and, for a transcript, its turns."""

    kind: str | None = None
    turns: tuple[Turn, ...] = ()
    starts: tuple[int, ...] = ()  # each turn's start, for bisecting
    transcript: bool = False  # a piece of a transcript: a dialogue even where it holds no turn
    mentions: ListState | None = None  # a piece of a training text: the list of wording to avoid it starts inside

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
    """A known role's label within the first few non-empty lines (read without splitting the
    whole text); lines with an unknown label (門衛：…) before it are not counted as preamble."""
    position = 0
    seen = lines = 0
    while seen <= MAX_PREAMBLE and lines <= MAX_PREAMBLE + 4 and position <= len(text):
        end = text.find("\n", position)
        line = text[position:end if end != -1 else len(text)]
        if line.strip():
            lines += 1
            match = _label().match(line) if ":" in line or "：" in line else None
            if match and roles.speaker(match.group(1)) != "unknown":
                return True
            if not (match and roles.may_be_a_role(match.group(1))):
                seen += 1
        if end == -1:
            break
        position = end + 1
    return False


@functools.cache
def _line_label() -> re.Pattern[str]:
    """_label at the start of every line of a text."""
    return re.compile("^" + _label().pattern, re.MULTILINE)


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
    # Labels are found by one multiline search of the whole text (a label holds no line break, so
    # each match is one line's label at its start), and lines are counted by str.count and the
    # regex engine: no Python step per line, which on a transcript of short turns was a quarter
    # of the check.
    labelled = []  # (line start, label, speaker, body start, inferred), made once: _infer keeps them when it can
    speakers: dict[str, Speaker | None] = {}  # labels repeat: each one's speaker (None: no label) decided once
    for match in _line_label().finditer(text):
        name = match.group(1)
        speaker = speakers.get(name, "")
        if speaker == "":
            speaker = roles.speaker(name)
            if not (speaker != "unknown" or force or roles.may_be_a_role(name)):
                speaker = None
            speakers[name] = speaker
        if speaker is not None:
            labelled.append((match.start(), name, speaker, match.end(), False))
    first = labelled[0][0] if labelled else len(text)
    preamble = _non_empty_lines(text[:first])  # non-empty lines before the first turn
    if preamble > MAX_PREAMBLE and not force:
        return ()  # plain text
    if not any(speaker != "unknown" for _, _, speaker, _, _ in labelled):
        return ()
    non_empty = _non_empty_lines(text[first:])  # from the first turn on
    labelled = _infer(labelled, force)
    if not force and (len(labelled) < 2 or len(labelled) * 2 < non_empty):
        return ()
    turns = []
    ends = [line_start - 1 for line_start, *_ in labelled[1:]]  # the line break before the next turn's line
    ends.append(len(text))
    make = Turn._make  # from a tuple: about a third faster than Turn(...) for a turn a line (bench/run.py's dense corpus)
    for index, ((_, label, speaker, body_start, inferred), end) in enumerate(zip(labelled, ends), 1):
        while end > body_start and text[end - 1] in "\r\n":
            end -= 1
        turns.append(make((index, label, speaker, body_start, max(end, body_start), inferred)))
    return tuple(turns)


def _infer(labelled: list[tuple[int, str, Speaker, int, bool]], force: bool) -> list[tuple[int, str, Speaker, int, bool]]:
    """Labelled lines with each unknown label's speaker inferred, or the line dropped (it then
    continues the turn before it). An unknown label is the other party of the known ones (staff
    where customers are known) when it recurs, or is the only label besides one known role:
    a one-off 比如说： inside an owner's turn is no speaker. Without unknown labels, `labelled` itself."""
    counts: dict[str, int] = {}
    for _, label, speaker, _, _ in labelled:
        if speaker == "unknown":
            counts[label] = counts.get(label, 0) + 1
    if not counts:
        return labelled
    known = [(label, speaker) for _, label, speaker, _, _ in labelled if speaker != "unknown"]
    decided = dict(inferred_speakers(counts, {s for _, s in known}, len({label for label, _ in known})))
    result = []
    for line in labelled:
        number, label, speaker, body, _ = line
        if speaker != "unknown":
            result.append(line)
        elif label in decided:
            result.append((number, label, decided[label], body, True))
        elif force:
            result.append(line)
    return result


def inferred_speakers(counts: dict[str, int], sides: set[str], known_labels: int) -> tuple[tuple[str, Speaker], ...]:
    """The unknown labels (with how often each opens a line) that are taken for a speaker, and
    whose: the other party of the known labels' `sides`, when the label recurs or is the only
    one besides a single known label. One rule for a whole text and a file checked in pieces."""
    if not counts:
        return ()
    other: Speaker = "customer" if sides == {"staff"} else "staff"
    alone = len(counts) == 1 and known_labels == 1
    return tuple(sorted((label, other) for label, count in counts.items() if count >= 2 or alone))


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
        kind = "phone" if any(roles.is_phone(t.role) for t in turns) else "dialogue"
    return Layout(kind, turns, tuple(t.start for t in turns))
