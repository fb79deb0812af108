#!/usr/bin/env python3
"""`phraselint serve` under load on loopback: latency at a steady request rate, and memory over
many requests.

    python bench/serve_bench.py                      # 200 requests/s for 30 s, then 100,000 requests
    python bench/serve_bench.py --rate 200 --seconds 30 --requests 100000

Latency: one ~60-character reply POSTed to /v1/check at a fixed rate (open loop: each request
is due at its own time, whether or not earlier ones have been answered) by an asyncio/httpx
client holding at most --concurrency requests in flight; each latency is counted from sending
to the whole answer read (p50_ms, p99_ms), and again from the moment the request was due
(from_due_*), so that a client falling behind shows in the figures instead of hiding them. Memory: the service's resident set (/proc) sampled every 10,000 of --requests
sent by 8 workers as fast as they go; every 100th (--roles-every) names a new role label, so
that the service's table of Linters per reader and roles is filled and evicted throughout.

Client and service share the machine: on 2 cores the client's own Python time is part of
what is measured, and so is any other work on the machine; the service's own CPU time per
request (service_cpu_ms_per_request, from /proc) is the figure that load does not move much.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time

import httpx

from _served import served

REPLY = "业主您好，这个我不知道，你等一下，我去问问物业那边，你自己先看看通知吧。请您留下电话号码，我们尽快给您回复，谢谢您的耐心。"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def steady(url: str, rate: float, seconds: float, concurrency: int, cpu) -> dict:
    """Requests due every 1/rate s for `seconds`; latencies from each one's due time, in ms."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    latencies: list[float] = []  # from the request's sending to its answer: the service's time, and the client's
    behind: list[float] = []  # from its due time: also the time the client itself was late in sending it
    failures = 0
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, trust_env=False, timeout=30) as client:
        for _ in range(200):  # warm: connections open, the Linter's lazy parts built
            await client.post("/v1/check", json={"text": REPLY})
        count = int(rate * seconds)
        cpu_before = cpu()
        start = time.perf_counter() + 0.05

        async def one(due: float) -> None:
            nonlocal failures
            async with gate:
                sent = time.perf_counter()
                answer = await client.post("/v1/check", json={"text": REPLY})
                done = time.perf_counter()
            if answer.status_code != 200 or not answer.json()["findings"]:
                failures += 1
            latencies.append((done - sent) * 1000)
            behind.append((done - due) * 1000)

        tasks = []
        for n in range(count):
            due = start + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(due)))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
        service_cpu = cpu() - cpu_before
    return {"requests": count, "achieved_per_s": round(count / elapsed, 1), "failures": failures,
            "service_cpu_ms_per_request": round(service_cpu * 1000 / count, 3), "p50_ms": round(percentile(latencies, 0.50), 2), "p90_ms": round(percentile(latencies, 0.90), 2),
            "p99_ms": round(percentile(latencies, 0.99), 2), "max_ms": round(max(latencies), 2),
            "mean_ms": round(statistics.fmean(latencies), 2),
            "from_due_p50_ms": round(percentile(behind, 0.50), 2), "from_due_p99_ms": round(percentile(behind, 0.99), 2)}


async def many(url: str, total: int, concurrency: int, rss, roles_every: int) -> dict:
    """`total` requests as fast as `concurrency` allows; the service's RSS every 10,000."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    samples = [rss()]
    failures = 0
    sent = 0
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, limits=limits, trust_env=False, timeout=60) as client:
        async def worker() -> None:
            nonlocal sent, failures
            while sent < total:
                n = sent
                sent += 1
                body = {"text": REPLY}
                if roles_every and n % roles_every == roles_every - 1:
                    body["roles"] = {"staff": [f"客服{n}号"]}
                answer = await client.post("/v1/check", json=body)
                if answer.status_code != 200:
                    failures += 1
                if (n + 1) % 10_000 == 0:
                    samples.append(rss())

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {"requests": total, "failures": failures, "per_s": round(total / elapsed), "rss_mb_every_10k":
            [round(kb / 1024, 1) for kb in samples],
            "growth_second_half_mb": round((samples[-1] - samples[len(samples) // 2]) / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--roles-every", type=int, default=100, help="every Nth request names a new role label (0: none)")
    args = parser.parse_args()
    print(f"reply: {len(REPLY)} characters; {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    with served() as service:
        result = asyncio.run(steady(service.url, args.rate, args.seconds, args.concurrency, service.cpu_s))
        print("steady:", json.dumps(result), flush=True)
        if args.requests:
            result = asyncio.run(many(service.url, args.requests, 8, service.rss_kb, args.roles_every))
            print("memory:", json.dumps(result), flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
