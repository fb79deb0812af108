"""Inputs that cannot be read are in the machine-readable report too, not only on standard
error: JSON `errors`, SARIF tool execution notifications, JUnit errors, GitHub annotations;
and however bad some inputs are, the report of the others is complete and parseable."""

from __future__ import annotations

import json
import os
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from phraselint.cli.launch import main

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def inputs(tmp_path, monkeypatch):
    """A folder holding good files among bad ones, and the names given on the command line."""
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "a-good.txt").write_text("你等一下\n", encoding="utf-8")
    (folder / "b-bad-bom.txt").write_bytes(b"\xff\xfe\x00\xd8\x00")  # UTF-16 BOM, then a lone surrogate
    (folder / "c-binary.txt").write_bytes(b"\x80\x81garbage\x00\x01")
    (folder / "d-latin.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (folder / "e-good.md").write_text("这个我不知道\n", encoding="utf-8")
    locked = folder / "f-locked"
    locked.mkdir()
    (locked / "x.txt").write_text("你等一下\n", encoding="utf-8")
    # a JSON escape for a lone surrogate in a text long enough for the vectorised path
    (folder / "g-chat.json").write_text(json.dumps([{"role": "坐席", "text": "你等一下\ud800" + "好" * 70_000}]),
                                        encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    scandir = os.scandir

    def refuse(path):  # what chmod 000 does to anyone but root (the suite may run as root)
        if os.path.abspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    monkeypatch.chdir(tmp_path)
    bad = {"repo/b-bad-bom.txt": "not valid utf-16", "repo/c-binary.txt": "looks binary",
           "repo/d-latin.txt": "not UTF-8, GB18030/GBK or Big5", "repo/f-locked": "", "missing.txt": "cannot read",
           "pipe.txt": "a named pipe"}
    return ["repo", "missing.txt", "pipe.txt", "--include", "*.txt", "--include", "*.md", "--include", "*.json"], bad


def _run(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["phraselint", "check", *args])
    with pytest.raises(SystemExit) as exit:
        main()
    out, err = capsys.readouterr()
    return exit.value.code, out, err


GOOD = ["repo/a-good.txt", "repo/e-good.md", "repo/g-chat.json"]


def test_json_lists_the_unreadable_inputs_and_is_complete(inputs, monkeypatch, capsys):
    args, bad = inputs
    code, out, err = _run(monkeypatch, capsys, "--format", "json", *args)
    assert code == 2
    doc = json.loads(out)
    assert [f["path"] for f in doc["files"]] == GOOD
    assert [e["path"] for e in doc["errors"]] == list(bad)
    for error in doc["errors"]:
        assert set(error) == {"path", "message"} and bad[error["path"]] in error["message"]
        assert not error["message"].startswith(error["path"])  # the path is its own field
        assert error["path"] in err  # and still named on standard error
    assert doc["summary"]["files"] == len(GOOD) and doc["summary"]["findings"] >= 3
    assert list(doc) == ["version", "files", "errors", "summary"]


def test_json_of_a_clean_run_has_an_empty_errors_list(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("您好\n", encoding="utf-8")
    code, out, _ = _run(monkeypatch, capsys, "--format", "json", "a.txt")
    assert code == 0 and json.loads(out)["errors"] == []


def test_sarif_reports_them_as_tool_execution_notifications_and_validates(inputs, monkeypatch, capsys):
    args, bad = inputs
    code, out, _ = _run(monkeypatch, capsys, "--format", "sarif", *args)
    assert code == 2
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    [invocation] = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    notifications = invocation["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notifications] == list(bad)
    assert all(n["level"] == "error" and bad[n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]]
               in n["message"]["text"] for n in notifications)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]} == set(GOOD)


def test_sarif_of_a_clean_run_is_a_successful_invocation(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("您好\n", encoding="utf-8")
    doc = json.loads(_run(monkeypatch, capsys, "--format", "sarif", "a.txt")[1])
    jsonschema.validate(doc, SCHEMA)
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_junit_counts_them_as_errors(inputs, monkeypatch, capsys):
    args, bad = inputs
    code, out, _ = _run(monkeypatch, capsys, "--format", "junit", *args)
    assert code == 2
    root = ET.fromstring(out)
    suite = root.find("testsuite")
    assert (root.get("tests"), root.get("errors")) == (str(len(GOOD) + len(bad)), str(len(bad)))
    assert suite.get("errors") == str(len(bad))
    errors = {case.get("name"): case.find("error") for case in suite.iter("testcase") if case.find("error") is not None}
    assert list(errors) == list(bad)
    assert all(bad[name] in error.get("message") for name, error in errors.items())


def test_github_annotates_each_file_not_checked(inputs, monkeypatch, capsys):
    args, bad = inputs
    code, out, _ = _run(monkeypatch, capsys, "--format", "github", *args)
    assert code == 2
    annotations = [line for line in out.splitlines() if "title=phraselint%3A 未检查::" in line]
    assert [line.split("file=", 1)[1].split(",", 1)[0] for line in annotations] == list(bad)
    assert all(line.startswith("::error ") for line in annotations)
    assert "title=telephone.hold-on" in out


def test_text_output_leaves_them_to_standard_error(inputs, monkeypatch, capsys):
    args, bad = inputs
    code, out, err = _run(monkeypatch, capsys, *args)
    assert code == 2
    assert all(f"phraselint: {path}" in err for path in bad), err
    assert out.rstrip().splitlines()[-1].startswith(f"共 {len(GOOD)} 个文件，")


def test_the_text_summary_counts_what_could_not_be_read(tmp_path, monkeypatch, capsys):
    """One missing input must not be summed up as "no problems found in 0 files"."""
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(monkeypatch, capsys, "missing.txt")
    assert code == 2 and "无法读取" in err
    assert out.strip() == "1 个文件无法读取。"
    (tmp_path / "good.txt").write_text("你等一下\n", encoding="utf-8")
    code, out, _ = _run(monkeypatch, capsys, "--lang", "en", "missing.txt", "good.txt")
    assert code == 2 and out.rstrip().endswith("1 file could not be read.\nFound 1 problem (1 warning) in 1 of 1 file.")
