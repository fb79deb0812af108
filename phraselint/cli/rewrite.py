"""`phraselint rewrite FILE|-`: the polite version of each input, printed as it is to send
(phraselint/rewrite/ makes it). Inputs are read as `check` reads them — folders walked with
--include/--exclude, each file by its format's reader (transcripts, chat logs, Markdown,
HTML, templates, .docx) — and each is printed in its own format with only the checked
wording changed (rewrite/of_input.py); several inputs are printed one after another, each
under a heading with its name."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import InputError
from ..i18n.choice import Interface
from ..i18n.message import say, shown
from ..inputs.discovery import expand_paths
from ..inputs.readers import format_for
from ..rewrite import polite_input
from ..run.session import CheckSession
from .configure import linter_from
from .strings import NEEDS_ADAPTING, NO_INPUT


def run_rewrite(options: Any) -> int:
    """Print each input's polite version; 2 when an input could not be read, else 0."""
    config, linter = linter_from(options)
    ui = Interface(options.lang or config.lang, linter.variant)
    paths = options.paths or ("-",)
    session = CheckSession(linter, config, kind=options.kind, dialogue=options.dialogue,
                           input_format=options.input_format, encoding=options.encoding,
                           role_field=options.role_field, text_field=options.text_field)
    files = list(expand_paths(list(paths), config.include + list(options.include), config.exclude + list(options.exclude)))
    if not files:
        click.echo("phraselint: " + ui.of().tr(NO_INPUT, paths=", ".join(paths)), err=True)
        return 2
    failed = 0
    for path in files:
        try:
            extracted = session.read(path)
        except (InputError, OSError, UnicodeDecodeError, LookupError) as exc:
            # an InputError names its file; the others are said after the path
            reason = exc if isinstance(exc, InputError) else say("{path}: cannot read: {reason}", path=path,
                                                                 reason=getattr(exc, "strerror", None) or str(exc))
            click.echo("phraselint: " + shown(reason, ui.of()), err=True)
            failed += 1
            continue
        polite = polite_input(linter, extracted, format_for(path, session.input_format), kind=session.kind,
                              dialogue=session.dialogue, suppressed=session.suppressed_in(path, extracted))
        if len(files) > 1:
            click.echo(f"==> {path} <==")
        text = polite.text
        sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
        if polite.polite.placeholder:
            sys.stdout.flush()
            click.echo(ui.of(polite.polite.variant).tr(NEEDS_ADAPTING), err=True)
    sys.stdout.flush()
    return 2 if failed else 0
