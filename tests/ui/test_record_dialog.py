"""What every editor inherits from RecordDialog, driven through the project dialog:
shortcuts, the general error line, archive and restore, and the unsaved-changes prompt."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from desktop.domain.project import Project
from desktop.i18n import _
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.projects.dialog import ProjectDialog
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project


def open_project(qtbot: QtBot, db: Database, project_id: int | None) -> ProjectDialog:
    dialog = ProjectDialog(db, project_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_ctrl_s_saves_and_escape_closes(qtbot: QtBot, sqlite_db: Database) -> None:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    dialog = open_project(qtbot, sqlite_db, project_id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.title_edits["name_en"].setFocus()
    dialog.title_edits["name_en"].selectAll()
    qtbot.keyClicks(dialog.title_edits["name_en"], "Safer streets")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(
            dialog.title_edits["name_en"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    assert ProjectService(sqlite_db).get(project_id).form.name_en == "Safer streets"
    assert not dialog.isVisible()

    again = open_project(qtbot, sqlite_db, project_id)
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    qtbot.keyClick(again.code_edit, Qt.Key.Key_Escape)
    assert not again.isVisible()


def test_labels_name_their_fields_for_screen_readers(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = open_project(qtbot, sqlite_db, None)
    assert dialog.code_edit.accessibleName() == _("Code")
    assert dialog.status_combo.accessibleName() == _("Status")
    assert dialog.municipality_list.list.accessibleName() == _("Municipalities")
    assert dialog.title_edits["name_sr"].accessibleName() == _("Title in Serbian, Cyrillic script")


def test_an_error_for_no_field_shown_goes_on_top(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = open_project(qtbot, sqlite_db, None)
    dialog.show_errors({"partners": "A partner appears twice.", "code": "Give a code."})
    assert dialog.general_error.isVisible()
    assert dialog.general_error.text() == "A partner appears twice."
    assert dialog.field_error("code") == "Give a code."
    qtbot.waitUntil(dialog.code_edit.hasFocus)
    dialog.clear_errors()
    assert dialog.general_error.isHidden()
    assert dialog.field_error("code") == ""


def test_archive_and_restore_from_the_dialog(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    service = ProjectService(sqlite_db)
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    new = open_project(qtbot, sqlite_db, None)
    assert new.archive_button.isHidden()  # nothing to archive before it is saved

    dialog = open_project(qtbot, sqlite_db, project_id)
    assert dialog.archive_button.isVisible()
    assert dialog.archive_button.text() == _("Arc&hive")
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.archive_button.click()
    assert service.count(ListQuery()) == 1  # the user said no

    message_boxes.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.archive_button.click()
    assert saved.args == [project_id]
    assert not dialog.isVisible()
    assert service.count(ListQuery()) == 0
    assert service.get(project_id).archived

    archived = open_project(qtbot, sqlite_db, project_id)
    assert archived.archive_button.text() == _("Restore from arc&hive")
    archived.archive_button.click()
    assert not service.get(project_id).archived
    assert archived.isVisible()
    assert archived.archive_button.text() == _("Arc&hive")
    # the restored record can be saved at once: the dialog has its new version
    archived.title_edits["name_en"].setText("Safer communities, restored")
    assert archived.save()
    assert service.get(project_id).form.name_en == "Safer communities, restored"


def test_archiving_with_changes_asks_to_save_them_first(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    service = ProjectService(sqlite_db)
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    dialog = open_project(qtbot, sqlite_db, project_id)
    dialog.title_edits["name_en"].setText("Changed")
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    dialog.archive_button.click()
    assert dialog.isVisible()
    assert not service.get(project_id).archived
    assert message_boxes.kinds() == ["question"]
    assert message_boxes.shown[0][2] == _(
        "This project has changes that are not saved. Save them before closing?"
    )


def test_a_duplicate_code_is_refused_under_its_field(qtbot: QtBot, sqlite_db: Database) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities")
    other = add_project(sqlite_db, "KS-CS-02", "Dialogue")
    dialog = open_project(qtbot, sqlite_db, other)
    dialog.code_edit.setText("KS-CS-01")
    assert not dialog.save()
    assert dialog.isVisible()
    assert dialog.field_error("code") == _("Another project already has the code {code}.").format(
        code="KS-CS-01"
    )
    assert ProjectService(sqlite_db).get(other).form.code == "KS-CS-02"


def test_a_record_deleted_meanwhile_is_reported_in_a_message_box(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    dialog = open_project(qtbot, sqlite_db, project_id)
    with sqlite_db.transaction() as session:
        session.execute(delete(Project).where(Project.id == project_id))
    dialog.title_edits["name_en"].setText("Changed")
    assert not dialog.save()
    assert dialog.isVisible()
    assert message_boxes.shown == [
        (
            "warning",
            _("The project was not saved"),
            _("The project was not found; it may have been deleted."),
        )
    ]
