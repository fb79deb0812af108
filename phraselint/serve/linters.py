"""The service's compiled packs: one build, a Linter per reader and set of role labels asked for.

The packs are compiled once (packs/build_cache.py, which also serves `check`); a request that
names a reader (`variant`) or extra role labels gets a Linter made from the same build, which
costs no compiling. One Linter per reader is made at the start; those for extra role labels
are kept in a small least-recently-used table, so that a client sending new role labels on
every request cannot grow the process without bound, and share their reader's ScriptWriter.

Every Linter made at the start checks and rewrites a few texts in both scripts before the
service answers anything: what a Linter builds on first use (its per-pattern checks, the
lexicon reader, the OpenCC converters and the segmenter's word index, which are read from
files) is built then, so that no request waits for it and no endpoint opens a file. (The
word index is an SQLite file in the cache folder, text/segmenter.py: opened then, it is read
through that open handle for words no earlier text touched.)

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
from ..rewrite import polite_version
from ..text.script import variant_name

MAX_LINTERS = 16  # role sets kept built; a 17th evicts the least recently used
READERS = ("cn", "tw", "hk")
# what the start-up check and rewrite go through: simplified and traditional, a mainland,
# Taiwan and Hong Kong reader's wording, a transcript
WARM_TEXTS = ("这个我不知道，你等一下", "這個我不知道，你冷靜一點", "呢個我唔知，你自己睇通告啦", "客服：喂？\n业主：停水了。\n客服：这个我不知道。")


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
        # one segmenter for all: the words it has looked up, and its word index, opened once
        self.built = built = built._replace(segmenter=self.base.segmenter)
        self._readers = {variant: Linter(arguments["packs"], built=built, **self._keywords(variant, arguments["roles"]))
                         for variant in READERS}
        self._made: OrderedDict[Asked, Linter] = OrderedDict()
        for linter in (self.base, *self._readers.values()):
            for text in WARM_TEXTS:
                polite_version(linter, text)
        self.loaded_at = time.time()

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
        variant = variant_name(asked.variant) if asked.variant else self.base.variant
        reader = self._readers[variant] if variant else self.base
        if not (asked.staff or asked.customer):
            return reader
        key = Asked(variant, asked.staff, asked.customer)
        linter = self._made.get(key)
        if linter is not None:
            self._made.move_to_end(key)
            return linter
        roles = self.base.roles.with_extra(asked.staff, asked.customer)
        linter = Linter(self.arguments["packs"], built=self.built, **self._keywords(variant, roles))
        # the same reader's writer, its converters already read (a Linter's own would read them again)
        linter.writer = reader.writer
        self._made[key] = linter
        if len(self._made) > MAX_LINTERS:
            self._made.popitem(last=False)
        return linter
