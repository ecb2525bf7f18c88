"""A date field with a calendar that reads like the dates in the lists.

The display follows the interface language's CLDR medium date ("Jan 5, 2026", "5 jan
2026", "5. 1. 2026."), the same form the tables print: the short forms are ambiguous
(``M/d/yy`` in English, a two-digit year in Albanian).
"""

import re
from datetime import date

from babel.dates import get_date_format
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

from desktop.i18n import current_language
from desktop.i18n.formatting import babel_locale
from desktop.ui.language import language_hub, qt_locale

_YEAR = re.compile(r"(?<!y)y(?!y)|yyy(?!y)")


class DateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDate(QDate.currentDate())
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        code = current_language()
        locale = qt_locale(code)
        self.setLocale(locale)
        self.calendarWidget().setLocale(locale)
        self.setDisplayFormat(qt_date_format(code))

    def date_value(self) -> date:
        return self.date().toPython()

    def set_date_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


def qt_date_format(code: str) -> str:
    """The language's medium date pattern in Qt's notation (CLDR's ``y`` is Qt's ``yyyy``)."""
    pattern = get_date_format("medium", locale=babel_locale(code)).pattern
    return _YEAR.sub("yyyy", pattern)
