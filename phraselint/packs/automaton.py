"""The phrase automaton: every literal of every phrase, found in one pass over the text.

pyahocorasick, which this replaced, looks a character up at the automaton's root by walking
the root's children one by one, so its cost per character grows with the number of distinct
first characters of the keys: a 10 MB scan took 0.16 s with 30 of them and 1.3 s with 300,
and intent families written with word classes reach hundreds. ahocorasick_rs (the Rust
aho-corasick crate) runs at one speed whatever the keys, so adding wordings does not slow
every check down.

How the text is handed to it matters as much as the automaton (measured on 2.6 million
characters of the benchmark corpus, 7,049 keys):
- as a `str`, the crate encodes it to UTF-8 and maps every byte offset back to a character
  index: 83 ms, and 58 MiB of peak memory for that map;
- as UTF-16 bytes (two per character outside the astral planes) to an automaton of the keys'
  UTF-16 bytes, a byte offset is twice a character index: 38 ms to scan, 4 ms to encode and
  keep the matches that start on a character, no map. An astral character takes two units;
  only a text holding one pays for moving the offsets after it.
A start that checks one reply does not build the matcher at all (about 6 ms): up to
SHORT_SCAN characters in all, the keys are looked up in a dict at each position that starts
one (about a microsecond a character), in the matcher's order.

A PhraseAutomaton is plain data (keys and their targets), which is what the cache stores.
Most keys share their target with others but for their length, so the cache keeps them in
runs (`groups`) and a key's targets are made when it first matches, not at every start.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Iterator

import ahocorasick_rs

Target = tuple[int, int, int, int]  # (pattern index, key length, context before, context after)
Group = tuple[int, int, int, int]  # (pattern index, context before, context after, how many keys)
_SURROGATE = re.compile("[\ud800-\udfff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
SHORT_SCAN = 2000  # characters looked up in Python before the matcher is built (measured: see above)


class PhraseAutomaton:
    """Literal keys, each with the patterns it starts. keys[:n] (n the sum of the groups' counts)
    come in runs, one per group, whose keys each have the one target (pattern index, the key's
    length, before, after); keys[n:] have `explicit` targets, in order. matches() gives what
    pyahocorasick's iter did: (index of a match's last character, its key's targets), for every
    overlapping match, by end and, at one end, longest first."""

    __slots__ = ("keys", "_groups", "_explicit", "_resolved", "_ends", "_matcher", "_index", "_scanned")

    def __init__(self, keys: tuple[str, ...] = (), explicit: tuple[tuple[Target, ...], ...] = (),
                 groups: tuple[Group, ...] = ()):
        self.keys = keys
        self._groups = groups
        self._explicit = explicit
        self._resolved: list[tuple[Target, ...] | None] = [None] * len(keys)
        self._ends: list[int] | None = None  # where each group's run of keys ends
        self._matcher = None
        self._index: dict[str, tuple[list[int], dict[str, int]]] | None = None  # first character -> (key lengths, key -> index)
        self._scanned = 0  # characters looked up in Python so far

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def targets(self) -> tuple[tuple[Target, ...], ...]:
        return tuple(map(self._targets, range(len(self.keys))))

    def items(self) -> Iterator[tuple[str, tuple[Target, ...]]]:
        return zip(self.keys, self.targets)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseAutomaton) and dict(self.items()) == dict(other.items())

    def _targets(self, key: int) -> tuple[Target, ...]:
        found = self._resolved[key]
        if found is None:
            ends = self._ends
            if ends is None:
                ends = self._ends = list(accumulate(group[3] for group in self._groups))
            run = bisect_right(ends, key)
            if run < len(ends):
                pattern_index, before, after, _ = self._groups[run]
                found = ((pattern_index, len(self.keys[key]), before, after),)
            else:
                found = self._explicit[key - (ends[-1] if ends else 0)]
            self._resolved[key] = found
        return found

    def matches(self, text: str) -> list[tuple[int, tuple[Target, ...]]]:
        """(last character's index, targets) of every match, in the matcher's order."""
        if not self.keys:
            return []
        if self._matcher is None and self._scanned + len(text) <= SHORT_SCAN:
            self._scanned += len(text)
            found = self._looked_up(text)
        else:
            found = self._scanned_utf16(text)
        resolved = self._resolved
        return [(last, resolved[key] or self._targets(key)) for key, last in found]

    def iter(self, text: str) -> Iterator[tuple[int, tuple[Target, ...]]]:
        return iter(self.matches(text))

    def _looked_up(self, text: str) -> list[tuple[int, int]]:
        """(key, last index) by a dict lookup of every key length at each place a key may start."""
        index = self._index
        if index is None:
            by_first: dict[str, dict[str, int]] = {}
            for number, key in enumerate(self.keys):
                by_first.setdefault(key[0], {})[key] = number
            index = self._index = {first: (sorted({len(k) for k in keys}), keys) for first, keys in by_first.items()}
        found = []
        size = len(text)
        for start, char in enumerate(text):
            entry = index.get(char)
            if entry is not None:
                lengths, keys = entry
                for length in lengths:  # ascending: a slice past the end would be a shorter key
                    if start + length > size:
                        break
                    key = keys.get(text[start:start + length])
                    if key is not None:
                        found.append((start + length, -length, key))
        found.sort()  # by end and, at one end, longest first: the matcher's order
        return [(key, end - 1) for end, _, key in found]

    def _scanned_utf16(self, text: str) -> list[tuple[int, int]]:
        matcher = self._matcher
        if matcher is None:
            matcher = self._matcher = ahocorasick_rs.BytesAhoCorasick(
                [key.encode("utf-16-le", "surrogatepass") for key in self.keys],
                implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        try:
            units = text.encode("utf-16-le")
        except UnicodeEncodeError:  # a lone surrogate (a JSON \ud800): no key holds one, and it keeps its place
            units = _SURROGATE.sub("\ufffd", text).encode("utf-16-le")
        found = matcher.find_matches_as_indexes(units, overlapping=True)
        if len(units) == 2 * len(text):
            return [(key, (end >> 1) - 1) for key, start, end in found if not start & 1]
        # astral characters take two units: a unit offset is moved back by those ending before it
        ends = [2 * (match.start() + n) + 4 for n, match in enumerate(_ASTRAL.finditer(text))]
        return [(key, (end >> 1) - bisect_right(ends, end) - 1) for key, start, end in found if not start & 1]


def build(keys: dict[str, list[Target]]) -> PhraseAutomaton:
    ordered = sorted(keys)
    return PhraseAutomaton(tuple(ordered), tuple(tuple(keys[key]) for key in ordered))
