"""The regional lexicons: read as Mandarin, offsets kept, bad entries located, built-in files kept reviewable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from phraselint import Linter
from phraselint.errors import PackError
from phraselint.packs.lexicon_loader import builtin_lexicon, lexicon_files, load_lexicon
from phraselint.text.lexicon import Reader
from phraselint.text.normalise import code_points, normalise_phrase

HEADER = "variety: test\ndescription: a test lexicon\nmarkers: [冇]\nsources: {ref: a reference}\nentries:\n"


def _lexicon(tmp_path: Path, entries: str):
    path = tmp_path / "test.yaml"
    path.write_text(HEADER + entries, encoding="utf-8")
    return str(path)


def _read(text: str) -> str:
    return Reader(builtin_lexicon()).read(normalise_phrase(text))[0]


@pytest.mark.parametrize("regional, mandarin", [
    ("我唔知", "我不知道"), ("唔关我事", "不关我的事"), ("你等阵啦", "你等一下啦"), ("冇办法", "没办法"),
    ("你系边个呀？我哋", "你是谁呀?我们"), ("我哋", "我们"), ("你讲乜嘢", "你说什么"), ("勿晓得", "不知道"), ("晓不得", "不知道"),
    ("侬讲啥", "你说什么"), ("你莫吼嘛，莫得用", "你别吼嘛,没有用"), ("俺不知道", "我不知道"), ("毋知影啦", "不知道啦"),
    ("处理紧，即刻帮你睇下", "正在处理,马上帮你看一下"), ("佢今日冇得休息", "他今天没得休息"), ("咋整", "怎么办"), ("唔好意思", "不好意思"),
])
def test_regional_forms_read_as_mandarin(regional, mandarin):
    assert _read(regional) == mandarin


@pytest.mark.parametrize("mandarin", ["关系", "联系电话", "系统升级", "电话费", "请勿吸烟", "讲座", "阿拉伯", "往返"])
def test_guards_keep_mandarin_words_as_they_are(mandarin):
    assert _read(mandarin) == mandarin


def test_leftmost_longest_wins():
    assert _read("等阵间") == "等一下"  # not 等一下间
    assert _read("唔该晒") == "非常感谢"


def test_findings_point_at_the_whole_original_form_across_astral_characters():
    text = "𨋢壞咗，我哋唔知，唔關我事。"
    findings = Linter().check(text)
    assert findings, "Cantonese wording must meet the Mandarin rules"
    for finding in findings:
        assert text[finding.offset:finding.end_offset] == finding.match
    assert "唔知" in [f.match for f in findings] and "唔關我事" in [f.match for f in findings]


def test_a_malformed_entry_names_file_line_and_field(tmp_path):
    path = _lexicon(tmp_path, "  - {form: 唔知, mandarin: 不知道, source: ref}\n  - {form: 冇, source: nowhere}\n")
    with pytest.raises(PackError) as error:
        load_lexicon([path])
    message = str(error.value)
    assert f"{path}:7: field 'mandarin'" in message and f"{path}:7: field 'source'" in message


def test_an_entry_whose_guard_the_lexicon_rewrites_is_refused(tmp_path):
    path = _lexicon(tmp_path, "  - {form: 返, mandarin: 回, source: ref, not_inside: [返工]}\n"
                              "  - {form: 返工, mandarin: 上班, source: ref}\n")
    with pytest.raises(PackError, match=r"test.yaml:6: field 'not_inside': guard '返工' of '返' is itself rewritten"):
        load_lexicon([path])


def test_a_guard_naming_the_form_itself_and_a_repeated_form_are_refused(tmp_path):
    path = _lexicon(tmp_path, "  - {form: 系, mandarin: 是, source: ref, not_inside: [系]}\n"
                              "  - {form: 係, mandarin: 是, source: ref}\n")
    with pytest.raises(PackError) as error:
        load_lexicon([path])
    assert "field 'not_inside'" in str(error.value) and "test.yaml:7: field 'form'" in str(error.value)


def test_the_cli_reports_a_broken_lexicon_with_exit_2(tmp_path, monkeypatch, capsys):
    import sys

    import phraselint.packs.lexicon_loader as loader
    from phraselint.cli.app import main

    broken = _lexicon(tmp_path, "  - {form: 唔知, source: ref}\n")
    monkeypatch.setattr(loader, "lexicon_files", lambda: [broken])
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path / "cache"))
    reply = tmp_path / "reply.txt"
    reply.write_text("我哋唔知", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["phraselint", "check", "--lang", "en", str(reply)])
    loader.builtin_lexicon.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit:
            main()
    finally:
        loader.builtin_lexicon.cache_clear()
    assert exit.value.code == 2 and f"{broken}:6: field 'mandarin'" in capsys.readouterr().err


def test_every_built_in_entry_has_a_known_source_and_the_files_stay_sorted():
    assert len(builtin_lexicon().entries) >= 200
    for file in lexicon_files():
        forms = re.findall(r"^  - \{form: ([^,]+),", Path(file).read_text(encoding="utf-8"), re.M)
        assert forms == sorted(forms), f"{file}: keep entries in order of form"


def test_tokens_shows_what_was_read_as_what():
    from click.testing import CliRunner
    from phraselint.cli.app import cli

    output = CliRunner().invoke(cli, ["tokens", "--lang", "en", "我哋唔知"]).output
    assert "「我哋」 read as 「我们」 (yue)" in output and "「唔知」 read as 「不知道」 (yue)" in output


@pytest.mark.parametrize("mandarin", ["我们的系统正在维护", "点解决方案", "请先至前台登记", "即系统时间", "这个讲座几时开始", "啥时候到"])
def test_common_character_forms_are_read_only_beside_a_marker_of_their_variety(mandarin):
    """系, 点, 先至, 即系, 讲, 几时 are Cantonese only in Cantonese: a Mandarin line keeps them."""
    assert _read(mandarin) == normalise_phrase(mandarin)


def test_a_marker_reads_the_common_forms_of_its_own_line_only():
    assert _read("系统升级\n佢係邊個\n即係") == "系统升级\n他是谁\n即系"
    assert _read("你系业主？侬讲啥") == "你系业主?你说什么"  # a Wu marker does not read Cantonese 系
    assert _read("你系边个？") == "你是谁?"  # 係邊個 is Cantonese wherever it stands: a marker of its own


@pytest.mark.parametrize("text", ["系统升级，请稍候。\n" * 8000, "我们的系统\n佢係邊個，我唔知。\n" * 5000,
                                  "\n" * 3 + "唔知" + "关系" * 40000, "侬讲啥" * 30000,
                                  "屋顶漏水，请勿靠近柜台。\n我屋企个雪柜坏咗\n等歇\n" * 4000,
                                  "柜" + "关系" * 40000 + "雪", "企系" + "请勿" * 40000 + "勿晓得"])
def test_the_large_text_lookup_finds_what_the_small_text_search_finds(text):
    reader = Reader(builtin_lexicon())
    folded = normalise_phrase(text)
    assert reader.windows(folded, code_points(folded)) == reader.windows(folded)
    assert reader.read(folded, code_points(folded)) == reader.read(folded)


def test_a_lexicon_without_markers_is_refused(tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(HEADER.replace("markers: [冇]\n", "") + "  - {form: 冇, mandarin: 没有, source: ref}\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"test.yaml:1: field 'markers'"):
        load_lexicon([str(path)])


def test_a_rule_spelling_a_common_character_form_matches_marked_and_unmarked_lines():
    """The rule's 仲未 is read as 还没 in a line with 唔/畀 and kept in one without: both are held."""
    from phraselint.packs.lexicon_loader import phrase_forms

    assert phrase_forms("你仲未交相") == {"你仲未交相", "你还没交相"}
    rules = [f.rule for f in Linter().check("你仲未交相，所以唔可以發出入證畀你。")]
    assert "refusal.photo-missing" in rules


def test_a_marker_word_of_common_characters_only_is_refused(tmp_path):
    path = tmp_path / "test.yaml"
    path.write_text(HEADER.replace("markers: [冇]", "markers: [冇, 而家]") + "  - {form: 冇, mandarin: 没有, source: ref}\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"test.yaml:3: field 'markers': marker '而家' is two common characters"):
        load_lexicon([str(path)])


def test_a_marker_word_of_three_common_characters_marks_its_line_in_a_small_and_a_large_text():
    """无法度 (Taiwan 没办法) is three common characters: it marks its line alone, in the
    regex of a small text and the vectorised lookup of a large one alike; 无法度过 stays Mandarin."""
    text = "阮嘛無法度\n我們無法度過難關\n無法度啦，你家己去看\n" * 2000
    linter = Linter()
    small = Reader(linter.compiled.lexicon).read(normalise_phrase(text))
    norm = linter.normalised(text, code_points(text))
    assert (norm.text, norm.rewrites) == small
    assert small[0].startswith("我们也没办法\n我们无法度过难关\n没办法啦,你自己去看\n")


def test_a_large_text_is_folded_and_marked_in_one_lookup_and_read_as_a_small_one_is():
    """Traditional text, marker words around common cues (櫃台 beside 雪櫃), and lines without markers."""
    text = "請勿靠近櫃台，屋頂漏水。\n我屋企個雪櫃壞咗，係咪？\n係統升級\n" * 3000
    linter = Linter()
    norm = linter.normalised(text, code_points(text))
    assert (norm.text, norm.rewrites) == Reader(linter.compiled.lexicon).read(normalise_phrase(text))
    assert "冰箱" in norm.text and "系统升级" in norm.text and "柜台" in norm.text


def test_each_marked_line_is_read_on_its_own_not_through_the_whole_text():
    """The automaton is given each marked line: given the whole text with bounds, it converted the
    whole text at every line, so a text of many marked lines took time quadratic in its length."""
    from phraselint.text.lexicon import automaton_of, matches

    lexicon = builtin_lexicon()
    automaton = automaton_of(lexicon)
    given = []

    class Spy:
        kind = automaton.kind

        def iter(self, text, *bounds):
            given.append(len(text))
            return automaton.iter(text, *bounds)

    text = "佢唔知。\n" * 200
    windows = Reader(lexicon).windows(text)
    assert len(windows) == 200
    assert len(list(matches(lexicon, Spy(), text, windows))) == 400
    assert max(given) == len("佢唔知。")


@pytest.mark.parametrize("mandarin", ["这批货要返工", "我差人送过去", "禁止泊车"])
def test_words_mainland_mandarin_writes_too_are_no_markers(mandarin):
    """返工 (redo work), 差人 (send someone), 泊车 (park) are Mandarin too: not read as Cantonese there."""
    assert _read(mandarin) == mandarin


def test_an_entry_may_be_read_beside_the_markers_of_other_varieties_that_write_it(tmp_path):
    """讲 is 说 in Cantonese and in Wu: one entry, `also: [wu]`, so 侬讲啥 reads as 你说什么."""
    assert _read("侬讲啥") == "你说什么" and _read("你讲啥子") == "你说什么"
    assert _read("这个讲座几时开始") == "这个讲座几时开始"  # no marker: 讲 stays
    path = tmp_path / "test.yaml"
    path.write_text(HEADER + "  - {form: 讲, mandarin: 说, source: ref, also: [nowhere]}\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"test.yaml:6: field 'also': names no variety"):
        load_lexicon([str(path)])
