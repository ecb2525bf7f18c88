"""Point 3 in the window: a save the disk refuses says why in one sentence and keeps the
editor open with everything the user typed, so that once space is freed Save works."""

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.services.organisations import OrganisationService
from desktop.store.database import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.organisations.page import OrganisationsPage
from tests.store.disk_tools import connections_with, page_count
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_organisation

DISK_FULL = "The disk is full: free some space and save again; nothing was changed."
MINUTES = ("Minutes of the municipal community safety council in Zvečan. " * 200).strip()


def open_editor(qtbot: QtBot, window: MainWindow, name: str) -> OrganisationDialog:
    page = window.show_page("partners")
    assert isinstance(page, OrganisationsPage)
    page.reload()
    names = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
    page.table.selectRow(names.index(name))
    page.edit_action.trigger()
    [dialog] = [d for d in page.findChildren(OrganisationDialog) if d.isVisible()]
    qtbot.waitExposed(dialog)
    return dialog


def test_a_save_refused_by_a_full_disk_keeps_the_editor_and_what_was_typed(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    organisation_id = add_organisation(
        sqlite_db, "Civic Forum Zvečan", OrganisationKind.PARTNER_CSO
    )
    dialog = open_editor(qtbot, window, "Civic Forum Zvečan")
    dialog.notes_edit.setPlainText(MINUTES)
    save = dialog.button_box.button(QDialogButtonBox.StandardButton.Save)
    assert sqlite_db.path is not None

    with connections_with(sqlite_db, f"PRAGMA max_page_count={page_count(sqlite_db.path)}"):
        save.click()

    assert message_boxes.shown == [("warning", "The organisation was not saved", DISK_FULL)]
    assert dialog.isVisible()
    assert dialog.notes_edit.toPlainText() == MINUTES
    assert OrganisationService(sqlite_db).get(organisation_id).form.notes == ""

    save.click()  # space was freed
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert OrganisationService(sqlite_db).get(organisation_id).form.notes == MINUTES
