"""SARIF 2.1.0, for code-scanning dashboards; validated against the OASIS schema in the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, TextIO

from ..version import __version__
from ..i18n.choice import Interface
from ..model import Level, Rule
from . import FileResult, Unreadable, partition

_LEVEL = {Level.ERROR: "error", Level.WARNING: "warning", Level.SUGGESTION: "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str) -> str:
    if path == "-":
        return "stdin"
    return Path(path).as_posix()


def _invocation(unreadable: list[Unreadable] | tuple[Unreadable, ...]) -> dict:
    """How the run went: each input that could not be read is a tool execution notification
    (an error, located at that input), and the run did not succeed when there is one."""
    return {
        "executionSuccessful": not unreadable,
        "toolExecutionNotifications": [{
            "level": "error",
            "message": {"text": u.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(u.path)}}}],
            "descriptor": {"id": "input-not-checked"},
        } for u in unreadable],
    }


def document(results: list[FileResult], rules: tuple[Rule, ...],
             unreadable: list[Unreadable] | tuple[Unreadable, ...] = (), ui: Interface | None = None,
             write=None) -> dict:
    """`ui`: the interface language (the run's reader for the rules' descriptions, each file's
    own for its results); `write(text, variant)`: a rule's text for that reader (the linter's
    writer), else the rules' texts as written."""
    ui = ui or Interface()
    run_variant = ui.variant or _run_variant(results)
    t = ui.of(run_variant)

    def rule_text(text: str) -> str:
        return write(text, run_variant) if write is not None else text

    used = sorted({f.rule for r in results for f in r.findings})
    by_id = {rule.id: rule for rule in rules}
    descriptors = []
    for rule_id in used:
        rule = by_id.get(rule_id)
        descriptor: dict = {"id": rule_id}
        if rule is not None:
            descriptor.update(
                shortDescription={"text": rule_text(rule.message)},
                help={"text": t.tr("Suggestions: {suggestions}", suggestions=" / ".join(rule_text(r.text) for r in rule.rewrites))
                      if rule.rewrites else rule_text(rule.message)},
                defaultConfiguration={"level": _LEVEL[rule.level]},
                properties={"category": rule.category, "pack": rule.pack, "source": rule_text(rule.source)},
            )
        descriptors.append(descriptor)
    index = {rule_id: i for i, rule_id in enumerate(used)}
    sarif_results = []
    for result in results:
        file_t = ui.of(result.variant)
        for f in result.findings:
            text = f.message + ("\n" + file_t.tr("Suggestions: {suggestions}", suggestions=" / ".join(f.suggestions))
                                if f.suggestions else "")
            entry: dict = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVEL[f.level],
                "message": {"text": text},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(result.path)},
                        "region": {
                            "startLine": f.line, "startColumn": f.column,
                            "endLine": f.end_line, "endColumn": f.end_column,
                            "charOffset": f.offset, "charLength": f.end_offset - f.offset,
                            "snippet": {"text": f.match},
                        },
                    }
                }],
                "properties": {"category": f.category, "suggestions": list(f.suggestions), "variant": result.variant or "cn"},
            }
            if f.fix is not None:
                entry["fixes"] = [{
                    "description": {"text": file_t.tr("Replace with “{fix}”", fix=f.fix)},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(result.path)},
                        "replacements": [{
                            "deletedRegion": {"charOffset": f.offset, "charLength": f.end_offset - f.offset},
                            "insertedContent": {"text": f.fix},
                        }],
                    }],
                }]
            sarif_results.append(entry)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "phraselint",
                "version": __version__,
                "rules": descriptors,
            }},
            # every checked file, with the script and reader it was read as (its results' texts are written for that reader)
            "artifacts": [{"location": {"uri": _uri(r.path)}, "properties": {"script": r.script, "variant": r.variant or "cn"}}
                          for r in results],
            "invocations": [_invocation(unreadable)],
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }],
    }


def _run_variant(results: list[FileResult]) -> str | None:
    """The reader most of the run's files are for (None: no file)."""
    counts: dict[str | None, int] = {}
    for result in results:
        counts[result.variant] = counts.get(result.variant, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui: Interface | None = None, write=None) -> None:
    checked, unreadable = partition(results)  # the document's head summarises the whole run
    json.dump(document(checked, rules, unreadable, ui, write), out, ensure_ascii=False, indent=2)
    out.write("\n")
