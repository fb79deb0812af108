"""Writing the findings and summary tables: CSV, Parquet or JSON Lines by the output's
extension, row batch by row batch (the findings of a million turns are never all in memory),
into a temporary file beside the output that replaces it only once the audit is complete. An
audit interrupted or failing half-way leaves the previous output, or none, and no temporary file."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from typing import Any, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..i18n.message import say

WRITERS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}

FINDING_TYPES = {"turn": pa.int64(), "offset": pa.int64(), "end_offset": pa.int64()}
SUMMARY_TYPES = {"staff_turns": pa.int64(), "calls": pa.int64(), "findings": pa.int64(), "errors": pa.int64(),
                 "per_100_staff_turns": pa.float64(), "calls_with_error": pa.int64(), "calls_missing_required": pa.int64()}


def output_format(path: str) -> str:
    """The format an output's extension names; an InputError (exit 2, before any work) for another."""
    format = WRITERS.get(os.path.splitext(path)[1].lower())
    if format is None:
        raise InputError(say("{path}: the output's extension names no table format (.csv, .parquet, .jsonl)", path=path))
    return format


class TableWriter:
    """One output table, written to `.NAME.*.part` in the output's folder and renamed over `path` by
    `commit`; `discard` (or leaving the `with` block by an exception) removes it."""

    def __init__(self, path: str, columns: Sequence[str], types: dict[str, pa.DataType]):
        self.path, self.columns = path, tuple(columns)
        self.format = output_format(path)
        self.schema = pa.schema([(name, types.get(name, pa.string())) for name in self.columns])
        folder = os.path.dirname(os.path.abspath(path))
        try:
            handle, self.temporary = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise InputError(say("{path}: cannot write: {reason}", path=path, reason=exc.strerror or str(exc))) from None
        self.handle = os.fdopen(handle, "w", encoding="utf-8", newline="") if self.format != "parquet" else None
        if self.format == "parquet":
            os.close(handle)
            self.parquet = pq.ParquetWriter(self.temporary, self.schema)
        elif self.format == "csv":
            self.csv = csv.writer(self.handle)
            self.csv.writerow(self.columns)

    def write(self, rows: list[tuple]) -> None:
        """Rows as tuples in the columns' order."""
        if not rows:
            return
        if self.format == "csv":
            self.csv.writerows(rows)
        elif self.format == "jsonl":
            dumps, columns = json.dumps, self.columns
            self.handle.write("".join(dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n" for row in rows))  # type: ignore[union-attr]
        else:
            arrays = [pa.array(list(column), type=field.type) for column, field in zip(zip(*rows), self.schema)]
            self.parquet.write_batch(pa.record_batch(arrays, schema=self.schema))

    def write_dicts(self, rows: list[dict[str, Any]]) -> None:
        self.write([tuple(row[name] for name in self.columns) for row in rows])

    def commit(self) -> None:
        if self.format == "parquet":
            self.parquet.close()
        else:
            self.handle.close()  # type: ignore[union-attr]
        os.replace(self.temporary, self.path)
        self.temporary = ""

    def discard(self) -> None:
        if not self.temporary:
            return
        try:
            if self.format == "parquet":
                self.parquet.close()
            else:
                self.handle.close()  # type: ignore[union-attr]
        except Exception:  # noqa: BLE001 - closing a half-written file that is removed next
            pass
        try:
            os.unlink(self.temporary)
        except FileNotFoundError:
            pass
        self.temporary = ""

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        self.discard()  # a committed writer has nothing left to remove
