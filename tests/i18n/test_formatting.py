"""Dates, money and numbers in each language's Kosovo conventions."""

from datetime import date
from decimal import Decimal

import pytest

from desktop.i18n.formatting import format_date, format_money, format_ratio, parse_amount


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("sq", "31 mars 2026"),
        ("sr", "31. март 2026."),
        ("sr_Latn", "31. mart 2026."),
        ("en", "March 31, 2026"),
    ],
)
def test_long_dates(code: str, expected: str) -> None:
    assert format_date(date(2026, 3, 31), code, "long") == expected


@pytest.mark.parametrize("code", ["sq", "sr", "sr_Latn", "en"])
def test_medium_dates_keep_the_whole_year(code: str) -> None:
    assert "2026" in format_date(date(2026, 3, 31), code, "medium")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("sq", "12\u00a0345,60\u00a0€"), ("sr", "12.345,60\u00a0€"), ("en", "€12,345.60")],
)
def test_money(code: str, expected: str) -> None:
    assert format_money(Decimal("12345.6"), "EUR", code) == expected


def test_ratio() -> None:
    assert format_ratio(Decimal("0.25"), "sq").startswith("25")


@pytest.mark.parametrize(
    ("code", "typed", "amount"),
    [
        ("sq", "1234,50", "1234.50"),
        ("sq", "1 234,50", "1234.50"),
        ("sr", "1.234,50", "1234.50"),
        ("en", "1,234.50", "1234.50"),
        ("en", "99", "99"),
    ],
)
def test_amounts_typed_in_the_interface_language(code: str, typed: str, amount: str) -> None:
    assert parse_amount(typed, code) == Decimal(amount)


@pytest.mark.parametrize("typed", ["", "abc", "12,34,56.7.8", "1e"])
def test_not_an_amount(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_amount(typed, "en")
