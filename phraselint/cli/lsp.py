"""`phraselint lsp`: the language server for editors (phraselint/lsp/), in the `lsp` extra."""

from __future__ import annotations

import click

from ..i18n.message import say
from .click_text import TranslatedCommand


@click.command(cls=TranslatedCommand)
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default and only transport).")
def lsp(stdio) -> None:
    """Run the language server for editors (over standard input and output)."""
    try:  # pygls and lsprotocol (the lsp extra) load for this command only
        from ..lsp.server import run
    except ImportError as exc:
        raise click.UsageError(say("the language server needs the lsp extra: pip install 'phraselint[lsp]' ({reason})",
                                   reason=str(exc))) from None
    run()
