"""Built packs cached on disk, keyed by what they were built from.

Reading and validating YAML is the slowest part of starting up (PyYAML parses in pure
Python), so the compiled form (packs, automaton, and every rewrite already written in
simplified, traditional, Taiwan and Hong Kong script) is stored in the user cache folder as
JSON (plain_form.py says why not a pickle), once its rules have passed their own examples
(build.py). An entry is used only when it is ours and unchanged since we wrote it
(cache_folder.read_entry), and phraselint's version, the pack specs, and the content of every
pack file it was built from all match, and so do the
listings of the folders they were found in; anything else, or an entry that does not decode, is
rebuilt silently.
"""

from __future__ import annotations

import os
import sys
import zlib
from typing import Iterable

from ..version import __version__
from ..cache_folder import FORMAT, cache_dir, from_json, prune_other_formats, read_entry, to_json, write_entry
from ..text.opencc_tables import _dictionary_dir
from .compile import BuiltPacks
from .plain_form import from_plain, to_plain


def _fingerprint(path: str) -> str:
    """What an entry was built from, told apart by size and two checksums of the content (pack
    files are a few kilobytes; zlib is loaded anyway, hashlib would cost start-up time)."""
    with open(path, "rb") as handle:
        content = handle.read()
    return f"{len(content)}-{zlib.crc32(content):08x}-{zlib.adler32(content):08x}"


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


def _listing(folders: Iterable[str]) -> dict[str, list[str]]:
    """The YAML files in each folder a build read from: packs, class files and lexicons are found
    by listing their folders, so a file added there (or removed) changes what a build reads
    though no file it read has changed."""
    listing = {}
    for folder in folders:
        try:
            listing[folder] = sorted(name for name in os.listdir(folder) if name.endswith((".yaml", ".yml")))
        except OSError:
            listing[folder] = []
    return listing


def load_compiled(specs: Iterable[str] | None, search_paths: list) -> BuiltPacks:
    """Packs, compiled rules and pre-written suggestions, from the cache when it is current;
    otherwise built (examples checked) and stored."""
    specs = list(specs) if specs is not None else None
    folder = cache_dir()
    entry = os.path.join(folder, f"packs-{FORMAT}-{_key(specs, search_paths)}.json") if folder else None
    stored = read_entry(entry) if entry is not None else None
    if stored is not None:
        try:
            cached = from_json(stored)
            if (cached["version"] == __version__ and all(_fingerprint(f) == c for f, c in cached["files"].items())
                    and _listing(cached["listing"]) == cached["listing"]):
                return from_plain(cached["built"])
        except Exception:  # stale, or not a build of ours: rebuilt below
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
            "files": {file: _fingerprint(file) for file in _sources(built)},
            "listing": _listing(dict.fromkeys([*(os.path.dirname(file) for file in _sources(built)),
                                               *(str(path) for path in search_paths)])),
            "built": to_plain(built),
        }
        write_entry(entry, to_json(payload))
        prune_other_formats(folder)
    except (OSError, ValueError, TypeError):  # not writable, or not plain data: not cached
        pass
    return built
