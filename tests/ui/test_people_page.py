"""The People page as an office uses it: add a person, correct a bad value, edit, meet a
colleague's change, archive and restore, find them by their organisation."""

import pytest
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.domain.person import Gender
from desktop.i18n import _, ngettext
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.people.dialog import PersonDialog
from desktop.ui.people.page import PeoplePage
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_organisation, answer_conflict


def people_page(window: MainWindow) -> PeoplePage:
    page = window.show_page("people")
    assert isinstance(page, PeoplePage)
    return page


def open_dialog(page: PeoplePage) -> PersonDialog:
    """The dialog on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in page.findChildren(PersonDialog) if d.isVisible()]
    return dialog


def click_save(dialog: PersonDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def column(page: PeoplePage, number: int) -> list[str]:
    model = page.model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def add_person(db: Database, first: str, last: str, **values: object) -> int:
    form = PersonForm(first_name=first, last_name=last)
    for key, value in values.items():
        setattr(form, key, value)
    return PersonService(db).create(form)


def edit(qtbot: QtBot, page: PeoplePage, name: str) -> PersonDialog:
    page.reload()
    page.table.selectRow(column(page, 0).index(name))
    page.edit_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)
    return dialog


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_add_a_person_with_their_organisation_and_community(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    zajedno = add_organisation(sqlite_db, "NGO Together", OrganisationKind.PARTNER_CSO)
    reference = ReferenceService(sqlite_db)
    gracanica = next(m.id for m in reference.municipalities("en") if m.code == "gracanice")
    serb = next(c.id for c in reference.communities("en") if c.code == "serb")
    page = people_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == _("New person")

    qtbot.keyClicks(dialog.first_name_edit, "Jelena")
    dialog.last_name_edit.setText("Stojanović")  # QTest types ASCII only
    choose(dialog.gender_combo, Gender.FEMALE.value)
    qtbot.keyClicks(dialog.title_edit, "Youth worker")
    choose(dialog.organisation_combo, zajedno)
    choose(dialog.municipality_combo, gracanica)
    choose(dialog.community_combo, serb)
    qtbot.keyClicks(dialog.email_edit, "jelena@zajedno.example.org")
    qtbot.keyClicks(dialog.phone_edit, "+383 44 123 456")
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column(page, 0) == ["Jelena Stojanović"]
    assert column(page, 1) == ["Youth worker"]
    assert column(page, 2) == ["NGO Together"]
    assert column(page, 4) == ["jelena@zajedno.example.org"]
    stored = PersonService(sqlite_db).get(page.selected_row().id).form
    assert stored.gender == Gender.FEMALE
    assert (stored.municipality_id, stored.community_id) == (gracanica, serb)
    assert stored.phone == "+383 44 123 456"


def test_a_bad_value_is_refused_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = people_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.first_name_edit, "Jelena")
    qtbot.keyClicks(dialog.email_edit, "jelena@zajedno")
    click_save(dialog)

    assert dialog.isVisible()
    assert dialog.field_error("last_name") == _("This field is required.")
    assert dialog.field_error("email") == _("“{value}” is not an e-mail address.").format(
        value="jelena@zajedno"
    )
    assert dialog.field_error("first_name") == ""
    assert dialog.last_name_edit.accessibleDescription() == _("This field is required.")
    qtbot.waitUntil(dialog.last_name_edit.hasFocus)
    assert PersonService(sqlite_db).count(ListQuery(include_archived=True)) == 0

    qtbot.keyClicks(dialog.last_name_edit, "Stojanovic")
    dialog.email_edit.setText("")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column(page, 0) == ["Jelena Stojanovic"]


def test_edit_a_person_keeps_an_archived_employer(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    forum = add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    person = add_person(sqlite_db, "Marko", "Ilić", organisation_id=forum, title="Researcher")
    OrganisationService(sqlite_db).archive(forum)
    page = people_page(window)
    dialog = edit(qtbot, page, "Marko Ilić")
    assert dialog.windowTitle() == _("Edit {name}").format(name="Marko Ilić")
    assert dialog.organisation_combo.currentData() == forum
    assert dialog.organisation_combo.currentText() == _("{name} (archived)").format(
        name="Civic Forum"
    )
    assert not dialog.is_modified()

    dialog.title_edit.setText("Senior researcher")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = PersonService(sqlite_db).get(person).form
    assert (stored.title, stored.organisation_id) == ("Senior researcher", forum)
    assert column(page, 1) == ["Senior researcher"]


def test_a_colleagues_change_is_not_overwritten(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = PersonService(sqlite_db)
    person = add_person(sqlite_db, "Marko", "Ilić")
    dialog = edit(qtbot, people_page(window), "Marko Ilić")

    elsewhere = service.get(person)
    elsewhere.form.phone = "+383 49 555 000"
    service.update(person, elsewhere.form, elsewhere.version)

    answered = answer_conflict(lambda conflict: conflict.back_button.click())
    dialog.title_edit.setText("Trainer")
    click_save(dialog)

    assert answered, "the conflict dialog did not open"

    assert dialog.isVisible()
    assert dialog.title_edit.text() == "Trainer"  # what was typed stays
    stored = service.get(person).form
    assert (stored.phone, stored.title) == ("+383 49 555 000", "")


def test_archive_and_restore_and_search_by_organisation(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    zajedno = add_organisation(
        sqlite_db, "NGO Together", OrganisationKind.PARTNER_CSO, name_sr="НВО Заједно"
    )
    add_person(sqlite_db, "Jelena", "Stojanović", organisation_id=zajedno)
    add_person(sqlite_db, "Nenad", "Petrović", organisation_id=zajedno)
    add_person(sqlite_db, "Arta", "Krasniqi")
    page = people_page(window)
    page.reload()
    assert column(page, 0) == ["Arta Krasniqi", "Nenad Petrović", "Jelena Stojanović"]

    qtbot.keyClicks(page.search_edit, "zajedno")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.search_edit.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)

    page.table.selectRow(column(page, 0).index("Nenad Petrović"))
    page.archive_action.trigger()
    assert column(page, 0) == ["Arta Krasniqi", "Jelena Stojanović"]
    assert page.count_label.text() == ngettext("{count} person", "{count} people", 2).format(
        count=2
    )
    page.archived_check.setChecked(True)
    archived = _("{name} (archived)").format(name="Nenad Petrović")
    page.table.selectRow(column(page, 0).index(archived))
    assert page.archive_action.text() == _("&Restore")
    page.archive_action.trigger()
    page.archived_check.setChecked(False)
    assert column(page, 0) == ["Arta Krasniqi", "Nenad Petrović", "Jelena Stojanović"]


def test_archive_and_restore_from_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    service = PersonService(sqlite_db)
    person = add_person(sqlite_db, "Marko", "Ilić")
    page = people_page(window)
    dialog = edit(qtbot, page, "Marko Ilić")
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.archive_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get(person).archived
    assert message_boxes.shown[-1][2] == _(
        "Archive this person? They leave the lists but can be restored with Show archived."
    )
    assert page.model.rowCount() == 0

    page.archived_check.setChecked(True)
    dialog = edit(qtbot, page, _("{name} (archived)").format(name="Marko Ilić"))
    assert dialog.archive_button.text() == _("Restore from arc&hive")
    dialog.archive_button.click()
    assert not service.get(person).archived
    assert dialog.isVisible()
    dialog.reject()
    page.archived_check.setChecked(False)
    assert column(page, 0) == ["Marko Ilić"]


def test_filter_by_organisation_and_municipality(window: MainWindow, sqlite_db: Database) -> None:
    zajedno = add_organisation(sqlite_db, "NGO Together", OrganisationKind.PARTNER_CSO)
    gracanica = next(
        m.id for m in ReferenceService(sqlite_db).municipalities("en") if m.code == "gracanice"
    )
    add_person(sqlite_db, "Jelena", "Stojanović", organisation_id=zajedno)
    add_person(sqlite_db, "Nenad", "Petrović", organisation_id=zajedno, municipality_id=gracanica)
    add_person(sqlite_db, "Arta", "Krasniqi", municipality_id=gracanica)
    page = people_page(window)
    page.reload()
    page.set_filter("organisation_id", zajedno)
    assert column(page, 0) == ["Nenad Petrović", "Jelena Stojanović"]
    page.set_filter("municipality_id", gracanica)
    assert column(page, 0) == ["Nenad Petrović"]
    page.set_filter("organisation_id", None)
    assert column(page, 0) == ["Arta Krasniqi", "Nenad Petrović"]


def test_keyboard_walks_the_fields_and_labels_name_them(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = PersonDialog(sqlite_db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = [
        dialog.first_name_edit,
        dialog.last_name_edit,
        dialog.gender_combo,
        dialog.title_edit,
        dialog.organisation_combo,
        dialog.municipality_combo,
        dialog.community_combo,
        dialog.email_edit,
        dialog.phone_edit,
        dialog.notes_edit,
    ]
    walked = [expected[0]]
    widget = expected[0]
    while len(walked) < len(expected):
        widget = widget.nextInFocusChain()
        if widget in expected:
            walked.append(widget)
    assert walked == expected
    assert dialog.last_name_edit.accessibleName() == _("Last name")
    assert dialog.community_combo.accessibleName() == _("Community")
