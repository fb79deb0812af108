"""Running the service: bind the socket, build the packs, serve with uvicorn until stopped.

The socket is bound here rather than by uvicorn so that a port already in use is a one-line
error (exit 2) before anything is built, and so that `--port 0` can say which port the system
chose. uvicorn stops on Ctrl-C or SIGTERM; SIGHUP reloads the packs (app.py).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from typing import Any, Callable

import uvicorn

from ..errors import ConfigError
from ..i18n.message import Message, say
from .app import Service, create_app
from .linters import Linters


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on `host`:`port` (0: a free port the system picks)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror as exc:
        raise ConfigError(say("--host {host}: not an address this computer can listen on ({reason})", host=host,
                               reason=str(exc.strerror))) from None
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        # listening from here: a client that connects once the address is printed waits in the
        # backlog until uvicorn accepts, rather than being refused
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise ConfigError(say("cannot listen on {host}:{port}: {reason}", host=host, port=port,
                               reason=str(exc.strerror or exc))) from None
    return sock


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(options: Any, host: str, port: int, max_body: int, access_log: bool,
          announce: Callable[[Message], None]) -> int:
    """Serve until stopped; `announce` shows the address line in the run's interface language."""
    """Serve until Ctrl-C or SIGTERM (after a clean shutdown the process ends as the signal would, uvicorn's way)."""
    sock = bind(host, port)
    try:
        linters = Linters.build(options)
    except BaseException:
        sock.close()
        raise
    service = Service(linters, lambda: Linters.build(options), max_body=max_body)
    logging.basicConfig(format="phraselint serve: %(message)s", level=logging.INFO, stream=sys.stderr)
    config = uvicorn.Config(create_app(service, loopback=is_loopback(host)), log_config=None, log_level="warning",
                            access_log=access_log, server_header=False, lifespan="on")
    if access_log:
        logging.getLogger("uvicorn.access").setLevel(logging.INFO)
    announce(say("phraselint serve: {url} ({count} rules; the paste page at /, the API under /v1, its description at "
                 "/openapi.json). Ctrl-C stops; SIGHUP reloads the packs.", url=url_of(sock), count=len(linters.base.rules)))
    uvicorn.Server(config).run(sockets=[sock])
    return 0
