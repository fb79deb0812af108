"""Reading transcript tables (CSV, Parquet, Arrow, JSON Lines) a batch of rows at a time.

One row per turn. Each batch comes back as rows (row number, call_id, turn, role, text,
agent_id, team, timestamp), all text or None but the turn (an int, or None when the table has
no turn column), and the rows that could not be used, each with its row number and why: no
text, undecodable bytes, a turn that is not a whole number, a line that is not a JSON object or
a CSV line with the wrong number of fields. A bad row is named and skipped, never the cause of
a crash and never dropped silently.

Row numbers are what the user finds in the file: CSV lines (the header is line 1), JSON Lines
lines, Parquet and Arrow rows counted from 1.

Parquet is streamed by row group, CSV by blocks and JSON Lines by lines, so memory stays
bounded by a batch whatever the table's size. Text columns are read as bytes where the format
allows it and decoded here, so one bad value costs its own row and not the batch.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterator, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..errors import InputError
from ..i18n.message import Message, say

REQUIRED = ("call_id", "text")  # without a role column every turn is staff's; without turn, the table's order
BATCH_ROWS = 65536
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


def _arrow_batches(file: str, batches: Iterator[pa.RecordBatch], found: dict[str, str], first_row: int,
                   skipped: list[BadRow]) -> Iterator[tuple[list[Row], list[BadRow]]]:
    """Rows of record batches; `skipped`: bad rows the format's reader set aside meanwhile (CSV).
    With call_id alone among `found`, (row number, call_id) pairs instead of rows (call_ids)."""
    only_calls = list(found) == ["call_id"]
    number = first_row
    for batch in batches:
        count = batch.num_rows
        values = {logical: _strings(batch.column(name)) for logical, name in found.items() if logical != "turn"}
        if only_calls:
            yield [(n, c) for n, c in zip(range(number, number + count), values["call_id"]) if c and c is not _BAD], []  # type: ignore[misc]
            number += count
            continue
        values["turn"] = _turns(batch.column(found["turn"]) if "turn" in found else None, count)
        numbers = list(range(number, number + count))
        number += count
        rows, bad = _rows(file, numbers, values)
        if skipped:
            bad, skipped[:] = skipped + bad, []
        yield rows, bad
    if skipped:
        yield [], list(skipped)


def _csv_batches(file: str, columns: dict[str, str], only: tuple[str, ...] | None) -> Iterator[tuple[list[Row], list[BadRow]]]:
    skipped: list[BadRow] = []

    def invalid(row: Any) -> str:
        skipped.append(BadRow(file, row.number or 0, say("expected {expected} fields, found {actual}",
                                                           expected=row.expected_columns, actual=row.actual_columns)))
        return "skip"

    with open(file, "rb") as handle:
        header = pa_csv.open_csv(handle, read_options=pa_csv.ReadOptions(block_size=1 << 16)).schema.names
    found = _columns_of(file, header, columns)
    if only is not None:
        found = {k: v for k, v in found.items() if k in only}
    reader = pa_csv.open_csv(
        file, read_options=pa_csv.ReadOptions(block_size=1 << 22, use_threads=False),
        parse_options=pa_csv.ParseOptions(invalid_row_handler=invalid, newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(column_types={name: pa.binary() for name in found.values()},
                                              include_columns=list(found.values())))
    # rows are numbered as lines (header: line 1); a quoted line break or a skipped malformed line
    # makes the numbers after it approximate (the malformed line itself is named by its own number)
    yield from _arrow_batches(file, reader, found, 2, skipped)


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
    yield from _arrow_batches(file, batches, found, 1, [])


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
        with open(file, "rb") as handle:
            if format == "csv":
                return name in pa_csv.open_csv(handle, read_options=pa_csv.ReadOptions(block_size=1 << 16)).schema.names
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
