"""A rule selector that matches no rule is a typo, never a silent no-op: in the configuration
(named with its file and line), on the command line, in `rules --pack`; and configuration
files whose shape is wrong are a message with exit code 2, never an internal error."""

from __future__ import annotations

import sys

import pytest

from phraselint.cli.launch import main

UNKNOWN = "no rule, category or pack matches"


@pytest.fixture
def phraselint(tmp_path, monkeypatch, capsys):
    """Run the command in this process (as the `phraselint` script does), in tmp_path:
    returns the exit code, standard output and standard error. (The messages are checked in
    English, --lang en; tests/test_interface_language.py holds the Chinese runs to Chinese.)"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("你等一下\n", encoding="utf-8")

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["phraselint", *args])
        with pytest.raises(SystemExit) as exit:
            main()
        out, err = capsys.readouterr()
        return exit.value.code, out, err

    return run


def _config(tmp_path, text: str, name: str = ".phraselint.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_selectors_in_the_configuration_are_each_named_with_file_and_line(tmp_path, phraselint):
    path = _config(tmp_path, "disable:\n  - inquiry\n  - inquiry.nonexist\nenable: [courtesy.nope]\n"
                             "rules:\n  telephone: error\n  refusal.nah: off\n")
    code, out, err = phraselint("check", "--lang", "en", "a.txt")
    assert code == 2 and out == ""
    assert f"{path}:3: 'disable': {UNKNOWN} 'inquiry.nonexist'" in err
    assert f"{path}:4: 'enable': {UNKNOWN} 'courtesy.nope'" in err
    assert f"{path}:7: 'rules': {UNKNOWN} 'refusal.nah'" in err
    assert "'inquiry'" not in err and "'telephone'" not in err


def test_a_misspelt_rule_in_per_file_disable_is_an_error_with_its_line(tmp_path, phraselint):
    path = _config(tmp_path, 'per_file_disable:\n  "*.txt":\n    - telephone.hold-on\n    - telephone.hold-onn\n'
                             '  "notices/*": courtesy.adress\n')
    code, _, err = phraselint("check", "--lang", "en", "a.txt")
    assert code == 2
    assert f"{path}:4: 'per_file_disable': {UNKNOWN} 'telephone.hold-onn'" in err
    assert f"{path}:5: 'per_file_disable': {UNKNOWN} 'courtesy.adress'" in err
    assert "'telephone.hold-on'" not in err


def test_per_file_disable_that_names_real_rules_still_applies(tmp_path, phraselint):
    _config(tmp_path, 'per_file_disable:\n  "*.txt": [telephone.hold-on]\n')
    assert phraselint("check", "a.txt")[0] == 0


def test_unknown_selectors_in_pyproject_are_named_with_file_and_line(tmp_path, phraselint):
    path = _config(tmp_path, '[project]\nname = "x"\n\n[tool.phraselint]\ndisable = ["inquiry", "nonexist"]\n'
                             'per_file_disable = { "*.txt" = ["telephone.hold-onn"] }\n\n'
                             '[tool.phraselint.rules]\n"x.y" = "error"\n', "pyproject.toml")
    code, _, err = phraselint("check", "--lang", "en", "a.txt")
    assert code == 2
    assert f"{path}:5: 'disable': {UNKNOWN} 'nonexist'" in err
    assert f"{path}:9: 'rules': {UNKNOWN} 'x.y'" in err
    path.write_text('[tool.phraselint]\nper_file_disable = { "*.txt" = ["telephone.hold-onn"] }\n', encoding="utf-8")
    code, _, err = phraselint("check", "--lang", "en", "a.txt")
    assert code == 2 and f"{path}:2: 'per_file_disable': {UNKNOWN} 'telephone.hold-onn'" in err


@pytest.mark.parametrize("flag", ["--enable", "--disable"])
def test_unknown_selectors_on_the_command_line_name_the_option(phraselint, flag):
    code, _, err = phraselint("check", "--lang", "en", flag, "inquiry,inquiry.nonexist", "a.txt")
    assert code == 2 and f"{flag}: {UNKNOWN} 'inquiry.nonexist'" in err


@pytest.mark.parametrize("option, value", [("--pack", "nonexist"), ("--category", "inquery")])
def test_rules_of_a_pack_or_category_that_is_not_loaded_is_an_error(phraselint, option, value):
    code, out, err = phraselint("rules", "--lang", "en", option, value)
    assert code == 2 and "0 条规则" not in out
    assert f"{option}: no loaded {option[2:]} is named '{value}'" in err and "inquiry" in err
    code, out, _ = phraselint("rules", option, "inquiry")
    assert code == 0 and out.splitlines()[-1].endswith(" 条规则") and out.splitlines()[-1] != "0 条规则"


@pytest.mark.parametrize("text, message", [
    ("[tool]\nphraselint = 5\n", ":2: 'tool.phraselint' must be a table of settings ([tool.phraselint]), not int"),
    ('[tool]\nphraselint = "strict"\n', ":2: 'tool.phraselint' must be a table of settings ([tool.phraselint]), not str"),
    ("tool = 5\nphraselint = 1\n", ": 'tool' must be a table ([tool.phraselint]), not int"),
])
def test_a_pyproject_whose_tool_table_is_not_a_table_is_a_clear_error(tmp_path, phraselint, text, message):
    path = _config(tmp_path, text, "pyproject.toml")
    code, _, err = phraselint("check", "--lang", "en", "a.txt")
    assert code == 2 and f"{path}{message}" in err and "internal error" not in err
    code, _, err = phraselint("check", "--lang", "en", "--config", str(path), "a.txt")
    assert code == 2 and f"{path}{message}" in err


def test_an_unknown_setting_such_as_scope_names_file_and_line(tmp_path, phraselint):
    path = _config(tmp_path, "level: warning\nscope: [x]\n")
    code, _, err = phraselint("check", "--lang", "en", "a.txt")
    assert code == 2 and f"{path}:2: 'scope': unknown setting" in err
