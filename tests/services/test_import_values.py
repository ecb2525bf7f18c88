"""Dates and amounts typed in spreadsheets, read whatever the interface language."""

from datetime import date
from decimal import Decimal

import pytest

from desktop.i18n import set_language
from desktop.services.imports.values import read_amount, read_date


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-15",
        "15.03.2026",
        "15.3.2026",
        "15.03.2026.",
        "15/03/2026",
        "2026/03/15",
        " 15-3-2026 ",
    ],
)
def test_dates_as_offices_type_them(text: str) -> None:
    assert read_date(text) == date(2026, 3, 15)


@pytest.mark.parametrize("text", ["", "March 15", "15.03.26", "31.02.2026", "2026-15-03", "1234"])
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_date(text)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1.234,50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,50 €", "1234.50"),
        ("EUR 980", "980"),
        ("980,00", "980.00"),
        ("0.5", "0.5"),
        ("12.345", "12345"),
        ("1.234.567", "1234567"),
        ("1,234,567.89", "1234567.89"),
        ("-45,10", "-45.10"),
        ("1'234.50", "1234.50"),
    ],
)
def test_amounts_with_comma_or_point_decimals(text: str, amount: str) -> None:
    assert read_amount(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3.4,5", "1.234,56.7", "12a", ",5", "€"])
def test_what_is_not_an_amount_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_amount(text)


def test_the_interface_language_changes_nothing() -> None:
    set_language("sq")
    assert read_amount("1.234,50") == read_amount("1,234.50") == Decimal("1234.50")
