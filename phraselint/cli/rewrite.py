"""`phraselint rewrite FILE|-`: the polite version of each input, printed as it is to send
(phraselint/rewrite/ makes it). The file is read as plain text in its detected encoding;
several inputs are printed one after another, each under a heading with its name."""

from __future__ import annotations

import sys
from typing import Any

import click

from ..errors import InputError
from ..i18n.choice import Interface
from ..inputs.discovery import decode, read_bytes
from .configure import linter_from
from ..rewrite import polite_version
from .strings import NEEDS_ADAPTING


def run_rewrite(options: Any) -> int:
    """Print each input's polite version; 2 when an input could not be read, else 0."""
    config, linter = linter_from(options)
    ui = Interface(options.lang or config.lang, linter.variant)
    paths = options.paths or ("-",)
    failed = 0
    for path in paths:
        try:
            text = decode(read_bytes(path), path, options.encoding).text
        except (OSError, InputError, UnicodeDecodeError, LookupError) as exc:
            # an InputError names its file; the others are said after the path
            reason = str(exc) if isinstance(exc, InputError) else f"{path}: {getattr(exc, 'strerror', None) or exc}"
            click.echo(f"phraselint: {reason}", err=True)
            failed += 1
            continue
        polite = polite_version(linter, text, kind=options.kind, dialogue=options.dialogue)
        if len(paths) > 1:
            click.echo(f"==> {path} <==")
        sys.stdout.write(polite.text if polite.text.endswith("\n") or not polite.text else polite.text + "\n")
        if polite.placeholder:
            click.echo(ui.of(polite.variant).tr(NEEDS_ADAPTING), err=True)
    sys.stdout.flush()
    return 2 if failed else 0

