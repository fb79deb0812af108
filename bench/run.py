#!/usr/bin/env python3
"""The phraselint benchmark: one command, one table, one JSON file.

    python bench/run.py                   # everything: 1MB, 10MB and 100MB corpora (about 2 minutes today)
    python bench/run.py --quick           # 1MB only, one repetition, a 100-file folder (about 30 seconds)
    python bench/run.py --sizes 1MB,10MB  # some sizes
    python bench/run.py --sizes none --dense-sizes 1MB --skip cli,folder,cold   # the dense corpus's ratio only

Measures, each in its own process (so that peak RSS is per measurement):
  (a) a naive pipeline: OpenCC t2s over the whole text, jieba.lcut(HMM=False) over the whole
      text, then each normalised phrase literal of phraselint's automaton searched as a run of
      whole tokens;
  (b) the ceiling: the raw automaton.iter() scan of the same literals over the raw text;
  (c) phraselint: Linter().check_text() (one core) and `phraselint check --format json`;
      (b) and (c) also on the dense corpus (a call-centre transcript export, bench/generate.py --dense);
  (d) the CLI on a folder of 1,000 small files, --jobs 1 against --jobs 2 (when --jobs exists);
  (e) start-up: one reply through `phraselint check -` against `python3 -c pass` and jieba's start;
  (f) agreement of (a)'s matches with (c)'s findings, with the reasons for the differences.
Missing corpora are generated with bench/generate.py. Writes bench/out/results.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
WORK = OUT / "tmp"
sys.path.insert(0, str(BENCH))

from generate import GENERATOR_VERSION, parse_size, size_label  # noqa: E402

NAIVE_LIMIT = 10 * 10**6  # bytes: the naive pipeline runs up to this size (about 0.5 MB/s)
TIMEOUT = 3 * 3600  # seconds, per process
CLEAN_REPLY = "您好，您反映的水管漏水问题已经登记，维修师傅今天下午三点前上门，请您家中留人。"
BAD_REPLY = "这个我不知道，您等一下。"  # 不知道 (error) and 您等一下 (warning)
JIEBA_START = "import logging, jieba; jieba.setLogLevel(logging.CRITICAL); jieba.initialize()"


def progress(message: str) -> None:
    print(f"  .. {message}", file=sys.stderr, flush=True)


# --- processes ------------------------------------------------------------------------------

class Run:
    def __init__(self, seconds: float, returncode: int, maxrss_mib: float, stdout: str, stderr: str):
        self.seconds, self.returncode, self.maxrss_mib = seconds, returncode, maxrss_mib
        self.stdout, self.stderr = stdout, stderr


# Peak RSS of a child comes from wait4's ru_maxrss. On Linux that figure never goes below the
# RSS of the process that forked the child (the forked copy's high-water mark survives exec),
# so the harness, which grows while it works, does not start measured commands itself: a
# small launcher (`python -S`, about 5 MiB) forks and execs each one, times it and reports.
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as out:
    out.write(f"{seconds} {os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""


def run_process(command: list[str], *, stdin: bytes | None = None, stdout_to_null: bool = False,
                env: dict | None = None) -> Run:
    """Run `command` through the launcher: wall time from fork to exit, exit code, and the peak
    RSS of that process (ru_maxrss: the largest of the process and the children it waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r", suffix=".rusage", dir=WORK) as report:
        process = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, report.name, *command],
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.DEVNULL if stdout_to_null else out, stderr=err, env=env, cwd=ROOT,
            start_new_session=True,
        )
        timer = threading.Timer(TIMEOUT, lambda: os.killpg(process.pid, 9))
        timer.start()
        try:
            if stdin is not None:
                process.stdin.write(stdin)
                process.stdin.close()
            process.wait()
        finally:
            timer.cancel()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
        fields = report.read().split()
        if process.returncode != 0 or len(fields) != 3:
            raise RuntimeError(f"launcher failed ({process.returncode}) for {shlex.join(command)}:\n{stderr[-3000:]}")
        return Run(float(fields[0]), int(fields[1]), int(fields[2]) / 1024, stdout, stderr)


def launcher_floor() -> float:
    """The lowest peak RSS the launcher can report (that of /bin/true run through it)."""
    return run_process(["true"]).maxrss_mib


def worker(*arguments: str) -> tuple[dict, Run]:
    run = run_process([sys.executable, str(BENCH / "_worker.py"), *arguments])
    if run.returncode != 0:
        raise RuntimeError(f"_worker.py {' '.join(arguments)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return json.loads(run.stdout.strip().splitlines()[-1]), run


def phraselint_command() -> list[str]:
    beside = Path(sys.executable).parent / "phraselint"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("phraselint")
    return [found] if found else [sys.executable, "-m", "phraselint"]


# --- the machine and the code -----------------------------------------------------------

def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def git(*arguments: str) -> str:
    try:
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def header(command: str) -> dict:
    import phraselint

    changed = git("status", "--porcelain", "--", "phraselint", "rules")
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": command,
        "interpreter": sys.executable,
        "python": platform.python_version(),
        "cores": os.cpu_count(),
        "cpu": cpu_model(),
        "memory": memory_total(),
        "platform": platform.platform(),
        "phraselint": phraselint.__version__,
        # start-up depends on it: an editable install under PYTHONDONTWRITEBYTECODE compiles every module at every start
        "installed_from": "site-packages (regular install)" if "site-packages" in Path(phraselint.__file__).parts else "this checkout (editable)",
        "bytecode_writing": "off (PYTHONDONTWRITEBYTECODE)" if sys.dont_write_bytecode else "on",
        "git_commit": git("rev-parse", "--short", "HEAD"),
        "engine_uncommitted_changes": len(changed.splitlines()) if changed else 0,
        "cache_dir": os.environ.get("PHRASELINT_CACHE_DIR", "(default user cache folder)"),
    }


# --- corpora ---------------------------------------------------------------------------------

def ensure_corpus(size: int, seed: int, *, dense: bool = False) -> tuple[Path, dict]:
    """The generated corpus of that size (the dense transcript one with dense=True), made anew when
    it is missing or was made with another seed or generator."""
    path = OUT / f"{'dense' if dense else 'corpus'}-{size_label(size)}.txt"
    meta = path.with_name(path.name + ".json")
    info = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() and path.exists() else {}
    if info.get("seed") != seed or info.get("generator") != GENERATOR_VERSION or info.get("bytes") != path.stat().st_size:
        progress(f"generating {path.name}")
        subprocess.run([sys.executable, str(BENCH / "generate.py"), *(["--dense"] if dense else []),
                        "--size", size_label(size), "--seed", str(seed)], check=True, cwd=ROOT, stdout=sys.stderr)
        info = json.loads(meta.read_text(encoding="utf-8"))
    return path, info


def ensure_folder(name: str, files: int, size: int, seed: int) -> tuple[Path, dict]:
    folder = OUT / name
    meta = OUT / f"{name}.json"
    info = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() and folder.is_dir() else {}
    present = len(list(folder.glob("*.txt"))) if folder.is_dir() else 0
    if (info.get("seed"), info.get("files"), info.get("size"), info.get("generator"), present) != (seed, files, size, GENERATOR_VERSION, files):
        progress(f"generating {folder.relative_to(ROOT)}/ ({files} files)")
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--files", str(files), "--size", size_label(size),
                        "--seed", str(seed), "--folder", name], check=True, cwd=ROOT, stdout=sys.stderr)
        info = json.loads(meta.read_text(encoding="utf-8"))
    return folder, info


# --- measurements ---------------------------------------------------------------------------

def mbps(nbytes: int, seconds: float | None) -> float | None:
    return nbytes / 10**6 / seconds if seconds else None


def row(section: str, pipeline: str, input_name: str, nbytes: int, seconds: list[float], count, rss: list[float],
        notes: str, **extra) -> dict:
    median = statistics.median(seconds) if seconds else None
    return {"section": section, "pipeline": pipeline, "input": input_name, "bytes": nbytes,
            "seconds": median, "runs_seconds": [round(s, 4) for s in seconds], "mb_per_s": mbps(nbytes, median),
            "count": count, "peak_rss_mib": max(rss) if rss else None, "notes": notes, **extra}


def _worker_run(pipeline: str, what: str, path: Path, index: int, repeat: int, dump: Path | None,
                extra_args: tuple[str, ...] = ()) -> dict:
    progress(f"{pipeline} on {path.name} (run {index + 1}/{repeat})")
    arguments = [what, str(path), *extra_args]
    if dump is not None and index == 0:
        arguments += ["--dump", str(dump)]
    result, run = worker(*arguments)
    result["process_seconds"] = run.seconds
    result["rss_mib"] = result.get("vm_hwm_mib") or run.maxrss_mib
    return result


def measure_worker(section: str, pipeline: str, what: str, path: Path, nbytes: int, repeat: int,
                   dump: Path | None = None, extra_args: tuple[str, ...] = ()) -> tuple[dict, list[dict]]:
    results = [_worker_run(pipeline, what, path, index, repeat, dump, extra_args) for index in range(repeat)]
    return summarise(section, pipeline, what, path, nbytes, results, repeat), results


CEILING = ("(b)", "ceiling: raw automaton.iter", "ceiling")
LIBRARY = ("(c)", "phraselint library, 1 core", "library")


def measure_paired(path: Path, nbytes: int, repeat: int, dump: Path | None) -> tuple[dict, dict, float]:
    """The ceiling and the library run turn about, and their ratio is the median of each pair's:
    on a shared machine whose speed drifts by tens of percent within minutes, two medians taken
    a minute apart compare the machine's moods as much as the two pipelines."""
    ceilings, libraries = [], []
    for index in range(repeat):
        ceilings.append(_worker_run(CEILING[1], CEILING[2], path, index, repeat, None))
        libraries.append(_worker_run(LIBRARY[1], LIBRARY[2], path, index, repeat, dump))
    pairs = [c["seconds"] / l["seconds"] for c, l in zip(ceilings, libraries) if c["seconds"] and l["seconds"]]
    return (summarise(*CEILING, path, nbytes, ceilings, repeat), summarise(*LIBRARY, path, nbytes, libraries, repeat),
            statistics.median(pairs) if pairs else None)


def summarise(section: str, pipeline: str, what: str, path: Path, nbytes: int, results: list[dict], repeat: int) -> dict:
    first = results[0]
    count = first.get("matches", first.get("findings"))
    counts = {r.get("matches", r.get("findings")) for r in results}
    notes = []
    if what == "naive":
        phases = {k: statistics.median(r["phases"][k] for r in results) for k in first["phases"]}
        notes.append("t2s {t2s:.1f}s + jieba {jieba:.1f}s + match {match:.1f}s".format(**phases))
        notes.append(f"{first['keys']} literals")
    elif what == "ceiling":
        notes.append(f"{first['keys']} literals, raw text, no verification")
    else:
        notes.append(first["mode"])
        notes.extend(first.get("notes", []))
        notes.append("levels " + ", ".join(f"{k} {v}" for k, v in sorted(first["levels"].items())))
    setup = f"setup {statistics.median(r['setup_seconds'] for r in results):.2f}s"
    if "warm_up_seconds" in first:
        setup += f" + warm-up call {statistics.median(r['warm_up_seconds'] for r in results):.2f}s"
    notes.append(setup + " not timed")
    if len(counts) > 1:
        notes.append(f"counts differ between runs: {sorted(counts)}")
    return row(section, pipeline, path.name, nbytes, [r["seconds"] for r in results], count,
               [r["rss_mib"] for r in results], "; ".join(notes), repeat=repeat)


def measure_cli(section: str, path: Path, nbytes: int, repeat: int, extra: tuple[str, ...] = (),
                label: str = "phraselint CLI", note: str = "") -> dict:
    command = phraselint_command() + ["check", "--format", "json", "--fail-level", "error", *extra, str(path)]
    seconds, rss, codes = [], [], []
    for index in range(repeat):
        progress(f"{label} {' '.join(extra)} on {path.name} (run {index + 1}/{repeat})".replace("  ", " "))
        run = run_process(command, stdout_to_null=True)
        if run.returncode not in (0, 1):
            raise RuntimeError(f"{shlex.join(command)} exited {run.returncode}:\n{run.stderr[-3000:]}")
        seconds.append(run.seconds)
        rss.append(run.maxrss_mib)
        codes.append(run.returncode)
    shown = "phraselint check --format json --fail-level error " + " ".join(extra) + (" " if extra else "") + str(path.relative_to(ROOT))
    notes = f"wall time incl. start-up, output to /dev/null; exit {sorted(set(codes))}" + (f"; {note}" if note else "")
    return row(section, label, path.name if path.is_file() else str(path.relative_to(ROOT)) + "/", nbytes, seconds,
               None, rss, notes, command=shown, repeat=repeat)


def cli_findings(path: Path) -> int | None:
    """The CLI's own count (untimed run): checks that it agrees with the library."""
    run = run_process(phraselint_command() + ["check", "--format", "json", "--fail-level", "error", str(path)])
    try:
        return json.loads(run.stdout)["summary"]["findings"]
    except (ValueError, KeyError):
        return None


def has_jobs_option() -> bool:
    run = run_process(phraselint_command() + ["check", "--help"])
    return re.search(r"(^|\s)--jobs\b", run.stdout) is not None


def cold_start(runs: int) -> dict:
    """Medians of `runs` runs of each command, interleaved (round robin), caches warmed first."""
    python = sys.executable
    commands = {
        "python3 -c pass": ([python, "-c", "pass"], None),
        "python3 -c 'import jieba; jieba.initialize()'": ([python, "-c", JIEBA_START], None),
        "printf '<clean reply>' | phraselint check -": (phraselint_command() + ["check", "-"], CLEAN_REPLY.encode()),
        "printf '<reply, 2 violations>' | phraselint check -": (phraselint_command() + ["check", "-"], BAD_REPLY.encode()),
    }
    progress("warming caches: one untimed run of each command")
    expected_codes = {}
    for name, (command, stdin) in commands.items():
        warm = run_process(command, stdin=stdin)
        expected_codes[name] = warm.returncode
    check = run_process(phraselint_command() + ["check", "--format", "json", "-"], stdin=BAD_REPLY.encode())
    try:
        bad_findings = json.loads(check.stdout)["summary"]["findings"]
    except (ValueError, KeyError):
        bad_findings = None
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    for index in range(runs):
        progress(f"start-up, round {index + 1}/{runs}")
        for name, (command, stdin) in commands.items():
            run = run_process(command, stdin=stdin, stdout_to_null=True)
            if run.returncode != expected_codes[name]:
                raise RuntimeError(f"{name} exited {run.returncode} (warm-up: {expected_codes[name]}): {run.stderr[-2000:]}")
            times[name].append(run.seconds)
            rss[name].append(run.maxrss_mib)
    table = []
    for name in commands:
        table.append({"command": name, "median_ms": statistics.median(times[name]) * 1000,
                      "min_ms": min(times[name]) * 1000, "max_ms": max(times[name]) * 1000,
                      "peak_rss_mib": statistics.median(rss[name]), "runs": runs,
                      "exit_code": expected_codes[name], "runs_ms": [round(t * 1000, 1) for t in times[name]]})
    return {"runs": runs, "clean_reply": CLEAN_REPLY, "bad_reply": BAD_REPLY, "bad_reply_findings": bad_findings,
            "commands": table}


# --- (f) agreement --------------------------------------------------------------------------

def _covered(length: int, spans) -> bytearray:
    mask = bytearray(length + 1)
    for start, end in spans:
        end = max(end, start + 1)
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _excerpt(text: str, start: int, end: int, width: int = 14) -> str:
    left = text[max(0, start - width):start].split("\n")[-1]
    right = text[end:end + width].split("\n")[0]
    return f"{left}[{text[start:end]}]{right}".replace("\n", "⏎")


def _fold_only(a: str, b: str) -> bool:
    """True when a and b differ only by width or case folding (full-width ？ against ?)."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        fx = chr(ord(x) - 0xFEE0) if 0xFF01 <= ord(x) <= 0xFF5E else (" " if x == "\u3000" else x)
        if fx.lower() != y.lower():
            return False
    return True


def agreement(path: Path, naive_dump: Path, library_dump: Path, examples: int = 4) -> dict:
    from phraselint import Linter
    from phraselint.engine.candidates import Candidate
    from phraselint.text.normalise import normalise

    text = path.read_text(encoding="utf-8")
    naive = json.loads(naive_dump.read_text(encoding="utf-8"))
    findings = json.loads(library_dump.read_text(encoding="utf-8"))["findings"]
    matches = [tuple(m) for m in naive["matches"]]
    converted = naive["converted"]
    token_starts = set(naive["token_starts"])
    norm = normalise(text)
    same_offsets = len(converted) == len(text) and len(norm.text) == len(text)
    notes = []
    if not same_offsets:
        notes.append("the naive conversion or phraselint's normalisation changed the text's length: "
                     "spans are compared as they are, some differences may be offset artefacts")

    linter = Linter()
    compiled = linter.compiled
    rules = {rule.id: rule for rule in compiled.rules}
    targets_of = dict(compiled.automaton.items())

    naive_spans = {(s, e) for s, e, _ in matches}
    finding_mask = _covered(len(text), ((f[0], f[1]) for f in findings))
    naive_mask = _covered(len(text), naive_spans)
    equal = [f for f in findings if (f[0], f[1]) in naive_spans]
    finding_only = [f for f in findings if 1 not in naive_mask[f[0]:max(f[1], f[0] + 1)]]
    naive_only = [m for m in matches if 1 not in finding_mask[m[0]:m[1]]]

    # why phraselint has no finding where the naive pipeline matched: ask phraselint's own verifier
    try:
        from phraselint.engine.verify import explain
        from phraselint.engine.quotes import QuoteIndex
        quotes = QuoteIndex(norm.text)
        judged = {verdict.candidate: verdict for verdict in explain(compiled, norm.text, linter.segmenter)}
    except Exception as exc:  # the engine's internals changed: reasons become coarser
        judged = None
        notes.append(f"phraselint's verifier could not be used for reasons ({type(exc).__name__}: {exc})")

    def naive_reason(start: int, end: int, key: str) -> str:
        if norm.text[start:end] != key:
            what = "width/case folding" if _fold_only(converted[start:end], norm.text[start:end]) else "t2s conversion"
            return f"{what} differs: naive 「{key}」, phraselint normalised 「{norm.text[start:end]}」"
        if judged is None:
            return "no finding (reason unknown)"
        verdicts, context_drop = [], None
        try:
            for pattern_index, length, before, after in targets_of.get(key, ()):
                candidate = Candidate(pattern_index, start + before, end - after, start, end)
                rule_index = compiled.patterns[pattern_index].rule_index
                if rule_index not in linter._active:
                    verdicts.append("rule not active by default")
                    continue
                _, hit, verdict = judged[candidate]
                if hit is not None:
                    if quotes.enclosing(hit.start, hit.end) is not None:
                        context_drop = "verified by phraselint, then dropped in context: inside quotation marks (a quoted mention)"
                    else:
                        context_drop = ("verified by phraselint, then dropped in context: a transcript turn that is not "
                                        "staff's, or a longer overlapping hit")
                    break
                verdicts.append(verdict)
        except Exception as exc:  # pragma: no cover - engine changed shape
            return f"no finding (verifier failed: {type(exc).__name__})"
        if context_drop:
            return context_drop
        if not verdicts:
            return "not a key of phraselint's automaton"
        unique = sorted(set(verdicts))
        return ("rejected by phraselint's verifier: " if len(unique) == 1 else "rejected by phraselint's verifier (per phrase of the literal): ") + " / ".join(unique)

    def finding_reason(finding: list) -> str:
        start, end, rule_id = finding[0], finding[1], finding[2]
        rule = rules.get(rule_id)
        if rule is not None and rule.type == "require":
            return "required wording missing (a require rule: no phrase literal for the naive pipeline)"
        if converted[start:end] != norm.text[start:end]:
            what = "width/case folding" if _fold_only(converted[start:end], norm.text[start:end]) else "t2s conversion"
            return f"{what} differs: naive 「{converted[start:end]}」, phraselint normalised 「{norm.text[start:end]}」"
        if start not in token_starts or end not in token_starts:
            boundary = getattr(rule, "boundary", "word")
            if boundary != "word":
                return ("rule has boundary: none (phraselint checks no word boundary); "
                        "the naive whole-text jieba cut puts the span inside a longer token")
            return "jieba over the whole text cuts inside the span (phraselint segments a window around it)"
        return "other (the span is whole tokens, yet no literal matched there)"

    def group(items, reason_of, describe):
        reasons: Counter = Counter()
        shown: dict[str, list[str]] = {}
        for item in items:
            reason = reason_of(item)
            # group by the kind of reason (the quoted text varies)
            kind = re.sub(r"「[^」]*」", "「…」", reason)
            reasons[kind] += 1
            example = describe(item, reason)
            distinct = example.split(": ", 1)[1]  # the same item recurs in the corpus: show each text once
            listed = shown.setdefault(kind, [])
            if len(listed) < examples and not any(e.split(": ", 1)[1] == distinct for e in listed):
                listed.append(example)
        return [{"reason": kind, "count": count, "examples": shown[kind]} for kind, count in reasons.most_common()]

    def describe_naive(match, reason):
        start, end, key = match
        line = text.count("\n", 0, start) + 1
        return f"line {line}: {_excerpt(text, start, end)}  literal 「{key}」 — {reason}"

    def describe_finding(finding, reason):
        start, end, rule_id, level = finding[0], finding[1], finding[2], finding[3]
        line = text.count("\n", 0, start) + 1
        return f"line {line}: {_excerpt(text, start, end)}  {rule_id} ({level}) — {reason}"

    # where the naive t2s text and phraselint's normalised text differ at all
    conversion: Counter = Counter()
    folding = 0
    if same_offsets:
        for original, naive_char, phraselint_char in zip(text, converted, norm.text):
            if naive_char != phraselint_char:
                if _fold_only(naive_char, phraselint_char):
                    folding += 1
                else:
                    conversion[f"{original}→{naive_char} (OpenCC t2s) / {phraselint_char} (phraselint)"] += 1

    progress(f"agreement: explaining {len(naive_only)} naive-only matches and {len(finding_only)} phraselint-only findings")
    naive_groups = group(naive_only, lambda m: naive_reason(*m), describe_naive)
    finding_groups = group(finding_only, finding_reason, describe_finding)
    return {
        "input": path.name, "bytes": path.stat().st_size, "notes": notes,
        "naive_matches": len(matches), "findings": len(findings),
        "findings_equal_to_a_naive_match": len(equal),
        "findings_overlapping_a_naive_match": len(findings) - len(finding_only),
        "findings_without_overlapping_naive_match": len(finding_only),
        "naive_matches_overlapping_a_finding": len(matches) - len(naive_only),
        "naive_matches_without_overlapping_finding": len(naive_only),
        "naive_only_by_literal": Counter(m[2] for m in naive_only).most_common(10),
        "findings_only_by_rule": Counter(f[2] for f in finding_only).most_common(10),
        "characters_differing_by_width_or_case_folding": folding,
        "characters_differing_by_t2s_conversion": sum(conversion.values()),
        "t2s_differences": conversion.most_common(12),
        "naive_only_reasons": naive_groups,
        "findings_only_reasons": finding_groups,
    }


# --- output ---------------------------------------------------------------------------------

def fmt(value, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def render(results: dict) -> str:
    out = []
    meta = results["machine"]
    out.append("## Throughput")
    rows = []
    for r in results["rows"]:
        rows.append([r["section"] + " " + r["pipeline"], r["input"], fmt(r["mb_per_s"], 3), fmt(r["count"]),
                     fmt(r["peak_rss_mib"], 0), r["notes"]])
    out.append(table(["pipeline", "input", "MB/s", "findings/matches", "peak RSS MiB", "notes"], rows, right={2, 3, 4}))
    out.append("MB = 10^6 bytes of UTF-8. MB/s of (a), (b) and (c) library: processing only, median of the runs (not timed: "
               "imports, building the matcher, reading the file in one go, and one warm-up call on ~100K characters of other "
               "text that loads what is loaded lazily); CLI: wall time of the whole process.")
    if results["ratios"]:
        out.append("\n## Ratios (MB/s over MB/s)")
        out.append(table(["ratio", "input", "value", "notes"],
                         [[r["ratio"], r["input"], f"{r['value']:.3g}x" if r["value"] else "-", r["notes"]] for r in results["ratios"]],
                         right={2}))
    folder = results.get("folder")
    if folder:
        out.append("\n## (d) Folder: " + folder["description"])
        out.append(table(["run", "wall s", "MB/s", "peak RSS MiB", "notes"],
                         [[r["command"], fmt(r["seconds"], 2), fmt(r["mb_per_s"], 3), fmt(r["peak_rss_mib"], 0), r["notes"]]
                          for r in folder["rows"]], right={1, 2, 3}))
        for note in folder["notes"]:
            out.append(note)
    cold = results.get("cold_start")
    if cold:
        out.append(f"\n## (e) Start-up: median of {cold['runs']} runs each, interleaved, caches warm "
                   f"(one untimed run of each command first; phraselint cache {meta['cache_dir']})")
        out.append(table(["command", "median ms", "min ms", "max ms", "peak RSS MiB", "exit"],
                         [[c["command"], fmt(c["median_ms"], 0), fmt(c["min_ms"], 0), fmt(c["max_ms"], 0),
                           fmt(c["peak_rss_mib"], 0), str(c["exit_code"])] for c in cold["commands"]], right={1, 2, 3, 4, 5}))
        out.append(f"clean reply: {cold['clean_reply']}\nreply with violations: {cold['bad_reply']} "
                   f"({cold['bad_reply_findings']} findings in JSON output). The reply is written to the process's "
                   f"standard input by the harness (as printf | would); python3 is {sys.executable}.")
    agree = results.get("agreement")
    if agree:
        out.append(f"\n## (f) Agreement of (a) naive matches with (c) phraselint findings on {agree['input']}")
        for note in agree["notes"]:
            out.append("note: " + note)
        out.append(table(["", "count"], [
            ["naive matches", fmt(agree["naive_matches"])],
            ["phraselint findings (all levels)", fmt(agree["findings"])],
            ["findings whose span equals a naive match", fmt(agree["findings_equal_to_a_naive_match"])],
            ["findings overlapping a naive match", fmt(agree["findings_overlapping_a_naive_match"])],
            ["findings with no overlapping naive match", fmt(agree["findings_without_overlapping_naive_match"])],
            ["naive matches overlapping a finding", fmt(agree["naive_matches_overlapping_a_finding"])],
            ["naive matches with no overlapping finding", fmt(agree["naive_matches_without_overlapping_finding"])],
        ], right={1}))
        out.append(f"\nnaive t2s text against phraselint's normalised text, character by character: "
                   f"{agree['characters_differing_by_t2s_conversion']:,} differ by conversion, "
                   f"{agree['characters_differing_by_width_or_case_folding']:,} by width/case folding (phraselint folds, the naive pipeline does not)")
        if agree["t2s_differences"]:
            out.append("  conversion differences: " + ", ".join(f"{k} ×{v}" for k, v in agree["t2s_differences"]))
        out.append("naive matches with no overlapping finding, by literal: "
                   + ", ".join(f"{k} {v}" for k, v in agree["naive_only_by_literal"]))
        for group in agree["naive_only_reasons"]:
            out.append(f"  [{group['count']}] {group['reason']}")
            out.extend(f"      {e}" for e in group["examples"])
        out.append("findings with no overlapping naive match, by rule: "
                   + ", ".join(f"{k} {v}" for k, v in agree["findings_only_by_rule"]))
        for group in agree["findings_only_reasons"]:
            out.append(f"  [{group['count']}] {group['reason']}")
            out.extend(f"      {e}" for e in group["examples"])
    if results["not_measured"]:
        out.append("\n## Not measured")
        out.extend(f"- {n}" for n in results["not_measured"])
    out.append(f"\nTotal benchmark time {results['elapsed_seconds'] / 60:.1f} min. Results: {results['results_file']}")
    return "\n".join(out)


# --- main -----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1MB,10MB,100MB", help="corpus sizes, comma-separated (default 1MB,10MB,100MB)")
    parser.add_argument("--quick", action="store_true", help="development: 1MB only, one run each, a 100-file folder, 10 start-up rounds")
    parser.add_argument("--dense-sizes", default="1MB", help="dense transcript corpora, comma-separated, or none (default 1MB)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--repeat", type=int, help="runs per throughput measurement (default: 3 up to 10MB, 1 above, the naive pipeline once on 10MB; 1 with --quick)")
    parser.add_argument("--cold-runs", type=int, help="start-up runs per command (default 15; 10 with --quick; at least 10)")
    parser.add_argument("--agreement-size", help="corpus for (f) (default: 10MB when measured, else the largest measured up to 10MB)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: naive, ceiling, library, cli, folder, cold, agreement")
    args = parser.parse_args(argv)

    began = time.perf_counter()
    sizes = [parse_size("1MB")] if args.quick else sorted({parse_size(s) for s in args.sizes.split(",")
                                                           if s.strip() and s.strip() != "none"})
    dense_sizes = sorted({parse_size(s) for s in args.dense_sizes.split(",") if s.strip() and s.strip() != "none"})
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    cold_runs = max(10, args.cold_runs or (10 if args.quick else 15))
    OUT.mkdir(exist_ok=True)
    WORK.mkdir(exist_ok=True)
    command = shlex.join([Path(sys.executable).name if "python" in Path(sys.executable).name else sys.executable, *sys.argv])
    machine = header(command)
    print("# phraselint benchmark")
    print(f"date:     {machine['date']}")
    print(f"command:  {command}   (cwd {os.getcwd()}; interpreter {sys.executable})")
    machine["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    print(f"machine:  {machine['cores']} cores (os.cpu_count()), {machine['cpu']}, {machine['memory']} RAM, {machine['platform']}; "
          f"load average at start {' '.join(f'{x:.2f}' for x in machine['load_average_at_start'])} (other work on the machine skews the figures)")
    print(f"python:   {machine['python']}; phraselint {machine['phraselint']} at commit {machine['git_commit']}"
          + (f" with {machine['engine_uncommitted_changes']} uncommitted engine/rules change(s)" if machine['engine_uncommitted_changes'] else ""))
    print(f"install:  {machine['installed_from']}; bytecode writing {machine['bytecode_writing']}")
    print(f"cache:    PHRASELINT_CACHE_DIR={machine['cache_dir']}")
    machine["rss_floor_mib"] = launcher_floor()
    print(f"RSS:      Python pipelines: VmHWM of the worker process; commands: ru_maxrss via a fork/exec launcher "
          f"(lowest it can report: {machine['rss_floor_mib']:.1f} MiB)")
    print(flush=True)

    results: dict = {"machine": machine, "rows": [], "ratios": [], "not_measured": [], "corpora": {}}
    not_measured = results["not_measured"]
    corpora = {}
    for size in sizes:
        corpora[size] = ensure_corpus(size, args.seed)
        results["corpora"][size_label(size)] = corpora[size][1]
    for size, (path, info) in corpora.items():
        print(f"corpus:   {info['path']}: {info['bytes']:,} bytes, {info['lines']:,} lines, "
              f"{info['violations_inserted']:,} violations inserted (seed {info['seed']})")
    dense = {}
    for size in dense_sizes:
        dense[size] = ensure_corpus(size, args.seed, dense=True)
        results["corpora"]["dense-" + size_label(size)] = info = dense[size][1]
        print(f"corpus:   {info['path']}: {info['bytes']:,} bytes, {info['calls']:,} calls, {info['turns']:,} turns "
              f"({info['staff_turns']:,} staff), {info['violations_inserted']:,} violations inserted (seed {info['seed']})")

    streaming = worker("streaming-entry")[0]["entry"]
    jobs = has_jobs_option()
    print(f"engine:   streaming entry point: {streaming or 'none (100MB: check_text per ~1 MiB line-chunk)'}; "
          f"check --jobs: {'yes' if jobs else 'no'}")
    print(flush=True)

    # agreement corpus
    agreement_size = parse_size(args.agreement_size) if args.agreement_size else (
        10 * 10**6 if 10 * 10**6 in sizes else max([s for s in sizes if s <= NAIVE_LIMIT], default=None))
    if agreement_size not in sizes:
        agreement_size = None
    naive_dump = WORK / "naive-spans.json"
    library_dump = WORK / "library-findings.json"

    by_size: dict[int, dict[str, dict]] = {}
    for size, (path, info) in corpora.items():
        nbytes = info["bytes"]
        repeat = args.repeat or (1 if args.quick or size > 10 * 10**6 else 3)
        here = by_size.setdefault(size, {})
        dump = size == agreement_size and "agreement" not in skip
        if "naive" not in skip:
            if size <= NAIVE_LIMIT:
                here["naive"], _ = measure_worker("(a)", "naive: t2s + jieba + token match", "naive", path, nbytes,
                                                  repeat if size < 10 * 10**6 else 1, naive_dump if dump else None)
                results["rows"].append(here["naive"])
            else:
                ref = max([s for s in by_size if "naive" in by_size[s]], default=None)
                if ref and by_size[ref]["naive"]["mb_per_s"]:
                    measured = by_size[ref]["naive"]
                    note = (f"not run: at the {measured['mb_per_s']:.2f} MB/s measured on corpus-{size_label(ref)}.txt (row above) "
                            f"it would take ~{nbytes / 10**6 / measured['mb_per_s'] / 60:.0f} min and "
                            f"~{measured['peak_rss_mib'] * size / ref / 1024:.1f} GiB")
                else:
                    note = f"not run: the naive pipeline (~0.5 MB/s) runs on corpora up to {size_label(NAIVE_LIMIT)} only"
                results["rows"].append(row("(a)", "naive: t2s + jieba + token match", path.name, nbytes, [], None, [], note))
                not_measured.append(f"(a) naive pipeline on {path.name}: " + note)
        if "ceiling" not in skip and "library" not in skip:
            # paired, and at least three pairs whatever the size: the ratio is a target
            paired = max(repeat, 1 if args.quick else 3)
            here["ceiling"], here["library"], here["paired_ratio"] = measure_paired(
                path, nbytes, paired, library_dump if dump else None)
            results["rows"] += [here["ceiling"], here["library"]]
        elif "ceiling" not in skip:
            here["ceiling"], _ = measure_worker(*CEILING, path, nbytes, repeat)
            results["rows"].append(here["ceiling"])
        elif "library" not in skip:
            here["library"], _ = measure_worker(*LIBRARY, path, nbytes, repeat, library_dump if dump else None)
            results["rows"].append(here["library"])
        if "cli" not in skip:
            here["cli"] = measure_cli("(c)", path, nbytes, repeat)
            progress(f"CLI findings on {path.name} (one untimed run, output kept)")
            here["cli"]["count"] = cli_findings(path)
            here["cli"]["notes"] += "; findings counted in one extra untimed run"
            if "library" in here and here["cli"]["count"] != here["library"]["count"]:
                here["cli"]["notes"] += f" (library: {here['library']['count']})"
            results["rows"].append(here["cli"])

    # ratios
    naive_sizes = [s for s in by_size if "naive" in by_size[s]]
    for size, here in by_size.items():
        label = f"corpus-{size_label(size)}.txt"
        naive_ref = here.get("naive") if "naive" in here else (by_size[max(naive_sizes)]["naive"] if naive_sizes else None)
        naive_note = "" if "naive" in here else (f"naive measured on corpus-{size_label(max(naive_sizes))}.txt" if naive_sizes else "")
        for which in ("library", "cli"):
            if which not in here:
                continue
            name = "library" if which == "library" else "CLI"
            if naive_ref and naive_ref["mb_per_s"]:
                results["ratios"].append({"ratio": f"(c) {name} / (a) naive", "input": label,
                                          "value": here[which]["mb_per_s"] / naive_ref["mb_per_s"], "notes": naive_note})
            if which == "library" and here.get("paired_ratio"):
                results["ratios"].append({"ratio": f"(c) {name} / (b) ceiling", "input": label,
                                          "value": here["paired_ratio"],
                                          "notes": f"median over {here['library']['repeat']} interleaved pairs of runs "
                                                   f"(ratio of the two medians above: "
                                                   f"{here['library']['mb_per_s'] / here['ceiling']['mb_per_s']:.3g}x)"})
            elif "ceiling" in here and here["ceiling"]["mb_per_s"]:
                results["ratios"].append({"ratio": f"(c) {name} / (b) ceiling", "input": label,
                                          "value": here[which]["mb_per_s"] / here["ceiling"]["mb_per_s"], "notes": ""})

    # the dense corpora: the ceiling and the library side by side, as for the sparse ones
    if "ceiling" not in skip and "library" not in skip:
        for size, (path, info) in dense.items():
            paired = max(args.repeat or 3, 1 if args.quick else 3)
            ceiling_row, library_row, ratio = measure_paired(path, info["bytes"], paired, None)
            results["rows"] += [ceiling_row, library_row]
            if ratio:
                results["ratios"].append({"ratio": "(c) library / (b) ceiling", "input": path.name, "value": ratio,
                                          "notes": f"dense transcript; median over {paired} interleaved pairs of runs "
                                                   f"(ratio of the two medians above: "
                                                   f"{library_row['mb_per_s'] / ceiling_row['mb_per_s']:.3g}x)"})
    elif dense:
        not_measured.append("dense corpora: need both the ceiling and the library (not skipped)")

    # (d) folder
    if "folder" not in skip:
        name, count, size = ("files-quick", 100, 10**6) if args.quick else ("files", 1000, 10 * 10**6)
        folder, info = ensure_folder(name, count, size, args.seed)
        rows, notes = [], []
        description = (f"{info['path']}/ ({info['files']:,} files, {info['bytes']:,} bytes, "
                       f"{info['violations_inserted']:,} violations inserted)")
        if args.quick:
            notes.append("--quick: 100 files of ~10 KB instead of 1,000")
        if jobs:
            for j in ("1", "2"):
                r = measure_cli("(d)", folder, info["bytes"], 1, ("--jobs", j), label="phraselint CLI")
                rows.append(r)
            ratio = rows[0]["seconds"] / rows[1]["seconds"] if rows[1]["seconds"] else None
            notes.append(f"--jobs 1 / --jobs 2 wall time: {ratio:.2f}x (2 cores)")
            results_folder_ratio = ratio
        else:
            rows.append(measure_cli("(d)", folder, info["bytes"], 1, (), label="phraselint CLI"))
            notes.append("`phraselint check` has no --jobs option (checked with `phraselint check --help`): "
                         "measured the default (one process) only; --jobs 1 against --jobs 2 not measured")
            not_measured.append("(d) --jobs 1 against --jobs 2: phraselint check has no --jobs option yet")
            results_folder_ratio = None
        notes.append("peak RSS: the largest single process (wait4 ru_maxrss), not the sum over worker processes")
        results["folder"] = {"description": description, "rows": rows, "jobs_option": jobs,
                             "jobs1_over_jobs2": results_folder_ratio, "notes": notes, "info": info}

    # (e) start-up
    if "cold" not in skip:
        results["cold_start"] = cold_start(cold_runs)

    # (f) agreement
    if "agreement" not in skip:
        if agreement_size and naive_dump.exists() and library_dump.exists() and "naive" in by_size.get(agreement_size, {}):
            results["agreement"] = agreement(corpora[agreement_size][0], naive_dump, library_dump)
            if agreement_size < 10 * 10**6:
                results["agreement"]["notes"].append(f"on {size_label(agreement_size)}, not 10MB (10MB not measured in this run)")
        else:
            not_measured.append("(f) agreement: needs the naive pipeline and the library on the same corpus (up to 10MB)")

    results["elapsed_seconds"] = time.perf_counter() - began
    results_file = OUT / "results.json"
    results["results_file"] = str(results_file.relative_to(ROOT))
    results_file.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(render(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
