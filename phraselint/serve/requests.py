"""What a request to the service asks for, read from its JSON body, or why it cannot be read.

Every refusal is a `Refused` with the HTTP status and a message that says what to change:
400 for a body that is not JSON (or not UTF-8), 413 for one over the limit, 422 for JSON that
is not a request of this endpoint (a field missing, of the wrong type, or unknown — a typo
such as "varient" is reported rather than ignored).
"""

from __future__ import annotations

import json
from typing import Any, AsyncIterator, NamedTuple

from ..i18n.message import say

from ..model import KINDS, Level
from .linters import Asked

DEFAULT_MAX_BODY = "1MB"  # the largest request body accepted unless --max-body says otherwise
VARIANTS = ("cn", "tw", "hk", "t")  # t: the old name of tw, as --variant takes it
LEVELS = ("error", "warning", "suggestion")
CHECK_FIELDS = ("text", "kind", "dialogue", "variant", "roles", "level", "report_mentions", "polite")
REWRITE_FIELDS = ("text", "kind", "dialogue", "variant", "roles")


class Refused(Exception):
    """A request the service answers with an error status and `message` (never a traceback)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class TextRequest(NamedTuple):
    """A check or rewrite request: the text and how to read it."""

    text: str
    asked: Asked
    kind: str | None = None
    dialogue: bool | None = None
    level: Level = Level.SUGGESTION
    report_mentions: bool = False
    polite: bool = False  # /v1/check: also the polite version, in the same answer (the paste page's)


def parse_size(value: str) -> int:
    """A size as `--max-body` takes it: bytes, or with KB / MB (1024-based): 1MB, 256KB, 65536."""
    text = value.strip().upper().removesuffix("B")
    factor = 1
    for suffix, scale in (("K", 1024), ("M", 1024 * 1024)):
        if text.endswith(suffix):
            text, factor = text[:-1].strip(), scale
            break
    if not text.isdigit() or int(text) * factor < 1:
        raise ValueError(say("'{value}' is not a size (examples: 1MB, 256KB, 65536)", value=value))
    return int(text) * factor


async def read_body(headers, stream: AsyncIterator[bytes], limit: int) -> bytes:
    """The body, refused (413) as soon as it is known to exceed `limit` bytes: from its declared
    length before anything is read, else while it arrives (chunked), so that no more than the
    limit is ever held."""
    declared = headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise Refused(400, f"Content-Length '{declared}' is not a number")
        if int(declared) > limit:
            raise Refused(413, f"the body is {int(declared)} bytes; this service accepts at most {limit}")
    chunks: list[bytes] = []
    size = 0
    async for chunk in stream:
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"the body is over {limit} bytes, the most this service accepts")
        chunks.append(chunk)
    return b"".join(chunks)


def decode_json(body: bytes) -> dict[str, Any]:
    """The body as a JSON object; 400 when it is not UTF-8 JSON, 422 when it is not an object."""
    if not body.strip():
        raise Refused(400, 'the body is empty: send a JSON object such as {"text": "…"}')
    try:
        source = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused(400, f"the body is not UTF-8 (byte 0x{body[exc.start]:02x} at position {exc.start})") from None
    try:
        value = json.loads(source)
    except json.JSONDecodeError as exc:
        raise Refused(400, f"the body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise Refused(400, "the body is not valid JSON: nested too deeply") from None
    if not isinstance(value, dict):
        raise Refused(422, f'the body must be a JSON object such as {{"text": "…"}}, not {_json_type(value)}')
    return value


def text_request(body: dict[str, Any], fields: tuple[str, ...]) -> TextRequest:
    """A check (CHECK_FIELDS) or rewrite (REWRITE_FIELDS) request, each field checked."""
    unknown = [name for name in body if name not in fields]
    if unknown:
        raise Refused(422, f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))} "
                           f"(this endpoint takes {', '.join(fields)})")
    text = body.get("text")
    if not isinstance(text, str):
        raise Refused(422, '"text" is required: the text to check, as a string'
                      if text is None else f'"text" must be a string, not {_json_type(text)}')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # JSON's \ud800 escapes: not Unicode text, and no answer could hold it
        raise Refused(422, f'"text" holds a lone surrogate (\\u{ord(text[exc.start]):04x}) at character {exc.start}') from None
    roles = body.get("roles")
    staff = customer = ()
    if roles is not None:
        if not isinstance(roles, dict) or set(roles) - {"staff", "customer"}:
            raise Refused(422, '"roles" must be an object such as {"staff": ["值班员"], "customer": ["住户"]}')
        staff, customer = (_labels(roles, side) for side in ("staff", "customer"))
    level = _choice(body, "level", LEVELS)
    return TextRequest(
        text=text,
        asked=Asked(_choice(body, "variant", VARIANTS), staff, customer),
        kind=_choice(body, "kind", KINDS),
        dialogue=_boolean(body, "dialogue", None),
        level=Level.parse(level) if level else Level.SUGGESTION,
        report_mentions=bool(_boolean(body, "report_mentions", False)),
        polite=bool(_boolean(body, "polite", False)),
    )


def _choice(body: dict[str, Any], name: str, choices: tuple[str, ...]) -> str | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or value.lower() not in choices:
        raise Refused(422, f'"{name}" must be one of {", ".join(choices)} (or null), not {json.dumps(value, ensure_ascii=False)}')
    return value.lower()


def _boolean(body: dict[str, Any], name: str, default: bool | None) -> bool | None:
    value = body.get(name, default)
    if value is not None and not isinstance(value, bool):
        raise Refused(422, f'"{name}" must be true or false, not {_json_type(value)}')
    return value


def _labels(roles: dict[str, Any], side: str) -> tuple[str, ...]:
    labels = roles.get(side, [])
    if not isinstance(labels, list) or not all(isinstance(label, str) and label.strip() for label in labels):
        raise Refused(422, f'"roles.{side}" must be a list of role labels (non-empty strings)')
    return tuple(label.strip() for label in labels)


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
