"""File > Users…: an administrator adds a user who can then sign in, gives a password,
deactivates; anyone with an account changes their own password.  Refusals appear under
their field and change nothing."""

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.domain.user import Role
from desktop.services.actor import Actor, sign_in_as
from desktop.services.organisations import OrganisationService
from desktop.services.sign_in import SignInRefused, sign_in
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database
from desktop.ui.users.passwords import ChangePasswordDialog
from desktop.ui.users.users_dialog import UsersDialog
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_organisation

PASSWORD = "Peja-youth-forum-26"
NEW_PASSWORD = "Dragash-consultation-9"


@pytest.fixture
def admin(sqlite_db: Database) -> int:
    actor = Actor("drita", Role.ADMIN)
    form = UserForm(username="drita", full_name="Drita Berisha", role=Role.ADMIN)
    user_id = UserService(sqlite_db, actor).create(form, PASSWORD)
    sign_in_as(sign_in(sqlite_db, "drita", PASSWORD))
    return user_id


def _users(qtbot: QtBot, db: Database) -> UsersDialog:
    dialog = UsersDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_user_added_in_the_dialog_can_sign_in_with_role_and_organisation(
    qtbot: QtBot, sqlite_db: Database, admin: int
) -> None:
    fiq = add_organisation(sqlite_db, "Forum for Civic Initiatives", OrganisationKind.PARTNER_CSO)
    users = _users(qtbot, sqlite_db)
    assert [row.username for row in users.rows] == ["drita"]
    editor = users.open_editor(None)
    assert editor is not None
    editor.username_edit.setText("milica")
    editor.full_name_edit.setText("Milica Jovanović")
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(Role.STAFF.value))
    editor.organisation_combo.setCurrentIndex(editor.organisation_combo.findData(fiq))
    editor.language_combo.setCurrentIndex(editor.language_combo.findData("sr"))
    editor.password_edit.setText(PASSWORD)
    editor.repeat_edit.setText(PASSWORD + "x")
    assert not editor.save()
    assert editor.field_error("repeat") == "The two passwords differ; type the same one twice."
    assert [row.username for row in users.rows] == ["drita"]

    editor.repeat_edit.setText(PASSWORD)
    assert editor.save()
    assert [row.username for row in users.rows] == ["drita", "milica"]
    assert users.selected_user() is not None and users.selected_user().username == "milica"
    texts = [users.table.item(1, column).text() for column in range(users.table.columnCount())]
    assert texts == [
        "milica",
        "Milica Jovanović",
        "Staff",
        "Forum for Civic Initiatives",
        "Yes",
        "Set",
    ]
    actor = sign_in(sqlite_db, "milica", PASSWORD)
    assert (actor.role, actor.organisation_id) == (Role.STAFF, fiq)
    assert UserService(sqlite_db).details(actor.user_id).form.language == "sr"


def test_the_editor_shows_the_services_refusals_under_their_fields(
    qtbot: QtBot, sqlite_db: Database, admin: int
) -> None:
    users = _users(qtbot, sqlite_db)
    editor = users.open_editor(None)
    assert editor is not None
    editor.username_edit.setText("Drita")  # taken, whatever the case
    editor.password_edit.setText("short")
    editor.repeat_edit.setText("short")
    assert not editor.save()
    assert editor.field_error("username") == "Another user already has the name Drita."
    assert editor.field_error("full_name")
    assert editor.field_error("password") == "Use at least 10 characters."
    assert len(users.rows) == 1


def test_an_existing_user_is_edited_and_the_last_administrator_kept(
    qtbot: QtBot, sqlite_db: Database, admin: int
) -> None:
    users = _users(qtbot, sqlite_db)
    users.select_user("drita")
    editor = users.edit_selected()
    assert editor is not None
    assert editor.windowTitle() == "User drita"
    assert not editor.password_edit.isVisible()
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(Role.VIEWER.value))
    assert not editor.save()
    assert "last active administrator" in editor.field_error("role")
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(Role.ADMIN.value))
    editor.full_name_edit.setText("Drita Berisha-Gashi")
    assert editor.save()
    assert users.rows[0].full_name == "Drita Berisha-Gashi"


def test_set_password_and_deactivate_from_the_list(
    qtbot: QtBot, sqlite_db: Database, admin: int, message_boxes: MessageBoxes
) -> None:
    UserService(sqlite_db).create(UserForm(username="luan", full_name="Luan Gashi"), None)
    users = _users(qtbot, sqlite_db)
    users.select_user("luan")
    assert users.table.item(1, 5).text() == "None"
    dialog = users.set_password()
    assert dialog is not None
    dialog.password_edit.setText("luan")
    dialog.repeat_edit.setText("luan")
    dialog.accept()
    assert dialog.isVisible() and dialog.field_error("password") == "Use at least 10 characters."
    dialog.password_edit.setText(NEW_PASSWORD)
    dialog.repeat_edit.setText(NEW_PASSWORD)
    dialog.accept()
    assert not dialog.isVisible()
    assert users.table.item(1, 5).text() == "Set"
    assert sign_in(sqlite_db, "luan", NEW_PASSWORD).username == "luan"

    assert users.active_button.text() == "Deac&tivate"
    users.toggle_active()
    assert users.table.item(1, 4).text() == "No"
    assert users.active_button.text() == "Ac&tivate"
    with pytest.raises(SignInRefused):
        sign_in(sqlite_db, "luan", NEW_PASSWORD)

    users.select_user("drita")
    users.toggle_active()  # the last administrator
    assert message_boxes.kinds() == ["warning"]
    assert "last active administrator" in message_boxes.shown[0][2]
    assert users.table.item(0, 4).text() == "Yes"


def test_anyone_signed_in_changes_their_own_password_knowing_the_old_one(
    qtbot: QtBot, sqlite_db: Database, admin: int
) -> None:
    UserService(sqlite_db).create(
        UserForm(username="vera", full_name="Vera Petrović", role=Role.VIEWER), PASSWORD
    )
    sign_in_as(sign_in(sqlite_db, "vera", PASSWORD))
    dialog = ChangePasswordDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.old_edit.setText("not my password")
    dialog.new_edit.setText(NEW_PASSWORD)
    dialog.repeat_edit.setText(NEW_PASSWORD)
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.field_error("old_password") == "This is not your current password."
    sign_in(sqlite_db, "vera", PASSWORD)

    dialog.old_edit.setText(PASSWORD)
    dialog.ok_button.click()
    assert not dialog.isVisible()
    assert sign_in(sqlite_db, "vera", NEW_PASSWORD).role == Role.VIEWER
    with pytest.raises(SignInRefused):
        sign_in(sqlite_db, "vera", PASSWORD)


def test_a_user_of_an_archived_organisation_keeps_it_when_edited(
    qtbot: QtBot, sqlite_db: Database, admin: int
) -> None:
    cdf = add_organisation(sqlite_db, "Community Development Fund", OrganisationKind.PARTNER_CSO)
    service = UserService(sqlite_db)
    form = UserForm(username="ilir", full_name="Ilir Hoxha", organisation_id=cdf)
    user = service.create(form, None)
    OrganisationService(sqlite_db).archive(cdf)
    users = _users(qtbot, sqlite_db)
    users.select_user("ilir")
    editor = users.edit_selected()
    assert editor is not None
    assert editor.organisation_combo.currentText() == "Community Development Fund"
    editor.full_name_edit.setText("Ilir Hoxha-Krasniqi")
    assert editor.save()
    assert service.details(user).form.organisation_id == cdf
