"""What the server checks documents with: one Linter per configuration file, built as `check`
builds it, on first need, and dropped when a configuration or pack changes.

A document's configuration is found as the command line finds it from the current folder,
but upwards from the document's own folder, so that a file is checked in the editor as
`phraselint check` run beside it checks it. Building a Linter is expensive (packs compiled
or read from the cache): it happens in the checking thread, never in the event loop.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path
from typing import NamedTuple

from ..cache_folder import cache_dir, write_atomically
from ..cli.configure import linter_for
from ..config import CONFIG_NAMES, Config, find_config, load_config
from ..engine.linter import Linter
from ..errors import PhraselintError
from ..model import Level
from ..report.markdown import anchor, rules_markdown
from ..run.session import CheckSession

CONFIG_FILES = frozenset((*CONFIG_NAMES, "pyproject.toml"))
_CHECKOUT_REFERENCE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                   "docs", "rules.md")


class Project:
    """A configuration (or none) and what it builds: the Linter and a session per input format."""

    def __init__(self, config: Config, linter: Linter | None, error: str | None, rules_url: str | None):
        self.config = config
        self.linter = linter
        self.error = error  # why no Linter could be built (a configuration or pack error: a Message), else None
        self._sessions: dict[str, CheckSession] = {}
        self._rules_url = rules_url
        self._reference: str | None | bool = False  # not yet worked out
        # the files it was built from: a change to one of them means building it again
        self.sources = frozenset(os.path.abspath(f) for pack in (linter.packs if linter else ()) for f in (pack.file, *pack.uses)
                                 if f) | ({os.path.abspath(str(config.path))} if config.path else set())

    def session(self, input_format: str) -> CheckSession:
        """How a document of `input_format` is read and checked, as `check --input-format` would."""
        session = self._sessions.get(input_format)
        if session is None:
            assert self.linter is not None
            config = self.config
            session = self._sessions[input_format] = CheckSession(
                self.linter, config, config.level or Level.SUGGESTION, kind=config.kind, input_format=input_format)
        return session

    def documentation(self, rule_id: str) -> str | None:
        """A link to the rule's section of the rules reference: under the URL the editor set
        (`rulesUrl`), else the docs/rules.md of a source checkout when only built-in packs are
        loaded, else a reference generated for the loaded packs in the cache folder. None for
        phraselint's own diagnostics (an unused suppression), which have no section."""
        if self.linter is None or self.linter.rule(rule_id) is None:
            return None
        if self._rules_url:
            return f"{self._rules_url}#{anchor(rule_id)}"
        if self._reference is False:
            self._reference = self._reference_file()
        return f"{self._reference}#{anchor(rule_id)}" if self._reference else None

    def _reference_file(self) -> str | None:
        linter = self.linter
        assert linter is not None
        if self.config.packs is None and os.path.isfile(_CHECKOUT_REFERENCE):
            return Path(_CHECKOUT_REFERENCE).as_uri()
        folder = cache_dir()
        if folder is None:
            return None
        text = rules_markdown(linter.packs, list(linter.rules)).encode("utf-8")
        path = os.path.join(folder, f"rules-{hashlib.sha256(text).hexdigest()[:16]}.md")  # named by content: never stale
        if not os.path.isfile(path) and not write_atomically(path, text):
            return None
        return Path(path).as_uri()


class Projects:
    """The projects of the documents open, by configuration file; `reset` drops them all."""

    def __init__(self, root: str | None = None, rules_url: str | None = None):
        self.root = root
        self.rules_url = rules_url
        self._lock = threading.Lock()
        self._built: dict[str | None, Project] = {}
        self.generation = 0  # bumped by reset: a project built from an older configuration is not kept

    def config_path(self, path: str | None) -> str | None:
        folder = os.path.dirname(path) if path else (self.root or os.getcwd())
        found = find_config(folder)
        return str(found) if found else None

    def for_path(self, path: str | None) -> Project:
        """The project a document at `path` (None: an unsaved one) belongs to, built on first need."""
        key = self.config_path(path)
        with self._lock:
            project, generation = self._built.get(key), self.generation
        if project is not None:
            return project
        project = self._build(key)
        with self._lock:
            if generation == self.generation:
                project = self._built.setdefault(key, project)
        return project

    def _build(self, key: str | None) -> Project:
        config = Config()
        try:
            if key is not None:
                config = load_config(Path(key))
            return Project(config, linter_for(config), None, self.rules_url)
        except PhraselintError as exc:
            return Project(config, None, exc.args[0] if len(exc.args) == 1 else str(exc), self.rules_url)  # shown translated

    def built_from(self, path: str) -> bool:
        """Whether a change to the file at `path` may change what a project checks: a
        configuration file, a pack or word-class file one was built from, or any pack file
        while a project could not be built (the change may be its fix)."""
        path = os.path.abspath(path)
        if os.path.basename(path) in CONFIG_FILES:
            return True
        with self._lock:
            projects = list(self._built.values())
        return any(p.error is not None or path in p.sources for p in projects)

    def reset(self, rules_url: str | None = None) -> None:
        """Forget every project (a configuration or pack changed): the next check builds them again."""
        with self._lock:
            self._built = {}
            self.generation += 1
            if rules_url is not None:
                self.rules_url = rules_url or None
