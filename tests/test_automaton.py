"""The phrase automaton finds the same matches, in the same order, however it scans.

Three ways to scan (packs/automaton.py): dict lookups for the first characters a process
checks, the crate's automaton over UTF-16 bytes after that, and, as the reference here, the
crate's own `str` interface, which was the engine's scan before. Their answers must agree on
every corpus item and on texts with astral characters and lone surrogates.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import ahocorasick_rs
import pytest

from phraselint.packs.automaton import SHORT_SCAN, PhraseAutomaton, code_of, number_of

ROOT = Path(__file__).resolve().parent.parent
ITEMS = [json.loads(line)["text"] for path in sorted(ROOT.glob("corpora/*.jsonl"))
         for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


_MATCHERS: dict[int, object] = {}


def reference(automaton: PhraseAutomaton, text: str) -> list[tuple[int, tuple]]:
    matcher = _MATCHERS.get(id(automaton))
    if matcher is None:
        matcher = _MATCHERS[id(automaton)] = ahocorasick_rs.AhoCorasick(
            automaton.keys, implementation=ahocorasick_rs.Implementation.ContiguousNFA)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    targets = automaton.targets
    return [(end - 1, targets[key]) for key, _, end in matcher.find_matches_as_indexes(text, overlapping=True)]


def fresh(automaton: PhraseAutomaton) -> PhraseAutomaton:
    return PhraseAutomaton(automaton.keys, automaton._explicit, automaton._codes, automaton._groups)


def both_ways(automaton: PhraseAutomaton, text: str) -> tuple[list, list]:
    """What the dict lookups and the UTF-16 matcher find (each on a copy, built once)."""
    copies = _COPIES.get(id(automaton))
    if copies is None:
        copies = _COPIES[id(automaton)] = (fresh(automaton), fresh(automaton))
    looked_up, scanned = copies
    looked_up._scanned = 0
    scanned._scanned = SHORT_SCAN + 1  # as after many short texts: the UTF-16 matcher
    return looked_up.matches(text), scanned.matches(text)


_COPIES: dict[int, tuple[PhraseAutomaton, PhraseAutomaton]] = {}


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
    automaton = PhraseAutomaton(("你等一下", "等一下"), (((1, 4, 0, 0),), ((0, 3, 0, 0),)))
    assert automaton.matches("你等一下") == [(3, ((1, 4, 0, 0),)), (3, ((0, 3, 0, 0),))]
    assert automaton.matches("你等一") == []


def test_a_reply_is_checked_without_building_the_matcher_and_a_large_text_builds_it(linter):
    automaton = fresh(linter.compiled.automaton)
    automaton.matches("这个我不知道，你等一下")
    assert automaton._matcher is None
    automaton.matches("您好。" * SHORT_SCAN)
    assert automaton._matcher is not None


def test_coded_keys_get_the_targets_they_were_stored_with():
    codes = code_of(2) + code_of(1) + code_of(0)  # 丁 has its own targets, 乙 and 甲丙 a group each
    automaton = PhraseAutomaton(("丁", "乙", "甲丙"), (((9, 1, 0, 0), (8, 1, 0, 0)),), codes, ((5, 1, 0), (4, 0, 0)))
    assert dict(automaton.items()) == {"乙": ((4, 1, 0, 0),), "甲丙": ((5, 2, 1, 0),), "丁": ((9, 1, 0, 0), (8, 1, 0, 0))}
    assert automaton == PhraseAutomaton(("丁", "乙", "甲丙"), (((9, 1, 0, 0), (8, 1, 0, 0)), ((4, 1, 0, 0),), ((5, 2, 1, 0),)))
    assert [number_of(code_of(n)) for n in (0, 0xD6FF, 0xD700, 0xE000)] == [0, 0xD6FF, 0xD700, 0xE000]
    assert not any("\ud800" <= code_of(n) <= "\udfff" for n in range(0xD600, 0xE000))


def test_the_cached_form_keeps_keys_that_hold_the_separator():
    from phraselint.packs.plain_form import _automaton, _automaton_of

    automaton = PhraseAutomaton(("a|b", "|", "你好", "\ue000"), (((0, 3, 0, 0),), ((1, 1, 0, 0),), ((2, 2, 0, 0), (3, 2, 0, 0)), ((1, 1, 0, 0),)))
    form = json.loads(json.dumps(_automaton(automaton)))
    assert form[0] not in "".join(automaton.keys)
    assert _automaton_of(form) == automaton


def test_checking_a_reply_does_not_load_the_matchers_library():
    code = (
        "import sys\nsys.argv = ['phraselint', 'check', '-']\nfrom phraselint.cli.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\nprint('ahocorasick_rs' in sys.modules, file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run may build the caches
        result = subprocess.run([sys.executable, "-c", code], input="这个我不知道，您等一下。", capture_output=True,
                                text=True, encoding="utf-8", cwd=ROOT)
    assert result.stderr.strip().splitlines()[-1] == "False"
    assert "inquiry.dont-know" in result.stdout
