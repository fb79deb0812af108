"""Replacing a file with its fixed bytes without losing anything, as ruff and prettier do.

- Nothing outside the fixed spans is re-encoded: the new bytes are the file's own bytes with
  each span's bytes replaced, so a decoding that does not round-trip (Big5 A1FE reads as a
  character that encodes to A241; Big5-HKSCS and CP950 have such pairs) cannot change the
  rest of the file. Each kept stretch is checked to decode to the text it stands for; where
  it does not, the file is not fixed and the message says why.
- An edit made since the file was read is never lost: just before the rename the file is
  read again and every byte of it is checked to decode to exactly the text that was read
  (whatever the clock's granularity, an edit that keeps size and modification time is seen);
  its size, modification time and inode are compared with the caller's status from before
  the read, when it has one (a cheap early refusal), and with the re-read's just before the
  rename. A file that changed is not written, and the run says so (exit 2).
- The rename replaces the file's directory entry, so: a symbolic link is written through
  (the target gets the fix, the link stays a link); a file with more than one hard link is
  not fixed (a rename would split the links, and writing in place is not atomic); a
  read-only file (no write permission bit) is never written; owner, group, mode and extended
  attributes are copied to the new file, and a file whose owner or attributes cannot be kept
  is not fixed.
- The temporary file is `.phraselint-<pid>-<random>.tmp` beside the target. A run killed
  with SIGKILL leaves one behind; the next fix in that folder removes such files when they
  are ours (same user), older than STALE_SECONDS and their process is gone.
"""

from __future__ import annotations

import os
import re
import stat
import time
from typing import Iterable, Iterator

from ..errors import InputError
from ..inputs.discovery import BOM_OF
from ..inputs.readers import Extracted
from ..lazy import tempfile
from .changes import Edit
from ..i18n.message import say

TEMPORARY = re.compile(r"\.phraselint-(\d+)-[a-z0-9_]{8}\.tmp")
STALE_SECONDS = 15 * 60  # far longer than any one fix takes to write


class Unfixable(InputError):
    """A fix that is not written, and why; the file is as it was."""


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


CHUNK = 1 << 20  # characters checked at a time, so a large file is not copied whole again


def _stretch(data: memoryview, position: int, text: str, encoding: str) -> Iterator[memoryview]:
    """The bytes of data from `position` on that stand for `text`, in pieces; ValueError(the
    offset in `text` of the first character whose bytes differ) when they do not decode to
    exactly `text`."""
    for start in range(0, len(text), CHUNK):
        chunk = text[start:start + CHUNK]
        try:
            piece = data[position:position + len(chunk.encode(encoding))]
            same = str(piece, encoding) == chunk
        except UnicodeError:
            same = False
        if not same:
            for offset, character in enumerate(chunk):
                try:
                    encoded = character.encode(encoding)
                except UnicodeError:
                    encoded = b""
                if not encoded or data[position:position + len(encoded)] != encoded:
                    raise ValueError(start + offset)
                position += len(encoded)
            raise ValueError(start + len(chunk))
        position += len(piece)
        yield piece


def splice(data: bytes, extracted: Extracted, edits: Iterable[Edit], path: str) -> Iterator[bytes | memoryview]:
    """`data` (the file's bytes, which decode to extracted.original) in pieces, with each
    edit's span replaced by its text in the file's encoding; every other byte is kept as it
    is. Unfixable, part way, where a stretch does not decode back to its text."""
    encoding, text, view = extracted.encoding, extracted.original, memoryview(data)
    position = len(BOM_OF.get(encoding, b"")) if extracted.bom else 0
    yield view[:position]
    done = 0
    for edit in [*edits, Edit(len(text), len(text), "")]:
        for start, end, kept in ((done, edit.start, True), (edit.start, edit.end, False)):
            try:
                for piece in _stretch(view, position, text[start:end], encoding):
                    position += len(piece)
                    if kept:
                        yield piece
            except ValueError as error:
                if not _unchanged(data, extracted):
                    raise Unfixable(f"{path}: changed since it was read; not fixed (run the fix again)") from None
                raise Unfixable(f"{path}: line {_line(text, start + error.args[0])} does not encode back to its own bytes in {encoding} "
                                "(a decoding that does not round-trip); not fixed, --diff shows the fix") from None
        try:
            yield edit.text.encode(encoding)
        except UnicodeEncodeError:
            raise Unfixable(f"{path}: {encoding} cannot hold the fix {edit.text!r}; not fixed") from None
        done = edit.end
    if position != len(data):
        raise Unfixable(f"{path}: changed since it was read; not fixed (run the fix again)")


def _read_with_stat(path: str) -> tuple[bytes, os.stat_result]:
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise OSError(0, "not a regular file")
        return handle.read(), status


def _same(before: os.stat_result, now: os.stat_result) -> bool:
    return (before.st_size, before.st_mtime_ns, before.st_ino, before.st_dev) == (
        now.st_size, now.st_mtime_ns, now.st_ino, now.st_dev)


def _unchanged(data: bytes, extracted: Extracted) -> bool:
    bom = BOM_OF.get(extracted.encoding, b"") if extracted.bom else b""
    try:
        return data.startswith(bom) and data[len(bom):].decode(extracted.encoding) == extracted.original
    except UnicodeDecodeError:
        return False


def _refusal(status: os.stat_result, path: str, target: str) -> str | None:
    """Why a file must not be replaced, if it must not."""
    if not stat.S_IMODE(status.st_mode) & 0o222:
        return f"{path}: read-only; not fixed"
    if not os.access(target, os.W_OK):
        return f"{path}: not writable by you; not fixed"
    if status.st_nlink > 1:
        return f"{path}: has {status.st_nlink} hard links, which replacing it would split; not fixed (--diff shows the fix)"
    return None


def sweep(directory: str) -> None:
    """Remove the temporary files that killed fixes left in `directory` (see the module's docstring)."""
    if os.name != "posix":
        return
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = TEMPORARY.fullmatch(entry.name)
        if not match:
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode) or status.st_uid != os.geteuid() or now - status.st_mtime < STALE_SECONDS:
                continue
            try:
                os.kill(int(match.group(1)), 0)
                continue  # that process (or one with its number) is running: perhaps still writing
            except ProcessLookupError:
                pass
            except (PermissionError, OverflowError, ValueError):
                continue
            os.unlink(entry.path)
        except OSError:
            continue


def _copy_attributes(descriptor: int, status: os.stat_result, target: str, temporary: str, path: str) -> None:
    """Owner, group, mode and extended attributes of `target` onto the new file, or Unfixable."""
    mine = os.fstat(descriptor)
    if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
        try:
            os.fchown(descriptor, status.st_uid, status.st_gid)
        except (OSError, AttributeError):
            raise Unfixable(f"{path}: its owner or group could not be kept; not fixed") from None
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, stat.S_IMODE(status.st_mode))
    else:
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
    if not hasattr(os, "listxattr"):
        return  # no extended attributes here (macOS and Windows Python have no such calls)
    try:
        names = os.listxattr(target)
    except OSError:
        return  # the file system has none
    for name in names:
        try:
            os.setxattr(descriptor, name, os.getxattr(target, name))
        except OSError:
            raise Unfixable(f"{path}: its extended attribute {name} could not be kept; not fixed") from None


def replace_file(path: str, read_status: os.stat_result | None, extracted: Extracted, edits: list[Edit],
                 swept: set[str] | None = None) -> None:
    """Write the edits into `path` (see the module's docstring); Unfixable (an InputError)
    names the file and why it was left as it was. `read_status` is os.stat(path) from before
    the file was read, or None when the caller took none (a library caller fixing a file it
    read): the bytes alone then tell whether it changed, never a refusal for want of a status.
    `swept` holds the folders already swept this run."""
    target = os.path.realpath(path)  # a link is written through: its target is the file
    directory = os.path.dirname(target)
    try:
        data, status = _read_with_stat(target)
    except OSError as exc:
        raise InputError(say("{path}: cannot write the fix: {reason}", path=path, reason=exc.strerror or str(exc))) from None
    if read_status is not None and not _same(read_status, status):
        raise Unfixable(f"{path}: changed since it was read; not fixed (run the fix again)")
    refusal = _refusal(status, path, target)
    if refusal:
        raise Unfixable(refusal)
    if swept is None or directory not in swept:
        sweep(directory)
        if swept is not None:
            swept.add(directory)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".phraselint-{os.getpid()}-", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(say("{path}: cannot write the fix: {reason}", path=path, reason=exc.strerror or str(exc))) from None
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in splice(data, extracted, edits, path):
                out.write(piece)
            out.flush()
            _copy_attributes(out.fileno(), status, target, temporary, path)
            os.fsync(out.fileno())
        if not _same(status, os.stat(target)):  # the last moment before the rename
            raise Unfixable(f"{path}: changed while the fix was being written; not fixed (run the fix again)")
        os.replace(temporary, target)
    except BaseException as exc:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise InputError(say("{path}: cannot write the fix: {reason}", path=path, reason=exc.strerror or str(exc))) from None
        raise
