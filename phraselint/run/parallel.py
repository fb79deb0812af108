"""Checking many inputs, in parallel or not, and applying fixes: what `check` and `fix` do
with the files they are given, kept apart from the command line so that the CLI only parses
options and prints.

Results come back in the order of the inputs whatever the number of jobs; messages meant
for the user (a format that cannot be rewritten) come back too, instead of being printed here.
"""

from __future__ import annotations

import io
import os
from typing import Callable, Iterator, NamedTuple

from ..errors import InputError
from ..report import FileResult
from .session import CheckSession


class Outcome(NamedTuple):
    result: FileResult | None  # None when the input could not be read
    patch: str  # unified diff (--diff) or fixed text (--fix on standard input), else ""
    notes: tuple[str, ...]  # messages for the user's standard error
    error: InputError | None = None
    fixed: int = 0  # findings whose drop-in rewrite was applied (with fix or diff)


def apply_fix(path: str, extracted, findings: list, *, diff: bool, out) -> tuple[list, tuple[str, ...]]:
    """Apply the drop-in fixes of one input; returns the findings left for a person, and notes."""
    from .writing import encode, fixed_text, unified_diff, write_atomically

    fixable = [f for f in findings if f.fix is not None]
    if fixable and not extracted.fixable:
        return findings, (f"{path}: --fix does not rewrite this format (its formatting could not be kept); findings are reported only",)
    after = fixed_text(extracted, fixable, path)
    if diff:
        out.write(unified_diff(path, extracted.original, after))
    elif path == "-":
        out.write(after)
    elif after != extracted.original:
        write_atomically(path, encode(extracted, after))
    return [f for f in findings if f.fix is None], ()


def check_one(session: CheckSession, path: str, fix: bool = False, diff: bool = False, source: bool = True) -> Outcome:
    """One input, read, checked and (with fix or diff) fixed; never raises for a bad input.
    Both `check` and `fix` (with fix and no source) go through here for each input.

    Without `source` the result keeps no text to quote (for formats that show none), so a
    large file's lines are not held until the report is written."""
    try:
        if session.streams(path) and not (fix or diff):
            findings, context, script = session.check_streamed(path, keep_lines=source)
            return Outcome(FileResult(path, script, findings, "", "line", context), "", ())
        extracted = session.read(path)
        findings, script = session.findings_and_script(path, extracted)
        patch = io.StringIO()
        notes: tuple[str, ...] = ()
        fixed = 0
        if fix or diff:
            found = len(findings)
            findings, notes = apply_fix(path, extracted, findings, diff=diff, out=patch)
            fixed = found - len(findings)
        text = extracted.original if source else ""
        return Outcome(FileResult(path, script, findings, text, extracted.location), patch.getvalue(), notes, fixed=fixed)
    except InputError as exc:
        return Outcome(None, "", (), exc)


PARALLEL_BYTES = 512 * 1024  # starting workers costs ~50 ms: about what checking this much takes on one core


def _total_size(files: list[str], enough: int) -> int:
    """The inputs' size, counted until it reaches `enough`."""
    total = 0
    for path in files:
        try:
            total += os.path.getsize(path) if path != "-" else 0
        except OSError:
            continue
        if total >= enough:
            break
    return total


_WORKER: tuple[CheckSession, Callable[[FileResult], str] | None] | None = None  # set in each worker by _start_worker


def _start_worker(session: CheckSession, render: Callable[[FileResult], str] | None) -> None:
    """A worker process gets the parent's compiled linter by fork; only the word index
    connection must be its own (an SQLite connection is not shared across processes)."""
    global _WORKER
    from ..text.segmenter import Segmenter

    session.linter.segmenter = Segmenter()
    _WORKER = (session, render)


def _work(task: tuple[str, bool, bool, bool]) -> tuple[str, Outcome]:
    """One file in a worker: checked, and its part of the report written here rather than in
    the parent, which then only copies text out (the file's own text need not travel back)."""
    path, fix, diff, source = task
    assert _WORKER is not None
    session, render = _WORKER
    outcome = check_one(session, path, fix, diff, source)
    if render is not None and outcome.result is not None:
        outcome = outcome._replace(result=outcome.result._replace(rendered=render(outcome.result), text="", lines=None))
    return path, outcome


def check_all(session: CheckSession, files: list[str], jobs: int | None = None, *, fix: bool = False,
              diff: bool = False, source: bool = True,
              render: Callable[[FileResult], str] | None = None) -> Iterator[tuple[str, Outcome]]:
    """(path, outcome) in the order of `files`; with more than one job, files run in forked workers,
    which also write each file's part of the report with `render` (see reporters.renderer).

    Without `jobs`, one per core, but only for inputs of PARALLEL_BYTES or more: a pre-commit
    hook's handful of changed files is done before two worker processes would have started."""
    if jobs is None:
        jobs = os.cpu_count() or 1
        if jobs > 1 and _total_size(files, PARALLEL_BYTES) < PARALLEL_BYTES:
            jobs = 1
    if jobs > 1 and len(files) > 1 and "-" not in files:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(min(jobs, len(files)), initializer=_start_worker, initargs=(session, render)) as pool:
            yield from pool.imap(_work, [(path, fix, diff, source) for path in files], chunksize=max(1, len(files) // (jobs * 8)))
        return
    for path in files:
        yield path, check_one(session, path, fix, diff, source)
