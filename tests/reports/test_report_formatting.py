"""The reports' formatting writes every figure exactly as the Babel call it stands for (the
interface's own functions, which the reports share, are held to Babel in
tests/i18n/test_formatting_is_babels.py)."""

from datetime import date
from decimal import Decimal

import pytest
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton as babel_format_skeleton
from babel.numbers import format_currency, format_decimal, format_percent
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.i18n import language_codes
from desktop.i18n.formatting import babel_locale
from desktop.reports import formatting

CODES = st.sampled_from(language_codes())
NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=4),
    st.decimals(min_value=Decimal(0), max_value=Decimal(3), allow_nan=False, places=6),
)
AMOUNTS = st.decimals(
    min_value=Decimal("-1e11"), max_value=Decimal("1e11"), allow_nan=False, places=2
)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, code=CODES)
def test_numbers_and_percentages_are_babels(value: int | Decimal, code: str) -> None:
    locale = babel_locale(code)

    assert formatting.format_number(value, code) == format_decimal(value, locale=locale)
    assert formatting.format_ratio(value, code) == format_percent(value, locale=locale)


@settings(max_examples=300, deadline=None)
@given(value=AMOUNTS, code=CODES, currency=st.sampled_from(["EUR", "RSD", "USD", "CHF"]))
def test_amounts_are_babels(value: Decimal, code: str, currency: str) -> None:
    locale = babel_locale(code)

    assert formatting.format_money(value, currency, code) == format_currency(
        value, currency, locale=locale
    )
    assert formatting.format_amount(value, code) == format_decimal(
        value, format="#,##0.00", locale=locale
    )


@settings(max_examples=200, deadline=None)
@given(
    rate=st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(500), places=6),
    code=CODES,
)
def test_an_exchange_rate_keeps_every_decimal_as_babel_does(rate: Decimal, code: str) -> None:
    value = rate.normalize()

    assert formatting.format_exact(value, code) == format_decimal(
        value, locale=babel_locale(code), decimal_quantization=False
    )


@settings(max_examples=200, deadline=None)
@given(day=DATES, code=CODES, style=st.sampled_from(["full", "long", "medium", "short"]))
def test_dates_and_months_are_babels(day: date, code: str, style: str) -> None:
    assert formatting.format_date(day, code, style) == babel_format_date(
        day, format=style, locale=babel_locale(code)
    )
    assert formatting.format_skeleton("yMMM", day, code) == babel_format_skeleton(
        "yMMM", day, locale=babel_locale(code)
    )


@pytest.mark.parametrize("code", language_codes())
def test_nothing_to_format_is_an_empty_text(code: str) -> None:
    assert formatting.format_date(None, code) == ""
    assert formatting.format_money(None, "EUR", code) == ""
    assert formatting.format_ratio(None, code) == ""
