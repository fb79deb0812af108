"""The phrase automaton: every literal of every phrase, found in one pass over the text.

pyahocorasick, which this replaced, looks a character up at the automaton's root by walking
the root's children one by one, so its cost per character grows with the number of distinct
first characters of the keys: a 10 MB scan took 0.16 s with 30 of them and 1.3 s with 300,
and intent families written with word classes reach hundreds. ahocorasick_rs (the Rust
aho-corasick crate) runs at one speed whatever the keys (about 0.3-0.4 s for 10 MB, most of
it encoding the text to UTF-8 for it), so adding wordings does not slow every check down.

A PhraseAutomaton is plain data (keys and their targets), which is what the cache stores;
the matcher is built from it on first use (about 5 ms for 4,000 keys).
"""

from __future__ import annotations

import re
from typing import Iterator

import ahocorasick_rs

Target = tuple[int, int, int, int]  # (pattern index, key length, context before, context after)
_SURROGATE = re.compile("[\ud800-\udfff]")


class PhraseAutomaton:
    """Literal keys, each with the patterns it starts; iter() yields what pyahocorasick's did:
    (index of a match's last character, its key's targets), for every overlapping match."""

    __slots__ = ("keys", "targets", "_matcher")

    def __init__(self, keys: tuple[str, ...] = (), targets: tuple[tuple[Target, ...], ...] = ()):
        self.keys = keys
        self.targets = targets
        self._matcher = None

    def __len__(self) -> int:
        return len(self.keys)

    def items(self) -> Iterator[tuple[str, tuple[Target, ...]]]:
        return zip(self.keys, self.targets)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PhraseAutomaton) and self.keys == other.keys and self.targets == other.targets

    def _matches(self, text: str) -> list[tuple[int, int, int]]:
        matcher = self._matcher
        if matcher is None:
            matcher = self._matcher = ahocorasick_rs.AhoCorasick(
                self.keys, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
        try:
            return matcher.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate (a JSON \ud800): no key holds one, and it keeps its place
            return matcher.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)

    def iter(self, text: str) -> Iterator[tuple[int, tuple[Target, ...]]]:
        if not self.keys:
            return
        targets = self.targets
        for key, _, end in self._matches(text):
            yield end - 1, targets[key]


def build(keys: dict[str, list[Target]]) -> PhraseAutomaton:
    ordered = sorted(keys)
    return PhraseAutomaton(tuple(ordered), tuple(tuple(keys[key]) for key in ordered))
