"""Reading the fields of one pack file while collecting, not raising, what is wrong with them.

Every problem carries file, line, rule id and field, so that a pack author fixes them all
in one pass; the readers of rule fields (rule_fields.py) and of the pack itself (loader.py)
share one checker per file.
"""

from __future__ import annotations

from ..errors import Problem
from ..i18n.message import say
from .yaml_source import LocatedDict, LocatedList


class FieldChecker:
    """Collects problems for one file, remembering which rule is being read."""

    def __init__(self, file: str):
        self.file = file
        self.rule: str | None = None
        self.problems: list[Problem] = []
        self.classes = None  # the ClassTable phrases of a format-2 pack expand with (classes.py)
        self.automaton_keys = 0  # what the file's phrases add to the automaton (bounded)

    def expand(self, source: str) -> str:
        """A phrase with its word classes expanded (format 2), or as written (format 1: braces are literal)."""
        return source if self.classes is None else self.classes.expand(source)

    def add(self, line: int | None, message: str, field: str | None = None) -> None:
        """A problem at `line`; `message` a Message (i18n/message.py), shown in the run's language."""
        self.problems.append(Problem(self.file, line, message, self.rule, field))

    def text(self, mapping: LocatedDict, key: str, *, required: bool = True, one_line: bool = False) -> str | None:
        if key not in mapping:
            if required:
                self.add(mapping.line, say("is required"), key)
            return None
        value = mapping[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key == "version":
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.add(mapping.line_of(key), say("must be non-empty text"), key)
            return None
        if one_line and "\n" in value.strip():
            self.add(mapping.line_of(key), say("must be one line"), key)
        return value.strip()

    def text_list(self, mapping: LocatedDict, key: str, *, required: bool = True, allow_empty: bool = False) -> list[tuple[str, int]]:
        if key not in mapping:
            if required:
                self.add(mapping.line, say("is required"), key)
            return []
        value = mapping[key]
        if isinstance(value, str):
            value = LocatedList([value])
            value.line = mapping.line_of(key)
            value.item_lines = [value.line]
        if not isinstance(value, list):
            self.add(mapping.line_of(key), say("must be a list of text"), key)
            return []
        if not value and not allow_empty:
            self.add(mapping.line_of(key), say("must not be empty"), key)
        items = []
        for index, item in enumerate(value):
            line = value.item_lines[index] if isinstance(value, LocatedList) else mapping.line_of(key)
            if not isinstance(item, str) or not item.strip():
                self.add(line, say("item {number} must be non-empty text", number=index + 1), key)
            else:
                items.append((item, line))
        return items

    def unknown(self, mapping: LocatedDict, allowed: set[str], what: str) -> None:
        """Each key of `mapping` not in `allowed`; `what` names the mapping (a msgid: N_("a rule"))."""
        for key in mapping:
            if key not in allowed:
                self.add(mapping.line_of(key), say("unknown key in {what} (allowed: {keys})", what=say(what), keys=", ".join(sorted(allowed))), key)

    def boolean(self, mapping: LocatedDict, key: str) -> bool:
        value = mapping.get(key, False)
        if not isinstance(value, bool):
            self.add(mapping.line_of(key), say("must be true or false"), key)
            return False
        return value

