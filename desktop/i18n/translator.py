"""One language's translations, with the fallback chain built explicitly.

The stdlib would let ``sr_Latn`` fall back to the Cyrillic ``sr`` catalog, putting Cyrillic
words into a Latin screen.  Here each language has exactly one chain: its own catalog, then
the English source text.  Serbian Latin's own catalog is the Cyrillic one transliterated,
under whatever ``sr_Latn.po`` overrides.

Catalogs are read once per process, from their compiled copy in the user's cache when the
``.po`` files have not changed since (``desktop.i18n.compiled``), and kept;
``reload_catalogs()`` forgets them, so that a translator's saved ``.po`` file is read again
(translator mode), and tells whoever keeps translated text of their own to forget it too.
"""

from collections.abc import Callable
from functools import cache
from pathlib import Path

from desktop.i18n.compiled import compiled_catalog
from desktop.i18n.languages import DEFAULT_LANGUAGE, language
from desktop.i18n.lookup import Catalog, context_key, po_path

_reload_hooks: list[Callable[[], None]] = []


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


def catalog_files(i18n_dir: Path, code: str) -> tuple[Path, ...]:
    """The ``.po`` files a language is made of (Serbian Latin: the Cyrillic one, then its own)."""
    if code == "sr_Latn":
        return po_path(i18n_dir, "sr"), po_path(i18n_dir, "sr_Latn")
    return (po_path(i18n_dir, code),)


def load_catalog(i18n_dir: Path, code: str, *, log_issues: bool = True) -> Catalog:
    """Read a language's catalog; problems are logged (file and line) and cost only the
    entries concerned.  English needs no file, and the Latin overrides may be empty."""
    from desktop.i18n.catalog import PLURAL_COUNTS, read_catalog, transliterated

    if code == "sr_Latn":
        cyrillic = read_catalog(
            po_path(i18n_dir, "sr"),
            PLURAL_COUNTS["sr"],
            report_untranslated=True,
            log_issues=log_issues,
        )
        overrides = read_catalog(
            po_path(i18n_dir, "sr_Latn"), PLURAL_COUNTS["sr_Latn"], log_issues=log_issues
        )
        return transliterated(cyrillic, overrides)
    return read_catalog(
        po_path(i18n_dir, code),
        PLURAL_COUNTS.get(code),
        report_untranslated=code != DEFAULT_LANGUAGE,
        log_issues=log_issues,
    )


@cache
def _cached_translator(i18n_dir: Path, code: str) -> Translator:
    catalog = compiled_catalog(
        i18n_dir, code, catalog_files(i18n_dir, code), lambda: load_catalog(i18n_dir, code)
    )
    return Translator(code, catalog)


def translator_for(code: str | None, i18n_dir: Path | None = None) -> Translator:
    """The translator for a language code; unknown codes get English."""
    from desktop import resources

    try:
        resolved = language(code or DEFAULT_LANGUAGE).code
    except KeyError:
        resolved = DEFAULT_LANGUAGE
    return _cached_translator(i18n_dir or resources.i18n_dir(), resolved)


def on_catalogs_reloaded(hook: Callable[[], None]) -> Callable[[], None]:
    """Call ``hook()`` whenever the catalogs are read again, for a module that caches
    translated text (a table of headers in every language); returns the unsubscriber."""
    _reload_hooks.append(hook)
    return lambda: _reload_hooks.remove(hook) if hook in _reload_hooks else None


def reload_catalogs() -> None:
    """Forget the loaded catalogs, so edited ``.po`` files are read again."""
    _cached_translator.cache_clear()
    for hook in list(_reload_hooks):
        hook()


def reload_interface_language() -> str:
    """Read the catalogs again and switch to the current language anew, so every listener
    relabels its words from the edited files; returns the language code."""
    from desktop import i18n

    reload_catalogs()
    return i18n.set_language(i18n.current_language())
