"""`phraselint serve`: the HTTP service and the paste page (phraselint/serve/), in the `serve` extra."""

from __future__ import annotations

import sys

import click

from ..errors import ConfigError
from ..i18n.message import say, shown
from ..serve.requests import DEFAULT_MAX_BODY, parse_size
from .click_options import takes_options
from .click_text import TranslatedCommand
from .guard import interface_catalogue, guarded
from .options import FLAG, INT, LINTER_OPTIONS, VALUE, Option, _record

SERVE_OPTIONS: tuple[Option, ...] = (
    Option("host", ("--host",), VALUE, "Address to listen on (a loopback address unless you mean to share it).",
           default="127.0.0.1"),
    Option("port", ("--port",), INT, "Port to listen on (default: 8765; 0: any free port, printed at the start).", default=8765,
           bounds=(0, 65535)),
    Option("max_body", ("--max-body",), VALUE, "Largest request body accepted; larger ones get 413 (bytes, or KB/MB).",
           default=DEFAULT_MAX_BODY),
    Option("access_log", ("--access-log",), FLAG, "Log every request on standard error.", default=False),
    *LINTER_OPTIONS,
)
ServeOptions = _record("ServeOptions", SERVE_OPTIONS, "Everything `phraselint serve` was told.")


@click.command(cls=TranslatedCommand)
@takes_options(SERVE_OPTIONS, ServeOptions)
def serve(options) -> None:
    """Serve checks over HTTP (POST /v1/check, /v1/rewrite) and the paste page at / for staff."""

    try:
        max_body = parse_size(options.max_body)
    except ValueError as exc:
        raise click.BadParameter(shown(exc.args[0], interface_catalogue()), param_hint="--max-body") from None

    def run() -> int:
        try:  # starlette and uvicorn (the serve extra) load for this command only
            from ..serve.server import serve as run_server
        except ImportError as exc:  # the extra is not installed
            raise ConfigError(say("phraselint serve needs the serve extra ({name} is missing): "
                                  "pip install 'phraselint[serve]'", name=str(exc.name))) from None

        def announce(message) -> None:
            print(shown(message, interface_catalogue()), file=sys.stderr, flush=True)

        return run_server(options, options.host, options.port, max_body, options.access_log, announce)

    raise SystemExit(guarded(run))
