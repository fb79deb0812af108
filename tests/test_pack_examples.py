"""A pack's own examples are checked when it is built, and a broken one is a pack error."""

import subprocess
import sys

import pytest

from phraselint import Linter, PackError
from phraselint.packs import build, build_cache
from phraselint.packs.build import build_packs
from phraselint.packs.loader import load_packs

from .conftest import MINIMAL_RULE, pack_text


def problems_of(path) -> list:
    with pytest.raises(PackError) as info:
        Linter([str(path)])
    return info.value.problems


def test_a_bad_example_the_rule_does_not_catch_names_file_line_and_rule(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.replace("bad: [你走开吧]", "bad: [你走开吧, 请你离开]")))
    [problem] = problems_of(path)
    assert (problem.file, problem.line, problem.rule, problem.field) == (str(path), 14, "demo.rude", "examples.bad")
    assert str(problem) == f"{path}:14: rule demo.rude: field 'examples.bad': example 「请你离开」: expected demo.rude, got nothing"


def test_a_good_example_the_rule_flags_names_file_line_and_rule(write_pack):
    rule = MINIMAL_RULE.replace("good: [请您稍候]", "good:\n        - 请您稍候\n        - 你走开")
    path = write_pack(pack_text(rule))
    [problem] = problems_of(path)
    assert (problem.file, problem.line, problem.rule, problem.field) == (str(path), 17, "demo.rude", "examples.good")
    assert str(problem).startswith(f"{path}:17: rule demo.rude: field 'examples.good': example 「你走开」: expected no finding")


def test_a_bad_example_whose_fix_is_not_what_fix_gives(write_pack):
    rule = MINIMAL_RULE.replace("rewrites: [请您稍候]", "rewrites: [{text: 请您稍候, fix: true}]").replace(
        "bad: [你走开吧]", "bad:\n        - text: 你走开吧\n          fix: 请您稍等吧")
    path = write_pack(pack_text(rule))
    [problem] = problems_of(path)
    assert (problem.line, problem.field) == (15, "examples.bad")
    assert "fix gave 「请您稍候吧」, expected 「请您稍等吧」" in problem.message


def test_every_broken_example_is_reported_at_once(write_pack):
    rule = MINIMAL_RULE.replace("bad: [你走开吧]", "bad: [你走开吧, 请你离开]").replace("good: [请您稍候]", "good: [你走开]")
    assert [p.field for p in problems_of(write_pack(pack_text(rule)))] == ["examples.bad", "examples.good"]


def test_the_cli_reports_a_broken_example_with_exit_code_2(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.replace("good: [请您稍候]", "good: [你走开]")))
    result = subprocess.run([sys.executable, "-m", "phraselint", "check", "--lang", "en", "--packs", str(path), "-"],
                            input="你好", capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 2
    assert f"{path}:15: rule demo.rude: field 'examples.good': example 「你走开」: expected no finding" in result.stderr


def test_a_broken_build_is_not_cached(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.replace("good: [请您稍候]", "good: [你走开]")))
    problems_of(path)
    problems_of(path)  # checked again: nothing was stored


def test_a_warm_start_does_not_check_examples_again(write_pack, monkeypatch):
    from phraselint.cache_folder import cache_dir

    if cache_dir() is None:
        pytest.skip("caching is off")
    path = write_pack(pack_text())
    Linter([str(path)])

    def no_build(*args):
        raise AssertionError("rebuilt although the cache holds the build")

    monkeypatch.setattr(build, "build_packs", no_build)
    assert [r.id for r in Linter([str(path)]).rules] == ["demo.rude"]


def test_packs_given_as_objects_are_not_checked(write_pack):
    """test-rules builds its linter so, to report every failing example, in every script."""
    path = write_pack(pack_text(MINIMAL_RULE.replace("good: [请您稍候]", "good: [你走开]")))
    assert Linter(load_packs([str(path)])).rules[0].id == "demo.rude"


def test_built_in_examples_pass_when_built():
    built = build_packs(None, [])
    assert built.compiled.rules and built.segmenter is not None
    assert build_cache.load_compiled(None, []).compiled.rules  # what Linter() uses
