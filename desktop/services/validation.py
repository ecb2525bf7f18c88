"""Reading what a user typed into typed values, collecting one message per field.

A form is checked completely before anything is written, so the user sees every problem
at once, each beside its field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from desktop.i18n import _, current_language, ngettext
from desktop.i18n.formatting import parse_amount

MAX_MONEY = Decimal("999999999999.99")  # what Numeric(14, 2) holds


class Checker:
    """Collects field errors; ``errors`` is empty when everything read cleanly."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(
        self, field: str, value: str | None, *, required: bool = False, max_length: int = 500
    ) -> str | None:
        cleaned = _clean(value)
        if not cleaned:
            if required:
                self.fail(field, _("This field is required."))
            return None
        if len(cleaned) > max_length:
            self.fail(
                field,
                ngettext(
                    "Too long: at most {limit} character.",
                    "Too long: at most {limit} characters.",
                    max_length,
                ).format(limit=max_length),
            )
        return cleaned

    def date(self, field: str, value: date | str | None, *, required: bool = False) -> date | None:
        if isinstance(value, date):
            return value
        cleaned = _clean(value)
        if not cleaned:
            if required:
                self.fail(field, _("This field is required."))
            return None
        try:
            return date.fromisoformat(cleaned)
        except ValueError:
            self.fail(field, _("“{value}” is not a date (use YYYY-MM-DD).").format(value=cleaned))
            return None

    def amount(
        self, field: str, value: Decimal | str | int | None, *, required: bool = False
    ) -> Decimal | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(field, _("This field is required."))
            return None
        try:
            amount = (
                parse_amount(value, current_language())
                if isinstance(value, str)
                else Decimal(value)
            )
        except (ValueError, InvalidOperation):
            self.fail(field, _("“{value}” is not an amount.").format(value=value))
            return None
        if not amount.is_finite():
            self.fail(field, _("“{value}” is not an amount.").format(value=value))
            return None
        if amount < 0:
            self.fail(field, _("The amount cannot be negative."))
        elif amount > MAX_MONEY:
            self.fail(field, _("The amount is too large."))
        elif amount != amount.quantize(Decimal("0.01")):
            self.fail(field, _("Use at most two decimal places."))
        return amount.quantize(Decimal("0.01")) if field not in self.errors else None

    def date_order(self, end_field: str, start: date | None, end: date | None) -> None:
        if start and end and end < start:
            self.fail(end_field, _("The end date cannot be before the start date."))


def _clean(value: str | None) -> str:
    if value is None:
        return ""
    without_controls = "".join(ch for ch in str(value) if ch in "\n\t" or ch >= " ")
    return without_controls.strip()
