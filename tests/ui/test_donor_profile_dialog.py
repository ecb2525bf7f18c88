"""A donor's profile in the organisation editor: the budget template its grants use and the
logo its reports print, chosen from a file, previewed, removed; a file that is not a
picture, or too large a one, refused under the field with nothing saved."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.services.donor_profiles import MAX_LOGO_BYTES, DonorProfileForm, DonorProfileService
from desktop.services.organisations import OrganisationService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.organisations.dialog import OrganisationDialog
from tests.ui.test_access_key_clashes import clashes

EU_OFFICE = "European Union Office in Kosovo"


def organisation_id(db: Database, name: str) -> int:
    with db.transaction() as session:
        return session.scalars(select(Organisation.id).where(Organisation.name_en == name)).one()


def template_id(db: Database, code: str) -> int:
    [found] = [t.id for t in ReferenceService(db).budget_templates("en") if t.code == code]
    return found


@pytest.fixture
def eu_office(sqlite_db: Database) -> int:
    """The demo's EU donor, on the EU template (its grants' lines are under its headings)."""
    load_demo(sqlite_db)
    donor = organisation_id(sqlite_db, EU_OFFICE)
    profiles = DonorProfileService(sqlite_db)
    details = profiles.get(donor)
    if details.template_code != "eu_2016":
        form = DonorProfileForm(template_id(sqlite_db, "eu_2016"), details.logo)
        profiles.set(donor, form, details.version)
    return donor


def png(path: Path, colour: str = "#1f4e9c") -> bytes:
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def open_editor(qtbot: QtBot, db: Database, record_id: int | None) -> OrganisationDialog:
    dialog = OrganisationDialog(db, record_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pick_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))


def click_save(dialog: OrganisationDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_donor_shows_its_profile_and_a_partner_does_not(
    qtbot: QtBot, sqlite_db: Database, eu_office: int
) -> None:
    dialog = open_editor(qtbot, sqlite_db, eu_office)
    assert dialog.donor_box.isVisible()
    assert dialog.template_combo.currentText() == "EU standard grant contract (2016)"
    assert dialog.logo_preview.accessibleName() == "Logo"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(OrganisationKind.PARTNER_CSO))
    assert not dialog.donor_box.isVisible()
    assert dialog.form().profile is None
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(OrganisationKind.DONOR))
    assert dialog.donor_box.isVisible()
    assert not clashes(dialog, "donor")


def test_choose_a_logo_save_and_see_it_again(
    qtbot: QtBot,
    sqlite_db: Database,
    eu_office: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = png(tmp_path / "eu.png")
    dialog = open_editor(qtbot, sqlite_db, eu_office)
    pick_file(monkeypatch, tmp_path / "eu.png")
    dialog.choose_logo_button.click()
    assert not dialog.logo_preview.pixmap().isNull()
    assert dialog.is_modified()
    dialog.grab().save("/tmp/r6_organisation_donor.png")
    click_save(dialog)
    assert dialog.result() == OrganisationDialog.DialogCode.Accepted

    stored = DonorProfileService(sqlite_db).get(eu_office)
    assert stored.logo == content
    assert stored.logo_media_type == "image/png"
    again = open_editor(qtbot, sqlite_db, eu_office)
    assert not again.logo_preview.pixmap().isNull()
    assert again.remove_logo_button.isEnabled()

    again.remove_logo_button.click()
    assert again.logo_preview.text() == "No logo"
    click_save(again)
    assert DonorProfileService(sqlite_db).get(eu_office).logo is None
    assert open_editor(qtbot, sqlite_db, eu_office).logo_preview.text() == "No logo"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Dear donor, here is our logo.", "The logo must be a PNG or JPEG picture."),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(MAX_LOGO_BYTES),
            "The logo file is 1,024 KB; a logo can be at most 1 MB.",
        ),
    ],
    ids=["not a picture", "too large"],
)
def test_a_file_the_reports_cannot_print_is_refused_under_the_field(
    qtbot: QtBot,
    sqlite_db: Database,
    eu_office: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    content: bytes,
    message: str,
) -> None:
    before = DonorProfileService(sqlite_db).get(eu_office)
    path = tmp_path / "logo.png"
    path.write_bytes(content)
    dialog = open_editor(qtbot, sqlite_db, eu_office)
    pick_file(monkeypatch, path)
    dialog.choose_logo_button.click()
    assert dialog.field_error("logo") == message
    assert dialog.choose_logo_button.accessibleDescription() == message
    assert dialog.form().profile == before.form
    assert not dialog.is_modified()
    after = DonorProfileService(sqlite_db).get(eu_office)
    assert (after.logo, after.version) == (before.logo, before.version)


def test_a_template_the_grants_lines_do_not_fit_is_refused_under_the_field(
    qtbot: QtBot, sqlite_db: Database, eu_office: int
) -> None:
    before = DonorProfileService(sqlite_db).get(eu_office)
    dialog = open_editor(qtbot, sqlite_db, eu_office)
    dialog.template_combo.setCurrentIndex(
        dialog.template_combo.findData(template_id(sqlite_db, "simple"))
    )
    click_save(dialog)
    assert dialog.isVisible()
    assert "move those lines to headings of Simple budget first" in dialog.field_error(
        "budget_template_id"
    )
    assert dialog.general_error.text().startswith("The organisation was saved")
    after = DonorProfileService(sqlite_db).get(eu_office)
    assert (after.template_code, after.version) == ("eu_2016", before.version)


def test_a_new_donor_gets_the_template_chosen(
    qtbot: QtBot, sqlite_db: Database, eu_office: int
) -> None:
    dialog = open_editor(qtbot, sqlite_db, None)
    assert not dialog.donor_box.isVisible()  # a partner CSO until said otherwise
    dialog.names.edits["name_en"].setText("Swiss Agency for Development and Cooperation")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(OrganisationKind.DONOR))
    assert dialog.template_combo.currentText() == "Simple budget"
    dialog.template_combo.setCurrentIndex(
        dialog.template_combo.findData(template_id(sqlite_db, "eu_2016"))
    )
    click_save(dialog)
    assert dialog.result() == OrganisationDialog.DialogCode.Accepted
    assert dialog.record_id is not None
    profile = DonorProfileService(sqlite_db).get(dialog.record_id)
    assert (profile.template_code, profile.logo) == ("eu_2016", None)
    again = open_editor(qtbot, sqlite_db, dialog.record_id)
    assert again.template_combo.currentText() == "EU standard grant contract (2016)"


def test_a_donor_left_on_the_defaults_gets_no_profile(
    qtbot: QtBot, sqlite_db: Database, eu_office: int
) -> None:
    dialog = open_editor(qtbot, sqlite_db, None)
    dialog.names.edits["name_en"].setText("Kosovo Foundation for Open Society")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(OrganisationKind.DONOR))
    click_save(dialog)
    assert dialog.record_id is not None
    assert DonorProfileService(sqlite_db).get(dialog.record_id).profile_id is None


def test_the_logo_row_is_in_the_tab_order(
    qtbot: QtBot, sqlite_db: Database, eu_office: int
) -> None:
    dialog = open_editor(qtbot, sqlite_db, eu_office)
    chain = []
    widget = dialog.municipality_combo
    for _step in range(4):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget = widget.nextInFocusChain()
        chain.append(widget)
    assert chain[:3] == [
        dialog.template_combo,
        dialog.choose_logo_button,
        dialog.remove_logo_button,
    ]


def test_a_profile_someone_else_saved_meanwhile_is_not_overwritten(
    qtbot: QtBot,
    sqlite_db: Database,
    eu_office: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def answer_keep_editing(box: QMessageBox) -> int:
        asked.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_keep_editing)
    dialog = open_editor(qtbot, sqlite_db, eu_office)
    dialog.acronym_edit.setText("EUO")
    pick_file(monkeypatch, tmp_path / "mine.png")
    png(tmp_path / "mine.png")
    dialog.choose_logo_button.click()

    profiles = DonorProfileService(sqlite_db)
    theirs = png(tmp_path / "theirs.png", "#ffcc00")
    current = profiles.get(eu_office)
    profiles.set(eu_office, DonorProfileForm(current.budget_template_id, theirs), current.version)
    organisation = OrganisationService(sqlite_db).get(eu_office)

    click_save(dialog)
    assert asked and asked[0].startswith("Someone else changed this record")
    assert dialog.isVisible()
    assert profiles.get(eu_office).logo == theirs
    assert OrganisationService(sqlite_db).get(eu_office).version == organisation.version
