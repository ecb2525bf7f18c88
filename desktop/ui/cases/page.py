"""The Cases page: every community-safety case, found by reference, title, who raised it or
the place in any script, narrowed by status, municipality, category or what is overdue.

Overdue due dates stand out in the alert colour, so the cases that need a call today are
seen before they are read.
"""

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QWidget

from desktop.domain.case import CASE_CATEGORY_LABELS, CASE_STATUS_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.cases import STILL_OPEN, CaseRow, CaseService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.widgets.charts import chart_colours
from desktop.ui.widgets.editable_list_page import EditableListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _status(row: CaseRow) -> str:
    status = _(CASE_STATUS_LABELS[row.status])
    if row.archived:
        # L10N: the status of an archived case in the list, such as "Closed (archived)"
        return _("{status} (archived)").format(status=status)
    return status


COLUMNS = (
    Column(N_("Reference"), lambda row: row.reference, "reference"),
    Column(N_("Title"), lambda row: row.title, "title"),
    Column(N_("Municipality"), lambda row: row.municipality, "municipality"),
    Column(N_("Category"), lambda row: _(CASE_CATEGORY_LABELS[row.category]), "category"),
    Column(N_("Status"), _status, "status"),
    Column(
        N_("Opened"),
        lambda row: format_date(row.opened_on, current_language()),
        "opened_on",
        RIGHT,
        export=lambda row: row.opened_on,
    ),
    Column(
        N_("Due"),
        lambda row: format_date(row.due_on, current_language()),
        "due_on",
        RIGHT,
        export=lambda row: row.due_on,
    ),
    Column(N_("Referred to"), lambda row: row.referred_to, "referred_to"),
)
TITLE_COLUMN = 1
DUE_COLUMN = 6
REFERRED_COLUMN = 7
REFERRED_WIDTH = 240  # a council's full name would otherwise squeeze the titles


def _count(total: int) -> str:
    return ngettext("{count} case", "{count} cases", total).format(count=total)


class CaseTableModel(PagedTableModel):
    """The list's rows, with an overdue due date in the alert colour."""

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if isinstance(row, CaseRow) and row.overdue and index.column() == DUE_COLUMN:
            if role == Qt.ItemDataRole.ForegroundRole:
                return chart_colours(QApplication.palette()).alert
            if role == Qt.ItemDataRole.ToolTipRole:
                # L10N: the tooltip of a due date that has passed, such as "Overdue since Oct 1"
                return _("Overdue since {date}").format(
                    date=format_date(row.due_on, current_language())
                )
        return super().data(index, role)


class CasesPage(EditableListPage):
    export_name = N_("Cases")
    new_text = N_("&New case")
    new_tip = N_("Log a new case ({shortcut})")
    edit_tip = N_("Open the selected case (Enter or double-click)")
    archive_tip = N_("Set the selected case aside; it can be restored later")
    restore_tip = N_("Bring the selected case back into the list")
    not_opened_title = N_("The case could not be opened")
    not_changed_title = N_("The case was not changed")
    saved_message = N_("The case was saved.")
    archived_message = N_("Case {reference} was archived.")
    restored_message = N_("Case {reference} was restored.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = CaseService(db)
        self._reference = ReferenceService(db)
        super().__init__(
            self._service,
            CaseTableModel(self._service, COLUMNS),
            N_("Search by reference, title, who raised it or place, in any language"),
            _count,
            TITLE_COLUMN,
            parent,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(REFERRED_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REFERRED_COLUMN, REFERRED_WIDTH)
        self._build_filters()

    # -- filters ---------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.status_filter = self.add_filter(
            "status", N_("S&tatus"), _status_choices, N_("Any status")
        )
        self.municipality_filter = self.add_filter(
            "municipality_id",
            N_("M&unicipality"),
            lambda: [
                (choice.id, choice.name)
                for choice in self._reference.municipalities(current_language())
            ],
            N_("Any municipality"),
        )
        self.category_filter = self.add_filter(
            "category", N_("Cate&gory"), _category_choices, N_("Any category")
        )
        self.overdue_filter = self.add_filter(
            "overdue",
            N_("&Due"),
            lambda: [(True, _("Overdue only"))],
            # L10N: the "all" choice of the due-date filter of the cases
            N_("Any due date"),
        )

    # -- the editor ------------------------------------------------------------------------

    def make_dialog(self, case_id: int | None) -> CaseDialog:
        dialog = CaseDialog(self._db, case_id, self)
        dialog.changed.connect(lambda changed_id: self.reload(select_id=changed_id))
        return dialog

    def message_fields(self, row: CaseRow) -> dict[str, object]:
        return {"reference": row.reference}


def _status_choices() -> list[tuple[Any, str]]:
    """Every status, after "still open" (open, in progress or referred)."""
    # L10N: a choice of the status filter: open, in progress or referred
    statuses: list[tuple[Any, str]] = [(STILL_OPEN, _("Still open"))]
    return statuses + [(status.value, _(label)) for status, label in CASE_STATUS_LABELS.items()]


def _category_choices() -> list[tuple[Any, str]]:
    return [(category.value, _(label)) for category, label in CASE_CATEGORY_LABELS.items()]
