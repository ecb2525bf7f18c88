"""The Expenditures tab of a grant: every invoice, paged, sorted and searched in the
database, narrowed to a reporting period, a budget line or a heading, with what the
listed expenditures come to; exportable like any list."""

import logging
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_money
from desktop.services.budget import BudgetService
from desktop.services.errors import ConflictError, ServiceError
from desktop.services.expenditures import ExpenditureRow, ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.permissions import Permission
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.access_keys import keep_access_keys
from desktop.ui.grants.expenditure_dialog import ExpenditureDialog
from desktop.ui.grants.fields import RATE_PATTERN
from desktop.ui.sign_in.access import may
from desktop.ui.widgets.cell_text import date_text, decimal_text, money_text
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel
from desktop.ui.worker import run_in_background

log = logging.getLogger(__name__)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

COLUMNS = (
    Column(
        N_("Date"),
        lambda row: date_text(row.spent_on, current_language()),
        "spent_on",
        RIGHT,
        export=lambda row: row.spent_on,
    ),
    Column(N_("Line"), lambda row: row.line_code, "line"),
    Column(N_("Description"), lambda row: row.description, "description"),
    Column(N_("Supplier"), lambda row: row.supplier, "supplier"),
    Column(N_("Invoice"), lambda row: row.invoice_reference, "invoice_reference"),
    Column(
        N_("Original amount"),
        lambda row: money_text(row.original_amount, row.original_currency, current_language()),
        "original_amount",
        RIGHT,
        export=lambda row: row.original_amount,
        currency=lambda row: row.original_currency,
    ),
    Column(N_("Currency"), lambda row: row.original_currency),
    Column(
        N_("Rate"),
        lambda row: decimal_text(row.rate, RATE_PATTERN, current_language()),
        None,
        RIGHT,
        export=lambda row: row.rate,
    ),
    Column(
        N_("Amount"),
        lambda row: money_text(row.amount, row.currency, current_language()),
        "amount",
        RIGHT,
        export=lambda row: row.amount,
        currency=lambda row: row.currency,
    ),
)
DESCRIPTION_COLUMN = 2


class ExpendituresTab(ListPage):
    """``changed`` fires after an expenditure was saved or deleted."""

    changed = Signal()
    # L10N: the suggested name of the exported list of a grant's expenditures
    export_name = N_("Expenditures")

    def __init__(self, db: Database, grant_id: int, parent: QWidget | None = None) -> None:
        self._db = db
        self.grant_id = grant_id
        self._service = ExpenditureService(db)
        self._listing = self._service.listing(grant_id)
        self._grants = GrantService(db)
        self._budget = BudgetService(db)
        self._reference = ReferenceService(db)
        self._rows_read = 0  # model resets so far: which rows a sum belongs to
        self._spent: tuple[int, str] | None = None  # the rows' sum, formatted, once added up
        self._adding_up: int | None = None
        super().__init__(
            PagedTableModel(self._listing, COLUMNS),
            N_("Search by supplier, invoice or description"),
            self._count_text,
            DESCRIPTION_COLUMN,
            parent,
        )
        self.archived_check.hide()  # expenditures are deleted when wrong, never archived
        self.model.modelAboutToBeReset.connect(self._on_rows_about_to_change)
        self.add_filter("period", N_("&Period"), self._period_choices, N_("All periods"))
        self.add_filter("budget_line", N_("Budget l&ine"), self._line_choices, N_("All lines"))
        self.add_filter("heading", N_("&Heading"), self._heading_choices, N_("All headings"))

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda: self.open_dialog(None))
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        for action in (self.new_action, self.edit_action, self.delete_action):
            self.add_button(action)
        self.new_action.setEnabled(may(Permission.EDIT_RECORDS))
        self.addAction(self.new_action)
        self.table.addAction(self.edit_action)
        self.table.addAction(self.delete_action)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.retranslate_ui()

    # -- filters and the count -------------------------------------------------------------

    def _period_choices(self) -> list[tuple[int, str]]:
        return [(period.id, period.label) for period in self._grants.periods(self.grant_id)]

    def _line_choices(self) -> list[tuple[int, str]]:
        return [
            (line.id, line.label) for line in self._budget.lines(self.grant_id, current_language())
        ]

    def _heading_choices(self) -> list[tuple[int, str]]:
        return [(h.id, h.name) for h in self._reference.budget_headings(current_language())]

    def refresh_choices(self) -> None:
        """Read the periods and lines again (another tab may have added one)."""
        for name in ("period", "budget_line", "heading"):
            self._fill_filter(name)

    def _count_text(self, total: int) -> str:
        """The count at once; what the listed expenditures come to follows from a worker
        thread.  The sum and the grant's currency are two more queries, which ran on the
        GUI thread before the rows were painted whenever a search found less than a page."""
        if self._spent is not None and self._spent[0] == self._rows_read:
            return ngettext(
                "{count} expenditure, {amount} in all",
                "{count} expenditures, {amount} in all",
                total,
            ).format(count=total, amount=self._spent[1])
        self._add_up()
        return ngettext("{count} expenditure", "{count} expenditures", total).format(count=total)

    def _on_rows_about_to_change(self) -> None:
        self._rows_read += 1  # a sum of the rows before is not theirs, even for one query
        self._spent = None

    def _add_up(self) -> None:
        rows_read = self._rows_read
        if self._adding_up == rows_read:
            return
        self._adding_up = rows_read
        listing, grants, grant_id, query = (
            self._listing,
            self._grants,
            self.grant_id,
            self.model.query,
        )
        run_in_background(
            lambda: (listing.total(query), grants.get(grant_id).form.currency),
            lambda result: self._added_up(rows_read, *result) if isValid(self) else None,
            lambda error: self._not_added_up(error) if isValid(self) else None,
        )

    def _added_up(self, rows_read: int, spent: Decimal, currency: str) -> None:
        self._adding_up = None
        if rows_read != self._rows_read:
            return  # the list changed meanwhile; its own sum is on its way
        self._spent = (rows_read, format_money(spent, currency, current_language()))
        self._update_count()

    def _not_added_up(self, error: Exception) -> None:
        self._adding_up = None
        if not isinstance(error, ServiceError):  # the count alone is shown, as before
            log.error("adding up the expenditures failed", exc_info=error)

    # -- labels and actions ----------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.new_action.setText(_("&New expenditure"))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.new_action.setToolTip(
            _("Record an invoice paid from this grant ({shortcut})").format(shortcut=shortcut)
        )
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected expenditure (Enter or double-click)"))
        self.delete_action.setText(_("&Delete"))
        self.delete_action.setToolTip(_("Delete the selected expenditure and its invoices (Del)"))
        keep_access_keys(self.new_action, self.edit_action, self.delete_action, self.export_action)
        self.table.setAccessibleName(_("Expenditures"))
        self.selection_changed()

    def selection_changed(self) -> None:
        chosen = self.selected_row() is not None
        self.edit_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen and may(Permission.EDIT_RECORDS))

    def open_dialog(self, expenditure_id: int | None) -> ExpenditureDialog | None:
        try:
            dialog = ExpenditureDialog(self._db, self.grant_id, expenditure_id, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The expenditure could not be opened"), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row: ExpenditureRow | None = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def delete_selected(self) -> None:
        row: ExpenditureRow | None = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete"),
            _("Delete the expenditure “{description}” and the invoices attached to it?").format(
                description=row.description
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.delete(row.id, row.version)
        except ServiceError as error:
            QMessageBox.warning(self, _("The expenditure was not deleted"), str(error))
            if isinstance(error, ConflictError):  # show what the other person saved
                self.reload(select_id=row.id)
            return
        self.reload()
        self.changed.emit()
        self.status_message.emit(_("The expenditure was deleted."))

    def _on_saved(self, expenditure_id: int) -> None:
        self.reload(select_id=expenditure_id)
        self.changed.emit()
        self.status_message.emit(_("The expenditure was saved."))
