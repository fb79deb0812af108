"""A rewritten span maps back to the folded text as each of its two ends does on its own."""

from __future__ import annotations

import random

from phraselint.text.lexicon import Rewrite, Rewrites


def test_to_folded_is_back_of_the_start_and_of_the_last_character_for_random_rewrites():
    rng = random.Random(1)
    for _ in range(500):
        spans, position, old = [], 0, 0
        for _ in range(rng.randint(0, 6)):
            gap = rng.randint(0, 4)
            position, old = position + gap, old + gap
            new_length, old_length = rng.randint(1, 4), rng.randint(1, 4)
            spans.append(Rewrite(position, position + new_length, old, old + old_length, "x" * old_length, "y" * new_length, "v"))
            position, old = position + new_length, old + old_length
        rewrites = Rewrites(tuple(spans), tuple(s.start for s in spans))
        for start in range(position + 3):
            for end in range(start, position + 4):
                if start < end:
                    expected = rewrites._back(start, False), rewrites._back(end - 1, True)
                else:
                    expected = (rewrites._back(start, False),) * 2
                assert rewrites.to_folded(start, end) == expected, (spans, start, end)
