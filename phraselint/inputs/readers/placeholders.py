"""Template placeholders are slots, not words: never checked, never a word-boundary fault,
never touched by a fix.

Each placeholder character is replaced by U+FFFC (the object replacement character): the
text keeps its length (so offsets stay exact), jieba treats the slot as a separate block
(so a phrase next to it still starts or ends on a word boundary), and no phrase can match
across or inside it. It is not a clause break: 尊敬的{{ 业主姓名 }}您好 stays one clause.
"""

from __future__ import annotations

import functools
import re

from ...engine.quotes import is_script_card
from ...text.normalise import normalise_phrase

SLOT = "\ufffc"


def names_a_script(bracket: str) -> bool:
    """Whether a 【…】 names a script staff follow (【大堂保安口诀】): the context stage reads it
    to judge the script's quotes as prescribed wording (engine/quotes.py)."""
    return is_script_card(normalise_phrase(bracket))


@functools.cache
def _brace_pattern() -> re.Pattern[str]:
    """Compiled on first need: most texts hold no brace at all, and compiling costs a few ms of start-up."""
    return re.compile(
        r"\{\{.*?\}\}"  # Jinja expression {{ 业主姓名 }}
        r"|\{%.*?%\}"  # Jinja statement {% if %}
        r"|\{#.*?#\}"  # Jinja comment {# … #}
        r"|\$\{[^{}\n]{1,40}\}"  # ${name}
        r"|\{[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.\-]{0,30}\}",  # {name}, {小区名称}
        re.DOTALL,
    )


@functools.cache
def _bracket_pattern() -> re.Pattern[str]:
    """【小区名称】, on its own: a pattern that starts with one literal character is scanned for
    it in C, where an alternation would try every branch at every position of the text."""
    return re.compile(r"【[^【】\n]{1,12}】")


def _slots(match: re.Match[str]) -> str:
    found = match.group()
    if found[0] == "【" and names_a_script(found):  # 【保安岗位应答话术】 is a heading, not a slot
        return found
    if "\n" not in found and "\r" not in found:  # nearly always: no per-character work
        return SLOT * len(found)
    return "".join(c if c in "\r\n" else SLOT for c in found)


def mask_placeholders(text: str) -> str:
    # Braces first, then brackets: nested either way round (【{name}】, {{ 【x】 }}) the whole is
    # masked; only a malformed text where one kind opens inside the other and closes outside it
    # could be masked differently from one pass over both.
    if "{" in text:
        text = _brace_pattern().sub(_slots, text)
    if "【" in text:
        text = _bracket_pattern().sub(_slots, text)
    return text
