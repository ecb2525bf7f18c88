"""The interface's formatting, with each language's locale and patterns looked up once,
writes and reads every value exactly as the Babel call it stands for, in every language."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from babel.dates import format_date as babel_format_date
from babel.numbers import (
    NumberFormatError,
    format_currency,
    format_decimal,
    format_percent,
    parse_decimal,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.i18n import formatting, language_codes
from desktop.i18n.formatting import babel_locale

CODES = st.sampled_from(language_codes())
NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=4),
    st.decimals(min_value=Decimal(0), max_value=Decimal(3), allow_nan=False, places=6),
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
)
AMOUNTS = st.decimals(
    min_value=Decimal("-1e11"), max_value=Decimal("1e11"), allow_nan=False, places=2
)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
STYLES = st.sampled_from(["full", "long", "medium", "short", "yyyy", "d.M.y"])


def parsed_by_babel(text: str, code: str) -> Decimal | None:
    """``parse_amount`` with a Babel call per value; None for not a number."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if not cleaned:
        return None
    try:
        return parse_decimal(cleaned, locale=babel_locale(code), strict=True)
    except (NumberFormatError, InvalidOperation):
        pass
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def parsed(text: str, code: str) -> Decimal | None:
    try:
        return formatting.parse_amount(text, code)
    except ValueError:
        return None


@settings(max_examples=300, deadline=None)
@given(value=NUMBERS, code=CODES)
def test_numbers_and_percentages_are_babels(value: int | Decimal | float, code: str) -> None:
    locale = babel_locale(code)

    assert formatting.format_number(value, code) == format_decimal(value, locale=locale)
    assert formatting.format_ratio(value, code) == format_percent(value, locale=locale)


@settings(max_examples=300, deadline=None)
@given(value=AMOUNTS, code=CODES, currency=st.sampled_from(["EUR", "RSD", "USD", "CHF", "JPY"]))
def test_money_is_babels(value: Decimal, code: str, currency: str) -> None:
    assert formatting.format_money(value, currency, code) == format_currency(
        value, currency, locale=babel_locale(code)
    )


@settings(max_examples=300, deadline=None)
@given(day=DATES, code=CODES, style=STYLES, with_time=st.booleans())
def test_dates_are_babels(day: date, code: str, style: str, with_time: bool) -> None:
    value = datetime(day.year, day.month, day.day, 17, 45) if with_time else day

    assert formatting.format_date(value, code, style) == babel_format_date(
        value, format=style, locale=babel_locale(code)
    )


@settings(max_examples=300, deadline=None)
@given(
    value=AMOUNTS,
    code=CODES,
    written_in=CODES,
    grouped=st.booleans(),
)
def test_amounts_typed_are_read_as_babel_reads_them(
    value: Decimal, code: str, written_in: str, grouped: bool
) -> None:
    typed = format_decimal(value, locale=babel_locale(written_in), group_separator=grouped)

    assert parsed(typed, code) == parsed_by_babel(typed, code)


@settings(max_examples=300, deadline=None)
@given(typed=st.text(alphabet="0123456789.,- \u00a0e€abc", max_size=14), code=CODES)
def test_any_text_typed_is_read_as_babel_reads_it(typed: str, code: str) -> None:
    assert parsed(typed, code) == parsed_by_babel(typed, code)


def test_nothing_to_format_is_an_empty_text() -> None:
    for code in language_codes():
        assert formatting.format_date(None, code) == ""
        assert formatting.format_money(None, "EUR", code) == ""
        assert formatting.format_ratio(None, code) == ""


def test_text_babel_fails_on_is_read_as_a_plain_number_not_a_crash() -> None:
    assert formatting.parse_amount("1.e25", "sr") == Decimal("1E+25")
    assert parsed("1.e2.", "sr") is None
