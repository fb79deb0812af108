"""Lists of wording to avoid: mentions, quoted or not.

A handbook shows what not to say without quotation marks as often as with them:
- a row marked as the bad half of a pair: `× 你先听我说 → √ 请您先说`, `✗ 等一下`;
- a block introduced by a heading that names wording to avoid (服务忌语：, 切勿说以下的话,
  反面示范, 错误说法) — its list items, or every line of a role-play up to the next blank line;
- the options of a quiz on wording (下列哪一句是正确的说法？ A. … B. …);
- the column of a Markdown table headed 忌语 / 错误说法 (| 忌语 | 规范用语 |);
- the object of an instruction not to say it, in prose: 不要动不动就问人家姓甚名谁, 切勿说不知道.

The part of a line after a good-wording marker (√, →, 改为, 正确说法) is not a mention: it
is the polite version. Everything works on the normalised (simplified) text (see MentionIndex
for what is read where).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from ..text.normalise import normalise_phrase
from .reader_clauses import names_readers

# words that head a list of wording to avoid (normalised to simplified before use)
AVOID_HEADINGS = (
    "忌语", "禁用语", "禁语", "忌用语", "服务忌语", "切勿说", "切忌说", "不要说", "别说", "避免说", "不能说", "不可说",
    "不应说", "不宜说", "禁止说", "错误示范", "反面示范", "反面例子", "错误说法", "错误用语", "错误示例", "不当用语",
    "不恰当", "不规范用语", "不礼貌用语", "常见错误", "反例", "错例", "负面用语", "切勿使用", "避免使用",
    "避免的语句", "避免的说法", "避免的用语", "避免的话", "禁忌用语", "忌讳的话", "唔好讲",
    # an exercise listing wording to be rewritten: 请把下列说法改成礼貌用语：1. 你电话多少啊？
    # (not 改写下列句子: such an exercise may go on with a trainee's answer, which is a use)
    "下列说法", "以下说法", "下列用语", "以下用语",
)
QUIZ_HEADINGS = ("哪一句", "哪句", "哪一个", "下列哪", "以下哪", "边句", "边一句", "边个讲法", "选项", "圈出", "测验", "小测")
QUIZ_TOPICS = ("说法", "用语", "回应", "回答", "句", "讲法", "应对")
# a quiz question that asks for the wording itself (应该怎么说？ 应该点讲？): its options follow
QUIZ_ASKS = ("怎么说", "怎样说", "如何说", "怎么讲", "点讲", "点样讲", "点样回应", "如何应答", "如何回应", "如何回答",
             "怎么回答", "怎么回应", "怎么应对")
BAD_MARKS = ("×", "✗", "✘", "❌", "✕", "〤", "[x]", "(x)", "（x）", "错：", "错:", "误：", "误:")
GOOD_MARKS = ("√", "✓", "✔", "✅", "→", "⇒", "=>", "->", "改为", "改成", "应说", "应该说", "宜说", "正确说法", "正确：",
              "规范用语", "礼貌用语", "正面示范", "建议说法", "参考答案", "答案")
MAX_HEADING = 40  # characters: a longer line is prose, not a heading

_LIST_ITEM = (r"[ \t]*(?:[-*+•·・‧▪◦]|\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[a-hA-H][.、．)）]|[（(][a-hA-H][)）]|[①-⑳]"
              r"|[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十]{1,3}[)）])[ \t]*")
# 应避免的语句（摘自讲义）：a；b；c。 — a heading and its list on one line, up to the sentence's end
_INLINE_TAIL = re.compile(r"[^：:\n]{0,24}?[：:]")


@functools.cache
def _markers() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    fold = lambda words: tuple(sorted({normalise_phrase(w) for w in words}, key=len, reverse=True))  # noqa: E731
    return fold(AVOID_HEADINGS), fold(QUIZ_HEADINGS + QUIZ_ASKS), fold(QUIZ_TOPICS), fold(BAD_MARKS), fold(GOOD_MARKS)


@functools.cache
def _quiz_asks() -> tuple[str, ...]:
    return tuple(normalise_phrase(w) for w in QUIZ_ASKS)


@functools.cache
def _list_item() -> re.Pattern[str]:
    return re.compile(_LIST_ITEM)


def _good_from(line: str, start: int, good: tuple[str, ...]) -> int:
    """Where the polite half of a line begins (its length when it has none)."""
    cut = len(line)
    for mark in good:
        found = line.find(mark, start)
        if found != -1 and found < cut:
            cut = found
    return cut


def _asks_for_wording(line: str) -> bool:
    """第3题：住户讲话太快，应该怎么说？ — a question whose answer is the wording."""
    return line.endswith(("?", "？")) and any(w in line for w in _quiz_asks())


def _inline_list(line: str, avoid: tuple[str, ...], good: tuple[str, ...]) -> tuple[int, int] | None:
    """(start, end) in `line` of a list of wording to avoid that follows its heading on the
    same line (五、禁忌用语：不知道、没办法等一律禁止使用。), to the sentence's end."""
    for word in avoid:
        at = line.find(word)
        if at == -1:
            continue
        colon = _INLINE_TAIL.match(line, at + len(word))
        if colon is None or colon.end() >= len(line):
            return None
        tail = colon.end()
        stop = line.find("。", tail)
        end = _good_from(line, tail, good)
        return (tail, min(end, stop) if stop != -1 else end)
    return None


def _table_cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a Markdown table row, inside its pipes."""
    pipes = [i for i, char in enumerate(line) if char == "|"]
    return [(a + 1, b) for a, b in zip(pipes, pipes[1:])]


def might_hold_lists(text: str) -> bool:
    """A cheap test first: most blocks hold no marker at all."""
    avoid, quiz, _, bad, _ = _markers()
    return any(mark in text for mark in bad) or any(word in text for word in avoid) or any(word in text for word in quiz)


# 不要 / 切勿 ... then at most a few characters (动不动就, 随便, 对业主) and a verb of saying right
# before the hit, within its clause
_NEGATED_SAYING = (
    r"(?:不要|切勿|切忌|避免|禁止|千万别|别再|勿|不可|不应|不应该|不能|不得|严禁|杜绝)[^，。！？；,.!?;\n]{0,6}?"
    r"(?:说|讲|问|使用|用|回答|答|回复|称呼|叫)(?:人家|业主|客人|对方|住户|访客|来电人)?[：:，, ]?$"
)


_SAYING_CHARS = frozenset("说讲问用答复称叫")


@functools.cache
def _negated_saying() -> re.Pattern[str]:
    return re.compile(_NEGATED_SAYING)


class ListState(NamedTuple):
    """Where a text (a piece of a file, see engine/pieces.py) leaves a list of wording to avoid
    that its last block opened: the next piece's first lines go on in it, as in a whole-text
    check, instead of needing a heading of their own."""

    block: str | None = None  # None, "avoid" or "quiz" (see mention_spans)
    column: int | None = None  # a table's column of wording to avoid
    mid_line: bool = False  # the text ended inside a line, which the next piece's first line continues
    span_open: bool = False  # ... inside a mention that runs on to that line's polite half or end

    @property
    def open(self) -> bool:
        return self.block is not None or self.column is not None or self.mid_line


class MentionIndex:
    """Answers "is this hit wording shown to be avoided?" for one normalised text.

    An instruction not to say it (切勿说不知道) is read in any text, from the few characters
    before the hit, and so is a notice's clause naming its readers (不清楚…的住户，可联系…:
    reader_clauses.py), which answers nobody. Lists, pairs, quizzes and tables are read in training documents only —
    where handbooks show wording to avoid — and there the text is read once, from each
    marker's line to the end of its block."""

    def __init__(self, text: str, training: bool, opening: ListState | None = None):
        self.text = text
        self.training = training
        self.opening = opening  # the list the previous piece ended inside, if any
        self._spans: tuple[list[int], list[int]] | None = None  # starts, ends

    def holds(self, start: int, end: int) -> bool:
        before = max(0, start - 16)
        # most hits have no verb of saying just before them: one set operation spares the regex
        if not _SAYING_CHARS.isdisjoint(self.text[before:start]) and _negated_saying().search(self.text, before, start):
            return True
        if names_readers(self.text, start, end):  # 不知道如何…的住户，欢迎… describes a notice's readers
            return True
        if not self.training:
            return False
        if self._spans is None:
            spans = _spans_from_markers(self.text, self.opening)
            self._spans = ([a for a, _ in spans], [b for _, b in spans])
        starts, ends = self._spans
        i = bisect.bisect_right(starts, start) - 1
        return i >= 0 and end <= ends[i]


def _spans_from_markers(text: str, opening: ListState | None = None) -> list[tuple[int, int]]:
    """mention_spans over the blocks that hold a marker, each block read once; the first block
    too, whatever it holds, when `opening` says it goes on in a list a previous piece opened."""
    avoid, quiz, _, bad, _ = _markers()
    markers = []
    for word in (*bad, *avoid, *quiz):
        position = text.find(word)
        while position != -1:
            markers.append(position)
            position = text.find(word, position + 1)
    spans: list[tuple[int, int]] = []
    done = -1
    if opening is not None and opening.open:
        first_end = text.find("\n\n")
        done = len(text) if first_end == -1 else first_end
        spans += _scan(text[:done], opening)[0]
    for marker in sorted(markers):
        if marker < done:
            continue
        block_start = text.rfind("\n\n", 0, marker)
        block_start = 0 if block_start == -1 else block_start + 2
        block_start = max(block_start, done)
        block_end = text.find("\n\n", marker)
        done = len(text) if block_end == -1 else block_end
        spans += [(a + block_start, b + block_start) for a, b in mention_spans(text[block_start:done])]
    return spans


def mention_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) spans of `text` (normalised) that are wording shown to be avoided."""
    if not might_hold_lists(text):
        return []
    return _scan(text, ListState())[0]


def list_state(text: str, opening: ListState | None = None) -> ListState:
    """The list a piece (normalised) leaves open at its end for the next piece, given the one it
    opened in: only its last block is read (a blank line closes every list)."""
    cut = text.rfind("\n\n")
    if cut != -1:
        block, opening = text[cut + 2:], None
    else:
        block = text
    if not (opening is not None and opening.open) and not might_hold_lists(block):
        return ListState()
    return _scan(block, opening or ListState())[1]


def _scan(text: str, state: ListState) -> tuple[list[tuple[int, int]], ListState]:
    """mention_spans of `text` read from `state` (a list a previous piece left open), and the
    state it leaves at its end."""
    avoid, quiz, topics, bad, good = _markers()
    item = _list_item().match
    spans: list[tuple[int, int]] = []
    block = state.block  # None, "avoid" (every line a mention) or "quiz" (list items are)
    column = state.column  # a table's column of wording to avoid
    position = 0
    lines = text.split("\n")
    if lines[-1] == "":  # the text ends with a line break: no line follows it here
        lines.pop()
    for number, line in enumerate(lines):
        start, position = position, position + len(line) + 1
        if number == 0 and state.mid_line:  # the rest of a line the previous piece began: already read
            if state.span_open:
                spans.append((start, start + _good_from(line, 0, good)))
            continue
        stripped = line.strip()
        if not stripped:
            block, column = None, None
            continue
        if stripped.startswith("|"):
            cells = _table_cells(line)
            if column is None:
                column = next((i for i, (a, b) in enumerate(cells) if any(w in line[a:b] for w in avoid)), None)
                if column is not None:
                    continue
            elif column < len(cells) and not set(stripped) <= set("|-: "):
                a, b = cells[column]
                spans.append((start + a, start + b))
            continue
        column = None
        body = item(line)
        body_start = body.end() if body else 0
        marked = next((mark for mark in bad if line.startswith(mark, body_start)), None)
        if marked is not None:  # × 你先听我说 → √ 请您先说
            spans.append((start + body_start, start + _good_from(line, body_start + len(marked), good)))
            continue
        # (a short heading line is read below: it opens a block of wording to avoid)
        inline = _inline_list(line, avoid, good) if body or len(stripped) > MAX_HEADING else None
        if inline is not None:
            spans.append((start + inline[0], start + inline[1]))
            continue
        if len(stripped) <= MAX_HEADING and not body:
            heading = next((w for w in avoid if w in line), None)
            if heading is not None and _good_from(line, 0, good) > line.find(heading):
                block = "avoid"
                after = line.find(heading) + len(heading)
                tail = line[after:].lstrip("：:，, \t")
                if tail:  # 切勿说：不知道、不清楚
                    spans.append((start + len(line) - len(tail), start + _good_from(line, after, good)))
                continue
            if any(w in line for w in quiz) and (any(w in line for w in topics) or _asks_for_wording(stripped)):
                block = "quiz"
                # the question sets a scene (住客讲嘢你听唔清楚，应该点讲？): nobody's wording
                spans.append((start, start + len(line)))
                continue
            if block and _good_from(line, 0, good) == 0:  # 正确说法： ends the list
                block = None
                continue
        if block == "avoid" or (block == "quiz" and body):
            spans.append((start + body_start, start + _good_from(line, body_start, good)))
        elif block == "quiz":
            block = None  # 答案：B — the options are over
    mid_line = bool(text) and not text.endswith("\n")
    span_open = mid_line and bool(spans) and spans[-1][1] == len(text)
    return [(a, b) for a, b in spans if a < b], ListState(block, column, mid_line, span_open)
