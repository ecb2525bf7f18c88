"""Dates, numbers, money and percentages in each language's Kosovo conventions (CLDR).

Reports use medium or long dates: the ``sq_XK`` short date has a two-digit year.

Each Babel call parses the locale identifier again and looks its pattern up, which cost
more than the formatting itself (≈ 15 ms of the Dashboard's figures at a million
activities).  Here a language's ``Locale`` and patterns are found on first use and kept for
the process (four languages, a handful of patterns each), and every value is formatted by
the same ``apply`` the Babel call makes, with Babel's own defaults; the tests hold each
function to the Babel call it stands for.  The reports format through the same cache.

Babel is imported by the function that first needs it, not by this module: the services
import it to name their formats, and a command that formats nothing (``csodesk list
projects``) should not pay for ``babel.dates`` (its time zones and calendar) or
``babel.numbers``.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING

from desktop.i18n.languages import language

if TYPE_CHECKING:
    from babel import Locale
    from babel.dates import DateTimePattern
    from babel.numbers import NumberPattern

DATE_STYLES = ("full", "long", "medium", "short")


def babel_locale(code: str) -> str:
    return language(code).babel_locale


@dataclass(frozen=True)
class LocaleFormats:
    """One language's Babel locale and the patterns Babel's default formats use."""

    locale: "Locale"
    decimal: "NumberPattern"
    percent: "NumberPattern"
    currency: "NumberPattern"


@cache
def locale_formats(code: str) -> LocaleFormats:
    """The language's ``Locale`` and default number patterns, parsed once per process."""
    from babel import Locale

    from desktop.i18n.locale_data import preload

    name = babel_locale(code)
    preload(name)
    locale = Locale.parse(name)
    return LocaleFormats(
        locale=locale,
        decimal=locale.decimal_formats[None],
        percent=locale.percent_formats[None],
        currency=locale.currency_formats["standard"],
    )


@cache
def _date_pattern(code: str, style: str) -> "DateTimePattern":
    """The parsed pattern ``babel.dates.format_date`` uses for ``style``: one of
    ``DATE_STYLES`` or a pattern of its own ("yyyy")."""
    from babel.dates import get_date_format, parse_pattern

    locale = locale_formats(code).locale
    return parse_pattern(get_date_format(style, locale=locale) if style in DATE_STYLES else style)


def format_date(value: date | None, code: str, style: str = "medium") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return _date_pattern(code, style).apply(value, locale_formats(code).locale)


def format_number(value: int | Decimal | float, code: str) -> str:
    formats = locale_formats(code)
    return formats.decimal.apply(value, formats.locale)


def format_money(amount: Decimal | None, currency: str, code: str) -> str:
    if amount is None:
        return ""
    formats = locale_formats(code)
    return formats.currency.apply(amount, formats.locale, currency=currency)


def format_ratio(value: Decimal | float | None, code: str) -> str:
    """A share (0.25) as a percentage ("25 %", "25%") in the language's style."""
    if value is None:
        return ""
    formats = locale_formats(code)
    return formats.percent.apply(value, formats.locale)


def parse_amount(text: str, code: str) -> Decimal:
    """Read an amount typed in the interface language ("1.234,50" or "1,234.50").

    Raises ``ValueError`` for text that is not a number.  Text Babel cannot read, even text
    it fails on with a decimal error ("1.e25" in Serbian), is read as a plain number.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if not cleaned:
        raise ValueError(text)
    try:
        return parse_decimal(cleaned, locale=locale_formats(code).locale, strict=True)
    except (NumberFormatError, InvalidOperation):
        pass
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
