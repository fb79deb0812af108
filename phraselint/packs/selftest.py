"""`phraselint test-rules`: every rule's own examples, in each script, as its test cases.

A bad example must produce its rule (and, where it gives `fix`, --fix must turn it into
exactly that text); a good example must produce neither its rule nor any other rule at
warning level or above. Each example runs as written, in simplified and in traditional form.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..run.changes import apply_fixes
from ..engine.linter import Linter
from ..model import Level, Rule


@dataclass(frozen=True)
class Failure:
    rule: str
    example: str
    form: str  # "as written", "simplified", "traditional"
    problem: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.form} example 「{self.example}」: {self.problem}"


class _Scripts:
    @functools.cached_property
    def _t2s(self):
        import opencc

        return opencc.OpenCC("t2s")

    @functools.cached_property
    def _s2t(self):
        import opencc

        return opencc.OpenCC("s2t")

    def forms(self, text: str) -> list[tuple[str, str]]:
        simplified = self._t2s.convert(text)
        forms = [("as written", text), ("simplified", simplified), ("traditional", self._s2t.convert(simplified))]
        seen: set[str] = set()
        unique = []
        for name, form in forms:
            if form not in seen:
                seen.add(form)
                unique.append((name, form))
        return unique

    def like(self, text: str, model: str) -> str:
        """`text` in the script `model` is written in (for comparing fixes)."""
        from ..text.script import detect_script

        simplified = self._t2s.convert(text)
        return self._s2t.convert(simplified) if detect_script(model) == "traditional" else simplified


def test_rule(linter: Linter, rule: Rule, scripts: _Scripts | None = None) -> tuple[int, list[Failure]]:
    """Run one rule's examples; returns the number of cases run and the failures."""
    scripts = scripts or _Scripts()
    failures: list[Failure] = []
    cases = 0
    for example in rule.bad_examples:
        for form, text in scripts.forms(example.text):
            cases += 1
            findings = linter.check(text)
            own = [f for f in findings if f.rule == rule.id]
            if not own:
                got = ", ".join(f"{f.rule}「{f.match}」" for f in findings) or "nothing"
                failures.append(Failure(rule.id, text, form, f"expected {rule.id}, got {got}"))
                continue
            if example.fix is not None:
                expected = scripts.like(example.fix, text) if form != "as written" else example.fix
                fixed = apply_fixes(text, own)
                if fixed != expected:
                    failures.append(Failure(rule.id, text, form, f"fix gave 「{fixed}」, expected 「{expected}」"))
    for example in rule.good_examples:
        for form, text in scripts.forms(example):
            cases += 1
            findings = [
                f for f in linter.check(text)
                if f.rule == rule.id or f.level >= Level.WARNING
            ]
            if findings:
                got = ", ".join(f"{f.rule}「{f.match}」" for f in findings)
                failures.append(Failure(rule.id, text, form, f"expected no finding, got {got}"))
    return cases, failures
