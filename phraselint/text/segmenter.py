"""Word boundaries, computed only on the neighbourhood of a candidate.

The segmentation is jieba's own (its dictionary, its no-HMM algorithm: a DAG of dictionary
words and the maximum-probability route through it) without jieba's start-up cost:
`import jieba` plus loading its dictionary takes about a second and 90 MB. Here the
dictionary is an SQLite index built once in the user cache folder, and only the words a
text actually touches are looked up (and kept). The test suite pins that the verdicts equal
jieba's on every corpus item.

Without the HMM: the HMM invents words (这不关) that would hide real hits; only dictionary
words should veto a match.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import re

from ..cache_folder import FORMAT, cache_dir, prune_other_formats, read_entry, stamp_entry
from ..lazy import sqlite3, tempfile

# jieba cuts text into blocks of these characters and segments each block on its own,
# so a window that reaches the block's ends segments exactly as the whole text would.
_BLOCK_CLASS = r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]"
_BLOCK_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")


_HEADER = 100  # bytes of an SQLite file's header; its change counter moves with every write
_COUNTED = "typeof(n) = 'integer' AND n >= 0"  # a row of any other count is not one we wrote
_TOTAL = f"SELECT n FROM meta WHERE k = 'total' AND {_COUNTED}"

_ENGLISH_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
MAX_REACH = 32  # characters of context each side, when a block is longer than that


@functools.cache
def _block_run() -> re.Pattern[str]:
    return re.compile(f"{_BLOCK_CLASS}*")


@functools.cache
def _block_regex() -> re.Pattern[str]:
    return re.compile(f"({_BLOCK_CLASS}+)")


def _jieba_dictionary() -> str:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - dependency missing
        raise RuntimeError("jieba is not installed")
    return os.path.join(os.path.dirname(spec.origin), "dict.txt")


def _read_dictionary(path: str) -> tuple[dict[str, int], int]:
    """jieba's gen_pfdict: every word with its frequency, every prefix of a word with 0."""
    frequencies: dict[str, int] = {}
    total = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.strip().split(" ")
            if len(parts) < 2:
                continue
            word, count = parts[0], int(parts[1])
            frequencies[word] = count
            total += count
            for end in range(1, len(word)):
                frequencies.setdefault(word[:end], 0)
    return frequencies, total


class _Frequencies:
    """Frequency lookups: an SQLite index on disk, remembered per process as they are made."""

    def __init__(self) -> None:
        source = _jieba_dictionary()
        stat = os.stat(source)
        self._memo: dict[str, int | None] = {}
        self._db = None
        folder = cache_dir()
        if folder is not None:

            index = os.path.join(folder, f"jieba-words-{FORMAT}-{stat.st_size}-{int(stat.st_mtime)}.sqlite")
            try:
                self._db = self._open(index) or self._build(source, index)
            except (sqlite3.Error, OSError):
                self._db = None
        if self._db is None:  # no usable cache folder: hold the whole dictionary in memory
            frequencies, self.total = _read_dictionary(source)
            self._memo.update(frequencies)
            self._complete = True
        else:
            self._complete = False

    @staticmethod
    def _open(index: str):
        """The index, read-only, when it is ours and unchanged since it was built (its stamp:
        cache_folder.read_entry); else None, and it is rebuilt. Opened `immutable`: it is never
        written in place (a new one is renamed over it), so SQLite need take no locks and never
        looks for a journal beside it. Rows whose count is not an integer are never read."""
        if read_entry(index, covered=_HEADER) is None:  # missing, another user's, or changed
            return None
        # In an SQLite URI, %, ? and # in the path must be escaped, or the index is never opened.
        escaped = index.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        try:
            db = sqlite3.connect(f"file:{escaped}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            row = db.execute(_TOTAL).fetchone()
            if row is None or row[0] <= 0:
                db.close()
                return None  # incomplete, or not an index of ours: rebuilt below
            return db
        except sqlite3.Error:
            return None  # corrupt: rebuilt below

    def _build(self, source: str, index: str):

        frequencies, total = _read_dictionary(source)
        # Each builder writes its own temporary file (several processes of one `--jobs` run may
        # build at the same moment), then renames it into place: readers see a whole index or none.
        handle, temporary = tempfile.mkstemp(prefix=".jieba-words-", suffix=".building", dir=os.path.dirname(index))
        os.close(handle)
        try:
            db = sqlite3.connect(temporary)
            db.execute("CREATE TABLE words (w TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, n INTEGER)")
            db.executemany("INSERT INTO words VALUES (?, ?)", frequencies.items())
            db.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
            db.commit()
            db.close()
            with open(temporary, "rb") as built:
                header = built.read(_HEADER)
            os.replace(temporary, index)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        stamp_entry(index, header, covered=_HEADER)
        self._memo.update(frequencies)  # this process has them all anyway
        prune_other_formats(os.path.dirname(index))
        return self._open(index)

    @functools.cached_property
    def total(self) -> int:  # type: ignore[override]
        assert self._db is not None
        return self._db.execute(_TOTAL).fetchone()[0]

    def prefetch(self, blocks) -> None:
        """Look up at once the words that cutting `blocks` will ask about: for each start, the
        fragments of length 1, 2 ... for as long as the shorter ones are known (the DAG's own
        order of questions), one query per length for all blocks instead of one per word."""
        if self._complete or self._db is None:
            return
        memo = self._memo
        alive = [(block, start) for block in blocks for start in range(len(block))]
        length = 1
        while alive:
            # a membership test per fragment: `set - memo.keys()` walks every key of the memo
            # (all the dictionary's words once an index was built in this process: 40 s a cold start)
            missing = [word for word in {block[start:start + length] for block, start in alive} if word not in memo]
            for first in range(0, len(missing), 500):
                chunk = missing[first:first + 500]
                found = dict(self._db.execute(
                    f"SELECT w, n FROM words WHERE w IN ({','.join('?' * len(chunk))}) AND {_COUNTED}", chunk).fetchall())
                for word in chunk:
                    memo[word] = found.get(word)
            alive = [(block, start) for block, start in alive
                     if start + length < len(block) and memo[block[start:start + length]] is not None]
            length += 1

    def get(self, word: str) -> int | None:
        """The word's frequency; 0 for a prefix of a longer word; None when unknown."""
        memo = self._memo
        if word in memo:
            return memo[word]
        if self._complete or self._db is None:
            return None
        row = self._db.execute(f"SELECT n FROM words WHERE w = ? AND {_COUNTED}", (word,)).fetchone()
        value = row[0] if row else None
        memo[word] = value
        return value


class Segmenter:
    def __init__(self) -> None:
        self._verdicts: dict[tuple[str, int, int], bool] = {}

    @functools.cached_property
    def _frequencies(self) -> _Frequencies:
        return _Frequencies()

    def _cut_block(self, block: str) -> list[str]:
        """jieba's __cut_DAG_NO_HMM: the maximum-probability route through the word DAG."""
        frequencies = self._frequencies
        get = frequencies.get
        length = len(block)
        dag: list[list[int]] = []
        for start in range(length):
            ends = []
            end = start
            fragment = block[start]
            while end < length:
                count = get(fragment)
                if count is None:
                    break
                if count:
                    ends.append(end)
                end += 1
                fragment = block[start:end + 1]
            dag.append(ends or [start])
        log_total = math.log(frequencies.total)
        route: list[tuple[float, int]] = [(0.0, 0)] * (length + 1)
        for start in range(length - 1, -1, -1):
            route[start] = max(
                (math.log(get(block[start:end + 1]) or 1) - log_total + route[end + 1][0], end) for end in dag[start]
            )
        words: list[str] = []
        position = 0
        buffer = ""
        while position < length:
            end = route[position][1] + 1
            word = block[position:end]
            if len(word) == 1 and word in _ENGLISH_CHARS:
                buffer += word
            else:
                if buffer:
                    words.append(buffer)
                    buffer = ""
                words.append(word)
            position = end
        if buffer:
            words.append(buffer)
        return words

    def cut(self, text: str) -> list[str]:
        """The same words as jieba.lcut(text, HMM=False)."""
        words: list[str] = []
        blocks = _block_regex()
        for block in blocks.split(text):
            if not block:
                continue
            if blocks.fullmatch(block):
                words.extend(self._cut_block(block))
            else:
                for part in re.split(r"(\r\n|\s)", block):
                    if re.fullmatch(r"\r\n|\s", part):
                        words.append(part)
                    else:
                        words.extend(part)
        return words

    def window(self, text: str, start: int, end: int) -> tuple[int, int]:
        """The block of jieba-segmentable text around [start, end), at most MAX_REACH each side
        (runs of block characters measured by the regex engine, not a Python loop)."""
        run = _block_run()
        left = start - run.match(text[max(0, start - MAX_REACH):start][::-1]).end()
        right = run.match(text, end, end + MAX_REACH).end()
        return left, right

    def boundary_key(self, text: str, start: int, end: int) -> tuple[str, int, int] | None:
        """What the verdict on [start, end) depends on: its window and the span in it; None when
        nothing is to be segmented (punctuation or the text's ends on both sides)."""
        if start == 0 or not ("\u4e00" <= (before := text[start - 1]) <= "\u9fd5" or before in _BLOCK_ASCII):
            if end >= len(text) or not ("\u4e00" <= (after := text[end]) <= "\u9fd5" or after in _BLOCK_ASCII):
                return None  # what window() would show: neither neighbour is in a block
        left, right = self.window(text, start, end)
        if left == start and right == end:
            return None
        return text[left:right], start - left, end - left

    def known(self, key: tuple[str, int, int]) -> bool | None:
        """The remembered verdict of a boundary_key, or None."""
        return self._verdicts.get(key)

    def verdicts(self, keys: list[tuple[str, int, int]]) -> list[bool]:
        """The verdicts of many boundary_keys, their dictionary words looked up together first."""
        blocks = _block_regex()
        unknown = {key[0] for key in keys if key not in self._verdicts}
        if unknown:
            self._frequencies.prefetch({b for window in unknown for b in blocks.split(window) if b and blocks.fullmatch(b)})
        return [self._verdict(key) for key in keys]

    def _verdict(self, key: tuple[str, int, int]) -> bool:
        verdict = self._verdicts.get(key)
        if verdict is None:
            ends = {0}
            position = 0
            for word in self.cut(key[0]):
                position += len(word)
                ends.add(position)
            verdict = key[1] in ends and key[2] in ends
            if len(self._verdicts) > 65536:
                self._verdicts.clear()
            self._verdicts[key] = verdict
        return verdict

    def on_boundaries(self, text: str, start: int, end: int) -> bool:
        """True when [start, end) neither starts nor ends inside a word."""
        key = self.boundary_key(text, start, end)
        return True if key is None else self._verdict(key)
