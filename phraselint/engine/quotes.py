"""Quoted mentions: 切勿说“不知道” quotes a phrase to avoid; it does not use it.

A phrase inside quotation marks is a mention when a mention verb stands just before the
quote (说, 使用, 避免, 切勿 …), when a noun such as 等说法 follows it, or when the quote is
one of a list (「不知道」、「不清楚」) whose first item is a mention. In a training document
every quoted phrase is a mention, except wording the document prescribes: a quote after
请回答 / 一律答 / 统一回复 / 可说, or any quote of a script card (a first line naming a 话术,
范本, 模板 or 口诀) is what staff will say, and is judged as a use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import bisect
import functools
import re

from ..text.normalise import normalise_phrase

if TYPE_CHECKING:
    from .transcripts import Roles

_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'", "《": "》"}
# a title in 《…》 (a book, a talk, a campaign: 《等一下，我还没准备好》) names a work; it is never said to anyone
TITLE_MARKS = ("《",)
OPENING_MARKS = tuple(_PAIRS)
MAX_QUOTE = 80  # characters; a longer "quote" is an unmatched mark, not a quotation

MENTION_VERBS = (
    "说", "讲", "回答", "作答", "答复", "回复", "使用", "用", "避免", "切勿", "切忌", "禁止", "不要说", "不能说",
    "不可说", "别说", "以", "称", "叫", "例如", "比如", "诸如", "类似", "如", "像", "提到", "说出", "而不是",
    "不是", "改为", "改成", "换成", "代替", "替代", "表达", "口头禅", "用语", "字眼", "说法", "句子", "一句",
    "禁用", "忌用", "杜绝", "出现", "写", "讲出", "冒出", "喊", "问", "骂", "回", "答", "道",
    # what others said or a screen showed: 有业主反映“…”, APP提示“…”
    "反映", "反馈", "提示", "显示", "写着", "投诉",
)
_ASPECT = "(?:了|过|出|着)?"  # 说了“…”
_OBJECT = "(?:您|你|他|她|我|业主|住户|客人|对方|访客)?"  # 问您『…』
MENTION_NOUNS = ("等", "之类", "这类", "这样的", "这种", "的说法", "作答", "一类", "类", "这句", "这些",
                 # a quoted name: 小区南门的“不知道”书店, 「等一下」咖啡厅
                 "书店", "咖啡厅", "咖啡馆", "咖啡店", "餐厅", "超市", "便利店", "店", "饭馆", "酒楼",
                 # a quoted topic or event: 关于“不知道找谁”的问题, 「唔知係咪漏水？」講座
                 "问题", "的问题", "一事", "的情况", "讲座", "活动", "课程", "工作坊", "展览", "主题")
_LIST_JOINERS = set("、,，和或与及 者以还有")  # 「唔知」或者「唔關我事」, “…”以及“…”, “…”还有“…”
# a quoted title of an event the text announces: 舉行「等陣再講」社區粵劇欣賞會 names a show; nobody says it
EVENT_LEADS = ("举行", "举办", "主办", "承办", "协办", "推出", "开展", "参加", "报名参加", "欢迎参加", "出席", "观看", "欣赏",
               "主题为", "名为", "题为")
EVENT_NOUNS = ("欣赏会", "音乐会", "分享会", "交流会", "联欢会", "茶话会", "座谈会", "说明会", "晚会", "嘉年华", "演出", "表演",
               "比赛", "大赛", "展览", "讲座", "活动", "课程", "工作坊", "节", "市集", "沙龙", "话剧")
_EVENT_TAIL = 10  # characters after the closing mark, within its clause, that may precede the event noun
_VERB_WINDOW = 8  # characters before the opening quote searched for a mention verb (e.g. 问您：)


@functools.cache
def _mention_verbs() -> re.Pattern[str]:
    verbs = sorted({normalise_phrase(v) for v in MENTION_VERBS}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, verbs)) + ")" + _ASPECT + _OBJECT + r"[\s:,：，]{0,2}$")


@functools.cache
def _nouns_after() -> tuple[str, ...]:
    return tuple(normalise_phrase(n) for n in MENTION_NOUNS)


@functools.cache
def _event_lead() -> re.Pattern[str]:
    leads = sorted({normalise_phrase(w) for w in EVENT_LEADS}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, leads)) + ")(?:了|的)?\\s*$")


@functools.cache
def _event_after() -> re.Pattern[str]:
    nouns = sorted({normalise_phrase(w) for w in EVENT_NOUNS}, key=len, reverse=True)
    return re.compile(f"[^，。；！？,.;!?：:\\n“”「」『』]{{0,{_EVENT_TAIL}}}?(?:" + "|".join(map(re.escape, nouns))
                      + ")(?=$|[，。；！？,.;!?：:\\s（(]|的|将|于|在|由|已|，)")


def names_an_event(text: str, open_: int, close: int) -> bool:
    """Whether the quotation at [open_, close] is the title of an event the text announces: a lead
    such as 舉行 right before it, or an event noun closing the phrase it begins
    (「等陣再講」社區粵劇欣賞會, “不知道”主题沙龙)."""
    return bool(_event_lead().search(text, max(0, open_ - 6), open_)) or bool(_event_after().match(text, close + 1))


# a lead-in that tells staff to say the quote: 请直接回复：「…」, 一律答：“…”, 客服可说：“…”,
# 应询问「…」, a clause opening with the verb (访客闹的，告诉他“…”, 催问：回复“…”), an answer
# key (参考答案：“…”, 标准话术：“…”), or a senior's instruction (学长交代：「…就说『…』」)
_PRESCRIBING = (
    r"(?:(?:应|应该|可|可以|请|要|须|必须|一律|统一|直接|就|立即上前|上前)(?:直接)?"
    r"(?:说|讲|答|回答|回复|答复|回应|喝令|告知|回|喊|询问)"
    r"|(?:应|应该|要|须|必须|一律|统一)问"
    r"|(?:^|[，。；！？,.;!?：:\n])(?:回复|回答|答复|回应|告诉(?:他|她|对方|业主|住户|住客|客人|访客|他们))"
    r"|(?:参考答案|标准答案|示范答案|标准回答|标准话术|规范话术|推荐话术|标准用语)"
    r"|(?:交代|吩咐|叮嘱|嘱咐|强调|指示)(?:我们|大家|新人|员工|同事)?"
    r")[了]?[：:，,]?\s*$"
)
SCRIPT_HEADINGS = ("话术", "范本", "模板", "口诀", "范例", "应答", "答复卡", "口令", "标准答复", "回复卡", "口径", "应对指引",
                   "应答指引")


@functools.cache
def _prescribing() -> re.Pattern[str]:
    return re.compile(_PRESCRIBING)


_NEGATION = re.compile("不|别|勿|莫|忌|避免|禁止|严禁|杜绝")  # 不要说“…” / 不能直接回答“…” tell what not to say
# a lead-in that tells staff *not* to say the quote: the negation governs the verb of saying
# right before it (不要说, 不能直接回答, 禁止对业主说), so a 不 earlier in the clause, as in
# 一般不是急事，统一说“…”, does not cancel a prescription
_NEGATED_LEAD = re.compile(
    r"(?:不|别|勿|莫|忌|避免|禁止|严禁|杜绝)[^，。；！？,.;!?：:\n]{0,4}?"
    r"(?:说|讲|答|回答|回复|答复|回应|用|使用|问|称呼|告知|告诉\S?)[了出]?[：:，,]?\s*$")


@functools.cache
def _script_headings() -> tuple[str, ...]:
    return tuple(normalise_phrase(h) for h in SCRIPT_HEADINGS)


def is_script_card(text: str) -> bool:
    """Whether the text's first line names a script staff are to follow (【话术卡：催缴物业费】)."""
    end = text.find("\n", 0, 200)
    first = text[:end] if end != -1 else text[:200]
    return len(first) <= 30 and any(h in first for h in _script_headings()) and not _NEGATION.search(first)


def situation_label(label: str, roles: "Roles") -> bool:
    """Whether a line's label names a situation, not a speaker: 访客进门：“…” or
    住户抱怨管理费太贵：「…」 in a script start with a customer role but say when staff say
    the quote; a bare 访客： or 业主： is the customer speaking."""
    return label not in roles.customer and label not in roles.staff


class Quote(NamedTuple):
    open: int  # index of the opening mark
    close: int  # index of the closing mark
    mention: bool
    prescribed: bool = False  # the text tells staff to say it (a script, an answer template)


class QuoteIndex:
    """Quotations of one (normalised) text, found once, looked up per hit."""

    def __init__(self, text: str, openings: list[int] | None = None):
        """`openings`: ascending offsets of every opening mark in `text`, when known (see
        _find_quotes)."""
        spans = _find_quotes(text, openings)
        quotes: list[Quote] = []
        card = bool(spans) and is_script_card(text)
        for open_, close in spans:
            before = text[max(0, open_ - _VERB_WINDOW):open_]
            if (card or _prescribing().search(before)) and not _NEGATED_LEAD.search(before):
                quotes.append(Quote(open_, close, False, True))
                continue
            mention = text[open_] in TITLE_MARKS or bool(_mention_verbs().search(before))
            if not mention and quotes:
                previous = quotes[-1]
                # (the gap is sliced only when short: it may run to the previous quotation far back)
                mention = previous.mention and open_ - previous.close - 1 <= 3 and all(
                    c in _LIST_JOINERS for c in text[previous.close + 1:open_])
            if not mention:
                mention = text.startswith(_nouns_after(), close + 1) or names_an_event(text, open_, close)
            quotes.append(Quote(open_, close, mention))
        # a list is a mention when its last item is followed by 等说法 as well
        for i in range(len(quotes) - 2, -1, -1):
            current, following = quotes[i], quotes[i + 1]
            if following.mention and not current.mention and not current.prescribed and following.open - current.close - 1 <= 3 and all(
                    c in _LIST_JOINERS for c in text[current.close + 1:following.open]):
                quotes[i] = Quote(current.open, current.close, True, current.prescribed)
        self.quotes = quotes
        self._opens = [q.open for q in quotes]

    def enclosing(self, start: int, end: int) -> Quote | None:
        """The quotation holding [start, end) (start < end), if any. Quotations never overlap
        (they are the regex engine's successive matches), so only the last one opening before
        `start` can hold the span: any earlier one closes before that one opens."""
        i = bisect.bisect_left(self._opens, start) - 1
        if i >= 0:
            quote = self.quotes[i]
            if end <= quote.close:
                return quote
        return None


@functools.cache
def _quote_regex() -> re.Pattern[str]:
    return re.compile("|".join(
        f"{re.escape(o)}[^{re.escape(c)}\n]{{1,{MAX_QUOTE - 1}}}{re.escape(c)}" for o, c in _PAIRS.items()
    ))


def _openings(text: str) -> list[int]:
    found = []
    for mark in OPENING_MARKS:
        find = text.find
        position = find(mark)
        while position != -1:
            found.append(position)
            position = find(mark, position + 1)
    found.sort()
    return found


def _find_quotes(text: str, openings: list[int] | None = None) -> list[tuple[int, int]]:
    """(open, close) index pairs, each quotation within one line (found by the regex engine,
    not a Python loop over every character).

    The regex is tried at the opening marks only (`openings`, every offset of one, ascending;
    found here when not given), skipping any inside the previous quotation: the matches
    finditer would find, since each of its alternatives starts with an opening mark. Finding
    the marks with str.find is about three times faster than finditer's own search on a large
    text (a text the dialect layer rewrote has no openings from the scripts' pass)."""
    if openings is None:
        openings = _openings(text)
    match = _quote_regex().match
    spans = []
    done = 0  # finditer resumes after its previous match
    for position in openings:
        if position < done:
            continue
        found = match(text, position)
        if found is not None:
            done = found.end()
            spans.append((position, done - 1))
    return spans
