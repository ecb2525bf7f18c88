"""Who uses the window: asked once the database is open and before the main window shows,
and again after Sign out.

A laptop whose users have no password opens straight away, as its local administrator; a
shared server, or a file where someone has set a password, asks to sign in first; a server
on which nobody could sign in yet asks for its first administrator instead.

The dialogs, the translator's window and ``QMessageBox`` are imported when one is shown:
a start that asks nobody to sign in (a laptop's) shows none of them before its first rows,
and their modules (the record dialog's widgets, the conflict dialog) cost ≈ 40 ms of CPU.
"""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QWidget

from desktop import i18n
from desktop.i18n import _
from desktop.services.actor import sign_in_as, sign_out, signed_in_actor
from desktop.services.errors import ServiceError
from desktop.services.permissions import Permission
from desktop.services.sign_in import needs_first_administrator, sign_in_required
from desktop.store.database import Database
from desktop.ui.sign_in.access import may


def sign_in_at_start(db: Database, parent: QWidget | None = None) -> bool:
    """Ask who is working, if ``db`` needs to know; False when they cancel (the
    application then closes without showing any record)."""
    try:
        first_administrator = needs_first_administrator(db)
        required = first_administrator or sign_in_required(db)
    except ServiceError as error:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(parent, _("Nobody can sign in now"), str(error))
        return False
    if not required:
        return True
    from desktop.ui.sign_in.dialog import FirstAdministratorDialog, SignInDialog

    kind = FirstAdministratorDialog if first_administrator else SignInDialog
    dialog = kind(db, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if accepted and dialog.actor is not None:
        sign_in_as(dialog.actor)
        if dialog.actor.language:  # their account's language, for this session
            i18n.set_language(dialog.actor.language)
    dialog.deleteLater()
    return accepted and dialog.actor is not None


def sign_in_to_another(db: Database, parent: QWidget | None) -> bool:
    """Before File > Open or New shows ``db``: an account belongs to one database, so
    whoever signed in to the old one signs in to ``db`` if it asks (or works there as the
    local administrator if it does not).  False, and still signed in to the old one, when
    they cancel."""
    previous = signed_in_actor()
    sign_out()
    if sign_in_at_start(db, parent):
        return True
    sign_in_as(previous)
    return False


def open_window(db: Database) -> QWidget:
    """The main window for whoever reads records; a translator's note for a translator."""
    if not may(Permission.READ_RECORDS):
        from desktop.ui.sign_in.translator_window import TranslatorWindow

        return TranslatorWindow(db)
    from desktop.ui.main_window import MainWindow  # it offers Sign out, which comes here

    return MainWindow(db)


def sign_out_of(window: QWidget) -> QWidget | None:
    """Sign out and hide ``window`` at once (its records are no longer the next person's
    to see), then ask who works next; their window, or None when the application closes."""
    db: Database = window.database  # type: ignore[attr-defined]
    sign_out()
    save_settings = getattr(window, "save_settings", None)
    if save_settings is not None:
        save_settings()
    window.hide()
    try:
        required = sign_in_required(db)
    except ServiceError as error:  # the server went away: nobody can sign in, so close
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, _("Nobody can sign in now"), str(error))
        required = False
    if not required or not sign_in_at_start(db):
        window.close()
        QCoreApplication.quit()  # with its grant windows and anything else still open
        return None
    replacement = open_window(db)
    replacement.show()
    window.close()
    window.deleteLater()
    return replacement
