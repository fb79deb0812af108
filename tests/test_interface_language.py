"""A Chinese run shows no English of phraselint's own: errors, notes, prompts, help pages,
usage errors and click's messages all come from the catalogues, in each locale. What may stay
Latin is what the user types or reads as a name: rule ids, file names, options, format and
level names, encodings, configuration keys and values, a report format's own syntax."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import pytest

from phraselint.cli import app
from phraselint.config import KEYS
from phraselint.packs import classes, exemplars, lexicon_loader, loader, rule_fields

DATA = Path(__file__).parent / "data"

# The corpora's names that `eval` reports as they are (labels and their values, the set's name, the
# packs' intents): the scan's corpus uses these and no others.
DATA_NAMES = ("difficulty", "exact", "inflected", "paraphrase", "dialect", "intent", "evading", "stalling", "refusing",
              "curt-hold", "region", "script", "simplified", "traditional", "tuned")
# The rule-pack formats' keys and values (what a pack author types): a pack error names them as written.
PACK_NAMES = (loader.PACK_KEYS | rule_fields.RULE_KEYS | rule_fields.REQUIRE_KEYS | rule_fields.COMBINE_KEYS
              | rule_fields.REWRITE_KEYS | rule_fields.EXCEPTION_KEYS | rule_fields.EXAMPLE_KEYS | lexicon_loader.FILE_KEYS
              | lexicon_loader.ENTRY_KEYS | exemplars.FILE_KEYS | set(rule_fields.WINDOWS) | set(rule_fields.REWRITE_SCOPES)
              | set(rule_fields.SCOPES) | {"name", "phrase", "require", "word", "none", "mention", "ignore", "giving-up", "YAML"}
              | {"colour", "loud", "email", "Giving_Up", "ugly"})  # what the broken pack below writes, quoted back
# Names, not words: what may be Latin in a Chinese run.
CATEGORIES = ("attitude", "complaint", "courtesy", "inquiry", "refusal", "responsibility", "telephone")  # packs too
NAMES = frozenset("""
phraselint check fix rewrite paste rules explain eval tokens test-rules
text json github sarif junit html csv markdown docx auto error warning suggestion reply phone notice dialogue training
cn tw hk zh en t off true false yes please level variant lang kind polite similar packs roles staff customer tool
role speaker from sender author content message utterance body UTF-8 UTF-8/16 GB18030 GB18030/GBK GBK Big5 big5hkscs gb18030
BOM NUL JSON Lines HTML CSV SARIF MB KB CPU ID PHRASELINT_DEBUG txt md yaml toml pyproject phraselint-disable eval
x i s e q nope bogus foo levle utf-8 file title
serve lsp audit HTTP POST GET Parquet F1
""".split()) | frozenset(KEYS) | frozenset(CATEGORIES) | frozenset(DATA_NAMES) | frozenset(PACK_NAMES)
# options, rule ids (telephone.hold-on), file names, paths
_NAMEISH = re.compile(r"(?:(?<![\w-])--?[A-Za-z][\w-]*|\b[a-z]+(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+\b|[\w.-]*\.[a-z]{2,5}\b"
                      r"|[\w./-]*/[\w./-]+)")


def stray_english(output: str, *allowed_paths: str) -> list[str]:
    """The Latin words of `output` that are not names (see NAMES)."""
    for path in sorted(allowed_paths, key=len, reverse=True):
        output = output.replace(path, " ")
    output = _NAMEISH.sub(" ", re.sub(r"%[0-9A-F]{2}", " ", output))  # (GitHub's annotations escape their colons)
    return [word for word in re.findall(r"[A-Za-z][A-Za-z0-9_'/-]*[A-Za-z0-9]|[A-Za-z]", output)
            if word not in NAMES and word.strip("'") not in NAMES]


def run_main(monkeypatch, capsys, args, stdin: str | bytes = "") -> tuple[int, str]:
    """phraselint as its console script runs: main(), with its own handling of click's errors."""
    monkeypatch.setattr(sys, "argv", ["phraselint", *map(str, args)])
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    with pytest.raises(SystemExit) as exited:
        app.main()
    captured = capsys.readouterr()
    return exited.value.code, captured.out + captured.err


def scenarios(tmp: Path) -> list[tuple[list, str]]:
    reply = tmp / "reply.txt"
    reply.write_text("你等一下，这个我不知道\n", encoding="utf-8")
    (tmp / "binary.txt").write_bytes(b"\x80\x81garbage\x00\x01")
    (tmp / "latin.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp / "bad.json").write_text('[{"role": "客服", "text": ', encoding="utf-8")
    (tmp / "shape.json").write_text('[{"who": "客服", "said": "你等一下"}]', encoding="utf-8")
    (tmp / "empty").mkdir()
    (tmp / "folder.txt").mkdir()
    config = tmp / "bad.yaml"
    config.write_text("levle: warning\nvariant: fr\n", encoding="utf-8")
    failing = tmp / "failing.yaml"  # a pack whose good example is flagged: test-rules reports a failure
    failing.write_text(_FAILING_PACK, encoding="utf-8")
    (tmp / "broken-pack.yaml").write_text(_BROKEN_PACK, encoding="utf-8")  # a pack error of each common kind
    (tmp / "not-yaml.yaml").write_text("pack: demo\nrules:\n  - id: demo.x\n    message: 说: 不行\n", encoding="utf-8")
    (tmp / "corpora").mkdir()
    corpus = tmp / "corpora" / "replies.jsonl"  # labelled items (the tuned set): eval's report, its tables and a missed threshold
    corpus.write_text(_CORPUS, encoding="utf-8")
    (tmp / "broken.jsonl").write_text('{"id": "1", "text": \n', encoding="utf-8")
    (tmp / "mislabelled.jsonl").write_text('{"id": "1", "text": "你好", "expected": [{"start": 0, "end": 1, "surface": "您"}]}\n',
                                           encoding="utf-8")
    docx = tmp / "script.docx"
    docx.write_bytes((DATA / "script.docx").read_bytes())
    return [
        (["-h"], ""), (["check", "-h"], ""), (["fix", "-h"], ""), (["rewrite", "-h"], ""), (["rules", "-h"], ""),
        (["--version"], ""),
        (["check", "--foo", reply], ""), (["check", "--format", "bogus", reply], ""), (["check", "-j", "0", reply], ""),
        (["check", "--config", tmp], ""), (["explain"], ""), (["explain", "nope"], ""), (["nope"], ""),
        (["check", reply, tmp / "missing.txt", tmp / "binary.txt", tmp / "latin.txt", tmp / "bad.json",
          tmp / "folder.txt"], ""),
        (["check", "--encoding", "nope", "-"], "你等一下"), (["check", tmp / "empty"], ""),
        (["check", "--config", config, "-"], "你等一下"), (["rules", "--pack", "nope"], ""),
        (["check", "--disable", "nope.rule", "-"], "你等一下"),
        (["check", "--fix", docx], ""), (["fix", "-i", docx], ""), (["fix", "-i", reply], "1\nq\n"), (["fix"], ""),
        (["rewrite", tmp / "missing.txt"], ""), (["check", "--fix", "--stats", reply], ""),
        (["check", "--encoding", "utf-8", DATA / "notice-gbk.txt"], ""), (["check", tmp / "shape.json"], ""),
        (["check", "--format", "github", tmp / "missing.txt"], ""),
        (["tokens", "坐席：他搞不清楚。你等一下\n阿强：我不知道"], ""), (["tokens"], "住客：喂？\n職員：你等一下。"),
        (["test-rules", "-v", failing], ""), (["eval", corpus], ""), (["eval", "--one-to-one", "--min-recall", "0.99", corpus], ""),
        (["eval", tmp / "broken.jsonl"], ""), (["eval", tmp / "mislabelled.jsonl"], ""),
        (["check", "--packs", tmp / "broken-pack.yaml", "-"], "你好"), (["check", "--packs", tmp / "not-yaml.yaml", "-"], "你好"),
        (["check", "--packs", tmp / "failing.yaml", "-"], "你好"),
    ]


_CORPUS = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in (
    {"id": "1", "kind": "reply", "script": "simplified", "region": "cn", "text": "这个我不知道，你等一下。",
     "expected": [{"start": 3, "end": 6, "surface": "不知道", "intent": "evading", "difficulty": "exact"}]},
    {"id": "2", "kind": "reply", "script": "traditional", "region": "hk", "text": "我唔知呀，你等一下啦。",
     "expected": [{"start": 1, "end": 3, "surface": "唔知", "intent": "evading", "difficulty": "dialect"},
                  {"start": 6, "end": 9, "surface": "等一下", "intent": "stalling", "difficulty": "inflected"}]},
    {"id": "3", "kind": "reply", "script": "simplified", "region": "tw", "text": "我等一下午了。", "expected": [],
     "trap": "a length of time"},
    {"id": "4", "kind": "reply", "script": "simplified", "region": "cn", "text": "您这样说我没法弄。",
     "expected": [{"start": 5, "end": 8, "surface": "没法弄", "intent": "refusing", "difficulty": "paraphrase"}]},
))

_FAILING_PACK = """pack: demo
version: "1"
description: 演示规则包
source: 测试
rules:
  - id: demo.rude
    category: attitude
    level: error
    message: 粗鲁。
    source: 测试
    phrases: [你走开]
    rewrites: [请您稍候]
    examples:
      bad: [你走开]
      good: [你走开, 请您稍候]
"""

_BROKEN_PACK = """pack: Demo
version: "1"
description: 演示规则包
source: 测试
format: 2
colour: red
classes:
  我方: [我, 我们]
rules:
  - id: demo.rude
    category: attitude
    level: loud
    message: 粗鲁。
    source: 测试
    phrases: [你走开, '(你|您走开', '{无此类}走开', 你走开, '你…']
    boundary: wide
    rewrites: [{text: 请您稍候, fix: true, scope: everywhere}, {text: '{无此类}', fix: true}]
    exceptions: [{reason: 无}]
    combine: {within: 500, all: ['^你']}
    similar: [你走开吧，快点, 你]
    intent: Giving_Up
    examples:
      bad: [你走开吧]
  - id: demo.need
    type: require
    category: courtesy
    level: suggestion
    message: 要问好。
    source: 测试
    rewrites_reason: 无
    scope: everywhere
    kinds: [email]
    parts: [{name: 问好, phrases: [您好]}]
    examples: {bad: [喂], good: [您好], ugly: [x]}
  - 不是规则
"""


@pytest.mark.parametrize("variant", ["cn", "tw", "hk"])
def test_a_chinese_run_shows_no_english_of_its_own(tmp_path, monkeypatch, capsys, variant):
    found = {}
    for args, stdin in scenarios(tmp_path):
        code, output = run_main(monkeypatch, capsys, [*args, "--variant", variant] if args and args[0] not in
                                ("-h", "--version", "nope", "test-rules") else args, stdin)
        assert "Traceback" not in output
        stray = stray_english(output, str(tmp_path), str(DATA))
        if stray:
            found[" ".join(map(str, args)).replace(str(tmp_path), "…")] = sorted(set(stray))
    assert not found, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_scan_finds_english():
    assert stray_english("phraselint: x.txt: cannot read: No such folder or directory") == \
        ["cannot", "read", "No", "such", "folder", "or", "directory"]
    assert stray_english("phraselint: x.txt：无法读取 --format json telephone.hold-on UTF-8") == []


def test_english_is_one_flag_away(tmp_path, monkeypatch, capsys):
    code, output = run_main(monkeypatch, capsys, ["check", "--lang", "en", tmp_path / "missing.txt"])
    assert code == 2 and "cannot read: No such file or directory" in output
    code, output = run_main(monkeypatch, capsys, ["check", "--lang", "en", "--foo"])
    assert code == 2 and "No such option" in output and "Usage:" in output
