"""Which catalogue a run, or one text of it, shows its interface in.

Imported at start-up (the configuration checks `lang` against LANGS); a catalogue file is
read when a string of its locale is first shown (catalogue.py).
"""

from __future__ import annotations

from typing import Iterable

from .catalogue import Catalogue, catalogue

LANGS = ("zh", "en")
ENGLISH = "en"
LOCALES = {"cn": "zh_Hans_CN", "tw": "zh_Hant_TW", "hk": "zh_Hant_HK"}  # a reader variant's Chinese locale
DEFAULT_VARIANT = "cn"


def N_(msgid: str) -> str:
    """Marks a string for translation where it is declared; it is translated where shown."""
    return msgid


class Interface:
    """One run's interface: `lang` (zh or en) and the reader `variant` given (cn, tw, hk), or
    None for each text's own. Plain data, so that a worker process gets the same one."""

    __slots__ = ("lang", "variant")

    def __init__(self, lang: str | None = None, variant: str | None = None):
        self.lang = (lang or "zh").lower()
        self.variant = variant
        if self.lang not in LANGS:
            raise ValueError(f"unknown interface language {lang!r} (expected zh or en)")

    @classmethod
    def from_argv(cls, argv: list[str]) -> Interface:
        """The interface an argument list asks for (--lang, --variant), for what is said before
        or without its options being read (an interrupted start: "Aborted.")."""
        values: dict[str, str] = {}
        for index, arg in enumerate(argv):
            for flag in ("--lang", "--variant"):
                if arg == flag and index + 1 < len(argv):
                    values[flag] = argv[index + 1].lower()
                elif arg.startswith(flag + "="):
                    values[flag] = arg.partition("=")[2].lower()
        lang = values.get("--lang") if values.get("--lang") in LANGS else None
        variant = values.get("--variant")
        return cls(lang, {"t": "tw"}.get(variant, variant) if variant in (*LOCALES, "t") else None)

    def __getstate__(self):
        return self.lang, self.variant

    def __setstate__(self, state):
        self.lang, self.variant = state

    def __repr__(self) -> str:
        return f"Interface({self.lang!r}, {self.variant!r})"

    def locale(self, variant: str | None = None) -> str:
        """The locale for a text whose reader is `variant` (None: the run's, else mainland)."""
        if self.lang == ENGLISH:
            return ENGLISH
        return LOCALES.get(self.variant or variant or DEFAULT_VARIANT, LOCALES[DEFAULT_VARIANT])

    def of(self, variant: str | None = None) -> Catalogue:
        """The catalogue for a text whose reader is `variant` (FileResult.variant)."""
        return catalogue(self.locale(variant))

    def of_run(self, variants: Iterable[str | None]) -> Catalogue:
        """The catalogue for what a whole run shows (its summary, a page's headings): the
        reader most of its texts are for (the first met of those tied), mainland with none."""
        counts: dict[str | None, int] = {}
        for variant in variants:
            counts[variant] = counts.get(variant, 0) + 1
        return self.of(max(counts, key=counts.__getitem__) if counts else None)
