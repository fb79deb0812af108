"""Per-character tables derived from the dictionaries that ship inside opencc-python-reimplemented.

Reading the files directly (instead of calling OpenCC's converter) gives one-to-one
character maps: normalising with `str.translate` is then fast and keeps every offset.
"""

from __future__ import annotations

from typing import NamedTuple

import functools
import importlib.util
import os

from ..cache_folder import FORMAT, cache_dir, from_json, prune_other_formats, read_entry, to_json, write_entry


@functools.cache
def _dictionary_dir() -> str:
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:  # pragma: no cover - dependency missing
        raise RuntimeError("opencc-python-reimplemented is not installed")
    return os.path.join(os.path.dirname(spec.origin), "dictionary")


def _read_pairs(name: str) -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    with open(os.path.join(_dictionary_dir(), name), encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                pairs[key] = values.split(" ")
    return pairs


class CharTables(NamedTuple):
    """to_simplified folds traditional and variant characters; the two character sets tell the
    scripts apart. The sets are strings (each character once, sorted): they are only ever walked,
    and a string loads from the cache several times faster than a frozenset of characters."""

    to_simplified: dict[int, int]
    traditional_only: str
    simplified_only: str


@functools.cache
def char_tables() -> CharTables:
    """Built from OpenCC's text files once, then read from the user cache (JSON keyed by the
    dictionary files' size and time), since parsing them costs more than the check itself.

    The folding table is stored as two strings of equal length, what is folded and what it
    folds to, and rebuilt by `str.maketrans` in C: as fast as unpickling the dict was."""

    folder = cache_dir()
    entry = None
    if folder is not None:
        stats = [os.stat(os.path.join(_dictionary_dir(), n))
                 for n in ("TSCharacters.txt", "STCharacters.txt", "TWVariantsRev.txt", "HKVariantsRev.txt")]
        stamp = "-".join(f"{int(s.st_mtime)}{s.st_size}" for s in stats)
        entry = os.path.join(folder, f"opencc-tables-{FORMAT}-{stamp}.json")
        stored = read_entry(entry)
        if stored is not None:
            try:
                folded, targets, traditional_only, simplified_only = from_json(stored)
                if type(traditional_only) is str and type(simplified_only) is str:
                    return CharTables(str.maketrans(folded, targets), traditional_only, simplified_only)
            except Exception:  # not tables of ours: built below
                pass
    tables = _build_char_tables()
    if entry is not None:
        plain = ["".join(map(chr, tables.to_simplified)), "".join(map(chr, tables.to_simplified.values())),
                 tables.traditional_only, tables.simplified_only]
        write_entry(entry, to_json(plain, escape_wide=False))
        prune_other_formats(folder)
    return tables


def _simplified_phrase_characters() -> frozenset[str]:
    """Characters of the simplified side of OpenCC's phrase list: what simplified text uses."""
    chars: set[str] = set()
    with open(os.path.join(_dictionary_dir(), "STPhrases.txt"), encoding="utf-8") as handle:
        for line in handle:
            chars.update(line.partition("\t")[0])
    return frozenset(chars)


def _build_char_tables() -> CharTables:
    ts = _read_pairs("TSCharacters.txt")
    st = _read_pairs("STCharacters.txt")
    variants: dict[str, str] = {}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for key, values in _read_pairs(name).items():
            variants.setdefault(key, values[0])

    simplified_in_use = _simplified_phrase_characters()

    def fold(char: str) -> str:
        if char in ts:
            return ts[char][0]
        # A Taiwan/Hong Kong variant (著, 裡, 爲 ...) goes to OpenCC's standard form first.
        # Valid simplified characters (么, 才 ...) are never "variants": folding them would
        # turn 什么 into 什幺. And the result must be a character simplified text uses
        # (著 -> 着 is; 抬 -> 擡, OpenCC's standard traditional form, is not).
        if char in variants and char not in st:
            standard = variants[char]
            target = ts.get(standard, [standard])[0]
            return target if target in simplified_in_use else char
        return char

    table: dict[int, int] = {}
    for char in set(ts) | set(variants):
        target = fold(char)
        for _ in range(3):  # reach a fixed point so that folding twice changes nothing
            nxt = fold(target)
            if nxt == target:
                break
            target = nxt
        if len(char) == 1 and len(target) == 1 and target != char:
            table[ord(char)] = ord(target)

    traditional_only = "".join(sorted(c for c, vs in ts.items() if len(c) == 1 and c not in vs))
    simplified_only = "".join(sorted(c for c, vs in st.items() if len(c) == 1 and c not in vs))
    return CharTables(table, traditional_only, simplified_only)


@functools.cache
def common_characters() -> frozenset[str]:
    """Characters of OpenCC's everyday phrase list (about 6,000, both scripts). A wrong legacy
    decoding (GBK bytes read as Big5) turns text into rare characters, so the share of these
    tells the right decoding from the wrong one."""
    chars: set[str] = set()
    with open(os.path.join(_dictionary_dir(), "STPhrases.txt"), encoding="utf-8") as handle:
        for line in handle:
            chars.update(line.rstrip("\n").replace("\t", "").replace(" ", ""))
    return frozenset(chars)
