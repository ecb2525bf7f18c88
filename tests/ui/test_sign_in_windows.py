"""The sign-in and user windows fit an office laptop (620 pixels, as every editor) and
give each access key to one control only, in every language."""

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.user import Role
from desktop.services.actor import sign_in_as
from desktop.services.sign_in import sign_in
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.sign_in.dialog import FirstAdministratorDialog, SignInDialog
from desktop.ui.sign_in.translator_window import TranslatorWindow
from desktop.ui.users.dialog import UserDialog
from desktop.ui.users.passwords import ChangePasswordDialog, SetPasswordDialog
from desktop.ui.users.users_dialog import UsersDialog
from tests.ui.test_access_key_clashes import clashes
from tests.ui.test_dialog_widths import LANGUAGES, NARROWEST

PASSWORD = "Istog-returnees-2026"

WINDOWS: dict[str, Callable[[Database, int], QWidget]] = {
    "sign in": lambda db, _user: SignInDialog(db),
    "first administrator": lambda db, _user: FirstAdministratorDialog(db),
    "users": lambda db, _user: UsersDialog(db),
    "new user": lambda db, _user: UserDialog(db, None, None),
    "user": lambda db, user: UserDialog(db, user, None),
    "set password": lambda db, user: SetPasswordDialog(db, user, "arta"),
    "change password": lambda db, _user: ChangePasswordDialog(db),
    "translator": lambda db, _user: TranslatorWindow(db),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_window_fits_620_pixels_and_has_no_access_key_clash(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    load_demo(sqlite_db)  # long organisation names in the organisation list
    user = UserService(sqlite_db).create(
        UserForm(username="arta", full_name="Arta Krasniqi", role=Role.ADMIN), PASSWORD
    )
    sign_in_as(sign_in(sqlite_db, "arta", PASSWORD))
    i18n.set_language(language)
    too_wide, clashing = {}, {}
    for name, build in WINDOWS.items():
        window = build(sqlite_db, user)
        qtbot.addWidget(window)
        window.show()
        width = window.minimumSizeHint().width()
        if width > NARROWEST:
            too_wide[name] = width
        clashing |= clashes(window, name)
        window.close()
    assert not too_wide, f"{language}: {too_wide}"
    assert not clashing, f"{language}: {clashing}"
