"""The language server's own costs for one check of a 2,000-line document, in-process, paired:
the check of an edit (check_document, which checks around the change only: engine/incremental.py),
then building and serialising its diagnostics as lsprotocol objects through pygls's converter
(the way the server published them first) against JSON-ready dicts, fresh and reusing the
last check's, and the body joined from each diagnostic's kept JSON (what the server sends now).

    python bench/lsp_parts.py [--lines 2000] [--rounds 30]

Interleaves the three ways round by round (a shared machine's noise falls on all of them) and
prints each one's median and p90 in milliseconds, and whether the JSON bodies are identical.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.protocol import default_converter

from phraselint.lsp.diagnostics import SEVERITIES, SOURCE, UNUSED_RULE, payloads, publication
from phraselint.lsp.documents import check_document
from phraselint.lsp.projects import Projects

LINES = ["您好，这个我不知道，你等一下。", "请问您有什么需要帮助的吗？", "电梯𨋢坏了，你去问保安部吧。", "我们会尽快处理，谢谢。"]


def as_objects(findings, positions, project, t) -> list[lsp.Diagnostic]:
    """The diagnostics as the server built them before (lsprotocol objects)."""
    out = []
    for finding in findings:
        message = finding.message
        if finding.turn is not None:
            message = f"{t.tr('[turn {turn} {role}]', turn=finding.turn, role=finding.role)} {message}"
        (line, character), (end_line, end_character) = positions.position(finding.offset), positions.position(finding.end_offset)
        href = project.documentation(finding.rule)
        out.append(lsp.Diagnostic(
            range=lsp.Range(lsp.Position(line, character), lsp.Position(end_line, end_character)),
            message=message, severity=lsp.DiagnosticSeverity(SEVERITIES[finding.level]), code=finding.rule,
            code_description=lsp.CodeDescription(href=href) if href else None, source=SOURCE,
            tags=[lsp.DiagnosticTag.Unnecessary] if finding.rule == UNUSED_RULE else None))
    return out


def main(lines: int, rounds: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="lsp-parts-"))
    projects = Projects(str(root))
    uri = (root / "long.txt").as_uri()
    text = [LINES[i % len(LINES)] for i in range(lines)]
    converter = default_converter()
    times: dict[str, list[float]] = {"check (check_document)": [], "lsprotocol objects + converter + dumps": [],
                                     "dicts, fresh + dumps": [], "dicts, reusing the last check's + dumps": [],
                                     "kept JSON texts joined (publication)": []}
    previous = check_document(projects, uri, "\n".join(text), 1, "plaintext", "utf-16", None)
    identical = True
    for version in range(2, rounds + 2):
        text[version * 37 % lines] = "你等一下" if version % 2 else "请稍等"
        started = time.perf_counter()
        checked = check_document(projects, uri, "\n".join(text), version, "plaintext", "utf-16", None, previous)
        times["check (check_document)"].append(time.perf_counter() - started)
        t = checked.catalogue(None)
        owner = (id(checked.project), checked.variant, None, "utf-16")

        started = time.perf_counter()
        params = lsp.PublishDiagnosticsParams(uri=uri, diagnostics=as_objects(checked.findings, checked.positions, checked.project, t),
                                              version=version)
        old = json.dumps(converter.unstructure(lsp.PublishDiagnosticsNotification(params=params, jsonrpc="2.0")))
        times["lsprotocol objects + converter + dumps"].append(time.perf_counter() - started)

        for name, last in (("dicts, fresh + dumps", None), ("dicts, reusing the last check's + dumps", previous.made)):
            started = time.perf_counter()
            made, _ = payloads(checked.findings, checked.positions, checked.project, t, owner, last)
            new = json.dumps({"params": {"uri": uri, "diagnostics": made, "version": version},
                              "method": lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, "jsonrpc": "2.0"})
            times[name].append(time.perf_counter() - started)
            identical &= new == old
        started = time.perf_counter()
        joined = publication(uri, checked.made.texts, version)
        times["kept JSON texts joined (publication)"].append(time.perf_counter() - started)
        identical &= joined == old
        previous = checked
    print(f"{lines} lines, {len(previous.findings)} diagnostics, {rounds} rounds; bodies identical: {identical}")
    for name, values in times.items():
        values = sorted(v * 1000 for v in values)
        print(f"  {name}: median {statistics.median(values):.1f} ms, p90 {values[int(len(values) * 0.9 + 0.5) - 1]:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=30)
    options = parser.parse_args()
    main(options.lines, options.rounds)
