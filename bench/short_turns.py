"""Where a short check's time goes: `Linter.check_text` on ~30-character turns, as `phraselint audit`
checks a table's rows one at a time (issue 14: 40,000 turns/s a core end to end, so the bare loop
must do well over that).

    python bench/short_turns.py [--turns 20000] [--repeat 5] [--profile]

Turns: the short staff and customer lines bench/generate.py's dense corpus is made of (clean staff
and customer turns, and the corpora's one-line violating replies of at most 40 characters). Each turn
is checked as audit passes it: kind "reply", transcript detection off (a row is one turn, its role
from the table). Reports µs per call and calls/s for clean and violating turns, each best of
`--repeat` passes; with --profile, Python function calls per call (cProfile) for each set.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate  # noqa: E402  (bench/generate.py: the dense corpus's material)

from phraselint import Linter  # noqa: E402

OPTIONS = {"kind": "reply", "dialogue": False}  # what audit passes for one row


def turns(count: int, seed: int = 14) -> tuple[list[str], list[str]]:
    """(clean turns, violating turns), `count` of each, ~30 characters, both scripts."""
    rng = random.Random(seed)
    violating: list[str] = []
    clean = list(generate.CUSTOMER_SIMPLIFIED + generate.CUSTOMER_TRADITIONAL)
    for bad, good in generate.dense_items().values():
        violating += [item["text"] for item in bad]
        clean += good
    return [rng.choice(clean) for _ in range(count)], [rng.choice(violating) for _ in range(count)]


def timed(linter: Linter, texts: list[str], repeat: int) -> float:
    """Best seconds per call over `repeat` passes."""
    check = linter.check_text
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for text in texts:
            check(text, **OPTIONS)
        best = min(best, time.perf_counter() - started)
    return best / len(texts)


def calls_per_check(linter: Linter, texts: list[str]) -> tuple[float, list[str]]:
    """Python function calls per check_text, and the top entries by own time."""
    profile = cProfile.Profile()
    check = linter.check_text
    profile.enable()
    for text in texts:
        check(text, **OPTIONS)
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(entry[1] for entry in stats.stats.values())  # type: ignore[attr-defined]
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:12]  # type: ignore[attr-defined]
    top = [f"  {tt * 1e6 / len(texts):7.2f} µs  {nc / len(texts):5.1f}×  {Path(f).name}:{line} {name}"
           for (f, line, name), (_, nc, tt, _, _) in rows]
    return total / len(texts), top


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    linter = Linter()
    clean, violating = turns(args.turns)
    mean = sum(map(len, clean + violating)) / (2 * args.turns)
    found = sum(bool(linter.check_text(t, **OPTIONS).findings) for t in violating[:2000])
    print(f"{args.turns} clean + {args.turns} violating turns, {mean:.1f} characters on average; "
          f"{found / min(2000, args.turns):.0%} of violating turns give a finding")
    for text in clean[:200] + violating[:200]:  # warm: lazily built checks, suggestion cache
        linter.check_text(text, **OPTIONS)
    for name, texts in (("clean", clean), ("violating", violating), ("mixed", clean[: args.turns // 2] + violating[: args.turns // 2])):
        per = timed(linter, texts, args.repeat)
        print(f"{name:10} {per * 1e6:7.2f} µs/call  {1 / per:9,.0f} calls/s")
    if args.profile:
        for name, texts in (("clean", clean[:5000]), ("violating", violating[:5000])):
            calls, top = calls_per_check(linter, texts)
            print(f"{name}: {calls:.1f} Python function calls per check_text; own time per call:")
            print("\n".join(top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
