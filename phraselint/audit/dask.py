"""Auditing a Dask DataFrame of turns on a cluster, partition by partition.

    import phraselint.audit.dask as pld
    findings = pld.check_dask(ddf).compute()    # a pandas DataFrame, one row per finding

`check_partition(frame)` is the whole work on one pandas DataFrame of whole calls: the same
`audit_calls` the command runs, so a cluster's findings are exactly the command's. It is what
`check_dask` maps over the partitions, and what Spark's `mapInPandas` or Ray's `map_batches` can
run as they are (README, "Quality audits").

Partitions must hold whole calls: a call split over two partitions would be checked as two
calls (required wording looked for in each half). `check_dask` makes sure of it by shuffling on
the call column first (every row of a call hashes to one partition) unless told the frame is
already partitioned by call (`whole_calls=True`, e.g. after `set_index("call_id")`).

Each worker builds its linter once: `check_partition` keeps the linter of each LinterSpec it
has met (a few, at most) for the life of the worker process.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from ..config import TABLE_COLUMNS
from ..engine.linter import Linter
from ..engine.linter_spec import LinterSpec
from ..model import Level
from .calls import FINDING_COLUMNS, audit_calls
from .tables import Row

_INTEGERS = ("turn", "offset", "end_offset")


@functools.lru_cache(maxsize=4)
def _linter(spec: LinterSpec | None) -> Linter:
    """One linter per spec per process: a worker builds it on its first partition."""
    return Linter() if spec is None else Linter.from_spec(spec)


def findings_frame(rows: list[tuple] = ()) -> pd.DataFrame:  # type: ignore[assignment]
    """Finding rows as a DataFrame with the findings table's columns (an empty one is Dask's `meta`)."""
    frame = pd.DataFrame.from_records(list(rows), columns=list(FINDING_COLUMNS))
    for name in FINDING_COLUMNS:
        frame[name] = frame[name].astype("Int64" if name in _INTEGERS else "string")
    return frame


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)


def check_partition(frame: pd.DataFrame, *, spec: LinterSpec | None = None, columns: dict[str, str] | None = None,
                    level: Level | str = Level.SUGGESTION, kind: str | None = None) -> pd.DataFrame:
    """The findings of one pandas DataFrame of whole calls (one row per turn), as the command writes
    them. `columns`: logical name -> the frame's (default: call_id, turn, role, text, agent_id, team,
    timestamp); without a role column every turn is staff's. `spec`: the linter's (Linter(...).spec;
    default: the built-in packs). Rows without text or call_id are left out, as the command skips them."""
    names = {name: name for name in TABLE_COLUMNS} | (columns or {})
    level = Level.parse(level) if isinstance(level, str) else level
    present = {logical: frame[name].tolist() for logical, name in names.items() if name in frame.columns}
    count = len(frame)
    empty = [None] * count
    calls: dict[str, list[Row]] = {}
    for i in range(count):
        call_id, text = _text(present["call_id"][i]), _text(present["text"][i])
        if not call_id or not text:
            continue
        turn = present["turn"][i] if "turn" in present else None
        turn = None if turn is None or turn is pd.NA or turn != turn else int(turn)
        role, agent, team, time = (_text(present.get(name, empty)[i]) for name in ("role", "agent_id", "team", "timestamp"))
        row = Row(i + 1, call_id, turn, role, text, agent, team, time, "")
        calls.setdefault(call_id, []).append(row)
    roleless = frozenset() if "role" in present else frozenset({""})
    audited = audit_calls(_linter(spec), sorted(calls.items()), level=level, kind=kind, roleless=roleless)
    return findings_frame(audited.findings)


def check_dask(ddf: Any, *, linter: Linter | None = None, columns: dict[str, str] | None = None,
               level: Level | str = Level.SUGGESTION, kind: str | None = None, whole_calls: bool = False) -> Any:
    """A Dask DataFrame of findings (FINDING_COLUMNS) for a Dask DataFrame of turns. `linter`: what
    to check with (only its spec travels to the workers; default: the built-in packs). Unless
    `whole_calls`, the frame is first shuffled on the call column so that each call is in one
    partition. Compute it (`.compute()`) for a pandas DataFrame; its order is by partition and
    call, so compare it with the command's table sorted."""
    call_column = (columns or {}).get("call_id", "call_id")
    if not whole_calls:
        ddf = ddf.shuffle(on=call_column)
    spec = linter.spec if linter is not None else None
    return ddf.map_partitions(check_partition, spec=spec, columns=columns, level=level, kind=kind, meta=findings_frame())
