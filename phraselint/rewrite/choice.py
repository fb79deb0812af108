"""Which of a rule's rewrites goes into the polite version, at what scope, with its slots
filled: the data says it (`scope:` and `{class}` slots on a rewrite, docs/rule-format.md);
this module only supplies the defaults.

- Scope, when the rewrite does not give one: a rewrite that is a sentence (it ends with
  。！？ or holds a clause mark) replaces the clause that holds the hit; a shorter one is a
  drop-in for the span (等一下 → 请稍等).
- A rewrite with a placeholder (……, XX) is a pattern for a person to complete: one without is
  preferred, and the polite version says when it holds one.
- A rewrite that states what staff will do next (回复您, 联系, 帮您 …: NEXT_STEP) is written
  once per paragraph (in a transcript, per staff turn): two of them would promise two
  different next steps (…稍后给您回复，需要您联系社区网格员). A later hit's clause there takes
  the rule's rewrite that states no next step, or, when it has none, is dropped (and with it
  a sentence left holding only a connective such as 另外): the first rewrite already says
  what happens next. Nor is the same rewrite written twice in one text: a later hit that
  would repeat it is dropped the same way.
"""

from __future__ import annotations

import re
from typing import AbstractSet, Callable, NamedTuple

from ..model import Rewrite
from .units import CLAUSE_MARKS, SENTENCE_FINAL

NEXT_STEP = ("帮您", "为您", "替您", "回复", "回电", "答复", "跟进", "联系", "通知您", "告诉您", "查询", "查一下", "查明", "核对", "处理", "办理", "沟通")
PLACEHOLDERS = ("…", "XX", "××")
_OPTIONAL = re.compile(r"（[^（）]{1,2}）")  # the material's 我马上就来（办）: either word will do


def scope_of(rewrite: Rewrite) -> str:
    """The rewrite's scope: as written in the pack, or derived from its text."""
    if rewrite.scope:
        return rewrite.scope
    text = rewrite.text.rstrip()
    if text and (text[-1] in SENTENCE_FINAL or any(mark in text for mark in CLAUSE_MARKS)):
        return "clause"
    return "span"


def has_placeholder(text: str) -> bool:
    return any(mark in text for mark in PLACEHOLDERS) or "..." in text


def states_next_step(text: str) -> bool:
    return any(word in text for word in NEXT_STEP)


def cleaned(text: str) -> str:
    """A rewrite as it is sent: the material's optional words in brackets left out."""
    return _OPTIONAL.sub("", text)


class Chosen(NamedTuple):
    text: str  # in the reader's script, slots filled, 你 → 您
    scope: str
    step: bool  # states a next step
    placeholder: bool


def ordered(rewrites: tuple[Rewrite, ...]) -> list[int]:
    """The rewrites' indices, those without a placeholder first (the pack's order otherwise)."""
    return sorted(range(len(rewrites)), key=lambda i: has_placeholder(rewrites[i].text))


def fill_slots(rewrite: Rewrite, context: str) -> str | None:
    """`rewrite.text` with each slot's shown wording replaced by the wording of its class that
    `context` (the hit's sentence, simplified script) holds, longest first; a slot with a
    fallback keeps it when the context holds none, one without makes the rewrite not fit this
    hit (None)."""
    text, position = rewrite.text, 0
    for _, shown, fallback, members in rewrite.slots:
        at = text.find(shown, position)
        found = next((w for w in sorted(members, key=len, reverse=True) if w in context), None)
        if found is None and not fallback:
            return None
        if at < 0:
            continue
        word = found if found is not None else shown
        text = text[:at] + word + text[at + len(shown):]
        position = at + len(word)
    return text


def choose(rewrites: tuple[Rewrite, ...], written: tuple[str, ...], context: str, step_taken: bool,
           write: Callable[[str], str], used: AbstractSet[str] = frozenset()) -> Chosen | None:
    """The rewrite for one hit: the first (placeholders last) that fits its slots and, when a
    next step is already stated, states none. `written`: the rewrites in the reader's script;
    `write`: how a filled slot rewrite is put in it. None: drop the clause."""
    for index in ordered(rewrites):
        rewrite = rewrites[index]
        filled = fill_slots(rewrite, context)
        if filled is None:
            continue
        text = written[index] if not rewrite.slots and index < len(written) else write(filled)
        text = cleaned(text).replace("你", "您")
        step = states_next_step(filled)
        scope = scope_of(rewrite)
        if scope != "span" and ((step and step_taken) or text in used):
            continue
        return Chosen(text, scope, step, has_placeholder(text))
    return None
