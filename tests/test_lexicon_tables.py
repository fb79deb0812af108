"""The dialect layer's lookup tables carry each marker's bits on exactly the code points that fold to it."""

from __future__ import annotations

import numpy as np

from phraselint.text.lexicon import MARK_SHIFT, Reader
from phraselint.text.normalise import fold_table


def test_the_tables_equal_a_whole_table_of_marks_gathered_through_the_fold(linter):
    reader = Reader(linter.compiled.lexicon)
    marks = np.zeros(0x110000, dtype=np.uint32)
    for code, bits in reader.marker_bits.items():
        marks[code] = bits
    fold = fold_table()
    assert np.array_equal(reader.table(), np.arange(0x110000, dtype=np.uint32) | (marks << MARK_SHIFT))
    assert np.array_equal(reader.table(fold), fold | (marks[np.minimum(fold, 0x10FFFF)] << MARK_SHIFT))
    assert reader.table(fold).dtype == np.uint32 and len(reader.marker_bits) > 10
