"""`phraselint test-rules`: every rule's own examples, in each script, as its test cases.

A bad example must produce its rule (and, where it gives `fix`, --fix must turn it into
exactly that text); a good example must produce neither its rule nor any other rule at
warning level or above. Each example runs as written, in simplified and in traditional form.
The checks of one example are shared with loading (example_check.py), which runs each
example as written when a pack is built.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..run.changes import apply_fixes
from ..engine.linter import Linter
from ..i18n.choice import N_
from ..i18n.message import Message, say
from ..model import Level, Rule
from ..lazy import opencc
from ..text.script import detect_script


@dataclass(frozen=True)
class Failure:
    rule: str
    example: str
    form: str  # "as written", "simplified", "traditional"
    problem: str
    field: str = "examples.bad"  # or "examples.good"
    index: int = 0  # of the example in its list, to find its line in the pack file

    def message(self) -> Message:
        """The failure, translatable where it is shown (the form and the problem too)."""
        return say("{rule}: {form} example 「{example}」: {problem}", rule=self.rule, form=say(self.form),
                   example=self.example, problem=self.problem)

    def __str__(self) -> str:
        return str(self.message())


class _Scripts:
    @functools.cached_property
    def _t2s(self):

        return opencc.OpenCC("t2s")

    @functools.cached_property
    def _s2t(self):

        return opencc.OpenCC("s2t")

    def forms(self, text: str) -> list[tuple[str, str]]:
        simplified = self._t2s.convert(text)
        forms = [(N_("as written"), text), (N_("simplified"), simplified), (N_("traditional"), self._s2t.convert(simplified))]
        seen: set[str] = set()
        unique = []
        for name, form in forms:
            if form not in seen:
                seen.add(form)
                unique.append((name, form))
        return unique

    def like(self, text: str, model: str) -> str:
        """`text` in the script `model` is written in (for comparing fixes)."""

        simplified = self._t2s.convert(text)
        return self._s2t.convert(simplified) if detect_script(model) == "traditional" else simplified


def _got(findings: list) -> Message:
    return say("{findings}", findings=", ".join(f"{f.rule}「{f.match}」" for f in findings)) if findings else say("nothing")


def bad_example_problem(linter: Linter, rule: Rule, text: str, fix: str | None) -> str | None:
    """What is wrong when `text` (a bad example in some form) is checked, or None.
    `fix`: the text --fix must give, already in the script of `text`."""
    findings = linter.check(text)
    own = [f for f in findings if f.rule == rule.id]
    if not own:
        return say("expected {rule}, got {got}", rule=rule.id, got=_got(findings))
    if fix is not None:
        fixed = apply_fixes(text, own)
        if fixed != fix:
            return say("fix gave 「{fixed}」, expected 「{fix}」", fixed=fixed, fix=fix)
    return None


def good_example_problem(linter: Linter, rule: Rule, text: str, *, other_rules: bool = True) -> str | None:
    """What is wrong when `text` (a good example in some form) is checked, or None. With
    `other_rules`, a finding of any other rule at warning level or above is wrong too."""
    findings = [
        f for f in linter.check(text)
        if f.rule == rule.id or (other_rules and f.level >= Level.WARNING)
    ]
    if findings:
        return say("expected no finding, got {got}", got=_got(findings))
    return None


def test_rule(linter: Linter, rule: Rule, scripts: _Scripts | None = None) -> tuple[int, list[Failure]]:
    """Run one rule's examples; returns the number of cases run and the failures."""
    scripts = scripts or _Scripts()
    failures: list[Failure] = []
    cases = 0
    for index, example in enumerate(rule.bad_examples):
        for form, text in scripts.forms(example.text):
            cases += 1
            fix = example.fix
            if fix is not None and form != "as written":
                fix = scripts.like(fix, text)
            problem = bad_example_problem(linter, rule, text, fix)
            if problem:
                failures.append(Failure(rule.id, text, form, problem, "examples.bad", index))
    for index, example in enumerate(rule.good_examples):
        for form, text in scripts.forms(example):
            cases += 1
            problem = good_example_problem(linter, rule, text)
            if problem:
                failures.append(Failure(rule.id, text, form, problem, "examples.good", index))
    return cases, failures
