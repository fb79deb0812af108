"""The built-in role labels of transcripts, read from rules/transcripts/roles.yaml.

Labels are data (a site adds its own in the configuration), but they are needed by nearly
every check of a transcript, and a YAML parser costs 30-70 ms to import: the file keeps to
one `name: label label …` line per list, which this reads with str.split in well under a
millisecond. The file is read once per process, when a transcript first needs it.
"""

from __future__ import annotations

import functools
import os
from typing import NamedTuple

from ..errors import PackError, Problem
from ..i18n.message import say

LISTS = ("staff", "customer", "phone", "not")


class RoleLabels(NamedTuple):
    staff: tuple[str, ...]
    customer: tuple[str, ...]
    phone: tuple[str, ...]  # labels that make a transcript a phone call
    not_roles: tuple[str, ...]  # words before a colon that label no one (时间：…)


def roles_file() -> str:
    """rules/transcripts/roles.yaml: installed as phraselint/rules/…, or in a source checkout."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "rules", "transcripts", "roles.yaml")
    return installed if os.path.isfile(installed) else os.path.join(os.path.dirname(package), "rules", "transcripts", "roles.yaml")


def parse_labels(text: str, file: str) -> RoleLabels:
    found: dict[str, tuple[str, ...]] = {}
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        name, colon, labels = stripped.partition(":")
        name = name.strip()
        if not colon or name not in LISTS:
            problems.append(Problem(file, number, say("expected 'name: label label …' with a name of {names}", names=", ".join(LISTS))))
        elif name in found:
            problems.append(Problem(file, number, say("list '{name}' is given twice", name=name)))
        else:
            found[name] = tuple(labels.split())
    missing = [name for name in LISTS[:2] if not found.get(name)]
    if missing:
        problems.append(Problem(file, None, say("needs labels for {names}", names=", ".join(missing))))
    if problems:
        raise PackError(problems)
    return RoleLabels(found["staff"], found["customer"], found.get("phone", ()), found.get("not", ()))


@functools.cache
def builtin_labels() -> RoleLabels:
    file = roles_file()
    try:
        with open(file, encoding="utf-8") as handle:
            return parse_labels(handle.read(), file)
    except OSError as exc:
        raise PackError([Problem(file, None, say("cannot read the role labels: {reason}", reason=exc.strerror or str(exc)))]) from None
