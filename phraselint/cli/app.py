"""The command line: a thin shell over the library API (phraselint.Linter).

The click application declares every command; `check`'s options and those every pack-loading
command shares come from the table in options.py (click_options.py turns it into click's).
launch.py runs ordinary `check` invocations without click (options.parse_check_args) from the
same table, and both end in check.run_check.
"""

from __future__ import annotations

import json
import sys

import click

from .check import run_check, session_from
from .click_options import takes_options
from .colour import use_color
from .configure import linter_from, load_config_for
from ..inputs.discovery import expand_paths
from .guard import EXIT_CODES, guarded
from ..engine.linter import Linter
from ..errors import ConfigError, PhraselintError
from ..model import Level
from .options import (CHECK_OPTIONS, FIX_OPTIONS, LANG_NAMES, LEVEL_NAMES, LINTER_OPTIONS, REWRITE_OPTIONS, CheckOptions, FixOptions,
                      LinterOptions, RewriteOptions)
from ..engine import verify
from ..packs.loader import load_packs
from ..packs.selftest import _Scripts, test_rule
from ..engine.transcripts import detect_layout
from ..report.evaluate import evaluate_sets, load_corpus
from ..report.evaluate_text import render_sets
from ..report.explain import explain_rule, rule_summary
from ..report.json_report import rule_to_dict
from ..report.markdown import rules_markdown
from ..report.text import display_width
from ..text.script import detect_script, form_of
from ..i18n.choice import Interface
from .interactive import run_interactive
from .paste import run_paste
from .rewrite import run_rewrite
from .serve import serve as serve_command
from .lsp import lsp as lsp_command
from .audit import audit as audit_command
from .click_text import TranslatedGroup, show_error, show_version
from ..i18n.message import say, shown
from ..i18n.choice import N_

LEVELS = click.Choice(LEVEL_NAMES, case_sensitive=False)

linter_options = takes_options(LINTER_OPTIONS, LinterOptions)  # what every command that loads packs takes


@click.group(cls=TranslatedGroup, context_settings={"help_option_names": ["-h", "--help"]}, invoke_without_command=True)
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=show_version,
              help="Show the version and exit.")
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


@cli.command(epilog=EXIT_CODES)
@takes_options(CHECK_OPTIONS, CheckOptions)
def check(options: CheckOptions) -> None:
    """Check files, folders or standard input ('-', or no PATH with piped input)."""
    if not options.paths:
        if sys.stdin is not None and sys.stdin.isatty():  # closed (<&-): checking "-" says so
            raise click.UsageError(say("give files or folders to check, or pipe text in (phraselint check -)"))
        options = options._replace(paths=("-",))
    sys.exit(run_check(options))


@cli.command()
@linter_options
def paste(options: LinterOptions) -> None:
    """Paste a reply, see what to change and a polite version; repeat. Empty line ends a reply, q quits."""
    if sys.stdin is None:
        raise click.UsageError(say("standard input is closed; paste reads the replies from it"))

    config, linter = linter_from(options)
    ui = Interface(options.lang or config.lang, linter.variant)
    sys.exit(run_paste(linter, sys.stdin, sys.stdout, color=use_color(sys.stdout), ui=ui))


cli.add_command(serve_command)
cli.add_command(lsp_command)
cli.add_command(audit_command)


@cli.command(epilog=EXIT_CODES)
@takes_options(FIX_OPTIONS, FixOptions)
def fix(options: FixOptions) -> None:
    """Fix files in place: the drop-in rewrites, then report what is left (exactly check --fix);
    or with -i one finding at a time."""
    if not options.paths:
        raise click.UsageError(say("give files or folders to fix (for standard input: phraselint fix -)"))
    if not options.interactive:
        values = options._asdict()
        del values["interactive"]
        sys.exit(run_check(CheckOptions(**values, fix=True)))
    config, _, session = session_from(options)
    files = list(expand_paths(list(options.paths), config.include + list(options.include),
                              config.exclude + list(options.exclude)))
    if "-" in files:
        raise click.UsageError(say("fix -i reads your answers from standard input, so it works on files only"))
    ui = Interface(options.lang or config.lang, session.linter.variant)
    failed = run_interactive(session, files, sys.stdin, sys.stdout, color=use_color(sys.stdout), ui=ui)
    sys.exit(2 if failed else 0)


@cli.command()
@takes_options(REWRITE_OPTIONS, RewriteOptions)
def rewrite(options: RewriteOptions) -> None:
    """Print one polite version of each FILE or of standard input ('-'), ready to send."""
    sys.exit(run_rewrite(options))


@cli.command()
@click.option("--category", help="Only rules of this category.")
@click.option("--pack", "pack_name", help="Only rules of this pack.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@linter_options
def rules(category, pack_name, output_format, options: LinterOptions) -> None:
    """List the rules of the loaded packs."""
    config, linter = linter_from(options)
    for option, asked, known in (("--pack", pack_name, {r.pack for r in linter.rules}),
                                 ("--category", category, {r.category for r in linter.rules})):
        if asked and asked not in known:  # a typo, not an empty list
            template = (N_("--pack: no loaded pack is named '{asked}' (loaded: {known})") if option == "--pack" else
                        N_("--category: no loaded category is named '{asked}' (loaded: {known})"))
            raise ConfigError(say(template, asked=asked, known=", ".join(sorted(known))))
    selected = [r for r in linter.rules if (not category or r.category == category) and (not pack_name or r.pack == pack_name)]
    if output_format == "json":
        click.echo(json.dumps([rule_to_dict(r) for r in selected], ensure_ascii=False, indent=2))
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
    click.echo(Interface(options.lang or config.lang, linter.variant).of().trn("{n} rule", "{n} rules", len(selected)))


@cli.command()
@click.argument("rule_id")
@linter_options
def explain(rule_id, options: LinterOptions) -> None:
    """Show a rule: why, what it matches, what to say instead, where it comes from."""
    config, linter = linter_from(options)
    rule = linter.rule(rule_id)
    if rule is None:
        raise click.UsageError(say("no rule '{rule}' (see `phraselint rules`)", rule=rule_id))
    reader = linter.variant or "cn"  # no text to tell the reader from: the variant given, else the mainland's
    ui = Interface(options.lang or config.lang, reader)
    click.echo(explain_rule(rule, ui.of(), lambda text: linter.writer.write_form(text, form_of(reader))))


@cli.command("test-rules")
@click.argument("packs_to_test", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Configuration file.")
@click.option("-v", "--verbose", is_flag=True, help="List every rule with its count of cases.")
@click.option("--lang", type=click.Choice(LANG_NAMES, case_sensitive=False), default=None,
              help="Interface language: Chinese in the reader's script (zh, the default) or English (en).")
def test_rules_command(packs_to_test, config_path, verbose, lang) -> None:
    """Run every rule's examples (bad must hit, good must not), in both scripts."""

    config = load_config_for(config_path)
    # packs given as Pack objects: built without the examples check, which would stop at the
    # first broken example that this command is here to report in full
    try:
        linter = Linter(load_packs(list(packs_to_test) or config.packs, search_paths=config.pack_paths))
    except PhraselintError as exc:  # shown in the configuration's language too
        exc.interface = Interface(lang or config.lang)
        raise
    ui = Interface(lang or config.lang, linter.variant).of()
    scripts = _Scripts()
    total, failures = 0, []
    for rule in linter.rules:
        cases, rule_failures = test_rule(linter, rule, scripts)
        total += cases
        failures.extend(rule_failures)
        if verbose:
            click.echo(ui.tr("FAIL {rule} ({cases} cases)" if rule_failures else "ok   {rule} ({cases} cases)",
                             rule=rule.id, cases=cases))
    for failure in failures:
        click.echo(ui.tr("FAIL {failure}", failure=shown(failure.message(), ui)))
    click.echo(ui.tr("{rules} rules, {cases} cases: {passed} passed, {failed} failed", rules=len(linter.rules), cases=total,
                     passed=total - len(failures), failed=len(failures)))
    if failures:
        sys.exit(1)


@cli.command("eval")
@click.argument("corpora", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--min-precision", type=click.FloatRange(0, 1), default=0.0, help="Exit 1 when a set's precision is below this.")
@click.option("--min-recall", type=click.FloatRange(0, 1), default=0.0, help="Exit 1 when a set's recall is below this.")
@click.option("--level", type=LEVELS, default="warning", show_default=True, help="Lowest level of finding that counts.")
@click.option("--one-to-one", is_flag=True, help="A finding counts only for a label of its rule's intent, one for one.")
@click.option("--phrases-only", is_flag=True, help="Score phrase rules only, not required wording (greeting, closing ...).")
@linter_options
def eval_command(corpora, output_format, min_precision, min_recall, level, one_to_one, phrases_only, options: LinterOptions) -> None:
    """Measure precision and recall on labelled JSON Lines corpora (each item checked as its kind says).

    Files in corpora/ are the tuned set; files in a folder of their own (corpora/blind/) are
    scored as a set apart, never mixed with the tuned figures."""

    config, linter = linter_from(options)
    ui = Interface(options.lang or config.lang, linter.variant).of()
    mode = "one-to-one" if one_to_one else "overlap"
    evaluations = evaluate_sets(linter, load_corpus(corpora), level=Level.parse(level), mode=mode,
                               required_wording=not phrases_only, layer="similar" if linter.similar else "all")
    if output_format == "json":
        click.echo(json.dumps({"sets": {name: e.as_dict() for name, e in evaluations.items()}}, ensure_ascii=False, indent=2))
    else:
        click.echo(render_sets(evaluations, ui), nl=False)
    below = [ui.tr("{name}: precision {precision}, recall {recall}", name=name, precision=f"{e.overall.precision:.3f}",
                   recall=f"{e.overall.recall:.3f}") for name, e in evaluations.items()
             if e.overall.precision < min_precision or e.overall.recall < min_recall]
    if below:
        click.echo(ui.tr("below threshold (min precision {precision}, min recall {recall}): {sets}", precision=min_precision,
                         recall=min_recall, sets=ui.tr("; ").join(below)), err=True)
        sys.exit(1)


@cli.command()
@click.argument("text", required=False)
@linter_options
def tokens(text, options: LinterOptions) -> None:
    """Show how TEXT is normalised, segmented and matched (for debugging a rule)."""

    if text is None:
        text = sys.stdin.read()
    config, linter = linter_from(options)
    tr = Interface(options.lang or config.lang, linter.variant).of().tr
    norm = linter.normalised(text)
    click.echo(tr("script:      {script}", script=tr(SCRIPT_NAMES[detect_script(text)])))
    folded = norm._replace(rewrites=None)  # offsets before the lexicon: a form read as nothing still has its span
    for rewrite in norm.rewrites.spans if norm.rewrites else ():
        start, stop = folded.to_original(rewrite.old_start, rewrite.old_end)
        click.echo(tr("dialect:     {start}-{stop} 「{form}」 read as 「{mandarin}」 ({variety})", start=start, stop=stop,
                      form=text[start:stop], mandarin=rewrite.mandarin, variety=rewrite.variety))
    click.echo(tr("normalised:  {text}", text=norm.text))
    click.echo(tr("segmented:   {words}", words=" / ".join(linter.segmenter.cut(norm.text))))
    layout = detect_layout(norm.text, linter.roles, kind=None, dialogue=None)
    if layout.is_dialogue:
        speakers = {t.role: (t.speaker, t.inferred) for t in layout.turns}
        click.echo(tr("roles:       {roles}", roles=tr(", ").join(
            tr("{role} {speaker} (inferred)" if inferred else "{role} {speaker}", role=role, speaker=speaker)
            for role, (speaker, inferred) in speakers.items())))
    verdicts = verify.explain(linter.compiled, norm.text, linter.segmenter)
    if not verdicts:
        click.echo(tr("candidates:  none"))
    for candidate, hit, verdict in verdicts:
        pattern = linter.compiled.patterns[candidate.pattern_index]
        rule = linter.compiled.rules[pattern.rule_index]
        end = hit.end if hit else candidate.end
        start, stop = norm.to_original(candidate.start, end)
        click.echo(tr("candidate:   {start}-{stop} 「{match}」 {rule} (phrase {pattern}): {verdict}", start=start, stop=stop,
                      match=text[start:stop], rule=rule.id, pattern=pattern.pattern.source, verdict=tr(verdict)))


# the names detect_script gives, as `tokens` shows them
SCRIPT_NAMES = {"simplified": N_("simplified"), "traditional": N_("traditional"), "mixed": N_("mixed")}


def main() -> None:
    """The click application with its own errors turned into exit codes (see guard.guarded for the rest)."""

    ui = Interface.from_argv(sys.argv[1:])  # click's own messages come before the options are read

    def run() -> int:
        try:
            code = cli.main(standalone_mode=False, obj=ui, prog_name="phraselint")
            return code if isinstance(code, int) else 0
        except click.exceptions.Abort:
            click.echo(ui.of().tr("Aborted."), err=True)
            return 130
        except click.ClickException as exc:
            show_error(exc, ui.of())
            return exc.exit_code

    sys.exit(guarded(run))
