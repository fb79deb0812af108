"""The language server: editor events in, diagnostics, code actions and hovers out.

A thin shell over the library: documents are checked by documents.check_document (the
`check` command's session), edits come from actions.py, hovers from `explain`'s text. What
this module adds is timing: a change is checked after a short debounce, in one checking
thread (the event loop keeps answering the editor), and a result is published only if the
document is still at the version it was made from; a newer change drops it.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import JsonRPCProtocol

from ..errors import PhraselintError
from ..i18n.choice import Interface
from ..i18n.message import shown
from ..packs.yaml_source import read_source
from ..version import __version__
from .actions import KINDS, ConfigTarget, code_actions
from .diagnostics import CONFIG_PROBLEM, INTERNAL_PROBLEM, Payload, publication
from .documents import Checked, check_document, failed, file_path
from .hover import hover
from .projects import CONFIG_FILES, Projects

# seconds after the last keystroke before a check starts: an edit to a plain text is checked
# around the change only (~10 ms for 2,000 lines), so a check a newer keystroke makes
# outdated costs little, and one still waiting for the thread is skipped (_check_if_current)
DEBOUNCE = 0.01
WATCHED = ("**/.phraselint.yaml", "**/.phraselint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")
log = logging.getLogger(__name__)


class Settings:
    """What the editor may set (initializationOptions, or the `phraselint` section of
    workspace/didChangeConfiguration): `debounce` in milliseconds, `lang` (zh, en) for the
    interface strings, `rulesUrl` for where rule documentation links point."""

    def __init__(self, values: Any = None):
        values = values if isinstance(values, dict) else {}
        values = values.get("phraselint", values) if isinstance(values.get("phraselint"), dict) else values
        debounce = values.get("debounce")
        self.debounce = debounce / 1000 if isinstance(debounce, (int, float)) and 0 <= debounce <= 10_000 else DEBOUNCE
        self.lang = values.get("lang") if values.get("lang") in ("zh", "en") else None
        url = values.get("rulesUrl")
        self.rules_url = url if isinstance(url, str) and url else None


class PhraselintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("phraselint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full)
        self.settings = Settings()
        self.projects = Projects()
        # one thread: a Linter fills its lazy caches on first use, and checks of one document
        # queue in the order they were asked for
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="phraselint-check")
        self.results: dict[str, tuple[int, Checked]] = {}  # uri -> (projects' generation, result)
        self.timers: dict[str, asyncio.Task] = {}  # uri -> a debounce not yet run out
        self.dropped = 0  # results thrown away because the document had changed meanwhile

    # -- positions and capabilities

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16
        return str(getattr(encoding, "value", encoding))

    def folders(self) -> list[str]:
        folders = [file_path(f.uri) for f in self.workspace.folders.values()]
        root = self.workspace.root_path
        return [f for f in folders + [root] if f]

    def can_create_files(self) -> bool:
        edit = getattr(getattr(self.client_capabilities, "workspace", None), "workspace_edit", None)
        operations = getattr(edit, "resource_operations", None) or []
        return bool(getattr(edit, "document_changes", False)) and lsp.ResourceOperationKind.Create in operations

    # -- checking

    def schedule(self, uri: str, delay: float) -> None:
        """Check `uri` after `delay` seconds, unless another change comes first."""
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self.timers[uri] = asyncio.ensure_future(self._after(uri, delay))

    async def _after(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if self.timers.get(uri) is asyncio.current_task():
            del self.timers[uri]  # from here on a new change no longer cancels this check: it drops its result
        await self.check(uri)

    async def check(self, uri: str) -> Checked | None:
        """Check the document as it is now and publish the result, unless it changed meanwhile."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        version, text, language = document.version, document.source, document.language_id
        generation = self.projects.generation
        loop = asyncio.get_running_loop()
        known = self.results.get(uri)
        previous = known[1] if known is not None and known[0] == generation else None
        checked = await loop.run_in_executor(self.executor, self._check_if_current, uri, text, version, language,
                                             previous)
        current = self.workspace.text_documents.get(uri)
        if checked is None or current is None or current.version != version or generation != self.projects.generation:
            self.dropped += 1
            log.debug("dropped the result for %s version %s", uri, version)
            return None
        self.results[uri] = (generation, checked)
        if checked.made is not None:
            self.send(publication(uri, checked.made.texts, version))
        else:
            self.publish(uri, checked.diagnostics, version)
        return checked

    def publish(self, uri: str, diagnostics: list[Payload], version: int | None = None) -> None:
        """Send textDocument/publishDiagnostics from JSON-ready dicts. pygls's notify() would
        take only lsprotocol objects and convert them back to dicts (for 1,500 diagnostics,
        ~17 ms a change); this writes the message its converter would, field for field
        (params: uri, diagnostics, version if any; then method, jsonrpc), through the protocol's
        own framing and writer."""
        params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            params["version"] = version
        self.protocol._send_data({"params": params, "method": lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                                  "jsonrpc": JsonRPCProtocol.VERSION})

    def send(self, body: str) -> None:
        """Write a JSON-RPC message already encoded as JSON, framed as pygls's protocol frames
        what it sends (JsonRPCProtocol._send_data: the same headers, charset and writer)."""
        protocol = self.protocol
        if protocol.writer is None:
            log.error("no transport to send diagnostics on")
            return
        if protocol._include_headers:
            body = (f"Content-Length: {len(body)}\r\n"  # json.dumps escapes to ASCII: characters are bytes
                    f"Content-Type: {protocol.CONTENT_TYPE}; charset={protocol.CHARSET}\r\n\r\n" + body)
        written = protocol.writer.write(body.encode(protocol.CHARSET))
        if inspect.isawaitable(written):
            asyncio.ensure_future(written)

    def _check_if_current(self, uri: str, text: str, version: int | None, language: str | None,
                          previous: Checked | None) -> Checked | None:
        """The check, unless the document changed while it waited for the thread (a newer
        change has its own check coming, and this one's result would be dropped): so checks of
        versions typed past do not queue up behind one another."""
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return None
        return self._check_in_thread(uri, text, version, language, previous)

    def _check_in_thread(self, uri: str, text: str, version: int | None, language: str | None,
                         previous: Checked | None = None) -> Checked:
        encoding = self.encoding
        try:
            return check_document(self.projects, uri, text, version, language, encoding, self.settings.lang,
                                  previous)
        except PhraselintError as exc:  # an input the reader refuses (a chat log nested too deep)
            return failed(uri, text, version, encoding, "phraselint: " + shown(exc, Interface(self.settings.lang).of()), CONFIG_PROBLEM)
        except Exception as exc:  # a bug: said plainly, in the document and the server's log
            log.exception("internal error checking %s", uri)
            return failed(uri, text, version, encoding, f"phraselint: internal error: {type(exc).__name__}: {exc}",
                          INTERNAL_PROBLEM)

    async def current(self, uri: str) -> Checked | None:
        """The result for the document as it is now: the last one if it is current, else a
        check made now (a change still waiting for its debounce is checked at once)."""
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return None
        known = self.results.get(uri)
        if known is not None and known[0] == self.projects.generation and known[1].version == document.version:
            return known[1]
        timer = self.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        return await self.check(uri)

    def reload(self) -> None:
        """A configuration or pack changed: build the projects again and check every open document."""
        self.projects.reset(self.settings.rules_url or "")
        self.results.clear()
        for uri in list(self.workspace.text_documents):
            if _checked(uri):
                self.schedule(uri, 0)

    def in_thread(self, function, *args):
        return asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    def read_config(self, path: str) -> str | None:
        """A configuration file's text as the editor holds it (unsaved changes too), else on disk."""
        document = self.workspace.text_documents.get(Path(path).as_uri())
        if document is not None:
            return document.source
        try:
            return read_source(path)
        except (OSError, UnicodeDecodeError):
            return None


def _checked(uri: str) -> bool:
    """Configuration files are read, not checked: their rule texts would all be findings."""
    path = file_path(uri)
    return path is None or os.path.basename(path) not in CONFIG_FILES


def build_server() -> PhraselintServer:
    server = PhraselintServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: PhraselintServer, params: lsp.InitializeParams) -> None:
        ls.settings = Settings(params.initialization_options)
        root = file_path(params.root_uri) if params.root_uri else params.root_path
        ls.projects = Projects(root, ls.settings.rules_url)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: PhraselintServer, params: lsp.InitializedParams) -> None:
        watched = getattr(getattr(ls.client_capabilities, "workspace", None), "did_change_watched_files", None)
        if getattr(watched, "dynamic_registration", False):
            options = lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED])
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
                lsp.Registration(id="phraselint-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                 register_options=options)]))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PhraselintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        if _checked(params.text_document.uri):
            ls.schedule(params.text_document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PhraselintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if _checked(params.text_document.uri):
            ls.schedule(params.text_document.uri, ls.settings.debounce)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PhraselintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        path = file_path(params.text_document.uri)
        if path and ls.projects.built_from(path):  # for editors that watch no files: a saved configuration
            ls.reload()

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PhraselintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        timer = ls.timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        ls.results.pop(uri, None)
        ls.publish(uri, [])

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: PhraselintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if any((path := file_path(change.uri)) and ls.projects.built_from(path) for change in params.changes):
            ls.reload()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(ls: PhraselintServer, params: lsp.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, dict) and params.settings:
            ls.settings = Settings(params.settings)
        ls.reload()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=KINDS, resolve_provider=False))
    async def code_action(ls: PhraselintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None:
            return None
        positions = checked.positions
        start = positions.offset(params.range.start.line, params.range.start.character)
        end = positions.offset(params.range.end.line, params.range.end.character)
        t = checked.catalogue(ls.settings.lang)
        target = ConfigTarget.of(checked, ls.folders(), ls.read_config, ls.encoding, ls.can_create_files())
        return await ls.in_thread(code_actions, checked, start, end, params.context.only, t, target)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: PhraselintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        checked = await ls.current(params.text_document.uri)
        if checked is None:
            return None
        offset = checked.positions.offset(params.position.line, params.position.character)
        return await ls.in_thread(hover, checked, offset, ls.settings.lang)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: PhraselintServer, params: None) -> None:
        for timer in ls.timers.values():
            timer.cancel()
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return server


def run() -> None:
    """Serve one editor over standard input and output until it says exit."""
    build_server().start_io()
