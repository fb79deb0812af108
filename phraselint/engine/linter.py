"""The library API: a Linter holds compiled packs and checks text; the CLI is a shell over it.

    linter = Linter()                     # all built-in packs, compiled once
    for finding in linter.check("这个我不知道"):
        print(finding.rule, finding.offset, finding.suggestions)
"""

from __future__ import annotations

import functools
import operator
import os
from bisect import bisect_right
from typing import Iterable, Sequence, NamedTuple

from ..packs.build_cache import load_compiled
from ..packs.compile import ELEMENT, BuiltPacks, CompiledRules, compile_packs
from .transcripts import Layout, Roles, Turn, detect_layout
from ..run.changes import fix_until_stable
from ..model import KINDS, Finding, Level, Pack, Rule
from ..text.lexicon import Reader, take_marks
from ..text.normalise import VECTOR_THRESHOLD, NormalisedText, code_points, fold_codes, fold_table, normalise, text_of
from .combinations import combinations_of, combine
from .mention_lists import MentionIndex
from .quotes import QuoteIndex, situation_label
from .requirements import RequiredCarry, check_requirements
from .similar import SimilarIndex, not_overlapping, note_for
from ..text.script import LineScripts, Script, ScriptWriter, Variant, form_of, reader_variant, region_of, variant_name, votes_of
from ..text.positions import line_starts_at
from ..text.segmenter import Segmenter
from ..packs.selection import Selection
from .verify import Hit, checks_of, overlap_order, resolve_overlaps, scan
from .linter_spec import LinterSpec
from ..rewrite import polite_version


class TextReport(NamedTuple):
    """What one text yields: its script, kind (given or detected) and findings in text order."""

    script: Script
    findings: list[Finding]
    kind: str | None = None
    turns: int = 0  # number of transcript turns, 0 for plain text
    variant: str = "cn"  # whose text it is (cn, tw, hk): what its findings are written for (text/script.py)


class _Located(NamedTuple):
    """A hit with what the context stage learnt about it."""

    hit: Hit
    level: Level
    note: str | None = None  # replaces the rule's message (missing parts, mentions)
    turn: int | None = None
    role: str | None = None
    mention: bool = False
    similar: str | None = None  # the exemplar a similar-wording suggestion resembles


_FINDING_FIELDS = ("rule", "level", "category", "message", "match", "offset", "end_offset", "line", "column",
                   "end_line", "end_column", "suggestions", "fix", "source", "turn", "role", "mention", "similar")


def _text_order(located: _Located) -> tuple[int, int, int]:
    rule_index, start, end = located.hit
    return start, end, rule_index


class Linter:
    def __init__(
        self,
        packs: Sequence[str | Pack] | None = None,
        *,
        search_paths: Iterable[os.PathLike | str] = (),
        selection: Selection | None = None,
        variant: Variant | str | None = None,
        roles: Roles | None = None,
        built: BuiltPacks | None = None,
        similar: bool = False,
    ):
        """`packs`: names or paths of packs (default: every built-in pack), or Pack objects. `built`: packs
        already compiled (how a new build's examples are checked). `similar`: also report clauses close to
        a rule's exemplar sentences, as suggestions (engine/similar.py). `variant`: the reader (cn, tw, hk)
        findings are written for; None: each text's own (text/script.py)."""
        self.variant = variant = variant_name(variant) if variant else None
        search_paths = tuple(search_paths)
        self.spec = LinterSpec.of(packs, search_paths, selection, variant, roles, similar)  # to build it again elsewhere
        self.similar = similar
        prewritten: dict = {}
        segmenter = None
        if built is None and packs is not None and all(isinstance(p, Pack) for p in packs):
            self.packs: list[Pack] = list(packs)  # type: ignore[arg-type]
            self.compiled: CompiledRules = compile_packs(self.packs)
        else:
            if built is None:
                built = load_compiled(packs, list(search_paths))  # type: ignore[arg-type]
            self.packs, self.compiled, prewritten, segmenter = built
        self.selection = selection or Selection()
        compiled_rules = self.compiled.rules
        self._combinations = combinations_of(compiled_rules, ELEMENT)
        # the packs' own rules; a keyword combination's wordings follow them (packs/compile.py)
        self._rules = compiled_rules[:self._combinations.first_element] if self._combinations else compiled_rules
        self.selection.validate(self._rules)
        active = {i for i, rule in enumerate(self._rules) if self.selection.is_active(rule)}
        if self._combinations:  # a combination's wordings are looked for while the combination is active
            first = self._combinations.first_element
            active |= {first + n for n, e in enumerate(self._combinations.elements) if e.parent in active}
        self._active = frozenset(active)
        self._levels = tuple(self.selection.level_of(rule) for rule in compiled_rules)
        self.roles = roles or Roles()
        self.segmenter = segmenter or Segmenter()
        self.writer = ScriptWriter(variant, prewritten)
        self._suggestions: dict[tuple[int, str], tuple[tuple[str, ...], str | None, str]] = {}

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self._rules if r.id == rule_id), None)

    def normalised(self, text: str, codes=None) -> NormalisedText:
        """`text` folded to one script and width, then with its regional forms read as Mandarin
        (the packs' lexicon), keeping the way back to original offsets."""
        lexicon = self.compiled.lexicon
        if not lexicon.entries:
            return normalise(text, codes)
        reader = self.__dict__.get("_lexicon_reader")
        if reader is None:  # built on the first text (a few hundred forms: well under a millisecond)
            reader = self.__dict__["_lexicon_reader"] = Reader(lexicon)
        if codes is not None and len(text) >= VECTOR_THRESHOLD:
            # one gather folds the text and marks its regional markers (the marks sit above the code points)
            folded = fold_codes(codes, reader.table(fold_table()))
            if folded is not None:  # nothing dropped: positions are the original's
                where, marks = take_marks(folded)
                norm = NormalisedText(text, text_of(folded))
                rewritten, rewrites = reader.read_windows(norm.text, reader.marked_windows(norm.text, folded, where, marks))
                return norm if rewrites is None else norm._replace(text=rewritten, rewrites=rewrites)
        norm = normalise(text, codes)
        if len(text) < VECTOR_THRESHOLD:
            rewritten, rewrites = reader.read(norm.text)
        else:
            rewritten, rewrites = reader.read(norm.text, code_points(norm.text))
        return norm if rewrites is None else norm._replace(text=rewritten, rewrites=rewrites)

    def find_hits(self, normalised_text: str) -> list[Hit]:
        """Verified phrase hits in normalised offsets, before context and overlap resolution."""
        checks = self.__dict__.get("_checks")
        if checks is None:  # per-pattern checks, worked out on the first text
            checks = self.__dict__["_checks"] = checks_of(self.compiled, self._active)
        return scan(self.compiled, normalised_text, self.segmenter, checks)

    def _in_context(self, text: str, layout: Layout, hits: list[Hit], report_mentions: bool,
                    openings: list[int] | None = None) -> list[_Located]:
        """Drop what is not staff's own wording: customer turns, and quoted mentions. The result
        is in text order (start, end, rule index). `openings`: QuoteIndex's, when known."""
        if not hits:
            return []
        rules = self.compiled.rules
        levels = self._levels
        hits.sort(key=overlap_order)  # by start: the quotations are walked alongside
        quotes = QuoteIndex(text, openings).quotes
        dialogue = layout.is_dialogue
        training = layout.kind == "training"
        holds = MentionIndex(text, training, layout.mentions).holds
        listed = [holds(start, end) for _, start, end in hits]
        if not dialogue and not quotes and not any(listed):
            # plain text without quotations or wording shown to be avoided: every hit is a use
            return [_Located(hits[kept], levels[hits[kept].rule_index]) for kept in resolve_overlaps(hits)]
        # the turn holding a hit: Layout.turn_at written out, as it runs for every hit of a transcript
        turn_starts, all_turns = layout.starts, layout.turns
        used: list[Hit] = []
        used_turns: list[Turn | None] = []  # of each used hit, its turn and whether it is a mention:
        used_mentions: list[bool] = []  # parallel lists, no tuple a hit for the collector to walk
        following = 0  # quotes[following] is the first quotation not opening before the hit
        count = len(quotes)
        for hit, mention in zip(hits, listed):
            rule_index, start, end = hit
            turn = None
            while following < count and quotes[following].open < start:
                following += 1
            if dialogue:
                at = bisect_right(turn_starts, start) - 1
                if at >= 0:
                    turn = all_turns[at]
                    if not (turn.start <= start and end <= turn.end):
                        turn = None  # a label, or a span across turns
                if turn is None or turn.speaker != "staff":
                    # a script's situation label (访客进门：“…”) reads as a customer's turn; the
                    # wording it prescribes is staff's
                    if not (training and turn is not None and following and end <= quotes[following - 1].close
                            and quotes[following - 1].prescribed and situation_label(turn.role, self.roles)):
                        continue
            if mention and not report_mentions:
                continue
            # quotations never overlap: only the last one opening before the hit can hold it
            # (QuoteIndex.enclosing, walked instead of bisected)
            if following and end <= quotes[following - 1].close:
                if rules[rule_index].quotes == "ignore":
                    continue
                quote = quotes[following - 1]
                if (training and not quote.prescribed) or quote.mention:
                    if not report_mentions:
                        continue
                    mention = True
            used.append(hit)
            used_turns.append(turn)
            used_mentions.append(mention)
        located = []
        make = _Located._make  # from a tuple: faster than _Located(...) with its defaults, once a finding
        for kept in resolve_overlaps(used):
            hit = used[kept]
            turn, mention = used_turns[kept], used_mentions[kept]
            if mention:
                level, note = Level.SUGGESTION, f"引用而非使用（不计为违规）：{rules[hit.rule_index].message}"
            else:
                level, note = levels[hit.rule_index], None
            number, role = (None, None) if turn is None else (turn.index, turn.role)
            located.append(make((hit, level, note, number, role, mention, None)))
        return located

    def _missing_wording(self, text: str, layout: Layout, carry: RequiredCarry | None = None) -> list[_Located]:
        """Required wording staff left out; `carry`: for one piece of a longer transcript."""
        found = []
        for missing in check_requirements(self.compiled.requirements, self.compiled.exemptions, text, layout,
                                          self.segmenter, self._active, carry):
            rule = self.compiled.rules[missing.rule_index]
            note = f"{rule.message}（缺少：{'、'.join(missing.parts)}）"
            hit = Hit(missing.rule_index, missing.start, missing.end)
            found.append(_Located(hit, self._levels[missing.rule_index], note, missing.turn.index, missing.turn.role))
        return found

    def _similar_wording(self, text: str, layout: Layout, taken: list[tuple[int, int]],
                         openings: list[int] | None) -> list[_Located]:
        """Clauses close to an exemplar that no phrase hit or finding overlaps, through the same
        context stage as phrases (staff turns only, no quoted or listed mentions), always at
        suggestion level: a hint never raises a finding."""
        index = self.__dict__.get("_similar_index")
        if index is None:  # built on the first text: a plain check never pays for it
            index = self.__dict__["_similar_index"] = SimilarIndex(self.compiled.similar, self._active)
        found = not_overlapping(index.find(text), taken)
        if not found:
            return []
        exemplar_at = {(s.hit.start, s.hit.rule_index): s.exemplar for s in found}
        rules = self.compiled.rules
        located = []
        for kept in self._in_context(text, layout, [s.hit for s in found], False, openings):
            rule_index, start, _ = kept.hit
            rule = rules[rule_index]
            exemplar = exemplar_at[(start, rule_index)]
            located.append(kept._replace(level=Level.SUGGESTION, note=note_for(rule.intent, rule.category, exemplar, rule.message),
                                         similar=exemplar))
        return located

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
        # The cyclic collector is left as the caller set it: pausing it here (worth about 3% on
        # 10 MB) would change state the whole process shares.
        return self._check(text, level, kind, dialogue, report_mentions)

    def _judged(self, text: str, layout: Layout, report_mentions: bool, openings: list[int] | None, *,
                requirements: bool, required: RequiredCarry | None = None) -> list[_Located]:
        """Everything found in one normalised text, in text order, before the level filter:
        phrase hits and keyword combinations in context, required wording left out (when
        `requirements`; `required`: what earlier pieces of the same file passed on), and the
        similar-wording layer. A whole text and each piece of a streamed one go through here."""
        hits = self.find_hits(text)
        if self._combinations is not None:
            hits = combine(hits, text, self._combinations, layout)
        # what a phrase matched (a 你 → 您 nudge recognises no intent, and leaves its clause to the layer)
        levels = self._levels
        phrase_spans = [(s, e) for r, s, e in hits if levels[r] > Level.SUGGESTION] if self.similar else []
        located = self._in_context(text, layout, hits, report_mentions, openings)
        if requirements and self.compiled.requirements:
            located += self._missing_wording(text, layout, required)
            located.sort(key=_text_order)
        if self.similar and self.compiled.similar.entries:
            phrase_spans += [(l.hit.start, l.hit.end) for l in located if l.level > Level.SUGGESTION]
            located += self._similar_wording(text, layout, phrase_spans, openings)
            located.sort(key=_text_order)
        return located

    def _check(self, text: str, level: Level, kind: str | None, dialogue: bool | None,
               report_mentions: bool) -> TextReport:
        # a large text is encoded once for both numpy passes (scripts, normalisation)
        codes = code_points(text) if len(text) >= VECTOR_THRESHOLD else None
        scripts = LineScripts(text, codes)
        script = scripts.whole()
        norm = self.normalised(text, codes)
        del codes
        layout = detect_layout(norm.text, self.roles, kind=kind, dialogue=dialogue)
        # where quotations may open, from the scripts' pass (its offsets are the normalised
        # text's when normalising dropped and rewrote nothing)
        openings = scripts.quote_openings() if norm.identity else None
        located = self._judged(norm.text, layout, report_mentions, openings, requirements=layout.is_dialogue)
        if level > Level.SUGGESTION:
            located = [l for l in located if l.level >= level]
        variant = self.variant or reader_variant(script, scripts.counts(), votes_of(norm.rewrites))
        findings = self._findings(text, norm, script, scripts, located, variant)
        return TextReport(script, findings, layout.kind, len(layout.turns), variant)

    def _written(self, rule_index: int, form: str) -> tuple[tuple[str, ...], str | None, str]:
        """A rule's suggestions, drop-in fix and message for one reader (script.form_of), once per rule and form."""
        key = (rule_index, form)
        cached = self._suggestions.get(key)
        if cached is None:
            rule = self.compiled.rules[rule_index]
            write = functools.partial(self.writer.write_form, form=form)
            fix = None if rule.type == "require" else next((write(r.text) for r in rule.rewrites if r.fix), None)
            message = rule.message if form == "simplified" else write(rule.message)  # rules are in simplified
            cached = self._suggestions[key] = (tuple(map(write, (r.text for r in rule.rewrites))), fix, message)
        return cached

    def _findings(self, text: str, norm: NormalisedText, script: Script, scripts: LineScripts,
                  located: list[_Located], variant: str | None = None, region: str | None = None) -> list[Finding]:
        """Findings in original offsets, lines and columns (`located` is in text order), for the reader `variant`
        (and `region`, a mixed text's traditional lines'): a piece is given the whole file's (engine/pieces.py)."""
        rules = self.compiled.rules
        written = self._suggestions
        identity = norm.identity  # nothing dropped or rewritten: normalised offsets are original ones
        form = form_of(variant := variant or self.variant or reader_variant(script, scripts.counts(), votes_of(norm.rewrites)))
        line_scripts: dict[int, str] = {}  # forms by line start, in a mixed text
        spans = None if identity else [norm.to_original(l.hit.start, l.hit.end) for l in located]
        if spans is not None:  # a span the dialect layer widened may now start first: findings go in the original's order
            keys = [(start, end, l.hit.rule_index) for (start, end), l in zip(spans, located)]
            if any(map(operator.gt, keys, keys[1:])):  # nearly always in order already (checked in C)
                order = sorted(range(len(located)), key=keys.__getitem__)
                located, spans = [located[i] for i in order], [spans[i] for i in order]
        if script == "mixed" and not self.variant:  # write suggestions in the script of each finding's own line
            offsets = [l.hit.start for l in located] if spans is None else [start for start, _ in spans]
            starts = sorted(set(line_starts_at(text, offsets)))
            ends = [text.find("\n", start) for start in starts]
            ends = [end if end >= 0 else len(text) for end in ends]
            region = region or (variant if variant != "cn" else region_of(*votes_of(norm.rewrites)))
            line_scripts = {s: region if line == "traditional" else "simplified" for s, line in zip(starts, scripts.scripts(starts, ends))}
        findings = []
        append = findings.append
        count = text.count
        rfind = text.rfind
        previous, line, line_start = 0, 1, 0  # the last start counted from, its line and where that begins
        # built from a tuple in Finding's field order (_FINDING_FIELDS, pinned by a test): a few
        # times faster than 17 keyword arguments
        for number, (hit, level, note, turn, role, mention, similar) in enumerate(located):
            rule_index, start, end = hit
            if spans is not None:
                start, end = spans[number]
            # searched from the previous finding on: from the text's start, one long line was quadratic
            if start >= previous:
                breaks = count("\n", previous, start)
                if breaks:
                    line += breaks
                    line_start = rfind("\n", previous, start) + 1
            else:
                line = 1 + count("\n", 0, start)
                line_start = rfind("\n", 0, start) + 1
            previous = start
            column = start - line_start + 1
            breaks = count("\n", start, end)
            if breaks:
                end_line, end_column = line + breaks, end - rfind("\n", start, end)
            else:
                end_line, end_column = line, column + (end - start)
            target = line_scripts[line_start] if line_scripts else form
            cached = written.get((rule_index, target))
            suggestions, fix, message = cached if cached is not None else self._written(rule_index, target)
            rule = rules[rule_index]
            message = message if note is None else note if target == "simplified" else self.writer.write_form(note, target)
            values = (rule.id, level, rule.category, message, text[start:end], start, end,
                      line, column, end_line, end_column, suggestions, None if mention or similar else fix, rule.source,
                      turn, role, mention, similar)
            append(Finding._make(values))
        return findings

    def check(self, text: str, *, level: Level = Level.SUGGESTION, kind: str | None = None,
              dialogue: bool | None = None, report_mentions: bool = False) -> list[Finding]:
        return self.check_text(text, level=level, kind=kind, dialogue=dialogue, report_mentions=report_mentions).findings

    @classmethod
    def from_spec(cls, spec: LinterSpec) -> Linter:
        """A new Linter equal to the one `spec` was taken from (in a worker process)."""
        return cls(spec.packs, search_paths=spec.search_paths, selection=spec.selection(),  # type: ignore[arg-type]
                   variant=spec.variant, roles=spec.roles, similar=spec.similar)  # type: ignore[arg-type]

    def rewrite(self, text: str, **options) -> str:
        """One polite version of the whole of `text`: every finding's rewrite at its scope
        (span, clause or sentence), the punctuation fitted, in the text's script
        (phraselint/rewrite/). `options`: kind, dialogue, as `check` takes them."""
        return polite_version(self, text, **options).text

    def fix(self, text: str, **options) -> str:
        """`text` with every drop-in rewrite applied; other findings are left for a person."""
        return fix_until_stable(text, lambda current: self.check(current, **options))[0]


def rewrite(text: str, *, kind: str | None = None, dialogue: bool | None = None) -> str:
    """The polite version of `text`, with the built-in packs (Linter.rewrite)."""
    return _default_linter().rewrite(text, kind=kind, dialogue=dialogue)


@functools.cache
def _default_linter() -> Linter:
    return Linter()


def check(text: str, *, level: Level | str = Level.SUGGESTION, kind: str | None = None,
          dialogue: bool | None = None, report_mentions: bool = False) -> list[Finding]:
    """Check `text` against the built-in packs (the linter is built once and reused)."""
    if isinstance(level, str):
        level = Level.parse(level)
    return _default_linter().check(text, level=level, kind=kind, dialogue=dialogue, report_mentions=report_mentions)
