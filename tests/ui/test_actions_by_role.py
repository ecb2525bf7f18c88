"""The window offers each role what it may do: a viewer reads but finds no enabled New,
Archive or Save; staff may create and change but not archive; the audit log, Users… and
the database's own entries only for the roles that have them.  The services refuse
anyway; this proves the courtesy."""

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.domain.user import Role
from desktop.services.actor import Actor, sign_in_as
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from tests.ui.every_window import settle

EDITABLE_PAGES = ["projects", "partners", "people", "grants", "activities", "research", "cases"]


def _window(qtbot: QtBot, db: Database, role: Role) -> MainWindow:
    load_demo(db)
    sign_in_as(Actor(f"{role.value}-user", role, user_id=99))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_viewer_reads_every_record_but_can_change_none(qtbot: QtBot, sqlite_db: Database) -> None:
    window = _window(qtbot, sqlite_db, Role.VIEWER)
    for key in EDITABLE_PAGES:
        page = window.show_page(key)
        settle(qtbot)
        assert page.model.rowCount() > 0, key  # type: ignore[attr-defined]
        page.table.selectRow(0)  # type: ignore[attr-defined]
        assert not page.new_action.isEnabled(), key  # type: ignore[attr-defined]
        assert not page.archive_action.isEnabled(), key  # type: ignore[attr-defined]
        assert page.edit_action.isEnabled(), key  # type: ignore[attr-defined]
        import_action = getattr(page, "import_action", None)
        assert import_action is None or not import_action.isVisible(), key
        dialog = page.open_dialog(page.selected_row().id)  # type: ignore[attr-defined]
        save = dialog.button_box.button(QDialogButtonBox.StandardButton.Save)
        assert not save.isEnabled() and not dialog.save_shortcut.isEnabled(), key
        assert not dialog.archive_button.isVisible(), key
        if key == "cases":  # a case's status and follow-up actions are changes too
            assert not dialog.status_button.isEnabled()  # type: ignore[attr-defined]
            assert not dialog.add_action_button.isEnabled()  # type: ignore[attr-defined]
        dialog.reject()  # nothing to save: it closes without asking
        assert not dialog.isVisible(), key


def test_staff_create_and_change_but_do_not_archive(qtbot: QtBot, sqlite_db: Database) -> None:
    window = _window(qtbot, sqlite_db, Role.STAFF)
    page = window.show_page("projects")
    settle(qtbot)
    page.table.selectRow(0)  # type: ignore[attr-defined]
    assert page.new_action.isEnabled()  # type: ignore[attr-defined]
    assert not page.archive_action.isEnabled()  # type: ignore[attr-defined]
    dialog = page.open_dialog(page.selected_row().id)  # type: ignore[attr-defined]
    assert dialog.button_box.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert not dialog.archive_button.isVisible()
    dialog.done(0)


@pytest.mark.parametrize(
    ("role", "audit", "users", "database"),
    [
        (Role.ADMIN, True, True, True),
        (Role.MANAGER, True, False, False),
        (Role.STAFF, False, False, False),
        (Role.VIEWER, False, False, False),
    ],
)
def test_the_audit_log_users_and_database_entries_follow_the_role(
    qtbot: QtBot, sqlite_db: Database, role: Role, audit: bool, users: bool, database: bool
) -> None:
    window = _window(qtbot, sqlite_db, role)
    row = [spec.key for spec in PAGES].index("audit")
    assert (not window.sidebar.item(row).isHidden()) is audit
    assert window.page_actions["audit"].isVisible() is audit
    assert (window.show_page("audit") is window.page("audit")) is audit
    assert window.account.users_action.isVisible() is users
    menu = window.file_menu
    for action in (menu.open_action, menu.new_action, menu.backup_action):
        assert action.isVisible() is database
    assert window.import_organisations_action.isVisible() is (role != Role.VIEWER)
    assert window.account.sign_out_action.isVisible()
    assert window.account.status_label.text().startswith(f"Signed in as {role.value}-user")


def test_a_viewer_finds_no_new_or_delete_in_a_grants_window(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    window = _window(qtbot, sqlite_db, Role.VIEWER)
    page = window.show_page("grants")
    settle(qtbot)
    page.table.selectRow(0)  # type: ignore[attr-defined]
    grant = page.open_window(page.selected_row().id)  # type: ignore[attr-defined]
    settle(qtbot)
    for tab in grant.all_tabs():
        tab.table.selectRow(0)
        assert tab.selected_row() is not None, type(tab).__name__
        assert not tab.new_action.isEnabled(), type(tab).__name__
        assert not tab.delete_action.isEnabled(), type(tab).__name__
        assert tab.edit_action.isEnabled(), type(tab).__name__
    grant.close()
