"""A date that may be left out: a tick box before a date field.

A case need not have a due date, and a follow-up action need not be done yet; a date field
alone always holds some date, so the tick box says whether it counts.
"""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from desktop.ui.widgets.date_edit import DateEdit


class OptionalDateEdit(QWidget):
    """``value()`` is ``None`` while the box is unticked; ``changed`` fires on any change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(self)
        self.date_edit = DateEdit(self)
        self.date_edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.date_edit, 1)
        self.setFocusProxy(self.check)
        self.check.toggled.connect(self.date_edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.date_edit.dateChanged.connect(lambda _day: self.changed.emit())

    def value(self) -> date | None:
        return self.date_edit.date_value() if self.check.isChecked() else None

    def set_value(self, value: date | None, default: date | None = None) -> None:
        """Show ``value``; while there is none, the field offers ``default`` (today)."""
        self.check.setChecked(value is not None)
        self.date_edit.set_date_value(value or default or date.today())

    def set_check_text(self, text: str) -> None:
        """The words beside the tick box, such as "Set" (translated by the caller)."""
        self.check.setText(text)
