"""JUnit XML, for CI dashboards that show test reports (GitLab `reports: junit`, Jenkins, Azure Pipelines).

Every checked file is one test case; it fails with one <failure> per finding at warning level
or above, and suggestion-level findings are listed in its <system-out>. A clean file passes.

    <testsuites name="phraselint" tests="2" failures="1" errors="0">
      <testsuite name="phraselint" tests="2" failures="1" errors="0" skipped="0">
        <properties>…counts by level…</properties>
        <testcase classname="reply.txt" name="reply.txt" file="reply.txt">
          <failure type="error" message="inquiry.dont-know: …">reply.txt:1:4 error inquiry.dont-know … 「不知道」 → …</failure>
        </testcase>
        <testcase classname="notice.txt" name="notice.txt" file="notice.txt" />
      </testsuite>
    </testsuites>

`failures` counts failing files (test cases), as JUnit does; the properties carry the
finding counts of the JSON summary. An input that could not be read is a test case with an
<error> (counted in `errors`): the dashboard shows the run was incomplete.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable, TextIO

from ..version import __version__
from ..model import Finding, Level, Rule
from . import FileResult, Unreadable, partition, summary
from .html import write_markup

# Characters XML 1.0 cannot hold at all (control characters, lone surrogates from undecodable bytes).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def finding_line(path: str, f: Finding) -> str:
    """path:line:col level rule message 「match」 → suggestion / suggestion"""
    turn = f" [turn {f.turn} {f.role}]" if f.turn is not None else ""
    line = f"{path}:{f.line}:{f.column} {f.level} {f.rule}{turn} {f.message} 「{f.match}」"
    if f.suggestions:
        line += " → " + " / ".join(f.suggestions)
    return line


def document(results: list[FileResult], unreadable: list[Unreadable] | tuple[Unreadable, ...] = ()) -> ET.Element:
    counts = summary(results)
    cases = []
    failing_cases = 0
    for result in results:
        case = ET.Element("testcase", classname=_xml(result.path), name=_xml(result.path), file=_xml(result.path))
        failing = [f for f in result.findings if f.level >= Level.WARNING]
        notes = [f for f in result.findings if f.level < Level.WARNING]
        for f in failing:
            failure = ET.SubElement(case, "failure", type=str(f.level), message=_xml(f"{f.rule}: {f.message}"))
            failure.text = _xml(finding_line(result.path, f))
        if notes:
            ET.SubElement(case, "system-out").text = _xml("\n".join(finding_line(result.path, f) for f in notes))
        failing_cases += bool(failing)
        cases.append(case)
    for u in unreadable:  # a test that could not run: an <error>, as JUnit reports one
        case = ET.Element("testcase", classname=_xml(u.path), name=_xml(u.path), file=_xml(u.path))
        ET.SubElement(case, "error", type="unreadable", message=_xml(u.message)).text = _xml(f"{u.path}: {u.message}")
        cases.append(case)
    attributes = {"name": "phraselint", "tests": str(len(results) + len(unreadable)), "failures": str(failing_cases),
                  "errors": str(len(unreadable))}
    root = ET.Element("testsuites", attributes)
    suite = ET.SubElement(root, "testsuite", {**attributes, "skipped": "0"})
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="phraselint.version", value=__version__)
    for key in ("findings", "error", "warning", "suggestion"):
        ET.SubElement(properties, "property", name=f"phraselint.{key}", value=str(counts[key]))
    suite.extend(cases)
    ET.indent(root)
    return root


def report(results: Iterable[FileResult | Unreadable], rules: tuple[Rule, ...], out: TextIO, color: bool,
           ui=None) -> None:
    """`ui` is not used: a JUnit report's texts are the findings' own (messages, matches, suggestions)."""
    checked, unreadable = partition(results)  # the document's head summarises the whole run
    body = ET.tostring(document(checked, unreadable), encoding="unicode")
    write_markup(out, '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n")
