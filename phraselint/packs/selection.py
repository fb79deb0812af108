"""Which rules run and at what level: the user's --enable/--disable and level overrides."""

from __future__ import annotations

from types import MappingProxyType
from typing import Iterable, Mapping, NamedTuple

from ..errors import ConfigError
from ..model import Level, Rule
from ..i18n.message import lines, say


def matches(selector: str, rule: Rule) -> bool:
    """A selector names a rule id, an id prefix (inquiry, inquiry.*), a category or a pack."""
    selector = selector.removesuffix(".*")
    return (
        rule.id == selector
        or rule.id.startswith(selector + ".")
        or rule.category == selector
        or rule.pack == selector
    )


class Selection(NamedTuple):
    disable: tuple[str, ...] = ()
    enable: tuple[str, ...] = ()  # wins over disable, so a config's disable can be undone on the command line
    levels: Mapping[str, Level] = MappingProxyType({})  # read-only: a shared default must not be changed
    # where each selector was written ("file:line: 'disable'", "--enable"), to name it when it matches no rule
    origins: Mapping[str, tuple[str, ...]] = MappingProxyType({})

    def validate(self, rules: Iterable[Rule]) -> None:
        """A selector that matches no rule is a typo, not a no-op: every one is reported, at
        each place it was written."""
        rules = list(rules)
        problems: list = []
        for selector in dict.fromkeys((*self.disable, *self.enable, *self.levels)):
            if not any(matches(selector, rule) for rule in rules):
                message = say("no rule, category or pack matches '{selector}' (see `phraselint rules`)", selector=selector)
                places = self.origins.get(selector, ())
                problems.extend([say("{place}: {message}", place=place, message=message) for place in places]
                                if places else [message])
        if problems:
            raise ConfigError(lines(problems))

    def is_active(self, rule: Rule) -> bool:
        if any(matches(s, rule) for s in self.enable):
            return True
        return not any(matches(s, rule) for s in self.disable)

    def level_of(self, rule: Rule) -> Level:
        # the most specific selector (longest) wins
        best: tuple[int, Level] | None = None
        for selector, level in self.levels.items():
            if matches(selector, rule) and (best is None or len(selector) > best[0]):
                best = (len(selector), level)
        return best[1] if best else rule.level
