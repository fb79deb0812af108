"""The library API: a Linter holds compiled packs and checks text; the CLI is a shell over it.

    linter = Linter()                     # all built-in packs, compiled once
    for finding in linter.check("这个我不知道"):
        print(finding.rule, finding.offset, finding.suggestions)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .candidates import find_candidates
from .compiler import CompiledRules, compile_packs
from .fixes import apply_fixes
from .model import Finding, Level, Pack, Rule
from .normalise import normalise
from .pack_loader import load_packs
from .positions import LineIndex
from .script import Script, ScriptWriter, Variant, detect_script
from .segmenter import Segmenter
from .selection import Selection
from .verify import Hit, verify


@dataclass(frozen=True)
class TextReport:
    """What one text yields: its script and its findings in text order."""

    script: Script
    findings: list[Finding]


class Linter:
    def __init__(
        self,
        packs: Sequence[str | Pack] | None = None,
        *,
        search_paths: Iterable[Path | str] = (),
        selection: Selection | None = None,
        variant: Variant = "t",
    ):
        """`packs`: names or paths of packs (default: every built-in pack), or Pack objects."""
        if packs is not None and all(isinstance(p, Pack) for p in packs):
            self.packs: list[Pack] = list(packs)  # type: ignore[arg-type]
        else:
            self.packs = load_packs(packs, search_paths=[Path(p) for p in search_paths])  # type: ignore[arg-type]
        self.compiled: CompiledRules = compile_packs(self.packs)
        self.selection = selection or Selection()
        self.selection.validate(self.compiled.rules)
        rules = self.compiled.rules
        self._active = frozenset(i for i, rule in enumerate(rules) if self.selection.is_active(rule))
        self._levels = tuple(self.selection.level_of(rule) for rule in rules)
        self.segmenter = Segmenter()
        self.writer = ScriptWriter(variant)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.compiled.rules

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.compiled.rules if r.id == rule_id), None)

    def find_hits(self, normalised_text: str) -> list[Hit]:
        """Verified hits in normalised offsets (for debugging tools and benchmarks)."""
        candidates = find_candidates(self.compiled, normalised_text)
        return verify(self.compiled, normalised_text, candidates, self.segmenter, self._active)

    def check_text(self, text: str, *, level: Level = Level.SUGGESTION) -> TextReport:
        script = detect_script(text)
        norm = normalise(text)
        hits = self.find_hits(norm.text)
        lines = LineIndex(text) if hits else None
        findings = []
        for hit in hits:
            rule = self.compiled.rules[hit.rule_index]
            rule_level = self._levels[hit.rule_index]
            if rule_level < level:
                continue
            start, end = norm.to_original(hit.start, hit.end)
            line, column = lines.line_column(start)
            end_line, end_column = lines.line_column(end)
            target = script
            if script == "mixed":
                line_start, line_end = lines.line_span(line)
                target = detect_script(text[line_start:line_end if line_end >= 0 else None])
            write = functools.partial(self.writer.write, script=target)
            fix = next((write(r.text) for r in rule.rewrites if r.fix), None)
            findings.append(
                Finding(
                    rule=rule.id, level=rule_level, category=rule.category, message=rule.message,
                    match=text[start:end], offset=start, end_offset=end,
                    line=line, column=column, end_line=end_line, end_column=end_column,
                    suggestions=tuple(write(r.text) for r in rule.rewrites), fix=fix, source=rule.source,
                )
            )
        return TextReport(script, findings)

    def check(self, text: str, *, level: Level = Level.SUGGESTION) -> list[Finding]:
        return self.check_text(text, level=level).findings

    def fix(self, text: str) -> str:
        """`text` with every drop-in rewrite applied; other findings are left for a person."""
        return apply_fixes(text, self.check(text))


@functools.cache
def _default_linter() -> Linter:
    return Linter()


def check(text: str, *, level: Level | str = Level.SUGGESTION) -> list[Finding]:
    """Check `text` against the built-in packs (the linter is built once and reused)."""
    if isinstance(level, str):
        level = Level.parse(level)
    return _default_linter().check(text, level=level)
