"""One locale's interface strings, loaded from the package's compiled gettext catalogue."""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources

from .msgfmt import compile_po

DOMAIN = "phraselint"


class Catalogue:
    """A locale's strings: `tr` for one, `trn` for one that depends on a count. Values are
    filled in with str.format after translation, so a catalogue may reorder them."""

    __slots__ = ("locale", "_translations")

    def __init__(self, locale: str, translations: gettext.NullTranslations):
        self.locale = locale
        self._translations = translations

    def tr(self, msgid: str, /, **values: object) -> str:
        text = self._translations.gettext(msgid)
        return text.format(**values) if values else text

    def trn(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        return self._translations.ngettext(singular, plural, n).format(n=n, **values)

    def __repr__(self) -> str:
        return f"Catalogue({self.locale!r})"


def catalogue_file(locale: str, suffix: str = ".mo"):
    """Where a locale's catalogue is in the installed package (a Traversable)."""
    return resources.files(__package__).joinpath("locales", locale, "LC_MESSAGES", DOMAIN + suffix)


@functools.cache
def catalogue(locale: str) -> Catalogue:
    """The locale's compiled catalogue (read once per process: it is immutable data). A source
    tree that was never built has only the .po: it is compiled in memory, as setup.py would."""
    compiled = catalogue_file(locale)
    if compiled.is_file():
        data = compiled.read_bytes()
    else:
        source = catalogue_file(locale, ".po")
        if not source.is_file():
            raise LookupError(f"no interface catalogue for {locale}")
        data = compile_po(source.read_text("utf-8"))
    return Catalogue(locale, gettext.GNUTranslations(io.BytesIO(data)))
