"""The findings of a file checked in pieces, held compactly until the report is written.

A large file can have millions of findings (6 million in a 200 MB log), and a Finding with
its fields costs about 450 bytes. Most of a finding repeats: its rule, message, suggestions
and often its very match. The store keeps each distinct repeated part (a head) once, and per
finding five numbers in one array: its head, offset, line, column and turn, 40 bytes. Its
end, end line and end column follow from the match (text[offset:end_offset] == match); a
finding for which they do not is kept whole. Findings come back as Finding tuples, built as
they are read.
"""

from __future__ import annotations

from array import array
from typing import Iterable, Iterator

from ..model import Finding

_NO_TURN = -1
_WIDTH = 5  # numbers per finding: head, offset, line, column, turn


def _ends(match: str, line: int, column: int) -> tuple[int, int]:
    """(end line, end column) of a span starting at (line, column) whose text is `match`."""
    breaks = match.count("\n")
    if breaks:
        return line + breaks, len(match) - match.rfind("\n")
    return line, column + len(match)


class FindingStore:
    """A sequence of findings (len, iteration, indexing) that costs little memory per finding."""

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._heads: list[tuple] = []  # (rule, level, category, message, match, suggestions, fix, source, role, mention, similar)
        self._index: dict[tuple, int] = {}
        self._numbers = array("q")  # _WIDTH per finding
        self._odd: dict[int, Finding] = {}  # by position: findings whose ends do not follow from the match
        self.extend(findings)

    def append(self, f: Finding) -> None:
        self.extend((f,))

    def extend(self, findings: Iterable[Finding], offset: int = 0, lines: int = 0, first_column: int = 1) -> None:
        """Findings after those held (the common case: each piece's, in order), moved by
        `offset` characters and `lines` lines, and on their first line to `first_column` (a
        piece's findings, stored in the file's terms without building each one again)."""
        heads, index, odd, numbers = self._heads, self._index, self._odd, self._numbers
        add = numbers.extend
        columns = first_column - 1
        for f in findings:
            (rule, level, category, message, match, start, end, line, column, end_line, end_column,
             suggestions, fix, source, turn, role, mention, similar) = f
            # category and source follow from the rule; a level is an enum, whose hash runs in
            # Python: its identity stands in for it
            key = (rule, id(level), message, match, suggestions, fix, role, mention, similar)
            head = index.get(key)
            if head is None:
                head = index[key] = len(heads)
                heads.append((rule, level, category, message, match, suggestions, fix, source, role, mention, similar))
            size = len(match)
            if end - start != size or end_line != line or end_column != column + size:
                if end - start != size or (end_line, end_column) != _ends(match, line, column):
                    odd[len(numbers) // _WIDTH] = _moved(f, offset, lines, columns)
            if columns and line == 1:
                column += columns
            add((head, start + offset, line + lines, column, _NO_TURN if turn is None else turn))

    def insert(self, position: int, f: Finding) -> None:
        """A finding that comes late, at `position` (array insertion: for the few that do)."""
        if position >= len(self):
            self.extend((f,))
            return
        self._odd = {i + (i >= position): odd for i, odd in self._odd.items()}
        tail = self._numbers[position * _WIDTH:]
        del self._numbers[position * _WIDTH:]
        self.extend((f,))
        self._numbers.extend(tail)

    def offset(self, position: int) -> int:
        return self._numbers[position * _WIDTH + 1]

    @property
    def offsets(self) -> "_Offsets":
        """Each finding's offset, in order (for placing a finding that comes late with bisect)."""
        return _Offsets(self)

    def __len__(self) -> int:
        return len(self._numbers) // _WIDTH

    def __bool__(self) -> bool:
        return bool(self._numbers)

    def __getitem__(self, position: int) -> Finding:
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        if position in self._odd:
            return self._odd[position]
        start = position * _WIDTH
        return self._build(*self._numbers[start:start + _WIDTH])

    def _build(self, head: int, offset: int, line: int, column: int, turn: int) -> Finding:
        rule, level, category, message, match, suggestions, fix, source, role, mention, similar = self._heads[head]
        end_line, end_column = _ends(match, line, column)
        return tuple.__new__(Finding, (rule, level, category, message, match, offset, offset + len(match), line, column,
                                       end_line, end_column, suggestions, fix, source,
                                       None if turn == _NO_TURN else turn, role, mention, similar))

    def __iter__(self) -> Iterator[Finding]:
        heads, odd, build = self._heads, self._odd, tuple.__new__
        numbers = iter(self._numbers)
        for position, (head, offset, line, column, turn) in enumerate(zip(numbers, numbers, numbers, numbers, numbers)):
            if odd and position in odd:
                yield odd[position]
                continue
            rule, level, category, message, match, suggestions, fix, source, role, mention, similar = heads[head]
            size = len(match)
            if "\n" in match:
                end_line, end_column = _ends(match, line, column)
            else:
                end_line, end_column = line, column + size
            yield build(Finding, (rule, level, category, message, match, offset, offset + size, line, column, end_line,
                                  end_column, suggestions, fix, source, None if turn == _NO_TURN else turn, role, mention, similar))

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (FindingStore, list)) else NotImplemented

    def __repr__(self) -> str:
        return f"FindingStore({len(self)} findings)"


def _moved(f: Finding, offset: int, lines: int, columns: int) -> Finding:
    """`f` moved as FindingStore.extend moves the findings it stores."""
    if not (offset or lines or columns):
        return f
    return f._replace(offset=f.offset + offset, end_offset=f.end_offset + offset, line=f.line + lines,
                      column=f.column + (columns if f.line == 1 else 0), end_line=f.end_line + lines,
                      end_column=f.end_column + (columns if f.end_line == 1 else 0))


class _Offsets:
    """The store's offsets as a sequence, for bisect."""

    def __init__(self, store: FindingStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return len(self._store)

    def __getitem__(self, position: int) -> int:
        return self._store.offset(position)
