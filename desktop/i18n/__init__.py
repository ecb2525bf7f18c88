"""Translation for every layer: ``_()``, ``ngettext()``, ``pgettext()`` and the language switch.

The interface language is process-wide; a report asks for its own translator with
``translator_for(code)``, so a report can be printed in the donor's language whatever the
screen shows.  Nothing here imports Qt: the user interface subscribes with
``on_language_changed`` and relabels itself.
"""

from collections.abc import Callable

from desktop.i18n.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    Language,
    language,
    language_codes,
    normalize_language,
)
from desktop.i18n.translator import Translator, reload_catalogs, translator_for

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "NP_",
    "N_",
    "Language",
    "Translator",
    "_",
    "current_language",
    "language",
    "language_codes",
    "ngettext",
    "normalize_language",
    "npgettext",
    "on_language_changed",
    "pgettext",
    "reload_catalogs",
    "set_language",
    "translator_for",
]

_current: Translator | None = None
_listeners: list[Callable[[str], None]] = []


def _active() -> Translator:
    global _current
    if _current is None:
        _current = translator_for(DEFAULT_LANGUAGE)
    return _current


def set_language(code: str) -> str:
    """Switch the interface language; returns the code actually used and tells listeners."""
    global _current
    _current = translator_for(code)
    for listener in list(_listeners):
        listener(_current.code)
    return _current.code


def current_language() -> str:
    return _active().code


def on_language_changed(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call ``listener(code)`` after each switch; returns a function that unsubscribes."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def _(message: str) -> str:
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _active().pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _active().npgettext(context, singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (enum labels, tables)."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark a string with a context for extraction without translating it now."""
    return message
