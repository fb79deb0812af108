"""YAML read with a safe loader into plain dicts and lists that remember their line numbers.

Validation errors must name the line of the offending field, which plain `yaml.safe_load`
forgets; duplicate keys, which YAML silently lets the last one win, are reported too.
"""

from __future__ import annotations

from ..i18n.message import say
from ..inputs.discovery import read_regular
from ..lazy import yaml
from .yaml_problems import yaml_problem

MAX_SOURCE_BYTES = 4 << 20  # a pack or configuration larger than this is refused, not read


def read_source(path: str) -> str:
    """A pack or configuration file's text: a regular file of bounded size only (see
    read_regular). Raises OSError (with a reason a user can act on) or UnicodeDecodeError."""
    return read_regular(path, MAX_SOURCE_BYTES).decode("utf-8-sig")


class LocatedDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    line: int = 0
    item_lines: list


class YamlProblem(Exception):
    """A file that is not YAML we read: the line (None: unknown) and a Message."""

    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


# A pack or configuration comes from a repository nobody vetted: bound what one file can make.
MAX_NODES = 200_000  # values after aliases are expanded (an alias bomb expands exponentially)
MAX_DEPTH = 64  # nesting of mappings and lists


class _Converter:
    """Nodes to LocatedDict/LocatedList/scalars, counting what aliases expand to."""

    def __init__(self, constructor) -> None:
        self.constructor = constructor
        self.nodes = 0
        self.open: set[int] = set()  # ids of the collections being converted (a recursive alias)

    def convert(self, node, depth: int = 0):

        line = node.start_mark.line + 1
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlProblem(line, say("invalid YAML: more than {limit} values once aliases are expanded", limit=f"{MAX_NODES:,}"))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            if node.tag not in _PLAIN_TAGS:
                raise YamlProblem(line, say("invalid YAML: unsupported tag {tag}", tag=node.tag))
            if depth >= MAX_DEPTH:
                raise YamlProblem(line, say("invalid YAML: nested more than {limit} levels deep", limit=MAX_DEPTH))
            if id(node) in self.open:
                raise YamlProblem(line, say("invalid YAML: an alias refers to a collection that holds it"))
            self.open.add(id(node))
            try:
                return self._mapping(node, depth) if isinstance(node, yaml.MappingNode) else self._sequence(node, depth)
            finally:
                self.open.discard(id(node))
        try:
            return self.constructor.construct_object(node, deep=True)
        except ValueError as exc:  # e.g. an integer of thousands of digits
            raise YamlProblem(line, yaml_problem(str(exc))) from None

    def _mapping(self, node, depth: int) -> LocatedDict:
        result = LocatedDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        self.constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YamlProblem(key_node.start_mark.line + 1, say("mapping keys must be plain text"))
            key = str(key)
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, say("duplicate key '{key}'", key=key))
            result[key] = self.convert(value_node, depth + 1)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result

    def _sequence(self, node, depth: int) -> LocatedList:
        items = LocatedList(self.convert(child, depth + 1) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items


def load_located(text: str):
    """Parse one YAML document; raises YamlProblem with a line number on any error.
    (PyYAML is imported here, not at start-up: with the compiled-pack cache warm it is never needed.)"""

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:  # PyYAML's composer recurses once per level of nesting
        raise YamlProblem(None, say("invalid YAML: nested too deeply")) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlProblem(line, yaml_problem(problem)) from None
    if node is None:
        return None
    constructor = yaml.constructor.SafeConstructor()
    try:
        return _Converter(constructor).convert(node)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else None, yaml_problem(str(exc.problem))) from None
