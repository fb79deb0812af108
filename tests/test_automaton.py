"""The phrase automaton finds the same matches, in the same order, however it scans.

Three ways to scan (packs/automaton.py): dict lookups for the first characters a process
checks, the crate's automaton over UTF-16 bytes after that, and, as the reference here, the
crate's own `str` interface, which was the engine's scan before. Their answers must agree on
every corpus item and on texts with astral characters and lone surrogates.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import ahocorasick_rs
import pytest

from phraselint.packs.automaton import SHORT_SCAN, PhraseAutomaton

ROOT = Path(__file__).resolve().parent.parent
ITEMS = [json.loads(line)["text"] for path in sorted(ROOT.glob("corpora/*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def reference(automaton: PhraseAutomaton, text: str) -> list[tuple[int, tuple]]:
    matcher = ahocorasick_rs.AhoCorasick(automaton.keys, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    targets = automaton.targets
    return [(end - 1, targets[key]) for key, _, end in matcher.find_matches_as_indexes(text, overlapping=True)]


def fresh(automaton: PhraseAutomaton) -> PhraseAutomaton:
    return PhraseAutomaton(automaton.keys, automaton._explicit, automaton._groups)


def both_ways(automaton: PhraseAutomaton, text: str) -> tuple[list, list]:
    looked_up = fresh(automaton)
    scanned = fresh(automaton)
    scanned._scanned = SHORT_SCAN + 1  # as after many short texts: the UTF-16 matcher
    return looked_up.matches(text), scanned.matches(text)


@pytest.fixture(scope="module")
def automaton(linter) -> PhraseAutomaton:
    return linter.compiled.automaton


def test_every_corpus_item_gets_the_reference_matches_both_ways(automaton):
    for text in ITEMS:
        expected = reference(automaton, text)
        looked_up, scanned = both_ways(automaton, text)
        assert looked_up == expected, text
        assert scanned == expected, text


def test_astral_characters_and_lone_surrogates_keep_every_offset(automaton):
    keys = [k for k in automaton.keys if len(k) > 1][::50]
    pieces = ["𨋢", "𠮶", "\ud800", "\udfff", "😀", "。", "\n", "a", *keys]
    rng = random.Random(12)
    for _ in range(150):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        expected = reference(automaton, text)
        looked_up, scanned = both_ways(automaton, text)
        assert looked_up == expected, repr(text)
        assert scanned == expected, repr(text)


def test_a_key_at_the_very_end_is_found_and_no_shorter_slice_passes_for_a_longer_key():
    automaton = PhraseAutomaton(("等一下", "你等一下"), (((0, 3, 0, 0),), ((1, 4, 0, 0),)))
    assert automaton.matches("你等一下") == [(3, ((1, 4, 0, 0),)), (3, ((0, 3, 0, 0),))]
    assert automaton.matches("你等一") == []


def test_a_reply_is_checked_without_building_the_matcher_and_a_large_text_builds_it(linter):
    automaton = fresh(linter.compiled.automaton)
    automaton.matches("这个我不知道，你等一下")
    assert automaton._matcher is None
    automaton.matches("您好。" * SHORT_SCAN)
    assert automaton._matcher is not None


def test_grouped_keys_get_the_targets_they_were_stored_with():
    automaton = PhraseAutomaton(("乙", "甲丙", "丁"), (((9, 1, 0, 0), (8, 1, 0, 0)),), ((4, 0, 0, 1), (5, 1, 0, 1)))
    assert dict(automaton.items()) == {"乙": ((4, 1, 0, 0),), "甲丙": ((5, 2, 1, 0),), "丁": ((9, 1, 0, 0), (8, 1, 0, 0))}
    assert automaton == PhraseAutomaton(("丁", "甲丙", "乙"), (((9, 1, 0, 0), (8, 1, 0, 0)), ((5, 2, 1, 0),), ((4, 1, 0, 0),)))
