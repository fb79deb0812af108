"""What `phraselint check` does once its arguments are read: check, report, choose the exit code.

Kept apart from click (options.py declares the options, which the click application and
launch.py's click-free reader both turn into a CheckOptions) so that the common invocation,
one reply on standard input, starts in the time it takes to check it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Iterator

from ..i18n.choice import Interface
from ..inputs.discovery import expand_paths
from ..model import Level
from .colour import use_color
from .configure import linter_from
from .options import CheckOptions, FixOptions
from ..report import SHOWS_SOURCE, FileResult, Unreadable, get_reporter
from ..run.parallel import RenderSpec, check_all
from ..run.session import CheckSession
from ..report.stats import render_stats
from ..report.controls import visible
from ..text.script import form_of
from ..i18n.message import shown
from .strings import NO_INPUT

if TYPE_CHECKING:
    from ..config import Config
    from ..engine.linter import Linter


def session_from(options: CheckOptions | FixOptions) -> tuple[Config, Linter, CheckSession]:
    """The configuration, the linter and how each input is read and checked, as the options say
    (`check` and `fix`, with or without -i, read inputs alike)."""
    config, linter = linter_from(options)
    shown = Level.parse(options.level) if options.level else (config.level or Level.SUGGESTION)
    session = CheckSession(
        linter, config, shown, kind=options.kind, dialogue=options.dialogue, report_mentions=options.report_mentions,
        input_format=options.input_format, encoding=options.encoding, role_field=options.role_field,
        text_field=options.text_field, report_unused_disables=options.report_unused_disables,
        polite=(options.polite or config.polite) and options.output_format == "json",  # the one format that carries it
    )
    return config, linter, session


def interface_of(options, config: Config, linter: Linter) -> Interface:
    """The run's interface: --lang (or the configuration's), in the reader the linter was given."""
    return Interface(options.lang or config.lang, linter.variant)


def run_check(options: CheckOptions) -> int:
    """Check `options.paths` (never empty: '-' is standard input) and print the report; returns
    the exit code (guard.EXIT_CODES): 2 when an input could not be read; with --diff, 1 when a
    file would change (as ruff does); otherwise, and after --fix, 1 when findings at or above
    the fail level are left."""
    config, linter, session = session_from(options)
    failing = Level.parse(options.fail_level) if options.fail_level else (config.fail_level or Level.WARNING)
    paths, output_format, fix, diff, stats = options.paths, options.output_format, options.fix, options.diff, options.stats
    out = sys.stdout
    ui = interface_of(options, config, linter)
    run_t = ui.of()  # what is said of an input before (or without) its reader is known
    files = list(expand_paths(list(paths), config.include + list(options.include), config.exclude + list(options.exclude)))
    if not files:  # paths were given (an empty folder, an --include matching nothing): say so, as ruff does
        print("phraselint: " + ui.of().tr(NO_INPUT, paths=", ".join(paths)), file=sys.stderr)
        return 2
    unreadable = 0
    failed = False
    kept: list[FileResult] = []  # for --stats only, without the texts
    color = output_format == "text" and use_color(out)
    readers: list[str | None] = []  # each checked file's reader, for what the run says at its end
    reporting = not (diff or (fix and list(paths) == ["-"]))  # else the output is the fixed text or the diff

    fixed = left = 0
    changing = False  # --diff: some file would change

    def checked() -> Iterator[FileResult | Unreadable]:
        """Results as files are done, for the reporter to write at once: memory stays flat over a folder."""
        nonlocal unreadable, failed, fixed, left, changing
        outcomes = check_all(session, files, options.jobs, fix=fix, diff=diff, source=output_format in SHOWS_SOURCE,
                             render=RenderSpec(output_format, out.isatty(), color, ui) if reporting else None)
        for path, outcome in outcomes:
            for note in outcome.notes:
                told = ui.of(outcome.result.variant) if outcome.result is not None else run_t
                print(f"phraselint: {visible(shown(note, told))}", file=sys.stderr)
            if outcome.error is not None:
                print(f"phraselint: {visible(shown(outcome.error, run_t))}", file=sys.stderr)
                unreadable += 1
                yield Unreadable.of(path, outcome.error)  # in the report too, where it was met
                if outcome.result is None:  # else a large file's findings before a bad byte, reported too
                    continue
            if outcome.patch:
                out.write(outcome.patch)
                changing = True
            result = outcome.result
            readers.append(result.variant)
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
        # SARIF describes the rules themselves: in the run's reader's script
        extra = {"write": lambda text, variant: linter.writer.write_form(text, form_of(variant or "cn"))} \
            if output_format == "sarif" else {}
        get_reporter(output_format)(checked(), linter.rules, out, color, ui, **extra)
        if stats:
            where = out if output_format == "text" else sys.stderr
            out.flush()
            where.write("\n" + render_stats(kept, ui.of_run(readers)))
    if fix and not diff:  # on stderr: stdout may be a report another program reads
        print("phraselint: " + ui.of_run(readers).tr("fixed {fixed}, {left} left", fixed=fixed, left=left), file=sys.stderr)
    if unreadable:
        return 2
    if diff:
        return 1 if changing else 0
    return 1 if failed else 0
