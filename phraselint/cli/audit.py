"""`phraselint audit TABLE… -o FINDINGS`: transcript tables checked call by call (phraselint/audit/),
in the `audit` extra (pyarrow, tqdm), which loads for this command only."""

from __future__ import annotations

import sys

import click

from ..config import TABLE_COLUMNS
from ..errors import ConfigError
from ..i18n.choice import N_, Interface
from ..i18n.message import say, shown
from ..model import Level
from ..report.controls import visible
from .click_options import takes_options
from .click_text import TranslatedCommand
from .configure import linter_from, split
from .guard import AUDIT_EXIT_CODES, guarded
from .options import CHECK_OPTIONS, FILE, FLAG, INT, LINTER_OPTIONS, MANY, PATHS, Option, _record

_CHECK = {option.name: option for option in CHECK_OPTIONS}
AUDIT_OPTIONS: tuple[Option, ...] = (
    Option("paths", (), PATHS, default=()),
    Option("output", ("-o", "--output"), FILE, "Findings table, one row per finding: .csv, .parquet or .jsonl (by its extension)."),
    Option("summary", ("--summary",), FILE, "Summary table per agent, team, rule and day: .csv, .parquet or .jsonl."),
    Option("report", ("--report",), FILE, "Dashboard page (HTML) for quality managers."),
    Option("columns", ("--column",), MANY, "A column's name in the tables, as LOGICAL=NAME (repeatable; logical names: "
           "call_id, turn, role, text, agent_id, team, timestamp).", default=(), config="columns"),
    _CHECK["level"], _CHECK["fail_level"], _CHECK["kind"],
    Option("jobs", ("-j", "--jobs"), INT, "Worker processes checking calls (default: 1). Output order does not depend on it.",
           default=1, bounds=(1, 256)),
    Option("quiet", ("-q", "--quiet"), FLAG, "No progress bar.", default=False),
    *LINTER_OPTIONS,
)
AuditOptions = _record("AuditOptions", AUDIT_OPTIONS, "Everything `phraselint audit` was told.")

PROGRESS = N_("Auditing")
BAD_ROW = N_("{file}: row {row}: skipped: {reason}")
BAD_ROWS = N_("bad rows skipped: {count} (the first {listed} named above)")
DONE = N_("{turns} turns audited: {findings} findings written to {output}")
MAX_LISTED = 200  # bad rows named one by one; the count says how many in all


def columns_of(given: tuple[str, ...], configured: dict[str, str]) -> dict[str, str]:
    """Logical column -> the tables' name: the defaults, the configuration's, then --column's."""
    columns = {name: name for name in TABLE_COLUMNS} | configured
    for item in split(given):
        logical, equals, name = item.partition("=")
        logical, name = logical.strip(), name.strip()
        if not equals or logical not in TABLE_COLUMNS or not name:
            raise click.BadParameter(say("expected LOGICAL=NAME with a logical name of {names}, not '{value}'",
                                         names=", ".join(TABLE_COLUMNS), value=item), param_hint="--column")
        columns[logical] = name
    return columns


@click.command(cls=TranslatedCommand, epilog=AUDIT_EXIT_CODES)
@takes_options(AUDIT_OPTIONS, AuditOptions)
def audit(options) -> None:
    """Audit transcript tables (CSV, Parquet, JSON Lines; one row per turn): each call checked as a transcript."""
    if not options.paths:
        raise click.UsageError(say("give the transcript tables to audit"))
    if not options.output:
        raise click.UsageError(say("give the findings table with -o FILE (.csv, .parquet or .jsonl)"))

    def run() -> int:
        try:  # pyarrow and tqdm (the audit extra) load for this command only
            from tqdm import tqdm

            from ..audit.run import AuditSettings, run_audit
        except ImportError as exc:
            raise ConfigError(say("phraselint audit needs the audit extra ({name} is missing): pip install 'phraselint[audit]'",
                                  name=str(exc.name))) from None
        config, linter = linter_from(options)
        ui = Interface(options.lang or config.lang, linter.variant)
        catalogue = ui.of()
        level = Level.parse(options.level) if options.level else config.level or Level.SUGGESTION
        fail_level = Level.parse(options.fail_level) if options.fail_level else config.fail_level or Level.WARNING
        settings = AuditSettings(tuple(options.paths), options.output, options.summary, options.report,
                                 columns_of(options.columns, config.columns), level, fail_level,
                                 options.kind or config.kind, options.jobs, options.lang or config.lang)
        quiet = options.quiet or not sys.stderr.isatty()
        listed = 0
        with tqdm(total=0, desc=catalogue.tr(PROGRESS), unit="turns", unit_scale=True, disable=quiet,
                  file=sys.stderr, dynamic_ncols=True) as progress:

            def report_bad(bad) -> None:
                nonlocal listed
                listed += 1
                if listed <= MAX_LISTED:
                    line = catalogue.tr(BAD_ROW, file=bad.file, row=bad.row, reason=shown(bad.reason, catalogue))
                    progress.write("phraselint: " + visible(line), file=sys.stderr)

            outcome = run_audit(settings, linter, report_bad, progress)
        if outcome.bad_rows:
            print("phraselint: " + catalogue.tr(BAD_ROWS, count=outcome.bad_rows, listed=min(outcome.bad_rows, MAX_LISTED)), file=sys.stderr)
        if not options.quiet:
            print("phraselint: " + catalogue.tr(DONE, turns=outcome.turns, findings=outcome.findings, output=options.output),
                  file=sys.stderr)
        if outcome.bad_rows:  # as `check` with an unreadable input among readable ones: the rest is audited, the code says input error
            return 2
        return 1 if outcome.failing else 0

    raise SystemExit(guarded(run))
