"""Read inputs: expand folders with include/exclude globs, decode files, never half-read one."""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterator

from .errors import InputError

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.j2", "*.jinja", "*.jinja2", "*.tmpl", "*.tpl")
DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__", "venv", "*.egg-info")


@dataclass(frozen=True)
class Document:
    """A decoded input; `encoding` and `bom` let a fix write it back byte for byte."""

    path: str  # as shown to the user; "-" for standard input
    text: str
    encoding: str = "utf-8"
    bom: bool = False


def _matches(relative: str, patterns: tuple[str, ...] | list[str]) -> bool:
    parts = relative.split("/")
    return any(
        fnmatch(relative, pattern) or any(fnmatch(part, pattern) for part in parts)
        for pattern in patterns
    )


def expand_paths(paths: list[str], include: list[str], exclude: list[str]) -> Iterator[str]:
    """Files to check, in a stable order: named files always, folders' files by the globs."""
    include_globs = tuple(include) or DEFAULT_INCLUDE
    exclude_globs = (*DEFAULT_EXCLUDE, *exclude)
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                rel_root = Path(root).relative_to(path).as_posix()
                rel_root = "" if rel_root == "." else rel_root + "/"
                dirs[:] = sorted(d for d in dirs if not _matches(rel_root + d, exclude_globs))
                for name in files:
                    relative = rel_root + name
                    if _matches(relative, exclude_globs) or not any(fnmatch(name, g) or fnmatch(relative, g) for g in include_globs):
                        continue
                    found.append(os.path.join(root, name))
            yield from sorted(found)
        elif _matches(path.as_posix(), tuple(exclude)) and exclude:
            continue
        else:
            yield given


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode(data: bytes, path: str) -> Document:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Document(path, data[len(bom):].decode(encoding), encoding, True)
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: starts with a {encoding} byte-order mark but is not valid {encoding} (byte {exc.start + len(bom)})") from None
    if b"\x00" in data:
        raise InputError(f"{path}: looks binary (contains NUL bytes); skipped")
    try:
        return Document(path, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start}: {exc.reason}); skipped") from None


def read_document(path: str) -> Document:
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-")
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(data, path)
