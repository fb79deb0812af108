"""The language server end to end: a real LSP client (pytest-lsp) talking to `phraselint lsp`
over standard input and output, as an editor does."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = pytest.mark.asyncio(loop_scope="function")

def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publication (with its version) and registration."""
    client = LanguageClient(converter_factory=default_converter)
    client.published, client.registrations = [], []

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    register_lsp_features(client, {method: feature for method, feature in DEFAULT_CLIENT_FEATURES.items()
                                   if method != lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    return client


SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "phraselint", "lsp", "--stdio"],
                            client_factory=recording_client)


def capabilities(encodings: list[str] | None = None) -> lsp.ClientCapabilities:
    return lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            workspace_edit=lsp.WorkspaceEditClientCapabilities(
                document_changes=True, resource_operations=[lsp.ResourceOperationKind.Create]),
        ),
        text_document=lsp.TextDocumentClientCapabilities(
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True),
            code_action=lsp.CodeActionClientCapabilities(code_action_literal_support=lsp.ClientCodeActionLiteralOptions(
                code_action_kind=lsp.ClientCodeActionKindOptions(value_set=[lsp.CodeActionKind.QuickFix, "source"])))),
    )


async def start(client: LanguageClient, root: Path, encodings: list[str] | None = None, **options) -> lsp.InitializeResult:
    return await client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities(encodings), root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="work")],
        initialization_options={"debounce": 10, **options}))


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path: Path):
    lsp_client.root = tmp_path
    yield
    await lsp_client.shutdown_session()


async def diagnostics_for(client: LanguageClient, uri: str, version: int, timeout: float = 30) -> list[lsp.Diagnostic]:
    """The diagnostics published for `uri` at `version` (waiting for them)."""
    async def wait():
        while True:
            for params in client.published:
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)
    return await asyncio.wait_for(wait(), timeout)


def open_document(client: LanguageClient, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to `text`, as an editor does."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position: lsp.Position) -> int:
        before = "".join(lines[:position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return len(before) + index
            units += 2 if ord(char) > 0xFFFF else 1
        return len(before) + len(line.rstrip("\r\n"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
        lines = text.splitlines(keepends=True) or [""]
    return text


async def actions_at(client: LanguageClient, uri: str, diagnostic: lsp.Diagnostic, only=None) -> list[lsp.CodeAction]:
    result = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=diagnostic.range,
        context=lsp.CodeActionContext(diagnostics=[diagnostic], only=only)))
    return list(result or [])


async def test_diagnostics_carry_rule_link_severity_and_the_readers_script(client: LanguageClient):
    result = await start(client, client.root)
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf16
    uri = open_document(client, client.root / "reply.txt", "這個我不知道，你等一下\n這是你的快遞\n")
    found = await diagnostics_for(client, uri, 1)
    by_rule = {d.code: d for d in found}
    assert set(by_rule) >= {"inquiry.dont-know", "telephone.hold-on"}
    dont_know = by_rule["inquiry.dont-know"]
    assert dont_know.severity == lsp.DiagnosticSeverity.Error and dont_know.source == "phraselint"
    assert dont_know.range == lsp.Range(lsp.Position(0, 3), lsp.Position(0, 6))
    assert "逃避問題" in dont_know.message  # written for a Taiwan reader, as the text is
    assert by_rule["telephone.hold-on"].severity == lsp.DiagnosticSeverity.Warning
    href = dont_know.code_description.href
    assert href.endswith("#inquirydont-know") and href.startswith("file://")
    reference = Path(href.split("#")[0].removeprefix("file://")).read_text("utf-8")
    assert "### inquiry.dont-know" in reference
    nin = [d for d in found if d.code == "courtesy.address-as-nin"]
    assert nin and all(d.severity == lsp.DiagnosticSeverity.Information for d in nin)


async def test_a_character_outside_the_bmp_does_not_shift_columns(client: LanguageClient):
    await start(client, client.root)
    uri = open_document(client, client.root / "lift.txt", "𨋢壞咗，你等一下\n")  # 𨋢: two UTF-16 units
    found = await diagnostics_for(client, uri, 1)
    hold = next(d for d in found if d.code == "telephone.hold-on")
    assert hold.range == lsp.Range(lsp.Position(0, 5), lsp.Position(0, 9))  # 你 is the 5th code point, 6th unit


async def test_utf32_is_used_when_the_client_asks_for_it(client: LanguageClient):
    result = await start(client, client.root, encodings=["utf-32", "utf-16"])
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf32
    uri = open_document(client, client.root / "lift.txt", "𨋢壞咗，你等一下\n")
    hold = next(d for d in await diagnostics_for(client, uri, 1) if d.code == "telephone.hold-on")
    assert hold.range.start.character == 4


async def test_code_actions_apply_a_rewrite_the_sentence_a_suppression_and_fix_all(client: LanguageClient):
    await start(client, client.root)
    text = "您好，你等一下。这个我不知道。\n"
    uri = open_document(client, client.root / "reply.txt", text)
    found = await diagnostics_for(client, uri, 1)
    hold = next(d for d in found if d.code == "telephone.hold-on")
    actions = await actions_at(client, uri, hold, only=[lsp.CodeActionKind.QuickFix])
    titles = [a.title for a in actions]
    preferred = [a for a in actions if a.is_preferred]
    assert len(preferred) == 1 and preferred[0].title == "改为「请稍等」"
    assert apply(text, preferred[0].edit.changes[uri]) == "您好，请稍等。这个我不知道。\n"
    suppress = next(a for a in actions if a.title == "在本行停用 telephone.hold-on")
    suppressed = apply(text, suppress.edit.changes[uri])
    assert suppressed == "您好，你等一下。这个我不知道。 phraselint-disable-line telephone.hold-on\n"
    change(client, uri, 2, suppressed)
    assert "telephone.hold-on" not in {d.code for d in await diagnostics_for(client, uri, 2)}
    assert any(t.startswith("在 .phraselint.yaml 中停用") for t in titles)

    dont_know = next(d for d in found if d.code == "inquiry.dont-know")
    change(client, uri, 3, text)
    await diagnostics_for(client, uri, 3)
    sentence = next(a for a in await actions_at(client, uri, dont_know) if a.title.startswith("本句的礼貌说法"))
    politer = apply(text, sentence.edit.changes[uri])
    assert "不知道" not in politer and politer.startswith("您好，你等一下。") and "查询" in politer

    fix_all = await actions_at(client, uri, hold, only=["source.fixAll"])
    assert [a.kind for a in fix_all] == ["source.fixAll.phraselint"]
    fixed = apply(text, fix_all[0].edit.changes[uri])
    assert "请稍等" in fixed and "你" not in fixed and "这个我不知道" in fixed  # drop-ins only, as check --fix


async def test_disabling_a_rule_writes_the_configuration_and_is_picked_up(client: LanguageClient):
    await start(client, client.root)
    for _ in range(500):  # registered once the server has been told the client is initialised
        if any(r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations):
            break
        await asyncio.sleep(0.01)
    assert any(r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in client.registrations)
    config = client.root / ".phraselint.yaml"
    config.write_text("level: suggestion  # keep this comment\n", encoding="utf-8")
    uri = open_document(client, client.root / "reply.txt", "你等一下\n")
    hold = next(d for d in await diagnostics_for(client, uri, 1) if d.code == "telephone.hold-on")
    action = next(a for a in await actions_at(client, uri, hold) if a.title == "在 .phraselint.yaml 中停用 telephone.hold-on")
    written = apply(config.read_text("utf-8"), action.edit.changes[config.as_uri()])
    assert written == "level: suggestion  # keep this comment\ndisable: [telephone.hold-on]\n"
    config.write_text(written, encoding="utf-8")
    client.published.clear()
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    again = await diagnostics_for(client, uri, 1)
    assert "telephone.hold-on" not in {d.code for d in again} and again  # 你 → 您 is still suggested


async def test_a_new_configuration_file_is_offered_where_there_is_none(client: LanguageClient):
    await start(client, client.root)
    uri = open_document(client, client.root / "reply.txt", "你等一下\n")
    hold = next(d for d in await diagnostics_for(client, uri, 1) if d.code == "telephone.hold-on")
    action = next(a for a in await actions_at(client, uri, hold) if "停用 telephone.hold-on" in a.title and ".phraselint" in a.title)
    create, insert = action.edit.document_changes
    assert create.kind == "create" and create.uri == (client.root / ".phraselint.yaml").as_uri()
    assert insert.edits[0].new_text == "disable: [telephone.hold-on]\n"


async def test_hover_explains_the_rule(client: LanguageClient):
    await start(client, client.root)
    uri = open_document(client, client.root / "reply.txt", "这个我不知道\n")
    await diagnostics_for(client, uri, 1)
    result = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 4)))
    assert result is not None and result.contents.value.startswith("inquiry.dont-know")
    assert "为什么" in result.contents.value or "原因" in result.contents.value
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=lsp.Position(0, 1)))
    assert nothing is None


async def test_an_outdated_version_is_never_published(client: LanguageClient):
    await start(client, client.root, debounce=0)
    big = "这个我不知道，你去问保安部吧。\n" * 4000
    uri = open_document(client, client.root / "long.txt", "您好\n")
    await diagnostics_for(client, uri, 1)
    change(client, uri, 2, big)  # checked at once (no debounce), and outdated before it is done
    change(client, uri, 3, "你等一下\n")
    final = await diagnostics_for(client, uri, 3)
    assert {d.code for d in final} >= {"telephone.hold-on"}
    await asyncio.sleep(0.5)
    assert [p.version for p in client.published if p.uri == uri] == [1, 3]


async def test_markdown_templates_and_transcripts_are_read_by_their_kind(client: LanguageClient):
    await start(client, client.root)
    markdown = open_document(client, client.root / "notice.md", "`你等一下`\n\n请您稍候，你等一下。\n", "markdown")
    found = [d for d in await diagnostics_for(client, markdown, 1) if d.code == "telephone.hold-on"]
    assert [d.range.start for d in found] == [lsp.Position(2, 5)]  # the code span is not checked
    hold = found[0]
    suppress = next(a for a in await actions_at(client, markdown, hold) if a.title.startswith("在本行停用"))
    assert suppress.edit.changes[markdown][0].new_text == " <!-- phraselint-disable-line telephone.hold-on -->"

    template = open_document(client, client.root / "notice.j2", "尊敬的{{ 业主姓名 }}，你等一下\n")
    hold = next(d for d in await diagnostics_for(client, template, 1) if d.code == "telephone.hold-on")
    suppress = next(a for a in await actions_at(client, template, hold) if a.title.startswith("在本行停用"))
    assert suppress.edit.changes[template][0].new_text == " {# phraselint-disable-line telephone.hold-on #}"

    transcript = open_document(client, client.root / "call.txt", "业主：我不知道怎么办\n客服：这个我不知道\n")
    found = [d for d in await diagnostics_for(client, transcript, 1) if d.code == "inquiry.dont-know"]
    assert [d.range.start.line for d in found] == [1]  # the owner's turn is never judged
    assert found[0].message.startswith("[第 2 轮 客服]")
