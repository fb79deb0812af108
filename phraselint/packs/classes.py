"""Word classes: named sets of wordings usable inside phrases as `{name}`.

    classes:
      不知: [不知道, 不清楚, 不晓得, 哪知道, 谁知道]
      我方: [我, 我们, '我们(物业|管理处)']
    phrases:
      - '{我方}[也|都]{不知}'

A class is written once and shared: the files in the built-in `rules/classes/` folder define
classes every pack may use, and a pack's own `classes:` mapping adds classes for it alone
(a name may not be defined twice). A member is phrase syntax without gaps, anchors or
contexts, and may itself use other classes; `{name}` is replaced by the alternation of its
members before the phrase is parsed, so the phrase syntax, its expansion limits and its
errors are those of any phrase. `…{12}` stays a gap size.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from ..errors import PackError, Problem
from ..i18n.choice import N_
from ..i18n.message import say
from .field_checker import FieldChecker
from .syntax import PatternError, parse_pattern, shown
from .yaml_source import LocatedDict, YamlProblem, load_located, read_source

CLASS_NAME = re.compile(r"^[^\s{}()\[\]|…^$<>\\\d][^\s{}()\[\]|…^$<>\\]{0,23}$")
_REFERENCE = re.compile(r"(?<![…\\])\{([^{}]*)\}")  # {name}, not …{12} (a gap size) nor \{
MAX_DEPTH = 8  # classes using classes


class WordClass(NamedTuple):
    name: str
    members: tuple[str, ...]
    file: str
    line: int


class ClassTable(NamedTuple):
    """Classes by name, and the files they were read from (a build depends on them)."""

    classes: dict[str, WordClass]
    files: tuple[str, ...] = ()

    def with_pack(self, check: FieldChecker, data: LocatedDict) -> "ClassTable":
        """This table plus a pack's own `classes:` mapping (problems go to `check`)."""
        own = read_classes(check, data, self.classes)
        return ClassTable({**self.classes, **own}, self.files) if own else self

    def expand(self, source: str) -> str:
        """`source` with every {name} replaced by its members' alternation (PatternError if unknown)."""
        return self._expand(source, ())

    def _expand(self, source: str, chain: tuple[str, ...]) -> str:
        if "{" not in source:
            return source

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.isdigit():
                return match.group(0)  # a gap size written after a space or a group: let the parser judge
            word_class = self.classes.get(name)
            if word_class is None:
                known = ", ".join(sorted(self.classes)) or say("none")
                raise PatternError(say("unknown word class {name} in phrase {phrase} (known: {known})", name=f"{{{name}}}",
                                       phrase=shown(source), known=known))
            if name in chain:
                raise PatternError(say("word class {name} uses itself ({chain})", name=f"{{{name}}}",
                                       chain=" → ".join((*chain, name))))
            if len(chain) >= MAX_DEPTH:
                raise PatternError(say("word classes nest more than {limit} deep in {phrase}", limit=MAX_DEPTH,
                                       phrase=shown(source)))
            return "(" + "|".join(self._expand(m, (*chain, name)) for m in word_class.members) + ")"

        return _REFERENCE.sub(replace, source)


def read_classes(check: FieldChecker, data: LocatedDict, known: dict[str, WordClass]) -> dict[str, WordClass]:
    """The `classes:` mapping of a pack or class file, validated."""
    if "classes" not in data:
        return {}
    raw = data["classes"]
    if not isinstance(raw, LocatedDict):
        check.add(data.line_of("classes"), say("must be a mapping of class names to lists of wordings"), "classes")
        return {}
    found: dict[str, WordClass] = {}
    for name in raw:
        line = raw.line_of(name)
        field = f"classes.{name}"
        if not isinstance(name, str) or not CLASS_NAME.match(name):
            check.add(line, say("a class name is up to 24 characters without spaces or phrase syntax, not starting with a digit"), field)
            continue
        if name in known:
            first = known[name]
            check.add(line, say("class {name} is already defined at {where}", name=f"{{{name}}}", where=f"{first.file}:{first.line}"), field)
            continue
        members = [m for m, _ in check.text_list(raw, name)]
        for member in members:
            if any(mark in member for mark in "…^$<>") or "..." in member:
                check.add(line, say("member {member}: gaps, anchors and contexts are not allowed in a class", member=shown(member)), field)
        if len(set(members)) != len(members):
            check.add(line, say("lists a member twice"), field)
        if members:
            found[name] = WordClass(name, tuple(members), check.file, line)
    table = ClassTable({**known, **found})
    for word_class in found.values():  # every member must parse once its classes are expanded
        check.rule = None
        for member in word_class.members:
            try:
                parse_pattern(table.expand(member))
            except PatternError as exc:
                check.add(word_class.line, exc.args[0], f"classes.{word_class.name}")
    return found


def builtin_classes_dir(rules_dir: Path) -> Path:
    return rules_dir / "classes"


def load_class_files(folder: Path) -> ClassTable:
    """The shared classes: every YAML file in `folder` (the built-in rules/classes/)."""
    classes: dict[str, WordClass] = {}
    problems: list[Problem] = []
    files = sorted(str(p) for p in folder.glob("*.yaml")) if folder.is_dir() else []
    for file in files:
        try:
            data = load_located(read_source(file))
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(file, None, say("cannot read word classes: {reason}", reason=getattr(exc, "strerror", None) or getattr(exc, "reason", None) or str(exc))))
            continue
        except YamlProblem as exc:
            problems.append(Problem(file, exc.line, exc.message))
            continue
        check = FieldChecker(file)
        if not isinstance(data, LocatedDict):
            problems.append(Problem(file, 1, say("a class file is a YAML mapping with 'classes' (and 'source')")))
            continue
        check.unknown(data, {"classes", "source", "description"}, N_("a class file"))
        if "classes" not in data:
            check.add(data.line, say("is required"), "classes")
        classes.update(read_classes(check, data, classes))
        problems.extend(check.problems)
    if problems:
        raise PackError(problems)
    return ClassTable(classes, tuple(files))
