"""Rule packs from a repository nobody vetted: what one phrase or pack may cost is bounded when
it is loaded, gapped phrases are matched without backtracking, and every refusal names the
file, the line, the field and the limit."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from phraselint import Linter, PackError, load_packs
from phraselint.engine.gaps import PhraseSearch, TailMatcher
from phraselint.packs.compile import SENTENCE_STOPS
from phraselint.packs.loader import MAX_EXTENDS_DEPTH
from phraselint.packs.rule_fields import MAX_PACK_KEYS
from phraselint.packs.syntax import MAX_GAPS, MAX_NESTING, MAX_VARIANTS

from .conftest import MINIMAL_RULE, pack_text


def problems_of(path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_packs([str(path)])
    return [str(p) for p in info.value.problems]


def with_phrase(phrase: str, example: str = "你走开吧") -> str:
    return pack_text(MINIMAL_RULE.replace("phrases: [你走开]", f"phrases: ['{phrase}']").replace("bad: [你走开吧]", f"bad: ['{example}']"))


# --- gapped phrases: the answer of a backtracking regex, without its cost ---------------------

def _alternation(variants) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(set(variants), key=lambda s: (-len(s), s)))) + ")"


def reference_tail(tail, after) -> str:
    """The regex gapped phrases were matched with before: right, but exponential in the gaps."""
    stop = re.escape(SENTENCE_STOPS)
    parts = [f"[^{stop}]{{0,{gap}}}?{_alternation(variants)}" for gap, variants in tail]
    if after:
        parts.append(f"(?={_alternation(after)})")
    return "".join(parts)


variants = st.lists(st.text("ab", min_size=1, max_size=3), min_size=1, max_size=3, unique=True).map(tuple)
tails = st.lists(st.tuples(st.integers(1, 4), variants), min_size=1, max_size=MAX_GAPS).map(tuple)
texts = st.text("ab。", max_size=40)


@settings(max_examples=150, deadline=None)
@given(tails, st.one_of(st.just(()), variants), texts)
def test_a_tail_ends_where_the_backtracking_regex_ends(tail, after, text):
    reference = re.compile(reference_tail(tail, after))
    matcher = TailMatcher(tail, after)
    memo = matcher.memo()  # one memo for every position of the text, as a scan shares it
    for position in range(len(text) + 1):
        expected = reference.match(text, position)
        assert matcher.end(text, position, len(text), memo) == (expected.end() if expected else None)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(variants, st.one_of(st.just(()), tails)), min_size=1, max_size=3).map(tuple),
       texts, st.integers(0, 40), st.integers(0, 40))
def test_a_phrase_search_finds_what_the_regex_search_finds(phrases, text, start, end):
    reference = re.compile("|".join(f"(?:{_alternation(first)}{reference_tail(tail, ()) if tail else ''})"
                                    for first, tail in phrases))
    expected = reference.search(text, start, end)
    assert PhraseSearch(phrases).search(text, start, end) == (expected.span() if expected else None)


def test_many_gaps_over_a_long_run_of_one_character_is_linear_work(write_pack):
    # each of 2,000 candidates had 41**4 ways to fill its gaps: hours for a backtracking regex
    phrase = "你" + "…{40}你" * (MAX_GAPS - 1) + "…{40}吗"
    linter = Linter(load_packs([str(write_pack(with_phrase(phrase, "你你你你吗")))]))
    assert linter.check("你" * 2000) == []
    text = "你" * 2000 + "吗"
    findings = linter.check(text)
    assert findings and findings[-1].end_offset == len(text)
    assert all(text[f.offset:f.end_offset] == f.match for f in findings)
    matcher = TailMatcher(((40, ("你",)),) * (MAX_GAPS - 1) + ((40, ("吗",)),))
    memo = matcher.memo()
    text = "你" * 2000
    assert all(matcher.end(text, p, len(text), memo) is None for p in range(len(text)))
    assert sum(map(len, memo)) <= MAX_GAPS * (len(text) + 1)  # each (part, position) judged once


# --- what a phrase or a pack may expand to, refused at load with file, line, field and limit --

def test_contexts_that_multiply_are_refused_with_the_limit(write_pack):
    # (a|b) nine times in each context and in the phrase: 2**27 automaton keys from 400 bytes
    nine = "(a|b)" * 9
    messages = problems_of(write_pack(with_phrase(f"<{nine}>{nine}<{nine}>", "a" * 27)))
    assert any(":11: rule demo.rude: field 'phrases': expands with its contexts to 134,217,728 variants, "
               f"more than {MAX_VARIANTS}" in m for m in messages)


def test_a_group_of_too_many_alternatives_is_refused_before_it_is_joined(write_pack):
    many = "(" + "|".join(f"a{i}" for i in range(MAX_VARIANTS + 1)) + ")"
    messages = problems_of(write_pack(with_phrase(many + many, "a1a1")))
    assert any(":11: rule demo.rude: field 'phrases': expands to more than" in m for m in messages)


def test_deeply_nested_groups_are_a_clear_error(write_pack):
    messages = problems_of(write_pack(with_phrase("(" * 500 + "你" + ")" * 500, "你")))
    assert any(f":11: rule demo.rude: field 'phrases': groups are nested more than {MAX_NESTING} deep" in m for m in messages)
    assert all(len(m) < 300 for m in messages)  # the 1,001-character phrase is quoted cut short


@pytest.mark.parametrize("field", ["followed_by", "preceded_by", "inside"])
def test_deeply_nested_groups_in_an_exception_are_a_clear_error(write_pack, field):
    nested = "(" * 500 + "你" + ")" * 500
    rule = MINIMAL_RULE + f"    exceptions:\n      - {field}: ['{nested}']\n"
    messages = problems_of(write_pack(pack_text(rule)))
    assert any(f"field 'exceptions.{field}': groups are nested" in m for m in messages)


def test_too_many_gaps_are_refused(write_pack):
    messages = problems_of(write_pack(with_phrase("你…" * (MAX_GAPS + 1) + "吗", "你" * (MAX_GAPS + 1) + "吗")))
    assert any(f"field 'phrases': has more than {MAX_GAPS} gaps" in m for m in messages)


def test_a_pack_whose_phrases_add_up_past_the_limit_is_refused(write_pack):
    # each phrase is allowed (256 variants); together they would build a huge automaton
    phrase = "(a|b)" * 8
    count = MAX_PACK_KEYS // 256 + 1
    phrases = ", ".join(f"'{phrase}{i:03d}'" for i in range(count))
    messages = problems_of(write_pack(pack_text(MINIMAL_RULE.replace("phrases: [你走开]", f"phrases: [{phrases}]"))))
    assert any(f":11: rule demo.rude: field 'phrases': the pack's phrases expand to more than {MAX_PACK_KEYS:,}" in m
               for m in messages)


@pytest.mark.parametrize("value", ["[x]", "{a: 1}", "5"])
def test_a_scope_that_is_not_a_name_is_a_problem(write_pack, value):
    rule = """
      - id: demo.greet
        type: require
        level: warning
        category: demo
        message: 要问好。
        source: test
        scope: SCOPE
        kinds: [phone]
        parts:
          - name: 问候
            phrases: [您好]
        rewrites: [您好]
        examples:
          bad: ["坐席：喂"]
          good: ["坐席：您好"]
    """.replace("SCOPE", value)
    messages = problems_of(write_pack(pack_text(rule)))
    assert any(":12: rule demo.greet: field 'scope': must be one of" in m for m in messages)


def test_an_extends_chain_is_bounded_and_names_where_it_goes_too_deep(tmp_path):
    depth = 100  # each link was one more level of recursion: 3,000 ran out of stack
    for i in range(depth):
        extends = f"extends: [p{i + 1}.yaml]\n" if i + 1 < depth else ""
        (tmp_path / f"p{i}.yaml").write_text(f"pack: p{i}\nversion: '1'\ndescription: d\nsource: s\n{extends}rules: []\n",
                                             encoding="utf-8")
    [message] = problems_of(tmp_path / "p0.yaml")
    assert message.startswith(f"{tmp_path / f'p{MAX_EXTENDS_DEPTH - 1}.yaml'}:5: field 'extends': "
                              f"'extends' chain is more than {MAX_EXTENDS_DEPTH} packs deep")


def test_an_extends_cycle_names_the_file_and_line_that_closes_it(tmp_path):
    (tmp_path / "a.yaml").write_text("pack: a\nversion: '1'\ndescription: d\nsource: s\nextends: [b.yaml]\nrules: []\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("pack: b\nversion: '1'\ndescription: d\nsource: s\nextends: [a.yaml]\nrules: []\n", encoding="utf-8")
    [message] = problems_of(tmp_path / "a.yaml")
    assert message.startswith(f"{tmp_path / 'b.yaml'}:5: field 'extends': 'extends' forms a cycle")
