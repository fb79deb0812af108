"""A drop-in fix must settle: once written, the rule that wrote it must not find its phrase
in it again, or `--fix` changes the text at every run (等一下 fixed to 请等一下 is 请请等一下
the next time, and so on) and "fixing twice changes nothing" cannot hold.

Checked when a pack is read, on every expansion of every phrase of the rule (word classes,
alternatives and optional parts) against the fix, both normalised as a text is (script,
width, variant characters, regional forms read through the lexicon), so that a fix in the
other script or with a regional form is caught too. Anchors are kept: a phrase that
must start a clause (^) is held where the fix starts (the text before it started the clause
the first time) or after a clause break in the fix, and likewise `$` at the end (so 请稍等
may fix ^稍等$). Contexts and word boundaries are left out on purpose: where the fix starts
or ends with the phrase, the text around it supplies the context that matched the first
time, and segmentation may join the words of a fix differently in another sentence.
"""

from __future__ import annotations

from typing import Iterable

from ..engine.verify import CLAUSE_BREAKS
from .lexicon_loader import phrase_forms
from .syntax import Pattern, PatternError, parse_pattern


def _ends(form: str, variants: Iterable[str], start: int, room: int | None) -> list[int]:
    """Where each variant of one segment ends in `form` when it starts at or after `start`
    (with `room`: at most that many characters after it)."""
    found = []
    for variant in variants:
        position = form.find(variant, start)
        while position != -1 and (room is None or position - start <= room):
            found.append(position + len(variant))
            position = form.find(variant, position + 1)
    return found


def _held(fix_forms: set[str], pattern: Pattern) -> str | None:
    """What of a normalised fix `pattern`'s parts match, in order and within their gaps, or None."""
    segments = [{f for literal in segment for f in phrase_forms(literal)} for segment in pattern.segments]
    for form in fix_forms:
        for variant in segments[0]:
            position = form.find(variant)
            while position != -1:
                reaches = [position + len(variant)]  # where the parts so far may end
                for gap, variants in zip(pattern.gaps, segments[1:]):
                    # the earliest end leaves the most room for the next part
                    reaches = _ends(form, variants, min(reaches), gap)
                    if not reaches:
                        break
                starts = not pattern.at_clause_start or position == 0 or form[position - 1] in CLAUSE_BREAKS
                for reach in reaches if starts else ():
                    if not pattern.at_clause_end or reach == len(form) or form[reach] in CLAUSE_BREAKS:
                        return form[position:reach]
                position = form.find(variant, position + 1)
    return None


def fix_holding_its_phrase(phrases: Iterable[str], fix: str) -> tuple[str, str] | None:
    """(the phrase, what of it the fix holds) when the drop-in `fix` holds one of `phrases`
    (each as read by syntax.parse_pattern, word classes expanded), else None."""
    fix_forms = phrase_forms(fix)
    for phrase in phrases:
        try:
            pattern = parse_pattern(phrase)
        except PatternError:
            continue  # reported where the phrase is read
        held = _held(fix_forms, pattern)
        if held is not None:
            return phrase, held
    return None
