"""The Partners page as an office uses it: add an organisation with its names in four
languages, correct a bad value, edit, meet a colleague's change, archive and restore."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import ORGANISATION_KIND_LABELS, OrganisationKind
from desktop.i18n import _, translator_for
from desktop.services.attachments import AttachmentService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.organisations.page import OrganisationsPage
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_organisation, answer_conflict


def partners_page(window: MainWindow) -> OrganisationsPage:
    page = window.show_page("partners")
    assert isinstance(page, OrganisationsPage)
    return page


def open_dialog(page: OrganisationsPage) -> OrganisationDialog:
    """The dialog on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in page.findChildren(OrganisationDialog) if d.isVisible()]
    return dialog


def click_save(dialog: OrganisationDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def column(page: OrganisationsPage, number: int) -> list[str]:
    model = page.model
    return [model.index(row, number).data() for row in range(model.rowCount())]


def select_name(page: OrganisationsPage, name: str) -> None:
    page.table.selectRow(column(page, 0).index(name))


def edit(qtbot: QtBot, page: OrganisationsPage, name: str) -> OrganisationDialog:
    page.reload()
    select_name(page, name)
    page.edit_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)
    return dialog


def test_create_an_organisation_with_its_names_side_by_side(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = partners_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == _("New organisation")

    qtbot.keyClicks(dialog.names.edits["name_en"], "NGO Together")
    dialog.names.edits["name_sr"].setText("НВО Заједно")  # QTest types ASCII only
    assert dialog.names.edits["name_sr_latn"].text() == "NVO Zajedno"
    qtbot.keyClicks(dialog.acronym_edit, "ZJD")
    dialog.kind_combo.setCurrentIndex(
        dialog.kind_combo.findData(OrganisationKind.PARTNER_CSO.value)
    )
    gracanica = next(
        m.id for m in ReferenceService(sqlite_db).municipalities("en") if m.code == "gracanice"
    )
    dialog.municipality_combo.setCurrentIndex(dialog.municipality_combo.findData(gracanica))
    qtbot.keyClicks(dialog.email_edit, "info@zajedno.example.org")
    qtbot.keyClicks(dialog.website_edit, "https://zajedno.example.org")
    qtbot.keyClicks(dialog.notes_edit, "Youth dialogue clubs in Gracanica.")
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column(page, 0) == ["NGO Together"]
    assert column(page, 1) == ["ZJD"]
    assert column(page, 2) == [_(ORGANISATION_KIND_LABELS[OrganisationKind.PARTNER_CSO])]
    assert page.selected_row().acronym == "ZJD"
    service = OrganisationService(sqlite_db)
    stored = service.get(page.selected_row().id).form
    assert (stored.name_sr, stored.name_sr_latn) == ("НВО Заједно", "NVO Zajedno")
    assert stored.municipality_id == gracanica
    assert stored.email == "info@zajedno.example.org"
    assert stored.notes == "Youth dialogue clubs in Gracanica."


def test_a_bad_email_is_refused_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = partners_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.email_edit, "info at zajedno")
    qtbot.keyClicks(dialog.acronym_edit, "X" * 70)
    click_save(dialog)

    assert dialog.isVisible()
    assert dialog.field_error("name_en") == _(
        "Give the organisation a name in at least one language."
    )
    assert dialog.field_error("email") == _("“{value}” is not an e-mail address.").format(
        value="info at zajedno"
    )
    assert dialog.field_error("acronym") != ""
    assert dialog.field_error("phone") == ""
    assert OrganisationService(sqlite_db).count(ListQuery(include_archived=True)) == 0
    assert page.model.rowCount() == 0

    dialog.names.edits["name_en"].setText("NGO Together")
    dialog.email_edit.setText("info@zajedno.example.org")
    dialog.acronym_edit.setText("ZJD")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column(page, 0) == ["NGO Together"]


def test_edit_an_organisation(qtbot: QtBot, window: MainWindow, sqlite_db: Database) -> None:
    organisation = add_organisation(
        sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO, phone="+383 44 000 111"
    )
    page = partners_page(window)
    dialog = edit(qtbot, page, "Civic Forum")
    assert dialog.windowTitle() == _("Edit organisation {name}").format(name="Civic Forum")
    assert dialog.phone_edit.text() == "+383 44 000 111"
    assert not dialog.is_modified()

    dialog.names.edits["name_sq"].setText("Forumi Qytetar")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(OrganisationKind.DONOR.value))
    assert dialog.is_modified()
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    stored = OrganisationService(sqlite_db).get(organisation)
    assert stored.form.name_sq == "Forumi Qytetar"
    assert stored.form.kind == OrganisationKind.DONOR
    assert stored.form.phone == "+383 44 000 111"
    assert column(page, 2) == [_(ORGANISATION_KIND_LABELS[OrganisationKind.DONOR])]


def test_a_colleagues_change_is_not_overwritten(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = OrganisationService(sqlite_db)
    organisation = add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    dialog = edit(qtbot, partners_page(window), "Civic Forum")

    elsewhere = service.get(organisation)
    elsewhere.form.name_en = "Civic Forum Prizren"
    service.update(organisation, elsewhere.form, elsewhere.version)

    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    dialog.names.edits["name_en"].setText("My change")
    click_save(dialog)

    assert answered[0].values_shown("name_en") == ("My change", "Civic Forum Prizren")
    assert dialog.isVisible()
    assert service.get(organisation).form.name_en == "Civic Forum Prizren"
    assert dialog.names.edits["name_en"].text() == "Civic Forum Prizren"
    assert not dialog.is_modified()
    dialog.acronym_edit.setText("CFP")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get(organisation).form.acronym == "CFP"


def test_archive_and_restore_from_the_list_and_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    service = OrganisationService(sqlite_db)
    add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    forum = add_organisation(sqlite_db, "NGO Together", OrganisationKind.PARTNER_CSO)
    page = partners_page(window)
    page.reload()
    assert not page.archive_action.isEnabled()
    select_name(page, "NGO Together")
    page.archive_action.trigger()
    assert column(page, 0) == ["Civic Forum"]
    assert service.get(forum).archived

    page.archived_check.setChecked(True)
    select_name(page, "NGO Together")
    assert page.archive_action.text() == _("&Restore")
    assert column(page, 2)[1] == _("{kind} (archived)").format(kind=_("Partner CSO"))
    page.edit_action.trigger()
    dialog = open_dialog(page)
    assert dialog.archive_button.text() == _("Restore from arc&hive")
    dialog.archive_button.click()
    assert not service.get(forum).archived
    assert dialog.archive_button.text() == _("Arc&hive")

    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.archive_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get(forum).archived
    page.archived_check.setChecked(False)
    assert column(page, 0) == ["Civic Forum"]


def test_papers_are_attached_to_a_saved_organisation(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = partners_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    panel = dialog.attachments
    assert panel is not None
    assert not panel.add_button.isEnabled()  # nothing to attach to before it is saved
    assert panel.hint.isVisible()
    dialog.reject()

    organisation = add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    certificate = tmp_path / "Registration certificate.pdf"
    certificate.write_bytes(b"%PDF-1.7 registered as an NGO")
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *_args, **_kwargs: ([str(certificate)], "")),
    )
    dialog = edit(qtbot, page, "Civic Forum")
    panel = dialog.attachments
    assert panel is not None and panel.add_button.isEnabled()
    panel.add_button.click()
    assert panel.filenames() == ["Registration certificate.pdf"]
    uuid = OrganisationService(sqlite_db).get(organisation).uuid
    [stored] = AttachmentService(sqlite_db).list("organisations", uuid)
    assert stored.filename == "Registration certificate.pdf"
    assert not dialog.is_modified()  # a file is stored at once, not with Save


def test_the_kind_filter_keeps_one_kind(window: MainWindow, sqlite_db: Database) -> None:
    add_organisation(sqlite_db, "Civic Forum", OrganisationKind.PARTNER_CSO)
    add_organisation(sqlite_db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    add_organisation(sqlite_db, "Peace Foundation", OrganisationKind.DONOR)
    page = partners_page(window)
    page.reload()
    combo = page.filter_combos["kind"]
    assert combo.itemText(0) == _("All kinds")
    assert combo.accessibleName() == _("Kind")
    page.set_filter("kind", OrganisationKind.DONOR)
    assert column(page, 0) == ["European Union Office in Kosovo", "Peace Foundation"]
    page.set_filter("kind", None)
    assert page.model.rowCount() == 3


def test_a_language_switch_relabels_the_open_dialog_and_keeps_the_choices(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    reference = ReferenceService(sqlite_db)
    gracanica = next(m for m in reference.municipalities("sr") if m.code == "gracanice")
    add_organisation(
        sqlite_db, "Peace Foundation", OrganisationKind.DONOR, municipality_id=gracanica.id
    )
    dialog = edit(qtbot, partners_page(window), "Peace Foundation")
    dialog.phone_edit.setText("+383 38 000 000")  # typed, not saved
    t = translator_for("sr")
    window.language_actions["sr"].trigger()
    assert dialog.windowTitle() == t.gettext("Edit organisation {name}").format(
        name="Peace Foundation"
    )
    assert dialog.kind_combo.currentData() == OrganisationKind.DONOR.value
    assert dialog.kind_combo.currentText() == t.gettext("Donor")
    assert dialog.municipality_combo.currentData() == gracanica.id
    assert dialog.municipality_combo.currentText() == gracanica.name
    assert dialog.phone_edit.text() == "+383 38 000 000"
    assert dialog.is_modified()
