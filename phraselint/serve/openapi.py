"""The service's OpenAPI 3.1 description, as data (served at /openapi.json).

Written out rather than generated: the finding is the JSON contract's (README, "JSON
output"), and tests/test_serve.py validates every endpoint's real answers against these
schemas and holds the paths listed here to the application's routes.
"""

from __future__ import annotations

from typing import Any

from ..model import KINDS
from ..version import __version__
from .requests import LEVELS, VARIANTS


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_STRINGS = {"type": "array", "items": {"type": "string"}}
_ERRORS = {
    "400": _json(_ref("Error"), "The body is not UTF-8 JSON."),
    "413": _json(_ref("Error"), "The body is over the service's limit (--max-body, 1 MB unless set)."),
    "422": _json(_ref("Error"), "A field is missing, of the wrong type or unknown."),
}

_TEXT_FIELDS: dict[str, Any] = {
    "text": {"type": "string", "description": "The reply, notice or transcript to check."},
    "kind": {"enum": [*KINDS, None], "description": "What the text is (default: detected); phone and dialogue also "
             "check required wording."},
    "dialogue": {"type": ["boolean", "null"], "description": "Force (true) or turn off (false) transcript detection."},
    "variant": {"enum": [*VARIANTS, None], "description": "The reader the messages and rewrites are written for "
                "(default: the service's --variant, else the text's own script and regional wording)."},
    "roles": {"type": "object", "additionalProperties": False, "description": "Role labels beyond the built-in "
              "ones and the configuration's.", "properties": {"staff": _STRINGS, "customer": _STRINGS}},
}


def document(max_body: int) -> dict[str, Any]:
    """The description, with the service's body limit in it."""
    finding = {
        "type": "object",
        "required": ["rule", "level", "category", "message", "match", "offset", "end_offset", "line", "column",
                     "end_line", "end_column", "suggestions"],
        "properties": {
            "rule": {"type": "string"}, "level": {"enum": list(LEVELS)}, "category": {"type": "string"},
            "message": {"type": "string", "description": "Why the wording hurts, in the reader's script."},
            "match": {"type": "string", "description": "The original text of the span: text[offset:end_offset]."},
            "offset": {"type": "integer", "minimum": 0, "description": "Code-point index into the text (not UTF-16)."},
            "end_offset": {"type": "integer", "minimum": 0, "description": "Code-point index, exclusive."},
            "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
            "end_line": {"type": "integer", "minimum": 1}, "end_column": {"type": "integer", "minimum": 1},
            "suggestions": {**_STRINGS, "description": "Polite wording to use instead, in the reader's script."},
            "turn": {"type": "integer", "description": "Transcripts: the turn's index."},
            "role": {"type": ["string", "null"], "description": "Transcripts: the turn's role label."},
            "mention": {"const": True, "description": "A quoted mention, not a use (report_mentions)."},
            "similar": {"type": "string", "description": "The exemplar sentence a similar-wording hint resembles."},
        },
    }
    polite = {
        "type": "object", "required": ["text", "changed", "suggested", "placeholder", "variant", "pieces"],
        "properties": {
            "text": {"type": "string", "description": "The polite version of the whole text, ready to send."},
            "changed": {"type": "integer", "minimum": 0, "description": "Rewrites made (0: nothing could be replaced)."},
            "suggested": {"type": "boolean", "description": "Holds wording beyond drop-in fixes: read it before sending."},
            "placeholder": {"type": "boolean", "description": "Holds a pattern (……) to complete."},
            "variant": {"enum": ["cn", "tw", "hk"]},
            "pieces": {"type": "array", "description": "The text in stretches, each original or rewritten (new).",
                       "items": {"type": "object", "required": ["text", "new"], "additionalProperties": False,
                                 "properties": {"text": {"type": "string"}, "new": {"type": "boolean"}}}},
        },
    }
    schemas = {
        "CheckRequest": {
            "type": "object", "required": ["text"], "additionalProperties": False,
            "properties": {
                **_TEXT_FIELDS,
                "level": {"enum": [*LEVELS, None], "description": "Lowest level reported (default: suggestion)."},
                "report_mentions": {"type": "boolean", "description": "Report quoted mentions as suggestion-level notes."},
                "polite": {"type": "boolean", "description": "Also answer with the polite version (one round trip)."},
            },
        },
        "RewriteRequest": {"type": "object", "required": ["text"], "additionalProperties": False,
                           "properties": _TEXT_FIELDS},
        "Finding": finding,
        "Polite": polite,
        "CheckResponse": {
            "type": "object", "required": ["findings", "script", "variant", "kind", "turns"],
            "properties": {
                "findings": {"type": "array", "items": _ref("Finding")},
                "script": {"enum": ["simplified", "traditional", "mixed"]},
                "variant": {"enum": ["cn", "tw", "hk"], "description": "The reader the findings are written for."},
                "kind": {"type": ["string", "null"]},
                "turns": {"type": "integer", "minimum": 0, "description": "Transcript turns (0: plain text)."},
                "polite": _ref("Polite"),
            },
        },
        "Rule": {
            "type": "object", "required": ["id", "level", "category", "pack", "type", "message", "phrases", "rewrites"],
            "properties": {"id": {"type": "string"}, "level": {"enum": list(LEVELS)}, "category": {"type": "string"},
                           "pack": {"type": "string"}, "type": {"type": "string"}, "message": {"type": "string"},
                           "phrases": _STRINGS, "rewrites": _STRINGS, "source": {"type": ["string", "null"]}},
        },
        "Health": {
            "type": "object", "required": ["status", "version", "rules", "packs", "loaded_at", "reloads", "reload_error"],
            "properties": {"status": {"const": "ok"}, "version": {"type": "string"}, "rules": {"type": "integer"},
                           "packs": _STRINGS, "loaded_at": {"type": "string"}, "started_at": {"type": "string"},
                           "reloads": {"type": "integer", "description": "Successful reloads (SIGHUP) since the start."},
                           "reload_error": {"type": ["string", "null"],
                                            "description": "Why the last reload failed (the earlier packs are still served)."}},
        },
        "Error": {
            "type": "object", "required": ["error"],
            "properties": {"error": {"type": "object", "required": ["status", "message"],
                                     "properties": {"status": {"type": "integer"}, "message": {"type": "string"}}}},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "phraselint", "version": __version__,
                 "description": "Courtesy checks for Chinese customer-service text. Request bodies are UTF-8 JSON of at "
                                f"most {max_body} bytes."},
        "paths": {
            "/v1/check": {"post": {
                "summary": "Check a text: its discourteous wording, each with why and what to say instead.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("CheckRequest")}}},
                "responses": {"200": _json(_ref("CheckResponse"), "The findings, in text order."), **_ERRORS}}},
            "/v1/rewrite": {"post": {
                "summary": "The polite version of a whole text, in the reader's script.",
                "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("RewriteRequest")}}},
                "responses": {"200": _json(_ref("Polite"), "The polite version."), **_ERRORS}}},
            "/v1/rules": {"get": {"summary": "The rules of the loaded packs.", "responses": {"200": _json(
                {"type": "object", "required": ["rules"], "properties": {"rules": {"type": "array", "items": _ref("Rule")}}},
                "Every rule.")}}},
            "/healthz": {"get": {"summary": "Whether the service is up, and what it has loaded.",
                                 "responses": {"200": _json(_ref("Health"), "Up.")}}},
            "/openapi.json": {"get": {"summary": "This description.", "responses": {"200": {"description": "OpenAPI 3.1."}}}},
            "/": {"get": {"summary": "The paste page, for staff checking a reply before sending it.",
                          "responses": {"200": {"description": "HTML.", "content": {"text/html": {}}}}}},
        },
        "components": {"schemas": schemas},
    }
