"""Passwords: an administrator sets one for a user (a forgotten one, or the first), and
anyone signed in with their own account changes theirs, knowing the old one.

Each new password is typed twice; a mismatch is caught here, the rest (length, not the
user name, the old password) by the service, whose sentence appears under its field.
"""

from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, _
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.users import UserService
from desktop.store.database import Database
from desktop.ui.sign_in.dialog import passwords_match
from desktop.ui.sign_in.form import FormDialog, password_edit


class SetPasswordDialog(FormDialog):
    ok_text = N_("&Set password")

    def __init__(
        self, db: Database, user_id: int, username: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._users = UserService(db)
        self._user_id = user_id
        self._username = username
        self.password_edit = password_edit(self)
        self.repeat_edit = password_edit(self)
        self.add_row("password", N_("New &password"), self.password_edit)
        self.add_row("repeat", N_("&Repeat the new password"), self.repeat_edit)
        self.finish()

    def relabel(self) -> None:
        # L10N: the title of the dialog in which an administrator sets a user's password
        self.setWindowTitle(_("Set the password of {name}").format(name=self._username))

    def submit(self) -> bool:
        if not passwords_match(self, self.password_edit, self.repeat_edit):
            return False
        try:
            self._users.set_password(self._user_id, self.password_edit.text())
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ServiceError as error:
            self.general_error.show_message(str(error))
            return False
        return True


class ChangePasswordDialog(FormDialog):
    """The signed-in user's own password."""

    ok_text = N_("C&hange password")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._users = UserService(db)
        self.old_edit = password_edit(self)
        self.new_edit = password_edit(self)
        self.repeat_edit = password_edit(self)
        self.add_row("old_password", N_("&Current password"), self.old_edit)
        self.add_row("new_password", N_("&New password"), self.new_edit)
        self.add_row("repeat", N_("&Repeat the new password"), self.repeat_edit)
        self.finish()

    def relabel(self) -> None:
        self.setWindowTitle(_("Change my password"))

    def submit(self) -> bool:
        if not passwords_match(self, self.new_edit, self.repeat_edit):
            return False
        try:
            self._users.change_own_password(self.old_edit.text(), self.new_edit.text())
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ServiceError as error:
            self.general_error.show_message(str(error))
            return False
        return True
