"""Spreadsheets as a user gets them: the grant window's "Export to spreadsheet…" (the
whole grant as one workbook, with progress, Cancel and the list export's messages), and
the lists whose columns now export typed cells (activities' dates and counts, grants' and
expenditures' amounts with their currency), and the grant window's short lists (budget
lines, instalments, periods), the indicator values grid and the users' list that now
export too."""

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.domain.results import VALUE_STATUS_LABELS
from desktop.domain.user import Role
from desktop.i18n import _
from desktop.services.activities import ActivityService
from desktop.services.actor import Actor, sign_in_as
from desktop.services.budget import BudgetService
from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.instalments import InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodService
from desktop.services.results import ResultsService
from desktop.services.sign_in import sign_in
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.page import ActivitiesPage
from desktop.ui.grants.page import GrantsPage
from desktop.ui.grants.part_tab import PartTab
from desktop.ui.grants.window import GrantWindow
from desktop.ui.results.page import ResultsPage
from desktop.ui.users.users_dialog import UsersDialog
from desktop.ui.widgets.list_page import ListPage
from tests.ui.conftest import MessageBoxes

DEMO_GRANT = "2025/461-198"


class SaveDialog:
    """The patched save dialog: what it was asked and the file it answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: Path) -> None:
        self.asked: list[tuple[Any, ...]] = []
        self._answer = answer
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self.ask))

    def ask(self, *args: Any) -> tuple[str, str]:
        self.asked.append(args)
        return str(self._answer), ""


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    load_demo(sqlite_db)
    return sqlite_db


@pytest.fixture
def grant_window(qtbot: QtBot, demo: Database) -> GrantWindow:
    opened = GrantWindow(demo, GrantService(demo).find(DEMO_GRANT))
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def test_export_to_spreadsheet_writes_the_whole_grant(
    qtbot: QtBot,
    grant_window: GrantWindow,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    dialog = SaveDialog(monkeypatch, tmp_path / "grant")  # typed without an ending
    messages: list[str] = []
    grant_window.status_message.connect(messages.append)
    assert grant_window.export_button.text() == _("Export to &spreadsheet…")

    grant_window.export_button.click()
    run = grant_window.workbook_export.run
    assert run is not None
    assert not grant_window.export_button.isEnabled()  # one export at a time
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass

    [(_parent, caption, suggested, file_filter)] = dialog.asked
    assert caption == _("Export the grant to a spreadsheet")
    assert Path(suggested).name == "2025-461-198.xlsx"  # no "/" in a file name
    assert file_filter == _("Excel workbook (*.xlsx)")
    target = tmp_path / "grant.xlsx"
    book = load_workbook(target)
    periods = PeriodService(demo).periods(grant_window.grant_id)
    assert book.sheetnames == [
        "Summary",
        "Budget",
        "Expenditure",
        "Instalments",
        *(period.label for period in periods),
    ]
    listed = ExpenditureService(demo).count(grant_window.grant_id, ListQuery())
    assert book["Expenditure"].max_row == listed + 2  # the header, the invoices, the total
    assert message_boxes.kinds() == ["question"]  # "Open the file now?"
    [(_kind, title, text)] = message_boxes.shown
    assert title == _("Export finished") and str(target) in text
    assert messages == [
        _("The grant {number} was exported to {path}.").format(number=DEMO_GRANT, path=target)
    ]
    assert grant_window.export_button.isEnabled()


def test_cancel_stops_the_grant_export_and_leaves_no_file(
    qtbot: QtBot,
    grant_window: GrantWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    SaveDialog(monkeypatch, tmp_path / "grant.xlsx")
    messages: list[str] = []
    grant_window.status_message.connect(messages.append)
    run = grant_window.workbook_export.export()
    assert run is not None
    [progress] = grant_window.findChildren(QProgressDialog)
    progress.findChild(QPushButton).click()  # Cancel
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    assert list(tmp_path.glob("*grant*")) == []
    assert message_boxes.shown == []
    assert messages == [_("The export was cancelled; no file was written.")]
    assert grant_window.export_button.isEnabled()


def test_a_grant_export_that_cannot_be_written_says_why(
    qtbot: QtBot,
    grant_window: GrantWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    not_a_folder = tmp_path / "minutes.txt"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    SaveDialog(monkeypatch, not_a_folder / "grant.xlsx")
    run = grant_window.workbook_export.export()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", _("The grant was not exported"))
    assert "grant.xlsx" in text


def test_no_file_chosen_exports_nothing(
    grant_window: GrantWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a: ("", "")))
    assert grant_window.workbook_export.export() is None
    assert grant_window.export_button.isEnabled()


def export_page(
    qtbot: QtBot, page: ListPage, target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.addWidget(page)
    page.show()
    SaveDialog(monkeypatch, target)
    run = page.export()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass


def test_activities_export_dates_as_dates_and_counts_as_numbers(
    qtbot: QtBot, demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "activities.xlsx"
    page = ActivitiesPage(demo)
    export_page(qtbot, page, target, monkeypatch)
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == [_("Start date"), _("End date"), _("Title")]
    assert _("Dates") not in header
    women, men, total = (header.index(_(name)) for name in ("Women", "Men", "Total"))
    expected = ActivityService(demo).page(page.model.query, 0, 1000)
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(expected) == 50
    for row, activity in zip(rows, expected, strict=True):
        assert row[0].is_date and row[0].value.date() == activity.start_date
        assert row[1].is_date and row[1].value.date() == activity.end_date
        assert row[women].value == activity.women and row[women].data_type == "n"
        assert row[men].value == activity.men
        assert row[total].value == activity.total
    assert any(activity.end_date != activity.start_date for activity in expected)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_grants_export_amounts_with_their_currency(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    suffix: str,
) -> None:
    target = tmp_path / f"grants{suffix}"
    page = GrantsPage(demo)
    export_page(qtbot, page, target, monkeypatch)
    grants = GrantService(demo).page(page.model.query, 0, 100)
    assert grants
    if suffix == ".xlsx":
        sheet = load_workbook(target).active
        amount = [cell.value for cell in sheet[1]].index(_("Amount"))
        for row, grant in zip(sheet.iter_rows(min_row=2), grants, strict=True):
            assert row[amount].data_type == "n"
            assert row[amount].number_format == f'#,##0.00 "{grant.currency}"'
            assert f"{row[amount].value:.2f}" == str(grant.amount)
        return
    with target.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    amount = lines[0].index(_("Amount"))
    assert lines[0][amount + 1] == _("{column} (currency)").format(column=_("Amount"))
    assert [line[amount : amount + 2] for line in lines[1:]] == [
        [str(grant.amount), grant.currency] for grant in grants
    ]


def test_expenditures_export_each_amount_in_its_own_currency(
    qtbot: QtBot,
    grant_window: GrantWindow,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = grant_window.expenditures_tab
    tab.reload()
    target = tmp_path / "expenditures.xlsx"
    SaveDialog(monkeypatch, target)
    run = tab.export()
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    original, amount = header.index(_("Original amount")), header.index(_("Amount"))
    formats = {row[original].number_format for row in sheet.iter_rows(min_row=2)}
    assert formats >= {'#,##0.00 "EUR"', '#,##0.00 "RSD"', '#,##0.00 "USD"'}
    assert {row[amount].number_format for row in sheet.iter_rows(min_row=2)} == {'#,##0.00 "EUR"'}


def export_tab(qtbot: QtBot, tab: PartTab, target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    SaveDialog(monkeypatch, target)
    tab.export_action.trigger()
    run = tab.list_export.run
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass


def test_the_budget_lines_export_with_amounts_in_the_grant_currency(
    qtbot: QtBot,
    grant_window: GrantWindow,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    target = tmp_path / "budget.xlsx"
    export_tab(qtbot, grant_window.budget_tab, target, monkeypatch)
    lines = BudgetService(demo).lines(grant_window.grant_id, "en")
    sheet = load_workbook(target).active
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == [_(column.title) for column in grant_window.budget_tab.model.columns]
    quantity, unit_cost, amount, spent, spent_share = (
        header.index(_(title))
        for title in ("Quantity", "Unit cost", "Amount", "Spent", "Spent (%)")
    )
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        assert row[quantity].value == line.quantity
        for column, figure in (
            (unit_cost, line.unit_cost),
            (amount, line.amount),
            (spent, line.spent),
        ):
            if figure is None:  # a lump sum has no unit cost
                assert row[column].value is None
                continue
            assert Decimal(str(row[column].value)) == figure
            assert row[column].number_format == '#,##0.00 "EUR"'
        assert Decimal(str(row[spent_share].value)) == (line.spent / line.amount * 100).quantize(
            Decimal("0.01")
        )
    assert message_boxes.kinds() == ["question"]


def test_the_instalments_and_periods_export_their_dates_as_dates(
    qtbot: QtBot,
    grant_window: GrantWindow,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instalments = InstalmentService(demo).instalments(grant_window.grant_id)
    target = tmp_path / "instalments.csv"
    export_tab(qtbot, grant_window.instalments_tab, target, monkeypatch)
    with target.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines[0][:5] == [
        _("Number"),
        _("Due on"),
        _("Received on"),
        _("Amount"),
        _("{column} (currency)").format(column=_("Amount")),
    ]
    assert [line[:5] for line in lines[1:]] == [
        [
            str(i.number),
            i.due_on.isoformat() if i.due_on else "",
            i.received_on.isoformat() if i.received_on else "",
            str(i.amount),
            "EUR",
        ]
        for i in instalments
    ]

    periods = PeriodService(demo).periods(grant_window.grant_id)
    target = tmp_path / "periods.xlsx"
    export_tab(qtbot, grant_window.periods_tab, target, monkeypatch)
    rows = list(load_workbook(target).active.iter_rows(min_row=2))
    assert [row[0].value for row in rows] == [period.label for period in periods]
    for row, period in zip(rows, periods, strict=True):
        assert row[2].is_date and row[2].value.date() == period.start_date
        assert row[3].is_date and row[3].value.date() == period.end_date
        assert row[5].value == period.sections_written


def test_the_users_list_exports_as_shown_without_passwords(
    qtbot: QtBot,
    sqlite_db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: MessageBoxes,
) -> None:
    password = "Peja-youth-forum-26"
    users = UserService(sqlite_db, Actor("drita", Role.ADMIN))
    users.create(UserForm(username="drita", full_name="Drita Berisha", role=Role.ADMIN), password)
    users.create(UserForm(username="marko", full_name="=Марко Јовановић", role=Role.STAFF), None)
    sign_in_as(sign_in(sqlite_db, "drita", password))
    dialog = UsersDialog(sqlite_db)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "users.xlsx"
    SaveDialog(monkeypatch, target)
    dialog.export_button.click()
    run = dialog.list_export.run
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(dialog.table.horizontalHeaderItem(c).text() for c in range(6))
    shown = [
        tuple(dialog.table.item(row, column).text() for column in range(6))
        for row in range(dialog.table.rowCount())
    ]
    assert rows[1:] == shown
    assert {row[1] for row in rows[1:]} == {
        "Drita Berisha",
        "=Марко Јовановић",
    }  # text, not a formula
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert password not in str(rows)
    assert message_boxes.kinds() == ["question"]


def test_the_indicator_values_export_with_each_period_and_status(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    viewer = Actor("guest", Role.VIEWER)  # reading is enough to export
    page = ResultsPage(demo, actor=viewer)
    qtbot.addWidget(page)
    page.show()
    [project] = [
        choice.id
        for choice in ResultsService(demo).projects("en")
        if choice.name.startswith("CSK-2025-01")
    ]
    assert page.choose_project(project)
    panel = page.values_panel
    grid = panel.model.grid
    assert grid is not None and grid.lines and grid.periods
    assert panel.export_button.isEnabled()
    target = tmp_path / "values.xlsx"
    SaveDialog(monkeypatch, target)
    panel.export_button.click()
    run = panel.list_export.run
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=20_000):
        pass
    sheet = load_workbook(target).active
    header = [cell.value for cell in sheet[1]]
    first = grid.periods[0].label
    assert header[:6] == [
        _("Result"),
        _("Code"),
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
    ]
    assert header[6:8] == [first, _("{period}: status").format(period=first)]
    assert header[-2:] == [_("Cumulative"), _("Progress (%)")]
    assert len(header) == 8 + 2 * len(grid.periods)
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == [line.code for line in grid.lines]
    approved = [
        (row, line, position)
        for row, line in zip(rows, grid.lines, strict=True)
        for position, cell in enumerate(line.cells)
        if cell.value is not None
    ]
    assert approved, "the demo has values"
    for row, line, position in approved:
        value = row[6 + 2 * position]
        assert isinstance(value, int | float)
        assert Decimal(str(value)) == line.cells[position].value
        assert row[7 + 2 * position] == _(VALUE_STATUS_LABELS[line.cells[position].status])
