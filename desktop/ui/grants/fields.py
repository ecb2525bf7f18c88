"""Small fields the grant editors share: an optional date, and numbers shown the way the
interface language writes them (and the services read them back)."""

from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from desktop.i18n import current_language
from desktop.i18n.formatting import babel_locale
from desktop.ui.widgets.date_edit import DateEdit

MONEY_PATTERN = "#,##0.00"
RATE_PATTERN = "#,##0.########"  # a rate keeps every decimal it was given, up to eight


def decimal_text(value: Decimal | str | None, pattern: str = MONEY_PATTERN) -> str:
    """``value`` as the interface language writes it ("1,234.50", "1 234,50"); text that
    is not a number yet (as typed) is returned as it is."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return format_decimal(value, format=pattern, locale=babel_locale(current_language()))


class OptionalDateEdit(QWidget):
    """A date that may be left out (an instalment not received yet, a report without a
    deadline): a tick box turns the date field on.  ``changed`` fires on either."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.edit = DateEdit(self)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _day: self.changed.emit())

    def date_value(self) -> date | None:
        return self.edit.date_value() if self.check.isChecked() else None

    def set_date_value(self, value: date | None, default: date | None = None) -> None:
        """Show ``value``; without one the box is unticked and the field waits at
        ``default`` (today unless given) for the day it is ticked."""
        self.check.setChecked(value is not None)
        self.edit.set_date_value(value or default or date.today())
