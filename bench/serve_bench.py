#!/usr/bin/env python3
"""`phraselint serve` under load on loopback: latency at a steady request rate, and memory over
many requests.

    python bench/serve_bench.py                      # 200 requests/s for 30 s, then 100,000 requests
    python bench/serve_bench.py --rate 200 --seconds 30 --requests 100000

Latency: one 61-character reply POSTed to /v1/check at a fixed rate (open loop: each request
is due at its own time, whether or not earlier ones have been answered) by an asyncio client
holding at most --concurrency keep-alive connections; each latency is counted from sending to
the whole answer read (p50_ms, p99_ms), and again from the moment the request was due
(from_due_*), so that a client falling behind shows in the figures instead of hiding them.
The client writes HTTP/1.1 itself on asyncio streams (a few dozen microseconds a request):
httpx's AsyncClient costs about a millisecond of CPU a request, which on 2 cores is taken from
the service being measured (--client httpx measures with it instead). Memory: the service's
resident set (/proc) sampled every 10,000 of --requests sent by 8 connections as fast as they
go; every 100th (--roles-every) names a new role label, so that the service's table of
Linters per set of roles is filled and evicted throughout.

Client and service share the machine, and so does any other work on it; the service's own CPU
time per request (service_cpu_ms_per_request, from /proc) is the figure that load moves least.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import sys
import time
from urllib.parse import urlsplit

from _served import served

REPLY = "业主您好，这个我不知道，你等一下，我去问问物业那边，你自己先看看通知吧。请您留下电话号码，我们尽快给您回复，谢谢您的耐心。"
_LENGTH = re.compile(rb"\r\ncontent-length: *(\d+)", re.I)


class Connection:
    """One keep-alive HTTP/1.1 connection: a POST of JSON, its status and body."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str):
        self.reader, self.writer, self.host = reader, writer, host

    @classmethod
    async def open(cls, url: str) -> Connection:
        parts = urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        return cls(reader, writer, parts.netloc)

    async def post(self, path: str, body: dict) -> tuple[int, bytes]:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.writer.write(b"POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                          % (path.encode(), self.host.encode(), len(data), data))
        head = await self.reader.readuntil(b"\r\n\r\n")
        return int(head.split(b" ", 2)[1]), await self.reader.readexactly(int(_LENGTH.search(head).group(1)))

    def close(self) -> None:
        self.writer.close()


class HttpxConnection:
    """The same through httpx's AsyncClient (--client httpx)."""

    def __init__(self, client):
        self.client = client

    @classmethod
    async def open(cls, url: str) -> HttpxConnection:
        import httpx

        return cls(httpx.AsyncClient(base_url=url, trust_env=False, timeout=60))

    async def post(self, path: str, body: dict) -> tuple[int, bytes]:
        answer = await self.client.post(path, json=body)
        return answer.status_code, answer.content

    def close(self) -> None:
        asyncio.get_running_loop().create_task(self.client.aclose())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def steady(url: str, rate: float, seconds: float, concurrency: int, cpu, kind) -> dict:
    """Requests due every 1/rate s for `seconds`; latencies in ms."""
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(concurrency):
        pool.put_nowait(await kind.open(url))
    latencies: list[float] = []  # from the request's sending to its answer: the service's time, and the client's
    behind: list[float] = []  # from its due time: also the time the client itself was late in sending it
    failures = 0
    for _ in range(200):  # warm: connections open
        connection = await pool.get()
        await connection.post("/v1/check", {"text": REPLY})
        pool.put_nowait(connection)
    count = int(rate * seconds)

    async def one(due: float) -> None:
        nonlocal failures
        connection = await pool.get()
        sent = time.perf_counter()
        status, body = await connection.post("/v1/check", {"text": REPLY})
        done = time.perf_counter()
        pool.put_nowait(connection)
        if status != 200 or b'"inquiry.dont-know"' not in body:
            failures += 1
        latencies.append((done - sent) * 1000)
        behind.append((done - due) * 1000)

    cpu_before = cpu()
    start = time.perf_counter() + 0.05
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
    while not pool.empty():
        pool.get_nowait().close()
    return {"requests": count, "achieved_per_s": round(count / elapsed, 1), "failures": failures,
            "service_cpu_ms_per_request": round(service_cpu * 1000 / count, 3),
            "p50_ms": round(percentile(latencies, 0.50), 2), "p90_ms": round(percentile(latencies, 0.90), 2),
            "p99_ms": round(percentile(latencies, 0.99), 2), "max_ms": round(max(latencies), 2),
            "mean_ms": round(statistics.fmean(latencies), 2),
            "from_due_p50_ms": round(percentile(behind, 0.50), 2), "from_due_p99_ms": round(percentile(behind, 0.99), 2)}


async def many(url: str, total: int, rss, roles_every: int, kind) -> dict:
    """`total` requests as fast as 8 connections go; the service's RSS every 10,000."""
    samples = [rss()]
    failures = 0
    sent = 0
    started = time.perf_counter()

    async def worker() -> None:
        nonlocal sent, failures
        connection = await kind.open(url)
        try:
            while sent < total:
                n = sent
                sent += 1
                body: dict = {"text": REPLY}
                if roles_every and n % roles_every == roles_every - 1:
                    body["roles"] = {"staff": [f"客服{n}号"]}
                status, _ = await connection.post("/v1/check", body)
                if status != 200:
                    failures += 1
                if (n + 1) % 10_000 == 0:
                    samples.append(rss())
        finally:
            connection.close()

    await asyncio.gather(*(worker() for _ in range(8)))
    elapsed = time.perf_counter() - started
    return {"requests": total, "failures": failures, "per_s": round(total / elapsed),
            "rss_mb_every_10k": [round(kb / 1024, 1) for kb in samples],
            "growth_second_half_mb": round((samples[-1] - samples[len(samples) // 2]) / 1024, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--roles-every", type=int, default=100, help="every Nth request names a new role label (0: none)")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw")
    args = parser.parse_args()
    kind = Connection if args.client == "raw" else HttpxConnection
    print(f"reply: {len(REPLY)} characters; {platform.python_implementation()} {platform.python_version()}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the start; client: {args.client}", flush=True)
    with served() as service:
        result = asyncio.run(steady(service.url, args.rate, args.seconds, args.concurrency, service.cpu_s, kind))
        print("steady:", json.dumps(result), flush=True)
        if args.requests:
            result = asyncio.run(many(service.url, args.requests, service.rss_kb, args.roles_every, kind))
            print("memory:", json.dumps(result), flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
