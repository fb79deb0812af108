"""Cache entries hold data only, and only what phraselint wrote on this machine is trusted.

Whatever lies in the cache folder under the names the cache uses (a pickle that would run
code, a truncated or garbage file, valid JSON of the wrong types, a huge file, a tampered
word index) is ignored and rebuilt, the check's result unchanged. The names are the ones a
real check writes, read from the folder, so a new kind of entry is covered when it appears.
"""

from __future__ import annotations

import ast
import json
import os
import pickle
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from phraselint import Linter, cache_folder
from phraselint.packs.build import build_packs
from phraselint.packs.build_cache import load_compiled
from phraselint.packs.compile import BuiltPacks, compile_packs
from phraselint.packs.loader import load_packs
from phraselint.packs.plain_form import from_plain, to_plain
from phraselint.text import segmenter
from phraselint.text.opencc_tables import char_tables
from phraselint.text.script import prewrite

from .conftest import pack_text

PACKAGE = Path(cache_folder.__file__).parent
TEXT = "他说你走开吧"  # one candidate, with words around it: packs, OpenCC's tables and the word index are all read
# A few words in jieba's format, so that building the word index costs milliseconds.
WORDS = "你 100 r\n走开 50 v\n他 80 r\n说 90 v\n吧 40 y\n请 60 v\n您 60 r\n稍候 20 v\n"
HEADER = segmenter._HEADER
# Runs a check as the command line does, with the small dictionary above.
CHECK = (
    "import sys, phraselint.text.segmenter as s; words = sys.argv.pop(1); s._jieba_dictionary = lambda: words; "
    "from phraselint.cli.launch import main; main()"
)


class RunsCode:
    """Unpickling this runs a shell command: what a planted pickle would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return os.system, (f"touch {self.marker}",)


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PHRASELINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("PHRASELINT_NO_CACHE", raising=False)
    words = tmp_path / "dict.txt"
    words.write_text(WORDS, encoding="utf-8")
    monkeypatch.setattr(segmenter, "_jieba_dictionary", lambda: str(words))
    (tmp_path / "p.yaml").write_text(pack_text(), encoding="utf-8")
    return folder


def _check(tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", CHECK, str(tmp_path / "dict.txt"), "check", "--packs", str(tmp_path / "p.yaml"), "-"],
        input=TEXT, capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ), timeout=120,
    )


def _check_here(tmp_path: Path) -> list:
    """A check in this process, every entry read again (OpenCC's tables are kept per process)."""
    char_tables.cache_clear()
    char_tables()
    return Linter([str(tmp_path / "p.yaml")]).check(TEXT)


def _covered(name: str) -> int | None:
    return HEADER if name.endswith(".sqlite") else None


def _entries(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if not n.endswith(cache_folder.STAMP))


def _verified(folder: Path, name: str) -> bool:
    return cache_folder.read_entry(str(folder / name), _covered(name)) is not None


def _flipped(value):
    """The same JSON document with every string a number and every number a string (but for
    what tells an entry's version, so that what follows is decoded)."""
    if isinstance(value, list):
        return [_flipped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("version", "files", "shape") else _flipped(v) for k, v in value.items()}
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _wrong_types(original: bytes, scratch: Path) -> bytes:
    """The entry's shape with the wrong types: JSON flipped, or an SQLite file whose counts are text."""
    try:
        return json.dumps(_flipped(json.loads(original))).encode()
    except ValueError:
        db = sqlite3.connect(scratch)
        db.execute("CREATE TABLE words (w TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, n INTEGER)")
        db.executemany("INSERT INTO words VALUES (?, ?)", [("你", "many"), ("走开", "few")])
        db.execute("INSERT INTO meta VALUES ('total', 'lots')")
        db.commit()
        db.close()
        return scratch.read_bytes()


def _hostile(kind: str, original: bytes, marker: Path, scratch: Path) -> bytes:
    if kind == "pickle":
        return pickle.dumps(RunsCode(marker))
    if kind == "truncated":
        return original[: len(original) // 2]
    if kind == "garbage":
        return bytes(range(256)) * 64
    if kind == "wrong types":
        return _wrong_types(original, scratch)
    raise AssertionError(kind)


def test_the_pickle_payload_would_run_if_it_were_unpickled(tmp_path):
    """The planted pickle below is a real exploit: unpickled, it creates its marker."""
    marker = tmp_path / "ran"
    subprocess.run([sys.executable, "-c", "import pickle, sys; pickle.loads(sys.stdin.buffer.read())"],
                   input=pickle.dumps(RunsCode(marker)), check=True, cwd=tmp_path)
    assert marker.exists()


def test_hostile_entries_under_every_name_the_cache_uses_are_ignored_and_rebuilt(cache, tmp_path):
    first = _check(tmp_path)
    assert first.returncode == 1 and "demo.rude" in first.stdout, first.stderr
    names = sorted(os.listdir(cache))
    # every name belongs to a kind the folder's clean-up knows, and the check wrote every kind
    assert {next(k for k in cache_folder.KINDS if n.startswith(f"{k}-{cache_folder.FORMAT}-")) for n in names} \
        == set(cache_folder.KINDS)
    assert all(_verified(cache, name) for name in _entries(cache))
    kept = {name: os.stat(cache / name).st_ino for name in names}
    assert _check(tmp_path).stdout == first.stdout
    assert {name: os.stat(cache / name).st_ino for name in names} == kept  # a warm start reuses every entry

    marker = tmp_path / "ran"
    originals = {name: (cache / name).read_bytes() for name in names}
    plantings = [(kind, _entries(cache)) for kind in ("pickle", "truncated", "garbage", "wrong types", "huge")]
    plantings.append(("pickle", [n for n in names if n.endswith(cache_folder.STAMP)]))  # and the stamps themselves
    for kind, victims in plantings:
        planted = {}
        for name in victims:
            path = cache / name
            if kind == "huge":  # a sparse 100 MB file: never read
                with open(path, "r+b") as handle:
                    handle.truncate(100 << 20)
            else:
                path.write_bytes(_hostile(kind, originals[name], marker, tmp_path / f"scratch-{kind}-{name}"))
            planted[name] = path.read_bytes() if kind != "huge" else None
        result = _check(tmp_path)
        assert not marker.exists(), kind
        assert (result.returncode, result.stdout, result.stderr) == (first.returncode, first.stdout, first.stderr), kind
        for name in victims:
            assert (cache / name).stat().st_size < 100 << 20, (kind, name)
            assert planted[name] is None or (cache / name).read_bytes() != planted[name], (kind, name)
        assert all(_verified(cache, name) for name in _entries(cache)), kind
        assert sorted(os.listdir(cache)) == names, kind


@pytest.mark.parametrize("kind", ["pickle", "truncated", "garbage", "wrong types"])
def test_content_that_is_not_a_build_of_ours_is_rebuilt_even_under_a_valid_stamp(cache, tmp_path, kind):
    """The stamp is not the only guard: each reader rejects what it cannot decode, as it is."""
    expected = _check_here(tmp_path)
    marker = tmp_path / "ran"
    for name in _entries(cache):
        path = cache / name
        content = _hostile(kind, path.read_bytes(), marker, tmp_path / "scratch.sqlite")
        path.write_bytes(content)
        covered = _covered(name)
        cache_folder.stamp_entry(str(path), content if covered is None else content[:covered], covered)
        assert _verified(cache, name)
    assert _check_here(tmp_path) == expected
    assert not marker.exists()
    for name in _entries(cache):
        assert _verified(cache, name) and b"RunsCode" not in (cache / name).read_bytes()


def _rebuilt_after(cache: Path, tmp_path: Path, spoil) -> None:
    """Spoil one entry at a time (its stamp made to match again), check, and see it replaced."""
    expected = _check_here(tmp_path)
    for name in _entries(cache):
        path = cache / name
        content = path.read_bytes()
        spoil(path)
        covered = _covered(name)
        if not path.is_symlink():  # the stamp matches again: only the owner or mode check is left
            stamp = cache_folder.stamp_of(os.stat(path), content if covered is None else content[:covered], covered)
            Path(str(path) + cache_folder.STAMP).write_bytes(stamp)
        before = os.lstat(path).st_ino
        assert _check_here(tmp_path) == expected, name
        assert os.lstat(path).st_ino != before and not path.is_symlink(), name
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and _verified(cache, name), name


@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_an_entry_others_could_write_is_rebuilt(cache, tmp_path, mode):
    _rebuilt_after(cache, tmp_path, lambda path: path.chmod(mode))


def test_an_entry_that_is_a_symbolic_link_is_rebuilt(cache, tmp_path):
    def linked(path: Path) -> None:
        target = path.with_name("elsewhere-" + path.name)
        path.rename(target)
        path.symlink_to(target)

    _rebuilt_after(cache, tmp_path, linked)


def test_an_entry_of_another_user_is_rebuilt(cache, tmp_path, monkeypatch):
    """Owners are told apart on the opened file's status: here one entry's is made another user's."""
    real = cache_folder._ours
    others: set[tuple[int, int]] = set()  # inode and change time: an inode number is soon used again
    monkeypatch.setattr(cache_folder, "_ours", lambda info: real(info) and (info.st_ino, info.st_ctime_ns) not in others)
    _rebuilt_after(cache, tmp_path, lambda path: others.add((os.lstat(path).st_ino, os.lstat(path).st_ctime_ns)))


def test_a_huge_entry_is_never_read(cache, tmp_path, monkeypatch):
    _check_here(tmp_path)
    [name] = [n for n in _entries(cache) if n.startswith("packs-")]
    path = cache / name
    with open(path, "r+b") as handle:
        handle.truncate(cache_folder.MAX_ENTRY + 1)  # sparse: costs nothing to make
    Path(str(path) + cache_folder.STAMP).write_bytes(cache_folder.stamp_of(os.stat(path), b""))
    real = cache_folder._read
    asked: list[int] = []
    monkeypatch.setattr(cache_folder, "_read", lambda handle, size: asked.append(size) or real(handle, size))
    assert cache_folder.read_entry(str(path)) is None
    assert all(size <= 200 for size in asked)  # the stamp only


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


def test_a_build_comes_back_from_its_plain_form_as_it_was(linter):
    """Every value, and every value's type, of the built-in packs' build survives the cache's form."""
    packs = load_packs(None)
    compiled = compile_packs(packs)
    built = BuiltPacks(packs, compiled, prewrite(r.text for rule in compiled.rules for r in rule.rewrites))
    back = from_plain(json.loads(cache_folder.to_json(to_plain(built))))

    def same(a, b, where):
        assert type(a) is type(b), where
        if isinstance(a, (tuple, list)):
            assert len(a) == len(b), where
            for i, (x, y) in enumerate(zip(a, b)):
                same(x, y, f"{where}[{i}]")
        elif isinstance(a, dict):
            assert a.keys() == b.keys(), where
            for key in a:
                same(a[key], b[key], f"{where}[{key!r}]")
        elif isinstance(a, frozenset):
            assert a == b and all(type(x) is str for x in b), where
        else:
            assert a == b, where

    same(built.packs, back.packs, "packs")
    same(tuple(built.compiled)[:4], tuple(back.compiled)[:4], "compiled")
    same(dict(built.compiled.automaton.items()), dict(back.compiled.automaton.items()), "automaton")
    same(built.written, back.written, "written")
    text = "".join(rule.bad_examples[0].text for rule in compiled.rules if rule.bad_examples)
    assert list(back.compiled.automaton.iter(text)) == list(built.compiled.automaton.iter(text))
    assert Linter(built=back).check(text) == linter.check(text)


def test_nothing_in_the_package_unpickles_or_evaluates():
    """Data read from disk is never turned into code: no pickle, marshal or shelve, no eval or exec
    (the --jobs workers' spec goes through multiprocessing, which is not data from disk)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in {"pickle", "marshal", "shelve", "dill", "cloudpickle"} for n in names):
                found.append(f"{path.name}: import {names}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"eval", "exec"}:
                found.append(f"{path.name}:{node.lineno}: {node.func.id}")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load" \
                    and any(k.arg == "allow_pickle" and getattr(k.value, "value", None) for k in node.keywords):
                found.append(f"{path.name}:{node.lineno}: allow_pickle")
    assert found == []


def test_a_file_added_to_a_folder_the_build_listed_is_read_not_hidden_by_the_cache(cache, tmp_path, monkeypatch):
    """Shared class files (like packs and lexicons) are found by listing their folder: a new
    file there changes the build though no file it read has changed, so the entry is stale."""
    from phraselint.errors import PackError
    from phraselint.packs import loader

    rules = tmp_path / "rules"
    (rules / "classes").mkdir(parents=True)
    for source in (loader.builtin_dir() / "classes").glob("*.yaml"):
        (rules / "classes" / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(loader, "builtin_dir", lambda: rules)
    (tmp_path / "p.yaml").write_text(pack_text(header="pack: demo\nversion: '1'\nformat: 2\ndescription: d\nsource: s\n"), encoding="utf-8")
    pack = [str(tmp_path / "p.yaml")]
    assert load_compiled(pack, []).compiled.rules  # built and stored
    assert load_compiled(pack, []).compiled.rules  # read from the entry
    (rules / "classes" / "added.yaml").write_text("classes: [not, a, mapping\n", encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_compiled(pack, [])
    assert "added.yaml" in str(raised.value)
