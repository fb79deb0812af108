"""The user cache folder: compiled packs and the word index for boundary checks.

Paths here are strings (os.path), not pathlib: importing pathlib (and the urllib.parse and
ipaddress it pulls in) costs about 6 ms of a pasted reply's start. Never inside the installed
package. PHRASELINT_CACHE_DIR overrides the place (tests, CI); PHRASELINT_NO_CACHE=1 turns
caching off. The folder is created 0700, and a folder or entry that is not ours alone is
ignored, as pip and ruff treat theirs. Anything unreadable, stale or corrupt is rebuilt
silently, and a folder that cannot be written just means working without a cache.
"""

from __future__ import annotations

import os
import re
import sys

from .lazy import platformdirs, tempfile

FORMAT = "9"  # bump when what is cached changes shape; entries are named {kind}-{FORMAT}-{key}
KINDS = ("packs", "opencc-tables", "jieba-words")


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
    group nor others. Where the platform has no owners (Windows), whether it exists."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if not hasattr(os, "getuid"):
        return True
    return info.st_uid == os.getuid() and not info.st_mode & 0o022


def prune_other_formats(folder: str) -> None:
    """Delete entries another FORMAT wrote: no version that reads this one can use them, and
    the word index alone is 9 MB. Called when an entry is built, so never on a warm start."""

    named = re.compile(rf"(?:{'|'.join(map(re.escape, KINDS))})-(\d+)-")
    unversioned = re.compile(r"packs-[0-9a-f]+\.pickle$")  # compiled packs before they carried FORMAT
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = named.match(name)
        if (match and match.group(1) != FORMAT) or unversioned.match(name):
            try:
                os.unlink(os.path.join(folder, name))
            except OSError:  # gone already, or not ours to delete
                pass


def write_atomically(path: str, data: bytes) -> None:
    """Another process reading the cache sees the old entry or the new one, never half of one."""

    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
