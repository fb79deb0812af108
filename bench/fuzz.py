#!/usr/bin/env python3
"""A long fuzzing run of the README's promises, through the library and the command line.

    python bench/fuzz.py --cases 100000 --seed 1        # about 100,000 cases (see README for the time)
    python bench/fuzz.py --cases 2000 --seed 7 --kinds stream,custom
    python bench/fuzz.py --replay check:1:4711          # one case again, from the line a failure printed

Cases are drawn from tests/strategies.py and checked with tests/invariants.py, the same
generators and checks the property tests run with fewer examples. Case i of kind k uses
random.Random(f"{seed}:{k}:{i}"), so every failure is replayed from its line alone. A
failure is shrunk (characters and chunks removed while it fails the same way) and reported
once per distinct failure, with its reproducer; the run goes on. `--cli-share` of the cases
are files checked by `phraselint check` in-process, in folders of `--batch` files.
Exit code 1 when anything failed. Progress and failures go to standard error; `--log FILE`
writes every failure as a JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_COLOR", "1")

from bench import fuzz_cases as cases  # noqa: E402
from bench import fuzz_cli  # noqa: E402

# Share of the library cases per kind: large texts and files cost most, so fewer of them.
WEIGHTS = {"check": 30, "transcript": 12, "phone": 10, "training": 6, "large": 1, "custom": 15,
           "markdown-code": 8, "stream": 8, "file": 10}


def signature(exc: BaseException) -> str:
    """What makes two failures the same: the exception, where it was raised, and its message
    with the quoted text and numbers taken out."""
    frames = traceback.extract_tb(exc.__traceback__)
    place = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames) if "phraselint" in f.filename
                  and "/tests/" not in f.filename and "/bench/" not in f.filename), None)
    message = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+", "_", str(exc).split("\n")[0])[:90]
    if isinstance(exc, AssertionError):
        return f"AssertionError: {message}"
    return f"{type(exc).__name__} at {place}: {message}"


def same(sig: str, exc: BaseException) -> bool:
    return signature(exc) == sig


def shrink_aligned(texts: tuple[str, ...], fails, budget: float) -> tuple[str, ...]:
    """Remove the same chunk from each of `texts` (halving its size down to one character)
    while `fails(smaller)`: one text, or a text and its twin that differs only in letters."""
    deadline = time.monotonic() + budget
    size = max(1, len(texts[0]) // 2)
    while size >= 1 and time.monotonic() < deadline:
        position, changed = 0, False
        while position < len(texts[0]) and time.monotonic() < deadline:
            smaller = tuple(t[:position] + t[position + size:] for t in texts)
            if fails(smaller):
                texts, changed = smaller, True
            else:
                position += size
        if not changed:
            size //= 2
    return texts


def shrink_text(text: str, fails, budget: float) -> str:
    return shrink_aligned((text,), lambda texts: fails(texts[0]), budget)[0]


def shrink(kind: str, value, sig: str, budget: float):
    def fails_with(candidate) -> bool:
        try:
            cases.replay(kind, candidate)
        except Exception as exc:  # noqa: BLE001 - any failure is compared by its signature
            return same(sig, exc)
        return False

    if isinstance(value, str):
        return shrink_text(value, fails_with, budget)
    if kind == "custom":
        seed, text = value
        return seed, shrink_text(text, lambda t: fails_with((seed, t)), budget)
    if kind == "markdown-code":  # the two differ only in letters: remove the same stretch from both,
        # keeping what makes code code (else the directive is no longer shown as code, and obeyed rightly)
        marks = ("`", "~~~", "\n    ", "{", "}")
        kept = [value[0].count(mark) for mark in marks]
        return shrink_aligned(tuple(value), lambda pair: [pair[0].count(m) for m in marks] == kept and fails_with(pair), budget)
    if kind == "stream":
        content, codec = value
        return shrink_text(content, lambda c: fails_with((c, codec)), budget), codec
    if kind == "file":
        name, data, original = value
        if original is not None and data == original.encode("utf-8"):
            small = shrink_text(original, lambda t: fails_with((name, t.encode("utf-8", "surrogatepass"), t)), budget)
            return name, small.encode("utf-8", "surrogatepass"), small
    return value


class Run:
    def __init__(self, log: str | None, shrink_budget: float):
        self.failures: dict[str, dict] = {}
        self.counts: dict[str, int] = {}
        self.log = open(log, "a", encoding="utf-8") if log else None
        self.shrink_budget = shrink_budget

    def failed(self, kind: str, where: str, value, exc: BaseException, shrinker) -> None:
        sig = signature(exc)
        seen = self.failures.get(sig)
        if seen is not None:
            seen["count"] += 1
            return
        small = shrinker(sig)
        record = {"signature": sig, "kind": kind, "replay": where, "count": 1, "message": str(exc)[:400],
                  "reproducer": repr(small)[:2000]}
        self.failures[sig] = record
        print(f"\nFAIL {where}: {sig}\n  {record['message'][:300]}\n  reproducer: {record['reproducer'][:600]}",
              file=sys.stderr, flush=True)
        if self.log:
            self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
            self.log.flush()

    def library(self, kind: str, seed: int, index: int) -> None:
        rng = random.Random(f"{seed}:{kind}:{index}")
        value = None
        try:
            value = cases._case_value(kind, rng)
            cases.replay(kind, value)
        except Exception as exc:  # noqa: BLE001 - every failure is reported, then the run goes on
            self.failed(kind, f"{kind}:{seed}:{index}", value, exc, lambda sig: shrink(kind, value, sig, self.shrink_budget))
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def cli(self, seed: int, index: int, size: int) -> None:
        files = fuzz_cli.batch(random.Random(f"{seed}:cli:{index}"), size)
        try:
            fuzz_cli.check_batch(files)
        except Exception as exc:  # noqa: BLE001
            self.failed("cli", f"cli:{seed}:{index}:{size}", files, exc,
                        lambda sig: fuzz_cli.shrink_batch(files, sig, same))
        self.counts["cli files"] = self.counts.get("cli files", 0) + len(files)


def replay_one(spec: str) -> int:
    kind, seed, index, *rest = spec.split(":")
    if kind == "cli":
        files = fuzz_cli.batch(random.Random(f"{seed}:cli:{index}"), int(rest[0]))
        fuzz_cli.check_batch(files)
    else:
        value = cases._case_value(kind, random.Random(f"{seed}:{kind}:{index}"))
        print(repr(value)[:2000])
        cases.replay(kind, value)
    print("passed")
    return 0


def plan(args) -> list[tuple[str, int]]:
    """Every case of the run, in order: (library kind, index) and ("cli", batch index)."""
    kinds = args.kinds.split(",") if args.kinds else [*WEIGHTS, "cli"]
    library_kinds = [k for k in kinds if k in WEIGHTS]
    cli_files = args.cases if not library_kinds else int(args.cases * args.cli_share) if "cli" in kinds else 0
    batches = -(-cli_files // args.batch)
    chooser = random.Random(args.seed)
    weights = [WEIGHTS[k] for k in library_kinds]
    library = [(chooser.choices(library_kinds, weights)[0], index) for index in range(max(0, args.cases - batches * args.batch))]
    return library + [("cli", index) for index in range(batches)]


def work(job: tuple) -> tuple[dict, dict]:
    """One share of the plan, in a worker process: (counts, failures by signature)."""
    args, share, position = job
    cases.small_pieces()
    os.chdir(cases._tmp())  # no configuration file of the checkout applies
    run = Run(args.log, args.shrink_seconds)
    started = time.monotonic()
    try:
        run_share(run, args, share, position, started)
    finally:
        os.chdir(ROOT)
        shutil.rmtree(cases._tmp(), ignore_errors=True)
    return run.counts, run.failures


def run_share(run: Run, args, share: list[tuple[str, int]], position: int, started: float) -> None:
    for done, (kind, index) in enumerate(share, 1):
        if kind == "cli":
            run.cli(args.seed, index, args.batch)
        else:
            run.library(kind, args.seed, index)
        if done % 5000 == 0:
            print(f"[{position}] {done}/{len(share)} cases, {len(run.failures)} distinct failures, "
                  f"{time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=10000, help="library cases plus CLI files (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", help=f"comma-separated library kinds (default all: {','.join(WEIGHTS)}), and cli")
    parser.add_argument("--cli-share", type=float, default=0.2, help="share of the cases that are CLI files (default 0.2)")
    parser.add_argument("--batch", type=int, default=60, help="files per CLI folder (default 60)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes, each taking every N-th case (default 1)")
    parser.add_argument("--shrink-seconds", type=float, default=20.0, help="time to shrink each new failure")
    parser.add_argument("--log", help="append each failure as a JSON line to this file")
    parser.add_argument("--replay", help="KIND:SEED:INDEX[:SIZE], as a failure's line shows it")
    args = parser.parse_args()
    if args.replay:
        cases.small_pieces()
        os.chdir(cases._tmp())
        return replay_one(args.replay)
    started = time.monotonic()
    every = plan(args)
    jobs = [(args, every[i::args.jobs], i) for i in range(args.jobs)]
    if args.jobs == 1:
        results = [work(jobs[0])]
    else:
        import multiprocessing

        with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
            results = pool.map(work, jobs)
    counts: dict[str, int] = {}
    failures: dict[str, dict] = {}
    for share_counts, share_failures in results:
        for kind, n in share_counts.items():
            counts[kind] = counts.get(kind, 0) + n
        for sig, record in share_failures.items():
            if sig in failures:
                failures[sig]["count"] += record["count"]
            else:
                failures[sig] = record
    print(json.dumps({"command": " ".join(sys.argv), "cases": sum(counts.values()), "by_kind": counts,
                      "seconds": round(time.monotonic() - started, 1), "distinct_failures": len(failures),
                      "failures": [{k: v for k, v in f.items() if k != "message"} for f in failures.values()]},
                     ensure_ascii=False, indent=1))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
