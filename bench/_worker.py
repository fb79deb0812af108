#!/usr/bin/env python3
"""One measurement in its own process, so that its peak RSS is its own (run.py starts it).

    python bench/_worker.py naive   FILE [--dump SPANS.json]
    python bench/_worker.py ceiling FILE
    python bench/_worker.py library FILE [--stream auto|never|always] [--dump FINDINGS.json]

Prints one JSON object on standard output: seconds of processing (reading the file,
building the matcher and a warm-up call on other text are timed separately), what was
found, and VmHWM.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

ONE_GO_LIMIT = 10 * 10**6  # bytes: up to this, the library gets the file in one check_text call
CHUNK_BYTES = 1 << 20  # otherwise line-chunks of about 1 MiB


def vm_hwm_mib() -> float | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def read_text(path: str) -> tuple[str, float]:
    start = time.perf_counter()
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return text, time.perf_counter() - start


def warm_up_text() -> str:
    """~100K characters of clean filler and one violation: a first call on it loads what the
    pipelines load lazily (dictionaries, tables, numpy, the word index), without caching any
    verdict on the benchmark text itself. Timed apart as warm-up."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from generate import FILLER

    text, i = [], 0
    size = 0
    while size < 100_000:
        sentence = FILLER[i % len(FILLER)]
        text.append(sentence)
        size += len(sentence)
        i += 1
        if i % 40 == 0:
            text.append("\n")
    text.insert(len(text) // 2, "这件事我不知道。")
    return "".join(text)


def automaton_keys():
    """The loaded packs' automaton (built-in packs, compiled once) and its normalised literals."""
    from phraselint import Linter

    linter = Linter()
    automaton = linter.compiled.automaton
    return linter, automaton, list(automaton.keys)


# --- (a) the naive pipeline -------------------------------------------------------------

def naive(path: str, dump: str | None) -> dict:
    setup = time.perf_counter()
    import logging

    import jieba
    import opencc

    jieba.setLogLevel(logging.CRITICAL)
    _, _, keys = automaton_keys()
    converter = opencc.OpenCC("t2s")
    jieba.initialize()
    setup = time.perf_counter() - setup
    warm = time.perf_counter()
    jieba.lcut(converter.convert(warm_up_text()), HMM=False)
    warm = time.perf_counter() - warm
    text, read_seconds = read_text(path)

    start = time.perf_counter()
    converted = converter.convert(text)
    t_convert = time.perf_counter()
    tokens = jieba.lcut(converted, HMM=False)
    t_segment = time.perf_counter()
    # Token boundaries: a dict from each token's start offset to its index (plus the end of
    # the text). A literal counts where it starts and ends on a boundary, that is, where it
    # is a run of whole consecutive tokens.
    joined = "".join(tokens)
    boundaries: dict[int, int] = {}
    position = 0
    for index, token in enumerate(tokens):
        boundaries[position] = index
        position += len(token)
    boundaries[position] = len(tokens)
    matches: list[tuple[int, int, str]] = []
    find = joined.find
    for key in keys:
        length = len(key)
        at = find(key)
        while at != -1:
            if at in boundaries and at + length in boundaries:
                matches.append((at, at + length, key))
            at = find(key, at + 1)
    end = time.perf_counter()

    result = {
        "seconds": end - start, "setup_seconds": setup, "warm_up_seconds": warm, "read_seconds": read_seconds,
        "phases": {"t2s": t_convert - start, "jieba": t_segment - t_convert, "match": end - t_segment},
        "matches": len(matches), "tokens": len(tokens), "keys": len(keys),
        "characters": len(text), "converted_same_length": len(converted) == len(text),
        "tokens_rejoin_equal": joined == converted, "vm_hwm_mib": vm_hwm_mib(),
    }
    if dump:
        matches.sort()
        with open(dump, "w", encoding="utf-8") as out:
            json.dump({"matches": matches, "converted": converted, "token_starts": sorted(boundaries)}, out, ensure_ascii=False)
    return result


# --- (b) the ceiling ----------------------------------------------------------------------

def ceiling(path: str) -> dict:
    setup = time.perf_counter()
    _, automaton, keys = automaton_keys()
    setup = time.perf_counter() - setup
    text, read_seconds = read_text(path)
    start = time.perf_counter()
    count = 0
    for _ in automaton.iter(text):
        count += 1
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "setup_seconds": setup, "read_seconds": read_seconds, "matches": count,
            "keys": len(keys), "characters": len(text), "vm_hwm_mib": vm_hwm_mib()}


# --- (c) phraselint through its library API ----------------------------------------------

STREAM_NAMES = ("check_file", "check_stream", "check_path", "check_lines", "check_chunks", "iter_check", "stream")


def find_streaming_entry():
    """A streaming entry point of the library, if one exists: (description, callable, takes)."""
    import phraselint
    import phraselint.engine.linter as linter_module
    from phraselint import Linter

    for owner_name, owner in (("Linter", Linter), ("phraselint", phraselint), ("phraselint.engine.linter", linter_module)):
        for name in STREAM_NAMES:
            function = getattr(owner, name, None)
            if callable(function):
                takes = "path" if ("file" in name or "path" in name) else "handle"
                return f"{owner_name}.{name}", owner is Linter, function, takes
    return None


def _accepts(function, name: str) -> bool:
    import inspect

    try:
        return name in inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False


def _count(result) -> tuple[int, list]:
    """Findings in whatever a streaming entry point returns: a report, a list, or an iterator."""
    findings = []
    if hasattr(result, "findings"):
        return len(result.findings), list(result.findings)
    for item in result:
        if hasattr(item, "findings"):
            findings.extend(item.findings)
        elif isinstance(item, tuple) and item and hasattr(item[-1], "__iter__") and not hasattr(item, "rule"):
            findings.extend(item[-1])  # (path, findings) pairs
        else:
            findings.append(item)
    return len(findings), findings


def library(path: str, stream: str, dump: str | None) -> dict:
    setup = time.perf_counter()
    from phraselint import Linter

    linter = Linter()
    setup = time.perf_counter() - setup
    warm = time.perf_counter()
    linter.check_text(warm_up_text())
    warm = time.perf_counter() - warm
    size = os.path.getsize(path)
    use_stream = stream == "always" or (stream == "auto" and size > ONE_GO_LIMIT)
    notes = []
    read_seconds = None
    findings: list = []
    levels: dict[str, int] = {}
    if not use_stream:
        text, read_seconds = read_text(path)
        start = time.perf_counter()
        report = linter.check_text(text)
        seconds = time.perf_counter() - start
        findings = report.findings
        mode = "one check_text call on the whole file (read excluded)"
        script, kind = report.script, report.kind
    else:
        script = kind = None
        entry = find_streaming_entry()
        seconds = None
        if entry is not None:
            description, is_method, function, takes = entry
            start = time.perf_counter()
            try:
                if is_method:
                    bound = lambda arg: function(linter, arg)  # noqa: E731
                elif _accepts(function, "linter"):
                    bound = lambda arg: function(arg, linter=linter)  # noqa: E731  (reuse the linter built in setup)
                else:
                    bound = function
                    notes.append(f"{description}() takes no linter: it builds its own inside the timed call")
                if takes == "path":
                    count, findings = _count(bound(path))
                else:
                    with open(path, encoding="utf-8") as handle:
                        count, findings = _count(bound(handle))
                seconds = time.perf_counter() - start
                mode = f"streaming entry point {description}() (read included)"
            except Exception as exc:  # an entry point of another shape: fall back, and say so
                notes.append(f"{description}() failed ({type(exc).__name__}: {exc}); fell back to line-chunks")
                findings = []
        else:
            notes.append("no streaming entry point (check_file/check_stream) in phraselint: line-chunks of ~1 MiB")
        if seconds is None:
            start = time.perf_counter()
            base = 0
            with open(path, "rb") as handle:
                while True:
                    lines = handle.readlines(CHUNK_BYTES)
                    if not lines:
                        break
                    chunk = b"".join(lines).decode("utf-8")
                    report = linter.check_text(chunk)
                    if dump:
                        findings.extend(_Shifted(f, base) for f in report.findings)
                    else:
                        findings.extend(report.findings)
                    base += len(chunk)
            seconds = time.perf_counter() - start
            mode = "check_text per line-chunk of ~1 MiB (read and decoding included)"
    for finding in findings:
        level = str(getattr(finding, "level", "?"))
        levels[level] = levels.get(level, 0) + 1
    result = {"seconds": seconds, "setup_seconds": setup, "warm_up_seconds": warm, "read_seconds": read_seconds, "findings": len(findings),
              "levels": levels, "mode": mode, "notes": notes, "script": script, "kind": kind,
              "vm_hwm_mib": vm_hwm_mib()}
    if dump:
        with open(dump, "w", encoding="utf-8") as out:
            json.dump({"findings": [[f.offset, f.end_offset, f.rule, str(f.level), f.match] for f in findings]}, out, ensure_ascii=False)
    return result


class _Shifted:
    """A finding of one chunk, with offsets into the whole file."""

    def __init__(self, finding, base: int):
        self.offset = finding.offset + base
        self.end_offset = finding.end_offset + base
        self.rule, self.level, self.match = finding.rule, finding.level, finding.match


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("naive", "ceiling", "library", "streaming-entry"))
    parser.add_argument("path", nargs="?")
    parser.add_argument("--dump")
    parser.add_argument("--stream", choices=("auto", "never", "always"), default="auto")
    args = parser.parse_args()
    if args.what == "naive":
        result = naive(args.path, args.dump)
    elif args.what == "ceiling":
        result = ceiling(args.path)
    elif args.what == "library":
        result = library(args.path, args.stream, args.dump)
    else:
        entry = find_streaming_entry()
        result = {"entry": entry[0] if entry else None}
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
