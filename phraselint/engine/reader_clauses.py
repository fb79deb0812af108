"""Notices that name their readers: 不知道如何使用條碼繳費的住戶，歡迎到管理室 addresses the
residents who do not know; 不清楚自家门前哪些物品需要清理的，可联系楼管员 offers help to them.

The wording a rule looks for (不知道, 不清楚, 等一下 …) opens a clause that ends in 的 (and a
word for the readers: 住户, 业主, 朋友 …), and the next clause invites them (可, 请, 欢迎,
敬请 …). Nobody is being answered: the clause describes a group of readers. A staff reply
that says 不知道的，你去问保安 puts 你 before the invitation and stays a use, and so does one
with a subject before the hit (我不知道的，…), which does not open its clause.
"""

from __future__ import annotations

import functools
import re

from ..text.normalise import normalise_phrase

READERS = ("住户", "业主", "住客", "居民", "朋友", "人士", "用户", "客户", "车主", "家庭", "租户", "访客", "邻居",
           "街坊", "同事", "同仁", "长者", "家长", "人", "者", "各位", "您")
INVITATIONS = ("可", "可以", "请", "欢迎", "敬请", "均可", "烦请", "务请", "随时", "不妨", "亦可", "都可以", "皆可")
# without a word for the readers, the invitation must name a way to get help (可联系, 请致电, 欢迎到):
# 不可能改的，请理解 is a refusal and its 请理解 invites nobody anywhere
HELP = ("联系", "联络", "致电", "咨询", "来电", "到", "前往", "拨打", "查询", "垂询", "向", "洽", "与", "找", "来", "参加",
        "报名", "留言", "登记", "扫码", "打电话", "询问", "问")
_HELP_LEAD = ("随时", "直接", "先", "就近", "于", "在")
_OPENERS = set(" \t\n,.!?;:，。！？；：、（(【[「『“‘")
_CLAUSE = 40  # characters from the hit to the clause's 的


@functools.cache
def _reader_clause() -> re.Pattern[str]:
    readers = sorted({normalise_phrase(w) for w in READERS}, key=len, reverse=True)
    invitations = sorted({normalise_phrase(w) for w in INVITATIONS}, key=len, reverse=True)
    helps = sorted({normalise_phrase(w) for w in HELP}, key=len, reverse=True)
    alternation = lambda words: "(?:" + "|".join(map(re.escape, words)) + ")"  # noqa: E731
    clause = f"[^,.!?;:，。！？；：\\n]{{0,{_CLAUSE}}}?的"
    invite = "[,，]\\s*" + alternation(invitations)
    return re.compile(f"{clause}(?:{alternation(readers)}{invite}|{invite}{alternation(_HELP_LEAD)}?{alternation(helps)})")


def names_readers(text: str, start: int, end: int) -> bool:
    """Whether the hit at [start, end) of normalised `text` opens a clause describing the readers a
    notice invites (see the module docstring)."""
    if start > 0 and text[start - 1] not in _OPENERS:
        return False
    return _reader_clause().match(text, end) is not None
