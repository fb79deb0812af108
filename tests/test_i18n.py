"""Interface catalogues: one per locale, none missing a string the source marks, each in its
own script, shipped compiled in the package, and chosen per run without process-wide state."""

from __future__ import annotations

import ast
import builtins
import inspect
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from phraselint.cli.app import cli
from phraselint.config import load_config
from phraselint.errors import ConfigError
from phraselint.i18n.catalogue import catalogue, catalogue_file
from phraselint.i18n.choice import LOCALES, Interface
from phraselint.i18n.msgfmt import compile_po, parse_po
from phraselint.text.opencc_tables import char_tables

SOURCE = Path(__file__).parent.parent / "phraselint"
ALL_LOCALES = (*LOCALES.values(), "en")


def marked_strings() -> dict[str, str | None]:
    """Every string the source marks for translation: `.tr("…")`, `.trn("…", "…", n)`, `N_("…")`
    (msgid -> plural msgid or None)."""
    found: dict[str, str | None] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if name in ("tr", "N_", "say") and literals:
                found.setdefault(literals[0], None)
            elif name == "trn" and len(literals) >= 2:
                found[literals[0]] = literals[1]
    return found


def help_strings() -> set[str]:
    """What the click application shows on its help pages, as the help formatter looks it up:
    each command's help and epilog, each option's help (cli/click_text.py translates them)."""
    found = set()
    commands = [cli, *cli.commands.values()]
    for command in commands:
        for text in (command.help, command.epilog):
            if text:
                found.add(inspect.cleandoc(text))
        for param in command.params:
            if getattr(param, "help", None):
                found.add(param.help)
    return found


def entries(locale: str) -> dict[str, str]:
    return parse_po(catalogue_file(locale, ".po").read_text("utf-8"))


def test_the_source_marks_the_interface_strings():
    marked = marked_strings()
    for msgid in ("Found {problems} ({parts}) in {affected} of {files}.", "[turn {turn} {role}]", "Why", "Aborted.",
                  "Suggestions: {suggestions}", "phraselint report", "error"):
        assert msgid in marked


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_no_catalogue_is_missing_a_marked_string(locale):
    held = entries(locale)
    missing = []
    for msgid, plural in marked_strings().items():
        key = msgid if plural is None else f"{msgid}\0{plural}"
        if not held.get(key):
            missing.append(msgid)
    assert not missing, f"{locale} lacks {missing}"


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_no_catalogue_is_missing_a_help_text(locale):
    held = entries(locale)
    missing = sorted(text for text in help_strings() if not held.get(text))
    assert not missing, f"{locale} lacks {missing}"


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_translations_keep_the_placeholders(locale):
    def names(text):
        return sorted(set(re.findall(r"\{(\w+)\}", text)))

    for key, value in entries(locale).items():
        if key:
            for form in value.split("\0"):
                assert names(form) == names(key.split("\0")[0]), (locale, key, form)


@pytest.mark.parametrize("locale, foreign", [("zh_Hans_CN", "traditional_only"), ("zh_Hant_TW", "simplified_only"),
                                             ("zh_Hant_HK", "simplified_only")])
def test_each_chinese_catalogue_is_in_its_own_script(locale, foreign):
    characters = set(getattr(char_tables(), foreign))
    wrong = {c for key, value in entries(locale).items() if key for c in value if c in characters}
    assert not wrong, f"{locale} writes {sorted(wrong)}"


@pytest.mark.parametrize("locale", ALL_LOCALES)
def test_the_package_ships_each_catalogue_compiled_and_current(locale):
    compiled = catalogue_file(locale)
    assert compiled.is_file(), "the .mo is built with the package (pip install -e . again after editing a .po)"
    assert compiled.read_bytes() == compile_po(catalogue_file(locale, ".po").read_text("utf-8"))


def test_a_catalogue_translates_and_counts():
    assert catalogue("zh_Hant_TW").tr("error") == "錯誤"
    assert catalogue("zh_Hant_HK").trn("{n} file", "{n} files", 3) == "3 個文件"
    assert catalogue("en").trn("{n} file", "{n} files", 1) == "1 file"
    assert catalogue("en").trn("{n} file", "{n} files", 2) == "2 files"


def test_the_interface_follows_the_reader_unless_english():
    assert Interface().of("hk").locale == "zh_Hant_HK"
    assert Interface(None, "tw").of("hk").locale == "zh_Hant_TW"  # a variant given wins over each text's
    assert Interface("en", "tw").of("hk").locale == "en"
    assert Interface().of_run(["tw", "hk", "tw"]).locale == "zh_Hant_TW"
    assert Interface().of_run([]).locale == "zh_Hans_CN"
    assert Interface.from_argv(["check", "--lang=en"]).of().locale == "en"
    assert Interface.from_argv(["check", "--variant", "hk"]).of().locale == "zh_Hant_HK"


def run(args, input=None):
    return CliRunner().invoke(cli, args, input=input, catch_exceptions=False)


def test_one_interface_language_per_run():
    chinese = run(["check", "-"], input="这个我不知道")
    assert chinese.output.splitlines()[-1] == "共 1 个文件，其中 1 个发现 1 处问题（1 个错误）。"
    assert " 错误 inquiry.dont-know " in chinese.output
    english = run(["check", "--lang", "en", "-"], input="这个我不知道")
    assert english.output.splitlines()[-1] == "Found 1 problem (1 error) in 1 of 1 file."
    assert " error inquiry.dont-know " in english.output.splitlines()[0]
    assert not re.search("错误|警告|建议|共", english.output.replace("这个我不知道", "").split("→")[0])


def test_lang_is_a_configuration_key(tmp_path, monkeypatch):
    (tmp_path / ".phraselint.yaml").write_text("lang: en\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run(["check", "-"], input="好的").output.strip() == "No problems found in 1 file."
    (tmp_path / ".phraselint.yaml").write_text("lang: fr\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'lang': must be zh or en"):
        load_config(tmp_path / ".phraselint.yaml")


def test_no_catalogue_is_installed_process_wide():
    run(["check", "--variant", "hk", "-"], input="这个我不知道")
    assert not hasattr(builtins, "_") or not callable(getattr(builtins, "_", None)) or builtins._.__module__ != "gettext"
    assert "ngettext" not in vars(builtins)
