"""The Cases page: every community-safety case, found by reference, title or the place in
any script (and by who raised it, for those who may know), narrowed by status, municipality,
category or what is overdue.

Overdue due dates stand out in the alert colour, so the cases that need a call today are
seen before they are read.  The list never shows who raised a case; an administrator or a
manager may export it with them, after a warning, and the audit log records each case so
exported.
"""

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QMessageBox, QToolButton, QWidget

from desktop.domain.case import CASE_CATEGORY_LABELS, CASE_STATUS_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.actor import Actor
from desktop.services.case_confidential import may_read_raisers
from desktop.services.cases import (
    STILL_OPEN,
    CaseRaisersRow,
    CaseRow,
    CaseService,
    CasesWithRaisers,
)
from desktop.services.export import ExportColumn, ListSource
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.progress import ProgressRun
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


# L10N: the file name suggested for (and the sheet of) the cases list exported with who
# raised each case; an Excel sheet name holds at most 31 characters
RAISERS_EXPORT_NAME = N_("Cases (confidential)")


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

    def __init__(
        self, db: Database, parent: QWidget | None = None, actor: Actor | None = None
    ) -> None:
        """``actor`` is who works in the list (by default whoever signed in)."""
        self._db = db
        self._actor = actor
        self._service = CaseService(db, actor)
        self._reference = ReferenceService(db, actor)
        self._with_raisers = False  # set while an export that includes them starts
        super().__init__(
            self._service,
            CaseTableModel(self._service, COLUMNS),
            (
                N_("Search by reference, title, who raised it or place, in any language")
                if may_read_raisers(self._service.actor)
                else N_("Search by reference, title or place, in any language")
            ),
            _count,
            TITLE_COLUMN,
            parent,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(REFERRED_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(REFERRED_COLUMN, REFERRED_WIDTH)
        self._build_filters()

    def add_record_actions(self) -> None:
        """The list's buttons, and for those who may see who raised a case a second choice
        under Export: the list with who raised each case."""
        super().add_record_actions()
        self.export_raisers_action = QAction(self)
        self.export_raisers_action.triggered.connect(self.export_with_raisers)
        self.export_raisers_action.setVisible(may_read_raisers(self._service.actor))
        if self.export_raisers_action.isVisible():
            menu = QMenu(self.export_button)
            menu.addAction(self.export_action)
            menu.addAction(self.export_raisers_action)
            self.export_button.setMenu(menu)
            self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.export_raisers_action.setText(_("Export with &who raised each case…"))
        self.export_raisers_action.setToolTip(
            _(
                "Also write the name and contact of who raised each case (confidential); "
                "the audit log records each case exported"
            )
        )

    # -- export ----------------------------------------------------------------------------

    def export_with_raisers(self) -> ProgressRun | None:
        """Export the list with who raised each case, once the reader has been warned."""
        if not may_read_raisers(self._service.actor):
            return None
        answer = QMessageBox.question(
            self,
            _("Export who raised each case"),
            _(
                "The file will hold the names and contacts of the people who raised these "
                "cases. Keep it where only those who need it can open it, and never send it "
                "to a donor. The audit log will record each case exported. Export?"
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        self._with_raisers = True
        self.export_name = RAISERS_EXPORT_NAME  # so that the file suggested says what it holds
        try:
            return self.export()
        finally:
            self._with_raisers = False
            del self.export_name  # the ordinary list's name again

    def export_source(self) -> ListSource:
        if self._with_raisers:
            return CasesWithRaisers(self._service)
        return super().export_source()

    def export_columns(self) -> list[ExportColumn]:
        """The columns shown; with who raised each case after them when asked for."""
        columns = super().export_columns()
        if not self._with_raisers:
            return columns
        return [
            *(ExportColumn(c.title, lambda row, value=c.value: value(row.case)) for c in columns),
            ExportColumn(_("Raised by"), _raised_by),
            ExportColumn(_("How to reach who raised it"), _raised_by_contact),
        ]

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
        dialog = CaseDialog(self._db, case_id, self, self._actor)
        dialog.changed.connect(lambda changed_id: self.reload(select_id=changed_id))
        return dialog

    def message_fields(self, row: CaseRow) -> dict[str, object]:
        return {"reference": row.reference}


def _raised_by(row: CaseRaisersRow) -> str:
    return row.raised_by


def _raised_by_contact(row: CaseRaisersRow) -> str:
    return row.raised_by_contact


def _status_choices() -> list[tuple[Any, str]]:
    """Every status, after "still open" (open, in progress or referred)."""
    # L10N: a choice of the status filter: open, in progress or referred
    statuses: list[tuple[Any, str]] = [(STILL_OPEN, _("Still open"))]
    return statuses + [(status.value, _(label)) for status, label in CASE_STATUS_LABELS.items()]


def _category_choices() -> list[tuple[Any, str]]:
    return [(category.value, _(label)) for category, label in CASE_CATEGORY_LABELS.items()]
