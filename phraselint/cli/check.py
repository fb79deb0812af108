"""What `phraselint check` does once its arguments are read: check, report, choose the exit code.

Kept apart from click (cli.py declares the options, launch.py may read them without click) so
that the common invocation, one reply on standard input, starts in the time it takes to check it.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Iterator

from ..inputs.discovery import expand_paths
from ..model import Level
from .options import linter_from
from ..report import SHOWS_SOURCE, FileResult, get_reporter
from ..run.parallel import RenderSpec, check_all
from ..run.session import CheckSession


def run_check(paths: tuple[str, ...], output_format: str, level: str | None, fail_level: str | None,
              include: tuple[str, ...], exclude: tuple[str, ...], kind: str | None, dialogue: bool | None,
              report_mentions: bool, input_format: str, encoding: str | None, role_field: str | None,
              text_field: str | None, fix: bool, diff: bool, stats: bool, report_unused_disables: bool,
              jobs: int | None, **options: Any) -> int:
    """Check `paths` (never empty: '-' is standard input) and print the report; returns the exit code.

    0: nothing at or above the fail level; 1: findings at or above it; 2: an input could not be read."""
    config, linter = linter_from(options)
    shown = Level.parse(level) if level else (config.level or Level.SUGGESTION)
    failing = Level.parse(fail_level) if fail_level else (config.fail_level or Level.WARNING)
    session = CheckSession(
        linter, config, shown, kind=kind, dialogue=dialogue, report_mentions=report_mentions,
        input_format=input_format, encoding=encoding, role_field=role_field, text_field=text_field,
        report_unused_disables=report_unused_disables,
    )
    out = sys.stdout
    files = list(expand_paths(list(paths), config.include + list(include), config.exclude + list(exclude)))
    unreadable = 0
    failed = False
    kept: list[FileResult] = []  # for --stats only, without the texts
    color = output_format == "text" and out.isatty() and "NO_COLOR" not in os.environ
    reporting = not (diff or (fix and list(paths) == ["-"]))  # else the output is the fixed text or the diff

    def checked() -> Iterator[FileResult]:
        """Results as files are done, for the reporter to write at once: memory stays flat over a folder."""
        nonlocal unreadable, failed
        outcomes = check_all(session, files, jobs, fix=fix, diff=diff, source=output_format in SHOWS_SOURCE,
                             render=RenderSpec(output_format, out.isatty(), color) if reporting else None)
        for _, outcome in outcomes:
            for note in outcome.notes:
                print(f"phraselint: {note}", file=sys.stderr)
            if outcome.error is not None:
                print(f"phraselint: {outcome.error}", file=sys.stderr)
                unreadable += 1
                continue
            if outcome.patch:
                out.write(outcome.patch)
            result = outcome.result
            failed = failed or any(f.level >= failing for f in result.findings)
            if stats:
                kept.append(result._replace(text="", lines=None))
            yield result

    if not reporting:
        for _ in checked():
            pass
    else:
        get_reporter(output_format)(checked(), linter.rules, out, color)
        if stats:
            from ..report.stats import render_stats

            where = out if output_format == "text" else sys.stderr
            out.flush()
            where.write("\n" + render_stats(kept))
    if unreadable:
        return 2
    return 1 if failed else 0
