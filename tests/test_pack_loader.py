"""Loading validates everything and names file, line, rule id and field."""

import pytest

from phraselint import Linter, PackError, load_packs
from phraselint.packs.loader import builtin_pack_names, read_pack

from .conftest import MINIMAL_RULE, pack_text


def problems_of(path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_packs([str(path)])
    return [str(p) for p in info.value.problems]


def test_minimal_pack_loads(write_pack):
    pack = read_pack(write_pack(pack_text()))
    assert pack.name == "demo"
    assert [r.id for r in pack.rules] == ["demo.rude"]
    assert pack.rules[0].line == 6


def test_unknown_key_names_file_line_rule_and_field(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.replace("    level: warning", "    levle: warning")))
    messages = problems_of(path)
    assert messages[0].startswith(f"{path}:7: rule demo.rude: field 'levle': unknown key")
    assert f"{path}:6: rule demo.rude: field 'level': is required" in messages


def test_wrong_types_are_reported_each_with_its_line(write_pack):
    rules = MINIMAL_RULE.replace("level: warning", "level: loud").replace("phrases: [你走开]", "phrases: 42")
    messages = problems_of(write_pack(pack_text(rules)))
    assert any(":7: rule demo.rude: field 'level'" in m and "unknown level" in m for m in messages)
    assert any(":11: rule demo.rude: field 'phrases'" in m for m in messages)


def test_empty_phrases_are_rejected(write_pack):
    messages = problems_of(write_pack(pack_text(MINIMAL_RULE.replace("phrases: [你走开]", "phrases: []"))))
    assert any("field 'phrases': must not be empty" in m for m in messages)
    messages = problems_of(write_pack(pack_text(MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['']"))))
    assert any("field 'phrases'" in m and "non-empty" in m for m in messages)


def test_malformed_phrase_syntax_is_located(write_pack):
    messages = problems_of(write_pack(pack_text(MINIMAL_RULE.replace("phrases: [你走开]", "phrases: ['(你走开']"))))
    assert any(":11: rule demo.rude: field 'phrases': missing ')'" in m for m in messages)


def test_rewrites_may_be_empty_only_with_a_reason(write_pack):
    messages = problems_of(write_pack(pack_text(MINIMAL_RULE.replace("rewrites: [请您稍候]", "rewrites: []"))))
    assert any("rewrites_reason" in m for m in messages)
    ok = MINIMAL_RULE.replace("rewrites: [请您稍候]", "rewrites: []\n    rewrites_reason: 直接删除即可")
    assert read_pack(write_pack(pack_text(ok))).rules[0].rewrites == ()


def test_duplicate_ids_across_packs_name_both_places(write_pack):
    first = write_pack(pack_text(), "a.yaml")
    second = write_pack(pack_text(header="pack: other\nversion: '1'\ndescription: d\nsource: s\n"), "b.yaml")
    with pytest.raises(PackError) as info:
        load_packs([str(first), str(second)])
    [problem] = info.value.problems
    assert problem.file == str(second) and problem.line == 6 and problem.rule == "demo.rude"
    assert f"also in {first}:6" in str(problem)


def test_duplicate_keys_are_not_silently_overwritten(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.replace("    source: test", "    source: test\n    source: again")))
    [message] = problems_of(path)
    assert message == f"{path}:11: duplicate key 'source'"


def test_invalid_yaml_names_the_line(write_pack):
    path = write_pack("pack: demo\nrules: [\n  - broken: : :\n")
    [message] = problems_of(path)
    assert message.startswith(str(path) + ":")
    assert "invalid YAML" in message


def test_unquoted_optional_phrase_gets_a_hint(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.replace("phrases: [你走开]", "phrases:\n      - [你]走开")))
    [message] = problems_of(path)
    assert "must be quoted" in message


def test_yaml_is_read_with_a_safe_loader(write_pack):
    path = write_pack("pack: !!python/object/apply:os.system ['echo pwned']\n")
    [message] = problems_of(path)
    assert "invalid YAML" in message


def test_extends_loads_parent_packs_once_and_detects_cycles(write_pack):
    write_pack(pack_text(), "base.yaml")
    child = write_pack(
        pack_text(MINIMAL_RULE.replace("demo.rude", "demo.child"), header="pack: child\nversion: '1'\ndescription: d\nsource: s\nextends: [base.yaml]\n"),
        "child.yaml",
    )
    packs = load_packs([str(child)])
    assert [p.name for p in packs] == ["demo", "child"]
    write_pack(pack_text(header="pack: demo\nversion: '1'\ndescription: d\nsource: s\nextends: [child.yaml]\n"), "base.yaml")
    messages = problems_of(child)
    assert any("cycle" in m for m in messages)


def test_unknown_pack_name_lists_the_built_in_packs():
    with pytest.raises(PackError, match="no rule pack named 'nosuch'.*built-in packs: "):
        load_packs(["nosuch"])


def test_unreadable_pack_names_itself(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("pack: d\nmessage: caf\xe9\n".encode("latin-1"))
    [message] = problems_of(path)
    assert str(path) in message and "not UTF-8" in message


def test_every_built_in_pack_loads():
    assert builtin_pack_names()
    assert Linter().rules


def test_examples_null_is_rejected_with_file_line_rule_and_field(write_pack):
    path = write_pack(pack_text(MINIMAL_RULE.split("    examples:")[0] + "    examples:\n"))
    assert f"{path}:13: rule demo.rude: field 'examples': must be a mapping with 'bad' and 'good'" in problems_of(path)


def test_a_require_rule_whose_scope_is_a_list_is_a_problem_not_a_crash(write_pack):
    rule = """
  - id: demo.greet
    type: require
    level: warning
    category: demo
    message: m
    source: s
    scope: [x]
    kinds: [phone]
    parts:
      - name: g
        phrases: [您好]
    rewrites: [您好]
    examples:
      bad: [喂]
      good: [您好]
"""
    path = write_pack(pack_text(rule))
    assert any(m.startswith(f"{path}:12: rule demo.greet: field 'scope': must be one of") for m in problems_of(path))


def _header(name: str, extends: str) -> str:
    return f"pack: {name}\nversion: '1'\ndescription: d\nsource: s\nextends:\n{extends}"


def test_extends_problems_name_the_line_of_the_entry(write_pack):
    write_pack(pack_text(MINIMAL_RULE.replace("demo.rude", "demo.base"), header=_header("base", "  - child.yaml\n")), "base.yaml")
    child = write_pack(pack_text(header=_header("child", "  - nosuch\n  - base.yaml\n")), "child.yaml")
    base = child.parent / "base.yaml"
    messages = problems_of(child)
    assert any(m.startswith(f"{child}:6: field 'extends': no rule pack named 'nosuch'") for m in messages)
    assert any(m.startswith(f"{base}:6: field 'extends': 'extends' forms a cycle") for m in messages), messages


def test_an_extends_chain_too_deep_is_a_problem_at_its_line(write_pack):
    paths = []
    for n in range(40):
        extends = f"  - p{n + 1}.yaml\n" if n < 39 else "  []\n"
        header = _header(f"p{n}", extends).replace("extends:\n  []", "extends: []")
        paths.append(write_pack(pack_text(MINIMAL_RULE.replace("demo.rude", f"demo.r{n}"), header=header), f"p{n}.yaml"))
    [message] = problems_of(paths[0])
    assert message.startswith(f"{paths[31]}:6: field 'extends': 'extends' chain is more than 32 packs deep")


FIXED_RULE = """
  - id: demo.wait
    level: warning
    category: demo
    message: 请说请稍候。
    source: test
    boundary: none
    phrases: [{phrase}]
    rewrites:
      - text: {fix}
        fix: true
    examples:
      bad: [你等一下]
      good: [您好]
"""


def test_a_user_rule_whose_fix_holds_its_own_phrase_is_refused_at_load(tmp_path, write_pack):
    """等一下 fixed to 请等一下 is 请请等一下 the next time: it never settles, so the pack is refused."""
    from .test_cli import run_process

    pack = write_pack(pack_text(FIXED_RULE.format(phrase="等一下", fix="请等一下")))
    reply = tmp_path / "reply.txt"
    reply.write_text("你等一下\n", encoding="utf-8")
    result = run_process(["check", "--lang", "en", "--packs", str(pack), "--fix", str(reply)])
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{pack}:14: rule demo.wait: field 'rewrites': the drop-in fix '请等一下' holds the rule's own phrase '等一下'" in result.stderr
    assert reply.read_text(encoding="utf-8") == "你等一下\n"


@pytest.mark.parametrize("phrase, fix", [
    ("'(你|您)等[一]下'", "您等下再来"),  # an expansion of alternatives and optional parts
    ("等一下", "請等一下"),  # the fix in the other script
    ("'等一下…再说'", "等一下，我们再说"),  # a gapped phrase, its parts within the gap
    ("'^等一下$'", "好的，等一下"),  # anchored: the fix holds it after a clause break, at its end
])
def test_a_fix_holding_any_expansion_of_its_phrase_after_normalisation_is_refused(write_pack, phrase, fix):
    messages = problems_of(write_pack(pack_text(FIXED_RULE.format(phrase=phrase, fix=fix))))
    assert any(":14: rule demo.wait: field 'rewrites'" in m and "holds the rule's own phrase" in m for m in messages), messages


def test_a_fix_holding_a_word_class_expansion_is_refused_in_format_2(write_pack):
    header = "pack: demo\nversion: '1'\ndescription: d\nsource: s\nformat: 2\nclasses:\n  稍等: [等一下, 等等]\n"
    messages = problems_of(write_pack(pack_text(FIXED_RULE.format(phrase="'你{稍等}'", fix="你等等吧"), header=header)))
    assert any(":17: rule demo.wait: field 'rewrites'" in m and "phrase '你{稍等}' (as '你等等')" in m for m in messages), messages


@pytest.mark.parametrize("phrase, fix", [
    ("'^稍等$'", "请稍等"),  # 稍等 inside the fix does not start a clause: it is not found again
    ("'等一下…{2}再说'", "等一下，我们以后再说"),  # the second part lies beyond the gap
    ("等一下", "请稍候"),
])
def test_a_fix_that_does_not_hold_its_phrase_loads_and_settles(write_pack, phrase, fix):
    linter = Linter([str(write_pack(pack_text(FIXED_RULE.format(phrase=phrase, fix=fix).replace("[你等一下]", "[稍等]"
                                                                                              if "稍等" in phrase else "[你等一下再说]"))))])
    text = "稍等" if "稍等" in phrase else "你等一下再说"
    once = linter.fix(text)
    assert once != text and linter.fix(once) == once
