#!/usr/bin/env python3
"""`phraselint audit` on a large transcript table, against a bare loop of Linter.check_text.

    python bench/audit_bench.py                      # 1,000,000 turns, 2 paired rounds
    python bench/audit_bench.py --turns 100000 --rounds 3 --no-dask

Generates (seeded, reused when present) bench/out/audit-<turns>.parquet: calls of 4 to 16 turns,
staff and customer alternating under the labels call centres export (坐席, 客服, agent; 业主, 客户,
customer), about 30 characters a turn, cut from bench/generate.py's material (the labelled
corpus items, violations and near misses, and its clean filler), 200 agents in 10 teams over 30
days, written in row groups of 65,536 rows.

Then, in each round and in this order (paired: the rounds alternate nothing else), it measures
  loop    a bare loop of Linter.check_text over the table's texts, in this process (the texts
          already in memory; the linter built and warmed first)
  jobs1   `phraselint audit TABLE -o findings.parquet --summary summary.csv --quiet` (a fresh process)
  jobs2   the same with --jobs 2
  dask    phraselint.audit.dask.check_dask on a distributed.LocalCluster of 2 worker processes,
          reading the table with dask.dataframe.read_parquet and writing findings to Parquet
          (the cluster's start is timed separately)
and prints one JSON line per measurement (seconds, turns/s, peak RSS of the command's process).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import generate  # noqa: E402 - the benchmark corpora's material

OUT = BENCH / "out"
STAFF = ["坐席", "坐席", "客服", "agent"]
CUSTOMER = ["业主", "客户", "customer", "来电人"]
TURN_CHARS = 30


def _pieces(rng: random.Random, violating: list[dict], clean: list[dict]):
    def cut(text: str) -> str:
        text = text.replace("\n", " ")
        if len(text) <= TURN_CHARS + 15:
            return text
        start = rng.randrange(0, len(text) - TURN_CHARS)
        return text[start:start + TURN_CHARS]

    def staff() -> str:
        draw = rng.random()
        if draw < 0.12:
            return cut(rng.choice(violating)["text"])
        if draw < 0.30:
            return cut(rng.choice(clean)["text"])
        return cut(rng.choice(generate.FILLER))

    def customer() -> str:
        return cut(rng.choice(violating if rng.random() < 0.1 else clean)["text"]) if rng.random() < 0.4 else cut(
            rng.choice(generate.FILLER))

    return staff, customer


def generate_table(path: Path, turns: int, seed: int = 14) -> dict:
    rng = random.Random(seed)
    violating, clean = generate.load_items()
    staff, customer = _pieces(rng, violating, clean)
    greetings = ["您好，XX物业管理处，我是小王，请问有什么可以帮到您？", "您好，物业服务中心", "喂"]
    closings = ["请问还有其他需要吗？感谢您的来电，再见。", "好的再见", "嗯"]
    schema = pa.schema([("call_id", pa.string()), ("turn", pa.int32()), ("role", pa.string()), ("text", pa.string()),
                        ("agent_id", pa.string()), ("team", pa.string()), ("timestamp", pa.timestamp("s"))])
    writer = pq.ParquetWriter(path, schema)
    columns: dict[str, list] = {name: [] for name in schema.names}
    written = call = 0
    start = 1_795_000_000  # 2026-11-18, seconds
    while written < turns:
        call += 1
        length = min(rng.randint(4, 16), turns - written)
        agent = rng.randrange(200)
        staff_label, customer_label = rng.choice(STAFF), rng.choice(CUSTOMER)
        at = start + rng.randrange(30 * 86400)
        for turn in range(1, length + 1):
            is_staff = turn % 2 == 1
            if is_staff and turn == 1:
                text = rng.choice(greetings)
            elif is_staff and turn >= length - 1:
                text = rng.choice(closings)
            else:
                text = staff() if is_staff else customer()
            columns["call_id"].append(f"call-{call:07d}")
            columns["turn"].append(turn)
            columns["role"].append(staff_label if is_staff else customer_label)
            columns["text"].append(text)
            columns["agent_id"].append(f"agent-{agent:03d}")
            columns["team"].append(f"team-{agent % 10}")
            columns["timestamp"].append(at + 8 * turn)
            written += 1
        if len(columns["text"]) >= 65536 or written >= turns:
            writer.write_table(pa.table(columns, schema=schema), row_group_size=65536)
            columns = {name: [] for name in schema.names}
    writer.close()
    return {"turns": written, "calls": call, "bytes": path.stat().st_size}


def _hwm_mib(pid: int) -> float:
    """VmHWM of one process (its own peak RSS since its exec), 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as listed:
            return [int(child) for child in listed.read().split()]
    except OSError:
        return []


def run_command(args: list[str]) -> dict:
    """One command in a fresh process: wall seconds, and the peak RSS of that process and of its
    largest worker, read from /proc every 50 ms (getrusage's ru_maxrss would carry this process's
    own high-water mark over the fork)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main_peak = worker_peak = 0.0
    while process.poll() is None:
        main_peak = max(main_peak, _hwm_mib(process.pid))
        for child in _children(process.pid):
            worker_peak = max(worker_peak, _hwm_mib(child))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"{args}: exit {process.returncode}\n{error}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(main_peak, 1),
            **({"worker_peak_rss_mib": round(worker_peak, 1)} if worker_peak else {})}


def bare_loop(texts: list[str]) -> dict:
    from phraselint import Linter

    linter = Linter()
    for text in texts[:2000]:  # warm: lazily built parts, the word index
        linter.check_text(text)
    started = time.perf_counter()
    found = 0
    for text in texts:
        found += len(linter.check_text(text).findings)
    return {"seconds": round(time.perf_counter() - started, 2), "findings": found}


def dask_run(table: Path, output: Path) -> dict:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from phraselint.audit.dask import check_dask

    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        ready = time.perf_counter()
        ddf = dd.read_parquet(str(table))
        check_dask(ddf).to_parquet(str(output), write_index=False)
        done = time.perf_counter()
    return {"seconds": round(done - ready, 2), "cluster_start_seconds": round(ready - started, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--no-loop", action="store_true")
    options = parser.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    table = OUT / f"audit-{options.turns}.parquet"
    if not table.exists():
        print(json.dumps({"generated": str(table), **generate_table(table, options.turns)}), flush=True)
    texts = pq.read_table(table, columns=["text"]).column("text").to_pylist()
    command = [sys.executable, "-m", "phraselint", "audit", str(table), "--quiet",
               "-o", str(OUT / "audit-findings.parquet"), "--summary", str(OUT / "audit-summary.csv")]
    for round_number in range(1, options.rounds + 1):
        results = {}
        if not options.no_loop:
            results["loop"] = bare_loop(texts)
        results["jobs1"] = run_command(command)
        results["jobs2"] = run_command([*command, "--jobs", "2"])
        if not options.no_dask:
            results["dask"] = dask_run(table, OUT / "audit-dask-findings")
        for name, result in results.items():
            print(json.dumps({"round": round_number, "run": name, "turns": len(texts),
                              "turns_per_s": round(len(texts) / result["seconds"]), **result}), flush=True)
        if "loop" in results:
            print(json.dumps({"round": round_number, "audit_over_loop": round(results["jobs1"]["seconds"] / results["loop"]["seconds"], 3),
                              "jobs2_speedup": round(results["jobs1"]["seconds"] / results["jobs2"]["seconds"], 3),
                              **({"dask_over_jobs2": round(results["dask"]["seconds"] / results["jobs2"]["seconds"], 3)}
                                 if "dask" in results else {})}), flush=True)
    print(json.dumps({"self_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
