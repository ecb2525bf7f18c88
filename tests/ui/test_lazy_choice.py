"""A choice among many organisations: shown at once, read when the user reaches for it."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.projects.dialog import ProjectDialog
from tests.ui.helpers import add_project

OTHERS = 40  # organisations besides the two the test names


@pytest.fixture
def lead(sqlite_db: Database) -> int:
    organisations = OrganisationService(sqlite_db)
    for number in range(OTHERS):
        organisations.create(OrganisationForm(name_en=f"Partner {number:02d}"))
    organisations.create(OrganisationForm(name_en="Network for Peace and Security"))
    return organisations.create(
        OrganisationForm(name_en="Youth Initiative for Human Rights", name_sq="Nisma e të Rinjve")
    )


@pytest.fixture
def dialog(qtbot: QtBot, sqlite_db: Database, lead: int) -> Iterator[ProjectDialog]:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities", lead_organisation_id=lead)
    shown = ProjectDialog(sqlite_db, project_id, None)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown


def test_the_current_lead_shows_without_reading_every_organisation(
    dialog: ProjectDialog,
) -> None:
    combo = dialog.lead_combo
    assert combo.currentText() == "Youth Initiative for Human Rights"
    # Only "(none)" and the chosen one: the other 41 organisations are not read yet.
    assert [combo.itemText(index) for index in range(combo.count())] == [
        "(none)",
        "Youth Initiative for Human Rights",
    ]
    assert not combo.filled
    assert not dialog.is_modified()


def test_typing_part_of_a_name_picks_another_lead_and_it_saves(
    qtbot: QtBot, dialog: ProjectDialog, sqlite_db: Database
) -> None:
    combo = dialog.lead_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    assert combo.count() == OTHERS + 3  # every organisation, once the user reaches for it
    assert combo.currentText() == "Youth Initiative for Human Rights"

    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "peace")
    popup = combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    offered = combo.completer().completionModel()
    assert [offered.index(row, 0).data() for row in range(offered.rowCount())] == [
        "Network for Peace and Security"
    ]
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert combo.currentText() == "Network for Peace and Security"
    assert dialog.is_modified()

    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [project] = ProjectService(sqlite_db).page(ListQuery())
    stored = ProjectService(sqlite_db).get(project.id).form
    names = dict(OrganisationService(sqlite_db).choices("en"))
    assert names[stored.lead_organisation_id] == "Network for Peace and Security"


def test_text_that_names_no_organisation_falls_back_to_the_chosen_one(
    qtbot: QtBot, dialog: ProjectDialog, lead: int
) -> None:
    combo = dialog.lead_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), "no such partner")
    dialog.summary_edit.setFocus()
    qtbot.waitUntil(lambda: not combo.hasFocus())
    assert combo.currentText() == "Youth Initiative for Human Rights"
    assert dialog.form().lead_organisation_id == lead
    assert not dialog.is_modified()


def test_the_lead_is_named_in_the_new_language_and_still_not_read_in_full(
    dialog: ProjectDialog,
) -> None:
    language_hub()
    i18n.set_language("sq")
    QApplication.processEvents()
    combo = dialog.lead_combo
    assert combo.currentText() == "Nisma e të Rinjve"
    assert combo.count() == 2
    assert not combo.filled


def test_an_archived_lead_stays_chosen_and_saved(
    qtbot: QtBot, dialog: ProjectDialog, sqlite_db: Database, lead: int
) -> None:
    organisations = OrganisationService(sqlite_db)
    organisations.archive(lead)
    dialog.load_record()
    combo = dialog.lead_combo
    combo.fill()
    assert combo.count() == OTHERS + 3  # the 41 in use, "(none)" and the archived lead
    assert combo.currentText() == "Youth Initiative for Human Rights"
    assert dialog.form().lead_organisation_id == lead
