import pytest

from phraselint.packs.syntax import PatternError, expand_literals, parse_pattern


def test_literal_phrase_is_one_segment():
    assert parse_pattern("不知道").segments == (frozenset({"不知道"}),)


def test_alternatives_and_optional_parts_expand_to_every_wording():
    assert parse_pattern("我[真的]不知道[啊|的]").segments[0] == {
        "我不知道", "我不知道啊", "我不知道的", "我真的不知道", "我真的不知道啊", "我真的不知道的",
    }
    assert parse_pattern("(你|您)好").segments[0] == {"你好", "您好"}


def test_nested_groups_expand():
    assert parse_pattern("你先听我(说|讲[完])").segments[0] == {"你先听我说", "你先听我讲", "你先听我讲完"}


def test_gap_splits_the_phrase_into_segments():
    pattern = parse_pattern("如果你不给…{12}我就不让你进去")
    assert [set(s) for s in pattern.segments] == [{"如果你不给"}, {"我就不让你进去"}]
    assert pattern.gaps == (12,)
    assert parse_pattern("你不给...我不可以").gaps == (8,)


def test_anchors():
    pattern = parse_pattern("^啊?$")
    assert pattern.at_clause_start and pattern.at_clause_end
    assert pattern.segments[0] == {"啊?"}


def test_escaped_special_characters_are_literal():
    assert parse_pattern(r"你\(好\)").segments[0] == {"你(好)"}


@pytest.mark.parametrize(
    "phrase, message",
    [
        ("", "empty phrase"),
        (" 你好", "leading or trailing spaces"),
        ("a|b", "outside a group"),
        ("(你好", "missing ')'"),
        ("你好)", "unmatched"),
        ("[你好]", "empty text"),
        ("你好…", "cannot end with a gap"),
        ("你…{99}好", "gap size"),
        ("你^好", "'^'"),
        ("你$好", "'$'"),
        ("你好\\", "trailing backslash"),
    ],
)
def test_malformed_phrases_say_what_is_wrong(phrase, message):
    with pytest.raises(PatternError, match=message.replace("(", r"\(").replace(")", r"\)").replace("|", r"\|").replace("$", r"\$").replace("^", r"\^")):
        parse_pattern(phrase)


def test_expansion_is_bounded():
    with pytest.raises(PatternError, match="more than"):
        parse_pattern("(a|b|c|d)" * 6)


def test_exception_lists_reject_gaps():
    assert expand_literals("(您|是否)") == {"您", "是否"}
    with pytest.raises(PatternError):
        expand_literals("你…好")


def test_context_is_matched_but_kept_out_of_the_span():
    pattern = parse_pattern("<我[也]>不知道")
    assert pattern.before == {"我", "我也"} and pattern.segments[0] == {"不知道"}
    assert parse_pattern("等一下<,>").after == {","}


@pytest.mark.parametrize("phrase", ["不知道<我>好", "<>不知道", "不知道>", "<[我]>不知道"])
def test_misplaced_or_empty_context_is_rejected(phrase):
    with pytest.raises(PatternError):
        parse_pattern(phrase)


def test_question_mark_after_a_group_is_caught_as_regex_habit():
    with pytest.raises(PatternError, match=r"write \[\.\.\] for an optional part"):
        parse_pattern("没(有)?办法")
    assert parse_pattern(r"^(啊|蛤)\?").segments[0] == {"啊?", "蛤?"}
