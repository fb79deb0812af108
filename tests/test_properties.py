"""Invariants over arbitrary text (hypothesis): no crash, offsets round-trip, scripts agree, fixes stay in their spans."""

from __future__ import annotations

import functools

import opencc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from phraselint import Linter
from phraselint.run.changes import apply_fixes


@functools.cache
def shared_linter() -> Linter:
    return Linter()


@functools.cache
def pieces() -> list[str]:
    """Realistic fragments: every example of every rule, plus polite filler."""
    linter = shared_linter()
    found = [e.text for r in linter.rules for e in r.bad_examples]
    found += [g for r in linter.rules for g in r.good_examples]
    found += ["您好，", "请问有什么可以帮您？", "明天上午九点停水。", "\n", "，", " ", "等", "一下", "不", "知道", "午"]
    return found


texts = st.lists(st.sampled_from(pieces()), max_size=8).map("".join)
any_text = st.text(max_size=200)
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.one_of(any_text, texts))
def test_no_crash_and_offsets_slice_back_to_the_match(text):
    for finding in shared_linter().check(text):
        assert text[finding.offset:finding.end_offset] == finding.match
        assert 0 <= finding.offset < finding.end_offset <= len(text)
        lines = text.split("\n")
        assert lines[finding.line - 1][finding.column - 1:].startswith(finding.match.split("\n")[0])


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), texts)
def test_arbitrary_unicode_around_real_phrases(noise, text):
    combined = noise + text + noise
    for finding in shared_linter().check(combined):
        assert combined[finding.offset:finding.end_offset] == finding.match


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
@given(st.one_of(texts, any_text))
def test_a_fix_changes_text_only_inside_reported_spans_and_twice_changes_nothing(text):
    linter = shared_linter()
    findings = linter.check(text)
    fixed = apply_fixes(text, findings)
    # rebuild the fixed text from the untouched stretches: they must be byte-identical
    position, rebuilt = 0, []
    for finding in sorted((f for f in findings if f.fix is not None), key=lambda f: f.offset):
        if finding.offset < position:
            continue
        rebuilt += [text[position:finding.offset], finding.fix]
        position = finding.end_offset
    rebuilt.append(text[position:])
    assert fixed == "".join(rebuilt)
    assert linter.fix(fixed) == fixed


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
