"""YAML read with a safe loader into plain dicts and lists that remember their line numbers.

Validation errors must name the line of the offending field, which plain `yaml.safe_load`
forgets; duplicate keys, which YAML silently lets the last one win, are reported too.
"""

from __future__ import annotations

class LocatedDict(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LocatedList(list):
    line: int = 0
    item_lines: list


class YamlProblem(Exception):
    def __init__(self, line: int | None, message: str):
        self.line = line
        self.message = message
        super().__init__(message)


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _convert(node, constructor):
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        raise YamlProblem(line, f"invalid YAML: unsupported tag {node.tag}")
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.line = line
        result.key_lines = {}
        constructor.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _convert(key_node, constructor)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise YamlProblem(key_node.start_mark.line + 1, "mapping keys must be plain text")
            key = str(key)
            if key in result:
                raise YamlProblem(key_node.start_mark.line + 1, f"duplicate key '{key}'")
            result[key] = _convert(value_node, constructor)
            result.key_lines[key] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList(_convert(child, constructor) for child in node.value)
        items.line = line
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items
    return constructor.construct_object(node, deep=True)


def load_located(text: str):
    """Parse one YAML document; raises YamlProblem with a line number on any error.
    (PyYAML is imported here, not at start-up: with the compiled-pack cache warm it is never needed.)"""
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise YamlProblem(line, f"invalid YAML: {problem}") from None
    if node is None:
        return None
    constructor = yaml.constructor.SafeConstructor()
    try:
        return _convert(node, constructor)
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise YamlProblem(mark.line + 1 if mark else None, f"invalid YAML: {exc.problem}") from None
