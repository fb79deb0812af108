"""Where rule packs are found: the built-in folder, and a pack named by path or by name."""

from __future__ import annotations

from typing import Iterable

from ..errors import PackError, Problem
from ..i18n.message import say
from ..lazy import pathlib


def builtin_dir() -> pathlib.Path:
    """Where the packs shipped with phraselint are.

    They live in the top-level rules/ folder, which an install places at phraselint/rules;
    a source checkout (or an editable install) reads them from rules/ itself.
    """
    here = pathlib.Path(__file__).resolve().parent.parent  # the phraselint package
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def builtin_pack_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve_pack(spec: str, *, relative_to: pathlib.Path | None = None, search_paths: Iterable[pathlib.Path] = ()) -> pathlib.Path:
    """A pack given by path (absolute, or relative to the pack that names it) or by name."""
    candidate = pathlib.Path(spec)
    if spec.endswith((".yaml", ".yml")) or "/" in spec or "\\" in spec:
        if not candidate.is_absolute() and relative_to is not None:
            candidate = relative_to / candidate
        return candidate
    for folder in [*search_paths, builtin_dir()]:
        for suffix in (".yaml", ".yml"):
            path = pathlib.Path(folder) / f"{spec}{suffix}"
            if path.is_file():
                return path
    known = ", ".join(builtin_pack_names())
    raise PackError([Problem(spec, None, say("no rule pack named '{spec}' (built-in packs: {known})", spec=spec, known=known))])

