"""JSON and JSON Lines chat logs: a list of {"role": ..., "text": ...} turns.

Accepted shapes: a JSON list of turns; an object holding that list under messages, turns,
dialogue, conversation or chat; or JSON Lines with one turn per line. The turns become a
transcript (`role:text` a line), and every character of it maps back to the JSON source,
escape sequences included, so a finding points at the right place in the file.
"""

from __future__ import annotations

import re

from ...errors import InputError
from . import Extracted
from ...i18n.message import say

ROLE_FIELDS = ("role", "speaker", "from", "sender", "author")
TEXT_FIELDS = ("text", "content", "message", "utterance", "body")
LIST_FIELDS = ("messages", "turns", "dialogue", "conversation", "chat")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERAL = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
# What a role label may not hold for the transcript parser (engine/transcripts.py: 1 to 16
# characters, no space, colon or sentence punctuation): written "_" in the label, so that every
# turn of the log is a turn of its own, never read as more text of the turn before it.
_NOT_IN_LABEL = re.compile(r"[\s:：,，。!?！？\"“”「」]")
MAX_LABEL = 16
# A chat log is a list of turns, perhaps under one key: a few levels. The parser recurses once
# per level, so a file nested 100,000 deep must be refused, not followed.
MAX_DEPTH = 64


class LocatedStr(str):
    """A decoded JSON string that knows where each of its characters starts and ends in the source."""

    positions: tuple[int, ...]
    ends: tuple[int, ...]
    start: int  # the opening quote in the source
    stop: int  # just after the closing quote


class _Parser:
    def __init__(self, source: str, where: str):
        self.s = source
        self.i = 0
        self.where = where
        self.depth = 0  # arrays and objects open at self.i

    def fail(self, message: str) -> InputError:
        line = self.s.count("\n", 0, self.i) + 1
        return InputError(say("{path}:{line}: not valid JSON: {reason}", path=self.where, line=line, reason=message))

    def ws(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n\ufeff":
            self.i += 1

    def value(self):
        self.ws()
        if self.i >= len(self.s):
            raise self.fail(say("unexpected end"))
        char = self.s[self.i]
        if char in "{[":
            if self.depth == MAX_DEPTH:
                raise self.fail(say("nested more than {depth} levels deep", depth=MAX_DEPTH))
            self.depth += 1
            value = self.obj() if char == "{" else self.arr()
            self.depth -= 1
            return value
        if char == '"':
            return self.string()
        match = _LITERAL.match(self.s, self.i)
        if not match:
            raise self.fail(say("unexpected {char}", char=repr(char)))
        self.i = match.end()
        return {"true": True, "false": False, "null": None}.get(match.group(), match.group())

    def obj(self) -> dict:
        self.i += 1
        result: dict = {}
        self.ws()
        if self.s.startswith("}", self.i):
            self.i += 1
            return result
        while True:
            self.ws()
            if not self.s.startswith('"', self.i):
                raise self.fail(say("expected a key"))
            key = str(self.string())
            self.ws()
            if not self.s.startswith(":", self.i):
                raise self.fail(say("expected ':'"))
            self.i += 1
            result[key] = self.value()
            self.ws()
            if self.s.startswith(",", self.i):
                self.i += 1
            elif self.s.startswith("}", self.i):
                self.i += 1
                return result
            else:
                raise self.fail(say("expected ',' or '}'"))

    def arr(self) -> list:
        self.i += 1
        result = []
        self.ws()
        if self.s.startswith("]", self.i):
            self.i += 1
            return result
        while True:
            result.append(self.value())
            self.ws()
            if self.s.startswith(",", self.i):
                self.i += 1
            elif self.s.startswith("]", self.i):
                self.i += 1
                return result
            else:
                raise self.fail(say("expected ',' or ']'"))

    def string(self) -> LocatedStr:
        opening = self.i
        self.i += 1
        chars: list[str] = []
        positions: list[int] = []
        ends: list[int] = []
        s = self.s
        while True:
            if self.i >= len(s):
                raise self.fail(say("unterminated string"))
            char = s[self.i]
            if char == '"':
                self.i += 1
                break
            if char != "\\":
                chars.append(char)
                positions.append(self.i)
                self.i += 1
                ends.append(self.i)
                continue
            start = self.i
            code = s[self.i + 1: self.i + 2]
            if code in _ESCAPES:
                chars.append(_ESCAPES[code])
                self.i += 2
            elif code == "u":
                unit = int(s[self.i + 2: self.i + 6], 16) if re.fullmatch(r"[0-9a-fA-F]{4}", s[self.i + 2: self.i + 6]) else None
                if unit is None:
                    raise self.fail(say("bad \\u escape"))
                self.i += 6
                low = s[self.i: self.i + 6]
                if 0xD800 <= unit < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}", low):
                    unit = 0x10000 + ((unit - 0xD800) << 10) + (int(low[2:], 16) - 0xDC00)
                    self.i += 6
                chars.append(chr(unit))
            else:
                raise self.fail(say("bad escape"))
            positions.append(start)
            ends.append(self.i)
        result = LocatedStr("".join(chars))
        result.positions = tuple(positions)
        result.ends = tuple(ends)
        result.start, result.stop = opening, self.i
        return result


def _turns(data, where: str) -> list:
    if isinstance(data, dict):
        for key in LIST_FIELDS:
            if isinstance(data.get(key), list):
                return data[key]
        raise InputError(say("{path}: a chat log is a list of turns, or an object with one of {fields}", path=where,
                             fields=", ".join(LIST_FIELDS)))
    if isinstance(data, list):
        return data
    raise InputError(say("{path}: a chat log is a list of turns", path=where))


def _field(turn: dict, given: str | None, candidates: tuple[str, ...]):
    if given is not None:
        return turn.get(given)
    return next((turn[key] for key in candidates if key in turn), None)


def _json_lines(source: str, path: str) -> list:
    turns = []
    offset = 0
    for line in source.split("\n"):  # not splitlines(): a raw U+2028 or U+0085 is inside a JSON string
        if line.strip():
            parser = _Parser(source, path)
            parser.i = offset
            turns.append(parser.value())
        offset += len(line) + 1
    return turns


def extract_chat(source: str, path: str, *, role_field: str | None = None, text_field: str | None = None) -> Extracted:
    if path.lower().endswith((".jsonl", ".ndjson")):
        turns = _json_lines(source, path)
    else:
        parser = _Parser(source, path)
        data = parser.value()
        parser.ws()
        if parser.i == len(source):
            turns = _turns(data, path)
        elif isinstance(data, dict):  # one object a line: JSON Lines under another name
            turns = _json_lines(source, path)
        else:
            raise parser.fail(say("extra data after the log"))
    pieces: list[str] = []
    origin: list[int] = []
    origin_end: list[int] = []
    for number, turn in enumerate(turns, 1):
        if not isinstance(turn, dict):
            raise InputError(say("{path}: turn {number} is not an object with a role and a text", path=path, number=number))
        role, text = _field(turn, role_field, ROLE_FIELDS), _field(turn, text_field, TEXT_FIELDS)
        if not isinstance(role, LocatedStr) or not isinstance(text, LocatedStr):
            raise InputError(say("{path}: turn {number} has no text fields '{role}' and '{text}' (see --role-field, "
                                 "--text-field)", path=path, number=number, role=role_field or "/".join(ROLE_FIELDS),
                                 text=text_field or "/".join(TEXT_FIELDS)))
        label = _NOT_IN_LABEL.sub("_", role)[:MAX_LABEL] or "_"
        # the label stands for the role value, an empty one for its quotes (so that a finding on
        # an empty turn, which points at the label, quotes something); the line break before it
        # and the colon after it have no source of their own
        if role.positions:
            anchor, starts, ends = role.positions[0], role.positions[: len(label)], role.ends[: len(label)]
        else:
            anchor, starts, ends = role.start, (role.start,), (role.stop,)
        if pieces:
            pieces.append("\n")
            origin.append(anchor)
            origin_end.append(anchor)
        pieces.append(label + ":")
        origin.extend((*starts, anchor))
        origin_end.extend((*ends, anchor))
        pieces.append(str(text).replace("\n", " "))
        origin.extend(text.positions)
        origin_end.extend(text.ends)
    return Extracted("".join(pieces), source, tuple(origin), tuple(origin_end), dialogue=True)
