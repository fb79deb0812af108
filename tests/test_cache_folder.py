"""The cache folder holds our data only: created 0700, ignored when anyone else could write
it, never relative (HOME unset), and usable whatever characters its path holds."""

from __future__ import annotations

import os
import stat

import pytest

from phraselint import cache_folder
from phraselint.text.segmenter import _Frequencies


@pytest.fixture
def cache_at(monkeypatch, tmp_path):
    def use(path) -> str:
        monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(path))
        monkeypatch.delenv("PHRASELINT_NO_CACHE", raising=False)
        return str(path)
    return use


def test_a_new_cache_folder_is_ours_alone(cache_at, tmp_path):
    folder = cache_at(tmp_path / "new")
    assert cache_folder.cache_dir() == folder
    assert stat.S_IMODE(os.stat(folder).st_mode) & 0o077 == 0


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_folder_others_can_write_is_not_used(cache_at, tmp_path, mode):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    cache_at(folder)
    assert cache_folder.cache_dir() is None


def test_an_entry_others_can_write_is_not_trusted(tmp_path):
    entry = tmp_path / "packs-8-0.pickle"
    entry.write_bytes(b"planted")
    entry.chmod(0o666)
    assert not cache_folder.owned_by_us(str(entry))
    entry.chmod(0o600)
    assert cache_folder.owned_by_us(str(entry))


def test_without_home_the_cache_is_never_relative(monkeypatch, tmp_path):
    monkeypatch.delenv("PHRASELINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("PHRASELINT_NO_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(os.path, "expanduser", lambda path: path)  # what HOME unset, no passwd entry gives
    monkeypatch.chdir(tmp_path)
    assert cache_folder.cache_dir() is None
    assert not (tmp_path / "~").exists()


@pytest.mark.parametrize("name", ["with#hash", "with?query", "with%25percent"])
def test_the_word_index_opens_whatever_its_path_holds(cache_at, tmp_path, name):
    cache_at(tmp_path / name)
    built = _Frequencies()
    assert built._db is not None
    reopened = _Frequencies()  # the second run must open the index, not load the whole dictionary
    assert reopened._db is not None and not reopened._complete
