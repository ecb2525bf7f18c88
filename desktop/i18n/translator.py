"""One language's translations, with the fallback chain built explicitly.

The stdlib would let ``sr_Latn`` fall back to the Cyrillic ``sr`` catalog, putting Cyrillic
words into a Latin screen.  Here each language has exactly one chain: its own catalog, then
the English source text.  Serbian Latin's own catalog is the Cyrillic one transliterated,
under whatever ``sr_Latn.po`` overrides.
"""

from functools import cache
from pathlib import Path

from desktop.i18n.catalog import Catalog, context_key, po_path, read_catalog, transliterated
from desktop.i18n.languages import DEFAULT_LANGUAGE, language


class Translator:
    """gettext, ngettext and pgettext for one language."""

    def __init__(self, code: str, catalog: Catalog) -> None:
        self.code = code
        self.catalog = catalog

    def gettext(self, message: str) -> str:
        return self.catalog.lookup(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        found = self.catalog.lookup_plural(singular, n)
        if found:
            return found
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        return self.catalog.lookup(context_key(context, message)) or message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        found = self.catalog.lookup_plural(context_key(context, singular), n)
        if found:
            return found
        return singular if n == 1 else plural


def load_catalog(i18n_dir: Path, code: str) -> Catalog:
    if code == "sr_Latn":
        cyrillic = read_catalog(po_path(i18n_dir, "sr"))
        return transliterated(cyrillic, read_catalog(po_path(i18n_dir, "sr_Latn")))
    return read_catalog(po_path(i18n_dir, code))


@cache
def _cached_translator(i18n_dir: Path, code: str) -> Translator:
    return Translator(code, load_catalog(i18n_dir, code))


def translator_for(code: str | None, i18n_dir: Path | None = None) -> Translator:
    """The translator for a language code; unknown codes get English."""
    from desktop.resources import I18N_DIR

    try:
        resolved = language(code or DEFAULT_LANGUAGE).code
    except KeyError:
        resolved = DEFAULT_LANGUAGE
    return _cached_translator(i18n_dir or I18N_DIR, resolved)


def reload_catalogs() -> None:
    """Forget the loaded catalogs, so edited ``.po`` files are read again."""
    _cached_translator.cache_clear()
