"""Read inputs: expand folders with include/exclude globs, decode files, never half-read one."""

from __future__ import annotations

import codecs
import os
import stat
import sys
from fnmatch import fnmatch
from typing import Iterator, NamedTuple

from ..errors import InputError
from ..lazy import charset_normalizer
from ..text.opencc_tables import common_characters
from ..i18n.message import N_, say

DEFAULT_INCLUDE = ("*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm", "*.docx", "*.j2", "*.jinja", "*.jinja2", "*.tmpl", "*.tpl")
DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__", "venv", "*.egg-info")


class Document(NamedTuple):
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


def _excluded_below(rel_root: str, name: str, patterns: tuple[str, ...]) -> bool:
    """_matches(rel_root + name) in a walk, where the folders of rel_root have passed already:
    only the new name and the whole path are left to match (not every folder again at every
    level, which made a walk 1,500 folders deep quadratic)."""
    relative = rel_root + name
    return any(fnmatch(name, pattern) or fnmatch(relative, pattern) for pattern in patterns)


def _walk(top: str, unreadable: list[str]) -> Iterator[tuple[str, list[str], list[str]]]:
    """os.walk(top) without recursion: before Python 3.12 it recursed once per level, and a
    repository can commit folders 1,500 deep. Top-down, `dirs` pruned in place by the caller;
    links to folders are listed but not followed (no loops); a folder that cannot be listed is
    added to `unreadable`."""
    stack = [top]
    while stack:
        root = stack.pop()
        dirs: list[str] = []
        files: list[str] = []
        links: set[str] = set()
        try:
            with os.scandir(root) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        dirs.append(entry.name)
                        if entry.is_symlink():
                            links.add(entry.name)
                    else:
                        files.append(entry.name)
        except OSError:
            unreadable.append(root)
            continue
        yield root, dirs, files
        stack.extend(os.path.join(root, name) for name in reversed(dirs) if name not in links)


def expand_paths(paths: list[str], include: list[str], exclude: list[str]) -> Iterator[str]:
    """Files to check, in a stable order: named files always, folders' files by the globs."""
    include_globs = tuple(include) or DEFAULT_INCLUDE
    exclude_globs = (*DEFAULT_EXCLUDE, *exclude)
    for given in paths:
        if given == "-":
            yield given
            continue
        if os.path.isdir(given):
            found = []
            inside = os.path.realpath(given) + os.sep
            unreadable: list[str] = []  # named as inputs, so reading them reports why
            for root, dirs, files in _walk(given, unreadable):
                rel_root = os.path.relpath(root, given).replace(os.sep, "/")
                rel_root = "" if rel_root == "." else rel_root + "/"
                dirs[:] = sorted(d for d in dirs if not _excluded_below(rel_root, d, exclude_globs))
                for name in files:
                    relative = rel_root + name
                    if _excluded_below(rel_root, name, exclude_globs) or not any(fnmatch(name, g) or fnmatch(relative, g) for g in include_globs):
                        continue
                    path = os.path.join(root, name)
                    # A committed link may point anywhere (x.txt -> /etc/passwd): in a folder
                    # walk, only links that stay inside the folder are followed.
                    if os.path.islink(path) and not os.path.realpath(path).startswith(inside):
                        continue
                    try:  # a FIFO, socket or device in a folder is no document (named, it is an error)
                        if not stat.S_ISREG(os.stat(path).st_mode):
                            continue
                    except OSError:
                        pass  # a broken link: reading it says so
                    found.append(path)
            yield from sorted(found + [u for u in unreadable if u and u != given])
        elif exclude and _matches(os.path.normpath(given).replace(os.sep, "/"), tuple(exclude)):
            continue
        else:
            yield given


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
BOM_OF = {codec: bom for bom, codec in _BOMS}  # what a fix writes back before a file that had one
# Legacy Chinese encodings phraselint accepts from detection; GBK and GB2312 text is decoded
# as GB18030 (their superset), so writing it back gives the same bytes.
_LEGACY = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": None,
           "big5": "big5hkscs", "big5hkscs": "big5hkscs", "cp950": "cp950"}


def _chinese_share(text: str) -> float:
    """How much of a decoding is everyday Chinese: the tie-breaker between GB18030 and Big5,
    whose byte ranges overlap (the GBK bytes of 你好 are valid Big5 for 斕疑)."""

    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters:
        return 0.0
    common = common_characters()
    return sum(1 for c in letters if c in common or c in "，。！？、：；“”「」（）【】《》") / len(letters)


def _detect_legacy(data: bytes, path: str) -> Document:
    candidates: dict[str, str] = {}
    try:

        for match in charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5", "cp950", "big5hkscs"], threshold=0.5):
            codec = _LEGACY.get(match.encoding.replace("_", "").lower())
            if codec:
                candidates.setdefault(codec, str(match))
    except Exception:  # pragma: no cover - detection is a hint; strict decoding below decides
        pass
    for codec in ("gb18030", "big5hkscs"):
        if codec not in candidates:
            try:
                candidates[codec] = data.decode(codec)
            except UnicodeDecodeError:
                pass
    if not candidates:
        raise InputError(say("{path}: not UTF-8, GB18030/GBK or Big5 (give --encoding); skipped", path=path))
    codec = max(candidates, key=lambda c: _chinese_share(candidates[c]))
    try:
        return Document(path, data.decode(codec), codec)
    except UnicodeDecodeError as exc:
        raise InputError(say("{path}: looks like {codec} but byte {start} is not ({reason}); give --encoding; skipped",
                             path=path, codec=codec, start=exc.start, reason=exc.reason)) from None


def decode(data: bytes, path: str, encoding: str | None = None) -> Document:
    """Strict decoding only: a file is read whole and right, or named with the reason and skipped."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Document(path, data[len(bom):].decode(codec), codec, True)
            except UnicodeDecodeError as exc:
                raise InputError(say("{path}: starts with a {codec} byte-order mark but is not valid {codec} (byte {start}); skipped",
                                     path=path, codec=codec, start=exc.start + len(bom))) from None
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(say("unknown encoding '{encoding}'", encoding=encoding)) from None
        try:
            return Document(path, data.decode(encoding), encoding)
        except UnicodeDecodeError as exc:
            raise InputError(say("{path}: not valid {encoding} (byte {start}: {reason}); skipped", path=path, encoding=encoding,
                                  start=exc.start, reason=exc.reason)) from None
    if b"\x00" in data:
        raise InputError(say("{path}: looks binary (contains NUL bytes); skipped", path=path))
    try:
        return Document(path, data.decode("utf-8"))
    except UnicodeDecodeError:
        return _detect_legacy(data, path)


_KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe")), (stat.S_ISCHR, N_("a device")),
          (stat.S_ISBLK, N_("a device")), (stat.S_ISSOCK, N_("a socket")))


def read_regular(path: str, limit: int | None = None) -> bytes:
    """A regular file's bytes (at most `limit` of them), or OSError saying why not: a FIFO would
    block the run and a link to /dev/zero fill memory, and a hostile repository can commit
    either. Opened without blocking and then checked, so nothing can be swapped in between."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), N_("something else"))
            raise OSError(0, say("{kind}, not a regular file", kind=say(kind)))
        data = handle.read() if limit is None else handle.read(limit + 1)
    if limit is not None and len(data) > limit:
        raise OSError(0, say("larger than {size} MB", size=limit >> 20))
    return data


def read_bytes(path: str) -> bytes:
    if path == "-":
        if sys.stdin is None:  # started with standard input closed (<&-)
            raise InputError(say("-: cannot read: standard input is closed"))
        try:
            return sys.stdin.buffer.read()
        except (OSError, ValueError) as exc:
            raise InputError(say("-: cannot read standard input: {reason}", reason=getattr(exc, "strerror", None) or str(exc))) from None
    try:
        return read_regular(path)
    except OSError as exc:
        raise InputError(say("{path}: cannot read: {reason}", path=path, reason=exc.strerror or str(exc))) from None
