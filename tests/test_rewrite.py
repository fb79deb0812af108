"""The rewrite stage: scopes, slots, joins and the polite version (phraselint/rewrite/)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import phraselint
from phraselint import Linter, PackError, load_packs
from phraselint.cli.app import cli
from phraselint.model import Rewrite
from phraselint.rewrite import Piece, scoped
from phraselint.rewrite.choice import scope_of
from phraselint.rewrite.units import joined, unit

HEADER = "pack: demo\nversion: '1'\ndescription: d\nsource: s\nformat: 2\nclasses:\n  部门: [工程部, 保安部]\nrules:\n"
RULE = """  - id: demo.elsewhere
    level: warning
    category: responsibility
    message: 把业主推给别的部门。
    source: s
    phrases: ['你去问{{部门}}']
    rewrites:
{rewrites}
    examples:
      bad: [你去问工程部吧。]
      good: [我帮您联系工程部。]
"""


def pack(tmp_path, rewrites: str):
    path = tmp_path / "demo.yaml"
    path.write_text(HEADER + RULE.format(rewrites=rewrites), encoding="utf-8")
    return path


def test_scope_defaults_from_the_text_and_the_pack_overrides_it():
    assert scope_of(Rewrite("请稍等")) == "span"
    assert scope_of(Rewrite("不好意思，这方面我不太清楚。")) == "clause"
    assert scope_of(Rewrite("请问先生/小姐贵姓？")) == "clause"
    assert scope_of(Rewrite("请问先生/小姐贵姓？", scope="span")) == "span"


def test_a_wrong_scope_or_slot_is_located(tmp_path):
    path = pack(tmp_path, "      - text: 我帮您联系。\n        scope: paragraph")
    with pytest.raises(PackError) as info:
        load_packs([str(path)])
    assert f"{path}:17:" in str(info.value) and "span, clause, sentence" in str(info.value)
    path = pack(tmp_path, "      - text: 我帮您联系{科室}。")
    with pytest.raises(PackError) as info:
        load_packs([str(path)])
    assert f"{path}:16:" in str(info.value) and "unknown word class {科室}" in str(info.value)


def test_a_slot_reuses_the_wording_of_the_match(tmp_path):
    linter = Linter([str(pack(tmp_path, "      - text: 我帮您联系{部门}，稍后给您回复。"))])
    assert linter.rule("demo.elsewhere").rewrites[0].text == "我帮您联系工程部，稍后给您回复。"  # as check shows it
    assert linter.rewrite("你去问保安部吧。") == "我帮您联系保安部，稍后给您回复。"
    assert linter.rewrite("你去問保安部吧。") == "我幫您聯絡保安部，稍後給您回覆。"  # in the text's script and region (s2twp: 聯絡)


def test_a_slot_without_a_wording_in_the_match_takes_its_fallback(tmp_path):
    linter = Linter([str(pack(tmp_path, "      - text: '我帮您联系{部门|负责的同事}。'\n        scope: sentence"))])
    assert linter.rewrite("你去问工程部吧。") == "我帮您联系工程部。"


def test_the_span_and_its_clause():
    text = "这个我不知道，你去问别人吧"
    assert unit(text, 3, 6, "span") == (3, 6)
    assert unit(text, 3, 6, "clause") == (0, 6)
    assert unit("客服：这个我不知道。", 6, 9, "sentence") == (3, 9)  # never the role label


@pytest.mark.parametrize("pieces, expected", [
    ([("", False), ("好的，我马上就来。", True), ("？旁边排队", False)], "好的，我马上就来。旁边排队"),
    ([("", False), ("…请您离开。", True), ("。", False)], "…请您离开。"),
    ([("停水到几点", False), ("回复您。", True), ("，您自己看", False)], "停水到几点回复您，您自己看"),
    ([("A，", False), ("", True), ("", False)], "A"),
    ([("A。", False), ("", True), ("，C。", False)], "A。C。"),
    ([("", False), ("请问您贵姓？", True), ("，我登记一下", False)], "请问您贵姓？我登记一下"),
])
def test_punctuation_is_fitted_at_the_joins(pieces, expected):
    assert "".join(p.text for p in joined([Piece(*p) for p in pieces])) == expected


def test_the_issue_replies_read_well(linter):
    assert linter.rewrite("这个我不知道，你去问别人吧") == "不好意思，这方面我不太清楚，我帮您查询后回复您。"
    # one next step: the later promise (…需要您联系…) is not written beside the first
    polite = linter.rewrite("停水到几点我也不知道，你自己看")
    assert polite == "不好意思，这方面我不太清楚，我帮您查询后回复您。"
    assert phraselint.rewrite("你等一下，我查查。") == "请稍等，我查查。"


def test_a_multi_paragraph_reply_is_one_text(linter):
    text = "您好，水管的事我不知道。\n\n你等一下，我问问同事。"
    assert linter.rewrite(text) == "您好，不好意思，这方面我不太清楚，我帮您查询后回复您。\n\n请稍等，我问问同事。"


def test_only_staff_turns_change(linter):
    text = "业主：我不知道怎么办，你们等一下再说。\n客服：这个我不知道。"
    assert linter.rewrite(text) == "业主：我不知道怎么办，你们等一下再说。\n客服：不好意思，这方面我不太清楚，我帮您查询后回复您。"


def test_fix_i_writes_a_sentence_rewrite_over_its_clause(linter):
    text = "停水到幾點我也不知道，你自己看"
    finding = linter.check(text)[0]
    chosen = scoped(linter, text, finding, 0)
    fixed = text[:chosen.offset] + chosen.fix + text[chosen.end_offset:]
    assert fixed == "不好意思，這方面我不太清楚，我幫您查詢後回覆您，你自己看"


def test_fix_i_through_the_command(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你急什么？我这就去。\n这个我不知道。\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["fix", "-i", str(path)], input="1\n1\n")
    assert result.exit_code == 0, result.output
    written = path.read_text(encoding="utf-8")
    assert "不好意思，这方面我不太清楚，我帮您查询后回复您。\n" in written
    assert "。。" not in written and "。？" not in written


def test_rewrite_command(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("这个我不知道，你去问别人吧\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["rewrite", str(path)])
    assert result.exit_code == 0
    assert result.output == "不好意思，这方面我不太清楚，我帮您查询后回复您。\n"
    result = CliRunner().invoke(cli, ["rewrite", "-"], input="你等一下")
    assert result.output == "请稍等\n"
    result = CliRunner().invoke(cli, ["rewrite", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "Traceback" not in result.output
