"""The HTTP service: a thin Starlette shell over the library API (answers.py).

    POST /v1/check    {"text": …, "kind"?, "dialogue"?, "variant"?, "roles"?, "level"?, "report_mentions"?, "polite"?}
    POST /v1/rewrite  {"text": …, "kind"?, "dialogue"?, "variant"?, "roles"?}
    GET  /v1/rules    GET /healthz    GET /openapi.json    GET / (the paste page)

Checking is CPU work that holds the GIL, so it runs in one dedicated thread: the event loop
keeps accepting, reading and refusing requests (413, 400) while a long text is checked, and
each Linter is only ever used from that one thread. No endpoint reads or writes a file: the
packs are compiled when the service starts and again on SIGHUP (server.py), the page's files
are read from the package once, when the application is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..version import __version__
from .answers import check_answer, rewrite_answer, rules_answer
from .linters import Linters
from .openapi import document as openapi_document
from .page import Page
from .requests import (CHECK_FIELDS, DEFAULT_MAX_BODY, REWRITE_FIELDS, Refused, decode_json, parse_size, read_body,
                       text_request)

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]  # Host headers a loopback-bound service answers (no DNS rebinding)
log = logging.getLogger("phraselint.serve")


class Service:
    """What the application serves from: the current Linters, swapped whole on reload, and the
    thread that checks."""

    def __init__(self, linters: Linters, rebuild: Callable[[], Linters] | None = None, *,
                 max_body: int | None = None):
        self.linters = linters
        self.rebuild = rebuild  # reads the configuration and packs again (None: nothing to reload from)
        self.max_body = parse_size(DEFAULT_MAX_BODY) if max_body is None else max_body
        self.reloads = 0
        self.reload_error: str | None = None
        self.started_at = time.time()
        self._checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phraselint-check")
        self._reloading: asyncio.Task | None = None

    async def in_checker(self, work: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._checker, work, *args)

    def reload_soon(self) -> None:
        """SIGHUP: build the packs again beside the ones in use, then swap; a reload already
        under way is not started twice."""
        if self.rebuild is None or (self._reloading is not None and not self._reloading.done()):
            return
        self._reloading = asyncio.get_running_loop().create_task(self.reload())

    async def reload(self) -> bool:
        """Swap in freshly built Linters; on an error keep serving the old ones and say why."""
        assert self.rebuild is not None
        try:
            fresh = await asyncio.to_thread(self.rebuild)
        except Exception as exc:  # a broken pack or configuration must not stop the service
            self.reload_error = str(exc).strip() or type(exc).__name__
            log.error("reload failed, still serving the packs loaded before: %s", self.reload_error)
            return False
        self.linters = fresh  # one reference: a request in flight finishes with the Linters it started with
        self.reloads += 1
        self.reload_error = None
        log.info("reloaded: %d rules", len(fresh.base.rules))
        return True

    def close(self) -> None:
        self._checker.shutdown(wait=False, cancel_futures=True)


def create_app(service: Service, *, loopback: bool = True) -> Starlette:
    """The ASGI application. `loopback`: bound to a loopback address, so only loopback Host
    headers are answered (a web page elsewhere cannot reach it through DNS rebinding)."""
    page = Page(service)
    openapi = openapi_document(service.max_body)

    async def check(request: Request) -> Response:
        asked = text_request(await _json_body(request, service), CHECK_FIELDS)
        linters = service.linters
        return JSONResponse(await service.in_checker(_answer, check_answer, linters, asked))

    async def rewrite(request: Request) -> Response:
        asked = text_request(await _json_body(request, service), REWRITE_FIELDS)
        linters = service.linters
        return JSONResponse(await service.in_checker(_answer, rewrite_answer, linters, asked))

    async def rules(request: Request) -> Response:
        return JSONResponse(await service.in_checker(rules_answer, service.linters.base))

    async def healthz(request: Request) -> Response:
        linters = service.linters
        return JSONResponse({
            "status": "ok", "version": __version__, "rules": len(linters.base.rules),
            "packs": [pack.name for pack in linters.base.packs],
            "loaded_at": _iso(linters.loaded_at), "started_at": _iso(service.started_at),
            "reloads": service.reloads, "reload_error": service.reload_error,
        })

    async def openapi_json(request: Request) -> Response:
        return JSONResponse(openapi)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        loop = asyncio.get_running_loop()
        hangup = getattr(signal, "SIGHUP", None)  # none on Windows: restart to reload there
        if hangup is not None and service.rebuild is not None:
            loop.add_signal_handler(hangup, service.reload_soon)
        try:
            yield
        finally:
            if hangup is not None and service.rebuild is not None:
                loop.remove_signal_handler(hangup)
            service.close()

    routes = [
        Route("/v1/check", _guarded(check), methods=["POST"]),
        Route("/v1/rewrite", _guarded(rewrite), methods=["POST"]),
        Route("/v1/rules", _guarded(rules), methods=["GET"]),
        Route("/healthz", _guarded(healthz), methods=["GET"]),
        Route("/openapi.json", _guarded(openapi_json), methods=["GET"]),
        *page.routes(_guarded),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES)] if loopback else []
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={HTTPException: _http_error})


def _guarded(endpoint: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint whose refusals become their error answers, and whose bugs a 500 with a plain
    message: logged in one line (with the traceback only under PHRASELINT_DEBUG), as the CLI does."""

    @functools.wraps(endpoint)
    async def guarded(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Refused as exc:
            # a body refused unread leaves bytes on the connection: close it rather than read them
            return error_response(exc.status, exc.message, {"Connection": "close"} if exc.status == 413 else None)
        except Exception as exc:
            log.error("internal error on %s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc,
                      exc_info=bool(os.environ.get("PHRASELINT_DEBUG")))
            return error_response(500, f"internal error: {type(exc).__name__} (the service's log has the details)")

    return guarded


def _answer(make: Callable[..., dict], linters: Linters, asked) -> dict:
    """In the checking thread: the Linter for the request's reader and roles, then its answer."""
    return make(linters.for_request(asked.asked), asked)


async def _json_body(request: Request, service: Service) -> dict[str, Any]:
    return decode_json(await read_body(request.headers, request.stream(), service.max_body))


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"no such endpoint: {request.url.path} (see /openapi.json)"
    elif exc.status_code == 405:
        message = f"{request.method} is not accepted at {request.url.path}"
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, message, exc.headers)


def _iso(moment: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))
