"""The interface and report languages CSO Desk speaks, and their formatting locales.

The language code names the catalog folder under ``resources/i18n/``.  Babel reads
``sr@latin`` as Cyrillic data, so each language maps to its Kosovo formatting locale here,
explicitly, instead of being parsed.
"""

from typing import NamedTuple


class Language(NamedTuple):
    """One language (a named tuple rather than a dataclass: ``csodesk --help`` imports this
    module, and ``dataclasses`` costs it more than the rest of the catalog's loading)."""

    code: str  # catalog folder name
    native_name: str  # how the language names itself in the language menu
    babel_locale: str  # CLDR locale for dates, numbers and money
    bcp47: str  # for Qt's QLocale and document metadata


LANGUAGES: tuple[Language, ...] = (
    Language("sq", "Shqip", "sq_XK", "sq-XK"),
    Language("sr", "Српски", "sr_Cyrl_XK", "sr-Cyrl-XK"),
    Language("sr_Latn", "Srpski (latinica)", "sr_Latn_XK", "sr-Latn-XK"),
    Language("en", "English", "en", "en"),
)
DEFAULT_LANGUAGE = "en"
_BY_CODE = {language.code: language for language in LANGUAGES}
_ALIASES = {
    "sr_cyrl": "sr",
    "sr_cyrl_xk": "sr",
    "sr_cyrl_rs": "sr",
    "sr_rs": "sr",
    "sr_xk": "sr",
    "sr@latin": "sr_Latn",
    "sr_latn": "sr_Latn",
    "sr_latn_xk": "sr_Latn",
    "sr_latn_rs": "sr_Latn",
    "sr_rs@latin": "sr_Latn",
    "sq_xk": "sq",
    "sq_al": "sq",
    "sq_mk": "sq",
}


def language(code: str) -> Language:
    """The language for a code such as ``sq``, ``sr_Latn``, ``sr-Latn-XK`` or ``en_GB``."""
    normalized = normalize_language(code)
    if normalized is None:
        raise KeyError(code)
    return _BY_CODE[normalized]


def normalize_language(code: str | None) -> str | None:
    """Map a locale name to one of our language codes, or ``None`` if we do not speak it."""
    if not code:
        return None
    key = code.strip().replace("-", "_").split(".")[0]
    if key in _BY_CODE:
        return key
    lowered = key.lower()
    if lowered in _ALIASES:
        return _ALIASES[lowered]
    base = lowered.split("_")[0].split("@")[0]
    return base if base in _BY_CODE else None


def language_codes() -> tuple[str, ...]:
    return tuple(language.code for language in LANGUAGES)
