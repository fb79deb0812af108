"""Inline suppressions in each format's comment syntax, per-file disables, unused disables, fix -i."""

from __future__ import annotations

import json
import os

from .test_cli import run


def findings_of(result):
    return [(f["rule"], f["line"]) for f in json.loads(result.output)["files"][0]["findings"]]


def check(tmp_path, name, content, *extra):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return run(["check", "--format", "json", "--level", "warning", *extra, str(path)])


def test_markdown_disable_and_enable_comments(tmp_path):
    text = "我不知道\n<!-- phraselint-disable inquiry.dont-know -->\n我不知道，你等一下\n<!-- phraselint-enable -->\n我不知道\n"
    assert findings_of(check(tmp_path, "a.md", text)) == [("inquiry.dont-know", 1), ("telephone.hold-on", 3), ("inquiry.dont-know", 5)]


def test_disable_next_line_in_html(tmp_path):
    text = "<p>我不知道</p>\n<!-- phraselint-disable-next-line -->\n<p>我不知道，你等一下</p>\n<p>我不知道</p>\n"
    assert findings_of(check(tmp_path, "a.html", text)) == [("inquiry.dont-know", 1), ("inquiry.dont-know", 4)]


def test_template_comments_and_categories(tmp_path):
    text = "{# phraselint-disable telephone #}\n你等一下，我不知道\n{# phraselint-enable #}\n你等一下\n"
    assert findings_of(check(tmp_path, "a.j2", text)) == [("inquiry.dont-know", 2), ("telephone.hold-on", 4)]


def test_plain_text_line_forms(tmp_path):
    text = "phraselint-disable-next-line\n我不知道\n我不知道 phraselint-disable-line\n# phraselint-disable\n你等一下\n"
    assert findings_of(check(tmp_path, "a.txt", text)) == []


def test_unused_disables_are_reported_on_request(tmp_path):
    text = "<!-- phraselint-disable telephone.hold-on -->\n我不知道\n"
    assert findings_of(check(tmp_path, "a.md", text)) == [("inquiry.dont-know", 2)]
    result = check(tmp_path, "b.md", text, "--report-unused-disables")
    assert findings_of(result) == [("phraselint.unused-disable", 1), ("inquiry.dont-know", 2)]
    assert result.exit_code == 1


def test_per_file_disable_in_the_configuration(tmp_path):
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices" / "n.txt").write_text("你等一下，我不知道", encoding="utf-8")
    (tmp_path / "r.txt").write_text("你等一下，我不知道", encoding="utf-8")
    (tmp_path / ".phraselint.yaml").write_text('per_file_disable:\n  "notices/*": [telephone, inquiry.dont-know]\n', encoding="utf-8")
    result = run(["check", "--format", "json", "--level", "warning", "."], cwd=tmp_path)
    files = {f["path"]: [x["rule"] for x in f["findings"]] for f in json.loads(result.output)["files"]}
    assert files == {os.path.join(".", "notices", "n.txt"): [], os.path.join(".", "r.txt"): ["telephone.hold-on", "inquiry.dont-know"]}


def test_interactive_fix_applies_the_chosen_suggestions(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_bytes("你等一下，我查查。\r\n这个我不知道。\r\n你的快递到了。\r\n".encode("utf-8"))
    # hold-on: take suggestion 2; dont-know: skip; 你: type our own wording
    result = run(["fix", "-i", "--disable", "courtesy", str(path)], input="2\ns\n")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == "麻烦您等等，我查查。\r\n这个我不知道。\r\n你的快递到了。\r\n".encode("utf-8")
    result = run(["fix", "-i", str(path)], input="s\ne\n您\n")
    assert path.read_bytes() == "麻烦您等等，我查查。\r\n这个我不知道。\r\n您的快递到了。\r\n".encode("utf-8")
    assert "已修改 1 处" in result.output


def test_interactive_fix_quits_and_keeps_what_was_chosen(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下。你等一下。", encoding="utf-8")
    run(["fix", "-i", "--disable", "courtesy", str(path)], input="1\nq\n")
    assert path.read_text(encoding="utf-8") == "请稍等。你等一下。"


def test_fix_command_applies_drop_in_rewrites(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下，我不知道。", encoding="utf-8")
    result = run(["fix", str(path)])
    assert result.exit_code == 1  # an error-level finding is left for a person, as after check --fix
    assert path.read_text(encoding="utf-8") == "请稍等，我不知道。"
    assert "已修改 1 处，剩余 1 处" in result.stderr and "inquiry.dont-know" in result.stdout


def test_a_directive_shown_as_markdown_code_is_not_obeyed(tmp_path):
    text = (
        "关闭检查的写法：`<!-- phraselint-disable -->`。\n\n"
        "```html\n<!-- phraselint-disable -->\n```\n\n"
        "    <!-- phraselint-disable-next-line -->\n\n"
        "我不知道\n"
    )
    assert findings_of(check(tmp_path, "handout.md", text)) == [("inquiry.dont-know", 9)]
    obeyed = text.replace("我不知道\n", "<!-- phraselint-disable -->\n我不知道\n")
    assert findings_of(check(tmp_path, "handout.md", obeyed)) == []


def test_a_directive_naming_no_rule_is_a_warning_with_its_place(tmp_path):
    text = "我不知道\n<!-- phraselint-disable inquiry.dont-knwo -->\n我不知道\n"
    result = check(tmp_path, "typo.md", text)
    assert result.exit_code == 1
    found = findings_of(result)
    assert ("phraselint.unknown-rule", 2) in found and found.count(("inquiry.dont-know", 3)) == 1
    assert "inquiry.dont-knwo" in result.output
