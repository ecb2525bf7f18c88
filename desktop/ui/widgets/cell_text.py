"""Dates, numbers and money as a table cell shows them, formatted once per value.

A view asks for every cell it shows several times (to size its column to the contents, to
paint it, for its tooltip), and Babel takes tens of microseconds for a date and more for an
amount: opening a list of 200 expenditures formatted some 2,500 amounts and 1,200 dates,
most of the time the list took to show (bench/findings.md, "Lists").  The values of a list
repeat (dates, participant counts, the same invoice amounts), so a bounded cache keyed by
value and language answers nearly every call; equal values print alike in these formats.
"""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.numbers import format_decimal

from desktop.i18n.formatting import babel_locale, format_date, format_money, format_number

CACHED = 8192  # distinct values per kind: a few pages of a list's dates and amounts


@lru_cache(maxsize=CACHED)
def date_text(day: date, language: str) -> str:
    return format_date(day, language)


@lru_cache(maxsize=CACHED, typed=True)
def number_text(value: int, language: str) -> str:
    return format_number(value, language)


@lru_cache(maxsize=CACHED)
def money_text(amount: Decimal, currency: str, language: str) -> str:
    return format_money(amount, currency, language)


@lru_cache(maxsize=CACHED)
def decimal_text(value: Decimal, pattern: str, language: str) -> str:
    """``value`` in a Babel number ``pattern`` (e.g. a rate's eight decimals)."""
    return format_decimal(value, format=pattern, locale=babel_locale(language))
