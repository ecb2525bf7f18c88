"""Tools ▸ Users…: every account of the database, for an administrator to add, change,
give a password and deactivate.

Accounts are few (an office, not a public site), so the list is read whole each time it
changes.  Nobody is deleted: a deactivated user can no longer sign in, and their name stays
on everything the audit log says they did.  Export… writes the list as shown to XLSX or
CSV (no password, only whether one is set).
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.user import ROLE_LABELS
from desktop.i18n import N_, _
from desktop.services.errors import ServiceError
from desktop.services.export import ExportColumn, RowsSource
from desktop.services.listing import ListQuery
from desktop.services.users import UserRow, UserService
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.users.dialog import UserDialog
from desktop.ui.users.passwords import SetPasswordDialog
from desktop.ui.widgets.list_export import ListExport

HEADERS = (
    N_("User name"),
    N_("Full name"),
    N_("Role"),
    N_("Organisation"),
    N_("Active"),
    N_("Password"),
)


def _cells(user: UserRow) -> tuple[str, ...]:
    """A user's row as the list shows it, and as it is exported."""
    return (
        user.username,
        user.full_name,
        _(ROLE_LABELS[user.role]),
        user.organisation or _("— lead office —"),
        _("Yes") if user.active else _("No"),
        # L10N: in the users' list, whether the user has a password: "Set" or "None"
        _("Set") if user.has_password else _("None"),
    )


def _export_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_(title), lambda user, column=column: _cells(user)[column])
        for column, title in enumerate(HEADERS)
    ]


class UsersDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._users = UserService(db)
        self.rows: list[UserRow] = []
        self.resize(600, 420)

        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.heading = QLabel(self)
        self.heading.setBuddy(self.table)

        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.open_editor(None))
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.password_button = QPushButton(self)
        self.password_button.clicked.connect(self.set_password)
        self.active_button = QPushButton(self)
        self.active_button.clicked.connect(self.toggle_active)
        self.list_export = ListExport(
            self,
            _export_columns,
            lambda: RowsSource(self.rows),
            ListQuery,
            lambda: len(self.rows),
            lambda: _("Users"),
        )
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.list_export.action.trigger)
        self.list_export.action.changed.connect(
            lambda: self.export_button.setEnabled(self.list_export.action.isEnabled())
        )
        for button in (
            self.add_button,
            self.edit_button,
            self.password_button,
            self.active_button,
            self.export_button,
        ):
            button.setAutoDefault(False)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.button_box.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.password_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.button_box)

        language_hub().language_changed.connect(self.retranslate_ui)
        self.reload()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Users"))
        # L10N: above the list of user accounts; its access key reaches the list
        self.heading.setText(_("User &accounts"))
        self.table.setHorizontalHeaderLabels([_(text) for text in HEADERS])
        self.add_button.setText(_("Add &user…"))
        self.edit_button.setText(_("&Edit…"))
        self.password_button.setText(_("Set &password…"))
        self.list_export.retranslate()
        self.export_button.setText(self.list_export.action.text())
        self.export_button.setToolTip(_("Save this list for Excel or LibreOffice"))
        self._show_rows()

    # -- the list --------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the accounts again, keeping ``select_id`` (or the selected one) selected."""
        chosen = select_id if select_id is not None else self._selected_id()
        try:
            self.rows = self._users.rows()
        except ServiceError as error:
            QMessageBox.warning(self, _("The users could not be read"), str(error))
            self.rows = []
        self._show_rows()
        for row, user in enumerate(self.rows):
            if user.id == chosen:
                self.table.selectRow(row)
        self._update_buttons()

    def _show_rows(self) -> None:
        self.table.setRowCount(len(self.rows))
        for row, user in enumerate(self.rows):
            for column, text in enumerate(_cells(user)):
                item = QTableWidgetItem(text)
                if not user.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def _selected_id(self) -> int | None:
        user = self.selected_user()
        return user.id if user is not None else None

    def selected_user(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.rows):
            return None
        return self.rows[rows[0].row()]

    def select_user(self, username: str) -> None:
        for row, user in enumerate(self.rows):
            if user.username == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        for button in (self.edit_button, self.password_button, self.active_button):
            button.setEnabled(user is not None)
        if user is not None and not user.active:
            self.active_button.setText(_("Ac&tivate"))
            self.active_button.setToolTip(_("Let the selected user sign in again"))
        else:
            self.active_button.setText(_("Deac&tivate"))
            self.active_button.setToolTip(
                _("The selected user can no longer sign in; their name stays in the audit log")
            )

    # -- acting on a user ------------------------------------------------------------------

    def open_editor(self, user_id: int | None) -> UserDialog | None:
        """The editor of a new or an existing account (window-modal, without blocking)."""
        try:
            dialog = UserDialog(self._db, user_id, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The user could not be opened"), str(error))
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda saved_id: self.reload(select_id=saved_id))
        dialog.open()
        return dialog

    def edit_selected(self) -> UserDialog | None:
        user = self.selected_user()
        return self.open_editor(user.id) if user is not None else None

    def set_password(self) -> SetPasswordDialog | None:
        user = self.selected_user()
        if user is None:
            return None
        dialog = SetPasswordDialog(self._db, user.id, user.username, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.reload(select_id=user.id))
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        """Deactivate the selected user, or activate them again."""
        user = self.selected_user()
        if user is None:
            return
        try:
            if user.active:
                self._users.deactivate(user.id)
            else:
                self._users.activate(user.id)
        except ServiceError as error:
            QMessageBox.warning(self, _("The user was not changed"), str(error))
        self.reload(select_id=user.id)
