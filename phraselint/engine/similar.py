"""Similar wording (an optional layer, `--similar`): clauses close to a rule's exemplar sentences.

Phrases recognise a rule's own wording; staff word the same intent in endless other ways
(你去问别人吧, 这事你找物业公司去). Each rule may carry exemplar sentences of its intent
(packs/exemplars.py); a clause of the text that resembles one closely, and that no phrase
matched, is a *possible* instance of the intent, reported at suggestion level with the exemplar
it resembles. It never adds to or raises a phrase finding: it is a hint for a person.

Scoring is character-bigram TF-IDF: an exemplar and a clause are sets of bigrams, each weighted
by its rarity in everyday Chinese (worked out when packs are compiled), and their likeness is
the weighted cosine

    sum of w² over shared bigrams / sqrt(sum of w² over the exemplar's · over the clause's)

where a clause bigram that no exemplar has weighs UNKNOWN_WEIGHT (a typical bigram). A clause
is reported when its best exemplar scores THRESHOLD or more (chosen on the tuned corpus,
measured on the blind one with `phraselint eval --similar`). No model, no download.

Cost stays linear and small: an inverted index (one Aho-Corasick automaton over the exemplars'
*rare* bigrams, those weighing RARE_WEIGHT or more, each naming its exemplars) finds in one pass
in C the places where a stretch of text shares NEEDED of an exemplar's rare bigrams within an
exemplar's length (domain words such as 部门 or 通知 alone are everywhere in this text); only
those clauses are cut out and scored, against only the exemplars sharing a bigram with them. A clause longer than MAX_CLAUSE characters is not scored (no
exemplar is that long; its cosine could not reach the threshold). The index is built on the
first text a Linter with the layer on checks, never at start-up and never without the option.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from typing import NamedTuple

import ahocorasick

from ..packs.exemplars import CLAUSE_STOPS, MAX_CHARS, Exemplars, bigrams_of
from .verify import Hit

THRESHOLD = 0.5  # weighted cosine a clause must reach with an exemplar
RARE_WEIGHT = 2.8  # bigrams at least this rare are index keys (我也 1.5, 部门 2.0, 通知 2.6; 领导 3.0, 怪谁 4.3)
UNKNOWN_WEIGHT = 2.4  # a clause bigram no exemplar has: the median exemplar bigram
MAX_CLAUSE = 2 * MAX_CHARS  # characters: a longer clause is not scored
# a clause ends at punctuation, and at a quotation mark: a quoted sentence is a clause of its own,
# so the context stage sees it inside its quotation (切勿说“…” is a mention, not a use)
STOPS = CLAUSE_STOPS + "“”‘’「」『』\"'"
_STOP = re.compile("[" + re.escape(STOPS) + "]")
NEEDED = 2  # rare bigrams shared with an exemplar before a clause is scored (fewer if it has fewer)

# what each intent is called in a message (the corpora's intent vocabulary); others show the category
INTENT_NAMES = {
    "shifting": "推诿", "evading": "回避问题", "giving-up": "放弃不管", "no-commitment": "不作承诺",
    "blaming": "指责客人", "dismissing": "敷衍打发", "policy-wall": "搬出规定", "orders": "推说奉命",
    "annoyance": "不耐烦", "refusing": "直接拒绝", "calm-down": "叫客人冷静", "self-justify": "自我辩解",
    "interrupting": "打断客人", "interrogating": "盘问访客", "threatening": "威胁", "insulting": "挑衅",
}


class SimilarHit(NamedTuple):
    hit: Hit  # the clause, as a hit of the exemplar's rule (normalised offsets)
    exemplar: str  # as written
    score: float


class SimilarIndex:
    """The exemplars of the active rules, indexed by their rare bigrams."""

    def __init__(self, exemplars: Exemplars, active: frozenset[int]):
        weights = dict(exemplars.weights)
        # one vector per (exemplar, form): bigram -> weight², with its squared norm
        self._vectors: list[tuple[int, str, dict[str, float], float]] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for entry in exemplars.entries:
            if entry.rule_index not in active:
                continue
            for form in entry.forms:
                vector = {b: weights.get(b, UNKNOWN_WEIGHT) ** 2 for b in bigrams_of(form)}
                number = len(self._vectors)
                self._vectors.append((entry.rule_index, entry.text, vector, sum(vector.values())))
                for bigram in vector:
                    postings[bigram].append(number)
        self._postings = dict(postings)
        self._weights = {b: w * w for b, w in weights.items()}
        self._automaton = None
        rare = {b for b in self._postings if weights.get(b, 0) >= RARE_WEIGHT}
        # how many of its rare bigrams a stretch of text must share with an exemplar to be scored
        self._needed = [min(NEEDED, len(rare & vector.keys())) for _, _, vector, _ in self._vectors]
        if rare:
            self._automaton = ahocorasick.Automaton()
            for key in rare:
                self._automaton.add_word(key, tuple(self._postings[key]))
            self._automaton.make_automaton()

    def _clause(self, text: str, at: int) -> tuple[int, int] | None:
        """The clause holding position `at`, or None when it is longer than MAX_CLAUSE."""
        low = max(0, at - MAX_CLAUSE)
        begin = low
        for stop in _STOP.finditer(text, low, at):
            begin = stop.end()
        if begin == low and low > 0 and not _STOP.match(text, low - 1):
            return None
        high = min(len(text), at + MAX_CLAUSE)
        stop = _STOP.search(text, at, high)
        if stop is None and high < len(text):
            return None
        end = stop.start() if stop is not None else len(text)
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        return (begin, end) if end - begin <= MAX_CLAUSE else None

    def _best(self, clause: str) -> tuple[int, str, float] | None:
        """The exemplar `clause` is closest to, if it reaches the threshold."""
        bigrams = bigrams_of(clause)
        if not bigrams:
            return None
        unknown = UNKNOWN_WEIGHT ** 2
        norm = sum(self._weights.get(b, unknown) for b in bigrams)
        shared: dict[int, float] = defaultdict(float)
        for bigram in bigrams:
            for number in self._postings.get(bigram, ()):
                shared[number] += self._vectors[number][2][bigram]
        best = None
        for number, overlap in shared.items():
            rule_index, text, _, exemplar_norm = self._vectors[number]
            score = overlap / math.sqrt(exemplar_norm * norm)
            if score >= THRESHOLD and (best is None or score > best[2]):
                best = (rule_index, text, score)
        return best

    def find(self, text: str) -> list[SimilarHit]:
        """Clauses of normalised `text` close to an exemplar, best exemplar each, in text order."""
        if self._automaton is None:
            return []
        found = []
        needed = self._needed
        seen: dict[int, tuple[int, int, int]] = {}  # exemplar -> (first rare bigram's end, count, last end)
        done = -1  # clauses end in text order: skip rare bigrams inside the last one scored
        for end_index, numbers in self._automaton.iter(text):
            if end_index < done:
                continue
            ready = False
            for number in numbers:
                first, count, last = seen.get(number, (end_index, 0, -1))
                if end_index - first > MAX_CHARS:  # too far apart to be one clause like it
                    first, count = end_index, 0
                if last != end_index:
                    count += 1
                seen[number] = (first, count, end_index)
                ready = ready or count >= needed[number]
            if not ready:
                continue
            clause = self._clause(text, end_index)
            if clause is None:
                continue
            start, end = clause
            done = max(end, end_index + 1)
            seen.clear()
            best = self._best(text[start:end])
            if best is not None:
                found.append(SimilarHit(Hit(best[0], start, end), best[1], best[2]))
        return found


def not_overlapping(found: list[SimilarHit], spans: list[tuple[int, int]]) -> list[SimilarHit]:
    """`found` without the clauses that overlap any of `spans` (the phrase hits)."""
    if not found or not spans:
        return found
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach = []  # the furthest end among spans[:i + 1]
    furthest = -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    kept = []
    for similar in found:
        _, start, end = similar.hit
        before = bisect_left(starts, end)  # spans starting before the clause ends
        if before and reach[before - 1] > start:
            continue
        kept.append(similar)
    return kept


def note_for(intent: str | None, category: str, exemplar: str, message: str) -> str:
    name = INTENT_NAMES.get(intent or "", category)
    return f"可能是{name}（与“{exemplar}”相近）：{message}"
