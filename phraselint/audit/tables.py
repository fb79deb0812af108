"""Reading transcript tables (CSV, Parquet, Arrow, JSON Lines) a batch of rows at a time.

One row per turn. Each batch comes back as rows (row number, call_id, turn, role, text,
agent_id, team, timestamp), all text or None but the turn (an int, or None when the table has
no turn column), and the rows that could not be used, each with its row number and why: no
text, undecodable bytes, a turn that is not a whole number, a line that is not a JSON object or
a CSV line with the wrong number of fields. A bad row is named and skipped, never the cause of
a crash and never dropped silently.

Row numbers are what the user finds in the file. CSV: the line a record starts on, as an editor
numbers lines (the header is line 1; a quoted line break, \r\n or \r, takes a line as it does
there, blank lines keep their places, a BOM is no line). JSON Lines: the line (lines end at
\n). Parquet and Arrow: the row counted from 1 across row groups (row n is index n - 1).

Parquet is streamed by row group, CSV by blocks and JSON Lines by lines, so memory stays
bounded by a batch whatever the table's size. Text columns are read as bytes where the format
allows it and decoded here, so one bad value costs its own row and not the batch.
"""

from __future__ import annotations

import csv
import functools
import itertools
import json
import os
from typing import Any, Iterable, Iterator, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..errors import InputError
from ..i18n.message import Message, say

REQUIRED = ("call_id", "text")  # without a role column every turn is staff's; without turn, the table's order
BATCH_ROWS = 65536
CSV_BLOCK = 1 << 22  # bytes pyarrow's CSV reader parses at a time
FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".arrow": "arrow", ".feather": "arrow",
           ".jsonl": "jsonl", ".ndjson": "jsonl"}

_BAD = object()  # a value that could not be decoded or read


class Row(NamedTuple):
    row: int
    call_id: str
    turn: int | None
    role: str | None
    text: str
    agent_id: str | None
    team: str | None
    timestamp: str | None
    file: str


class BadRow(NamedTuple):
    file: str
    row: int
    reason: Message


def table_format(path: str) -> str:
    """The reader a table's extension names; an InputError for any other."""
    format = FORMATS.get(os.path.splitext(path)[1].lower())
    if format is None:
        raise InputError(say("{path}: not a table phraselint audit reads (.csv, .parquet, .arrow, .jsonl)", path=path))
    return format


def _strings(column: pa.Array) -> list[Any]:
    """A column as Python text (None for nulls, _BAD for undecodable bytes): one cast for the
    whole column when it is valid UTF-8, else value by value."""
    if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
        try:
            return pc.cast(column, pa.string()).to_pylist()
        except (pa.ArrowInvalid, UnicodeDecodeError):
            return [None if v is None else _decoded(v) for v in column.to_pylist()]
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        try:
            return column.to_pylist()
        except UnicodeDecodeError:
            return _strings(column.cast(pa.binary()))
    if pa.types.is_floating(column.type):  # a call or agent number read as a float (CSV with blanks)
        return [None if v is None else str(int(v)) if v.is_integer() else str(v) for v in column.to_pylist()]
    return pc.cast(column, pa.string()).to_pylist()


def _decoded(value: bytes) -> Any:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return _BAD


def _whole_number(value: Any) -> Any:
    """A turn number: an int, a float without fraction, or text of one; else _BAD."""
    if isinstance(value, bool) or value is None or value is _BAD:
        return _BAD
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else _BAD
    try:
        return int(str(value).strip())
    except ValueError:
        return _BAD


def _turns(column: pa.Array | None, count: int) -> list[Any]:
    if column is None:
        return [None] * count
    if pa.types.is_integer(column.type):
        return [_BAD if v is None else v for v in column.to_pylist()]
    values = _strings(column) if not pa.types.is_floating(column.type) else column.to_pylist()
    return [_whole_number(v) for v in values]


def _rows(file: str, numbers: list[int], values: dict[str, list[Any]]) -> tuple[list[Row], list[BadRow]]:
    """Rows from columns of Python values, the bad ones set apart with why."""
    rows, bad = [], []
    none = [None] * len(numbers)
    call_ids, texts, turns = values["call_id"], values["text"], values["turn"]
    roles, agents, teams, times = (values.get(name) or none for name in ("role", "agent_id", "team", "timestamp"))
    if all(call_ids) and all(texts) and not any(_BAD in column for column in (call_ids, texts, turns, roles, agents, teams, times)):
        return list(map(Row, numbers, call_ids, turns, roles, texts, agents, teams, times, itertools.repeat(file))), []  # the usual batch: no bad row
    for i, number in enumerate(numbers):
        call_id, text, turn = call_ids[i], texts[i], turns[i]
        role, agent, team, time = roles[i], agents[i], teams[i], times[i]
        if text is _BAD or call_id is _BAD or role is _BAD or agent is _BAD or team is _BAD or time is _BAD:
            bad.append(BadRow(file, number, say("undecodable bytes (not UTF-8)")))
        elif call_id is None or call_id == "":
            bad.append(BadRow(file, number, say("no call_id")))
        elif text is None or text == "":
            bad.append(BadRow(file, number, say("no text")))
        elif turn is _BAD:
            bad.append(BadRow(file, number, say("the turn is not a whole number")))
        else:
            rows.append(Row(number, call_id, turn, role, text, agent, team, time, file))
    return rows, bad


def _columns_of(file: str, present: list[str], columns: dict[str, str]) -> dict[str, str]:
    """The table's name of each logical column it has; an InputError when a required one is missing."""
    found = {logical: name for logical, name in columns.items() if name in present}
    missing = [columns[logical] for logical in REQUIRED if logical not in found]
    if missing:
        raise InputError(say("{path}: no column {names} (the table has {present}; map one with --column, e.g. --column text=utterance)",
                             path=file, names=", ".join(missing), present=", ".join(present) or "none"))
    return found


def _arrow_batches(file: str, numbered: Iterator[tuple[pa.RecordBatch | None, list[int], list[BadRow]]],
                   found: dict[str, str]) -> Iterator[tuple[list[Row], list[BadRow]]]:
    """Rows of record batches, each given with its rows' numbers and the bad rows its format's
    reader set aside among them (CSV lines with the wrong number of fields). With call_id alone
    among `found`, (row number, call_id) pairs instead of rows (call_ids)."""
    only_calls = list(found) == ["call_id"]
    for batch, numbers, set_aside in numbered:
        if batch is None:  # bad rows after the last batch
            yield [], ([] if only_calls else set_aside)
            continue
        values = {logical: _strings(batch.column(name)) for logical, name in found.items() if logical != "turn"}
        if only_calls:
            yield [(n, c) for n, c in zip(numbers, values["call_id"]) if c and c is not _BAD], []  # type: ignore[misc]
            continue
        values["turn"] = _turns(batch.column(found["turn"]) if "turn" in found else None, batch.num_rows)
        rows, bad = _rows(file, numbers, values)
        if set_aside:
            bad = sorted(set_aside + bad, key=lambda item: item.row)
        yield rows, bad


def _counted(batches: Iterable[pa.RecordBatch], first_row: int) -> Iterator[tuple[pa.RecordBatch, list[int], list[BadRow]]]:
    """Parquet and Arrow rows, numbered from `first_row` across batches and row groups."""
    number = first_row
    for batch in batches:
        yield batch, list(range(number, number + batch.num_rows)), []
        number += batch.num_rows


def _breaks(text: str) -> int:
    """Line breaks in `text` as an editor counts them: \n, \r\n and a lone \r are one each."""
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _column_breaks(column: pa.Array) -> pa.Array:
    """_breaks of each value of a binary column, as an int array (0 for a null)."""
    counts = pc.subtract(pc.add(pc.count_substring(column, "\n"), pc.count_substring(column, "\r")),
                         pc.count_substring(column, "\r\n"))
    return pc.fill_null(counts, 0)


class _CsvLines:
    """Each CSV record's line number, the line its first character is on (the header's is 1),
    exact whatever the fields hold: quoted line breaks (\n, \r\n or \r) count as the lines
    they make, a BOM (which pyarrow drops) does not, and blank lines and malformed records
    keep their places. pyarrow gives a malformed record's record number (its handler may run a
    block ahead of the batches); a record's line is 1 + the lines the records before it took."""

    def __init__(self, file: str, header: list[str]) -> None:
        self.file = file
        self.malformed: dict[int, Any] = {}  # record number -> pyarrow's InvalidRow
        self.record = 2  # the next record's number; the header is record 1
        self.line = 2 + sum(_breaks(name) for name in header)  # where that record starts

    def invalid(self, row: Any) -> str:
        """pyarrow's invalid_row_handler: set the record aside with its number, and skip it."""
        if row.number is None:  # pyarrow numbers records when it reads them in order (use_threads=False)
            raise InputError(say("{path}: cannot read: {reason}", path=self.file, reason="a malformed line without its record number"))
        self.malformed[row.number] = row
        return "skip"

    def _set_aside(self, bad: list[BadRow]) -> None:
        """The malformed records at the current place, each named by its line."""
        while self.record in self.malformed:
            row = self.malformed.pop(self.record)
            bad.append(BadRow(self.file, self.line, say("expected {expected} fields, found {actual}",
                                                         expected=row.expected_columns, actual=row.actual_columns)))
            self.line += _breaks(row.text or "") + 1
            self.record += 1

    def numbered(self, batches: Iterable[pa.RecordBatch]) -> Iterator[tuple[pa.RecordBatch | None, list[int], list[BadRow]]]:
        """Each batch without its blank lines (every field empty: pyarrow reads a blank line so when
        told not to drop it, which keeps its place), its records' line numbers and the malformed
        records among them; then those after the last batch."""
        for batch in batches:
            count = batch.num_rows
            columns = batch.columns
            spans = [1] * count if not columns else pc.add(
                functools.reduce(pc.add, [_column_breaks(column) for column in columns]), 1).to_pylist()
            blank = functools.reduce(pc.and_, [pc.equal(pc.binary_length(column), 0) for column in columns]) \
                if columns else None
            bad: list[BadRow] = []
            if min(self.malformed, default=self.record + count) >= self.record + count:  # none among these records
                starts = list(itertools.accumulate(spans[:-1], initial=self.line)) if count else []  # a block of malformed lines alone gives no row
                self.line += sum(spans)
                self.record += count
            else:
                starts = []
                for span in spans:
                    self._set_aside(bad)
                    starts.append(self.line)
                    self.line += span
                    self.record += 1
            if blank is not None and pc.any(blank).as_py():
                keep = pc.invert(pc.fill_null(blank, False))
                starts = list(itertools.compress(starts, keep.to_pylist()))
                batch = batch.filter(keep)
            self._set_aside(bad)
            yield batch, starts, bad
        bad = []
        self._set_aside(bad)
        for number in sorted(self.malformed):  # past a gap in pyarrow's numbering (it leaves none): where reached
            self.record = number
            self._set_aside(bad)
        if bad:
            yield None, [], bad


def _csv_header(file: str) -> list[str]:
    """A CSV table's column names: its first record, read alone (pyarrow would parse and convert
    a whole first block to find them, failing on a malformed line or a bad byte the reading
    proper names as a bad row). pyarrow drops a UTF-8 BOM; so does utf-8-sig."""
    with open(file, encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:  # bad bytes further on are not the header's
        try:
            names = next(csv.reader(handle), [])
        except csv.Error as exc:
            raise InputError(say("{path}: cannot read: {reason}", path=file, reason=str(exc))) from None
    if any(_decoded(name.encode("utf-8", "surrogateescape")) is _BAD for name in names):
        raise InputError(say("{path}: cannot read: {reason}", path=file, reason="the header is not UTF-8"))
    return names


def _csv_batches(file: str, columns: dict[str, str], only: tuple[str, ...] | None) -> Iterator[tuple[list[Row], list[BadRow]]]:
    header = _csv_header(file)
    found = _columns_of(file, header, columns)
    if only is not None:
        found = {k: v for k, v in found.items() if k in only}
    lines = _CsvLines(file, header)
    # every column is read (as bytes, which costs little: the parser splits them all anyway) so
    # that the line breaks in all of a record's fields are counted
    reader = pa_csv.open_csv(
        file, read_options=pa_csv.ReadOptions(block_size=CSV_BLOCK, use_threads=False),
        parse_options=pa_csv.ParseOptions(invalid_row_handler=lines.invalid, newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pa_csv.ConvertOptions(column_types={name: pa.binary() for name in header}))
    yield from _arrow_batches(file, lines.numbered(reader), found)


def _jsonl_batches(file: str, columns: dict[str, str], only: tuple[str, ...] | None) -> Iterator[tuple[list[Row], list[BadRow]]]:
    wanted = [(logical, name) for logical, name in columns.items() if only is None or logical in only]
    with open(file, "rb") as handle:
        number = 0
        while True:
            lines = handle.readlines(1 << 22)
            if not lines:
                break
            numbers, bad = [], []
            values: dict[str, list[Any]] = {logical: [] for logical, _ in wanted}
            for raw in lines:
                number += 1
                if not raw.strip():
                    continue
                try:
                    item = json.loads(raw)
                except UnicodeDecodeError:
                    bad.append(BadRow(file, number, say("undecodable bytes (not UTF-8)")))
                    continue
                except ValueError:
                    bad.append(BadRow(file, number, say("not a JSON object")))
                    continue
                if not isinstance(item, dict):
                    bad.append(BadRow(file, number, say("not a JSON object")))
                    continue
                numbers.append(number)
                for logical, name in wanted:
                    value = item.get(name)
                    values[logical].append(value if logical == "turn" or value is None or isinstance(value, str)
                                           else str(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False))
            # a line without the turn field keeps its place in the file (run.py orders a call by turn only when all have one)
            values["turn"] = [None if v is None else _whole_number(v) for v in values.get("turn", [None] * len(numbers))]
            for logical in ("call_id", "text"):
                values.setdefault(logical, [None] * len(numbers))
            if only is not None and list(only) == ["call_id"]:
                yield [(n, c) for n, c in zip(numbers, values["call_id"]) if c], []  # type: ignore[misc]
                continue
            rows, more = _rows(file, numbers, values)
            yield rows, bad + more


def read_table(file: str, columns: dict[str, str], *, only: tuple[str, ...] | None = None) -> Iterator[tuple[list[Row], list[BadRow]]]:
    """Batches of (rows, bad rows) of one table. `columns`: logical name → the table's; `only`:
    the logical columns to read (the call index reads call_id alone). An InputError when the
    table cannot be read at all (named, with why)."""
    format = table_format(file)
    try:
        if format == "csv":
            yield from _csv_batches(file, columns, only)
        elif format == "jsonl":
            yield from _jsonl_batches(file, columns, only)
        else:
            yield from _columnar_batches(file, format, columns, only)
    except OSError as exc:
        raise InputError(say("{path}: cannot read: {reason}", path=file, reason=exc.strerror or str(exc))) from None
    except (pa.ArrowException, ValueError) as exc:
        raise InputError(say("{path}: cannot read: {reason}", path=file, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None


def _columnar_batches(file: str, format: str, columns: dict[str, str], only: tuple[str, ...] | None) -> Iterator[tuple[list[Row], list[BadRow]]]:
    if format == "parquet":
        table = pq.ParquetFile(file)
        found = _columns_of(file, table.schema_arrow.names, columns)
        if only is not None:
            found = {k: v for k, v in found.items() if k in only}
        batches = table.iter_batches(batch_size=BATCH_ROWS, columns=list(dict.fromkeys(found.values())))
    else:
        reader = pa.ipc.open_file(pa.memory_map(file))
        found = _columns_of(file, reader.schema.names, columns)
        if only is not None:
            found = {k: v for k, v in found.items() if k in only}
        batches = (reader.get_batch(i) for i in range(reader.num_record_batches))
    yield from _arrow_batches(file, _counted(batches, 1), found)


def call_ids(file: str, columns: dict[str, str]) -> Iterator[list[tuple[int, str]]]:
    """(row number, call_id) of each row with a call_id, batch by batch, the other columns unread:
    where each call ends, so that a call is checked once its last row is read (run.py)."""
    for pairs, _ in read_table(file, columns, only=("call_id",)):
        yield pairs  # type: ignore[misc]


def has_role_column(file: str, columns: dict[str, str]) -> bool:
    """Whether a table has the role column: in its schema, or (JSON Lines) in its first object. Without
    one every turn is staff's; with one, a row whose role is undecided is a bad row."""
    name = columns["role"]
    format = table_format(file)
    try:
        if format == "parquet":
            return name in pq.ParquetFile(file).schema_arrow.names
        if format == "arrow":
            return name in pa.ipc.open_file(pa.memory_map(file)).schema.names
        if format == "csv":
            return name in _csv_header(file)
        with open(file, "rb") as handle:
            for line in handle:
                if line.strip():
                    try:
                        item = json.loads(line)
                    except ValueError:
                        continue
                    return isinstance(item, dict) and name in item
    except OSError as exc:
        raise InputError(say("{path}: cannot read: {reason}", path=file, reason=exc.strerror or str(exc))) from None
    except (pa.ArrowException, ValueError) as exc:
        raise InputError(say("{path}: cannot read: {reason}", path=file, reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None
    return False
