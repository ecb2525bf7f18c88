"""Currencies, exchange rates and quantities as a grant's forms read them.

The conversion of an expenditure into the contract currency is done here, once, so the
figure a dialog previews and the figure the service stores can never differ by a cent.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from desktop.i18n import _, current_language
from desktop.i18n.formatting import parse_amount
from desktop.services.validation import MAX_MONEY, Checker

CENT = Decimal("0.01")
RATE_PLACES = 8  # what Numeric(18, 8) holds
MAX_RATE = Decimal("9999999999.99999999")
MAX_QUANTITY = MAX_MONEY  # Numeric(14, 2)
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def read_currency(check: Checker, field: str, value: str | None) -> str | None:
    """An ISO 4217 code such as EUR, upper-cased; typed in lower case is fine."""
    code = (value or "").strip().upper()
    if not _CURRENCY.match(code):
        check.fail(field, _("Give the currency as a three-letter code such as EUR."))
        return None
    return code


def parse_decimal(value: Decimal | str | int | None) -> Decimal | None:
    """A number typed in the interface language, or ``None`` when it is not one."""
    if value is None:
        return None
    try:
        number = (
            parse_amount(value, current_language()) if isinstance(value, str) else Decimal(value)
        )
    except (ValueError, InvalidOperation):
        return None
    return number if number.is_finite() else None


def _is_blank(value: Decimal | str | int | None) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_rate(check: Checker, field: str, value: Decimal | str | None) -> Decimal | None:
    """Units of the contract currency per unit of the original currency; above zero."""
    if _is_blank(value):
        check.fail(field, _("Give the exchange rate used to convert this amount."))
        return None
    rate = parse_decimal(value)
    if rate is None:
        check.fail(field, _("“{value}” is not an exchange rate.").format(value=value))
        return None
    if rate <= 0:
        check.fail(field, _("The exchange rate must be greater than zero."))
        return None
    if rate > MAX_RATE:
        check.fail(field, _("The exchange rate is too large."))
        return None
    if rate != rate.quantize(Decimal(1).scaleb(-RATE_PLACES)):
        check.fail(
            field,
            _("Use at most {places} decimal places in the exchange rate.").format(
                places=RATE_PLACES
            ),
        )
        return None
    return rate


def read_quantity(check: Checker, field: str, value: Decimal | str | None) -> Decimal | None:
    """A count of units (months, trips, days); may have two decimals (half a month)."""
    if _is_blank(value):
        return None
    quantity = parse_decimal(value)
    if quantity is None:
        check.fail(field, _("“{value}” is not a number.").format(value=value))
        return None
    if quantity < 0:
        check.fail(field, _("The quantity cannot be negative."))
        return None
    if quantity > MAX_QUANTITY:
        check.fail(field, _("The quantity is too large."))
        return None
    if quantity != quantity.quantize(CENT):
        check.fail(field, _("Use at most two decimal places."))
        return None
    return quantity.quantize(CENT)


def cents(value: Decimal) -> Decimal:
    """Rounded half-up to the cent, as accountants and the EU's financial reports round."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def convert(original: Decimal, rate: Decimal) -> Decimal:
    """The amount in the contract currency: original × rate, to the cent."""
    return cents(original * rate)


def preview_conversion(
    original: Decimal | str | None,
    rate: Decimal | str | None,
    currency: str | None,
    contract_currency: str,
) -> Decimal | None:
    """What an expenditure form will store as its converted amount, while it is typed:
    ``None`` until the amount (and, for a foreign currency, the rate) reads cleanly."""
    check = Checker()
    amount = check.amount("original_amount", original, required=True)
    code = (currency or "").strip().upper()
    if code == contract_currency:
        return amount
    rate_value = read_rate(check, "rate", rate)
    if amount is None or rate_value is None:
        return None
    return convert(amount, rate_value)


def money(value: Decimal | float | int | None) -> Decimal:
    """A sum read back from the database as a Decimal to the cent (SQLite may hand back a
    float for a SUM over a money column)."""
    return Decimal(str(value or 0)).quantize(CENT)
