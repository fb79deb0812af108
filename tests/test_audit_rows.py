"""Row numbers of `phraselint audit`'s bad rows are exact: a CSV record is named by the line it
starts on as an editor numbers lines (quoted line breaks, CRLF and CR endings, blank lines and
a BOM whatever the block they fall in), a JSON line by its line, a Parquet row by its place
counted from 1 across row groups. The CSV reference here is Python's csv module, whose
`line_num` counts lines as an editor does, against pyarrow's parser in the code."""

from __future__ import annotations

import csv
import io
import json
import random

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from phraselint.audit import tables
from phraselint.audit.tables import call_ids, read_table
from phraselint.cli.app import cli

COLUMNS = {name: name for name in ("call_id", "turn", "role", "text", "agent_id", "team", "timestamp")}
HEADER = ["call_id", "turn", "role", "text"]


def numbered(path) -> tuple[dict[int, str], dict[int, str]]:
    """What the reader gives: row number -> text of good rows, row number -> reason of bad rows."""
    good, bad = {}, {}
    for rows, skipped in read_table(str(path), COLUMNS):
        for row in rows:
            assert row.row not in good
            good[row.row] = row.text
        for row in skipped:
            bad[row.row] = row.reason.template
    return good, bad


def reference(data: bytes) -> tuple[dict[int, str], set[int]]:
    """Each record's first line by Python's csv module: the good records' texts, the malformed lines."""
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    next(reader)
    good, bad, before = {}, set(), reader.line_num
    for record in reader:
        start, before = before + 1, reader.line_num
        if not any(record):
            continue  # a blank line
        if len(record) != len(HEADER):
            bad.add(start)
        else:
            good[start] = record[3]
    return good, bad


def messy_csv(seed: int, records: int, newline: str, bom: bool) -> bytes:
    """Records whose texts hold quoted line breaks of every kind, with blank and malformed lines between."""
    draw = random.Random(seed)
    out = io.StringIO(newline="")
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(HEADER)
    for n in range(records):
        roll = draw.random()
        if roll < 0.05:
            out.write(newline)  # a blank line
        elif roll < 0.1:
            out.write(f"c{n},1,客服,多,一个字段{newline}")  # five fields for four
        pieces = [draw.choice(["您好", "请稍等", "a,b", '说"好"', "谢谢"]) for _ in range(draw.randint(1, 3))]
        text = draw.choice(["\n", "\r\n", "\r", "\n\n", ""]).join(pieces)
        writer.writerow([f"c{n // 3}", n, "客服", text])
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [False, True])
def test_csv_rows_are_the_lines_they_start_on(tmp_path, monkeypatch, newline, bom):
    data = messy_csv(len(newline) * 10 + bom, 600, newline, bom)
    path = tmp_path / "calls.csv"
    path.write_bytes(data)
    monkeypatch.setattr(tables, "CSV_BLOCK", 1024)  # records, blank and malformed lines across many blocks
    good, bad = numbered(path)
    expected_good, expected_bad = reference(data)
    assert expected_bad and max(expected_good) > 900  # the draw has malformed lines and many quoted breaks
    assert list(good) == list(expected_good)
    # pyarrow's parser drops the \n of a quoted \r\n when a block ends between the two (pyarrow
    # 26; one line break either way, so the numbering is not affected): texts compared as lines
    assert {line: text.replace("\r\n", "\r") for line, text in good.items()} == \
        {line: text.replace("\r\n", "\r") for line, text in expected_good.items()}
    assert bad == {line: "expected {expected} fields, found {actual}" for line in expected_bad}
    pairs = [pair for batch in call_ids(str(path), COLUMNS) for pair in batch]
    assert [line for line, _ in pairs] == sorted(expected_good)  # the first pass numbers rows as the second


def test_a_csv_line_named_is_the_line_an_editor_shows(tmp_path):
    data = ("\ufeffcall_id,text\r\n"        # 1
            'c1,"您好\r\n'                   # 2: a record of three lines
            '\r\n'                            # 3
            '请问"\r\n'                      # 4
            "\r\n"                            # 5: blank
            "c1,\r\n"                         # 6: no text
            'c2,"a\rb"\r\n'                   # 7-8: a CR inside quotes is a line too
            "c2,x,y\r\n"                      # 9: three fields
            "c2,\xff\r\n").encode("utf-8").replace("\xff".encode(), b"\xff")  # 10: not UTF-8
    path = tmp_path / "calls.csv"
    path.write_bytes(data)
    assert path.read_bytes().decode("utf-8", "replace").splitlines()[9 - 1] == "c2,x,y"  # as an editor numbers lines
    good, bad = numbered(path)
    assert good == {2: "您好\r\n\r\n请问", 7: "a\rb"}
    assert bad == {6: "no text", 9: "expected {expected} fields, found {actual}", 10: "undecodable bytes (not UTF-8)"}
    result = CliRunner().invoke(cli, ["audit", "--quiet", str(path), "-o", str(tmp_path / "f.csv"), "--lang", "en"])
    assert f"{path}: row 9: skipped: expected 2 fields, found 3" in result.output
    assert f"{path}: row 10: skipped: undecodable bytes" in result.output


def test_a_malformed_line_in_the_first_block_is_a_bad_row_not_an_unreadable_table(tmp_path):
    path = tmp_path / "calls.csv"
    path.write_bytes("call_id,text\nc1,a,b\nc1,\xff\nc1,您好\n".encode().replace("\xff".encode(), b"\xff"))
    good, bad = numbered(path)
    assert good == {4: "您好"} and set(bad) == {2, 3}


def test_blocks_of_nothing_but_malformed_lines(tmp_path, monkeypatch):
    lines = ["call_id,text", "c1,您好"] + [f"c1,{n},多" for n in range(200)] + ["c1,请稍等", "c2,a,b"]
    path = tmp_path / "calls.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.setattr(tables, "CSV_BLOCK", 64)  # many blocks without a good row
    good, bad = numbered(path)
    assert good == {2: "您好", 203: "请稍等"}
    assert sorted(bad) == [*range(3, 203), 204]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_jsonl_rows_are_lines_with_a_bom_and_crlf(tmp_path, newline):
    lines = ["\ufeff" + json.dumps({"call_id": "c1", "text": "您好"}), "", json.dumps({"call_id": "c1", "text": ""}),
             "not json", json.dumps({"call_id": "c1", "text": "请稍等"}), "[1]"]
    path = tmp_path / "calls.jsonl"
    path.write_bytes(newline.join(lines).encode("utf-8") + newline.encode())
    good, bad = numbered(path)
    assert good == {1: "您好", 5: "请稍等"}
    assert bad == {3: "no text", 4: "not a JSON object", 6: "not a JSON object"}


def test_parquet_rows_are_counted_from_1_across_row_groups_and_batches(tmp_path, monkeypatch):
    rows = [{"call_id": f"c{n // 4}", "turn": n % 4 + 1, "text": "" if n % 97 == 5 else f"您好{n}"} for n in range(1000)]
    path = tmp_path / "calls.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=130)
    monkeypatch.setattr(tables, "BATCH_ROWS", 64)
    good, bad = numbered(path)
    assert good == {n + 1: row["text"] for n, row in enumerate(rows) if row["text"]}
    assert set(bad) == {n + 1 for n, row in enumerate(rows) if not row["text"]}  # row n is index n - 1
