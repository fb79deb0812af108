"""The HTTP service and the paste page (`phraselint serve`, the `serve` extra): a thin shell
over the library API for chat systems and staff's browsers.

    requests.py  what a request asks for, or why it is refused (400, 413, 422)
    linters.py   the compiled packs, a Linter per reader and role set asked for
    answers.py   the answers, made with the library (findings in the JSON contract's shape)
    app.py       the Starlette application: routes, the checking thread, reload on SIGHUP
    openapi.py   the OpenAPI description, as data
    page.py      the paste page (static/: its script and style)
    server.py    binding the socket and running uvicorn

Nothing here is imported by `phraselint` itself: starlette and uvicorn load only for `serve`.
"""
