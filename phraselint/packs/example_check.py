"""Each rule's own examples, checked when packs are built, as prh checks a rule's specs on load.

A rule whose bad example it does not catch, or whose good example it flags, is a broken
rule: it is reported like any other pack error (file, line, rule id, field) rather than
left for `phraselint test-rules` to find. Here each example runs once, as written, with the
rules just compiled; `test-rules` still gives the full report (every script, and findings
of other rules on good examples, which depend on which packs are loaded together).
The built result is cached with the compiled packs, so a warm start never runs this.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import Problem
from ..i18n.message import say
from ..model import Rule
from .selftest import bad_example_problem, good_example_problem
from .yaml_source import LocatedDict, LocatedList, YamlProblem, load_located

if TYPE_CHECKING:
    from ..engine.linter import Linter


def broken_examples(linter: Linter) -> list[Problem]:
    """A problem for every example of `linter`'s rules that its rule gets wrong."""
    problems: list[Problem] = []
    lines = _ExampleLines()
    for rule in linter.rules:
        for index, example in enumerate(rule.bad_examples):
            problem = bad_example_problem(linter, rule, example.text, example.fix)
            if problem:
                problems.append(Problem(rule.file, lines.of(rule, "bad", index),
                                        say("example 「{example}」: {problem}", example=example.text, problem=problem), rule.id, "examples.bad"))
        for index, text in enumerate(rule.good_examples):
            problem = good_example_problem(linter, rule, text, other_rules=False)
            if problem:
                problems.append(Problem(rule.file, lines.of(rule, "good", index),
                                        say("example 「{example}」: {problem}", example=text, problem=problem), rule.id, "examples.good"))
    return problems


class _ExampleLines:
    """Lines of examples in their pack files. Rules do not keep them (only a broken example
    needs one), so a file is read again, at most once, when one of its examples fails."""

    def __init__(self) -> None:
        self._rules: dict[str, dict[int, object]] = {}  # file -> rule line -> the rule's mapping

    def of(self, rule: Rule, kind: str, index: int) -> int:
        raw = self._rules_of(rule.file).get(rule.line)
        examples = raw.get("examples") if isinstance(raw, LocatedDict) else None
        if not isinstance(examples, LocatedDict):
            return rule.line
        items = examples.get(kind)
        if isinstance(items, LocatedList) and index < len(items.item_lines):
            return items.item_lines[index]
        return examples.line_of(kind)

    def _rules_of(self, file: str) -> dict[int, object]:
        if file not in self._rules:
            found: dict[int, object] = {}
            try:
                with open(file, encoding="utf-8-sig") as handle:
                    data = load_located(handle.read())
                rules = data.get("rules") if isinstance(data, LocatedDict) else None
                for raw in rules if isinstance(rules, list) else ():
                    if isinstance(raw, LocatedDict):
                        found[raw.line] = raw
            except (OSError, UnicodeDecodeError, YamlProblem):  # changed since it was loaded
                pass
            self._rules[file] = found
        return self._rules[file]
