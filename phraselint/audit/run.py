"""`phraselint audit`: transcript tables in, findings and summary tables out.

Two passes over the tables. The first reads the call_id column alone and notes where each call's
last row is; the second streams the rows (Parquet row group by row group), holds each call's
rows until its last one is read, and hands complete calls in chunks to `audit_calls` — in this
process, or with `jobs` > 1 in worker processes that each build their linter once (from its
LinterSpec, as `check --jobs` does). Chunks are written in the order they were handed out, so
the findings table does not depend on the number of jobs. Findings are written chunk by chunk
and the summary is added up as chunks come back: memory holds the open calls and the chunks in
flight, not the table.
"""

from __future__ import annotations

import collections
import concurrent.futures
import heapq
import contextlib
import importlib
import signal
import sys
from typing import Any, Callable, Iterator, NamedTuple

from tqdm import tqdm

from ..engine.linter import Linter
from ..engine.linter_spec import LinterSpec
from ..errors import InputError
from ..i18n.message import say
from ..lazy import multiprocessing
from ..model import Level
from .calls import FINDING_COLUMNS, SUMMARY_COLUMNS, Audited, Call, RuleFacts, Summary, audit_calls, in_turn_order
from .tables import BadRow, Row, call_ids, has_role_column, read_table, table_format
from .writers import FINDING_TYPES, SUMMARY_TYPES, TableWriter, output_format

CHUNK_TURNS = 4096  # rows per chunk handed to a checker: large enough that sending it costs little
WORST_CALLS = 20  # calls the dashboard shows in full
DASHBOARD = "phraselint.audit.dashboard"


class AuditSettings(NamedTuple):
    tables: tuple[str, ...]
    output: str
    summary: str | None
    report: str | None
    columns: dict[str, str]
    level: Level
    fail_level: Level
    kind: str | None
    jobs: int
    lang: str | None


class Outcome(NamedTuple):
    turns: int
    findings: int
    failing: int  # findings at or above the fail level
    bad_rows: int


def dashboard_writer() -> Callable[..., Any]:
    """The dashboard module's write_dashboard, imported only for --report: it draws with plotly, which
    the rest of the command does not need (an InputError when plotly is not installed)."""
    try:
        return importlib.import_module(DASHBOARD).write_dashboard
    except ImportError:
        raise InputError(say("--report: the dashboard (phraselint.audit.dashboard) is not installed")) from None


def _ends(tables: tuple[str, ...], columns: dict[str, str]) -> tuple[list[dict[int, str]], int]:
    """Where each call's last row is: per table, row number -> the call_id ending there; and the number of rows."""
    last: dict[str, tuple[int, int]] = {}
    total = 0
    for index, table in enumerate(tables):
        for pairs in call_ids(table, columns):
            total += len(pairs)
            last.update((call_id, (index, number)) for number, call_id in pairs)
    ends: list[dict[int, str]] = [{} for _ in tables]
    for call_id, (index, number) in last.items():
        ends[index][number] = call_id
    return ends, total


def _calls(tables: tuple[str, ...], columns: dict[str, str], ends: list[dict[int, str]],
           bad_rows: Callable[[list[BadRow]], None]) -> Iterator[list[Call]]:
    """Complete calls, in the order their last rows come, a batch of rows at a time."""
    open_calls: dict[str, list[Row]] = {}
    for index, table in enumerate(tables):
        ending = ends[index]
        for rows, bad in read_table(table, columns):
            done = []
            if bad:
                bad_rows(bad)
            for row in rows:
                call_id = row.call_id
                held = open_calls.get(call_id)
                if held is None:
                    open_calls[call_id] = held = [row]
                else:
                    held.append(row)
                if not bad and ending.get(row.row) == call_id:
                    done.append((call_id, open_calls.pop(call_id)))
            if bad:  # a call may end on a bad row: the ends in the order of the rows, good and bad
                for number in sorted({row.row for row in rows} | {row.row for row in bad}):
                    call_id = ending.get(number)
                    if call_id is not None and call_id in open_calls:
                        done.append((call_id, open_calls.pop(call_id)))
            if done:
                yield done
    if open_calls:  # rows the first pass did not see as a call's last (it cannot happen with an unchanged table)
        yield list(open_calls.items())


def _chunks(calls: Iterator[list[Call]]) -> Iterator[list[Call]]:
    chunk: list[Call] = []
    turns = 0
    for done in calls:
        for call in done:
            chunk.append(call)
            turns += len(call[1])
            if turns >= CHUNK_TURNS:
                yield chunk
                chunk, turns = [], 0
    if chunk:
        yield chunk


_WORKER: tuple[Linter, RuleFacts, dict[str, Any]] | None = None


@contextlib.contextmanager
def _interrupt_held() -> Iterator[None]:
    """SIGINT held back from this thread while a worker may be started (a submit starts one when
    none is idle): the worker is born with it blocked, so a Ctrl-C, which the terminal sends to
    every process of the group, cannot raise KeyboardInterrupt in it before _start_worker ignores
    it. Held, not ignored: this process still gets it, at once or on leaving."""
    block = getattr(signal, "pthread_sigmask", None)  # not on Windows
    if block is None:
        yield
        return
    before = block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)


def _stop_workers(pool: concurrent.futures.ProcessPoolExecutor) -> None:
    """End the workers now, their chunks unfinished: an interrupted audit stops at once instead of
    after the chunks in flight (whose results nothing would write)."""
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
    if terminate is not None:
        terminate()
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.terminate()


def _start_worker(spec: LinterSpec, options: dict[str, Any]) -> None:
    """A worker's linter, built once for the whole run. An interrupt is this process's to handle
    (it stops the workers): a worker ignores SIGINT, and takes it out of the mask it was born with."""
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    linter = Linter.from_spec(spec)
    _WORKER = (linter, RuleFacts(linter), options)


def _work(chunk: list[Call]) -> Audited:
    assert _WORKER is not None
    linter, facts, options = _WORKER
    return audit_calls(linter, chunk, facts=facts, **options)


def _checked(linter: Linter, chunks: Iterator[list[Call]], jobs: int, options: dict[str, Any]) -> Iterator[tuple[list[Call], Audited]]:
    """Each chunk with what auditing it gave, in the order of the chunks.

    With `jobs` > 1 this process is one of the checkers, as in `check --jobs` (run/parallel.py):
    `jobs` - 1 workers are started, and a chunk is checked here whenever every worker already has
    one waiting besides the one it is checking; otherwise it is handed out. The reading, grouping
    and writing done here then take the place of the checking it leaves to the workers, so `jobs`
    processes share `jobs` cores instead of `jobs` + 1."""
    facts = RuleFacts(linter)
    if jobs <= 1:
        for chunk in chunks:
            yield chunk, audit_calls(linter, chunk, facts=facts, **options)
        return
    workers = jobs - 1
    context = multiprocessing.get_context("spawn")
    in_flight: collections.deque = collections.deque()  # (chunk, future or Audited), in chunk order
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                                initargs=(linter.spec, options)) as pool:
        try:
            for chunk in chunks:
                waiting = sum(1 for _, item in in_flight if isinstance(item, concurrent.futures.Future) and not item.done())
                if waiting >= 2 * workers:
                    in_flight.append((chunk, audit_calls(linter, chunk, facts=facts, **options)))
                else:
                    with _interrupt_held():
                        in_flight.append((chunk, pool.submit(_work, chunk)))
                while in_flight and (len(in_flight) > 2 * jobs or not isinstance(in_flight[0][1], concurrent.futures.Future)
                                     or in_flight[0][1].done()):
                    done, item = in_flight.popleft()
                    yield done, item.result() if isinstance(item, concurrent.futures.Future) else item
            while in_flight:
                done, item = in_flight.popleft()
                yield done, item.result() if isinstance(item, concurrent.futures.Future) else item
        except BaseException:
            for _, item in in_flight:
                if isinstance(item, concurrent.futures.Future):
                    item.cancel()
            _stop_workers(pool)
            raise


def run_audit(settings: AuditSettings, linter: Linter, report_bad: Callable[[BadRow], None],
              progress: tqdm) -> Outcome:
    """Audit the tables into the outputs; bad rows go to `report_bad` as they are found."""
    for table in settings.tables:
        table_format(table)
    output_format(settings.output)
    if settings.summary:
        output_format(settings.summary)
    write_dashboard = dashboard_writer() if settings.report else None
    ends, total = _ends(settings.tables, settings.columns)
    progress.reset(total=total)
    roleless = frozenset(t for t in settings.tables if not has_role_column(t, settings.columns))
    options = {"level": settings.level, "kind": settings.kind, "roleless": roleless}
    summary = Summary()
    turns = findings_count = failing = bad_count = 0
    worst: list[tuple[int, int, int, str, list[Row]]] = []  # a min-heap of the worst calls: (errors, findings, -order, id, rows)
    findings_kept: list[dict[str, Any]] = []
    order = 0

    def bad_rows(rows: list[BadRow]) -> None:
        nonlocal bad_count
        bad_count += len(rows)
        progress.update(len(rows))
        for row in rows:
            report_bad(row)

    with TableWriter(settings.output, FINDING_COLUMNS, FINDING_TYPES) as writer:
        chunks = _chunks(_calls(settings.tables, settings.columns, ends, bad_rows))
        for chunk, audited in _checked(linter, chunks, settings.jobs, options):
            writer.write(audited.findings)
            summary.merge(audited.summary)
            turns += audited.turns - len(audited.bad)
            findings_count += len(audited.findings)
            failing += sum(1 for row in audited.findings if Level.parse(row[9]) >= settings.fail_level)
            if audited.bad:
                bad_count += len(audited.bad)
                for row in audited.bad:
                    report_bad(row)
            progress.update(audited.turns)
            if write_dashboard is not None:
                findings_kept.extend(dict(zip(FINDING_COLUMNS, row)) for row in audited.findings)
                for (call_id, rows), (errors, count) in zip(chunk, audited.scores):
                    order += 1
                    entry = (errors, count, -order, call_id, rows)
                    if len(worst) < WORST_CALLS:
                        heapq.heappush(worst, entry)
                    elif entry[:3] > worst[0][:3]:
                        heapq.heapreplace(worst, entry)
        table = summary.rows()
        with TableWriter(settings.summary, SUMMARY_COLUMNS, SUMMARY_TYPES) if settings.summary else _Nothing() as written:
            written.write_dicts(table)
            if write_dashboard is not None:
                ranked = sorted(worst, reverse=True)
                calls = {call_id: [{"turn": row.turn if row.turn is not None else n, "role": row.role,
                                    "agent_id": row.agent_id, "text": row.text} for n, row in enumerate(in_turn_order(rows), 1)]
                         for _, _, _, call_id, rows in ranked}
                write_dashboard(settings.report, findings_kept, table, calls, variant=linter.variant, lang=settings.lang)
            writer.commit()
            written.commit()
    return Outcome(turns, findings_count, failing, bad_count)


class _Nothing:
    """No summary asked for: a writer that writes nothing."""

    def __enter__(self) -> "_Nothing":
        return self

    def __exit__(self, *_: Any) -> None:
        return None

    def write_dicts(self, rows: list[dict[str, Any]]) -> None:
        return None

    def commit(self) -> None:
        return None
