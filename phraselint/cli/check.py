"""What `phraselint check` does once its arguments are read: check, report, choose the exit code.

Kept apart from click (options.py declares the options, which the click application and
launch.py's click-free reader both turn into a CheckOptions) so that the common invocation,
one reply on standard input, starts in the time it takes to check it.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator

from ..inputs.discovery import expand_paths
from ..model import Level
from .configure import linter_from
from .options import CheckOptions
from ..report import SHOWS_SOURCE, FileResult, get_reporter
from ..run.parallel import RenderSpec, check_all
from ..run.session import CheckSession
from ..report.stats import render_stats


def run_check(options: CheckOptions) -> int:
    """Check `options.paths` (never empty: '-' is standard input) and print the report; returns the exit code.

    0: nothing at or above the fail level; 1: findings at or above it; 2: an input could not be read."""
    config, linter = linter_from(options)
    shown = Level.parse(options.level) if options.level else (config.level or Level.SUGGESTION)
    failing = Level.parse(options.fail_level) if options.fail_level else (config.fail_level or Level.WARNING)
    session = CheckSession(
        linter, config, shown, kind=options.kind, dialogue=options.dialogue, report_mentions=options.report_mentions,
        input_format=options.input_format, encoding=options.encoding, role_field=options.role_field,
        text_field=options.text_field, report_unused_disables=options.report_unused_disables,
    )
    paths, output_format, fix, diff, stats = options.paths, options.output_format, options.fix, options.diff, options.stats
    out = sys.stdout
    files = list(expand_paths(list(paths), config.include + list(options.include), config.exclude + list(options.exclude)))
    if not files:  # paths were given (an empty folder, an --include matching nothing): say so, as ruff does
        print(f"phraselint: no input to check in {', '.join(paths)} (see --include, --exclude)", file=sys.stderr)
        return 2
    unreadable = 0
    failed = False
    kept: list[FileResult] = []  # for --stats only, without the texts
    color = output_format == "text" and out.isatty() and "NO_COLOR" not in os.environ
    reporting = not (diff or (fix and list(paths) == ["-"]))  # else the output is the fixed text or the diff

    fixed = left = 0

    def checked() -> Iterator[FileResult]:
        """Results as files are done, for the reporter to write at once: memory stays flat over a folder."""
        nonlocal unreadable, failed, fixed, left
        outcomes = check_all(session, files, options.jobs, fix=fix, diff=diff, source=output_format in SHOWS_SOURCE,
                             render=RenderSpec(output_format, out.isatty(), color) if reporting else None)
        for _, outcome in outcomes:
            for note in outcome.notes:
                print(f"phraselint: {note}", file=sys.stderr)
            if outcome.error is not None:
                print(f"phraselint: {outcome.error}", file=sys.stderr)
                unreadable += 1
                if outcome.result is None:  # else a large file's findings before a bad byte, reported too
                    continue
            if outcome.patch:
                out.write(outcome.patch)
            result = outcome.result
            fixed += outcome.fixed
            left += len(result.findings)
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
            where = out if output_format == "text" else sys.stderr
            out.flush()
            where.write("\n" + render_stats(kept))
    if fix and not diff:  # on stderr: stdout may be a report another program reads
        print(f"phraselint: fixed {fixed}, {left} left", file=sys.stderr)
    if unreadable:
        return 2
    return 1 if failed else 0
