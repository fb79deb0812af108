"""Per-character tables derived from the dictionaries that ship inside opencc-python-reimplemented.

Reading the files directly (instead of calling OpenCC's converter) gives one-to-one
character maps: normalising with `str.translate` is then fast and keeps every offset.
"""

from __future__ import annotations

import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path


def _dictionary_dir() -> Path:
    spec = importlib.util.find_spec("opencc")
    if spec is None or spec.origin is None:  # pragma: no cover - dependency missing
        raise RuntimeError("opencc-python-reimplemented is not installed")
    return Path(spec.origin).parent / "dictionary"


def _read_pairs(name: str) -> dict[str, list[str]]:
    pairs: dict[str, list[str]] = {}
    with open(_dictionary_dir() / name, encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                pairs[key] = values.split(" ")
    return pairs


@dataclass(frozen=True)
class CharTables:
    """to_simplified folds traditional and variant characters; the two sets tell the scripts apart."""

    to_simplified: dict[int, int]
    traditional_only: frozenset[str]
    simplified_only: frozenset[str]


@functools.cache
def char_tables() -> CharTables:
    ts = _read_pairs("TSCharacters.txt")
    st = _read_pairs("STCharacters.txt")
    variants: dict[str, str] = {}
    for name in ("TWVariantsRev.txt", "HKVariantsRev.txt"):
        for key, values in _read_pairs(name).items():
            variants.setdefault(key, values[0])

    def fold(char: str) -> str:
        if char in ts:
            return ts[char][0]
        # A Taiwan/Hong Kong variant (著, 裡, 爲 ...) goes to OpenCC's standard form first.
        # Valid simplified characters (么, 才 ...) are never "variants": folding them would
        # turn 什么 into 什幺.
        if char in variants and char not in st:
            standard = variants[char]
            return ts.get(standard, [standard])[0]
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

    traditional_only = frozenset(c for c, vs in ts.items() if len(c) == 1 and c not in vs)
    simplified_only = frozenset(c for c, vs in st.items() if len(c) == 1 and c not in vs)
    return CharTables(table, traditional_only, simplified_only)


@functools.cache
def common_characters() -> frozenset[str]:
    """Characters of OpenCC's everyday phrase list (about 6,000, both scripts). A wrong legacy
    decoding (GBK bytes read as Big5) turns text into rare characters, so the share of these
    tells the right decoding from the wrong one."""
    chars: set[str] = set()
    with open(_dictionary_dir() / "STPhrases.txt", encoding="utf-8") as handle:
        for line in handle:
            chars.update(line.rstrip("\n").replace("\t", "").replace(" ", ""))
    return frozenset(chars)
