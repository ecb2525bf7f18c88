"""Activities and expenditures imported from the window: File ▸ Import activities…,
File ▸ Import expenditures… and the Activities page's button open the same dialog, with
the fields of what they import."""

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from desktop.services.activities import ActivityService
from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.page import TITLE_COLUMN, ActivitiesPage
from desktop.ui.imports.dialog import ImportDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.progress import ProgressRun
from tests.ui.conftest import MessageBoxes

ACTIVITIES = [
    ["Projekti", "Lloji", "Titulli", "Data", "Komuna", "Gra", "Burra"],
    ["CSK-2025-01", "Trajnim", "Trajnim për anëtarët e KKSB-së", "03.06.2026", "Pejë", "8",
     "5"],
]  # fmt: skip
EXPENDITURES = [
    ["Granti", "Linja buxhetore", "Data", "Përshkrimi", "Furnitori", "Nr i faturës", "Shuma"],
    ["2025/461-198", "5.1", "03.06.2026", "Ushqim për trajnimin", "Hotel Dukagjini",
     "HD-0603", "1.180,00"],
]  # fmt: skip


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


def visible_dialog(window: MainWindow) -> ImportDialog:
    [dialog] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    return dialog


@pytest.fixture
def window(qtbot: QtBot, sqlite_db: Database) -> MainWindow:
    load_demo(sqlite_db)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    return window


def test_activities_import_from_the_file_menu_and_show_in_their_list(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    page = window.show_page("activities")
    assert isinstance(page, ActivitiesPage)
    assert window.import_activities_action in window.file_menu.actions()
    assert page.import_action.text() == "Import acti&vities…"
    choose(monkeypatch, write_csv(tmp_path / "aktivitetet.csv", ACTIVITIES))

    window.import_activities_action.trigger()
    dialog = visible_dialog(window)
    assert dialog.windowTitle() == "Import activities"
    finish(qtbot, dialog.choose_file())
    assert dialog.combos["project"].currentText() == "A: Projekti"
    assert dialog.combos["name_sq"].currentText() == "C: Titulli"
    assert dialog.combos["women"].currentText() == "F: Gra"
    finish(qtbot, dialog.start_import())

    assert message_boxes.shown[-1][2] == "1 activity was imported."
    listed = [page.model.index(row, TITLE_COLUMN).data() for row in range(page.model.rowCount())]
    assert "Trajnim për anëtarët e KKSB-së" in listed
    [row] = ActivityService(sqlite_db).page(ListQuery(search="anëtarët e KKSB"))
    assert (row.women, row.men) == (8, 5)


def test_expenditures_import_from_the_file_menu(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    assert window.import_expenditures_action in window.file_menu.actions()
    bad = [EXPENDITURES[0], [*EXPENDITURES[1][:6], "njëmijë"]]
    choose(monkeypatch, write_csv(tmp_path / "shpenzimet.csv", bad))

    window.import_expenditures_action.trigger()
    dialog = visible_dialog(window)
    finish(qtbot, dialog.choose_file())
    finish(qtbot, dialog.check())

    assert dialog.problems.rowCount() == 1
    assert dialog.problems.item(0, 1).text() == "G: Shuma"

    choose(monkeypatch, write_csv(tmp_path / "shpenzimet.csv", EXPENDITURES))
    finish(qtbot, dialog.choose_file())
    finish(qtbot, dialog.start_import())

    assert message_boxes.shown[-1][2] == "1 expenditure was imported."
    grant = GrantService(sqlite_db).find("2025/461-198")
    [row] = ExpenditureService(sqlite_db).page(grant, ListQuery(search="HD-0603"))
    assert row.original_amount == 1180
