"""Language server latency: from a change to a 2,000-line document to its diagnostics.

    python bench/lsp_bench.py [--lines 2000] [--changes 40] [--debounce MS]

Starts `phraselint lsp` as an editor would (a real client over stdio), opens a document of
customer-service lines (about one finding per line), then edits one line at a time and
times each change, debounce included (the server's default, or `--debounce` milliseconds
set as an editor sets it, in the initialization options), to two points: the raw
publishDiagnostics message for that version having arrived whole on the client's end of the
pipe (the server's latency: check, build, serialise, send), and the client having decoded it
into objects (what a Python client adds; an editor's own decoder is another matter). Prints
the median, p90, p95 and worst of each. `--dump FILE` writes the last message's raw JSON
body, to compare the payload between two versions of the server.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

VERSION = re.compile(rb'"version": (\d+)')
PUBLISH = b'"method": "textDocument/publishDiagnostics"'
LINES = ["您好，这个我不知道，你等一下。", "请问您有什么需要帮助的吗？", "电梯𨋢坏了，你去问保安部吧。", "我们会尽快处理，谢谢。"]


def timed_reader(stream, raw: dict[int, float], bodies: dict[int, bytes]) -> None:
    """Note when each publishDiagnostics body has been read whole from the server's stdout,
    before the client decodes it: the client's reading loop calls `readexactly` for a body."""
    read = stream.readexactly

    async def readexactly(n: int) -> bytes:
        body = await read(n)
        now = time.perf_counter()
        tail = body[-200:]  # lsprotocol's order: params (uri, diagnostics, version), then method
        if PUBLISH in tail:
            found = VERSION.search(tail)
            if found:
                raw[int(found.group(1))] = now
                bodies[int(found.group(1))] = body
        return body

    stream.readexactly = readexactly


def summary(name: str, values: list[float]) -> str:
    values = sorted(values)
    rank = lambda q: values[max(0, int(len(values) * q + 0.5) - 1)]  # nearest rank
    return (f"{name}: median {statistics.median(values):.1f} ms, p90 {rank(0.9):.1f} ms, "
            f"p95 {rank(0.95):.1f} ms, worst {values[-1]:.1f} ms")


async def main(lines: int, changes: int, dump: str | None, debounce: float | None = None) -> None:
    client = LanguageClient(converter_factory=default_converter)
    arrived: dict[int, float] = {}
    raw: dict[int, float] = {}
    bodies: dict[int, bytes] = {}
    counts: dict[int, int] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        arrived[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)

    register_lsp_features(client, {m: f for m, f in DEFAULT_CLIENT_FEATURES.items() if m != lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    await client.start_io(sys.executable, "-m", "phraselint", "lsp")
    timed_reader(client._server.stdout, raw, bodies)  # the pipe the client's reading loop reads
    root = Path(tempfile.mkdtemp(prefix="lsp-bench-"))
    settings = {"debounce": debounce} if debounce is not None else None
    await client.initialize_session(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri(),
                                                         initialization_options=settings))
    text = [LINES[i % len(LINES)] for i in range(lines)]
    uri = (root / "long.txt").as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="\n".join(text))))
    while 1 not in arrived:
        await asyncio.sleep(0.001)
    latencies, server_side = [], []
    for version in range(2, changes + 2):
        text[version * 37 % lines] = "你等一下" if version % 2 else "请稍等"
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="\n".join(text))]))
        while version not in arrived:
            await asyncio.sleep(0.0005)
        latencies.append((arrived[version] - sent) * 1000)
        server_side.append((raw[version] - sent) * 1000)
        bodies.pop(version - 1, None)
        await asyncio.sleep(0.05)  # a typist's pause
    await client.shutdown_session()
    await client.stop()
    if dump:
        Path(dump).write_bytes(bodies[changes + 1])
    print(f"{lines} lines, {counts[changes + 1]} diagnostics ({len(bodies[changes + 1]):,} bytes), "
          f"{changes} changes, debounce ({'default' if debounce is None else f'{debounce:g} ms'}) included:")
    print("  " + summary("raw message arrived", server_side))
    print("  " + summary("decoded by the client", latencies))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--dump", help="write the last publishDiagnostics body here")
    parser.add_argument("--debounce", type=float, help="the server's debounce in milliseconds (default: its own)")
    options = parser.parse_args()
    asyncio.run(main(options.lines, options.changes, options.dump, options.debounce))
