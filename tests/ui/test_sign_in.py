"""Signing in at start: asked only where it is needed, over the main window's frame, which
shows no record and no page until someone has signed in; a wrong password keeps the
dialog open and says why, the right one opens the window as that user, and Sign out hands
over."""

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.user import Role
from desktop.services.actor import Actor, sign_in_as, signed_in_actor
from desktop.services.sign_in import sign_in
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.app import run_gui
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.sign_in.dialog import FirstAdministratorDialog, SignInDialog
from desktop.ui.sign_in.start import open_window
from desktop.ui.sign_in.translator_window import TranslatorWindow

PASSWORD = "Mitrovica-2026-north"
ADMIN = Actor("admin", Role.ADMIN)


def add_user(db: Database, username: str, role: Role, password: str | None = PASSWORD) -> int:
    form = UserForm(username=username, full_name=username.title(), role=role)
    return UserService(db, ADMIN).create(form, password)


def shown(kind: type) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def opened() -> list[MainWindow]:
    """The main windows shown with their database (not the frame shown before sign-in)."""
    return [w for w in shown(MainWindow) if w.is_attached()]


def run_steps(steps: list[Callable[[], bool]]) -> QTimer:
    """Every 20 ms, try the first step left; a step that returns True is done.  The steps
    run inside whichever event loop is running then: the dialog's, then the window's."""
    timer = QTimer()

    def tick() -> None:
        if steps and steps[0]():
            steps.pop(0)
        if not steps:
            timer.stop()

    timer.timeout.connect(tick)
    timer.start(20)
    return timer


def test_a_laptop_whose_users_have_no_password_opens_without_asking(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "arta", Role.STAFF, password=None)
    seen: list[str] = []

    def close_window() -> bool:
        assert not shown(SignInDialog)
        windows = opened()
        if windows:
            seen.append(windows[0].account.status_label.text())
            windows[0].close()
        return bool(windows)

    timer = run_steps([close_window])
    assert run_gui(str(sqlite_db.path), "en") == 0
    timer.stop()
    assert seen == [""]  # nobody signed in: the local administrator
    assert signed_in_actor().user_id is None


def test_a_wrong_password_says_so_and_the_window_stays_shut(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "drita", Role.ADMIN)
    add_user(sqlite_db, "arta", Role.STAFF)
    seen: dict[str, object] = {}

    def wrong_password() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            dialog = dialogs[0]
            dialog.username_edit.setText("arta")
            dialog.password_edit.setText("Mitrovica-2025")
            seen["button"] = dialog.ok_button.text()
            dialog.ok_button.click()
            seen["message"] = dialog.shown_error()
            seen["still open"] = dialog.isVisible()
            seen["password kept"] = dialog.password_edit.text()
            seen["windows"] = len(opened())
            dialog.reject()
        return bool(dialogs)

    timer = run_steps([wrong_password])
    assert run_gui(str(sqlite_db.path), "en") == 0
    timer.stop()
    assert seen == {
        "button": "&Sign in",
        "message": "The user name or the password is not right.",
        "still open": True,
        "password kept": "",
        "windows": 0,
    }
    assert not shown(MainWindow)
    assert signed_in_actor().user_id is None


def test_behind_the_sign_in_dialog_the_frame_shows_no_record_and_no_page(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    """The frame is painted before the database opens; while the dialog asks, it holds
    nothing read from the database: no page, no list but the sidebar's page names, and no
    database name in the title or the status bar."""
    load_demo(sqlite_db)
    add_user(sqlite_db, "drita", Role.ADMIN)
    settings.write(settings.LAST_PAGE, "activities")
    seen: dict[str, object] = {}

    def look_behind_the_dialog() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            [frame] = shown(MainWindow)
            own = [label for label in frame.findChildren(QLabel) if label.window() is frame]
            texts = [frame.windowTitle(), *(label.text() for label in own)]
            seen["dialog over the frame"] = dialogs[0].parent() is frame and dialogs[0].isModal()
            seen["attached"] = frame.is_attached()
            seen["lists"] = [type(view).__name__ for view in frame.findChildren(QAbstractItemView)]
            seen["pages"] = [frame.page(spec.key) for spec in PAGES if frame.page(spec.key)]
            seen["content"] = frame.opening_label.text()
            seen["content shown"] = frame.opening_label.isVisible()
            seen["database named"] = any(sqlite_db.path.stem in text for text in texts)
            seen["entries enabled"] = frame.sidebar.isEnabled()
            seen["page keys enabled"] = [
                a.text() for a in frame.page_actions.values() if a.isEnabled()
            ]
            seen["sidebar"] = [frame.sidebar.item(row).text() for row in range(3)]
            dialogs[0].reject()
        return bool(dialogs)

    timer = run_steps([look_behind_the_dialog])
    assert run_gui(str(sqlite_db.path), "en") == 0  # Cancel closes the application
    timer.stop()
    assert seen == {
        "dialog over the frame": True,
        "attached": False,
        "lists": ["QListWidget"],  # the sidebar
        "pages": [],
        "content": "Opening the database…",
        "content shown": True,
        "database named": False,
        "entries enabled": False,
        "page keys enabled": [],
        "sidebar": ["Dashboard", "Projects", "Partners"],
    }
    assert not shown(MainWindow)
    assert settings.read_text(settings.LAST_PAGE) == "activities"  # the frame kept it


def test_the_right_password_opens_the_window_as_that_user(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "drita", Role.ADMIN)
    arta = add_user(sqlite_db, "arta", Role.MANAGER)
    seen: dict[str, object] = {}

    def sign_in_step() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            dialogs[0].username_edit.setText("Arta")
            dialogs[0].password_edit.setText(PASSWORD)
            dialogs[0].ok_button.click()
        return bool(dialogs)

    def look_and_close() -> bool:
        windows = opened()
        if windows:
            seen["status"] = windows[0].account.status_label.text()
            seen["actor"] = signed_in_actor().user_id
            windows[0].close()
        return bool(windows)

    timer = run_steps([sign_in_step, look_and_close])
    assert run_gui(str(sqlite_db.path), "en") == 0
    timer.stop()
    assert seen == {"status": "Signed in as arta (Manager)", "actor": arta}


def test_a_user_who_chose_albanian_works_in_albanian(qtbot: QtBot, sqlite_db: Database) -> None:
    add_user(sqlite_db, "drita", Role.ADMIN)
    service = UserService(sqlite_db, ADMIN)
    form = UserForm(username="besa", full_name="Besa Gashi", role=Role.STAFF, language="sq")
    service.create(form, PASSWORD)
    seen: dict[str, str] = {}

    def sign_in_step() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            dialogs[0].username_edit.setText("besa")
            dialogs[0].password_edit.setText(PASSWORD)
            dialogs[0].ok_button.click()
        return bool(dialogs)

    def look_and_close() -> bool:
        windows = opened()
        if windows:
            seen["language"] = i18n.current_language()
            seen["menu"] = windows[0].file_menu.title()
            windows[0].close()
        return bool(windows)

    timer = run_steps([sign_in_step, look_and_close])
    assert run_gui(str(sqlite_db.path), "en") == 0
    timer.stop()
    assert seen["language"] == "sq"
    assert seen["menu"] not in ("", "&File")  # the window speaks Albanian too


def test_sign_out_asks_who_comes_next_and_gives_them_their_own_window(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "arta", Role.ADMIN)
    add_user(sqlite_db, "vera", Role.VIEWER)
    sign_in_as(sign_in(sqlite_db, "arta", PASSWORD))
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    assert window.account.users_action.isVisible()
    seen: dict[str, object] = {}

    def vera_signs_in() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            seen["old window hidden"] = not window.isVisible()
            dialogs[0].username_edit.setText("vera")
            dialogs[0].password_edit.setText(PASSWORD)
            dialogs[0].ok_button.click()
        return bool(dialogs)

    timer = run_steps([vera_signs_in])
    replacement = window.account.sign_out()
    timer.stop()
    assert isinstance(replacement, MainWindow)
    qtbot.addWidget(replacement)
    assert seen == {"old window hidden": True}
    assert replacement.isVisible() and not window.isVisible()
    assert replacement.account.status_label.text() == "Signed in as vera (Viewer)"
    assert not replacement.account.users_action.isVisible()


def test_a_new_server_gets_its_first_administrator_who_is_then_signed_in(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "arta", Role.STAFF)  # a password, but no administrator has one
    dialog = FirstAdministratorDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username_edit.setText("drita")
    dialog.full_name_edit.setText("Drita Berisha")
    dialog.password_edit.setText("Prishtina-office-1")
    dialog.repeat_edit.setText("Prishtina-office-2")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.field_error("repeat") == "The two passwords differ; type the same one twice."

    dialog.repeat_edit.setText("Prishtina-office-1")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert dialog.actor is not None and dialog.actor.role == Role.ADMIN
    assert sign_in(sqlite_db, "drita", "Prishtina-office-1").user_id == dialog.actor.user_id


def test_a_translator_gets_a_note_instead_of_the_organisations_records(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "teuta", Role.TRANSLATOR)
    sign_in_as(sign_in(sqlite_db, "teuta", PASSWORD))
    window = open_window(sqlite_db)
    qtbot.addWidget(window)
    assert isinstance(window, TranslatorWindow)
    assert "Signed in as teuta (Translator)" in window.note.text()


def test_the_dialogs_choose_between_signing_in_and_first_administrator(
    sqlite_db: Database, tmp_path: Path
) -> None:
    from desktop.services.sign_in import needs_first_administrator, sign_in_required

    assert not sign_in_required(sqlite_db)
    add_user(sqlite_db, "arta", Role.STAFF)
    assert sign_in_required(sqlite_db) and needs_first_administrator(sqlite_db)
    add_user(sqlite_db, "drita", Role.ADMIN)
    assert not needs_first_administrator(sqlite_db)


def test_opening_another_database_asks_to_sign_in_to_that_one(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.store.database import open_database
    from desktop.ui import database_files

    add_user(sqlite_db, "arta", Role.ADMIN)
    other_path = tmp_path / "prizren-office.sqlite3"
    other = open_database(str(other_path))
    besa = add_user(other, "besa", Role.ADMIN)
    other.close()
    sign_in_as(sign_in(sqlite_db, "arta", PASSWORD))
    arta = signed_in_actor()
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(other_path), ""))
    )

    def cancel() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            dialogs[0].reject()
        return bool(dialogs)

    timer = run_steps([cancel])
    assert database_files.open_existing(window) is None
    timer.stop()
    assert signed_in_actor() == arta and window.isVisible()

    def besa_signs_in() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            dialogs[0].username_edit.setText("besa")
            dialogs[0].password_edit.setText(PASSWORD)
            dialogs[0].ok_button.click()
        return bool(dialogs)

    timer = run_steps([besa_signs_in])
    replacement = database_files.open_existing(window)
    timer.stop()
    assert replacement is not None
    qtbot.addWidget(replacement)
    assert signed_in_actor().user_id == besa and signed_in_actor().username == "besa"
    assert replacement.account.status_label.text() == "Signed in as besa (Administrator)"


def test_a_translator_who_signs_out_and_cancels_leaves_no_window(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    add_user(sqlite_db, "drita", Role.ADMIN)
    add_user(sqlite_db, "teuta", Role.TRANSLATOR)
    sign_in_as(sign_in(sqlite_db, "teuta", PASSWORD))
    window = open_window(sqlite_db)
    qtbot.addWidget(window)
    window.show()

    def cancel() -> bool:
        dialogs = shown(SignInDialog)
        if dialogs:
            dialogs[0].reject()
        return bool(dialogs)

    timer = run_steps([cancel])
    window.sign_out_button.click()
    timer.stop()
    assert not window.isVisible()
    assert not shown(MainWindow) and not shown(TranslatorWindow)
    assert signed_in_actor().user_id is None


def test_the_dialogs_say_which_database_they_sign_in_to(qtbot: QtBot, sqlite_db: Database) -> None:
    for kind in (SignInDialog, FirstAdministratorDialog):
        dialog = kind(sqlite_db)
        qtbot.addWidget(dialog)
        assert str(sqlite_db.path) in dialog.intro.text()
        assert not dialog.intro.isHidden()
