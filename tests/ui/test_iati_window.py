"""IATI files from the window, as office staff without a terminal make them: File ▸ Export
IATI file… writes the chosen organisation's projects to a file IATI's schema accepts, and
File ▸ Import IATI file… reads it into an empty database, whose Projects page then shows
them; a database that holds data refuses it and stays as it was."""

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop import i18n
from desktop.domain.grant import Grant
from desktop.domain.organisation import Organisation
from desktop.domain.project import Project
from desktop.services.iati.export import IatiExportService
from desktop.services.iati.importing import IatiImportOutcome
from desktop.services.organisations import OrganisationService
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.store.demo import load_demo
from desktop.ui.iati.actions import SHOWN_WARNINGS, summary
from desktop.ui.iati.export_dialog import IatiExportDialog, suggested_file_name
from desktop.ui.main_window import MainWindow
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.worker import Task
from tests.services.iati_support import schema_errors
from tests.ui.conftest import MessageBoxes
from tests.ui.test_access_key_clashes import clashes

# The demo's projects; the Peace and Safety Network (PSN) leads all four, the Community
# Safety Centre (QSB) takes part in three of them.
DEMO_CODES = ["CSK-2025-01", "CSK-2025-02", "CSK-2025-03", "CSK-2026-01"]


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    load_demo(sqlite_db)
    return sqlite_db


def main_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    return window


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """The save dialog answers ``path`` (None: Cancel); what it suggested is kept."""
    suggested: list[str] = []

    def answer(_parent: QWidget, _title: str, proposed: str, *_args: object) -> tuple[str, str]:
        suggested.append(proposed)
        return (str(path) if path else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def open_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(path), ""))
    )


def finish(qtbot: QtBot, task: Task | None) -> None:
    assert task is not None
    with qtbot.waitSignal(task.finished, timeout=30_000):
        pass


def export_dialog(window: MainWindow) -> IatiExportDialog:
    dialog = window.export_iati_action.open_dialog()
    assert isinstance(dialog, IatiExportDialog) and dialog.isVisible()
    return dialog


def test_export_writes_the_chosen_organisations_projects(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    window = main_window(qtbot, demo)
    assert window.export_iati_action in window.file_menu.actions()
    assert window.export_iati_action.text() == "&Export IATI file…"
    dialog = export_dialog(window)
    assert dialog.organisation_combo.currentText() == "Peace and Safety Network (PSN)"
    assert dialog.identifier_edit.text() == "XK-CR-5120417"

    dialog.choose("QSB")
    assert dialog.identifier_edit.text() == "XK-CR-5114862"
    target = tmp_path / "qsb.xml"
    suggested = save_as(monkeypatch, target)
    assert dialog.export()
    assert not dialog.cancel_button.isEnabled()
    dialog.reject()  # Escape while the file is written: the dialog waits for it
    assert dialog.isVisible()
    finish(qtbot, dialog.task)

    assert Path(suggested[0]).name == "XK-CR-5114862-activities.xml"
    content = target.read_bytes()
    assert schema_errors(content) == []
    root = etree.fromstring(content)
    identifiers = [activity.findtext("iati-identifier") for activity in root]
    assert len(identifiers) == 3
    assert all(found.startswith("XK-CR-5114862-CSK-") for found in identifiers)
    assert {a.find("reporting-org").get("ref") for a in root} == {"XK-CR-5114862"}
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == (
        f"3 projects of XK-CR-5114862 written to {target}."
    )
    assert message_boxes.shown == []


def test_an_identifier_typed_is_the_one_written_and_kept_on_another_choice(
    qtbot: QtBot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = export_dialog(main_window(qtbot, demo))
    dialog.identifier_edit.setText(" XM-DAC-12345 ")
    dialog.choose("QSB")
    dialog.choose("PSN")
    assert dialog.identifier_edit.text() == " XM-DAC-12345 "
    save_as(monkeypatch, tmp_path / "psn")  # no suffix typed: .xml is added

    assert dialog.export()
    finish(qtbot, dialog.task)

    root = etree.parse(str(tmp_path / "psn.xml")).getroot()
    assert sorted(a.findtext("iati-identifier").split("-", 3)[3] for a in root) == DEMO_CODES
    assert {a.find("reporting-org").get("ref") for a in root} == {"XM-DAC-12345"}


def test_without_a_registration_number_the_identifier_field_says_what_to_do(
    qtbot: QtBot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = export_dialog(main_window(qtbot, demo))
    asked = save_as(monkeypatch, tmp_path / "euok.xml")
    dialog.choose("EUOK")
    assert dialog.identifier_edit.text() == ""

    assert not dialog.export()

    assert dialog.field_error() == (
        "European Union Office in Kosovo has no registration number to build its IATI "
        "identifier from: enter the identifier, or its registration number in Partners."
    )
    assert dialog.identifier_edit.accessibleDescription() == dialog.field_error()
    assert asked == [] and list(tmp_path.glob("*.xml")) == []
    assert dialog.isVisible()

    dialog.identifier_edit.setText("XM DAC 1")
    assert not dialog.export()
    assert "no spaces" in dialog.field_error()

    dialog.identifier_edit.setText("XI-IATI-EC_INTPA")
    dialog.identifier_edit.textEdited.emit("XI-IATI-EC_INTPA")
    assert dialog.field_error() == ""
    assert dialog.export()
    finish(qtbot, dialog.task)
    assert schema_errors((tmp_path / "euok.xml").read_bytes()) == []


def test_a_name_that_looks_like_markup_is_shown_as_typed(
    qtbot: QtBot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = OrganisationService(demo)
    euok = IatiExportService(demo).find_organisation("EUOK")
    details = services.get(euok)
    form = replace(details.form, name_en="<b>EU</b> & Co <br>Office")
    services.update(euok, form, details.version)
    dialog = export_dialog(main_window(qtbot, demo))
    save_as(monkeypatch, tmp_path / "euok.xml")

    dialog.choose("EUOK")
    dialog.export()

    assert dialog.organisation_combo.currentText() == "<b>EU</b> & Co <br>Office (EUOK)"
    assert dialog.field_error().startswith("<b>EU</b> & Co <br>Office has no registration")
    assert dialog.identifier_error.textFormat() == Qt.TextFormat.PlainText


def test_cancel_in_the_save_dialog_writes_nothing(
    qtbot: QtBot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = export_dialog(main_window(qtbot, demo))
    asked = save_as(monkeypatch, None)

    assert not dialog.export()

    assert len(asked) == 1 and dialog.task is None
    assert list(tmp_path.glob("*.xml")) == []
    assert dialog.isVisible() and dialog.export_button.isEnabled()


def test_a_file_that_cannot_be_written_is_told_and_the_dialog_stays(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    dialog = export_dialog(main_window(qtbot, demo))
    taken = tmp_path / "taken.xml"
    taken.mkdir()  # a folder already has the name
    save_as(monkeypatch, taken)

    assert dialog.export()
    finish(qtbot, dialog.task)

    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "The IATI file was not written")
    assert text.startswith(f"The IATI file could not be written to {taken}: ")
    assert dialog.isVisible() and dialog.export_button.isEnabled()


def test_an_empty_database_has_nothing_to_export(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    window = main_window(qtbot, sqlite_db)

    assert window.export_iati_action.open_dialog() is None

    [(kind, _title, text)] = message_boxes.shown
    assert kind == "information" and "nothing to publish" in text


def test_the_exported_file_imports_into_an_empty_database_and_shows_on_its_pages(
    qtbot: QtBot,
    demo: Database,
    migrated_sqlite: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    dialog = export_dialog(main_window(qtbot, demo))
    exported = tmp_path / "psn.xml"
    save_as(monkeypatch, exported)
    dialog.export()
    finish(qtbot, dialog.task)
    copy_sqlite(migrated_sqlite, tmp_path / "empty.sqlite3")
    empty = open_database(str(tmp_path / "empty.sqlite3"))
    try:
        window = main_window(qtbot, empty)
        page = window.show_page("projects")
        assert isinstance(page, ProjectsPage)
        qtbot.waitUntil(lambda: page.model.rowCount() == 0)
        open_file(monkeypatch, exported)

        finish(qtbot, window.import_iati_action.start())

        [(kind, title, text)] = message_boxes.shown
        assert (kind, title) == ("information", "Import finished")
        assert text.startswith(f"Imported from {exported}:\n  Projects: 4\n")
        qtbot.waitUntil(lambda: page.model.rowCount() == len(DEMO_CODES), timeout=10_000)
        with empty.transaction() as session:
            assert sorted(session.scalars(select(Project.code))) == DEMO_CODES
        assert window.import_iati_action.isEnabled()
    finally:
        empty.close()


def test_a_database_holding_data_refuses_the_file_and_stays_as_it_was(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    window = main_window(qtbot, demo)
    assert window.import_iati_action in window.file_menu.actions()
    dialog = export_dialog(window)
    exported = tmp_path / "psn.xml"
    save_as(monkeypatch, exported)
    dialog.export()
    finish(qtbot, dialog.task)

    def counts() -> tuple[int, ...]:
        with demo.transaction() as session:
            return tuple(
                session.scalar(select(func.count()).select_from(model)) or 0
                for model in (Organisation, Project, Grant)
            )

    before = counts()
    open_file(monkeypatch, exported)

    finish(qtbot, window.import_iati_action.start())

    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "The IATI file was not imported")
    assert "an IATI file is imported only into an empty database. Nothing was changed." in text
    assert counts() == before


def test_a_file_that_is_not_iati_is_told(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    window = main_window(qtbot, sqlite_db)
    notes = tmp_path / "notes.xml"
    notes.write_text("<notes><note>Takim</note></notes>", encoding="utf-8")
    open_file(monkeypatch, notes)

    finish(qtbot, window.import_iati_action.start())

    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning" and "not an IATI activity file" in text


def test_the_summary_lists_the_first_warnings_and_counts_the_rest() -> None:
    warnings = tuple(f"Line {line}: the date is missing." for line in range(1, 26))
    outcome = IatiImportOutcome(organisations=3, projects=2, grants=1, warnings=warnings)

    text = summary(Path("activities.xml"), outcome)

    assert "  Organisations: 3" in text and "  Grants: 1" in text
    assert "The file gave 25 warnings:" in text
    assert f"Line {SHOWN_WARNINGS}: the date" in text
    assert f"Line {SHOWN_WARNINGS + 1}: the date" not in text
    assert text.endswith("… and 5 more.")
    single = summary(Path("a.xml"), IatiImportOutcome(1, 1, 0, ("Line 3: odd.",)))
    assert "The file gave 1 warning:" in single and "more" not in single


def test_the_suggested_name_holds_no_character_a_file_name_cannot() -> None:
    assert suggested_file_name("XM-DAC-12345") == "XM-DAC-12345-activities.xml"
    assert suggested_file_name("XI/IATI:EC") == "XI-IATI-EC-activities.xml"


@pytest.mark.parametrize("language", ["en", "sq", "sr", "sr_Latn"])
def test_the_dialog_fits_a_laptop_and_its_access_keys_do_not_clash(
    qtbot: QtBot, demo: Database, language: str
) -> None:
    i18n.set_language(language)
    dialog = IatiExportDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()

    assert dialog.minimumSizeHint().width() <= 620
    assert clashes(dialog, "IATI export") == {}
