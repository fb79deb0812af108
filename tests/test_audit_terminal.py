"""`phraselint audit` as a person runs it: the progress bar on standard error in a real terminal
(a pseudo-terminal) and not otherwise, and Ctrl-C during a `--jobs 2` run — exit 130, the
previous findings table intact, no temporary file, no traceback, no worker left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pytest

from .test_audit import ROWS, write_table

ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
BAR = "Auditing:"  # tqdm's description, then the share done and the bar


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "phraselint", "audit", *args, "--lang", "en"]


@pytest.fixture(scope="module")
def calls(tmp_path_factory) -> Path:
    rows = [dict(r, call_id=f"{r['call_id']}-{n}") for n in range(100) for r in ROWS]
    return write_table(tmp_path_factory.mktemp("tables") / "calls.parquet", rows)


def in_terminal(shell_line: str, cwd: Path) -> str:
    """What a terminal shows of `shell_line` (run by sh in a pseudo-terminal)."""
    child = pexpect.spawn("/bin/sh", ["-c", shell_line], env=ENV, cwd=str(cwd), encoding="utf-8", timeout=120)
    child.expect(pexpect.EOF)
    child.close()
    return child.before


def test_the_progress_bar_is_drawn_on_standard_error_in_a_terminal(calls, tmp_path):
    line = " ".join(command(str(calls), "-o", "f.csv"))
    shown = in_terminal(f"{line} > out.txt", tmp_path)  # standard output elsewhere: what shows is standard error
    assert BAR in shown and "100%" in shown and "600/600" in shown, shown
    assert "\r" in shown  # redrawn in place
    assert "600 turns audited" in shown
    assert (tmp_path / "out.txt").read_text("utf-8") == ""


def test_no_progress_bar_when_standard_error_is_not_a_terminal(calls, tmp_path):
    line = " ".join(command(str(calls), "-o", "f.csv"))
    shown = in_terminal(f"{line} 2> err.txt", tmp_path)  # standard output still the terminal
    err = (tmp_path / "err.txt").read_text("utf-8")
    assert "600 turns audited" in err  # the run's last line, without the bar
    assert BAR not in err and "\r" not in err and "%|" not in err
    assert BAR not in shown and "%|" not in shown


def test_no_progress_bar_with_quiet(calls, tmp_path):
    shown = in_terminal(" ".join(command(str(calls), "-o", "f.csv", "--quiet")), tmp_path)
    assert BAR not in shown and "%|" not in shown and "turns audited" not in shown
    assert (tmp_path / "f.csv").exists()


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid`."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    """Whether `pid` still runs (a zombie, waiting for the init process to reap it, has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("to", ["group", "process"], ids=["ctrl-c-at-a-terminal", "kill-int"])
def test_an_interrupted_jobs_2_audit_leaves_the_previous_output_and_no_worker(tmp_path, to):
    """SIGINT once the findings table is being written and a worker is checking: as Ctrl-C in a
    terminal (to the whole process group, workers too) and as `kill -INT` (the command alone)."""
    rows = [dict(r, call_id=f"{r['call_id']}-{n}") for n in range(5000) for r in ROWS]  # 30,000 turns, 8 chunks
    table = write_table(tmp_path / "calls.parquet", rows)
    output = tmp_path / "findings.csv"
    output.write_text("previous\n", "utf-8")
    process = subprocess.Popen(command(str(table), "-o", str(output), "--summary", str(tmp_path / "summary.csv"),
                                       "--jobs", "2", "--quiet"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV, start_new_session=True)
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            parts = list(tmp_path.glob(".findings.csv.*.part"))
            workers |= children(process.pid)
            if workers and parts and parts[0].stat().st_size > 300:  # past the header: chunks are written
                break
            time.sleep(0.02)
        assert process.poll() is None, "the audit ended before it could be interrupted"
        assert workers, "a worker was checking"
        if to == "group":
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert output.read_text("utf-8") == "previous\n"
    assert not (tmp_path / "summary.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls.parquet", "findings.csv"]  # no temporary file
    ended = time.monotonic() + 10  # the resource tracker leaves when it sees this process gone
    while [pid for pid in workers if alive(pid)] and time.monotonic() < ended:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]
