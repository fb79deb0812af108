"""What a Linter was built from, small enough to send to another process.

A worker process (`check --jobs`) is started fresh (the `spawn` start method: the only one
that works alike on Linux, macOS and Windows), so it cannot inherit the parent's compiled
linter; it builds its own from this spec instead, which reads the compiled-pack cache the
parent has just written rather than parsing YAML again.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple, Sequence

from ..packs.selection import Selection

if TYPE_CHECKING:
    from ..model import Pack
    from .transcripts import Roles


class LinterSpec(NamedTuple):
    """Linter's arguments as given, in picklable form (a Selection's read-only level mapping
    becomes pairs). Packs are names or paths (built from the cache), or Pack objects
    (compiled again where the spec is built). `Linter.from_spec` builds one from it."""

    packs: tuple[str | Pack, ...] | None
    search_paths: tuple[os.PathLike | str, ...]
    disable: tuple[str, ...]
    enable: tuple[str, ...]
    levels: tuple[tuple[str, object], ...]
    variant: str
    roles: Roles | None
    similar: bool = False  # the similar-wording layer (engine/similar.py)

    @classmethod
    def of(cls, packs: Sequence[str | Pack] | None, search_paths: tuple[os.PathLike | str, ...],
           selection: Selection | None, variant: str, roles: Roles | None, similar: bool = False) -> LinterSpec:
        if selection is None:
            return cls(None if packs is None else tuple(packs), search_paths, (), (), (), variant, roles, similar)
        return cls(None if packs is None else tuple(packs), search_paths, tuple(selection.disable),
                   tuple(selection.enable), tuple(selection.levels.items()), variant, roles, similar)

    def selection(self) -> Selection:
        return Selection(self.disable, self.enable, dict(self.levels))  # type: ignore[arg-type]
