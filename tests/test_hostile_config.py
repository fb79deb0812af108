"""Configuration and pack YAML from a repository nobody vetted: bounded, named, never a hang."""

from __future__ import annotations

import os

import pytest

from phraselint.errors import ConfigError
from phraselint.config import load_config
from phraselint.packs.yaml_source import YamlProblem, load_located

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
    for i in range(9)
)


@pytest.mark.parametrize("text, problem", [
    (BOMB, "aliases are expanded"),
    ("a: &a [1, *a]\n", "holds it"),
    ("a: " + "[" * 500 + "]" * 500 + "\n", "nested"),
    ("a: " + "{b: " * 80 + "1" + "}" * 80 + "\n", "nested"),
    ("a: " + "9" * 5000 + "\n", "digits"),
], ids=["alias bomb", "recursive alias", "500 brackets", "80 mappings", "5000-digit integer"])
def test_hostile_yaml_is_a_problem_with_a_reason(text, problem):
    with pytest.raises(YamlProblem, match=problem):
        load_located(text)


def test_a_configuration_that_is_an_alias_bomb_names_its_file(tmp_path):
    path = tmp_path / ".phraselint.yaml"
    path.write_text(BOMB, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.phraselint\.yaml:.*aliases"):
        load_config(path)


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_configuration_that_is_not_a_regular_file_is_refused(tmp_path, target):
    path = tmp_path / ".phraselint.yaml"
    if target == "fifo":
        os.mkfifo(path)
    else:
        os.symlink(target, path)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(path)


def test_a_pack_that_links_to_dev_zero_is_refused_with_its_name(tmp_path):
    from phraselint import PackError, load_packs

    pack = tmp_path / "house.yaml"
    os.symlink("/dev/zero", pack)
    with pytest.raises(PackError, match="house.yaml.*not a regular file"):
        load_packs([str(pack)])


@pytest.mark.parametrize("body, problem", [
    ("[tool]\nphraselint = 5\n", "tool.phraselint. must be a table"),
    ("[tool.phraselint]\nlevel = " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
    ("[tool.phraselint]\nlevel = " + "9" * 5000 + "\n", "digits"),
], ids=["not a table", "3000 nested arrays", "5000-digit integer"])
def test_a_hostile_pyproject_is_a_configuration_error(tmp_path, body, problem):
    from phraselint.config import find_config

    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=problem):  # when it is looked for, or else when it is read
        load_config(find_config(tmp_path))


def test_a_pyproject_that_is_not_a_regular_file_is_refused(tmp_path):
    path = tmp_path / "pyproject.toml"
    os.mkfifo(path)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(path)
