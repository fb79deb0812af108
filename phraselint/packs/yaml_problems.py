"""What PyYAML says is wrong with a file, in the interface language: a table of its common
problems, as data.

PyYAML words its problems in English ("mapping values are not allowed here"). Each entry
below is one of them as PyYAML writes it, with what varies (a character, a token) as a
{placeholder}: it is the msgid, so the English stays PyYAML's own and each catalogue gives the
sentence in its language. A problem the table does not hold is shown as PyYAML wrote it,
after a sentence in the interface language (`invalid YAML: {yaml_says}`).
Adding one is adding a line here and its translation to each .po.
"""

from __future__ import annotations

import re

from ..i18n.choice import N_
from ..i18n.message import Message, say

PROBLEMS = (
    N_("mapping values are not allowed here"),
    N_("mapping keys are not allowed here"),
    N_("sequence entries are not allowed here"),
    N_("could not find expected ':'"),
    N_("expected <block end>, but found {token}"),
    N_("expected ',' or ']', but got {token}"),
    N_("expected ',' or '}}', but got {token}"),  # '}}' is one brace (str.format)
    N_("expected the node content, but found {token}"),
    N_("expected a comment or a line break, but found {char}"),
    N_("found character {char} that cannot start any token"),
    N_("found unknown escape character {char}"),
    N_("found undefined alias {alias}"),
    N_("found unexpected end of stream"),
    N_("found unexpected document separator"),
    N_("but found another document"),
    N_("invalid indentation or unclosed '[' or '{'"),  # no values: its braces are as written
)


def _pattern(msgid: str) -> re.Pattern[str]:
    """The msgid as a regular expression: each {name} a group, the rest literal."""
    parts = re.split(r"(\{\w+\})", msgid.replace("{{", "\0").replace("}}", "\1"))
    return re.compile("".join(f"(?P<{p[1:-1]}>.+?)" if re.fullmatch(r"\{\w+\}", p)
                              else re.escape(p.replace("\0", "{").replace("\1", "}")) for p in parts))


_PATTERNS = tuple((_pattern(msgid), msgid) for msgid in PROBLEMS)


def yaml_problem(problem: str) -> Message:
    """PyYAML's `problem` text as an invalid-YAML message, translated where the table holds it."""
    for pattern, msgid in _PATTERNS:
        match = pattern.fullmatch(problem)
        if match:
            return say("invalid YAML: {problem}", problem=say(msgid, **match.groupdict()))
    # the same English; in Chinese a sentence of its own, then PyYAML's words as they are
    return say("invalid YAML: {yaml_says}", yaml_says=problem)
