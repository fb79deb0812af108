"""Where a piece of a large file may end, so that checking the pieces one after another finds
exactly what one check of the whole text finds.

    1. At a line break: nothing a check looks at crosses one (phrases, gaps, quotations, word
       boundaries, suppression comments); what does (a transcript's turns, a disable region)
       is carried to the next piece. In a transcript the piece ends before a labelled line
       (growing up to MAX_TURN pieces to reach one), so that required wording is judged on
       whole turns (a line longer than a piece too); in a training text after a blank line
       (a list of wording to avoid runs to one); and no line break inside a template
       placeholder is taken.
    2. Inside a line longer than a piece (a file of one line, CR-only line ends): after a
       sentence end (。 or !, which no phrase or exception of the packs contains and no gap,
       word or clause crosses), or failing that amid PHRASE_FREE characters each side none
       of which any phrase or exception holds. Either way no quotation (nor the few characters
       before and after it that say whether it is a mention) and no template placeholder
       spans the cut, no suppression comment is on the line shortly before it, and the line's
       start already tells whether it is a transcript turn. Cuts are tried in the piece's
       second half.
    3. Failing both (a megabyte of one phrase repeated, a template placeholder longer than
       half a piece, a transcript turn longer than MAX_TURN pieces), after PIECE characters
       or the last line break: findings within a few characters of that cut, or required
       wording on that turn, may differ from a whole-text check. Memory stays bounded either
       way (a piece is at most MAX_TURN pieces long). Two rarer cases inside a line longer
       than a piece are judged per piece too: a keyword combination whose wordings stand more
       than PHRASE_FREE characters apart in one sentence without a sentence end between, and
       a dialect form read only on a line with its variety's marker (a weak lexicon entry)
       whose marker is on the other side of the cut.
"""

from __future__ import annotations

from ..engine.linter import Linter
from ..engine.quotes import _find_quotes
from .readers.placeholders import _bracket_pattern, _brace_pattern
from ..engine.transcripts import MAX_PREAMBLE, _label
from ..engine.turn_carry import label_settled
from ..text.normalise import normalise_phrase
from .suppressions import MAX_DIRECTIVE
from . import streaming

SENTENCE_ENDS = "。！!｡"
# Characters after a cut inside a line that must have been read: enough to see a quotation's
# context (a mention verb stands up to 8 before it, a noun such as 之类 up to 4 after it).
WINDOW = 48
_VERB_BEFORE = 8
_NOUN_AFTER = 5
# Characters each side of a cut amid text no phrase holds, free of every character of one:
# a gap is at most 40 long and a word-boundary check reads 32 characters each side.
PHRASE_FREE = 48
_TRIES = 200  # cut positions tried inside one line before the next rule
MAX_TURN = 8  # pieces a transcript piece may grow to, so as to end between turns


class CutRule:
    """The cut of inputs/streaming.py for one linter's packs (see the module's rules)."""

    def __init__(self, linter: Linter):
        compiled = linter.compiled
        stops = "".join({normalise_phrase(c) for c in SENTENCE_ENDS})
        # Words a check reads forward (phrases, a gap's later parts, what may follow a hit, a
        # regional form and what may not follow it) and words it reads backward (what may not
        # precede a hit or a form). A cut right after a sentence end splits a forward word only
        # where the end stands inside it, not at its end; a backward word wherever it holds one.
        forward = list(compiled.automaton.keys)
        backward: list[str] = []
        for pattern in compiled.patterns:
            for _, variants in pattern.tail or ():
                forward += variants
            forward += pattern.after
        for exemptions in compiled.exemptions:
            for exemption in exemptions:
                forward += list(exemption.followed_by) + list(exemption.inside)
                backward += exemption.preceded_by
        for entry in compiled.lexicon.entries:  # a regional form is read before phrases are matched
            forward += [entry.form, *entry.not_before, *entry.not_inside]
            backward += entry.not_after
        self._held = frozenset("".join(forward + backward))
        at_sentence_end = set("".join(w.rstrip(stops) for w in forward) + "".join(backward))
        self._ends = tuple(c for c in SENTENCE_ENDS if normalise_phrase(c) not in at_sentence_end)
        # a phrase that ends with a sentence end (不行。) is not cut after: its exceptions read on past it
        ending = {key for key in compiled.automaton.keys if key[-1:] in stops}
        self._ending = frozenset(ending)
        self._ending_sizes = sorted({len(key) for key in ending})
        self._linter = linter
        self._roles = linter.roles
        # whether the file is a transcript (the plan's; None: not known yet): pieces end between
        # turns, and in one, grow to reach the end of a long turn
        self.transcript: bool | None = None
        self.paragraphs = False  # a training text: pieces end between paragraphs (see _after_a_paragraph)
        self._mid_line = False  # the text not yet handed out starts inside a line
        self._starts_mid = False  # the same, for the cut being chosen
        self._quotes: list[tuple[int, int]] | None = None  # quotations of the text being cut, with their context
        self._slots: tuple[list[tuple[int, int]], int] = ([], 0)  # its template placeholders (see _placeholders)

    def __call__(self, pending: str, final: bool) -> int:
        if final:
            return len(pending)
        size = streaming.PIECE
        end = pending.rfind("\n", 0, size) + 1
        self._starts_mid = self._mid_line
        if self.transcript is None:  # what the plan will say once the first piece is checked
            self.transcript = self._opening(pending)
        if end and self.paragraphs and (paragraph := self._after_a_paragraph(pending, size)) is not None:
            self._mid_line = False  # (before a turn's rule: a training text's transcript is judged by its lists too)
            return paragraph
        if self.transcript is not False:  # a transcript, or perhaps one: end before a turn
            if end and (turn := self._before_a_turn(pending, size // 2, end)):
                self._mid_line = False
                return turn
        if self.transcript:
            reach = min(len(pending), MAX_TURN * size)
            further = pending.rfind("\n", 0, reach) + 1
            if further and (turn := self._before_a_turn(pending, size // 2, further)):
                self._mid_line = False
                return turn
            if reach < MAX_TURN * size:
                return 0  # a long turn (or line): read on to its end, rather than judge it in parts
        if end:
            self._mid_line = False
            return self._between_placeholders(pending, size, end)
        self._mid_line = True
        return self._inside_line(pending, size)

    def _after_a_paragraph(self, pending: str, size: int) -> int | None:
        """In a training text, the start of a paragraph: a list of wording to avoid runs from
        its heading to the next blank line (engine/mention_lists.py), so a piece ends after
        one, the last in the piece's second half, else the first beyond it (the piece grows,
        up to MAX_TURN pieces; 0 asks for more text). None: no blank line within reach, or a
        placeholder spans it (the usual rules then)."""
        reach = min(len(pending), MAX_TURN * size)
        blank = pending.rfind("\n\n", size // 2, size)
        if blank == -1:
            blank = pending.find("\n\n", size, reach)
        if blank == -1:
            return 0 if reach < MAX_TURN * size else None
        cut = blank + 2
        if "{" in pending[:cut]:
            spans, unclosed = self._placeholders(pending, cut)
            if cut > unclosed or any(start < cut < stop for start, stop in spans):
                return None
        return cut

    def _between_placeholders(self, pending: str, size: int, end: int) -> int:
        """The last line break before `end` that no template placeholder spans ({# … #} may run
        over lines), in the piece's second half; failing that, the first after the placeholder
        that spans them (the piece grows to it, up to MAX_TURN pieces, as for a long turn:
        0 asks for more text); else `end` (rule 3)."""
        if "{" not in pending[:size]:
            return end
        self._slots = self._placeholders(pending, size)
        found = self._clear_break(pending, end, size // 2)
        if found:
            return found
        reach = min(len(pending), MAX_TURN * size)
        self._slots = self._placeholders(pending, reach)
        found = self._clear_break(pending, pending.rfind("\n", 0, reach) + 1, size // 2)
        if found:
            return found
        return 0 if reach < MAX_TURN * size else end

    def _clear_break(self, pending: str, position: int, floor: int) -> int:
        """The last line break at or before `position` and after `floor` outside every placeholder, or 0."""
        spans, unclosed = self._slots
        while position > floor:
            if position <= unclosed and not any(start < position < stop for start, stop in spans):
                return position
            position = pending.rfind("\n", 0, position - 1) + 1
        return 0

    def _opening(self, pending: str) -> bool | None:
        """Whether the file's first lines make it a transcript (a labelled line among the first
        MAX_PREAMBLE + 1 non-empty ones), rule one out (as many without), or not tell yet."""
        seen = 0
        lines = pending[:1 << 16].split("\n")
        for number, line in enumerate(lines[:256]):
            if self._labelled(line):
                return True
            if number == len(lines) - 1:
                return None  # a line not read whole yet
            seen += bool(line.strip())
            if seen > MAX_PREAMBLE:
                return False
        return None

    def _labelled(self, line: str) -> bool:
        match = _label().match(line) if ":" in line or "：" in line else None
        return bool(match) and self._roles.speaker(normalise_phrase(match.group(1))) != "unknown"

    def _before_a_turn(self, pending: str, floor: int, end: int) -> int | None:
        """The start of the last labelled line in pending[floor:end] that no template
        placeholder spans (a placeholder cut in two is masked in neither piece), if any."""
        spans, unclosed = self._placeholders(pending, end) if "{" in pending[:end] else ([], len(pending))
        position = end - 1  # the line break ending the piece
        while position > floor:
            start = pending.rfind("\n", floor, position) + 1
            if start == 0:
                return None
            if (self._labelled(pending[start:position]) and start <= unclosed
                    and not any(a < start < b for a, b in spans)):
                return start
            position = start - 1
        return None

    def _inside_line(self, pending: str, size: int) -> int:
        """A cut inside a line longer than a piece (rule 2), else after `size` characters (rule 3)."""
        limit = size - WINDOW  # the cut's right-hand window lies in what has been read
        floor = max(WINDOW, limit // 2)
        self._quotes = self._quotations(pending[:size + 100])  # (a quotation is at most 80 long)
        self._slots = self._placeholders(pending, size)
        tried = 0
        position = limit
        while tried < _TRIES and position > floor:  # after a sentence end
            found = max(pending.rfind(end, floor, position) for end in self._ends) if self._ends else -1
            if found == -1:
                break
            if not self._ends_a_phrase(pending, found + 1) and self._clear(pending, found + 1):
                return found + 1
            position = found
            tried += 1
        held = self._held
        position = limit
        tried = 0
        while tried < _TRIES and position > floor:  # amid characters no phrase holds
            window = normalise_phrase(pending[position - PHRASE_FREE:position + PHRASE_FREE])
            bad = next((i for i in range(len(window) - 1, -1, -1) if window[i] in held), None)
            if bad is None:
                if self._clear(pending, position):
                    return position
                position -= PHRASE_FREE
            else:
                position = position - 2 * PHRASE_FREE + bad  # its window ends before the character a phrase holds
            tried += 1
        return size

    def _ends_a_phrase(self, pending: str, cut: int) -> bool:
        """Whether a phrase that ends with a sentence end (不行。) ends at `cut`."""
        if not self._ending:
            return False
        # read as a check reads it (script, width, regional forms), a few characters before the cut
        before = self._linter.normalised(pending[max(0, cut - self._ending_sizes[-1] - 8):cut]).text
        return any(before[-size:] in self._ending for size in self._ending_sizes)

    @staticmethod
    def _quotations(text: str) -> list[tuple[int, int]] | None:
        """Where quotations lie, as the whole text's check finds them (the text starts at a safe
        cut, so the regex pairs the marks as it would from the file's start); None when
        normalising drops characters and offsets would not line up."""
        normalised = normalise_phrase(text)
        if len(normalised) != len(text):
            return None
        return [(open_ - _VERB_BEFORE, close + _NOUN_AFTER) for open_, close in _find_quotes(normalised)]

    @staticmethod
    def _placeholders(pending: str, size: int) -> tuple[list[tuple[int, int]], int]:
        """(the template placeholders in the first `size` characters, and a little beyond, of the
        text being cut; where the first opening {{, {% or {# that no closing one follows in it
        stands): a placeholder may be long ({# … #} over lines), and one whose end is not read
        yet ends who knows where."""
        text = pending[:size + 100]
        spans = [m.span() for m in _brace_pattern().finditer(text)] if "{" in text else []
        spans += [m.span() for m in _bracket_pattern().finditer(text)] if "【" in text else []
        unclosed = len(text)
        for opener in ("{{", "{%", "{#"):
            position = text.find(opener)
            while position != -1:
                if not any(start <= position < end for start, end in spans):
                    unclosed = min(unclosed, position)
                    break
                position = text.find(opener, position + 2)
        return spans, unclosed

    def _clear(self, pending: str, cut: int) -> bool:
        """No quotation (with the context it is read in), template placeholder or suppression
        comment at the cut, and the line's start already settles whether it opens a turn."""
        spans, unclosed = self._slots
        if cut > unclosed or any(start < cut < end for start, end in spans):
            return False
        if self._quotes is None:
            window = pending[cut - 2 * WINDOW:cut + WINDOW]
            if any(mark in normalise_phrase(window) for mark in "\"'‘’“”「」『』"):
                return False
        elif any(low < cut <= high for low, high in self._quotes):
            return False
        if "phraselint-" in pending[max(0, cut - MAX_DIRECTIVE - 40):cut + WINDOW]:
            return False
        line_start = pending.rfind("\n", 0, cut) + 1
        if line_start == 0 and self._starts_mid:  # the line began in an earlier piece, which settled it
            return True
        return label_settled(pending[line_start:cut])
