"""`phraselint check` read without click: the same values as click, and click for everything else."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pathlib import Path

from phraselint.cli.app import check
from phraselint.cli.options import _CHECK_OPTIONS, CHECK_DEFAULTS, parse_check_args

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
]


@pytest.mark.parametrize("args", AGREEING, ids=" ".join)
def test_parsed_values_equal_clicks(args):
    fast = parse_check_args(["check", *args], stdin_is_tty=True)
    assert fast is not None
    assert fast == click_params(args)


def test_every_fast_option_is_one_of_checks_options_and_defaults_agree():
    declared = {flag for param in check.params for flag in (*param.opts, *param.secondary_opts)}
    assert set(_CHECK_OPTIONS) <= declared
    assert CHECK_DEFAULTS == click_params([])


@pytest.mark.parametrize("args", [
    ["--help"], ["-h", "x"], ["--format", "yaml", "x"], ["--format"], ["-j", "0", "x"], ["-j", "two", "x"],
    ["-j2", "x"], ["--bogus", "x"], ["--fix=yes", "x"], ["--kind", "email", "x"], ["--variant", "HK", "x"],
])
def test_what_it_does_not_handle_goes_to_click(args):
    assert parse_check_args(["check", *args], stdin_is_tty=False) is None


def test_other_commands_go_to_click():
    assert parse_check_args(["rules"]) is None
    assert parse_check_args([]) is None


def test_no_path_reads_piped_input_and_leaves_a_terminal_to_click():
    assert parse_check_args(["check"], stdin_is_tty=False)["paths"] == ("-",)
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
