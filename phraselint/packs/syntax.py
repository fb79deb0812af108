"""The phrase syntax of rule packs: literal text with alternatives, optional parts, gaps and anchors.

    不知道                 literal text, in either script
    (你|您)好像不知道       alternatives
    我[真的]不知道[啊|的]    optional part (with alternatives inside)
    如果你不给…我就不让你进去  a gap of up to 8 characters within one sentence; …{12} sets the size
    ^啊?                   only at the start of a clause; `$` at the end: only at the end of one
    <我[也]>不知道          context: must stand right before (or, at the end, after) the phrase,
                           but is not part of the reported span
    \\( \\[ \\| \\…         a backslash makes a special character literal

Each phrase expands to finite sets of literal strings, so candidates are found by one
Aho-Corasick automaton; gaps split a phrase into segments that are verified in order.

A pack may come from a repository nobody vetted, so what one phrase can cost is bounded when
it is read: at most MAX_VARIANTS literal variants per part, and as many automaton keys for its
first part with its contexts (each context multiplies them); groups nested at most MAX_NESTING
deep; at most MAX_GAPS gaps. Anything beyond is a PatternError saying which limit.
"""

from __future__ import annotations

from typing import NamedTuple

from ..i18n.message import Message, say


MAX_VARIANTS = 512
MAX_NESTING = 16  # groups ( ) and [ ] inside one another
MAX_GAPS = 4  # each gap adds to the work per character of text (engine/gaps.py)
DEFAULT_GAP = 8
SPECIAL = set("()[]|…^$<>\\")


class PatternError(ValueError):
    """A phrase that cannot be compiled; the message (args[0], a Message) says what is wrong and where."""


class Pattern(NamedTuple):
    source: str
    segments: tuple[frozenset[str], ...]  # literal alternatives of each segment, in order
    gaps: tuple[int, ...]  # max characters between segment i and i+1
    at_clause_start: bool = False
    at_clause_end: bool = False
    before: frozenset[str] = frozenset()  # context that must precede (not part of the span)
    after: frozenset[str] = frozenset()  # context that must follow (not part of the span)

    def automaton_keys(self) -> int:
        """How many keys the phrase adds to the automaton: each context before, times each variant
        of the first part, times each context after (a gapped phrase checks that one apart)."""
        after = max(1, len(self.after)) if len(self.segments) == 1 else 1
        return max(1, len(self.before)) * len(self.segments[0]) * after


def shown(source: str, limit: int = 60) -> str:
    """A phrase quoted in a message, cut short: a hostile pack's phrase may be megabytes long."""
    if len(source) <= limit:
        return repr(source)
    return say("{start}… ({count} characters)", start=repr(source[:limit]), count=f"{len(source):,}")


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.text = source.replace("...", "…")
        self.pos = 0
        self.depth = 0  # groups open around the parser's position

    def error(self, message: Message) -> PatternError:
        return PatternError(say("{problem} in phrase {phrase} (at character {position})", problem=message,
                                phrase=shown(self.source), position=self.pos + 1))

    def peek(self) -> str | None:
        return self.text[self.pos] if self.pos < len(self.text) else None

    def parse_sequence(self, closers: str) -> set[str]:
        """Alternatives of a sequence up to one of `closers` (not consumed)."""
        results = {""}
        while (char := self.peek()) is not None and char not in closers and char not in "|…$<>":
            if char == "(":
                self.pos += 1
                part = self.parse_group(")")
            elif char == "[":
                self.pos += 1
                part = self.parse_group("]") | {""}
            elif char in ")]":
                raise self.error(say("unmatched {char}", char=repr(char)))
            elif char == "^":
                raise self.error(say("'^' is allowed only at the very start"))
            elif char == "\\":
                self.pos += 1
                escaped = self.peek()
                if escaped is None:
                    raise self.error(say("trailing backslash"))
                part = {escaped}
                self.pos += 1
            elif char == "?" and self.pos > 0 and self.text[self.pos - 1] in ")]" and (self.pos < 2 or self.text[self.pos - 2] != "\\"):
                raise self.error(say("'?' after a group is a literal question mark here; write [..] for an optional part, "
                                     "or \\? for a question mark"))
            else:
                part = {char}
                self.pos += 1
            results = {a + b for a in results for b in part}
            if len(results) > MAX_VARIANTS:
                raise self.too_many()
        return results

    def too_many(self) -> PatternError:
        return self.error(say("expands to more than {limit} variants; use a gap (…) or split it", limit=MAX_VARIANTS))

    def parse_group(self, closer: str) -> set[str]:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise self.error(say("groups are nested more than {limit} deep", limit=MAX_NESTING))
        options = self.parse_alternatives(closer)
        self.depth -= 1
        return options

    def parse_alternatives(self, closer: str) -> set[str]:
        options = self.parse_sequence(closer)
        while self.peek() == "|":
            self.pos += 1
            options |= self.parse_sequence(closer)
            if len(options) > MAX_VARIANTS:  # whatever the group is joined to has as many at least
                raise self.too_many()
        if self.peek() != closer:
            raise self.error(say("missing {char}", char=repr(closer)))
        self.pos += 1
        return options

    def parse_context(self) -> frozenset[str]:
        self.pos += 1  # '<'
        literals = self.parse_alternatives(">")
        if "" in literals:
            raise self.error(say("a context <...> can match empty text"))
        return frozenset(literals)

    def parse(self) -> Pattern:
        at_start = self.peek() == "^"
        if at_start:
            self.pos += 1
        before = self.parse_context() if self.peek() == "<" else frozenset()
        segments: list[frozenset[str]] = []
        gaps: list[int] = []
        at_end = False
        after: frozenset[str] = frozenset()
        while True:
            literals = self.parse_sequence("")
            if self.peek() == "|":
                raise self.error(say("'|' outside a group; write (a|b) or give two phrases"))
            if self.peek() == ">":
                raise self.error(say("unmatched '>'"))
            if "" in literals:
                raise self.error(say("a part of the phrase can match empty text"))
            segments.append(frozenset(literals))
            char = self.peek()
            if char == "<":
                after = self.parse_context()
                char = self.peek()
                if char not in (None, "$"):
                    raise self.error(say("a context <...> is allowed only at the very start or the very end"))
            if char is None:
                break
            if char == "$":
                self.pos += 1
                if self.peek() is not None:
                    raise self.error(say("'$' is allowed only at the very end"))
                at_end = True
                break
            # a gap
            self.pos += 1
            size = DEFAULT_GAP
            if self.peek() == "{":
                close = self.text.find("}", self.pos)
                digits = self.text[self.pos + 1 : close] if close != -1 else ""
                if not digits.isdigit() or not 1 <= int(digits) <= 40:
                    raise self.error(say("a gap size is written …{N} with N from 1 to 40"))
                size = int(digits)
                self.pos = close + 1
            gaps.append(size)
            if len(gaps) > MAX_GAPS:
                raise self.error(say("has more than {limit} gaps", limit=MAX_GAPS))
            if self.peek() is None:
                raise self.error(say("a phrase cannot end with a gap"))
        pattern = Pattern(self.source, tuple(segments), tuple(gaps), at_start, at_end, before, after)
        if (keys := pattern.automaton_keys()) > MAX_VARIANTS:
            raise self.error(say("expands with its contexts to {count} variants, more than {limit}; shorten a context "
                                 "or split the phrase", count=f"{keys:,}", limit=MAX_VARIANTS))
        return pattern


def parse_pattern(source: str) -> Pattern:
    if not source or not source.strip():
        raise PatternError(say("empty phrase"))
    if source != source.strip():
        raise PatternError(say("phrase {phrase} has leading or trailing spaces", phrase=shown(source)))
    return _Parser(source).parse()


def expand_literals(source: str) -> frozenset[str]:
    """Alternatives of a gap-free, anchor-free pattern (used for exception lists)."""
    pattern = parse_pattern(source)
    if len(pattern.segments) != 1 or pattern.at_clause_start or pattern.at_clause_end or pattern.before or pattern.after:
        raise PatternError(say("{phrase}: gaps, anchors and contexts are not allowed here", phrase=shown(source)))
    return pattern.segments[0]
