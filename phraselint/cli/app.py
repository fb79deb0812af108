"""The command line: a thin shell over the library API (phraselint.Linter).

The click application declares every command; `check`'s options and those every pack-loading
command shares come from the table in options.py (click_options.py turns it into click's).
launch.py runs ordinary `check` invocations without click (options.parse_check_args) from the
same table, and both end in check.run_check.
"""

from __future__ import annotations

import json
import os
import sys

import click

from ..version import __version__
from .check import run_check
from .click_options import takes_options
from .configure import linter_from, load_config_for
from ..inputs.discovery import expand_paths
from .guard import guarded
from ..engine.linter import Linter
from ..model import Level
from .options import CHECK_OPTIONS, LEVEL_NAMES, LINTER_OPTIONS, CheckOptions, LinterOptions
from ..run.parallel import check_one
from ..run.session import CheckSession
from ..engine import verify
from ..packs.loader import load_packs
from ..packs.selftest import _Scripts, test_rule
from ..report.evaluate import evaluate, load_corpus, render_text
from ..report.explain import explain_rule, rule_summary
from ..report.markdown import rules_markdown
from ..report.text import display_width
from ..text.normalise import normalise
from ..text.script import detect_script
from .interactive import run_interactive
from .paste import run_paste

LEVELS = click.Choice(LEVEL_NAMES, case_sensitive=False)

linter_options = takes_options(LINTER_OPTIONS, LinterOptions)  # what every command that loads packs takes


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.version_option(__version__, prog_name="phraselint")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Find discourteous wording in Chinese customer-service text and suggest polite rewrites.

    Run with no command in a terminal to open the paste box (phraselint paste).
    """
    if ctx.invoked_subcommand is None:
        if sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(paste)
        elif sys.stdin is not None and not sys.stdin.isatty():  # text piped in: check it, as `check -` does
            sys.exit(guarded(lambda: run_check(CheckOptions(paths=("-",)))))
        else:
            click.echo(ctx.get_help())


@cli.command()
@takes_options(CHECK_OPTIONS, CheckOptions)
def check(options: CheckOptions) -> None:
    """Check files, folders or standard input ('-', or no PATH with piped input).

    Exit codes: 0 nothing at or above the fail level, 1 findings, 2 usage, configuration or input error.
    """
    if not options.paths:
        if sys.stdin is not None and sys.stdin.isatty():  # closed (<&-): checking "-" says so
            raise click.UsageError("give files or folders to check, or pipe text in (phraselint check -)")
        options = options._replace(paths=("-",))
    sys.exit(run_check(options))


@cli.command()
@linter_options
def paste(options: LinterOptions) -> None:
    """Paste a reply, see what to change and a polite version; repeat. Empty line ends a reply, q quits."""
    if sys.stdin is None:
        raise click.UsageError("standard input is closed; paste reads the replies from it")

    _, linter = linter_from(options)
    sys.exit(run_paste(linter, sys.stdin, sys.stdout, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-i", "--interactive", is_flag=True, help="Walk through each finding and choose a suggestion (or type your own).")
@click.option("--encoding", help="Decode inputs with this encoding instead of detecting it.")
@click.option("--include", multiple=True, help="File-name glob inside folders (repeatable).")
@click.option("--exclude", multiple=True, help="Path glob to skip (repeatable).")
@linter_options
def fix(paths, interactive, encoding, include, exclude, options: LinterOptions) -> None:
    """Fix files: the drop-in rewrites (same as check --fix), or with -i one finding at a time."""
    config, linter = linter_from(options)
    session = CheckSession(linter, config, encoding=encoding)
    files = list(expand_paths(list(paths), config.include + list(include), config.exclude + list(exclude)))
    if "-" in files:
        raise click.UsageError("fix works on files; for standard input use: phraselint check --fix -")
    if interactive:

        failed = run_interactive(session, files, sys.stdin, sys.stdout, color=sys.stdout.isatty() and "NO_COLOR" not in os.environ)
        sys.exit(2 if failed else 0)
    failed = 0
    for path in files:
        outcome = check_one(session, path, fix=True, source=False)  # what check --fix does with each file
        for note in outcome.notes:
            click.echo(f"phraselint: {note}", err=True)
        if outcome.error is not None:
            click.echo(f"phraselint: {outcome.error}", err=True)
            failed += 1
        elif outcome.fixed:
            click.echo(f"{path}: fixed {outcome.fixed}, {len(outcome.result.findings)} left for a person")
    sys.exit(2 if failed else 0)


@cli.command()
@click.option("--category", help="Only rules of this category.")
@click.option("--pack", "pack_name", help="Only rules of this pack.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@linter_options
def rules(category, pack_name, output_format, options: LinterOptions) -> None:
    """List the rules of the loaded packs."""
    _, linter = linter_from(options)
    selected = [r for r in linter.rules if (not category or r.category == category) and (not pack_name or r.pack == pack_name)]
    if output_format == "json":
        click.echo(json.dumps([_rule_dict(r) for r in selected], ensure_ascii=False, indent=2))
        return
    if output_format == "markdown":

        click.echo(rules_markdown(linter.packs, selected), nl=False)
        return

    width = max((len(r.id) for r in selected), default=10)
    phrase_width = max((display_width(rule_summary(r)) for r in selected), default=10)
    for rule in selected:
        summary = rule_summary(rule)
        phrase = summary + " " * (phrase_width - display_width(summary))
        click.echo(f"{rule.id:<{width}}  {str(rule.level):<10}  {rule.category:<10}  {phrase}  {rule.message}")
    click.echo(f"{len(selected)} rules")


def _rule_dict(rule) -> dict:
    return {
        "id": rule.id, "level": str(rule.level), "category": rule.category, "pack": rule.pack,
        "type": rule.type, "message": rule.message, "phrases": list(rule.phrases),
        "rewrites": [r.text for r in rule.rewrites], "source": rule.source,
    }


@cli.command()
@click.argument("rule_id")
@linter_options
def explain(rule_id, options: LinterOptions) -> None:
    """Show a rule: why, what it matches, what to say instead, where it comes from."""
    _, linter = linter_from(options)
    rule = linter.rule(rule_id)
    if rule is None:
        raise click.UsageError(f"no rule '{rule_id}' (see `phraselint rules`)")

    click.echo(explain_rule(rule))


@cli.command("test-rules")
@click.argument("packs_to_test", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("-v", "--verbose", is_flag=True, help="List every rule with its count of cases.")
def test_rules_command(packs_to_test, config_path, verbose) -> None:
    """Run every rule's examples (bad must hit, good must not), in both scripts."""

    config = load_config_for(config_path)
    # packs given as Pack objects: built without the examples check, which would stop at the
    # first broken example that this command is here to report in full
    linter = Linter(load_packs(list(packs_to_test) or config.packs, search_paths=config.pack_paths))
    scripts = _Scripts()
    total, failures = 0, []
    for rule in linter.rules:
        cases, rule_failures = test_rule(linter, rule, scripts)
        total += cases
        failures.extend(rule_failures)
        if verbose:
            click.echo(f"{'FAIL' if rule_failures else 'ok  '} {rule.id} ({cases} cases)")
    for failure in failures:
        click.echo(f"FAIL {failure}")
    click.echo(f"{len(linter.rules)} rules, {total} cases: {total - len(failures)} passed, {len(failures)} failed")
    if failures:
        sys.exit(1)


@cli.command("eval")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--min-precision", type=click.FloatRange(0, 1), default=0.0, help="Exit 1 when overall precision is below this.")
@click.option("--min-recall", type=click.FloatRange(0, 1), default=0.0, help="Exit 1 when overall recall is below this.")
@click.option("--level", type=LEVELS, default="warning", show_default=True, help="Lowest level of finding that counts.")
@linter_options
def eval_command(corpora, output_format, min_precision, min_recall, level, options: LinterOptions) -> None:
    """Measure precision and recall on labelled JSON Lines corpora (each item checked as its kind says)."""

    _, linter = linter_from(options)
    evaluation = evaluate(linter, load_corpus(corpora), level=Level.parse(level))
    if output_format == "json":
        click.echo(json.dumps(evaluation.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(evaluation), nl=False)
    overall = evaluation.overall
    if overall.precision < min_precision or overall.recall < min_recall:
        click.echo(
            f"below threshold: precision {overall.precision:.3f} (min {min_precision}), recall {overall.recall:.3f} (min {min_recall})",
            err=True,
        )
        sys.exit(1)


@cli.command()
@click.argument("text", required=False)
@linter_options
def tokens(text, options: LinterOptions) -> None:
    """Show how TEXT is normalised, segmented and matched (for debugging a rule)."""

    if text is None:
        text = sys.stdin.read()
    _, linter = linter_from(options)
    norm = normalise(text)
    click.echo(f"script:      {detect_script(text)}")
    click.echo(f"normalised:  {norm.text}")
    click.echo(f"segmented:   {' / '.join(linter.segmenter.cut(norm.text))}")
    verdicts = verify.explain(linter.compiled, norm.text, linter.segmenter)
    if not verdicts:
        click.echo("candidates:  none")
    for candidate, hit, verdict in verdicts:
        pattern = linter.compiled.patterns[candidate.pattern_index]
        rule = linter.compiled.rules[pattern.rule_index]
        end = hit.end if hit else candidate.end
        start, stop = norm.to_original(candidate.start, end)
        click.echo(f"candidate:   {start}-{stop} 「{text[start:stop]}」 {rule.id} (phrase {pattern.pattern.source}): {verdict}")


def main() -> None:
    """The click application with its own errors turned into exit codes (see guard.guarded for the rest)."""

    def run() -> int:
        try:
            code = cli.main(standalone_mode=False)
            return code if isinstance(code, int) else 0
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            return 130
        except click.ClickException as exc:
            exc.show()
            return exc.exit_code

    sys.exit(guarded(run))
