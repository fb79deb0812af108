"""The data every pipeline stage passes on: rules as loaded, and findings as reported."""

from __future__ import annotations

from typing import NamedTuple

import enum

from .i18n.message import say


KINDS = ("reply", "phone", "notice", "dialogue", "training")  # what a checked text is; rules' `kinds` name these


class Level(enum.IntEnum):
    """Severity; ordered so that `level >= threshold` filters and fails as linters do."""

    SUGGESTION = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Level":
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(say("unknown level {name} (expected error, warning or suggestion)", name=repr(name))) from None

    def __str__(self) -> str:
        return _LEVEL_NAMES[self]


_LEVEL_NAMES = {level: level.name.lower() for level in Level}  # str(level) runs once per finding in reports


class Rewrite(NamedTuple):
    """A polite wording to offer instead of the hit."""

    text: str
    fix: bool = False  # a drop-in replacement that --fix may apply
    needs_alternative: bool = False  # the material demands that staff also offer another way (必须提议其他可行的方法)
    note: str | None = None
    scope: str | None = None  # span | clause | sentence; None: derived (phraselint/rewrite/scope.py)
    # {class} slots (rule_fields._read_slots): class, the wording `text` shows, whether it is a
    # fallback, the class's literal wordings; the rewrite stage fills them from the hit's sentence
    slots: tuple[tuple[str, str, bool, tuple[str, ...]], ...] = ()


class Exemption(NamedTuple):
    """When a hit is not a violation, judged on the normalised text around it."""

    followed_by: tuple[str, ...] = ()
    preceded_by: tuple[str, ...] = ()
    inside: tuple[str, ...] = ()
    reason: str | None = None


class RequiredPart(NamedTuple):
    """Wording that must be present (any one of its phrases), named for the finding's message."""

    name: str
    phrases: tuple[str, ...]


class BadExample(NamedTuple):
    text: str
    fix: str | None = None  # the text expected after --fix, when the rule has a drop-in rewrite


class Combination(NamedTuple):
    """Keyword combination (format 2): wordings that together, near each other, are the intent,
    in the style of call-centre quality-inspection rules."""

    within: str  # clause | sentence | line | turn | chars
    distance: int  # for `chars`: the most characters from the first wording's start to the last one's end
    all: tuple[str, ...]  # phrases that must all occur in the window
    any: tuple[str, ...]  # phrases of which at least one must occur too (when given)
    none: tuple[str, ...]  # phrases none of which may occur in the window
    position: str = "any"  # in a transcript: any | first-staff-turn | last-staff-turn


class Rule(NamedTuple):
    id: str
    level: Level
    category: str
    message: str
    phrases: tuple[str, ...]
    rewrites: tuple[Rewrite, ...]
    source: str
    pack: str
    file: str
    line: int
    boundary: str = "word"  # "word" or "none"
    exceptions: tuple[Exemption, ...] = ()
    bad_examples: tuple[BadExample, ...] = ()
    good_examples: tuple[str, ...] = ()
    rewrites_reason: str | None = None
    description: str | None = None
    written: tuple[str, ...] = ()  # the phrases as the pack writes them, when word classes make them differ
    intent: str | None = None  # what the wording does (evading, shifting ...); the category stands in when absent
    quotes: str = "mention"  # inside quotation marks: "mention" (not a use after a mention verb) or "ignore" (never checked)
    # type: require — wording that must be present, rather than wording to avoid
    type: str = "phrase"
    scope: str | None = None  # first-staff-turn | last-staff-turn | staff-turn | next-staff-turn
    kinds: tuple[str, ...] = ()  # document kinds the requirement runs on
    trigger: tuple[str, ...] = ()  # phrases that make the requirement apply (staff-turn, next-staff-turn)
    parts: tuple[RequiredPart, ...] = ()
    combine: Combination | None = None  # a phrase rule may also match by keyword combination
    similar: tuple[str, ...] = ()  # exemplar sentences of its intent (format 2; engine/similar.py)


class Pack(NamedTuple):
    name: str
    version: str
    description: str
    source: str
    file: str
    rules: tuple[Rule, ...]
    extends: tuple[str, ...] = ()
    format: int = 1  # 2: word classes and combinations (docs/rule-format.md)
    uses: tuple[str, ...] = ()  # other files its rules were built from (shared word classes)
    extends_line: int | None = None  # where `extends` is written, for its problems


class Finding(NamedTuple):
    """One violation; offsets are code points into the text as given (end exclusive)."""

    rule: str
    level: Level
    category: str
    message: str
    match: str
    offset: int
    end_offset: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: tuple[str, ...] = ()
    fix: str | None = None  # the drop-in replacement text, in the input's script, if the rule has one
    source: str = ""
    turn: int | None = None  # in a dialogue transcript: the turn number (1-based) and its role label
    role: str | None = None
    mention: bool = False  # a quoted mention reported only with --report-mentions
    similar: str | None = None  # the exemplar a similar-wording suggestion resembles (--similar)

    def to_dict(self) -> dict:
        """The JSON-output shape (a stable contract: see README); turn, role and mention appear when they apply."""
        extra = {}
        if self.turn is not None:
            extra["turn"] = self.turn
            extra["role"] = self.role
        if self.mention:
            extra["mention"] = True
        if self.similar is not None:
            extra["similar"] = self.similar
        return {
            "rule": self.rule,
            "level": str(self.level),
            "category": self.category,
            "message": self.message,
            "match": self.match,
            "offset": self.offset,
            "end_offset": self.end_offset,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "suggestions": list(self.suggestions),
            **extra,
        }
