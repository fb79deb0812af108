"""Generated inputs, shared by the property tests (hypothesis, a few hundred examples) and the
long fuzzing run (bench/fuzz.py, 100,000 seeded cases): one place, so that both try the same
hostile text and the suite is the long run in small.

Every generator is a plain function of a `random.Random`, so that a fuzz case is replayed
from its seed alone; `strategy(generator)` gives hypothesis the same generator, drawing from
a random that hypothesis controls (and shrinks).
"""

from __future__ import annotations

import functools
import json
import random
from typing import Callable, TypeVar

from hypothesis import strategies as st

from phraselint import Linter
from phraselint.model import Level, Pack, Rewrite, Rule
from phraselint.packs.settling import fix_holding_its_phrase
from phraselint.text.normalise import VECTOR_THRESHOLD

T = TypeVar("T")


def strategy(generator: Callable[[random.Random], T]) -> st.SearchStrategy[T]:
    return st.randoms(use_true_random=False).map(generator)


@functools.cache
def shared_linter() -> Linter:
    return Linter()


@functools.cache
def pieces() -> tuple[str, ...]:
    """Realistic fragments: every example of every rule, plus polite filler and near misses."""
    linter = shared_linter()
    found = [e.text for r in linter.rules for e in r.bad_examples]
    found += [g for r in linter.rules for g in r.good_examples]
    found += ["您好，", "请问有什么可以帮您？", "明天上午九点停水。", "\n", "，", " ", "等", "一下", "不", "知道", "午",
              "你", "您", "请稍等", "等阵", "先", "也"]
    return tuple(found)


@functools.cache
def wording() -> tuple[str, ...]:
    """The fragments that hold words (not only punctuation or spaces), on one line."""
    return tuple(p.replace("\n", "") for p in pieces() if any("\u4e00" <= c <= "\u9fff" for c in p))


# Characters that have broken, or could break, a stage: controls, bidirectional controls,
# invisibles that normalisation folds, variation selectors, compatibility ideographs, lone
# surrogates, line separators other than \n, quotation marks, colons (role labels), braces
# (template placeholders), the masking character itself.
HOSTILE = (
    "\x00", "\x01", "\x1b", "\x7f", "\x85", "\t", "\r", "\r\n", "\x0b", "\x0c", "\u2028", "\u2029",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f",
    "\u061c", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f",
    "\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef", "\uf967", "\uf900", "\ufa70", "\U0002f800",
    "\ud800", "\udbff", "\udc00", "\udfff", "\ufffc", "\ufffd", "\ufffe", "\uffff", "\U0010ffff",
    '"', "“", "”", "「", "」", "『", "』", "'", "‘", "’", "《", "》",
    ":", "：", "{", "}", "{{", "}}", "{%", "%}", "{#", "#}", "【", "】", "${", "<", ">", "&",
    "ｑ", "Ａ", "\u3000", "\u0301", "😀", "\U00020000", "\ue000",
)
ROLES = ("客服", "坐席", "业主", "住户", "來電人", "管家", "客服小王", "业主(3-1502)", "来电人", "接线员")
DIRECTIVES = ("phraselint-disable", "phraselint-enable", "phraselint-disable-next-line", "phraselint-disable-line",
              "phraselint-disable inquiry", "phraselint-disable telephone.hold-on", "phraselint-disable courtesy")


def hostile_char(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return rng.choice(HOSTILE)
    return chr(rng.choice([rng.randrange(0x20, 0x7f), rng.randrange(0x4e00, 0xa000), rng.randrange(0x80, 0x3000),
                           rng.randrange(0xd800, 0xe000), rng.randrange(0x10000, 0x110000)]))


def text(rng: random.Random, size: int = 8) -> str:
    """Realistic fragments with hostile characters between and inside them."""
    parts = []
    for _ in range(rng.randrange(size + 1)):
        roll = rng.random()
        if roll < 0.6:
            piece = rng.choice(pieces())
            if rng.random() < 0.2 and len(piece) > 1:  # a hostile character inside a phrase
                cut = rng.randrange(1, len(piece))
                piece = piece[:cut] + hostile_char(rng) + piece[cut:]
            parts.append(piece)
        elif roll < 0.9:
            parts.append("".join(hostile_char(rng) for _ in range(rng.randrange(1, 4))))
        else:
            parts.append(rng.choice(DIRECTIVES) + rng.choice(["\n", " ", ""]))
    return "".join(parts)


def plain_text(rng: random.Random) -> str:
    """Text that survives every encoding's round trip well enough for files: no surrogates."""
    return "".join(c for c in text(rng) if not 0xD800 <= ord(c) < 0xE000)


def large_text(rng: random.Random) -> str:
    """At least VECTOR_THRESHOLD characters (the vectorised path), hostile characters anywhere."""
    unit = text(rng, 6) or "你等一下"
    whole = list(unit * (VECTOR_THRESHOLD // len(unit) + 1))
    for _ in range(rng.randrange(1, 8)):
        whole.insert(rng.randrange(len(whole) + 1), hostile_char(rng))
    if rng.random() < 0.5:  # a real phrase right after the last hostile character
        whole.append(rng.choice(pieces()))
    return "".join(whole)


def turns(rng: random.Random, count: int = 6, empty: bool = True) -> list[tuple[str, str]]:
    """(role, words) turns, some over several lines; some empty unless not `empty`."""
    found = []
    for _ in range(rng.randrange(1, count + 1)):
        words = "" if empty and rng.random() < 0.1 else text(rng, 4)
        if not empty:
            words += rng.choice(wording())
        found.append((rng.choice(ROLES), words))
    return found


def transcript(rng: random.Random, empty: bool = True) -> str:
    """Labelled lines, turns that continue on unlabelled lines, blank lines between calls;
    turns with no words unless not `empty`."""
    lines = []
    for _ in range(rng.randrange(1, 4)):
        for role, words in turns(rng, empty=empty):
            lines.append(f"{role}{rng.choice([':', '：', ' : '])}{words}")
        lines.append("")
    return "\n".join(lines)


def prose(rng: random.Random) -> str:
    """Plain text that opens no code of its own (no backtick or tilde), so that code is only where it is put."""
    return plain_text(rng).replace("`", "'").replace("~", "-")


SHOWN = "\x00shown\x00"  # where markdown_pair puts a directive that is shown as code


def _braced(rng: random.Random, block: str, between: str) -> str:
    """Now and then, code between braces that look like one template placeholder around it."""
    if rng.random() < 0.7:
        return block
    opening, closing = rng.choice([("{{", "}}"), ("{%", "%}"), ("{#", "#}")])
    return f"{opening}{between}{block}{between}{closing}"


def markdown_pair(rng: random.Random) -> tuple[str, str]:
    """A Markdown document with directives shown as code (spans, fences, indented code) and real
    ones, front matter and links; and the same document with each directive shown as code
    spelt with other letters of the same length (which must have the same findings)."""
    blocks = []
    if rng.random() < 0.2:
        blocks.append(f"---\ntitle: {prose(rng)}\n---")
    for _ in range(rng.randrange(1, 6)):
        roll = rng.random()
        if roll < 0.35:
            blocks.append(prose(rng))
        elif roll < 0.55:
            ticks = rng.choice(["`", "``"])
            blocks.append(_braced(rng, f"{prose(rng)} {ticks}{SHOWN}{ticks} {prose(rng)}", " "))
        elif roll < 0.7:
            fence = rng.choice(["```", "~~~", "````"])
            blocks.append(_braced(rng, f"{fence}{rng.choice(['', 'html', 'md'])}\n{SHOWN}\n{prose(rng)}\n{fence}", "\n\n"))
        elif roll < 0.8:
            blocks.append(_braced(rng, f"    {SHOWN}\n    {prose(rng)}", "\n\n"))  # indented code
        elif roll < 0.9:
            blocks.append(f"[{prose(rng)}]({rng.choice(pieces())}) {prose(rng)}")
        else:
            blocks.append(f"<!-- {rng.choice(DIRECTIVES)} -->\n{prose(rng)}")
    document = "\n\n".join(blocks)
    directives = [f"<!-- {rng.choice(DIRECTIVES)} -->" for _ in range(document.count(SHOWN))]
    shown = neutral = document
    for directive in directives:
        shown = shown.replace(SHOWN, directive, 1)
        neutral = neutral.replace(SHOWN, directive.replace("phraselint-", "xxxxxxxxxx-"), 1)
    return shown + "\n", neutral + "\n"


def markdown(rng: random.Random) -> str:
    return markdown_pair(rng)[0]


def html(rng: random.Random) -> str:
    """Text nodes between tags, attributes holding phrases, script and style, entities."""
    parts = ["<html><body>"]
    for _ in range(rng.randrange(1, 6)):
        roll = rng.random()
        words = plain_text(rng).replace("<", "").replace("&", "")
        if roll < 0.5:
            parts.append(f"<p title=\"{rng.choice(pieces())}\">{words}</p>")
        elif roll < 0.65:
            parts.append(f"<script>var a = '{rng.choice(pieces())}';</script>{words}")
        elif roll < 0.75:
            parts.append(f"<!-- {rng.choice(DIRECTIVES)} --><div>{words}</div>")
        elif roll < 0.85:
            parts.append(f"<b>{words}</b>&nbsp;&#x4f60;&lt;<br/>")
        else:
            parts.append(words)
    parts.append("</body></html>\n")
    return "".join(parts)


def template(rng: random.Random) -> str:
    """Notice templates: placeholders next to and inside phrases, template comments with directives."""
    slots = ["{{ 业主姓名 }}", "{% if a %}", "{% endif %}", "{# 备注 #}", "${name}", "{name}", "【小区名称】",
             "{#", "#}", "{{", "{" + "x" * 40 + "}", f"{{# {rng.choice(DIRECTIVES)} #}}"]
    words = list(plain_text(rng))
    for _ in range(rng.randrange(1, 6)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(slots))
    return "".join(words)


def chat_log(rng: random.Random, lines: bool | None = None) -> str:
    """A JSON (or, with `lines`, JSON Lines) chat log, as raw source: escapes (lone surrogates
    among them), empty last turns, odd shapes. `lines=None`: either."""
    logged = [{"role": role, "text": words} for role, words in turns(rng)]
    if rng.random() < 0.3:
        logged.append({"role": rng.choice(["坐席", "客服"]), "text": ""})
    ensure_ascii = rng.random() < 0.5
    if lines or (lines is None and rng.random() < 0.3):
        return "\n".join(json.dumps(turn, ensure_ascii=ensure_ascii) for turn in logged) + "\n"
    document: object = logged if rng.random() < 0.7 else {"messages": logged}
    # json.dumps writes a lone surrogate as its escape (\ud800), which is how such logs arrive
    return json.dumps(document, ensure_ascii=ensure_ascii, indent=rng.choice([None, 1]))


def _pack_rule(rng: random.Random, index: int, alphabet: str) -> Rule:
    phrase = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 4)))
    rewrite = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 4))) or "您"
    return Rule(id=f"fuzz.rule-{index}", level=rng.choice(list(Level)), category="fuzz", message="m", phrases=(phrase,),
                rewrites=(Rewrite(rewrite, fix=True),), source="fuzz", pack="fuzz", file="fuzz.yaml", line=1,
                boundary="none")


def custom_pack(rng: random.Random) -> Pack:
    """User rules whose phrases and drop-in fixes overlap (a fix may complete another rule's
    phrase with the text beside it, or hold another rule's phrase whole). A rule whose fix
    holds its own phrase (候 → 下您候 grows at every pass) is left out, as the pack loader
    refuses it (packs/settling.py)."""
    alphabet = rng.choice(["你等一下您稍候", "你您等请", "ab"])
    rules: list[Rule] = []
    while len(rules) < 2 or (len(rules) < 4 and rng.random() < 0.5):
        rule = _pack_rule(rng, len(rules), alphabet)
        if fix_holding_its_phrase(rule.phrases, rule.rewrites[0].text) is None:
            rules.append(rule)
    return Pack("fuzz", "1", "fuzz", "fuzz", "fuzz.yaml", tuple(rules))


def custom_text(rng: random.Random, pack: Pack) -> str:
    alphabet = "".join(sorted({c for r in pack.rules for p in r.phrases for c in p}))
    return "".join(rng.choice(alphabet + "，\n ") for _ in range(rng.randrange(0, 24)))


ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "gbk", "big5", "gb18030")


def encoded(rng: random.Random, content: str) -> tuple[bytes, str] | None:
    """`content` in an encoding it can be written in (None when none of the chosen can)."""
    for codec in rng.sample(ENCODINGS, len(ENCODINGS)):
        try:
            return content.encode(codec), codec
        except UnicodeEncodeError:
            continue
    return None
