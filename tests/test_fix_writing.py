"""Writing a fix never loses work or changes what it must not: a concurrent edit, links,
read-only files, owner and extended attributes, bytes outside the spans in an encoding that
does not round-trip, rewrites the encoding cannot hold, and killed runs' temporary files."""

from __future__ import annotations

import io
import os
import time

import pytest

from phraselint import Linter
from phraselint.config import Config
from phraselint.run import parallel, replacing
from phraselint.run.parallel import check_one
from phraselint.run.session import CheckSession

from .conftest import pack_text


@pytest.fixture
def session(linter) -> CheckSession:
    return CheckSession(linter, Config())


def fix(session: CheckSession, path) -> parallel.Outcome:
    return check_one(session, str(path), fix=True, source=False)


def test_an_edit_made_while_the_file_was_checked_is_not_lost(session, tmp_path, monkeypatch):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下。\n", encoding="utf-8")
    checking = session.findings_and_script

    def edited_meanwhile(*args, **kwargs):
        with open(path, "a", encoding="utf-8") as out:
            out.write("同事刚加的一行。\n")
        monkeypatch.setattr(session, "findings_and_script", checking)
        return checking(*args, **kwargs)

    monkeypatch.setattr(session, "findings_and_script", edited_meanwhile)
    outcome = fix(session, path)
    assert outcome.error is not None and "changed since it was read" in str(outcome.error)
    assert path.read_text(encoding="utf-8") == "你等一下。\n同事刚加的一行。\n"


def test_a_caller_without_a_status_from_before_the_read_can_fix_a_file_again_and_again(session, tmp_path):
    """A library caller that reads a file and fixes it has no os.stat from before the read:
    the bytes tell whether the file changed, so its fixes are written, every time."""
    path = tmp_path / "reply.txt"
    for _ in range(2):
        path.write_text("你等一下。\n", encoding="utf-8")
        extracted, found = session.check_path(str(path))
        parallel.apply_fix(session, str(path), extracted, found, diff=False, out=io.StringIO())
        assert path.read_text(encoding="utf-8") == "请稍等。\n"


@pytest.mark.parametrize("with_status", [True, False])
def test_an_edit_that_keeps_size_and_modification_time_is_not_lost(session, tmp_path, with_status):
    """A clock coarser than two writes (or a tool that restores the time) leaves the status as
    it was: the bytes, read again just before the rename, still show the edit."""
    path = tmp_path / "reply.txt"
    path.write_text("你等一下。我不知道\n", encoding="utf-8")
    before = os.stat(path)
    extracted, found = session.check_path(str(path))
    path.write_text("你等一下。我不清楚\n", encoding="utf-8")  # same size, same place as a finding would be
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    edits = [replacing.Edit(f.offset, f.end_offset, f.fix) for f in found if f.fix]
    with pytest.raises(replacing.Unfixable, match="changed since it was read"):
        replacing.replace_file(str(path), before if with_status else None, extracted, edits)
    assert path.read_text(encoding="utf-8") == "你等一下。我不清楚\n"


def test_a_symbolic_link_is_written_through_and_stays_a_link(session, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("你等一下。\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to("real.txt")
    assert fix(session, link).error is None
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert target.read_text(encoding="utf-8") == "请稍等。\n"


def test_hard_links_are_not_split(session, tmp_path):
    first = tmp_path / "a.txt"
    first.write_text("你等一下。\n", encoding="utf-8")
    second = tmp_path / "b.txt"
    os.link(first, second)
    outcome = fix(session, first)
    assert outcome.error is not None and "hard links" in str(outcome.error)
    assert os.path.samefile(first, second) and first.read_text(encoding="utf-8") == "你等一下。\n"


def test_a_read_only_file_is_never_written(session, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下。\n", encoding="utf-8")
    path.chmod(0o444)
    outcome = fix(session, path)
    assert outcome.error is not None and "read-only" in str(outcome.error)
    assert path.read_text(encoding="utf-8") == "你等一下。\n" and (path.stat().st_mode & 0o777) == 0o444


def test_mode_owner_and_extended_attributes_are_kept(session, tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下。\n", encoding="utf-8")
    path.chmod(0o640)
    try:
        os.setxattr(path, "user.reviewed", b"yes")
        attributes = {"user.reviewed": b"yes"}
    except OSError:  # a file system without user attributes: there are none to keep
        attributes = {}
    owner = (12345, 12346) if os.geteuid() == 0 else (os.getuid(), os.getgid())
    os.chown(path, *owner)
    assert fix(session, path).error is None
    status = path.stat()
    assert path.read_text(encoding="utf-8") == "请稍等。\n"
    assert (status.st_mode & 0o7777, status.st_uid, status.st_gid) == (0o640, *owner)
    assert {name: os.getxattr(path, name) for name in attributes} == attributes


def test_an_owner_that_cannot_be_kept_leaves_the_file_as_it_was(session, tmp_path, monkeypatch):
    path = tmp_path / "reply.txt"
    path.write_text("你等一下。\n", encoding="utf-8")
    reading = replacing._read_with_stat

    def as_someone_elses(target):  # the file as another user's, whom we may not give a file to
        data, status = reading(target)
        fields = list(status)
        fields[4] += 1  # st_uid
        return data, os.stat_result(fields, {name: getattr(status, name) for name in ("st_atime_ns", "st_mtime_ns", "st_ctime_ns")})

    def refused(*args):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(replacing, "_read_with_stat", as_someone_elses)
    monkeypatch.setattr(os, "fchown", refused)
    outcome = fix(session, path)
    assert outcome.error is not None and "owner or group could not be kept" in str(outcome.error)
    assert path.read_text(encoding="utf-8") == "你等一下。\n"
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".phraselint-")]


BIG5_SLASH = b"\xa1\xfe"  # decodes to a character that encodes back as A241


def test_big5_bytes_outside_the_fixed_span_are_kept_byte_for_byte(session, tmp_path):
    path = tmp_path / "big5.txt"
    original = "請問您要查詢哪一筆訂單？\n".encode("big5") + BIG5_SLASH + "\n您等一下，我幫您查。\n".encode("big5")
    path.write_bytes(original)
    assert fix(session, path).error is None
    written = path.read_bytes()
    assert written != original and written.startswith(original[:-len("您等一下，我幫您查。\n".encode("big5"))])
    assert BIG5_SLASH in written and b"\xa2\x41" not in written


def test_a_rewrite_big5_cannot_hold_is_written_in_traditional_script(session, tmp_path):
    path = tmp_path / "big5.txt"
    path.write_bytes("等一下\n".encode("big5"))  # script-neutral: the rewrite comes out simplified (请稍等)
    outcome = fix(session, path)
    assert outcome.error is None and outcome.fixed == 1
    assert path.read_bytes().decode("big5") == "請稍等\n"


def test_a_rewrite_no_script_of_the_encoding_holds_is_skipped_and_said(tmp_path, write_pack):
    rules = """
      - id: demo.smile
        level: warning
        category: demo
        message: 生硬。
        source: test
        phrases: [好吧]
        boundary: none
        rewrites: [{text: 好的😀, fix: true}]
        examples:
          bad: [{text: 好吧, fix: 好的😀}]
          good: [好的]
    """
    session = CheckSession(Linter([str(write_pack(pack_text(rules)))]), Config())
    path = tmp_path / "big5.txt"
    original = "好吧，請問您要查詢哪一筆訂單？\n".encode("big5")
    path.write_bytes(original)
    outcome = fix(session, path)
    assert outcome.error is None and outcome.fixed == 0 and path.read_bytes() == original
    assert any("cannot hold this rewrite" in note for note in outcome.notes)


def test_temporary_files_of_killed_fixes_are_removed_and_nothing_else(session, tmp_path):
    stale = tmp_path / ".phraselint-4194311-abcd1234.tmp"  # no such process can exist
    fresh = tmp_path / ".phraselint-4194311-efgh5678.tmp"
    running = tmp_path / f".phraselint-{os.getpid()}-ijkl9012.tmp"
    lookalike = tmp_path / ".phraselint-settings.tmp"
    hour_ago = time.time() - 3600
    for path in (stale, fresh, running, lookalike):
        path.write_bytes(b"half a fix")
        if path is not fresh:
            os.utime(path, (hour_ago, hour_ago))
    reply = tmp_path / "reply.txt"
    reply.write_text("你等一下。\n", encoding="utf-8")
    assert fix(session, reply).error is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == sorted(
        p.name for p in (fresh, running, lookalike))


def test_one_file_that_cannot_be_fixed_leaves_the_others_fixed(tmp_path):
    from .test_readers import run_process

    locked = tmp_path / "a.txt"
    locked.write_text("你等一下。\n", encoding="utf-8")
    locked.chmod(0o444)
    other = tmp_path / "b.txt"
    other.write_text("你等一下。\n", encoding="utf-8")
    result = run_process("check", "--fix", str(locked), str(other))
    assert result.returncode == 2 and "read-only" in result.stderr
    assert other.read_text(encoding="utf-8") == "请稍等。\n" and locked.read_text(encoding="utf-8") == "你等一下。\n"
