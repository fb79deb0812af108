"""The rewrite stage: one polite version of a whole text, made from the findings.

    polite = polite_version(linter, "这个我不知道，你去问别人吧")
    polite.text   # 不好意思，这方面我不太清楚，我帮您查询后回复您。

Each rewrite knows its scope (a drop-in for the span, or the clause or sentence that holds
the hit: choice.py), may reuse a wording of the match through a {class} slot, is written in
the reader's script with 你 → 您, and meets the text with its punctuation fitted (units.py);
compose.py puts them together and checks the result again; of_input.py writes the
version of a read input back into that input's format (Markdown, HTML, a chat log). `scoped` gives one chosen
suggestion fitted the same way, for `fix -i`.
"""

from __future__ import annotations

from .compose import Polite, polite_version
from .of_input import PoliteInput, polite_input
from .scoped import scoped
from .units import Piece

__all__ = ["Piece", "Polite", "PoliteInput", "polite_input", "polite_version", "scoped"]
