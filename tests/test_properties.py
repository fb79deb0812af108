"""Invariants over generated input (hypothesis): no crash, offsets round-trip, scripts agree,
fixes stay in their spans and are stable, streaming and readers keep every promise.

The generators (tests/strategies.py) and checks (tests/invariants.py) are those of the long
fuzzing run, `python bench/fuzz.py --cases 100000`; here each property runs a few dozen
examples, derandomized so that the suite is deterministic."""

from __future__ import annotations

import functools
import random

import opencc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Linter
from phraselint.config import Config
from phraselint.inputs import streaming
from phraselint.run.session import CheckSession

from . import invariants as inv
from . import strategies as gen
from .strategies import pieces, shared_linter, strategy

texts = st.lists(st.sampled_from(pieces()), max_size=8).map("".join)
any_text = st.text(max_size=200)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                             suppress_health_check=[HealthCheck.too_slow])
FEW = settings(PROPERTY_SETTINGS, max_examples=30)


@PROPERTY_SETTINGS
@given(st.one_of(any_text, texts, strategy(gen.text)))
def test_no_crash_and_offsets_slice_back_to_the_match(text):
    inv.assert_spans(text, shared_linter().check(text))


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), texts)
def test_arbitrary_unicode_around_real_phrases(noise, text):
    combined = noise + text + noise
    inv.assert_spans(combined, shared_linter().check(combined))


@functools.cache
def to_traditional():
    return opencc.OpenCC("s2t")


@PROPERTY_SETTINGS
@given(texts)
def test_a_text_and_its_traditional_conversion_yield_the_same_rules(text):
    simplified = sorted(f.rule for f in shared_linter().check(text))
    traditional = sorted(f.rule for f in shared_linter().check(to_traditional().convert(text)))
    assert simplified == traditional


@PROPERTY_SETTINGS
@given(st.one_of(texts, any_text, strategy(gen.text)))
def test_a_fix_changes_text_only_inside_reported_spans_and_twice_changes_nothing(text):
    assert inv.assert_fix_is_idempotent(shared_linter(), text)


roles = st.sampled_from(["客服", "坐席", "业主", "住户", "來電人", "管家"])


@PROPERTY_SETTINGS
@given(st.lists(st.tuples(roles, texts), min_size=2, max_size=6))
def test_customer_turns_are_never_reported(turns):
    text = "\n".join(f"{role}:{words.replace(chr(10), ' ')}" for role, words in turns)
    lines = text.split("\n")
    for finding in shared_linter().check(text):
        assert text[finding.offset:finding.end_offset] == finding.match
        assert lines[finding.line - 1].split(":", 1)[0] in ("客服", "坐席", "管家")


@functools.cache
def regional_pieces() -> list[str]:
    """Every regional form of the lexicons with its guard words, astral characters and filler."""
    from phraselint.packs.lexicon_loader import builtin_lexicon

    found = []
    for entry in builtin_lexicon().entries:
        found += [entry.form, *entry.not_inside, *entry.not_after, *entry.not_before]
    return found + ["𨋢", "𠵱家", "嗰", "\u200b", "，", "我", "你", "。", "\n", "係", "關係"]


regional = st.lists(st.sampled_from(regional_pieces()), max_size=12).map("".join)


@PROPERTY_SETTINGS
@given(regional)
def test_regional_text_findings_slice_back_to_their_original_characters(text):
    for finding in shared_linter().check(text):
        assert text[finding.offset:finding.end_offset] == finding.match
        assert 0 <= finding.offset < finding.end_offset <= len(text)


@PROPERTY_SETTINGS
@given(regional, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_every_rewritten_span_maps_inside_the_original_and_keeps_order(text, a, b):
    norm = shared_linter().normalised(text)
    start, end = sorted((min(a, len(norm.text)), min(b, len(norm.text))))
    original_start, original_end = norm.to_original(start, end)
    assert 0 <= original_start <= original_end <= len(text)
    if norm.rewrites is not None:
        from phraselint.text.normalise import normalise

        folded = normalise(text).text
        for span in norm.rewrites.spans:  # each rewrite replaces exactly its form, in text order
            assert folded[span.old_start:span.old_end] == span.form


@PROPERTY_SETTINGS
@given(regional)
def test_the_scan_does_bounded_work_per_character(text):
    """Linear by construction: the matches the scan looks at are at most MAX_FORM per position."""
    from phraselint.text.lexicon import MAX_FORM

    linter = shared_linter()
    linter.normalised("")  # builds the automaton
    automaton = linter.__dict__["_lexicon_reader"].automaton
    folded = linter.normalised(text)._replace(rewrites=None)
    from phraselint.text.normalise import normalise

    looked_at = sum(1 for _ in automaton.iter(normalise(text).text))
    assert looked_at <= MAX_FORM * max(1, len(folded.original))
    assert all(len(e.form) <= MAX_FORM for e in linter.compiled.lexicon.entries)


@FEW
@given(strategy(gen.transcript), st.sampled_from([None, "phone", "dialogue", "training"]))
def test_transcripts_of_any_kind_slice_back_and_fix_stably(text, kind):
    inv.assert_spans(text, shared_linter().check(text, kind=kind))
    assert inv.assert_fix_is_idempotent(shared_linter(), text, kind=kind)


@settings(FEW, max_examples=2, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(strategy(gen.large_text))
def test_large_texts_with_hostile_characters_slice_back(text):
    inv.assert_spans(text, shared_linter().check(text))


@functools.lru_cache(maxsize=None)
def _custom_linter(seed: int) -> Linter:
    return Linter([gen.custom_pack(random.Random(seed))])


@FEW
@given(st.integers(0, 7), st.randoms(use_true_random=False))
def test_overlapping_custom_fixes_stay_in_their_spans_and_settle(seed, rng):
    linter = _custom_linter(seed)
    text = gen.custom_text(rng, gen.custom_pack(random.Random(seed)))
    inv.assert_spans(text, linter.check(text))
    inv.assert_fix_is_idempotent(linter, text)


@settings(FEW, max_examples=100)
@given(strategy(gen.markdown_pair))
def test_a_directive_shown_as_markdown_code_changes_no_finding(pair):
    document, neutral = pair
    session = CheckSession(shared_linter(), Config())
    found = session.check_extracted("doc.md", session.extract("doc.md", document))
    inv.assert_spans(document, found)
    expected = session.check_extracted("doc.md", session.extract("doc.md", neutral))
    inv.assert_same_findings([f for f in expected if not f.rule.startswith("phraselint.")],
                             [f for f in found if not f.rule.startswith("phraselint.")], "directive in code", match=False)


@pytest.fixture(scope="module")
def small_pieces():
    """Pieces small enough for generated texts to span several, and large enough for the cut
    rules (inputs/cuts.py) to find a cut inside a long line: they look for one in a piece's
    second half, keeping WINDOW characters clear on its right."""
    saved = streaming.STREAM_THRESHOLD, streaming.PIECE, streaming.SAMPLE
    streaming.STREAM_THRESHOLD, streaming.PIECE, streaming.SAMPLE = 200, 256, 128
    yield
    streaming.STREAM_THRESHOLD, streaming.PIECE, streaming.SAMPLE = saved


def _plain_lines(rng: random.Random) -> str:
    """Any generated lines (directives, role labels and template placeholders included: their
    state is carried across pieces), without NUL (which makes a file binary)."""
    lines = [gen.plain_text(rng).replace("\x00", "") for _ in range(rng.randrange(1, 30))]
    return "\n".join(lines)


@settings(FEW, max_examples=15)
@given(strategy(_plain_lines), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
def test_a_file_streamed_in_small_pieces_has_the_whole_files_findings(tmp_path_factory, small_pieces, text, codec):
    path = tmp_path_factory.mktemp("stream") / "big.txt"
    path.write_bytes(text.encode(codec))
    session = CheckSession(shared_linter(), Config())
    extracted, whole = session.check_path(str(path))
    assert extracted.original in (text, text[1:])
    if session.streams(str(path)):
        inv.assert_same_findings(whole, session.check_streamed(str(path), keep_lines=False)[0], "streamed")
