"""Language server latency: from a change to a 2,000-line document to its diagnostics.

    python bench/lsp_bench.py [--lines 2000] [--changes 40]

Starts `phraselint lsp` as an editor would (a real client over stdio), opens a document of
customer-service lines (about one finding per line), then edits one line at a time and
times each change, from sending didChange to receiving the publishDiagnostics for that
version, debounce included (the server's default). Prints the median, p95 and worst.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

LINES = ["您好，这个我不知道，你等一下。", "请问您有什么需要帮助的吗？", "电梯𨋢坏了，你去问保安部吧。", "我们会尽快处理，谢谢。"]


async def main(lines: int, changes: int) -> None:
    client = LanguageClient(converter_factory=default_converter)
    arrived: dict[int, float] = {}
    counts: dict[int, int] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        arrived[params.version] = time.perf_counter()
        counts[params.version] = len(params.diagnostics)

    register_lsp_features(client, {m: f for m, f in DEFAULT_CLIENT_FEATURES.items() if m != lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS})
    await client.start_io(sys.executable, "-m", "phraselint", "lsp")
    root = Path(tempfile.mkdtemp(prefix="lsp-bench-"))
    await client.initialize_session(lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), root_uri=root.as_uri()))
    text = [LINES[i % len(LINES)] for i in range(lines)]
    uri = (root / "long.txt").as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text="\n".join(text))))
    while 1 not in arrived:
        await asyncio.sleep(0.001)
    latencies = []
    for version in range(2, changes + 2):
        text[version * 37 % lines] = "你等一下" if version % 2 else "请稍等"
        sent = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(text="\n".join(text))]))
        while version not in arrived:
            await asyncio.sleep(0.0005)
        latencies.append((arrived[version] - sent) * 1000)
        await asyncio.sleep(0.05)  # a typist's pause
    await client.shutdown_session()
    await client.stop()
    latencies.sort()
    print(f"{lines} lines, {counts[changes + 1]} diagnostics, {changes} changes: "
          f"median {statistics.median(latencies):.1f} ms, p95 {latencies[int(len(latencies) * 0.95) - 1]:.1f} ms, "
          f"worst {latencies[-1]:.1f} ms (debounce included)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--changes", type=int, default=40)
    options = parser.parse_args()
    asyncio.run(main(options.lines, options.changes))
