"""The user cache folder: compiled packs, OpenCC's tables and the word index for boundary checks.

Paths here are strings (os.path), not pathlib: importing pathlib (and the urllib.parse and
ipaddress it pulls in) costs about 6 ms of a pasted reply's start. Never inside the installed
package. PHRASELINT_CACHE_DIR overrides the place (tests, CI); PHRASELINT_NO_CACHE=1 turns
caching off. The folder is created 0700, and a folder or entry that is not ours alone is
ignored, as pip and ruff treat theirs. Anything unreadable, stale or corrupt is rebuilt
silently, and a folder that cannot be written just means working without a cache.

Entries hold data only (JSON, SQLite): nothing in the folder can run code when read. And an
entry is trusted only as this machine's phraselint wrote it: beside each one, a stamp
(`{entry}.stamp`) records the file's inode, size, modification and change times and a CRC of
its content (of an SQLite index, of its 100-byte header, which every write transaction
changes), taken right after the entry was put in place. A file edited since, copied or
restored (a CI cache from another branch, a shared folder), or planted without its stamp does
not match and is rebuilt: the change time is set by the system on every write and cannot be
set back. Checking costs one `fstat` and the read of a few bytes, never a pass over the
9 MB word index.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import zlib

from .lazy import json, platformdirs, tempfile

FORMAT = "16"  # bump when what is cached changes shape; entries are named {kind}-{FORMAT}-{key}
KINDS = ("packs", "opencc-tables", "jieba-words")
STAMP = ".stamp"  # the suffix of an entry's stamp
MAX_ENTRY = 64 << 20  # bytes: an entry read whole that is larger is not one of ours
_NO_FOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def default_cache_dir() -> str:
    """platformdirs' user cache folder. On Linux that is $XDG_CACHE_HOME (or ~/.cache) plus the
    name, worked out directly because importing platformdirs costs ~15 ms of every start-up;
    a test pins that both give the same folder."""

    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        return os.path.join(base if os.path.isabs(base) else os.path.expanduser("~/.cache"), "phraselint")

    return platformdirs.user_cache_dir("phraselint", appauthor=False)


def cache_dir() -> str | None:
    """The cache folder, or None: work without one. A folder someone else could write is never
    used (an entry planted there would be read as ours), nor is a relative path: with HOME
    unset, ~ does not expand and the cache would land inside the folder being checked."""
    if os.environ.get("PHRASELINT_NO_CACHE"):
        return None
    given = os.environ.get("PHRASELINT_CACHE_DIR")
    path = given or default_cache_dir()
    if not os.path.isabs(path):
        return None
    try:
        os.makedirs(path, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return path if owned_by_us(path) and os.access(path, os.W_OK) else None


def owned_by_us(path: str) -> bool:
    """Whether `path` (a cache folder or entry) is ours alone: our own, and writable by neither
    group nor others (a symbolic link, 0777, never is). Where the platform has no owners
    (Windows), whether it exists."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return _ours(info)


def _ours(info: os.stat_result) -> bool:
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _open_ours(path: str) -> int | None:
    """A descriptor of `path` when it is a regular file of ours alone (judged on what was opened,
    not on the name: it cannot be swapped between the check and the read), or None."""
    try:
        handle = os.open(path, _NO_FOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
    except OSError:
        info = None
    if info is None or not (stat.S_ISREG(info.st_mode) and _ours(info)):
        os.close(handle)
        return None
    return handle


def _read(handle: int, size: int) -> bytes:
    chunks = []
    while size > 0 and (chunk := os.read(handle, size)):
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _stamp_of(path: str) -> tuple[int, ...] | None:
    """The six numbers of an entry's stamp: its identity, the checksum and how many bytes it covers."""
    handle = _open_ours(path + STAMP)
    if handle is None:
        return None
    try:
        numbers = tuple(int(n) for n in _read(handle, 200).split())
    except (OSError, ValueError):
        return None
    finally:
        os.close(handle)
    return numbers if len(numbers) == 6 else None


def read_entry(path: str, covered: int | None = None) -> bytes | None:
    """The entry's content (its first `covered` bytes, when given) if it is ours alone and as we
    wrote it, according to its stamp; None when it must be rebuilt. A file of another size is
    never read, so a planted huge one costs nothing."""
    handle = _open_ours(path)
    if handle is None:
        return None
    try:
        stamp = _stamp_of(path)
        info = os.fstat(handle)
        if stamp is None or stamp[:4] != _identity(info) or stamp[5] != (-1 if covered is None else covered):
            return None
        if info.st_size > MAX_ENTRY:
            return None
        data = _read(handle, info.st_size if covered is None else covered)
    except OSError:
        return None
    finally:
        os.close(handle)
    return data if zlib.crc32(data) == stamp[4] else None


def stamp_entry(path: str, expected: bytes, covered: int | None = None) -> None:
    """Record the entry as it now stands (see the module's docstring), once it is in place:
    `expected` is what we wrote (its first `covered` bytes). A file that does not hold it is not
    stamped; another process's build put there meanwhile, with the same content, may be, and a
    stamp that still ends up wrong only costs a rebuild on the next run."""
    for _ in range(3):
        handle = _open_ours(path)
        if handle is None:
            return
        try:
            info = os.fstat(handle)
            data = _read(handle, info.st_size if covered is None else covered)
        except OSError:
            return
        finally:
            os.close(handle)
        if data != expected:
            return
        if not write_atomically(path + STAMP, stamp_of(info, data, covered)):
            return
        try:
            if _identity(os.lstat(path)) == _identity(info):
                return
        except OSError:
            return


def stamp_of(info: os.stat_result, data: bytes, covered: int | None = None) -> bytes:
    """The stamp of a file whose status is `info` and content (its first `covered` bytes) `data`."""
    numbers = (*_identity(info), zlib.crc32(data), -1 if covered is None else covered)
    return " ".join(map(str, numbers)).encode() + b"\n"


def to_json(value, *, escape_wide: bool = True) -> bytes:
    """JSON as entries hold it: UTF-8, lone surrogates escaped, and characters beyond U+FFFF
    escaped too unless `escape_wide` is False. One such character makes Python hold the whole
    text four bytes a character while decoding (measurably slower for the compiled packs);
    escaped, the decoder turns them back into the characters. A text full of them (OpenCC's
    tables) decodes faster as it is."""

    def escaped(match: re.Match[str]) -> str:
        units = match.group().encode("utf-16-be", "surrogatepass")
        return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    wide = "[\ud800-\udfff\U00010000-\U0010ffff]" if escape_wide else "[\ud800-\udfff]"
    return re.sub(wide, escaped, text).encode()


def from_json(data: bytes):
    """What to_json wrote; a ValueError when it is not JSON (or not UTF-8)."""
    return json.loads(data.decode())


def write_entry(path: str, data: bytes) -> None:
    """Put an entry read whole (read_entry) in place, with its stamp."""
    if write_atomically(path, data):
        stamp_entry(path, data)


def prune_other_formats(folder: str) -> None:
    """Delete entries another FORMAT wrote: no version that reads this one can use them, and
    the word index alone is 9 MB. Called when an entry is built, so never on a warm start."""

    named = re.compile(rf"(?:{'|'.join(map(re.escape, KINDS))})-(\d+)-")
    # compiled packs before they carried FORMAT; and no pickle, of any FORMAT, is ours any more
    pickled = re.compile(rf"(?:{'|'.join(map(re.escape, KINDS))})-.*\.pickle$")
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = named.match(name)
        if (match and match.group(1) != FORMAT) or pickled.match(name):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:  # gone already, or not ours to delete
                pass


def write_atomically(path: str, data: bytes) -> bool:
    """Another process reading the cache sees the old entry or the new one, never half of one.
    False when nothing was written (the folder is full or read-only)."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
        return True
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        return False
