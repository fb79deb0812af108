"""`phraselint serve` started for a bench script: on a free loopback port, stopped at the end."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from typing import Iterator


class Served:
    def __init__(self, process: subprocess.Popen, url: str, log: list[str]):
        self.process, self.url, self.log = process, url, log

    def cpu_s(self) -> float:
        """The service process's CPU time (user + system, Linux /proc), in seconds."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_kb(self) -> int:
        """The service process's resident memory (Linux /proc), in KB."""
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@contextlib.contextmanager
def served(*args: str) -> Iterator[Served]:
    process = subprocess.Popen([sys.executable, "-m", "phraselint", "serve", "--port", "0", *args],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, encoding="utf-8")
    log: list[str] = []
    try:
        deadline = time.monotonic() + 120
        url = None
        while url is None and time.monotonic() < deadline:
            line = process.stderr.readline()
            if not line:
                raise SystemExit(f"phraselint serve ended before listening:\n{''.join(log)}")
            log.append(line)
            found = re.search(r"(http://127\.0\.0\.1:\d+)/", line)
            url = found.group(1) if found else None
        if url is None:
            raise SystemExit("phraselint serve did not start within two minutes")
        yield Served(process, url, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
