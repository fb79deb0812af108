"""One polite version of a whole text: each hit's rewrite put in at its scope, the
punctuation fitted at the joins, checked again until nothing at warning level or above is
left (at most MAX_ROUNDS), and every clause without a finding kept byte for byte.

A multi-paragraph reply is one text (one next step for all of it, choice.py); in a
transcript only staff turns hold findings, so only they change, each turn stating its own
next step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from ..inputs.suppressions import parse_suppressions, suppressed_by
from ..model import Finding, Level
from ..run.changes import Edit
from ..text.script import detect_script, form_of
from .choice import choose
from .units import Piece, joined, unit

if TYPE_CHECKING:
    from ..engine.linter import Linter

MAX_ROUNDS = 3


class Polite(NamedTuple):
    """The polite version, as pieces (original text, or rewritten) to show or colour."""

    pieces: tuple[Piece, ...]
    placeholder: bool  # holds a pattern (……) for a person to complete before sending
    changed: int  # rewrites made
    suggested: bool = False  # holds a rewrite beyond the drop-in fixes: a person should read it first
    variant: str = "cn"  # whose text it is (cn, tw, hk): what the rewrites are written for (text/script.py)
    edits: tuple[Edit, ...] = ()  # the same version as replacements of the text's stretches (start, end, text)

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)


class _Replacement(NamedTuple):
    start: int
    end: int
    text: str  # '' drops the stretch
    placeholder: bool = False
    suggested: bool = True  # not a drop-in fix


def _rewritable(linter: Linter, finding: Finding) -> bool:
    rule = linter.rule(finding.rule)
    return not finding.mention and finding.similar is None and rule is not None and rule.type != "require"


def _replacements(linter: Linter, text: str, findings: list[Finding], script: str, variant: str) -> list[_Replacement]:
    """One replacement per hit, in text order, none overlapping: a hit inside a stretch an
    earlier rewrite already replaces is covered by it; a wider stretch replaces narrower ones.
    Rewrites are written for the reader `variant` (its script and region), as the findings
    are; in a mixed text with no reader given, in the script of the hit's own line."""
    region = variant if variant != "cn" else linter.writer.region
    chosen: list[_Replacement] = []
    steps: set[tuple[int | None, int]] = set()  # (turn, paragraph) where a next step is stated
    used: set[str] = set()  # the clause rewrites written so far
    for finding in findings:
        if not _rewritable(linter, finding):
            continue
        rule = linter.rule(finding.rule)
        assert rule is not None
        if finding.fix is not None:
            pick = ("span", finding.fix, False, False)
        elif not rule.rewrites:
            pick = ("span", "", False, False)  # nothing to offer: the wording is left out
        else:
            if script == "mixed" and not linter.variant:
                form = region if detect_script(_line(text, finding.offset)) == "traditional" else "simplified"
            else:
                form = form_of(variant)
            context = linter.writer.write(text[slice(*unit(text, finding.offset, finding.end_offset, "sentence"))], "simplified")
            where = (finding.turn, text.count("\n\n", 0, finding.offset))
            got = choose(rule.rewrites, finding.suggestions, context, where in steps,
                         lambda filled: linter.writer.write_form(filled, form), used)
            pick = ("clause", "", False, False) if got is None else (got.scope, got.text, got.step, got.placeholder)
        scope, replacement, step, placeholder = pick
        start, end = unit(text, finding.offset, finding.end_offset, scope)
        if chosen and start < chosen[-1].end:
            last = chosen[-1]
            if not (start <= last.start and end >= last.end and scope != "span"):
                continue  # inside (or across) what an earlier rewrite replaces
            chosen.pop()
        if step:
            steps.add((finding.turn, text.count("\n\n", 0, finding.offset)))
        if replacement and scope != "span":
            used.add(replacement)
        chosen.append(_Replacement(start, end, replacement, placeholder, finding.fix is None))
    return _drops_merged(text, chosen)


def _drops_merged(text: str, chosen: list[_Replacement]) -> list[_Replacement]:
    """Dropped clauses that only marks separate become one; each is widened over connectives."""
    out: list[_Replacement] = []
    for replacement in chosen:
        if (out and not replacement.text and not out[-1].text
                and not text[out[-1].end:replacement.start].strip(" ，,；;：:")):
            replacement = replacement._replace(start=out.pop().start)
        out.append(replacement)
    return [r._replace(start=_with_connectives(text, r.start, r.end)[0], end=_with_connectives(text, r.start, r.end)[1])
            if not r.text else r for r in out]


CONNECTIVES = frozenset({"另外", "還有", "还有", "然后", "然後", "而且", "所以", "那", "那么", "那麼", "其实", "其實",
                         "反正", "总之", "總之", "对了", "對了", "好", "好的", "嗯"})


def _with_connectives(text: str, start: int, end: int) -> tuple[int, int]:
    """A dropped clause, widened to its sentence when what else the sentence holds before it
    is only connectives (另外，…): a lone 另外。 is not a sentence."""
    low, high = unit(text, start, end, "sentence")
    before = [c.strip() for c in _clauses(text[low:start])]
    if all(not c or c in CONNECTIVES for c in before) and not text[end:high].strip(" ，,；;：:"):
        return low, high
    return start, end


def _clauses(stretch: str) -> list[str]:
    for mark in "，,；;：:":
        stretch = stretch.replace(mark, "\n")
    return stretch.split("\n")


def _line(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)]


def _pieces(text: str, replacements: list[_Replacement]) -> list[Piece]:
    pieces: list[Piece] = []
    position = 0
    for replacement in replacements:
        pieces.append(Piece(text[position:replacement.start], False, position))
        pieces.append(Piece(replacement.text, True))
        position = replacement.end
    pieces.append(Piece(text[position:], False, position))
    return joined(pieces)


def _remaining(linter: Linter, text: str, options: dict) -> list[Finding]:
    """What the polite version must still change: findings at warning level or above, and
    drop-in fixes of any level (你 → 您)."""
    return [f for f in linter.check(text, **options)
            if _rewritable(linter, f) and (f.level >= Level.WARNING or f.fix is not None)]


def polite_version(linter: Linter, text: str, findings: list[Finding] | None = None, *,
                   suppressed: Callable[[Finding], bool] | None = None, **options) -> Polite:
    """The polite version of `text` (check options as Linter.check takes them: kind, dialogue).
    `findings`: `linter.check(text, **options)` when the caller has them. `suppressed`: whether
    a finding (in `text`'s offsets) is one check does not report; by default, the suppression
    directives written in `text`. A suppressed finding's wording is kept byte for byte."""
    options.pop("level", None)
    if suppressed is None:
        suppressed = suppressed_by(parse_suppressions(text), linter.rule)
    report = linter.check_text(text, **options)
    script, variant = report.script, report.variant
    found = [f for f in (findings if findings is not None else linter.check(text, **options))
             if _rewritable(linter, f) and (f.level >= Level.WARNING or f.fix is not None)]
    kept_as_is = {i for f in found if suppressed(f) for i in range(f.offset, max(f.end_offset, f.offset + 1))}
    found = [f for f in found if not suppressed(f)]
    current = text
    origin = list(range(len(text)))  # each character of the current version: its offset in `text`, or -1 if written
    placeholder, changed, suggested = False, 0, False
    for _ in range(MAX_ROUNDS):
        if not found:
            break
        replacements = _replacements(linter, current, found, script, variant)
        if kept_as_is:  # a rewrite's clause or sentence must not take in a suppressed finding's wording
            replacements = [r for r in replacements if kept_as_is.isdisjoint(origin[r.start:r.end])]
        if not replacements:
            break
        placeholder = placeholder or any(r.placeholder for r in replacements)
        suggested = suggested or any(r.suggested for r in replacements)
        changed += len(replacements)
        pieces = _pieces(current, replacements)
        origin = [origin[piece.at + k] if not piece.new else -1 for piece in pieces for k in range(len(piece.text))]
        current = "".join(piece.text for piece in pieces)
        found = [f for f in _remaining(linter, current, options) if not _suppressed_here(f, origin, suppressed)]
    marked = _marked(current, origin)
    return Polite(tuple(marked), placeholder, changed, suggested, variant, tuple(_edits(text, current, origin)))


def _suppressed_here(finding: Finding, origin: list[int], suppressed: Callable[[Finding], bool]) -> bool:
    """Whether a finding of a rewritten version stands on the original's wording that a
    directive suppresses (wording a rewrite wrote is never suppressed)."""
    start = origin[finding.offset] if finding.offset < len(origin) else -1
    if start < 0:
        return False
    last = origin[finding.end_offset - 1] if finding.end_offset > finding.offset else start
    return suppressed(finding._replace(offset=start, end_offset=max(last + 1, start)))


def _marked(current: str, origin: list[int]) -> list[Piece]:
    """The version as pieces: what any round wrote is new (so that colour shows every rewrite),
    the rest the original's stretches, each with where it begins in the original."""
    pieces: list[Piece] = []
    start = 0
    for index in range(1, len(current) + 1):
        if index < len(current):
            before, here = origin[index - 1], origin[index]
            if (before < 0) == (here < 0) and (before < 0 or here == before + 1):
                continue
        new = origin[start] < 0
        pieces.append(Piece(current[start:index], new, -1 if new else origin[start]))
        start = index
    return pieces


def _edits(text: str, current: str, origin: list[int]) -> list[Edit]:
    """What the version changes in `text`, as replacements in `text`'s offsets, in order: how
    a reader maps the polite version of what it checked back into the file's own format."""
    edits: list[Edit] = []
    expected = 0  # the next character of `text` not yet accounted for
    index = 0
    while index < len(current):
        if origin[index] == expected:
            expected += 1
            index += 1
            continue
        written = index
        while written < len(current) and origin[written] < 0:
            written += 1
        resumes = origin[written] if written < len(current) else len(text)
        edits.append(Edit(expected, resumes, current[index:written]))
        expected, index = resumes, written
    if expected < len(text):
        edits.append(Edit(expected, len(text), ""))
    return edits
