"""The service's compiled packs: one build, a Linter per reader and set of role labels asked for.

The packs are compiled once (packs/build_cache.py, which also serves `check`); a request that
names a reader (`variant`) or extra role labels gets a Linter made from the same build, which
costs no compiling. Those Linters are kept in a small least-recently-used table, so that a
client sending new role labels on every request cannot grow the process without bound.

A `Linters` is never changed once built: reloading (SIGHUP) builds a new one beside it, and the
application swaps the reference (server.py). Each is used from one worker thread at a time
(app.py), so its table needs no lock.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, NamedTuple

from ..cli.configure import check_per_file_selectors, linter_arguments
from ..engine.linter import Linter
from ..engine.transcripts import Roles
from ..packs.build_cache import load_compiled
from ..packs.compile import BuiltPacks
from ..text.script import variant_name

MAX_LINTERS = 16  # readers × role sets kept built; a 17th evicts the least recently used


class Asked(NamedTuple):
    """What a request may change about the Linter: the reader and extra role labels."""

    variant: str | None = None
    staff: tuple[str, ...] = ()
    customer: tuple[str, ...] = ()


class Linters:
    """The Linter the service was started with (`base`), and those requests ask for."""

    def __init__(self, built: BuiltPacks, arguments: dict[str, Any], lang: str | None = None):
        self.built = built
        self.arguments = arguments  # Linter's keyword arguments from the configuration and options
        self.lang = lang  # the interface language given (--lang, configuration): the paste page's
        self.base = Linter(arguments["packs"], built=built, **self._keywords(arguments["variant"], arguments["roles"]))
        self.loaded_at = time.time()
        self._made: OrderedDict[Asked, Linter] = OrderedDict()

    @classmethod
    def build(cls, options: Any) -> Linters:
        """Read the configuration and compile (or load from the cache) the packs it names."""
        config, arguments = linter_arguments(options)
        built = load_compiled(arguments["packs"], list(arguments["search_paths"]))
        linters = cls(built, arguments, options.lang or config.lang)
        check_per_file_selectors(config, linters.base)
        return linters

    def _keywords(self, variant: str | None, roles: Roles) -> dict[str, Any]:
        given = self.arguments
        return {"search_paths": given["search_paths"], "selection": given["selection"], "variant": variant,
                "roles": roles, "similar": given["similar"]}

    def for_request(self, asked: Asked) -> Linter:
        """The Linter for a request's reader and role labels (the base one when it asks for neither)."""
        if asked == Asked():
            return self.base
        variant = variant_name(asked.variant) if asked.variant else None
        key = Asked(variant, asked.staff, asked.customer)
        linter = self._made.get(key)
        if linter is not None:
            self._made.move_to_end(key)
            return linter
        roles = self.base.roles.with_extra(asked.staff, asked.customer)
        linter = Linter(self.arguments["packs"], built=self.built,
                        **self._keywords(variant or self.base.variant, roles))
        self._made[key] = linter
        if len(self._made) > MAX_LINTERS:
            self._made.popitem(last=False)
        return linter
