#!/usr/bin/env python3
"""`phraselint audit`'s own work, apart from the linter's: reading and grouping a table into calls,
and turning checked calls into finding rows and summary counts.

    python bench/audit_own.py bench/out/audit-100000.parquet     # a table from bench/audit_bench.py

The linter's check_text is answered from a memo filled by one real pass over the table (its CPU
time is printed as `checked_cpu_s`: checking plus the audit's own work), so that the timed
passes (best of 7, CPU seconds of this process) run only the audit's code: `read_group` (both
passes over the table, calls grouped and chunked) and `audit_calls` (chunks to rows and counts,
including building each call's transcript). Run it from two trees in turn (PYTHONPATH=TREE)
to compare them on a shared machine: CPU time moves less than wall time under load.
"""

from __future__ import annotations

import json
import sys
import time

from phraselint import Linter
from phraselint.audit import calls as audit_calls_module
from phraselint.audit import run
from phraselint.model import Level

COLUMNS = {name: name for name in ("call_id", "turn", "role", "text", "agent_id", "team", "timestamp")}


def main(table: str) -> int:
    linter = Linter()
    real = linter.check_text
    memo: dict = {}

    def remembered(text: str, **options):
        key = (text, options.get("kind"))
        report = memo.get(key)
        if report is None:
            report = memo[key] = real(text, **options)
        return report

    linter.check_text = remembered  # type: ignore[method-assign]

    def read() -> list:
        ends, _ = run._ends((table,), COLUMNS)
        return list(run._chunks(run._calls((table,), COLUMNS, ends, lambda bad: None)))

    chunks = read()
    options = {"level": Level.SUGGESTION, "kind": None, "roleless": frozenset()}
    facts = audit_calls_module.RuleFacts(linter)

    def audit() -> None:
        for chunk in chunks:
            audit_calls_module.audit_calls(linter, chunk, facts=facts, **options)

    started = time.process_time()
    audit()  # fills the memo
    out = {"turns": sum(len(rows) for chunk in chunks for _, rows in chunk), "checked_cpu_s": round(time.process_time() - started, 3)}
    for name, work in (("read_group", read), ("audit_calls", audit)):
        best = float("inf")
        for _ in range(7):
            started = time.process_time()
            work()
            best = min(best, time.process_time() - started)
        out[f"{name}_cpu_s"] = round(best, 3)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
