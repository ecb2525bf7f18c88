"""The Grants page: every grant with its project, donor and amount, searchable and
filtered by donor; a grant opens in its own window (budget, instalments, expenditures,
reporting periods), and its contract is created, changed, archived and restored here."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date, format_money
from desktop.services.errors import ServiceError
from desktop.services.grants import GrantRow, GrantService
from desktop.store.database import Database
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.window import GrantWindow
from desktop.ui.widgets.editable_list_page import EditableListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _number(row: GrantRow) -> str:
    if row.archived:
        # L10N: an archived grant's contract number in the list, such as "2025/461-198 (archived)"
        return _("{number} (archived)").format(number=row.contract_number)
    return row.contract_number


COLUMNS = (
    Column(N_("Contract number"), _number, "contract_number"),
    Column(N_("Project"), lambda row: row.project),
    Column(N_("Donor"), lambda row: row.donor),
    Column(
        N_("Amount"),
        lambda row: format_money(row.amount, row.currency, current_language()),
        "amount",
        RIGHT,
        export=lambda row: row.amount,
        currency=lambda row: row.currency,
    ),
    Column(
        N_("Start date"),
        lambda row: format_date(row.start_date, current_language()),
        "start_date",
        RIGHT,
        export=lambda row: row.start_date,
    ),
    Column(
        N_("End date"),
        lambda row: format_date(row.end_date, current_language()),
        "end_date",
        RIGHT,
        export=lambda row: row.end_date,
    ),
    Column(N_("Title"), lambda row: row.title),
)
PROJECT_COLUMN = 1


def _count(total: int) -> str:
    return ngettext("{count} grant", "{count} grants", total).format(count=total)


class GrantsPage(EditableListPage):
    # L10N: the suggested name of the exported list of grants
    export_name = N_("Grants")
    new_text = N_("&New grant")
    new_tip = N_("Create a grant ({shortcut})")
    edit_tip = N_("Change the selected grant's contract")
    archive_tip = N_("Set the selected grant aside; it can be restored later")
    restore_tip = N_("Bring the selected grant back into the list")
    not_opened_title = N_("The grant could not be opened")
    not_changed_title = N_("The grant was not changed")
    saved_message = N_("The grant was saved.")
    archived_message = N_("Grant {number} was archived.")
    restored_message = N_("Grant {number} was restored.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = GrantService(db)
        self.windows: dict[int, GrantWindow] = {}
        super().__init__(
            self._service,
            PagedTableModel(self._service, COLUMNS),
            N_("Search by contract number or title"),
            _count,
            PROJECT_COLUMN,
            parent,
        )
        self.add_filter(
            "donor_id",
            N_("Dono&r"),
            lambda: self._service.donor_choices(current_language()),
            N_("All donors"),
        )

    def add_record_actions(self) -> None:
        """Open, before Edit, shows the grant's window; Enter and a double-click do the same."""
        self.open_action = QAction(self)
        self.open_action.triggered.connect(self.open_selected)
        self.row_actions.insert(0, self.open_action)
        self.enter_action = self.open_action
        for action in (self.new_action, self.open_action, self.edit_action, self.archive_action):
            self.add_button(action)

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.open_action.setText(_("&Open"))
        self.open_action.setToolTip(
            _("Open the grant's budget, expenditures and reporting periods (Enter or double-click)")
        )

    # -- the grant's contract --------------------------------------------------------------

    def make_dialog(self, grant_id: int | None) -> GrantDialog:
        return GrantDialog(self._db, grant_id, self)

    def message_fields(self, row: GrantRow) -> dict[str, object]:
        return {"number": row.contract_number}

    def _on_saved(self, grant_id: int) -> None:
        super()._on_saved(grant_id)
        window = self.windows.get(grant_id)
        if window is not None:
            window.refresh_summary()

    # -- the grant's window ----------------------------------------------------------------

    def open_selected(self) -> GrantWindow | None:
        row: GrantRow | None = self.selected_row()
        return self.open_window(row.id) if row is not None else None

    def open_window(self, grant_id: int) -> GrantWindow | None:
        """Show the grant's window, bringing it forward if it is already open."""
        window = self.windows.get(grant_id)
        if window is None:
            try:
                window = GrantWindow(self._db, grant_id, self)
            except ServiceError as error:
                QMessageBox.warning(self, _("The grant could not be opened"), str(error))
                self.reload()
                return None
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.destroyed.connect(lambda _obj, key=grant_id: self.windows.pop(key, None))
            window.changed.connect(lambda changed_id: self.reload(select_id=changed_id))
            window.status_message.connect(self.status_message)
            self.windows[grant_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window
