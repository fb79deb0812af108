"""Quotations are found from their opening marks, as the regex engine's own search finds them."""

from __future__ import annotations

import json
import random
from pathlib import Path

from phraselint.engine import quotes

ROOT = Path(__file__).resolve().parent.parent


def by_finditer(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end() - 1) for m in quotes._quote_regex().finditer(text)]


def test_the_marks_found_give_finditers_quotations_on_every_corpus_item_and_random_text():
    texts = [json.loads(line)["text"] for path in sorted(ROOT.glob("corpora/**/*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(5)
    pieces = ["“", "”", "‘", "’", "「", "」", "『", "』", '"', "'", "\n", "不知道", "说", "x" * 70]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    for text in texts:
        assert quotes._openings(text) == sorted(i for i, c in enumerate(text) if c in quotes.OPENING_MARKS)
        assert quotes._find_quotes(text) == by_finditer(text), repr(text)
