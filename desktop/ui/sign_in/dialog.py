"""The dialogs before the main window: sign in, or create the first administrator.

Both stay open on a refusal and say why in the service's own sentence, so a mistyped
password costs one retyping, not a restart; Cancel leaves the application.
"""

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.i18n import N_, _
from desktop.services.actor import Actor
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.sign_in import create_first_administrator, sign_in
from desktop.store.database import Database
from desktop.ui.sign_in.form import FormDialog, password_edit


class SignInDialog(FormDialog):
    """``actor`` is who signed in, once the dialog is accepted."""

    # L10N: the button that checks the user name and password
    ok_text = N_("&Sign in")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor: Actor | None = None
        self.username_edit = QLineEdit(self)
        self.password_edit = password_edit(self)
        self.add_row("username", N_("&User name"), self.username_edit)
        self.add_row("password", N_("&Password"), self.password_edit)
        self.finish()

    def relabel(self) -> None:
        # L10N: the title of the dialog shown before the main window on a shared database
        self.setWindowTitle(_("Sign in to CSO Desk"))
        # L10N: {where} is a database: a file's path or a server's address
        self.set_intro(_("Sign in to the database {where}.").format(where=self._db.description))

    def submit(self) -> bool:
        try:
            self.actor = sign_in(self._db, self.username_edit.text(), self.password_edit.text())
        except ServiceError as error:
            self.general_error.show_message(str(error))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return False
        return True


class FirstAdministratorDialog(FormDialog):
    """A shared server with nobody who can sign in gets its first administrator here;
    ``actor`` is that administrator, once the dialog is accepted."""

    ok_text = N_("Cr&eate")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.actor: Actor | None = None
        self.username_edit = QLineEdit(self)
        self.full_name_edit = QLineEdit(self)
        self.password_edit = password_edit(self)
        self.repeat_edit = password_edit(self)
        self.add_row("username", N_("&User name"), self.username_edit)
        self.add_row("full_name", N_("&Full name"), self.full_name_edit)
        self.add_row("password", N_("&Password"), self.password_edit)
        self.add_row("repeat", N_("&Repeat the password"), self.repeat_edit)
        self.finish()

    def relabel(self) -> None:
        self.setWindowTitle(_("Create the first administrator"))
        self.set_intro(
            _(
                "Nobody can sign in to the database {where} yet. Create its first "
                "administrator here; they then add everyone else under File > Users…."
            ).format(where=self._db.description)
        )

    def submit(self) -> bool:
        if not passwords_match(self, self.password_edit, self.repeat_edit):
            return False
        try:
            self.actor = create_first_administrator(
                self._db,
                self.username_edit.text(),
                self.full_name_edit.text(),
                self.password_edit.text(),
            )
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ServiceError as error:
            self.general_error.show_message(str(error))
            return False
        return True


def passwords_match(dialog: FormDialog, password: QLineEdit, repeat: QLineEdit) -> bool:
    """Whether the password was typed the same twice; if not, ``dialog`` says so under
    the second field, which is emptied for another try."""
    if password.text() == repeat.text():
        return True
    dialog.show_errors({"repeat": _("The two passwords differ; type the same one twice.")})
    repeat.clear()
    return False
