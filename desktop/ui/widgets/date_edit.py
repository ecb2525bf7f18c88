"""A date field with a calendar, in the interface language's conventions and a full year.

Locales such as ``sq_XK`` write short dates with a two-digit year, which is ambiguous in a
project plan; this field always shows four digits.
"""

from datetime import date

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

from desktop.i18n import current_language
from desktop.ui.language import language_hub, qt_locale


class DateEdit(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDate(QDate.currentDate())
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        locale = qt_locale(current_language())
        self.setLocale(locale)
        self.calendarWidget().setLocale(locale)
        self.setDisplayFormat(full_year_format(locale))

    def date_value(self) -> date:
        return self.date().toPython()

    def set_date_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))


def full_year_format(locale: QLocale) -> str:
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in pattern:
        pattern = pattern.replace("yy", "yyyy")
    return pattern
