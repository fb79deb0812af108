"""Building packs for a linter: load and validate them, compile them once, check every rule's
examples with the compiled rules, and write every rewrite in each script ahead of time.

This is what a cache miss costs; build_cache.py keeps the result so a warm start does none
of it. A build whose examples fail is an error (PackError), and is never cached.
"""

from __future__ import annotations

from typing import Iterable

from ..engine.linter import Linter
from ..errors import PackError
from ..text.script import prewrite
from .compile import BuiltPacks, compile_packs
from .example_check import broken_examples
from .loader import load_packs


def build_packs(specs: Iterable[str] | None, search_paths: list) -> BuiltPacks:
    """Packs by name or path (None: every built-in pack), built; PackError lists each problem."""
    packs = load_packs(specs, search_paths=search_paths)
    compiled = compile_packs(packs)
    # the rules' messages too: a traditional reader's findings then need no converter at run time
    written = prewrite([rewrite.text for rule in compiled.rules for rewrite in rule.rewrites]
                       + [rule.message for rule in compiled.rules])
    built = BuiltPacks(packs, compiled, written)
    checker = Linter(built=built)
    problems = broken_examples(checker)
    if problems:
        raise PackError(problems)
    return built._replace(segmenter=checker.segmenter)
