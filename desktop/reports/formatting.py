"""Dates, numbers, amounts and percentages for the reports, exactly as
``desktop.i18n.formatting`` and Babel write them, with each language's locale and patterns
looked up once.

A report formats a few hundred figures; each Babel call parses the locale identifier again,
looks its pattern up and (for a fixed pattern) parses the pattern, which cost three times
the formatting itself.  Here a language's ``Locale`` and patterns are found on first use
and kept for the process (four languages, a handful of patterns each), and every figure is
formatted by the same ``apply`` Babel calls, with Babel's own defaults; the tests hold each
function to the Babel call it stands for.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import DateTimePattern, format_datetime, get_date_format, match_skeleton
from babel.dates import parse_pattern as parse_date_pattern
from babel.numbers import NumberPattern, parse_pattern

from desktop.i18n.formatting import babel_locale

# Amounts to the cent, as a finance officer reads a budget table (no currency sign).
AMOUNT_PATTERN = "#,##0.00"
_DATE_STYLES = ("full", "long", "medium", "short")


@dataclass(frozen=True)
class _Formats:
    """One language's Babel locale and the patterns the reports use."""

    locale: Locale
    decimal: NumberPattern
    percent: NumberPattern
    currency: NumberPattern
    amount: NumberPattern
    dates: dict[str, DateTimePattern]

    def skeleton(self, skeleton: str) -> str:
        """The date pattern ``babel.dates.format_skeleton`` picks (fuzzily) for a skeleton."""
        skeletons = self.locale.datetime_skeletons
        if skeleton not in skeletons:
            skeleton = match_skeleton(skeleton, skeletons) or skeleton
        return str(skeletons[skeleton])


@cache
def _formats(code: str) -> _Formats:
    locale = Locale.parse(babel_locale(code))
    return _Formats(
        locale=locale,
        decimal=locale.decimal_formats[None],
        percent=locale.percent_formats[None],
        currency=locale.currency_formats["standard"],
        amount=parse_pattern(AMOUNT_PATTERN),
        dates={
            style: parse_date_pattern(get_date_format(style, locale=locale))
            for style in _DATE_STYLES
        },
    )


@cache
def _skeleton(code: str, skeleton: str) -> str:
    return _formats(code).skeleton(skeleton)


def format_number(value: int | Decimal | float, code: str) -> str:
    """As ``desktop.i18n.formatting.format_number``."""
    formats = _formats(code)
    return formats.decimal.apply(value, formats.locale)


def format_money(amount: Decimal | None, currency: str, code: str) -> str:
    """As ``desktop.i18n.formatting.format_money``: the amount with its currency's sign."""
    if amount is None:
        return ""
    formats = _formats(code)
    return formats.currency.apply(amount, formats.locale, currency=currency)


def format_ratio(value: Decimal | float | None, code: str) -> str:
    """As ``desktop.i18n.formatting.format_ratio``: a share (0.25) as a percentage."""
    if value is None:
        return ""
    formats = _formats(code)
    return formats.percent.apply(value, formats.locale)


def format_amount(value: Decimal, code: str) -> str:
    """An amount to the cent without a currency sign: ``format_decimal`` with
    ``AMOUNT_PATTERN``."""
    formats = _formats(code)
    return formats.amount.apply(value, formats.locale)


def format_exact(value: Decimal, code: str) -> str:
    """A number with every decimal it has and no more: ``format_decimal`` without
    quantization."""
    formats = _formats(code)
    return formats.decimal.apply(value, formats.locale, decimal_quantization=False)


def format_date(value: date | None, code: str, style: str = "medium") -> str:
    """As ``desktop.i18n.formatting.format_date``; "" for no date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    formats = _formats(code)
    return formats.dates[style].apply(value, formats.locale)


def format_skeleton(skeleton: str, value: date, code: str) -> str:
    """As ``babel.dates.format_skeleton`` (e.g. "yMMM" for "Jan 2026")."""
    formats = _formats(code)
    return format_datetime(value, _skeleton(code, skeleton), locale=formats.locale)
