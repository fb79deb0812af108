"""`phraselint lsp`: a language server for editors (pygls), a thin shell over the library.

    server.py       editor events, debounce, the checking thread, outdated results dropped
    documents.py    one document read by its file kind's reader and checked as `check` does
    projects.py     a Linter per configuration file, rebuilt when a configuration or pack changes
    diagnostics.py  findings as diagnostics (rule id, documentation link, severity)
    actions.py      quick fixes, polite sentence, suppress, disable in the configuration, fix-all
    hover.py        the rule explained, as `phraselint explain` writes it
    positions.py    code points to UTF-16 (or the negotiated encoding) and back

Needs the `lsp` extra (pygls, lsprotocol); nothing here is imported by the other commands.
"""
