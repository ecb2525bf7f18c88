"""What every list page has: the filter bar, remembered columns, Export… with Cancel."""

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.project import ProjectStatus
from desktop.i18n import _
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.projects.page import ProjectsPage
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project


def projects_page(qtbot: QtBot, db: Database) -> ProjectsPage:
    page = ProjectsPage(db)
    qtbot.addWidget(page)
    page.show()
    return page


def codes(page: ProjectsPage) -> list[str]:
    return [page.model.index(row, 0).data() for row in range(page.model.rowCount())]


@pytest.fixture
def projects(sqlite_db: Database) -> None:
    add_project(sqlite_db, "KS-01", "Safer streets in Zvečan", status=ProjectStatus.ACTIVE)
    add_project(sqlite_db, "KS-02", "Safer schools", status=ProjectStatus.PLANNED)
    add_project(sqlite_db, "KS-03", "Безбедне улице у Лепосавићу", status=ProjectStatus.ACTIVE)
    add_project(sqlite_db, "KS-04", "Police and youth dialogue", status=ProjectStatus.ACTIVE)


def save_as(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(path), ""))
    )


@pytest.mark.usefixtures("projects")
def test_the_status_filter_narrows_the_list_and_survives_a_language_switch(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    page = projects_page(qtbot, sqlite_db)
    assert codes(page) == ["KS-01", "KS-02", "KS-03", "KS-04"]
    combo = page.filter_combos["status"]
    assert combo.currentText() == _("All statuses")
    assert combo.accessibleName() == _("Status")

    combo.setCurrentIndex(combo.findData(ProjectStatus.PLANNED.value))
    assert codes(page) == ["KS-02"]
    assert page.count_label.text() == "1 project"

    page.search_edit.setText("safer")
    page.apply_search()
    page.set_filter("status", ProjectStatus.ACTIVE.value)
    assert codes(page) == ["KS-01"]

    i18n.set_language("sq")
    assert combo.currentData() == ProjectStatus.ACTIVE.value
    assert combo.itemText(0) == _("All statuses")
    assert codes(page) == ["KS-01"]

    page.set_filter("status", None)
    assert codes(page) == ["KS-01", "KS-02"]


def test_hidden_columns_are_remembered_per_page(qtbot: QtBot, sqlite_db: Database) -> None:
    page = projects_page(qtbot, sqlite_db)
    menu = page._fill_columns_menu()
    assert [action.text() for action in menu.actions()][:3] == [_("Code"), _("Title"), _("Status")]
    menu.actions()[5].setChecked(False)  # Lead organisation
    page.set_column_visible(3, False)  # Start date
    assert page.hidden_columns() == [3, 5]

    again = projects_page(qtbot, sqlite_db)
    assert again.hidden_columns() == [3, 5]
    assert [column.title for column in again.export_columns()] == [
        _("Code"),
        _("Title"),
        _("Status"),
        _("End date"),
        _("Municipalities"),
    ]
    for column in range(7):
        again.set_column_visible(column, False)
    assert len(again.hidden_columns()) == 6  # the last column shown stays


@pytest.mark.usefixtures("projects")
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_the_list_as_shown(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
    suffix: str,
) -> None:
    page = projects_page(qtbot, sqlite_db)
    page.set_column_visible(5, False)
    page.search_edit.setText("ul")  # "улице", "Zvečan"... and "schools"
    page.apply_search()
    page.set_filter("status", ProjectStatus.ACTIVE.value)
    page.model.sort(0, page.model.sort_order.DescendingOrder)
    shown = [
        [page.model.index(row, column).data() for column in range(5)]
        for row in range(page.model.rowCount())
    ]
    assert shown, "the search and filter should leave some rows"
    target = tmp_path / f"projects{suffix}"
    save_as(monkeypatch, target)

    run = page.export()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass

    query = page.model.query
    expected = ProjectService(sqlite_db).page(query, 0, 1000)
    assert [row[0] for row in shown] == [row.code for row in expected]
    headers = [
        _("Code"),
        _("Title"),
        _("Status"),
        _("Start date"),
        _("End date"),
        _("Municipalities"),
    ]
    if suffix == ".csv":
        with target.open(encoding="utf-8-sig", newline="") as file:
            lines = list(csv.reader(file))
        assert lines[0] == headers
        assert [line[:3] for line in lines[1:]] == [row[:3] for row in shown]
        assert [line[3] for line in lines[1:]] == [row.start_date.isoformat() for row in expected]
    else:
        sheet = load_workbook(target).active
        values = list(sheet.iter_rows(values_only=True))
        assert list(values[0]) == headers
        assert [list(row[:3]) for row in values[1:]] == [row[:3] for row in shown]
        assert [row[3].date() for row in values[1:]] == [row.start_date for row in expected]
    assert message_boxes.kinds() == ["question"]  # "Open the file now?"
    assert page.export_action.isEnabled()


@pytest.mark.usefixtures("projects")
def test_cancel_stops_an_export_and_leaves_no_file(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    """Cancel pressed at once: whether the export is still reading or has just written
    its file, no file is left."""
    page = projects_page(qtbot, sqlite_db)
    target = tmp_path / "projects.xlsx"
    save_as(monkeypatch, target)
    service = ProjectService(sqlite_db)
    messages: list[str] = []
    page.status_message.connect(messages.append)

    run = page.export()
    assert run is not None
    assert not page.export_action.isEnabled()
    [dialog] = page.findChildren(QProgressDialog)
    dialog.findChild(QPushButton).click()  # Cancel
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass

    assert not target.exists()
    assert list(tmp_path.glob("*projects*")) == []
    assert message_boxes.shown == []
    assert messages == [_("The export was cancelled; no file was written.")]
    assert page.export_action.isEnabled()
    assert service.count(ListQuery()) == 4


def test_a_file_that_cannot_be_written_says_why(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    page = projects_page(qtbot, sqlite_db)
    not_a_folder = tmp_path / "minutes.txt"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    save_as(monkeypatch, not_a_folder / "projects.csv")
    run = page.export()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    [(kind, title, _text)] = message_boxes.shown
    assert (kind, title) == ("warning", _("The list was not exported"))


def test_a_name_without_an_ending_gets_the_chosen_format(
    qtbot: QtBot, sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = projects_page(qtbot, sqlite_db)
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *_args: (str(tmp_path / "list"), _("CSV, comma-separated (*.csv)"))),
    )
    assert page.choose_export_file() == tmp_path / "list.csv"
