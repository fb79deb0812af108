"""One open document checked: read by the reader its file kind calls for, checked by its
project's session exactly as `phraselint check` checks the file, and turned into diagnostics.
Runs in the checking thread; the result remembers the version it was made from, so that a
result for a text the editor has since changed is dropped instead of shown."""

from __future__ import annotations

import os
from typing import NamedTuple
from urllib.parse import unquote, urlparse


from ..config import Config
from ..i18n.choice import Interface
from ..i18n.message import shown
from ..inputs.readers import Extracted, format_for
from ..engine.incremental import Incremental
from ..model import Finding
from .diagnostics import CONFIG_PROBLEM, Payload, Payloads, payloads, problem
from .positions import Positions
from .projects import Project, Projects

# A document without a telling file name (unsaved, or a .txt holding Markdown) is read as
# the editor's language id says.
LANGUAGE_FORMATS = {"markdown": "markdown", "html": "html", "json": "json", "jsonl": "json", "jsonlines": "json"}


class Checked(NamedTuple):
    """A document as one check saw it."""

    uri: str
    version: int | None
    path: str  # a file's path; its URI otherwise (an unsaved document)
    input_format: str
    project: Project
    extracted: Extracted | None  # None when the project could not be built
    findings: list[Finding]
    variant: str  # the reader (cn, tw, hk): the messages are written for them
    positions: Positions
    diagnostics: list[Payload]  # as published: JSON-ready dicts
    made: Payloads | None = None  # the same by finding, for the next check of this document to reuse
    engine: Incremental | None = None  # the engine's check, for the next one to check only around the edit

    @property
    def text(self) -> str:
        return self.positions.text

    def catalogue(self, lang: str | None):
        """The interface strings for this document's reader (code action titles, turn labels)."""
        config_lang = self.project.config.lang
        return Interface(lang or config_lang, self.project.linter.variant if self.project.linter else None).of(self.variant)


def file_path(uri: str) -> str | None:
    """The file system path of a file: URI, else None."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and path[2:3] == ":":
        path = path[1:]
    return path


def input_format(path: str, language_id: str | None) -> str:
    """The reader for a document: by its file's extension as `check` chooses, else by language id."""
    fmt = format_for(path, "auto")
    if fmt == "text" and not os.path.splitext(path)[1].lower() in (".txt", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl"):
        return LANGUAGE_FORMATS.get(language_id or "", fmt)
    return fmt


def failed(uri: str, text: str, version: int | None, encoding: str, message: str, code: str) -> Checked:
    """A document that could not be checked: one diagnostic at its start says why."""
    return Checked(uri, version, file_path(uri) or uri, "text", Project(Config(), None, message, None), None, [], "cn",
                   Positions(text, encoding), [problem(message, code)])


def check_document(projects: Projects, uri: str, text: str, version: int | None, language_id: str | None,
                   encoding: str, lang: str | None, previous: Checked | None = None) -> Checked:
    """Check one document's text (called in the checking thread); `previous`, the last check
    of the same document, lends the engine's findings away from the edit (engine/incremental.py)
    and the diagnostics of findings that have not changed."""
    path = file_path(uri)
    project = projects.for_path(path)
    name = path or uri
    fmt = input_format(name, language_id)
    positions = Positions(text, encoding)
    if project.linter is None:
        return Checked(uri, version, name, fmt, project, None, [], "cn", positions,
                       [problem("phraselint: " + shown(project.error, Interface(lang or project.config.lang).of()), CONFIG_PROBLEM)])
    session = project.session(fmt)
    extracted = session.extract(name, text)
    last = previous.engine if previous is not None and previous.project is project and previous.input_format == fmt else None
    findings, _, variant, engine = session.findings_after_edit(path or "-", extracted, last)
    checked = Checked(uri, version, name, fmt, project, extracted, findings, variant, positions, [], None, engine)
    owner = (id(project), variant, lang, encoding)  # `previous` keeps its project alive, so its id is not reused
    diagnostics, made = payloads(findings, positions, project, checked.catalogue(lang), owner,
                                 previous.made if previous is not None else None)
    return checked._replace(diagnostics=diagnostics, made=made)
