"""The fuzzing run's cases: each takes a seeded random, builds one input from tests/strategies.py
and checks it against tests/invariants.py. A case returns the input it built (the
reproducer) and raises when a promise breaks; `replay(kind, value)` checks a given input
again, which is how a failure is shrunk to a small reproducer."""

from __future__ import annotations

import functools
import io
import os
import random
import re
import tempfile
from typing import Any, Callable

from phraselint import Linter
from phraselint.config import Config
from phraselint.errors import InputError
from phraselint.inputs import streaming
from phraselint.run.session import CheckSession

from tests import invariants as inv
from tests import strategies as gen

KINDS = ("check", "transcript", "phone", "training", "large", "custom", "markdown-code", "stream", "file")


def small_pieces() -> None:
    """Stream files of a few hundred bytes in pieces of 256 characters: piece boundaries, and
    the state streaming must carry across them, are met in small cases. Not smaller: the cut
    rules (phraselint/inputs/cuts.py) look for a cut inside a long line in a piece's second
    half with 48 characters clear each side, and a piece of ~100 leaves no room for one (every
    such cut would be the documented last resort). The fuzzing process's own setting, never
    the library's default."""
    streaming.STREAM_THRESHOLD, streaming.PIECE, streaming.SAMPLE = 200, 256, 128


def _work_dir() -> str:
    return _tmp()


@functools.cache
def _tmp() -> str:
    return tempfile.mkdtemp(prefix="phraselint-fuzz-")


@functools.cache
def _session(kind: str | None = None) -> CheckSession:
    return CheckSession(gen.shared_linter(), Config(), kind=kind)


def _check_library(text: str, kind: str | None = None) -> None:
    linter = gen.shared_linter()
    inv.assert_spans(text, linter.check(text, kind=kind), "check")
    inv.assert_fix_is_idempotent(linter, text, kind=kind)


def _for_kind(kind: str | None) -> Callable[[str], None]:
    return lambda text: _check_library(text, kind)


@functools.lru_cache(maxsize=64)
def _custom_linter(seed: int) -> Linter:
    return Linter([gen.custom_pack(random.Random(seed))])


def _check_custom(value: tuple[int, str]) -> None:
    seed, text = value
    linter = _custom_linter(seed)
    inv.assert_spans(text, linter.check(text), "custom rules")
    inv.assert_fix_is_idempotent(linter, text)


def _check_markdown_code(pair: tuple[str, str]) -> None:
    """Directives shown as code change nothing: the same document with each directive shown as
    code spelt with other letters of the same length has the same findings."""
    document, neutral = pair
    path = os.path.join(_work_dir(), "doc.md")
    session = _session()
    found = session.check_extracted(path, session.extract(path, document))
    inv.assert_spans(document, found, "markdown")
    expected = session.check_extracted(path, session.extract(path, neutral))
    inv.assert_same_findings([f for f in expected if not f.rule.startswith("phraselint.")],
                             [f for f in found if not f.rule.startswith("phraselint.")], "a directive shown as code was obeyed",
                             match=False)


def _write(name: str, data: bytes) -> str:
    path = os.path.join(_work_dir(), name)
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def _streamed_state(content: str) -> str:
    """What of the text streaming must carry from piece to piece, to tell failures apart."""
    if "phraselint-" in content:
        return "with directives"
    if gen.shared_linter().check_text(content).turns:
        return "a transcript"
    if "{" in content or "【" in content:
        return "with placeholders"
    return "plain text"


def _check_stream(value: tuple[str, str]) -> None:
    """A file checked in (small) pieces gives the findings of the same file checked whole."""
    content, codec = value
    path = _write("stream.txt", content.encode(codec))
    session = _session()
    try:
        whole_extracted, whole = session.check_path(path)
    except InputError as exc:
        whole_extracted, whole = None, exc
    if whole_extracted is not None and codec.startswith("utf"):  # (a short legacy-encoded text may read as another)
        assert whole_extracted.original in (content, content[1:]), f"decoded as {whole_extracted.encoding!r}, not {codec!r}"
    if not session.streams(path):
        return
    try:
        streamed = session.check_streamed(path, keep_lines=False)[0]
    except InputError as exc:
        assert isinstance(whole, InputError), f"only the streamed file is unreadable ({str(exc)!r})"
        return
    assert not isinstance(whole, InputError), f"only the whole file is unreadable ({str(whole)!r})"
    inv.assert_same_findings(whole, streamed, f"streamed pieces against the whole file, {_streamed_state(content)}")


def check_file_of(name: str, data: bytes, original: str | None = None) -> None:
    """One file through the session as `check` reads it: no crash, spans slice back into the
    decoded file, a fix keeps markup and placeholders and is stable."""
    path = _write(name, data)
    session = _session()
    try:
        extracted, found = session.check_path(path)
    except InputError:
        return  # named and skipped, as promised (whether it should have been is the CLI's check)
    inv.assert_spans(extracted.original, found, name)
    if original is not None and name.endswith((".txt", ".j2", ".md", ".html", ".json", ".jsonl")):
        # a text that opens with U+FEFF reads as opening with a byte-order mark: one is dropped
        assert extracted.original in (original, original[1:] if original.startswith("\ufeff") else original), \
            f"{name!r} decoded as {extracted.encoding!r} reads differently"
    if not extracted.fixable:
        return
    from phraselint.run.parallel import apply_fix  # the CLI's fix, through the file's reader

    left, _, _, fixed = apply_fix(session, path, extracted, found, diff=False, out=io.StringIO())
    inv.assert_spans(fixed.original, left, f"{name} after --fix")
    if name.endswith(".html"):
        tags = re.compile(r"<[^>]*>")
        assert tags.findall(fixed.original) == tags.findall(extracted.original), "a fix of HTML changed its markup"
    again = session.read(path)
    assert again.original == fixed.original, f"{name!r}: the written file is not the fixed text"
    found_again = session.check_extracted(path, again)
    _, _, count, _ = apply_fix(session, path, again, found_again, diff=False, out=io.StringIO())
    assert count == 0, f"{name!r}: fixing twice made {count} more fixes"


def random_file(rng: random.Random) -> tuple[str, bytes, str | None]:
    """(name, bytes, text it was written from) of any format the readers take, in any encoding."""
    maker, suffix = rng.choice([(gen.plain_text, ".txt"), (gen.transcript, ".txt"), (gen.markdown, ".md"),
                                (gen.html, ".html"), (gen.template, ".j2"),
                                (lambda r: gen.chat_log(r, lines=False), ".json"),
                                (lambda r: gen.chat_log(r, lines=True), ".jsonl")])
    content = maker(rng)
    if suffix == ".txt" and "\ud800" <= max(content, default="a"):
        content = "".join(c for c in content if not 0xD800 <= ord(c) < 0xE000)
    if suffix in (".json", ".jsonl"):
        return f"chat{suffix}", content.encode("utf-8", "surrogatepass"), content if content.isascii() else None
    written = gen.encoded(rng, content)
    if written is None:
        return f"doc{suffix}", content.encode("utf-8", "replace"), None
    data, codec = written
    return f"doc{suffix}", data, content if codec.startswith("utf") else None


def _case_value(kind: str, rng: random.Random) -> Any:
    if kind == "large":
        return gen.large_text(rng)
    if kind in ("transcript", "phone"):
        return gen.transcript(rng)
    if kind == "custom":
        seed = rng.randrange(40)  # a few packs, each tried on many texts (packs compile once)
        return seed, gen.custom_text(rng, gen.custom_pack(random.Random(seed)))
    if kind == "markdown-code":
        return gen.markdown_pair(rng)
    if kind == "stream":
        content = "\n".join(gen.transcript(rng) if rng.random() < 0.5 else gen.plain_text(rng) for _ in range(rng.randrange(1, 6)))
        content = "".join(c for c in content if not 0xD800 <= ord(c) < 0xE000)
        written = gen.encoded(rng, content)
        return (content, written[1]) if written else (content.encode("ascii", "ignore").decode(), "utf-8")
    if kind == "file":
        return random_file(rng)
    return gen.text(rng)


CHECKS: dict[str, Callable[[Any], None]] = {
    "check": _for_kind(None), "transcript": _for_kind(None), "phone": _for_kind("phone"),
    "training": _for_kind("training"), "large": lambda text: inv.assert_spans(text, gen.shared_linter().check(text), "large"),
    "custom": _check_custom, "markdown-code": _check_markdown_code, "stream": _check_stream,
    "file": lambda value: check_file_of(*value),
}


def run_case(kind: str, rng: random.Random) -> Any:
    """Build one input of `kind` and check it; returns the input (raises on a broken promise)."""
    value = _case_value(kind, rng)
    CHECKS[kind](value)
    return value


def replay(kind: str, value: Any) -> None:
    CHECKS[kind](value)
