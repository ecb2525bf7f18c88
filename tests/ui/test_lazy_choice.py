"""A choice among many organisations: shown at once, read when the user reaches for it."""

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop import i18n
from desktop.domain.activity import Activity
from desktop.domain.case import Case
from desktop.domain.grant import Grant
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonService
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.grants.dialog import GrantDialog
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


def _first(db: Database, column: Any) -> tuple[int, int]:
    """(record id, chosen id) of the first demo record whose ``column`` names a choice."""
    table = column.class_
    with db.engine.connect() as connection:
        row = connection.execute(
            select(table.id, column).where(column.is_not(None)).order_by(table.id).limit(1)
        ).one()
    return row[0], row[1]


EDITORS: dict[str, tuple[Any, Any, str]] = {
    "activity project": (ActivityDialog, Activity.project_id, "project_combo"),
    "activity partner": (ActivityDialog, Activity.carried_out_by_id, "partner_combo"),
    "case project": (CaseDialog, Case.project_id, "project_combo"),
    "case referral": (CaseDialog, Case.referred_to_id, "referred_combo"),
    "grant project": (GrantDialog, Grant.project_id, "project_combo"),
    "grant contact": (GrantDialog, Grant.contact_person_id, "contact_combo"),
}


@pytest.mark.parametrize("editor", sorted(EDITORS))
def test_every_editor_shows_its_chosen_record_without_reading_the_list(
    qtbot: QtBot, sqlite_db: Database, editor: str
) -> None:
    load_demo(sqlite_db)
    editor_class, column, name = EDITORS[editor]
    if editor == "grant contact":  # the demo's grants name no contact person
        grants = GrantService(sqlite_db)
        grant = grants.page(ListQuery())[0].id
        details = grants.get(grant)
        details.form.contact_person_id = PersonService(sqlite_db).page(ListQuery())[0].id
        grants.update(grant, details.form, details.version)
    record, chosen = _first(sqlite_db, column)
    dialog = editor_class(sqlite_db, record, None)
    combo = getattr(dialog, name)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = combo.currentText()
    assert (combo.count(), combo.value(), combo.filled) == (2, chosen, False)
    combo.fill()
    assert combo.count() > 2
    assert (combo.currentText(), combo.value()) == (shown, chosen)
    assert not dialog.is_modified()
