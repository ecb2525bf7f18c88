"""The Activities page: every activity with its participants, narrowed by project, type,
municipality and reporting period, and the door to record a new one.

Women, men and the total come with each row, and an activity whose breakdown does not add
up to its headcount says so with a warning in its own column, so the gaps are found and
filled long before a report counts them.
"""

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from desktop.i18n import N_, _, current_language, ngettext
from desktop.services.activities import ActivityFilters, ActivityRow, ActivityService
from desktop.services.export import ExportColumn
from desktop.store.database import Database
from desktop.ui.activities.filters import ActivityFilterBar
from desktop.ui.imports import ActivityImportAction
from desktop.ui.widgets.cell_text import date_text, number_text
from desktop.ui.widgets.editable_list_page import EditableListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

if TYPE_CHECKING:
    from desktop.ui.activities.dialog import ActivityDialog

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _dates(row: ActivityRow) -> str:
    language = current_language()
    start = date_text(row.start_date, language)
    if row.end_date == row.start_date:
        return start
    # L10N: an activity that lasted several days, such as "Feb 12, 2026 – Feb 13, 2026"
    return _("{start} – {end}").format(start=start, end=date_text(row.end_date, language))


def _number(value: int) -> str:
    return number_text(value, current_language())


def _title(row: ActivityRow) -> str:
    if row.archived:
        # L10N: the title of an archived activity in the list
        return _("{title} (archived)").format(title=row.title)
    return row.title


def _breakdown(row: ActivityRow) -> str:
    """Empty when the breakdown adds up; otherwise how far it is off, in words."""
    if not row.incomplete or row.participants_total is None:
        return ""
    missing = row.participants_total - row.recorded
    if missing > 0:
        # L10N: in the activities list: the breakdown misses people of the headcount
        return ngettext(
            "Incomplete: {count} not recorded", "Incomplete: {count} not recorded", missing
        ).format(count=_number(missing))
    # L10N: in the activities list: the breakdown has more people than the headcount
    return ngettext(
        "Incomplete: {count} more than the headcount",
        "Incomplete: {count} more than the headcount",
        -missing,
    ).format(count=_number(-missing))


COLUMNS = (
    Column(N_("Dates"), _dates, "start_date", RIGHT),
    Column(N_("Title"), _title, "name"),
    Column(N_("Type"), lambda row: row.activity_type, "type"),
    Column(N_("Municipality"), lambda row: row.municipality, "municipality"),
    Column(N_("Project"), lambda row: row.project_code, "project"),
    Column(N_("Women"), lambda row: _number(row.women), "women", RIGHT, lambda row: row.women),
    Column(N_("Men"), lambda row: _number(row.men), "men", RIGHT, lambda row: row.men),
    Column(N_("Total"), lambda row: _number(row.total), "total", RIGHT, lambda row: row.total),
    Column(N_("Breakdown"), _breakdown, "incomplete"),
)
DATES_COLUMN = 0
TITLE_COLUMN = 1
BREAKDOWN_COLUMN = len(COLUMNS) - 1


class ActivitiesModel(PagedTableModel):
    """The paged rows, latest first, with a warning sign beside an incomplete breakdown."""

    def __init__(self, source: ActivityService, parent: QObject | None = None) -> None:
        super().__init__(source, COLUMNS, DATES_COLUMN, parent)
        # Only the order is set here, nothing is read: the list page's table reads the
        # first page once it is set up (its sort indicator follows this order).  Sorting
        # here read the rows before the table existed, and every step of setting up the
        # table then measured all 200 of them again for its columns' widths.
        self._query = replace(self._query, descending=True)

    def set_filters(self, filters: ActivityFilters) -> None:
        self._change(filters=filters.pairs())

    def icon(self, row: int, column: int) -> QIcon | None:
        if column != BREAKDOWN_COLUMN:  # asked of every cell painted: the cheap test first
            return None
        line = self.row_at(row)
        return _warning_icon() if line is not None and line.incomplete else None


def _count(total: int) -> str:
    return ngettext("{count} activity", "{count} activities", total).format(count=total)


class ActivitiesPage(EditableListPage):
    new_text = N_("&New activity")
    new_tip = N_("Record an activity and its participants ({shortcut})")
    edit_tip = N_("Change the selected activity (Enter or double-click)")
    archive_tip = N_("Set the selected activity aside; it can be restored later")
    restore_tip = N_("Bring the selected activity back into the list")
    not_opened_title = N_("The activity could not be opened")
    not_changed_title = N_("The activity was not changed")
    saved_message = N_("The activity was saved.")
    archived_message = N_("The activity “{title}” was archived.")
    restored_message = N_("The activity “{title}” was restored.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = ActivityService(db)
        model = ActivitiesModel(self._service)
        self.model: ActivitiesModel
        super().__init__(
            self._service,
            model,
            N_("Search by title, venue or municipality, in any language"),
            _count,
            TITLE_COLUMN,
            parent,
        )
        self.filter_bar = ActivityFilterBar(db, self)
        self.filter_bar.changed.connect(self._apply_filters)
        self.layout().insertWidget(1, self.filter_bar)
        self.import_action = ActivityImportAction(db, self, lambda _count: self.reload())
        self.add_button(self.import_action)
        self.order_tabs()

    def _apply_filters(self) -> None:
        self.model.set_filters(self.filter_bar.filters())

    def make_dialog(self, activity_id: int | None) -> "ActivityDialog":
        """A new activity starts in the project the list is narrowed to.  The editor's
        module is imported here, not with the page: the first rows do not wait for it."""
        from desktop.ui.activities.dialog import ActivityDialog

        return ActivityDialog(self._db, activity_id, self, project_id=self.filter_bar.project_id())

    def message_fields(self, row: ActivityRow) -> dict[str, object]:
        return {"title": row.title}

    def export_columns(self) -> list[ExportColumn]:
        """The columns shown, the Dates column as two of real dates: a spreadsheet sorts
        and filters by a date, not by the text "12 Feb 2026 – 13 Feb 2026"."""
        dates = _(COLUMNS[DATES_COLUMN].title)
        columns: list[ExportColumn] = []
        for column in super().export_columns():
            if column.title != dates:
                columns.append(column)
                continue
            columns.append(ExportColumn(_("Start date"), lambda row: row.start_date))
            columns.append(ExportColumn(_("End date"), lambda row: row.end_date))
        return columns


_WARNING = QStyle.StandardPixmap.SP_MessageBoxWarning


@lru_cache(maxsize=1)
def _warning_icon_of(style: QStyle) -> QIcon:
    """The style's warning sign, made once per style (each making took 0.5 ms)."""
    return style.standardIcon(_WARNING)


def _warning_icon() -> QIcon:
    return _warning_icon_of(QApplication.style())
