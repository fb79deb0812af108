"""One `check` run over many inputs: read, check in context, then drop what the user
suppressed (inline comments, per-file configuration). Shared by check, fix -i and paste."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from typing import Any, Callable, NamedTuple

from ..config import Config
from ..engine.incremental import Incremental, check_changed
from ..engine.linter import Linter, TextReport
from ..engine.linter_spec import LinterSpec
from ..model import Finding, Level
from ..inputs.readers import Extracted, extract, format_for, read
from ..inputs import streaming
from ..lazy import pathlib
from ..packs.selection import Selection
from .finding_store import FindingStore
from .streamed import Lines, check_streamed
from ..inputs.suppressions import apply_suppressions, parse_suppressions, unknown_rule_findings, unused_findings


def check_file(path: str, linter: Linter | None = None, **options) -> list[Finding]:
    """Check one file as `phraselint check` does (its reader, encoding detection, suppressions),
    in bounded memory for large plain-text files. `options` are CheckSession's (kind, encoding ...)."""
    session = CheckSession(linter or Linter(), Config(), **options)
    if session.streams(path):
        return list(session.check_streamed(path, keep_lines=False)[0])
    return session.check_path(path)[1]


class SessionSpec(NamedTuple):
    """A CheckSession in picklable form: how its linter was built, and its settings. A worker
    process builds its own session (and so its own linter and word index) from it."""

    linter: LinterSpec
    config: Config
    level: Level
    options: dict[str, Any]  # CheckSession's keyword arguments

    def build(self) -> CheckSession:
        return CheckSession(Linter.from_spec(self.linter), self.config, self.level, **self.options)


class CheckSession:
    def __init__(self, linter: Linter, config: Config, level: Level = Level.SUGGESTION, *, kind: str | None = None,
                 dialogue: bool | None = None, report_mentions: bool = False, input_format: str = "auto",
                 encoding: str | None = None, role_field: str | None = None, text_field: str | None = None,
                 report_unused_disables: bool = False, polite: bool = False):
        self.linter = linter
        self.config = config
        self.level = level
        self.kind = kind or config.kind
        self.dialogue = dialogue
        self.report_mentions = report_mentions or config.report_mentions
        self.input_format = input_format
        self.encoding = encoding
        self.role_field = role_field
        self.text_field = text_field
        self.report_unused = report_unused_disables
        self.polite = polite  # each file's polite version goes into its result (FileResult.polite)
        self.rules_by_id = {rule.id: rule for rule in linter.rules}
        self.swept: set[str] = set()  # folders this run has cleared of killed fixes' temporary files

    def spec(self) -> SessionSpec:
        """What another process needs to build the same session (see SessionSpec)."""
        return SessionSpec(self.linter.spec, self.config, self.level, {
            "kind": self.kind, "dialogue": self.dialogue, "report_mentions": self.report_mentions,
            "input_format": self.input_format, "encoding": self.encoding, "role_field": self.role_field,
            "text_field": self.text_field, "report_unused_disables": self.report_unused, "polite": self.polite,
        })

    def extract(self, path: str, text: str) -> Extracted:
        """An input's text, already decoded (a fixed version of it), read as `read` would."""
        return extract(text, path, format_for(path, self.input_format), role_field=self.role_field, text_field=self.text_field)

    def read(self, path: str) -> Extracted:
        return read(path, input_format=self.input_format, encoding=self.encoding,
                    role_field=self.role_field, text_field=self.text_field)

    def check_extracted(self, path: str, extracted: Extracted) -> list[Finding]:
        """The findings of one input that has been read, as the user will see them."""
        return self.findings_and_script(path, extracted)[0]

    def findings_and_script(self, path: str, extracted: Extracted) -> tuple[list[Finding], str, str]:
        """check_extracted's findings, the script the text is written in and whose text it is
        (cn, tw, hk: the interface its part of the report is shown in)."""
        report = self.linter.check_text(
            extracted.text, level=self.level, kind=self.kind,
            dialogue=self.dialogue if self.dialogue is not None else extracted.dialogue,
            report_mentions=self.report_mentions,
        )
        return self._as_reported(path, extracted, report)

    def findings_after_edit(self, path: str, extracted: Extracted,
                            previous: Incremental | None) -> tuple[list[Finding], str, str, Incremental]:
        """findings_and_script's, with the text checked again only around what changed since
        `previous` (the check of this input's last version: engine/incremental.py), and that
        check, to pass as `previous` next time. An editor's document is checked this way."""
        checked = check_changed(
            self.linter, extracted.text, previous, level=self.level, kind=self.kind,
            dialogue=self.dialogue if self.dialogue is not None else extracted.dialogue,
            report_mentions=self.report_mentions,
        )
        return (*self._as_reported(path, extracted, checked.report), checked)

    def _as_reported(self, path: str, extracted: Extracted, report: TextReport) -> tuple[list[Finding], str, str]:
        """A report's findings in the input's own offsets, less what the user suppressed."""
        findings = extracted.to_original(report.findings)
        findings = self._per_file(path, findings)
        suppressions = parse_suppressions(extracted.original, extracted.code)
        if suppressions:
            findings = apply_suppressions(findings, suppressions, self.rules_by_id)
            added = unknown_rule_findings(extracted.original, suppressions, self.linter.rules)
            if self.report_unused:
                added += unused_findings(extracted.original, suppressions)
            if added:
                findings = sorted(findings + added, key=lambda f: f.offset)
        return findings, report.script, report.variant

    def suppressed_in(self, path: str, extracted: Extracted) -> Callable[[Finding], bool]:
        """Whether a finding of `extracted` (in its checked text's offsets) is one check does
        not report here (a suppression directive, per_file_disable): rewrite keeps its wording."""
        suppressions = parse_suppressions(extracted.original, extracted.code)
        origin, size = extracted.origin, len(extracted.original)

        def suppressed(finding: Finding) -> bool:
            if origin is not None:
                finding = finding._replace(offset=origin[finding.offset] if finding.offset < len(origin) else size)
            if not self._per_file(path, [finding]):
                return True
            rule = self.rules_by_id.get(finding.rule)
            return any(s.covers(finding, rule) for s in suppressions)
        return suppressed

    def check_path(self, path: str) -> tuple[Extracted, list[Finding]]:
        extracted = self.read(path)
        return extracted, self.check_extracted(path, extracted)

    def streams(self, path: str) -> bool:
        """Whether `path` is checked in pieces: a large plain-text file (not a document format)."""
        if path == "-" or format_for(path, self.input_format) != "text":
            return False
        try:
            return os.path.getsize(path) > streaming.STREAM_THRESHOLD
        except OSError:
            return False

    def check_streamed(self, path: str, keep_lines: bool = True) -> tuple[FindingStore, Lines, str]:
        """Check a large file piece by piece (see run/streamed.py): (findings, the source lines
        that have findings, script). Without `keep_lines` the lines are left out (a report that
        quotes none need not hold them). A byte that does not decode raises InputError, whose
        `findings` are those found before it."""
        streamed = check_streamed(self, path, keep_lines)
        if streamed.error is not None:
            raise streamed.error
        return streamed.findings, streamed.lines, streamed.script

    def _per_file(self, path: str, findings: list[Finding]) -> list[Finding]:
        """`per_file_disable` in the configuration: globs (relative to the configuration file) to rules."""
        if not self.config.per_file_disable or path == "-":
            return findings

        base = self.config.path.parent if self.config.path else pathlib.Path.cwd()
        try:
            relative = pathlib.Path(path).resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = pathlib.Path(path).as_posix()
        disabled: list[str] = []
        for glob, selectors in self.config.per_file_disable.items():
            if fnmatch(relative, glob) or fnmatch(pathlib.Path(relative).name, glob):
                disabled.extend(selectors)
        if not disabled:
            return findings
        selection = Selection(disable=tuple(disabled))
        return [f for f in findings if f.rule not in self.rules_by_id or selection.is_active(self.rules_by_id[f.rule])]
