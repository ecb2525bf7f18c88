"""The File menu's entries about who is signed in: Users…, Change my password…, Sign out;
and the status bar's "Signed in as …".

Each entry shows only where it can work: Users… for a role that manages users, the other
two for someone signed in with an account (a laptop's local administrator has no password
to change and nobody to hand over to).

The dialogs are imported when opened: the window builds these entries at every start, and
the password dialog brings the record dialog's widgets and the conflict dialog with it
(≈ 70 ms of CPU before the first rows).
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from desktop.i18n import _
from desktop.services.permissions import Permission
from desktop.store.database import Database
from desktop.ui.sign_in.access import has_account, may, signed_in_text
from desktop.ui.sign_in.start import sign_out_of

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.users.passwords import ChangePasswordDialog
    from desktop.ui.users.users_dialog import UsersDialog


class AccountActions(QObject):
    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self._window = window
        self.users_action = QAction(self)
        self.users_action.triggered.connect(self.show_users)
        self.users_action.setVisible(may(Permission.MANAGE_USERS))
        self.password_action = QAction(self)
        self.password_action.triggered.connect(self.change_password)
        self.sign_out_action = QAction(self)
        self.sign_out_action.triggered.connect(self.sign_out)
        for action in (self.password_action, self.sign_out_action):
            action.setVisible(has_account())
        self.status_label = QLabel(window)

    def add_to(self, menu: QMenu, before: QAction) -> None:
        """Put the entries in ``menu`` as a section of their own, just above ``before``."""
        for action in (self.users_action, self.password_action, self.sign_out_action):
            menu.insertAction(before, action)
        if any(action.isVisible() for action in (self.users_action, self.sign_out_action)):
            menu.insertSeparator(before)

    def retranslate_ui(self) -> None:
        # L10N: File menu; opens the list of user accounts
        self.users_action.setText(_("&Users…"))
        self.password_action.setText(_("C&hange my password…"))
        self.sign_out_action.setText(_("Sign ou&t"))
        self.status_label.setText(signed_in_text())

    @property
    def _db(self) -> Database:
        return self._window.database

    def _open(self, dialog: QWidget) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # type: ignore[attr-defined]

    def show_users(self) -> "UsersDialog":
        from desktop.ui.users.users_dialog import UsersDialog

        dialog = UsersDialog(self._db, self._window)
        self._open(dialog)
        return dialog

    def change_password(self) -> "ChangePasswordDialog":
        from desktop.ui.users.passwords import ChangePasswordDialog

        dialog = ChangePasswordDialog(self._db, self._window)
        dialog.accepted.connect(
            lambda: self._window.show_status_message(_("Your password was changed."))
        )
        self._open(dialog)
        return dialog

    def sign_out(self) -> QWidget | None:
        """Hand the computer over: the next person signs in to a window of their own."""
        return sign_out_of(self._window)
