"""Checking many inputs, in parallel or not, and applying fixes: what `check` and `fix` do
with the files they are given, kept apart from the command line so that the CLI only parses
options and prints.

Results come back in the order of the inputs whatever the number of jobs; messages meant
for the user (a format that cannot be rewritten) come back too, instead of being printed here.
"""

from __future__ import annotations

import io
import os
from typing import Any, Callable, Iterator, NamedTuple

from ..errors import InputError, SkippedInput
from ..i18n.choice import Interface
from ..inputs import streaming
from ..inputs.readers import Extracted, format_for
from ..model import Finding
from ..lazy import multiprocessing
from ..report import FileResult, renderer
from ..rewrite import polite_input
from .session import CheckSession, SessionSpec
from .streamed import check_streamed
from .changes import Fixed, fix_until_stable
from .replacing import replace_file
from .writing import safe_fixes, unified_diff
from ..i18n.message import say


class Outcome(NamedTuple):
    result: FileResult | None  # None when the input could not be read (with error: what was read before it failed)
    patch: str  # unified diff (--diff) or fixed text (--fix on standard input), else ""
    notes: tuple[str, ...]  # messages for the user's standard error
    error: InputError | None = None
    fixed: int = 0  # findings whose drop-in rewrite was applied (with fix or diff)


def apply_fix(session: CheckSession, path: str, extracted: Extracted, findings: list[Finding], *, diff: bool,
              out, read_status: os.stat_result | None = None) -> tuple[list[Finding], tuple[str, ...], int, Extracted]:
    """Apply the drop-in fixes of one input until it is stable (see changes.fix_until_stable):
    after each pass the fixed text is read and checked again, so a fix that an overlapping one
    blocked is made in the next pass, and what is left is reported where it now stands.
    Returns the findings left for a person, notes, how many fixes were made, and the input as
    fixed (the original with --diff, which reports against the file as it is). A file is
    written by replacing.replace_file: `read_status` is its os.stat from before it was read."""
    if any(f.fix is not None for f in findings) and not extracted.fixable:
        return findings, (say("{path}: --fix does not rewrite this format (its formatting could not be kept); findings are reported only",
                              path=path),), 0, extracted
    fixed, current, notes = stable_fix(session, path, extracted, findings)
    told = tuple(say("{path}: {note}", path=path, note=note) for note in notes)
    if diff:
        out.write(unified_diff(path, extracted.original, fixed.text))
        return [f for f in findings if f.fix is None], told, fixed.count, extracted
    if path == "-":
        out.write(fixed.text)
    elif fixed.edits:
        replace_file(path, read_status, extracted, fixed.edits, session.swept)
    return fixed.findings, told, fixed.count, current


def stable_fix(session: CheckSession, path: str, extracted: Extracted,
               findings: list[Finding]) -> tuple[Fixed, Extracted, dict[str, None]]:
    """The drop-in fixes that may be written into this input, made until it is stable: the
    fixed text and its edits of the original, the input as fixed, and why a fix was not made
    (an ordered set of notes). `check --fix` writes the edits; the editor's fix-all sends them."""
    current = extracted
    notes: dict[str, None] = {}

    def check(text: str) -> list[Finding]:
        nonlocal current  # the fixed text, read as the file's reader reads it
        current = session.extract(path, text)._replace(encoding=extracted.encoding, bom=extracted.bom)
        return session.findings_and_script(path, current)[0]

    def read_as_file(text: str) -> Extracted:
        for known in (current, extracted):
            if known.original is text:
                return known
        return session.extract(path, text)._replace(encoding=extracted.encoding, bom=extracted.bom)

    def writable(text: str, found: list[Finding]) -> list[Finding]:
        return safe_fixes(read_as_file(text), found, path, session.linter.writer.write, notes)

    fixed = fix_until_stable(extracted.original, check, writable, findings)
    return fixed, read_as_file(fixed.text), notes


def check_one(session: CheckSession, path: str, fix: bool = False, diff: bool = False, source: bool = True) -> Outcome:
    """One input, read, checked and (with fix or diff) fixed; never raises for a bad input.
    Both `check` and `fix` (with fix and no source) go through here for each input.

    Without `source` the result keeps no text to quote (for formats that show none), so a
    large file's lines are not held until the report is written."""
    try:
        if session.streams(path):
            streamed = check_streamed(session, path, source)
            notes: tuple[str, ...] = ()
            if session.polite:
                notes += (say("{path}: --polite does not write a polite version of files over {size} MB (they are checked "
                              "in pieces); its JSON has no `polite`", path=path, size=streaming.STREAM_THRESHOLD >> 20),)
            if (fix or diff) and any(f.fix is not None for f in streamed.findings):
                # a fix is made on the whole text and checked again until stable: on a file this
                # large that would hold it, and its findings, many times over in memory
                notes += (say("{path}: {option} does not rewrite files over {size} MB (they are checked in pieces); "
                              "findings are reported only", path=path, option="--fix" if fix else "--diff",
                              size=streaming.STREAM_THRESHOLD >> 20),)
            if isinstance(streamed.error, SkippedInput):  # refused as a whole file: no result, as for a small one
                return Outcome(None, "", notes, streamed.error)
            # a bad byte ends the check: what was found before it is reported along with the error
            return Outcome(FileResult(path, streamed.script, streamed.findings, "", "line", streamed.lines,
                                      variant=streamed.variant),
                           "", notes, streamed.error)
        read_status = _status(path) if fix and not diff else None
        extracted = session.read(path)
        findings, script, variant = session.findings_and_script(path, extracted)
        patch = io.StringIO()
        notes: tuple[str, ...] = ()
        fixed = 0
        if fix or diff:
            findings, notes, fixed, extracted = apply_fix(session, path, extracted, findings, diff=diff, out=patch,
                                                          read_status=read_status)
        text = extracted.original if source else ""
        polite = polite_input(session.linter, extracted, format_for(path, session.input_format), kind=session.kind,
                              dialogue=session.dialogue).text if session.polite else None
        return Outcome(FileResult(path, script, findings, text, extracted.location, variant=variant, polite=polite),
                       patch.getvalue(), notes, fixed=fixed)
    except InputError as exc:
        return Outcome(None, "", (), exc)
    except Exception as exc:  # a bug met on this input: its error, not the end of the run (as ruff does)
        if os.environ.get("PHRASELINT_DEBUG"):
            raise
        return Outcome(None, "", (), InputError(say(
            "{path}: internal error while checking it ({error}); skipped, please report it", path=path,
            error=f"{type(exc).__name__}: {exc}")))


def _status(path: str) -> os.stat_result | None:
    """A file's status before it is read, to tell at writing time whether it changed since."""
    if path == "-":
        return None
    try:
        return os.stat(path)
    except OSError:
        return None  # reading it says why


PARALLEL_BYTES = 2 << 20  # about 0.25 s on one core: a worker, ~0.1 s to start, then pays for itself
START_METHOD = "spawn"  # a fresh interpreter: the one start method Linux, macOS and Windows all have


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


class RenderSpec(NamedTuple):
    """The report format a worker writes each file's part in (see report.renderer), as data:
    a renderer is a closure over the parent's output stream and cannot travel to a worker."""

    format: str
    terminal: bool  # whether the real output is a terminal (json lays itself out for a person then)
    color: bool
    ui: Interface | None = None  # the run's interface language (i18n.choice)

    def build(self) -> Callable[[FileResult], str] | None:

        return renderer(self.format, _Terminal(self.terminal), self.color, self.ui)


class _Terminal(io.StringIO):
    """Stands in for the parent's output stream where a renderer asks what it is."""

    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self._terminal = terminal

    def isatty(self) -> bool:
        return self._terminal


Task = tuple[str, bool, bool, bool]  # path, fix, diff, source: check_one's arguments


class _Shared(NamedTuple):
    """What every process of a run shares: the inputs in chunks, and the index of the next
    chunk nobody has taken yet (a counter in shared memory, taken under its lock)."""

    chunks: list[list[Task]]
    next_chunk: Any  # multiprocessing.Value("i")

    def take(self) -> int | None:
        """The next chunk for the calling process to check, or None when all are taken."""
        with self.next_chunk.get_lock():
            index = self.next_chunk.value
            if index >= len(self.chunks):
                return None
            self.next_chunk.value = index + 1
        return index


_WORKER: tuple[CheckSession, Callable[[FileResult], str] | None, _Shared] | None = None  # set by _start_worker


def _start_worker(session: SessionSpec, render: RenderSpec | None, shared: _Shared) -> None:
    """Build this worker's own session, linter and word index once, from the spec (the
    compiled packs come from the cache the parent has just used)."""
    global _WORKER
    _WORKER = (session.build(), render.build() if render is not None else None, shared)


def _work(_: int) -> tuple[int, list[tuple[str, Outcome]]] | None:
    """The next chunk not yet taken, checked in a worker, each file's part of the report
    written here rather than in the parent, which then only copies text out (the file's own
    text need not travel back); None when the parent and the other workers took every chunk."""
    assert _WORKER is not None
    session, render, shared = _WORKER
    index = shared.take()
    if index is None:
        return None
    done = []
    for path, fix, diff, source in shared.chunks[index]:
        outcome = check_one(session, path, fix, diff, source)
        if render is not None and outcome.result is not None:
            outcome = outcome._replace(result=outcome.result._replace(rendered=render(outcome.result), text="", lines=None))
        done.append((path, outcome))
    return index, done


def _in_parallel(session: CheckSession, tasks: list[Task], jobs: int, render: RenderSpec | None,
                 start_method: str) -> Iterator[tuple[str, Outcome]]:
    """`jobs` processes check the tasks: this one and jobs - 1 workers, started once for the
    run. Each takes the next chunk not yet taken, so this process, whose linter is ready,
    starts at once while the workers are still starting (a fresh interpreter takes ~0.1 s)
    and no worker has to be started for its share. Chunks come back in any order and are
    given out in the order of the tasks; at most about one chunk per process waits here."""

    context = multiprocessing.get_context(start_method)
    size = max(1, len(tasks) // (jobs * 8))
    shared = _Shared([tasks[i:i + size] for i in range(0, len(tasks), size)], context.Value("i", 0))
    count = len(shared.chunks)
    done: dict[int, list[tuple[str, Outcome]]] = {}
    following = 0  # the next chunk to give out
    with context.Pool(jobs - 1, initializer=_start_worker, initargs=(session.spec(), render, shared)) as pool:
        from_workers = pool.imap_unordered(_work, range(count))  # one call per chunk that may be left
        while following < count:
            if following in done:
                yield from done.pop(following)
                following += 1
                continue
            index = shared.take()
            if index is not None:
                done[index] = [(path, check_one(session, path, fix, diff, source)) for path, fix, diff, source in shared.chunks[index]]
                continue
            returned = next(from_workers)
            if returned is not None:
                done[returned[0]] = returned[1]


def check_all(session: CheckSession, files: list[str], jobs: int | None = None, *, fix: bool = False,
              diff: bool = False, source: bool = True, render: RenderSpec | None = None,
              start_method: str = START_METHOD) -> Iterator[tuple[str, Outcome]]:
    """(path, outcome) in the order of `files`; with more than one job, files are also checked
    in worker processes, which write each of their files' part of the report in the format
    `render` names.

    Workers are started with `start_method` (spawn by default; forkserver where the platform
    has it): each builds its session from `session.spec()`, so a session whose linter was
    changed after it was built is not what the workers check with. As with any spawned
    worker, a script calling this with jobs > 1 must guard its own top level with
    `if __name__ == "__main__":`.

    Without `jobs`, one per core, but only for inputs of PARALLEL_BYTES or more: a pre-commit
    hook's handful of changed files is done before a worker process would have started."""
    if jobs is None:
        jobs = os.cpu_count() or 1
        if jobs > 1 and _total_size(files, PARALLEL_BYTES) < PARALLEL_BYTES:
            jobs = 1
    if jobs > 1 and len(files) > 1 and "-" not in files:
        yield from _in_parallel(session, [(path, fix, diff, source) for path in files], min(jobs, len(files)), render, start_method)
        return
    for path in files:
        yield path, check_one(session, path, fix, diff, source)
