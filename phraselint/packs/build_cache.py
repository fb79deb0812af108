"""Built packs cached on disk, keyed by what they were built from.

Reading and validating YAML is the slowest part of starting up (PyYAML parses in pure
Python), so the compiled form (packs, automaton, and every rewrite already written in
simplified, traditional, Taiwan and Hong Kong script) is pickled into the user cache folder,
once its rules have passed their own examples (build.py).
An entry is used only when phraselint's version, the pack specs, and the content of every
pack file it was built from all match; anything else, or an unreadable entry, is
rebuilt silently.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from typing import Iterable

from ..version import __version__
from ..cache_folder import FORMAT, cache_dir, owned_by_us, prune_other_formats, write_atomically
from ..text.opencc_tables import _dictionary_dir
from .compile import BuiltPacks


def _content(path: str) -> bytes:
    """What an entry was built from is kept whole and compared byte for byte: pack files are a
    few kilobytes, and this spares importing hashlib at start-up."""
    with open(path, "rb") as handle:
        return handle.read()


def _key(specs: list[str] | None, search_paths: list) -> str:
    opencc = os.path.join(_dictionary_dir(), "TSCharacters.txt")
    parts = [
        FORMAT, __version__, sys.version, repr(specs), repr([os.path.realpath(p) for p in search_paths]),
        os.path.dirname(__file__), os.getcwd() if specs and any("/" in s or s.endswith((".yaml", ".yml")) for s in specs) else "",
        str(os.stat(opencc).st_size),
    ]
    text = "\0".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}{len(text):x}"


def _sources(built: BuiltPacks) -> list[str]:
    """Every file a build read: the packs, the class files they use, the lexicons and exemplars."""
    files = [file for pack in built.packs for file in (pack.file, *pack.uses)]
    return [*dict.fromkeys([*files, *built.compiled.lexicon.files, *built.compiled.similar.files])]


def load_compiled(specs: Iterable[str] | None, search_paths: list) -> BuiltPacks:
    """Packs, compiled rules and pre-written suggestions, from the cache when it is current;
    otherwise built (examples checked) and stored."""
    specs = list(specs) if specs is not None else None
    folder = cache_dir()
    entry = os.path.join(folder, f"packs-{FORMAT}-{_key(specs, search_paths)}.pickle") if folder else None
    if entry is not None and owned_by_us(entry):
        try:
            cached = pickle.loads(_content(entry))
            if cached["version"] == __version__ and all(_content(f) == c for f, c in cached["files"].items()):
                return BuiltPacks(cached["packs"], cached["compiled"], cached["written"])
        except Exception:  # stale, corrupt or from another version: rebuild below
            pass
    # Imported on a cache miss only, and here rather than at the top because a build checks the
    # examples with a Linter, and the Linter asks this module for its packs.
    from .build import build_packs

    built = build_packs(specs, search_paths)
    if entry is None:
        return built
    try:
        payload = {
            "version": __version__,
            "files": {file: _content(file) for file in _sources(built)},
            "packs": built.packs, "compiled": built.compiled, "written": built.written,
        }
        write_atomically(entry, pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
        prune_other_formats(folder)
    except (OSError, pickle.PicklingError):
        pass
    return built
