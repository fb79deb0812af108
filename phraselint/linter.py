"""The library API: a Linter holds compiled packs and checks text; the CLI is a shell over it.

    linter = Linter()                     # all built-in packs, compiled once
    for finding in linter.check("这个我不知道"):
        print(finding.rule, finding.offset, finding.suggestions)
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable, Sequence, NamedTuple

from .compiler import CompiledRules, compile_packs
from .dialogue import Layout, Roles, detect_layout
from .fixes import apply_fixes
from .model import KINDS, Finding, Level, Pack, Rule
from .normalise import NormalisedText, normalise
from .positions import LineIndex
from .quotes import QuoteIndex
from .requirements import check_requirements
from .script import LineScripts, Script, ScriptWriter, Variant
from .segmenter import Segmenter
from .selection import Selection
from .verify import Hit, resolve_overlaps, scan


class TextReport(NamedTuple):
    """What one text yields: its script, kind (given or detected) and findings in text order."""

    script: Script
    findings: list[Finding]
    kind: str | None = None
    turns: int = 0  # number of transcript turns, 0 for plain text


class _Located(NamedTuple):
    """A hit with what the context stage learnt about it."""

    hit: Hit
    level: Level
    note: str | None = None  # replaces the rule's message (missing parts, mentions)
    turn: int | None = None
    role: str | None = None
    mention: bool = False


class Linter:
    def __init__(
        self,
        packs: Sequence[str | Pack] | None = None,
        *,
        search_paths: Iterable[Path | str] = (),
        selection: Selection | None = None,
        variant: Variant = "t",
        roles: Roles | None = None,
    ):
        """`packs`: names or paths of packs (default: every built-in pack), or Pack objects."""
        prewritten: dict = {}
        if packs is not None and all(isinstance(p, Pack) for p in packs):
            self.packs: list[Pack] = list(packs)  # type: ignore[arg-type]
            self.compiled: CompiledRules = compile_packs(self.packs)
        else:
            from .compiled_cache import load_compiled

            self.packs, self.compiled, prewritten = load_compiled(packs, [Path(p) for p in search_paths])  # type: ignore[arg-type]
        self.selection = selection or Selection()
        self.selection.validate(self.compiled.rules)
        rules = self.compiled.rules
        self._active = frozenset(i for i, rule in enumerate(rules) if self.selection.is_active(rule))
        self._levels = tuple(self.selection.level_of(rule) for rule in rules)
        self.roles = roles or Roles()
        self.segmenter = Segmenter()
        self.writer = ScriptWriter(variant, prewritten)
        self._suggestions: dict[tuple[int, str], tuple[tuple[str, ...], str | None]] = {}

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.compiled.rules

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.compiled.rules if r.id == rule_id), None)

    def find_hits(self, normalised_text: str) -> list[Hit]:
        """Verified phrase hits in normalised offsets, before context and overlap resolution."""
        return scan(self.compiled, normalised_text, self.segmenter, self._active)

    def _in_context(self, text: str, layout: Layout, hits: list[Hit], report_mentions: bool) -> list[_Located]:
        """Drop what is not staff's own wording: customer turns, and quoted mentions."""
        quotes = QuoteIndex(text) if hits else None
        located = []
        for hit in hits:
            rule = self.compiled.rules[hit.rule_index]
            turn = None
            if layout.is_dialogue:
                turn = layout.turn_at(hit.start, hit.end)
                if turn is None or turn.speaker != "staff":
                    continue
            quote = quotes.enclosing(hit.start, hit.end) if quotes else None
            mention = False
            if quote is not None:
                if rule.quotes == "ignore":
                    continue
                if layout.kind == "training" or quote.mention:
                    if not report_mentions:
                        continue
                    mention = True
            level = Level.SUGGESTION if mention else self._levels[hit.rule_index]
            note = f"引用而非使用（不计为违规）：{rule.message}" if mention else None
            located.append(_Located(hit, level, note, turn.index if turn else None, turn.role if turn else None, mention))
        kept = {id(h) for h in resolve_overlaps([l.hit for l in located])}
        return [l for l in located if id(l.hit) in kept]

    def _missing_wording(self, text: str, layout: Layout) -> list[_Located]:
        found = []
        for missing in check_requirements(self.compiled.requirements, self.compiled.exemptions, text, layout, self.segmenter, self._active):
            rule = self.compiled.rules[missing.rule_index]
            note = f"{rule.message}（缺少：{'、'.join(missing.parts)}）"
            hit = Hit(missing.rule_index, missing.start, missing.end)
            found.append(_Located(hit, self._levels[missing.rule_index], note, missing.turn.index, missing.turn.role))
        return found

    def check_text(
        self,
        text: str,
        *,
        level: Level = Level.SUGGESTION,
        kind: str | None = None,
        dialogue: bool | None = None,
        report_mentions: bool = False,
    ) -> TextReport:
        """Check one text. `kind` (reply, phone, notice, dialogue, training) selects the checks that
        depend on it; `dialogue` forces (True) or turns off (False) transcript detection."""
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} (known: {', '.join(KINDS)})")
        scripts = LineScripts(text)
        script = scripts.whole()
        norm = normalise(text)
        layout = detect_layout(norm.text, self.roles, kind=kind, dialogue=dialogue)
        located = self._in_context(norm.text, layout, self.find_hits(norm.text), report_mentions)
        if layout.is_dialogue and self.compiled.requirements:
            located += self._missing_wording(norm.text, layout)
        located = [l for l in located if l.level >= level]
        located.sort(key=lambda l: (l.hit.start, l.hit.end, l.hit.rule_index))
        findings = self._findings(text, norm, script, scripts, located)
        return TextReport(script, findings, layout.kind, len(layout.turns))

    def _written(self, rule_index: int, script: Script) -> tuple[tuple[str, ...], str | None]:
        """A rule's suggestions and drop-in fix in one script, worked out once per rule and script."""
        key = (rule_index, script)
        cached = self._suggestions.get(key)
        if cached is None:
            rule = self.compiled.rules[rule_index]
            write = functools.partial(self.writer.write, script=script)
            fix = None if rule.type == "require" else next((write(r.text) for r in rule.rewrites if r.fix), None)
            cached = self._suggestions[key] = (tuple(write(r.text) for r in rule.rewrites), fix)
        return cached

    def _findings(self, text: str, norm: NormalisedText, script: Script, scripts: LineScripts,
                  located: list[_Located]) -> list[Finding]:
        lines = LineIndex(text) if located else None
        line_scripts: dict[int, Script] = {}
        findings = []
        for item in located:
            rule = self.compiled.rules[item.hit.rule_index]
            start, end = norm.to_original(item.hit.start, item.hit.end)
            line, column = lines.line_column(start)
            end_line, end_column = lines.line_column(end)
            target = script
            if script == "mixed":  # write suggestions in the script of the finding's own line
                target = line_scripts.get(line)
                if target is None:
                    line_end = text.find("\n", start)
                    target = line_scripts[line] = scripts.script(start - (column - 1), line_end if line_end >= 0 else len(text))
            suggestions, fix = self._written(item.hit.rule_index, target)
            findings.append(
                Finding(
                    rule=rule.id, level=item.level, category=rule.category, message=item.note or rule.message,
                    match=text[start:end], offset=start, end_offset=end,
                    line=line, column=column, end_line=end_line, end_column=end_column,
                    suggestions=suggestions, fix=None if item.mention else fix, source=rule.source,
                    turn=item.turn, role=item.role, mention=item.mention,
                )
            )
        return findings

    def check(self, text: str, *, level: Level = Level.SUGGESTION, kind: str | None = None,
              dialogue: bool | None = None, report_mentions: bool = False) -> list[Finding]:
        return self.check_text(text, level=level, kind=kind, dialogue=dialogue, report_mentions=report_mentions).findings

    def fix(self, text: str, **options) -> str:
        """`text` with every drop-in rewrite applied; other findings are left for a person."""
        return apply_fixes(text, self.check(text, **options))


@functools.cache
def _default_linter() -> Linter:
    return Linter()


def check(text: str, *, level: Level | str = Level.SUGGESTION, kind: str | None = None,
          dialogue: bool | None = None, report_mentions: bool = False) -> list[Finding]:
    """Check `text` against the built-in packs (the linter is built once and reused)."""
    if isinstance(level, str):
        level = Level.parse(level)
    return _default_linter().check(text, level=level, kind=kind, dialogue=dialogue, report_mentions=report_mentions)
