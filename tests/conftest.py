"""Shared fixtures: one Linter over the built-in packs, built once for the whole session."""

from __future__ import annotations

import os
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# The suite (and the subprocesses it starts) never writes to the user's own cache folder:
# a fresh one per run, so cache building is tested too.
os.environ.setdefault("PHRASELINT_CACHE_DIR", tempfile.mkdtemp(prefix="phraselint-test-cache-"))

from phraselint import Level, Linter

# CI runs every property test derandomized, so that a red run is the code's and not the draw's;
# a run on a developer's machine keeps exploring new examples (and bench/fuzz.py explores at length).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter()


@pytest.fixture
def write_pack(tmp_path: Path):
    """Write a pack file from an indented YAML snippet and return its path."""

    def write(text: str, name: str = "custom.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


MINIMAL_RULE = """
  - id: demo.rude
    level: warning
    category: demo
    message: 这样说不礼貌。
    source: test
    phrases: [你走开]
    rewrites: [请您稍候]
    examples:
      bad: [你走开吧]
      good: [请您稍候]
"""


def pack_text(rules: str = MINIMAL_RULE, header: str = "pack: demo\nversion: '1'\ndescription: d\nsource: s\n") -> str:
    return header + "rules:\n" + textwrap.dedent(rules).strip("\n").replace("\n", "\n") + "\n"


def rules_found(linter: Linter, text: str) -> set[str]:
    """The rules a text draws a finding from at warning level and above (the intent-family tests)."""
    return {f.rule for f in linter.check(text) if f.level >= Level.WARNING}
