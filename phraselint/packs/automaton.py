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
A start that checks one reply does not build the matcher at all (about 6 ms), nor any index:
up to SHORT_SCAN characters in all, the sorted keys are bisected from each position (usually
once or twice), and the matches sorted into the matcher's order.

A PhraseAutomaton is plain data (keys and their targets), which is what the cache stores.
Most keys share their target with others but for their length, so the cache keeps one
character a key naming its group (`codes`), and a key's targets are made when it first
matches, not at every start.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterator

from ..lazy import ahocorasick_rs

Target = tuple[int, int, int, int]  # (pattern index, key length, context before, context after)
Group = tuple[int, int, int]  # (pattern index, context before, context after): a target but for the key's length
_SURROGATE = re.compile("[\ud800-\udfff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
SHORT_SCAN = 2000  # characters looked up in Python before the matcher is built (measured: see above)
_CODE_BASE = 0x100  # codes are characters from here up, the surrogates skipped (JSON writes them as they are)


def code_of(number: int) -> str:
    """The character that stands for a key's group or list of targets (see PhraseAutomaton)."""
    code = _CODE_BASE + number
    return chr(code if code < 0xD800 else code + 0x800)


def number_of(code: str) -> int:
    value = ord(code)
    return (value if value < 0xD800 else value - 0x800) - _CODE_BASE


class PhraseAutomaton:
    """Literal keys (sorted), each with the patterns it starts. Without `codes`, targets[i] are
    key i's. With `codes` (one character a key, see code_of), key i's code names a group when
    below len(groups), whose one target the key has (the key's length added), or else its own
    tuple in `targets`, less len(groups). matches() gives what pyahocorasick's iter did: (index of
    a match's last character, its key's targets), for every overlapping match, by end and, at
    one end, longest first."""

    __slots__ = ("keys", "_codes", "_groups", "_explicit", "_resolved", "_matcher", "_scanned")

    def __init__(self, keys: tuple[str, ...] = (), targets: tuple[tuple[Target, ...], ...] = (),
                 codes: str | None = None, groups: tuple[Group, ...] = ()):
        self.keys = keys
        self._codes = codes
        self._groups = groups
        self._explicit = targets
        self._resolved: list[tuple[Target, ...] | None] = [None] * len(keys)
        self._matcher = None
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
            if self._codes is None:
                found = self._explicit[key]
            else:
                number = number_of(self._codes[key])
                if number < len(self._groups):
                    pattern_index, before, after = self._groups[number]
                    found = ((pattern_index, len(self.keys[key]), before, after),)
                else:
                    found = self._explicit[number - len(self._groups)]
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
        """(key, last index) found by walking the sorted keys as a trie: from each place, the
        text's next characters one by one, bisecting for the first key at or after them, until
        no key starts with them (usually after one or two). Nothing is built for it."""
        keys = self.keys
        count = len(keys)
        found = []
        size = len(text)
        for start in range(size):
            low = 0
            for end in range(start + 1, size + 1):
                prefix = text[start:end]
                low = bisect_left(keys, prefix, low)  # the keys holding a longer prefix lie after
                if low == count or not keys[low].startswith(prefix):
                    break
                if keys[low] == prefix:
                    found.append((end, start - end, low))
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
