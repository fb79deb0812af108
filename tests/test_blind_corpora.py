"""The blind corpora follow the label schema of the brief they were written from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "corpora"
SETS = ("blind", "blind2", "blind3", "blind4", "blind5", "blind6", "heldout")  # tuned on in turn; heldout: round 6's, unseen
FILES = [path for name in SETS for path in sorted((ROOT / name).glob("*.jsonl"))]
DIFFICULTIES = {"exact", "inflected", "paraphrase", "dialect"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_items_follow_the_schema(path):
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        assert item["id"] not in ids
        ids.add(item["id"])
        assert item["region"] in ("cn", "tw", "hk") and item["script"] in ("simplified", "traditional"), item["id"]
        for span in item["expected"]:
            assert item["text"][span["start"]:span["end"]] == span["surface"], item["id"]
            assert span["difficulty"] in DIFFICULTIES and span["intent"], item["id"]
        if item["kind"] == "chat":
            assert isinstance(json.loads(item["text"]), list), item["id"]


def test_every_set_is_there():
    assert {p.parent.name for p in FILES} == set(SETS)
    assert sum(1 for p in FILES for _ in p.read_text(encoding="utf-8").splitlines()) >= 1700


def test_ids_are_unique_across_sets():
    ids = [json.loads(line)["id"] for p in FILES for line in p.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == len(set(ids))
