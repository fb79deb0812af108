"""Rule-pack errors in the run's interface language: Chinese by default (in the reader's script),
English with --lang en, on the command line and from the library, with file, line, rule and
field still named, exit code 2 and no traceback."""

from __future__ import annotations

import io
import pickle
import re
import sys

import pytest
import yaml

import phraselint
from phraselint.cli import app
from phraselint.errors import PackError
from phraselint.i18n.catalogue import catalogue
from phraselint.i18n.message import shown
from phraselint.packs import lexicon_loader
from phraselint.packs.yaml_problems import PROBLEMS, yaml_problem
from tests.conftest import MINIMAL_RULE, pack_text

FORMAT_2 = "pack: demo\nversion: '1'\ndescription: d\nsource: s\nformat: 2\n"

# (name, pack text, the line, what the Chinese message says there, what the English one says)
BROKEN = [
    ("bad YAML", "pack: demo\nrules:\n  - id: demo.x\n    message: 说: 不行\n", 4,
     "：YAML 语法错误：这里不能写映射的值", ": invalid YAML: mapping values are not allowed here"),
    ("unknown field", pack_text(MINIMAL_RULE.replace("    source: test\n", "    source: test\n    colour: red\n")), 11,
     "：规则 demo.rude：字段“colour”：规则中不能写这个键（可写：boundary,",
     ": rule demo.rude: field 'colour': unknown key in a rule (allowed: boundary,"),
    ("bad pattern", pack_text(MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['(你|您走开']")), 11,
     "：规则 demo.rude：字段“phrases”：缺少 ')'（短语 '(你|您走开'，第 7 个字符）",
     ": rule demo.rude: field 'phrases': missing ')' in phrase '(你|您走开' (at character 7)"),
    ("bad class reference", pack_text(MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['{无此类}走开']"), FORMAT_2), 12,
     "：规则 demo.rude：字段“phrases”：短语 '{无此类}走开' 用了未定义的词类 {无此类}（已有：",
     ": rule demo.rude: field 'phrases': unknown word class {无此类} in phrase '{无此类}走开' (known: "),
]


def run_main(monkeypatch, capsys, args, stdin="你好") -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["phraselint", *map(str, args)])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    with pytest.raises(SystemExit) as exited:
        app.main()
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return exited.value.code, captured.out + captured.err


@pytest.mark.parametrize("name, text, line, chinese, english", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_pack_is_reported_in_chinese_by_default_and_english_with_lang_en(tmp_path, monkeypatch, capsys, name,
                                                                                   text, line, chinese, english):
    pack = tmp_path / "broken.yaml"
    pack.write_text(text, encoding="utf-8")
    code, output = run_main(monkeypatch, capsys, ["check", "--packs", pack, "-"])
    assert code == 2 and f"phraselint: {pack}:{line}{chinese}" in output
    code, output = run_main(monkeypatch, capsys, ["check", "--lang", "en", "--packs", pack, "-"])
    assert code == 2 and f"phraselint: {pack}:{line}{english}" in output


@pytest.mark.parametrize("name, text, line, chinese, english", BROKEN, ids=[b[0] for b in BROKEN])
def test_the_library_gives_the_same_error_in_either_language(tmp_path, name, text, line, chinese, english):
    pack = tmp_path / "broken.yaml"
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as raised:
        phraselint.load_packs([str(pack)])
    error = raised.value
    assert f"{pack}:{line}{chinese}" in error.text()  # Chinese by default
    assert f"{pack}:{line}{english}" in error.text("en") and f"{pack}:{line}{english}" in str(error)  # str: English, for logs
    assert error.problems[0].line == line and str(error.problems[0].file) == str(pack)
    copy = pickle.loads(pickle.dumps(error))  # a worker's error reaches the parent whole, still translatable
    assert copy.problems == error.problems and copy.text() == error.text()


def test_a_traditional_reader_reads_pack_errors_in_their_regions_wording(tmp_path, monkeypatch, capsys):
    pack = tmp_path / "broken.yaml"
    pack.write_text(BROKEN[1][1], encoding="utf-8")
    _, taiwan = run_main(monkeypatch, capsys, ["check", "--variant", "tw", "--packs", pack, "-"])
    _, hong_kong = run_main(monkeypatch, capsys, ["check", "--variant", "hk", "--packs", pack, "-"])
    assert "：規則 demo.rude：欄位“colour”：規則中不能寫這個鍵" in taiwan
    assert "：規則 demo.rude：字段“colour”：規則中不能寫這個鍵" in hong_kong


def test_the_configurations_lang_reaches_pack_errors(tmp_path, monkeypatch, capsys):
    (tmp_path / "broken.yaml").write_text(BROKEN[2][1], encoding="utf-8")
    (tmp_path / ".phraselint.yaml").write_text("lang: en\npacks: [./broken.yaml]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, output = run_main(monkeypatch, capsys, ["check", "-"])
    assert code == 2 and "field 'phrases': missing ')' in phrase" in output
    code, output = run_main(monkeypatch, capsys, ["test-rules"])
    assert code == 2 and "field 'phrases': missing ')' in phrase" in output


def test_a_lexicon_entry_whose_guard_is_rewritten_is_reported_in_either_language(tmp_path, monkeypatch, capsys):
    lexicon = tmp_path / "test.yaml"
    lexicon.write_text("variety: test\ndescription: d\nmarkers: [冇]\nsources: {ref: r}\nentries:\n"
                       "  - {form: 返, mandarin: 回, source: ref, not_inside: [返工]}\n"
                       "  - {form: 返工, mandarin: 上班, source: ref}\n", encoding="utf-8")
    with pytest.raises(PackError) as raised:
        lexicon_loader.load_lexicon([str(lexicon)])
    assert f"{lexicon}:6：字段“not_inside”：“返”的保护词“返工”本身会被改写（“返工” → “上班”，{lexicon}:7）：起不到保护作用" \
        in raised.value.text()
    assert f"{lexicon}:6: field 'not_inside': guard '返工' of '返' is itself rewritten ('返工' → '上班', {lexicon}:7)" \
        in raised.value.text("en")
    monkeypatch.setattr(lexicon_loader, "lexicon_files", lambda: [str(lexicon)])
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(tmp_path / "cache"))
    lexicon_loader.builtin_lexicon.cache_clear()
    try:
        code, output = run_main(monkeypatch, capsys, ["check", "-"])
        assert code == 2 and "：字段“not_inside”：“返”的保护词“返工”本身会被改写" in output
        code, output = run_main(monkeypatch, capsys, ["check", "--lang", "en", "-"])
        assert code == 2 and ": field 'not_inside': guard '返工' of '返' is itself rewritten" in output
    finally:
        lexicon_loader.builtin_lexicon.cache_clear()


@pytest.mark.parametrize("text, expected", [
    ("a: b: c\n", "这里不能写映射的值"),
    ("a:\n\t- b\n", "不能出现在这里（缩进请用空格，不要用制表符）"),
    ("a: [b, c\n", "列表中应为“,”或“]”"),
    ("a: {b: c\n", "映射中应为“,”或“}”"),
    ("a: *nowhere\n", "别名 'nowhere' 未定义"),
    ("a:\n  - b\n c: d\n", "缩进有误"),
    ('a: "b\n', "文件意外结束"),
    ('a: "\\q"\n', "未知的转义字符 'q'"),
])
def test_pyyamls_common_problems_are_translated(text, expected):
    """What PyYAML says for the usual slips, as it says it now: each is in the table."""
    with pytest.raises(yaml.YAMLError) as raised:
        yaml.safe_load(text)
    message = yaml_problem(raised.value.problem)
    assert message.template == "invalid YAML: {problem}", raised.value.problem
    assert expected in shown(message, catalogue("zh_Hans_CN"))
    assert shown(message, catalogue("en")) == f"invalid YAML: {raised.value.problem}"


def test_a_problem_the_table_lacks_is_quoted_as_pyyaml_says_it():
    message = yaml_problem("found something new")
    assert str(message) == "invalid YAML: found something new"
    assert shown(message, catalogue("zh_Hans_CN")) == "YAML 语法错误（PyYAML 的原话：found something new）"


def test_every_entry_of_the_table_matches_its_own_wording():
    for msgid in PROBLEMS:
        text = msgid.format(token="'x'", char="'x'", alias="'x'") if re.search(r"\{\w+\}", msgid) else msgid
        assert yaml_problem(text).template == "invalid YAML: {problem}", msgid


def test_a_pyproject_that_is_not_toml_quotes_tomllib_after_a_sentence_in_the_runs_language(tmp_path):
    from phraselint.config import load_config
    from phraselint.errors import ConfigError

    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.phraselint]\nlevel = = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_config(pyproject)
    assert raised.value.text() == f"{pyproject}：不是有效的 TOML（tomllib 的原话：Invalid value (at line 2, column 9)）"
    assert raised.value.text("en", "tw") == str(raised.value) == f"{pyproject}: not valid TOML: Invalid value (at line 2, column 9)"
