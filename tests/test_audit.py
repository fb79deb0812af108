"""`phraselint audit` end to end: transcript tables in three formats, the findings and summary
tables, bad rows named with their row numbers, column mapping, exit codes, and no output left
half-written when the audit fails."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from phraselint import Linter
from phraselint.audit import writers
from phraselint.audit.calls import FINDING_COLUMNS, SUMMARY_COLUMNS
from phraselint.cli.app import cli

# Two calls, the first out of turn order in the table; a phone call (坐席) and a chat (agent/customer).
ROWS = [
    {"call_id": "c1", "turn": 1, "role": "坐席", "text": "您好，这里是XX物业管理处，我是小王，请问有什么可以帮到您？",
     "agent_id": "a1", "team": "north", "timestamp": "2026-11-01 09:00:00"},
    {"call_id": "c1", "turn": 3, "role": "坐席", "text": "这个我不知道，你等一下", "agent_id": "a1", "team": "north",
     "timestamp": "2026-11-01 09:01:00"},
    {"call_id": "c1", "turn": 2, "role": "业主", "text": "我家水管漏了，我不知道怎么办", "agent_id": "a1", "team": "north",
     "timestamp": "2026-11-01 09:00:30"},
    {"call_id": "c2", "turn": 1, "role": "agent", "text": "喂，你找谁", "agent_id": "a2", "team": "north",
     "timestamp": "2026-11-02 10:00:00"},
    {"call_id": "c2", "turn": 2, "role": "customer", "text": "我找物业", "agent_id": "a2", "team": "north",
     "timestamp": "2026-11-02 10:00:10"},
    {"call_id": "c2", "turn": 3, "role": "agent", "text": "好的，请稍等", "agent_id": "a2", "team": "north",
     "timestamp": "2026-11-02 10:00:20"},
]


def write_table(path: Path, rows: list[dict]) -> Path:
    if path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    elif path.suffix == ".csv":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return path


def read_table(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        with open(path, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def audit(*args: str):
    return CliRunner().invoke(cli, ["audit", "--quiet", *args])


def expected_findings() -> list[tuple]:
    """What the library gives each call checked as a transcript file: (call, turn, rule, match)."""
    linter = Linter()
    found = []
    for call_id in ("c1", "c2"):
        rows = sorted((r for r in ROWS if r["call_id"] == call_id), key=lambda r: r["turn"])
        transcript = "\n".join(f"{r['role']}：{r['text']}" for r in rows)
        for f in linter.check_text(transcript, dialogue=True).findings:
            turn = rows[f.turn - 1]
            start = transcript.index(turn["text"], transcript.index(f"{turn['role']}："))
            found.append((call_id, turn["turn"], f.rule, turn["text"][f.offset - start:f.end_offset - start]))
    return found


@pytest.mark.parametrize("source", ["calls.parquet", "calls.csv", "calls.jsonl"])
@pytest.mark.parametrize("output", ["findings.parquet", "findings.csv", "findings.jsonl"])
def test_findings_and_summary_on_each_format(tmp_path, source, output):
    table = write_table(tmp_path / source, ROWS)
    result = audit(str(table), "-o", str(tmp_path / output), "--summary", str(tmp_path / ("summary" + Path(output).suffix)))
    assert result.exit_code == 1, result.output  # findings at warning and above
    rows = read_table(tmp_path / output)
    assert rows and list(rows[0]) == list(FINDING_COLUMNS)
    got = [(r["call_id"], int(r["turn"]), r["rule"], r["match"]) for r in rows]
    assert sorted(got) == sorted(expected_findings())
    for r in rows:  # offsets are code points into the turn's own text
        text = next(x["text"] for x in ROWS if x["call_id"] == r["call_id"] and x["turn"] == int(r["turn"]))
        assert text[int(r["offset"]):int(r["end_offset"])] == r["match"]
    assert {r["role"] for r in rows} <= {"坐席", "agent"}  # the owner's 我不知道 is never reported
    summary = read_table(tmp_path / ("summary" + Path(output).suffix))
    assert list(summary[0]) == list(SUMMARY_COLUMNS)
    by_key = {(s["scope"], s["key"]): s for s in summary}
    a1 = by_key[("agent", "a1")]
    a1_findings = sum(1 for r in rows if r["agent_id"] == "a1")
    assert int(a1["staff_turns"]) == 2 and int(a1["calls"]) == 1 and int(a1["findings"]) == a1_findings
    assert float(a1["per_100_staff_turns"]) == pytest.approx(100 * a1_findings / 2)
    assert int(a1["calls_with_error"]) == 1  # 不知道 is an error
    assert int(by_key[("team", "north")]["staff_turns"]) == 4 and int(by_key[("team", "north")]["calls"]) == 2
    assert {k for s, k in by_key if s == "day"} == {"2026-11-01", "2026-11-02"}
    assert int(by_key[("rule", "inquiry.dont-know")]["findings"]) == 1


def test_required_wording_sees_the_whole_call_in_turn_order(tmp_path):
    """The closing is judged on the call's last staff turn, though that row is not the table's last."""
    table = write_table(tmp_path / "calls.parquet", ROWS)
    assert audit(str(table), "-o", str(tmp_path / "f.jsonl")).exit_code == 1
    closing = [r for r in read_table(tmp_path / "f.jsonl") if r["rule"] == "telephone.closing"]
    assert [(r["call_id"], r["turn"]) for r in closing] == [("c1", 3)]
    assert closing[0]["suggestion"]


def test_bad_rows_are_named_with_their_row_numbers_and_skipped(tmp_path):
    rows = [dict(r) for r in ROWS]
    rows[1]["text"] = ""  # CSV line 3
    rows[3]["turn"] = "first"  # line 5
    rows[4]["role"] = "路人甲乙丙丁戊己庚辛"  # line 6: no list knows it, too long to be inferred
    table = write_table(tmp_path / "calls.csv", rows)
    raw = table.read_bytes().replace("好的，请稍等".encode(), b"\xff\xfe bad")  # line 7
    table.write_bytes(raw)
    result = CliRunner().invoke(cli, ["audit", str(table), "-o", str(tmp_path / "f.csv"), "--lang", "en"])
    assert result.exit_code == 2, result.output  # skipped rows are input errors; the rest is audited
    assert (tmp_path / "f.csv").exists()  # written, though two good turns gave no finding
    err = result.stderr if hasattr(result, "stderr") else result.output
    assert f"{table}: row 3: skipped: no text" in err
    assert f"{table}: row 5: skipped: the turn is not a whole number" in err
    assert f"{table}: row 6: skipped: role '路人甲乙丙丁戊己庚辛' is neither staff nor customer" in err
    assert f"{table}: row 7: skipped: undecodable bytes (not UTF-8)" in err
    assert "bad rows skipped: 4" in err
    assert "2 turns audited" in err
    assert "Traceback" not in result.output


def test_jsonl_lines_that_are_not_objects_are_bad_rows(tmp_path):
    table = write_table(tmp_path / "calls.jsonl", ROWS)
    table.write_text(table.read_text("utf-8") + "not json\n[1, 2]\n", "utf-8")
    result = CliRunner().invoke(cli, ["audit", str(table), "-o", str(tmp_path / "f.csv"), "--lang", "en"])
    assert f"{table}: row 7: skipped: not a JSON object" in result.output
    assert f"{table}: row 8: skipped: not a JSON object" in result.output
    assert result.exit_code == 2


def test_columns_mapped_by_option_and_by_configuration(tmp_path, monkeypatch):
    renamed = [{"conversation": r["call_id"], "seq": r["turn"], "speaker": r["role"], "utterance": r["text"],
                "agent": r["agent_id"]} for r in ROWS]
    table = write_table(tmp_path / "calls.parquet", renamed)
    result = audit(str(table), "-o", str(tmp_path / "f.csv"), "--lang", "en")
    assert result.exit_code == 2 and "call_id, text" in result.output and "Traceback" not in result.output
    mapped = audit(str(table), "-o", str(tmp_path / "f.csv"), "--column", "call_id=conversation,turn=seq",
                   "--column", "role=speaker", "--column", "text=utterance", "--column", "agent_id=agent")
    assert mapped.exit_code == 1, mapped.output
    by_option = read_table(tmp_path / "f.csv")
    assert {r["agent_id"] for r in by_option} == {"a1", "a2"}
    (tmp_path / ".phraselint.yaml").write_text(
        "columns:\n  call_id: conversation\n  turn: seq\n  role: speaker\n  text: utterance\n  agent_id: agent\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert audit(str(table), "-o", str(tmp_path / "g.csv")).exit_code == 1
    assert read_table(tmp_path / "g.csv") == by_option
    assert audit(str(table), "-o", "x.csv", "--column", "speech=utterance").exit_code == 2


def test_exit_codes(tmp_path):
    clean = write_table(tmp_path / "clean.csv", [dict(ROWS[4], role="客服"), dict(ROWS[4], role="业主", turn=3)])
    assert audit(str(clean), "-o", str(tmp_path / "f.csv"), "--kind", "dialogue").exit_code == 0
    table = write_table(tmp_path / "calls.csv", ROWS)
    assert audit(str(table), "-o", str(tmp_path / "f.csv")).exit_code == 1
    assert audit(str(table), "-o", str(tmp_path / "f.csv"), "--fail-level", "error").exit_code == 1
    quiet = audit(str(table), "-o", str(tmp_path / "f.csv"), "--level", "error", "--disable", "inquiry.dont-know")
    assert quiet.exit_code == 0
    assert audit(str(tmp_path / "missing.csv"), "-o", str(tmp_path / "f.csv")).exit_code == 2
    assert audit(str(table), "-o", str(tmp_path / "f.xlsx")).exit_code == 2
    assert audit(str(tmp_path / "calls.txt"), "-o", str(tmp_path / "f.csv")).exit_code == 2
    assert audit(str(table)).exit_code == 2  # no -o
    assert audit(str(table), "-o", str(tmp_path / "f.csv"), "--report", str(tmp_path / "a.html")).exit_code == 1


@pytest.mark.parametrize("source", ["calls.csv", "calls.jsonl", "calls.parquet"])
def test_skipped_rows_exit_2_after_the_rest_is_audited_and_written(tmp_path, source):
    """As `check` with an unreadable file among readable ones: every good row is audited, the
    outputs are written in full, and the exit code says input error whether or not there were
    findings."""
    clean = [dict(ROWS[4], role="客服"), dict(ROWS[4], role="业主", turn=3)]
    findings = audit(str(write_table(tmp_path / source, ROWS)), "-o", str(tmp_path / "all.csv"))
    assert findings.exit_code == 1
    for good, expected in ((clean, []), (ROWS, read_table(tmp_path / "all.csv"))):
        table = write_table(tmp_path / source, [*good, dict(ROWS[0], call_id="c9", text="")])  # one row without text
        kind = ["--kind", "dialogue"] if good is clean else []  # the clean call: no phone greeting required
        result = audit(str(table), "-o", str(tmp_path / "f.csv"), "--summary", str(tmp_path / "s.csv"), *kind, "--lang", "en")
        assert result.exit_code == 2, result.output
        assert "bad rows skipped: 1" in result.output and "Traceback" not in result.output
        assert (tmp_path / "s.csv").exists()
        if good is ROWS:
            assert read_table(tmp_path / "f.csv") == expected  # the same findings as without the bad row
        else:
            assert read_table(tmp_path / "f.csv") == []
    assert audit(str(table), "-o", str(tmp_path / "f.csv"), "--fail-level", "error").exit_code == 2


def test_a_table_without_a_role_column_is_all_staff_turns(tmp_path):
    table = write_table(tmp_path / "replies.jsonl", [{"call_id": "r1", "text": "这个我不知道"}])
    assert audit(str(table), "-o", str(tmp_path / "f.jsonl"), "--kind", "dialogue").exit_code == 1
    assert [r["rule"] for r in read_table(tmp_path / "f.jsonl")] == ["inquiry.dont-know"]


def test_jobs_give_the_serial_table(tmp_path):
    rows = [dict(r, call_id=f"{r['call_id']}-{n}") for n in range(40) for r in ROWS]
    table = write_table(tmp_path / "calls.parquet", rows)
    assert audit(str(table), "-o", str(tmp_path / "one.csv")).exit_code == 1
    assert audit(str(table), "-o", str(tmp_path / "two.csv"), "--jobs", "2").exit_code == 1
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()


@pytest.mark.parametrize("output", ["f.parquet", "f.csv", "f.jsonl"])
def test_a_failing_audit_leaves_no_partial_output(tmp_path, monkeypatch, output):
    rows = [dict(r, call_id=f"{r['call_id']}-{n}") for n in range(2000) for r in ROWS]  # several chunks
    table = write_table(tmp_path / "calls.parquet", rows)
    (tmp_path / output).write_text("previous", "utf-8")
    real_write = writers.TableWriter.write
    written = []

    def failing(self, rows):
        written.append(len(rows))
        if len(written) == 2:
            raise KeyboardInterrupt  # as Ctrl-C half-way
        real_write(self, rows)

    monkeypatch.setattr(writers.TableWriter, "write", failing)
    result = audit(str(table), "-o", str(tmp_path / output), "--summary", str(tmp_path / "s.csv"))
    assert result.exit_code == 130
    assert (tmp_path / output).read_text("utf-8") == "previous"
    assert not (tmp_path / "s.csv").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["calls.parquet", output])


def test_report_hands_the_dashboard_the_findings_summary_and_worst_calls(tmp_path, monkeypatch):
    """--report calls phraselint.audit.dashboard.write_dashboard (written in its own module) with
    the findings and summary rows as the tables hold them and the worst calls in turn order."""
    import importlib.machinery
    import sys
    import types

    received = {}
    module = types.ModuleType("phraselint.audit.dashboard")
    module.__spec__ = importlib.machinery.ModuleSpec("phraselint.audit.dashboard", None)

    def write_dashboard(path, findings, summary, calls, *, variant, lang):
        received.update(path=path, findings=findings, summary=summary, calls=calls, variant=variant, lang=lang)
        Path(path).write_text("page", "utf-8")

    module.write_dashboard = write_dashboard
    monkeypatch.setitem(sys.modules, "phraselint.audit.dashboard", module)
    table = write_table(tmp_path / "calls.jsonl", ROWS)
    result = audit(str(table), "-o", str(tmp_path / "f.jsonl"), "--summary", str(tmp_path / "s.jsonl"),
                   "--report", str(tmp_path / "audit.html"), "--variant", "tw")
    assert result.exit_code == 1, result.output
    assert received["findings"] == read_table(tmp_path / "f.jsonl")
    assert received["summary"] == read_table(tmp_path / "s.jsonl")
    assert list(received["calls"]) == ["c1", "c2"]  # c1 has the error
    assert [t["turn"] for t in received["calls"]["c1"]] == [1, 2, 3]
    assert set(received["calls"]["c1"][0]) == {"turn", "role", "agent_id", "text"}
    assert received["variant"] == "tw" and (tmp_path / "audit.html").read_text("utf-8") == "page"


def test_report_without_plotly_is_a_usage_error(tmp_path, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "phraselint.audit.dashboard", raising=False)
    monkeypatch.setitem(sys.modules, "plotly", None)  # as if the audit extra were not installed
    monkeypatch.setitem(sys.modules, "plotly.offline", None)
    table = write_table(tmp_path / "calls.csv", ROWS)
    result = audit(str(table), "-o", str(tmp_path / "f.csv"), "--report", str(tmp_path / "a.html"))
    assert result.exit_code == 2 and "phraselint.audit.dashboard" in result.output
    assert not (tmp_path / "f.csv").exists()


def test_report_writes_the_dashboard_with_the_audits_worst_call(tmp_path):
    table = write_table(tmp_path / "calls.jsonl", ROWS)
    result = audit(str(table), "-o", str(tmp_path / "f.jsonl"), "--report", str(tmp_path / "audit.html"))
    assert result.exit_code == 1, result.output
    page = (tmp_path / "audit.html").read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "c1" in page and "Plotly" in page
    assert "http://" not in page.split("<script", 1)[0] and 'src="http' not in page


def test_jobs_check_in_this_process_too_and_keep_the_serial_order(tmp_path, monkeypatch):
    from phraselint.audit import run as audit_run

    rows = [dict(r, call_id=f"{r['call_id']}-{n}") for n in range(200) for r in ROWS]
    table = write_table(tmp_path / "calls.parquet", rows)
    monkeypatch.setattr(audit_run, "CHUNK_TURNS", 8)  # many chunks, so that both checkers get some
    assert audit(str(table), "-o", str(tmp_path / "one.jsonl")).exit_code == 1
    here = []
    checked_here = audit_run.audit_calls

    def counted(*args, **kwargs):
        here.append(1)
        return checked_here(*args, **kwargs)

    monkeypatch.setattr(audit_run, "audit_calls", counted)  # spawned workers import their own, uncounted
    assert audit(str(table), "-o", str(tmp_path / "two.jsonl"), "--jobs", "2").exit_code == 1
    assert here, "with --jobs 2 this process checks its share of the chunks"
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_help_gives_audit_s_own_exit_codes():
    """audit's code 2 also means rows were skipped; check's --fix and --diff mean nothing here."""
    import subprocess
    import sys

    def helped(*args: str) -> str:  # as a shell runs it: the launcher reads --lang before --help
        return subprocess.run([sys.executable, "-m", "phraselint", "audit", *args, "--help"],
                              capture_output=True, text=True, timeout=60).stdout

    english = helped("--lang", "en")
    assert "a bad row skipped" in english and "with --diff" not in english
    assert "坏行被跳过" in helped()
