"""A first day at CSO Desk, from the demo office, through the real window as a newcomer
uses it: find the projects working in Zvečan by typing its name in Serbian, record a public
consultation there with its participants, enter an invoice paid in Swiss francs, report an
indicator for the current quarter and have it approved, log a community-safety case and
close it, then see every one of these on the Dashboard.

Widgets are clicked and typed into; dates are picked and combo boxes chosen by the text a
user reads.  The Dashboard is pinned to the day the demo office stands at, so the figures do
not depend on the day the test runs.
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QToolBar,
    QToolButton,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.activity import AGE_BAND_LABELS, AgeBand
from desktop.domain.results import ValueStatus
from desktop.i18n import _
from desktop.i18n.formatting import format_date, format_money
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY, load_demo
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.activities.page import ActivitiesPage
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.cases.page import CasesPage
from desktop.ui.cases.status_dialog import ChangeStatusDialog
from desktop.ui.dashboard.page import DashboardPage
from desktop.ui.grants.expenditure_dialog import ExpenditureDialog
from desktop.ui.grants.page import GrantsPage
from desktop.ui.grants.window import GrantWindow
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.results.grid_model import CELL_ROLE
from desktop.ui.results.page import ResultsPage
from desktop.ui.results.value_dialog import ValueDialog
from desktop.ui.widgets.charts import Bar, Stack

PROJECT = "CSK-2025-01"  # Safer Communities, working with the MCSCs, Zvečan among them
GRANT = "2025/461-198"  # its EU grant, in euros, reported by quarter
INDICATOR = "OC1.1"  # MCSCs that have adopted an action plan: baseline 1, target 6
ZVECAN = "Zveçan/Zvečan"
WAIT = 10_000


# -- what the newcomer's hands do ------------------------------------------------------------


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def button_for(parent: QWidget, action: QAction) -> QAbstractButton:
    """The button on screen that carries ``action`` (a page's tool button, a toolbar's)."""
    for toolbar in parent.findChildren(QToolBar):
        button = toolbar.widgetForAction(action)
        if isinstance(button, QAbstractButton):
            return button
    [button] = [b for b in parent.findChildren(QToolButton) if b.defaultAction() is action]
    return button


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` key by key; letters beyond ASCII (Cyrillic, č) arrive as a Serbian or
    Albanian keyboard sends them, as key events carrying their text (QTest types ASCII)."""
    for letter in text:
        if letter.isascii():
            qtbot.keyClick(widget, letter)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, letter)
            QApplication.sendEvent(widget, event)


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    type_text(qtbot, edit, text)


def pick(combo: QComboBox, text: str) -> None:
    """Open the drop-down and choose the entry that reads ``text`` (or begins with it)."""
    index = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def go_to(qtbot: QtBot, window: MainWindow, key: str) -> QWidget:
    """Click the page's name in the sidebar."""
    item = window.sidebar.item([spec.key for spec in PAGES].index(key))
    centre = window.sidebar.visualItemRect(item).center()
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    page = window.page(key)
    assert page is not None and window.stack.currentWidget() is page
    return page


def shown(parent: QWidget, kind: type) -> QWidget:
    """The dialog of ``kind`` on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in parent.findChildren(kind) if d.isVisible()]
    return dialog


def save(qtbot: QtBot, dialog: QWidget) -> None:
    click(qtbot, dialog.button_box.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible())


def column(view: QAbstractItemView, number: int) -> list[str]:
    model = view.model()
    return [model.index(row, number).data() for row in range(model.rowCount())]


def select_row(qtbot: QtBot, view: QAbstractItemView, number: int, text: str) -> None:
    row = column(view, number).index(text)
    rect = view.visualRect(view.model().index(row, number))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def fill_cell(qtbot: QtBot, view: QAbstractItemView, text: str) -> None:
    """Type (or choose) ``text`` in the cell under the cursor and press Tab, as in a
    spreadsheet; F2 opens a cell that Tab did not open already."""
    index = view.currentIndex()
    editor = view.indexWidget(index)
    if editor is None:
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = view.indexWidget(index)
    if isinstance(editor, QComboBox):
        pick(editor, text)
    else:
        assert isinstance(editor, QLineEdit)
        type_into(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert index.data() == text


def click_in_tree(qtbot: QtBot, tree: QTreeView, text: str) -> None:
    model = tree.model()
    [found] = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, text, 1, Qt.MatchFlag.MatchRecursive
    )
    tree.scrollTo(found)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(found).center()
    )


def numbers(text: str) -> list[int]:
    """The whole numbers in a sentence, thousands separators and all."""
    return [int(number.replace(",", "")) for number in re.findall(r"\d[\d,]*", text)]


def euros(text: str) -> Decimal:
    """An amount as shown in English, such as "€204,182.11"."""
    return Decimal(re.sub(r"[^\d.]", "", text))


# -- what the newcomer reads on the Dashboard -------------------------------------------------


@dataclass(frozen=True)
class Seen:
    as_of: str
    year: list[int]  # activities, participants, year, women, men
    zvecan: Stack
    fourth_quarter: Stack
    burn: Bar
    progress: Bar
    cases: dict[str, int]
    cases_note: str


def read(page: DashboardPage) -> Seen:
    [zvecan] = [s for s in page.municipality_chart.stacks if s.label == ZVECAN]
    [burn] = [b for b in page.burn_chart.bars if b.label.startswith(f"{GRANT} — ")]
    [progress] = [
        b
        for b in page.progress_chart.bars
        if b.group.startswith(f"{PROJECT} — ") and b.label.startswith(f"{INDICATOR} ")
    ]
    return Seen(
        as_of=page.as_of_label.text(),
        year=numbers(page.participation_note.text()),
        zvecan=zvecan,
        fourth_quarter=page.quarter_chart.stacks[3],
        burn=burn,
        progress=progress,
        cases={count.label: count.count for count in page.cases_strip.counts},
        cases_note=page.cases_note.text(),
    )


def look_at_dashboard(qtbot: QtBot, window: MainWindow) -> Seen:
    """Come back to the Dashboard, which reads its figures again as it is shown."""
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    with qtbot.waitSignal(page.refreshed, timeout=WAIT):
        go_to(qtbot, window, "dashboard")
    return read(page)


# -- the day -----------------------------------------------------------------------------------


@pytest.fixture
def office(qtbot: QtBot, sqlite_db: Database) -> MainWindow:
    load_demo(sqlite_db)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_first_day_from_the_demo_office(qtbot: QtBot, office: MainWindow) -> None:
    before = open_the_dashboard(qtbot, office)
    find_the_projects_in_zvecan(qtbot, office)
    record_a_consultation_in_zvecan(qtbot, office)
    spent = enter_an_invoice_in_swiss_francs(qtbot, office)
    report_the_quarter_and_approve_it(qtbot, office)

    logged = log_a_case(qtbot, office)
    seen = look_at_dashboard(qtbot, office)
    assert seen.cases[_("Open")] == before.cases[_("Open")] + 1
    assert numbers(seen.cases_note)[0] == numbers(before.cases_note)[0] + 1
    close_the_case(qtbot, office, logged)

    after = look_at_dashboard(qtbot, office)
    assert after.as_of == before.as_of
    # 19 people more in Zvečan, in the fourth quarter and in the year, by one more activity
    assert after.year[0] == before.year[0] + 1
    assert after.year[1] == before.year[1] + 19
    assert (after.year[3], after.year[4]) == (before.year[3] + 10, before.year[4] + 9)
    assert after.zvecan.values == (
        before.zvecan.values[0] + 10,
        before.zvecan.values[1] + 9,
        before.zvecan.values[2],
    )
    assert numbers(after.zvecan.total_text)[0] == numbers(before.zvecan.total_text)[0] + 19
    assert numbers(after.fourth_quarter.caption)[0] == numbers(before.fourth_quarter.caption)[0] + 1
    assert sum(after.fourth_quarter.values) == sum(before.fourth_quarter.values) + 19
    # the invoice, converted to euros, moved the grant's burn rate
    spent_before, spent_after, budget = spent
    assert spent_before in before.burn.tooltip and spent_after in after.burn.tooltip
    assert after.burn.value == pytest.approx(
        before.burn.value + float((euros(spent_after) - euros(spent_before)) / budget), abs=1e-4
    )
    assert after.burn.marker == before.burn.marker
    # one more MCSC with an action plan: a fifth of the way from the baseline of 1 to 6
    assert after.progress.value == pytest.approx(before.progress.value + 0.2)
    assert numbers(after.progress.value_text)[:2] == [numbers(before.progress.value_text)[0] + 1, 6]
    # the case is counted as closed; the open ones are as they were
    assert after.cases[_("Closed")] == before.cases[_("Closed")] + 1
    assert after.cases[_("Open")] == before.cases[_("Open")]
    assert sum(after.cases.values()) == sum(before.cases.values()) + 1
    assert after.cases_note == before.cases_note


def open_the_dashboard(qtbot: QtBot, window: MainWindow) -> Seen:
    """The newcomer starts on the Dashboard, at the day the demo office stands at."""
    page = go_to(qtbot, window, "dashboard")
    assert isinstance(page, DashboardPage)
    page.set_today(lambda: DEMO_TODAY)
    shown_day = _("Figures for {date}").format(date=format_date(DEMO_TODAY, "en"))
    qtbot.waitUntil(lambda: page.as_of_label.text() == shown_day, timeout=WAIT)
    return read(page)


def find_the_projects_in_zvecan(qtbot: QtBot, window: MainWindow) -> None:
    page = go_to(qtbot, window, "projects")
    assert isinstance(page, ProjectsPage)
    for typed in ("Звеч", "Zveč", "zvec"):  # Cyrillic, Latin, Latin without its háček
        page.search_edit.clear()
        qtbot.waitUntil(lambda: page.count_label.text() == "4 projects", timeout=WAIT)
        type_text(qtbot, page.search_edit, typed)
        qtbot.waitUntil(lambda: page.count_label.text() == "2 projects", timeout=WAIT)
        assert sorted(column(page.table, 0)) == [PROJECT, "CSK-2025-03"]


def record_a_consultation_in_zvecan(qtbot: QtBot, window: MainWindow) -> None:
    page = go_to(qtbot, window, "activities")
    assert isinstance(page, ActivitiesPage)
    click(qtbot, button_for(page, page.new_action))
    dialog = shown(page, ActivityDialog)
    qtbot.waitExposed(dialog)

    qtbot.keyClicks(dialog.names.edits["name_en"], "Public consultation on the MCSC action plan")
    type_text(qtbot, dialog.names.edits["name_sr"], "Јавна консултација о акционом плану")
    assert dialog.names.edits["name_sr_latn"].text() == "Javna konsultacija o akcionom planu"
    pick(dialog.project_combo, PROJECT)
    pick(dialog.type_combo, "Public consultation")
    pick(dialog.municipality_combo, ZVECAN)
    dialog.start_edit.set_date_value(date(2026, 10, 14))
    assert dialog.end_edit.date_value() == date(2026, 10, 14)  # a one-day event
    qtbot.keyClicks(dialog.venue_edit, "House of Culture")
    qtbot.keyClicks(dialog.headcount_edit, "19")

    grid = dialog.grid
    for community, band, women, men in (
        ("Serb", AgeBand.FROM_18_TO_29, "7", "5"),
        ("Albanian", AgeBand.FROM_30_TO_44, "3", "4"),
    ):
        click(qtbot, grid.add_button)  # the cursor goes to the new row's community
        for text in (community, _(AGE_BAND_LABELS[band]), women, men):
            fill_cell(qtbot, grid.table, text)
    assert grid.status_label.text() == _("Breakdown complete: {recorded} of {total}.").format(
        recorded=19, total=19
    )
    save(qtbot, dialog)

    chosen = page.selected_row()
    assert chosen is not None and chosen.title == "Public consultation on the MCSC action plan"
    row = page.table.currentIndex().row()
    assert [page.model.index(row, c).data() for c in (3, 4, 5, 6, 7)] == [
        ZVECAN,
        PROJECT,
        "10",
        "9",
        "19",
    ]


def enter_an_invoice_in_swiss_francs(qtbot: QtBot, window: MainWindow) -> tuple[str, str, Decimal]:
    """The spent figure before and after, as the grant's window shows it, and the budget."""
    page = go_to(qtbot, window, "grants")
    assert isinstance(page, GrantsPage)
    select_row(qtbot, page.table, 0, GRANT)
    click(qtbot, button_for(page, page.open_action))
    grant = shown(page, GrantWindow)
    assert isinstance(grant, GrantWindow)
    qtbot.waitExposed(grant)
    spent_before = grant.strip.values["spent"].text()
    budget = euros(grant.strip.values["amount"].text())

    tabs = grant.tabs.tabBar()
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(2).center())
    tab = grant.expenditures_tab
    assert grant.tabs.currentWidget() is tab
    click(qtbot, button_for(tab, tab.new_action))
    dialog = shown(tab, ExpenditureDialog)
    assert isinstance(dialog, ExpenditureDialog)
    dialog.date_edit.set_date_value(date(2026, 10, 16))
    pick(dialog.line_combo, "2.1")
    qtbot.keyClicks(dialog.description_edit, "Interpretation at the Zvecan consultation")
    qtbot.keyClicks(dialog.supplier_edit, "Lingua Balcanica GmbH")
    qtbot.keyClicks(dialog.invoice_edit, "LB-2026-118")
    qtbot.keyClicks(dialog.amount_edit, "1,250.00")
    type_into(qtbot, dialog.currency_combo.lineEdit(), "CHF")
    assert dialog.rate_edit.isEnabled()  # and says which way the rate goes
    assert dialog.rate_edit.placeholderText() == _("{contract} for 1 {currency}").format(
        contract="EUR", currency="CHF"
    )
    qtbot.keyClicks(dialog.rate_edit, "1.065")
    converted = format_money(Decimal("1331.25"), "EUR", "en")
    assert dialog.converted_label.text() == converted
    save(qtbot, dialog)

    rows = column(tab.table, 3)
    assert "Lingua Balcanica GmbH" in rows
    row = rows.index("Lingua Balcanica GmbH")
    assert [tab.model.index(row, c).data() for c in (6, 8)] == ["CHF", converted]
    spent_after = grant.strip.values["spent"].text()
    assert euros(spent_after) - euros(spent_before) == Decimal("1331.25")
    grant.close()
    return spent_before, spent_after, budget


def report_the_quarter_and_approve_it(qtbot: QtBot, window: MainWindow) -> None:
    page = go_to(qtbot, window, "results")
    assert isinstance(page, ResultsPage)
    pick(page.project_combo, PROJECT)
    panel = page.values_panel
    assert panel.grant_combo.currentText() == GRANT

    click_in_tree(qtbot, page.tree_panel.tree, INDICATOR)
    cell = panel.table.currentIndex()
    assert panel.model.line_at(cell.row()).code == INDICATOR
    assert panel.model.period_at(cell.column()).label == "2026-Q4"  # the quarter we are in
    assert cell.data(CELL_ROLE).status is None

    click(qtbot, button_for(panel, panel.edit_action))
    dialog = shown(page, ValueDialog)
    assert isinstance(dialog, ValueDialog)
    assert dialog.value_hint.text() == _(  # this quarter's, not the running total
        "What was achieved in this period alone, not the running total: the approved "
        "values are added to the baseline ({baseline}) towards the target ({target})."
    ).format(baseline=1, target=6)
    qtbot.keyClicks(dialog.value_edit, "1")
    save(qtbot, dialog)
    click(qtbot, button_for(panel, panel.submit_action))
    click(qtbot, button_for(panel, panel.approve_action))
    cell = panel.table.currentIndex()
    assert cell.data() == "1"
    assert cell.data(CELL_ROLE).status == ValueStatus.APPROVED


def log_a_case(qtbot: QtBot, window: MainWindow) -> str:
    """The new case's reference, as the list shows it."""
    page = go_to(qtbot, window, "cases")
    assert isinstance(page, CasesPage)
    click(qtbot, button_for(page, page.new_action))
    dialog = shown(page, CaseDialog)
    assert isinstance(dialog, CaseDialog)
    reference = dialog.reference_edit.text()
    qtbot.keyClicks(dialog.title_edit, "Unlit bus stop by the secondary school")
    pick(dialog.municipality_combo, ZVECAN)
    pick(dialog.category_combo, _("Lighting and public space"))
    qtbot.keyClicks(dialog.raised_by_edit, "Parents' council")
    dialog.opened_edit.set_date_value(date(2026, 10, 19))
    click(qtbot, dialog.due_edit.check)
    dialog.due_edit.date_edit.set_date_value(date(2026, 11, 30))
    save(qtbot, dialog)

    row = column(page.table, 0).index(reference)
    assert [page.model.index(row, c).data() for c in (2, 3, 4)] == [
        ZVECAN,
        _("Lighting and public space"),
        _("Open"),
    ]
    return reference


def close_the_case(qtbot: QtBot, window: MainWindow, reference: str) -> None:
    page = go_to(qtbot, window, "cases")
    assert isinstance(page, CasesPage)
    select_row(qtbot, page.table, 0, reference)
    click(qtbot, button_for(page, page.edit_action))
    dialog = shown(page, CaseDialog)
    assert isinstance(dialog, CaseDialog)
    click(qtbot, dialog.status_button)
    steps = dialog.status_dialog
    assert isinstance(steps, ChangeStatusDialog)
    pick(steps.status_combo, _("Closed"))
    qtbot.keyClicks(steps.note_edit, "The municipality lit the stop on 20 October.")
    click(qtbot, steps.buttons.button(QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: dialog.status_dialog is None)
    assert dialog.status_label.text().startswith(_("Closed"))
    click(qtbot, dialog.button_box.button(QDialogButtonBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: not dialog.isVisible())

    row = column(page.table, 0).index(reference)
    assert page.model.index(row, 4).data() == _("Closed")
