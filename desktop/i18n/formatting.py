"""Dates, numbers, money and percentages in each language's Kosovo conventions (CLDR).

Reports use medium or long dates: the ``sq_XK`` short date has a two-digit year.

Babel is imported by the function that formats, not by this module: the services import
it to name their formats, and a command that formats nothing (``csodesk list projects``)
should not pay for ``babel.dates`` (its time zones and calendar) or ``babel.numbers``.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from desktop.i18n.languages import language


def babel_locale(code: str) -> str:
    return language(code).babel_locale


def format_date(value: date | None, code: str, style: str = "medium") -> str:
    from babel.dates import format_date as babel_format_date

    if value is None:
        return ""
    return babel_format_date(value, format=style, locale=babel_locale(code))


def format_number(value: int | Decimal | float, code: str) -> str:
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(code))


def format_money(amount: Decimal | None, currency: str, code: str) -> str:
    from babel.numbers import format_currency

    if amount is None:
        return ""
    return format_currency(amount, currency, locale=babel_locale(code))


def format_ratio(value: Decimal | float | None, code: str) -> str:
    """A share (0.25) as a percentage ("25 %", "25%") in the language's style."""
    from babel.numbers import format_percent

    if value is None:
        return ""
    return format_percent(value, locale=babel_locale(code))


def parse_amount(text: str, code: str) -> Decimal:
    """Read an amount typed in the interface language ("1.234,50" or "1,234.50").

    Raises ``ValueError`` for text that is not a number.
    """
    from babel.numbers import NumberFormatError, parse_decimal

    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if not cleaned:
        raise ValueError(text)
    try:
        return parse_decimal(cleaned, locale=babel_locale(code), strict=True)
    except NumberFormatError:
        pass
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
