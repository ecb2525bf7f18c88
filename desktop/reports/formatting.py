"""Amounts to the cent, exact rates and month names for the reports, with each language's
locale and patterns looked up once; dates, numbers, money and percentages are
``desktop.i18n.formatting``'s own (one cache for the interface and the reports).

A report formats a few hundred figures; each Babel call parses the locale identifier again,
looks its pattern up and (for a fixed pattern) parses the pattern, which cost three times
the formatting itself.  Every figure here is formatted by the same ``apply`` the Babel call
makes, with Babel's own defaults; the tests hold each function to the Babel call it stands
for.
"""

from datetime import date
from decimal import Decimal
from functools import cache

from babel.dates import format_datetime, match_skeleton
from babel.numbers import parse_pattern

from desktop.i18n.formatting import (
    format_date,
    format_money,
    format_number,
    format_ratio,
    locale_formats,
)

__all__ = [
    "AMOUNT_PATTERN",
    "format_amount",
    "format_date",
    "format_exact",
    "format_money",
    "format_number",
    "format_ratio",
    "format_skeleton",
]

# Amounts to the cent, as a finance officer reads a budget table (no currency sign).
AMOUNT_PATTERN = "#,##0.00"
_AMOUNT = parse_pattern(AMOUNT_PATTERN)


@cache
def _skeleton(code: str, skeleton: str) -> str:
    """The date pattern ``babel.dates.format_skeleton`` picks (fuzzily) for a skeleton."""
    skeletons = locale_formats(code).locale.datetime_skeletons
    if skeleton not in skeletons:
        skeleton = match_skeleton(skeleton, skeletons) or skeleton
    return str(skeletons[skeleton])


def format_amount(value: Decimal, code: str) -> str:
    """An amount to the cent without a currency sign: ``format_decimal`` with
    ``AMOUNT_PATTERN``."""
    return _AMOUNT.apply(value, locale_formats(code).locale)


def format_exact(value: Decimal, code: str) -> str:
    """A number with every decimal it has and no more: ``format_decimal`` without
    quantization."""
    formats = locale_formats(code)
    return formats.decimal.apply(value, formats.locale, decimal_quantization=False)


def format_skeleton(skeleton: str, value: date, code: str) -> str:
    """As ``babel.dates.format_skeleton`` (e.g. "yMMM" for "Jan 2026")."""
    return format_datetime(value, _skeleton(code, skeleton), locale=locale_formats(code).locale)
