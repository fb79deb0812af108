"""Only cache entries phraselint wrote on this machine are trusted: a tampered word index is rebuilt."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from phraselint import cache_folder
from phraselint.text import segmenter


WORDS = "你 100 r\n走开 50 v\n他 80 r\n说 90 v\n吧 40 y\n请 60 v\n您 60 r\n稍候 20 v\n"  # jieba's format


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("PHRASELINT_NO_CACHE", raising=False)
    words = tmp_path / "dict.txt"
    words.write_text(WORDS, encoding="utf-8")
    monkeypatch.setattr(segmenter, "_jieba_dictionary", lambda: str(words))
    return folder


def test_ownership_is_the_user_and_a_mode_no_one_else_can_write():
    ours = os.stat(__file__)
    fake = lambda uid, mode: os.stat_result((mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))  # noqa: E731
    if hasattr(os, "getuid"):
        assert cache_folder._ours(fake(os.getuid(), stat.S_IFREG | 0o600))
        assert not cache_folder._ours(fake(os.getuid() + 1, stat.S_IFREG | 0o600))
        assert not cache_folder._ours(fake(os.getuid(), stat.S_IFREG | 0o620))
        assert not cache_folder._ours(fake(os.getuid(), stat.S_IFREG | 0o602))
    assert cache_folder._ours(ours) == (not hasattr(os, "getuid") or not ours.st_mode & 0o022)


@pytest.mark.parametrize("tamper", [
    "DELETE FROM words",
    "UPDATE words SET n = n * 1000 WHERE w = '走开'",
    "INSERT INTO words VALUES ('开吧', 100000)",
])
def test_a_tampered_word_index_is_rebuilt(cache, tamper):
    built = segmenter._Frequencies()
    assert built._db is not None and not built._complete
    [index] = cache.glob("jieba-words-*.sqlite")
    db = sqlite3.connect(index)
    db.execute(tamper)
    db.commit()
    db.close()
    before = index.stat().st_ino
    reopened = segmenter._Frequencies()
    assert reopened._db is not None and index.stat().st_ino != before
    assert (reopened.get("走开"), reopened.get("开吧"), reopened.total) == (50, None, 500)
    assert segmenter.Segmenter().cut("你走开吧") == ["你", "走开", "吧"]
