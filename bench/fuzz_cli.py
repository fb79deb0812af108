"""The fuzzing run's command-line cases: a folder of generated files (every format, several
encodings, now and then an undecodable or a large one) checked by `phraselint check` run
in-process, as a user runs it, once per output format, then fixed twice.

Checks: the JSON and SARIF reports always parse and name every input (an unreadable one
too, as an error); each file's findings are the library's (check_file) and slice back into
the decoded file; the exit code follows the convention; --fix changes nothing the second
time, and what it leaves is reported where it now stands."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import sys

from phraselint.cli.launch import main as phraselint_main
from phraselint.errors import InputError
from phraselint.inputs.readers import read
from phraselint.model import Level
from phraselint.run.session import check_file

from tests import invariants as inv
from tests import strategies as gen

from .fuzz_cases import _tmp, random_file


def run_cli(*args: str) -> tuple[int, str, str]:
    """`phraselint ARGS` in this process: (exit code, stdout, stderr). Standard output is a
    strict UTF-8 stream, as a pipe is, so a character it cannot write fails as it would."""
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    stderr = io.StringIO()
    argv = sys.argv
    sys.argv = ["phraselint", *args]
    code: object = 0
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                phraselint_main()
            except SystemExit as exc:
                code = exc.code
            try:
                stdout.flush()
            except UnicodeEncodeError as exc:
                stderr.write(f"stdout: {exc}")
    finally:
        sys.argv = argv
    out = stdout.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return (code if isinstance(code, int) else 1), out, stderr.getvalue()


def batch(rng: random.Random, size: int) -> dict[str, bytes]:
    """`size` files by name; a few hostile ones among them."""
    files: dict[str, bytes] = {}
    for index in range(size):
        name, data, _ = random_file(rng)
        files[f"{index:03}-{name}"] = data
    roll = rng.random()
    if roll < 0.15:
        files["undecodable.txt"] = b"\xff\xfe\xfa" + "你等一下".encode("gbk") * 3 + b"\x81"
    elif roll < 0.25:  # a large chat log with a surrogate escape: the vectorised path in a report
        files["large.json"] = ('[{"role": "\\u5750\\u5e2d", "text": "' + "\\u4f60\\u7b49\\u4e00\\u4e0b" * 17000
                               + '\\ud800\\u4f60\\u7b49\\u4e00\\u4e0b"}]').encode()
    elif roll < 0.3:
        files["empty-turn.json"] = '[{"role":"坐席","text":""}]'.encode()
    return files


def _library_view(path: str) -> tuple[str | None, list]:
    """(decoded text, findings) as the library reads the file, or (None, []) when it is unreadable."""
    try:
        return read(path).original, check_file(path, gen.shared_linter())
    except InputError:
        return None, []


def check_batch(files: dict[str, bytes]) -> None:
    folder = os.path.join(_tmp(), "batch")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, data in files.items():
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(data)
    include = ["--include", "*.txt", "--include", "*.md", "--include", "*.html", "--include", "*.j2",
               "--include", "*.json", "--include", "*.jsonl"]
    views = {os.path.join(folder, name): _library_view(os.path.join(folder, name)) for name in sorted(files)}
    unreadable = {path for path, (text, _) in views.items() if text is None}

    code, out, err = run_cli("check", "--format", "json", "-j1", *include, folder)
    assert "Traceback" not in err and "internal error" not in err, f"check crashed ({err[-300:]!r})"
    document = inv.parse_json_report(out)
    reported = {entry["path"]: entry for entry in document["files"]}
    failing = False
    for path, (text, findings) in views.items():
        if text is None:
            continue
        assert path in reported, f"a file is missing from the JSON report ({os.path.basename(path)!r})"
        got = reported[path]["findings"]
        expected = [f.to_dict() for f in findings]
        assert got == expected, f"the CLI and the library report different findings ({os.path.basename(path)!r}: {len(got)} and {len(expected)})"
        for f in got:
            assert text[f["offset"]:f["end_offset"]] == f["match"], f"a JSON match is not the text at its offsets ({os.path.basename(path)!r}: {f['match']!r})"
        failing = failing or any(f.level >= Level.WARNING for f in findings)
    expected = 2 if unreadable else 1 if failing else 0
    assert code == expected, f"exit code {code}, expected {expected} ({len(unreadable)} unreadable by the library)"

    code, out, err = run_cli("check", "--format", "sarif", "-j1", *include, folder)
    assert "Traceback" not in err and "internal error" not in err, f"check --format sarif crashed ({err[-300:]!r})"
    inv.parse_sarif_report(out)

    fixed_folder = folder + "-fixed"
    shutil.rmtree(fixed_folder, ignore_errors=True)
    shutil.copytree(folder, fixed_folder)
    code, out, err = run_cli("check", "--fix", "--format", "json", "-j1", *include, fixed_folder)
    assert "Traceback" not in err and "internal error" not in err, f"check --fix crashed ({err[-300:]!r})"
    document = inv.parse_json_report(out)
    once = {name: open(os.path.join(fixed_folder, name), "rb").read() for name in files}
    for entry in document["files"]:
        text, _ = _library_view(entry["path"])
        for f in entry["findings"] if text is not None else ():
            assert text[f["offset"]:f["end_offset"]] == f["match"], f"after --fix, a finding is reported at an old position ({os.path.basename(entry['path'])!r}: {f['rule']!r})"
    run_cli("check", "--fix", "--format", "json", "-j1", *include, fixed_folder)
    for name in files:
        twice = open(os.path.join(fixed_folder, name), "rb").read()
        assert twice == once[name], f"a second --fix changed a file again ({name!r})"
    code, out, _ = run_cli("check", "--diff", "-j1", *include, fixed_folder)
    assert out == "", f"--diff after --fix still shows changes: {out[:200]!r}"


def shrink_batch(files: dict[str, bytes], signature, same) -> dict[str, bytes]:
    """The fewest files that still fail the same way: one alone when it can, else the whole batch."""
    for name, data in files.items():
        for alone in ({name: data}, {name: data, "zz-clean.txt": "您好".encode()}):
            try:
                check_batch(alone)
            except Exception as exc:  # noqa: BLE001 - any failure is a finding to compare
                if same(signature, exc):
                    return alone
    return files
