"""The organisation import dialog, driven as a user drives it: choose a file, look at the
guessed columns, check, read the problems, correct, import."""

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.organisation import OrganisationKind
from desktop.i18n import _
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationService
from desktop.store.database import Database
from desktop.ui.imports import OrganisationImportAction, open_organisation_import
from desktop.ui.imports.dialog import ImportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.organisations.page import OrganisationsPage
from desktop.ui.progress import ProgressRun
from tests.ui.conftest import MessageBoxes

HEADER = ["Emri", "Name", "Lloji", "Komuna", "E-mail"]
GOOD = [
    ["Zëri i Grave", "Women's Voice", "OJQ", "Gjakovë", "info@zeri.example"],
    ["Komuna e Graçanicës", "Municipality of Gračanica", "Institucion", "Graçanicë", ""],
    ["", "EU Office in Kosovo", "Donor", "", "contact@eu.example"],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="cp1250", newline="") as file:
        csv.writer(file, delimiter=";").writerows(rows)
    return path


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(path), ""))
    )


def finish(qtbot: QtBot, run: ProgressRun | None) -> None:
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=30_000):
        pass


def open_dialog(qtbot: QtBot, db: Database) -> ImportDialog:
    dialog = open_organisation_import(db, None)
    qtbot.addWidget(dialog)
    return dialog


def problem_rows(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    table = dialog.problems
    return [
        tuple(table.item(row, column).text() for column in range(3))
        for row in range(table.rowCount())
    ]


def names(db: Database) -> set[str]:
    return {row.name for row in OrganisationService(db).page(ListQuery(), 0, 100)}


def test_a_file_with_problems_lists_them_and_a_corrected_file_imports(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    bad = [HEADER, *GOOD]
    bad[2] = [*bad[2][:3], "Atlantis", ""]  # spreadsheet row 3
    bad[3] = [*bad[3][:4], "contact(at)eu"]  # row 4
    choose(monkeypatch, write_csv(tmp_path / "partneret.csv", bad))
    dialog = open_dialog(qtbot, sqlite_db)
    assert not dialog.import_button.isEnabled()

    finish(qtbot, dialog.choose_file())

    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 0).text() == "Zëri i Grave"
    assert dialog.preview.verticalHeaderItem(0).text() == "2"
    assert dialog.combos["name_sq"].currentText() == "A: Emri"
    assert dialog.combos["name_en"].currentText() == "B: Name"
    assert dialog.combos["kind"].currentText() == "C: Lloji"
    assert dialog.combos["municipality"].currentText() == "D: Komuna"
    assert dialog.combos["email"].currentText() == "E: E-mail"
    assert dialog.combos["phone"].currentText() == _("(not imported)")

    finish(qtbot, dialog.check())

    problems = problem_rows(dialog)
    assert [(row, column) for row, column, _message in problems] == [
        ("3", "D: Komuna"),
        ("4", "E: E-mail"),
    ]
    assert "Atlantis" in problems[0][2]
    assert "contact(at)eu" in problems[1][2]

    finish(qtbot, dialog.start_import())

    assert message_boxes.kinds() == ["warning"]
    assert "2 problems" in message_boxes.shown[0][2]
    assert len(problem_rows(dialog)) == 2
    assert names(sqlite_db) == set()

    choose(monkeypatch, write_csv(tmp_path / "partneret.csv", [HEADER, *GOOD]))
    finish(qtbot, dialog.choose_file())
    assert dialog.problems_box.isHidden()
    with qtbot.waitSignal(dialog.imported) as imported:
        finish(qtbot, dialog.start_import())

    assert imported.args == [3]
    assert message_boxes.shown[-1] == (
        "information",
        "Import finished",
        "3 organisations were imported.",
    )
    assert names(sqlite_db) == {
        "Women's Voice",
        "Municipality of Gračanica",
        "EU Office in Kosovo",
    }
    kinds = {row.name: row.kind for row in OrganisationService(sqlite_db).page(ListQuery())}
    assert kinds["Municipality of Gračanica"] == OrganisationKind.INSTITUTION
    assert not dialog.isVisible()


def test_a_changed_mapping_is_what_gets_imported(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    rows = [HEADER, *GOOD]
    rows[3] = ["Zyra e BE-së", "EU Office in Kosovo", "Donor", "", "not an address"]
    choose(monkeypatch, write_csv(tmp_path / "p.csv", rows))
    dialog = open_dialog(qtbot, sqlite_db)
    finish(qtbot, dialog.choose_file())
    dialog.choose_column("name_en", None)
    dialog.choose_column("email", None)
    dialog.choose_column("notes", 4)

    finish(qtbot, dialog.start_import())

    assert message_boxes.shown[-1][2] == "3 organisations were imported."
    assert names(sqlite_db) == {"Zëri i Grave", "Komuna e Graçanicës", "Zyra e BE-së"}


def test_a_binary_file_renamed_csv_gets_a_message_and_no_table(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    path = tmp_path / "partners.csv"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff" * 100)
    choose(monkeypatch, path)
    dialog = open_dialog(qtbot, sqlite_db)

    finish(qtbot, dialog.choose_file())

    [(kind, title, text)] = message_boxes.shown
    assert kind == "warning"
    assert title == "The file could not be read"
    assert "partners.csv is neither a CSV text file nor an Excel workbook" in text
    assert not dialog.import_button.isEnabled()


def test_cancel_leaves_the_database_as_the_dialog_says(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    rows = [["Name"], *([f"Partner {number}"] for number in range(3000))]
    choose(monkeypatch, write_csv(tmp_path / "many.csv", rows))
    dialog = open_dialog(qtbot, sqlite_db)
    finish(qtbot, dialog.choose_file())

    run = dialog.start_import()
    assert run is not None
    run.cancel()
    finish(qtbot, run)

    saved = OrganisationService(sqlite_db).count(ListQuery())
    if saved == 0:  # cancelled in time, as almost always
        assert dialog.problems_label.text() == "The import was cancelled; nothing was saved."
        assert message_boxes.shown == []
    else:  # the last row was saved as Cancel came: the dialog says it was imported
        assert saved == 3000
        assert message_boxes.shown[-1][2] == "3000 organisations were imported."


def test_a_language_switch_relabels_the_dialog_and_keeps_the_choices(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    choose(monkeypatch, write_csv(tmp_path / "p.csv", [HEADER, *GOOD]))
    dialog = open_dialog(qtbot, sqlite_db)
    finish(qtbot, dialog.choose_file())
    dialog.choose_column("notes", 4)
    before = dialog.mapping()

    i18n.set_language("sq")

    assert dialog.mapping_labels["kind"].text() == "&Lloji"
    assert dialog.combos["kind"].accessibleName() == "Lloji"
    assert dialog.mapping() == before


def test_the_menu_action_opens_the_dialog_and_tells_the_list(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    imported: list[int] = []
    action = OrganisationImportAction(sqlite_db, page, imported.append)
    assert action.text() == "&Import organisations…"
    choose(monkeypatch, write_csv(tmp_path / "p.csv", [HEADER, *GOOD]))

    action.trigger()
    dialog = page.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    finish(qtbot, dialog.choose_file())
    finish(qtbot, dialog.start_import())

    assert imported == [3]


def test_the_window_offers_the_import_in_its_file_menu_and_on_the_partners_page(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    page = window.show_page("partners")
    assert isinstance(page, OrganisationsPage)
    assert window.import_organisations_action in window.file_menu.actions()
    assert page.import_action.text() == "&Import organisations…"
    choose(monkeypatch, write_csv(tmp_path / "p.csv", [HEADER, *GOOD]))

    window.import_organisations_action.trigger()
    [dialog] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    finish(qtbot, dialog.choose_file())
    finish(qtbot, dialog.start_import())

    listed = {page.model.index(row, 0).data() for row in range(page.model.rowCount())}
    assert {"Women's Voice", "EU Office in Kosovo"} <= listed
