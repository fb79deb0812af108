"""`phraselint check` read without click: the same values as click, and click for everything else."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pathlib import Path

from phraselint.cli.app import check
from phraselint.cli.options import CHECK_OPTIONS, CheckOptions, parse_check_args

ROOT = Path(__file__).resolve().parent.parent


def click_params(args: list[str]) -> dict:
    return check.make_context("check", list(args)).params


AGREEING = [
    ["-"],
    ["a.txt", "b.md", "folder"],
    ["--format", "json", "-"],
    ["--format=sarif", "--fail-level", "ERROR", "--level=Warning", "x.txt"],
    ["--kind", "phone", "--input-format", "markdown", "--variant", "hk", "x"],
    ["--encoding", "gb18030", "--role-field", "who", "--text-field=said", "--config", "cfg.yaml", "x"],
    ["--include", "*.j2", "--include=*.tmpl", "--exclude", "build/*", "x"],
    ["--packs", "inquiry,refusal", "--packs", "courtesy", "--enable", "a", "--disable", "b,c", "x"],
    ["--staff-role", "小王", "--customer-role", "张先生", "--customer-role=李太", "x"],
    ["-j", "2", "x"], ["--jobs=256", "x"], ["--jobs", "1", "x"],
    ["--dialogue", "x"], ["--no-dialogue", "x"], ["--dialogue", "--no-dialogue", "x"],
    ["--report-mentions", "--fix", "--diff", "--stats", "--report-unused-disables", "x"],
    ["x", "--format", "json", "y"],  # options after paths
    ["--", "-odd-name.txt", "--format"],  # everything after -- is a path
    ["--level", "SUGGESTION", "--config=c.toml", "-j", "3", "--packs=a", "-", "--stats", "--no-dialogue"],
    ["--format", "junit", "--format", "html", "--kind=training", "--kind", "reply", "--variant=t", "x"],  # the last wins
    ["--exclude=a", "--include", "b", "--exclude", "c", "--enable=d,e", "--staff-role", "客服", "p", "-", "q"],
]


@pytest.mark.parametrize("args", AGREEING, ids=" ".join)
def test_parsed_values_equal_clicks(args):
    fast = parse_check_args(["check", *args], stdin_is_tty=True)
    assert fast is not None
    assert fast._asdict() == click_params(args)


def test_click_declares_exactly_the_tables_options_and_defaults_agree():
    declared = {param.name: {*param.opts, *param.secondary_opts} for param in check.params}
    assert declared == {o.name: {*o.flags, *([o.off] if o.off else [])} or {o.name} for o in CHECK_OPTIONS}
    assert CheckOptions()._asdict() == click_params([])


def test_every_option_says_what_it_does_in_the_help():
    helps = {param.name: param.help for param in check.params if param.param_type_name == "option"}
    assert helps == {o.name: o.help for o in CHECK_OPTIONS if o.flags}
    shown = check.get_help(check.make_context("check", ["-"]))
    assert all(flag in shown for o in CHECK_OPTIONS for flag in (*o.flags, o.off) if flag)


@pytest.mark.parametrize("args", [
    ["--help"], ["-h", "x"], ["--format", "yaml", "x"], ["--format"], ["-j", "0", "x"], ["-j", "two", "x"],
    ["-j2", "x"], ["--bogus", "x"], ["--fix=yes", "x"], ["--kind", "email", "x"], ["--variant", "HK", "x"],
    ["--lang", "fr", "x"],
])
def test_what_it_does_not_handle_goes_to_click(args):
    assert parse_check_args(["check", *args], stdin_is_tty=False) is None


def test_other_commands_go_to_click():
    assert parse_check_args(["rules"]) is None
    assert parse_check_args([]) is None


def test_no_path_reads_piped_input_and_leaves_a_terminal_to_click():
    assert parse_check_args(["check"], stdin_is_tty=False).paths == ("-",)
    assert parse_check_args(["check", "--format", "json"], stdin_is_tty=True) is None


def test_checking_a_reply_imports_neither_click_nor_the_heavy_libraries():
    """What keeps a pasted reply's start short: click, dataclasses, PyYAML, jieba, pathlib and tomllib
    stay unloaded (run here, in a project whose pyproject.toml has no phraselint table)."""
    code = (
        "import sys\n"
        "before = set(sys.modules)  # an editable install's import hook brings pathlib in before any of phraselint\n"
        "sys.argv = ['phraselint', 'check', '-']\n"
        "from phraselint.cli.launch import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "heavy = sorted(m for m in ('click', 'dataclasses', 'yaml', 'jieba', 'numpy', 'opencc', 'pathlib', 'tomllib')\n"
        "               if m in sys.modules and m not in before)\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    for _ in range(2):  # the first run may build the caches (that reads YAML); the second is a user's every day
        result = subprocess.run([sys.executable, "-c", code], input="这个我不知道，您等一下。", capture_output=True,
                                text=True, encoding="utf-8", cwd=ROOT)
    assert result.stderr.strip().splitlines()[-1] == "1 []"
    assert "inquiry.dont-know" in result.stdout


def test_configuration_keys_named_by_options_exist():
    from phraselint.config import KEYS

    assert all(o.config.split(".")[0] in KEYS for o in CHECK_OPTIONS if o.config)


def test_the_launcher_and_the_click_application_do_not_import_each_other():
    code = ("import sys, importlib\n"
            "importlib.import_module(sys.argv[1])\n"
            "print(sorted(m for m in ('phraselint.cli.app', 'phraselint.cli.launch') if m in sys.modules))\n")
    for module in ("phraselint.cli.app", "phraselint.cli.launch"):
        result = subprocess.run([sys.executable, "-c", code, module], capture_output=True, text=True, cwd=ROOT)
        assert result.stdout.strip() == repr([module])
