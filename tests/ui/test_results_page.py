"""The Results page as an office uses it at the end of a quarter: staff enter and submit the
quarter's value in the grid, a manager approves it; the logframe is built in the tree."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.results import ResultLevel, ValueStatus
from desktop.domain.user import Role
from desktop.i18n import _
from desktop.i18n.formatting import format_number
from desktop.services.actor import Actor
from desktop.services.grants import GrantService
from desktop.services.reports import ReportService
from desktop.services.results import (
    IndicatorNode,
    IndicatorValueService,
    ResultNode,
    ResultsService,
)
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY, load_demo
from desktop.ui.main_window import MainWindow
from desktop.ui.results.grid_model import CELL_ROLE
from desktop.ui.results.indicator_dialog import IndicatorDialog
from desktop.ui.results.page import SPLITTER_KEY, ResultsPage
from desktop.ui.results.result_dialog import ResultDialog
from desktop.ui.results.value_dialog import ReturnDialog, ValueDialog
from desktop.ui.settings import read_bytes
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project

STAFF = Actor("arben", Role.STAFF)
MANAGER = Actor("mira", Role.MANAGER)
CONTRACT = "2025/461-198"


def results_page(qtbot: QtBot, db: Database, actor: Actor, project_code: str) -> ResultsPage:
    page = ResultsPage(db, actor=actor)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    qtbot.waitExposed(page)
    [project] = [
        choice.id
        for choice in ResultsService(db).projects("en")
        if choice.name.startswith(project_code)
    ]
    assert page.choose_project(project)
    return page


def period_id(db: Database, label: str) -> int:
    return GrantService(db).find_period(GrantService(db).find(CONTRACT), label)


def indicator_id(page: ResultsPage, code: str) -> int:
    grid = page.values_panel.model.grid
    assert grid is not None
    return next(line.indicator_id for line in grid.lines if line.code == code)


def cell_index(page: ResultsPage, code: str, period: int) -> QModelIndex:
    model = page.values_panel.model
    row = model.row_of(indicator_id(page, code))
    column = model.period_column(period)
    assert row is not None and column is not None
    return model.index(row, column)


def double_click(qtbot: QtBot, page: ResultsPage, index: QModelIndex) -> None:
    table = page.values_panel.table
    table.scrollTo(index)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def visible(page: ResultsPage, kind: type) -> list:
    return [dialog for dialog in page.findChildren(kind) if dialog.isVisible()]


def test_enter_submit_and_approve_the_current_quarter_through_the_grid(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    page = results_page(qtbot, sqlite_db, STAFF, "CSK-2025-01")
    panel = page.values_panel
    assert panel.grant_combo.currentText() == CONTRACT
    grid = panel.model.grid
    assert grid is not None
    current = grid.current_period(DEMO_TODAY)
    assert current is not None and current.label == "2026-Q4"
    index = cell_index(page, "OC1.1", current.id)
    assert index.data(CELL_ROLE).status is None
    progress_before = panel.model.line_at(index.row()).share_of_target  # type: ignore[union-attr]

    double_click(qtbot, page, index)
    [dialog] = visible(page, ValueDialog)
    qtbot.keyClicks(dialog.value_edit, "two")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "two" in dialog.field_error("value")
    assert cell_index(page, "OC1.1", current.id).data(CELL_ROLE).status is None
    dialog.value_edit.clear()
    qtbot.keyClicks(dialog.value_edit, "2")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    index = cell_index(page, "OC1.1", current.id)
    assert index.data() == "2"
    assert index.data(CELL_ROLE).status == ValueStatus.DRAFT
    assert panel.selected_position() == (indicator_id(page, "OC1.1"), current.id)
    assert panel.submit_action.isEnabled() and not panel.approve_action.isEnabled()
    panel.submit_action.trigger()
    index = cell_index(page, "OC1.1", current.id)
    assert index.data(CELL_ROLE).status == ValueStatus.SUBMITTED
    assert not panel.edit_action.isEnabled()
    assert not panel.approve_action.isEnabled()  # staff do not approve

    # The manager, at their own desk, opens the page where the project was left.
    manager = ResultsPage(sqlite_db, actor=MANAGER)
    qtbot.addWidget(manager)
    assert manager.project_id() == page.project_id()
    assert manager.values_panel.select_cell(indicator_id(page, "OC1.1"), current.id)
    assert manager.values_panel.approve_action.isEnabled()
    assert manager.values_panel.return_action.isEnabled()
    manager.values_panel.approve_action.trigger()
    approved = cell_index(manager, "OC1.1", current.id)
    assert approved.data(CELL_ROLE).status == ValueStatus.APPROVED
    assert approved.data(CELL_ROLE).reviewed_at is not None
    assert not manager.values_panel.edit_action.isEnabled()
    assert manager.values_panel.reopen_action.isEnabled()
    line = manager.values_panel.model.line_at(approved.row())
    assert line is not None and line.share_of_target > progress_before  # type: ignore[operator]

    [row] = [
        row
        for row in ReportService(sqlite_db)
        .quarterly(GrantService(sqlite_db).find(CONTRACT), current.id, "en")
        .indicators
        if row.code == "OC1.1"
    ]
    assert row.this_period == Decimal("2.00")


def test_returning_needs_a_comment_and_reopening_asks_first(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    load_demo(sqlite_db)  # CSK-2025-01's 2026-Q3 values are submitted, earlier ones approved
    page = results_page(qtbot, sqlite_db, MANAGER, "CSK-2025-01")
    panel = page.values_panel
    q2, q3 = period_id(sqlite_db, "2026-Q2"), period_id(sqlite_db, "2026-Q3")
    oc11 = indicator_id(page, "OC1.1")

    panel.select_cell(oc11, q3)
    panel.return_action.trigger()
    [dialog] = visible(page, ReturnDialog)
    dialog.return_button.click()
    assert dialog.isVisible()
    assert dialog.comment_error.text()
    assert cell_index(page, "OC1.1", q3).data(CELL_ROLE).status == ValueStatus.SUBMITTED
    qtbot.keyClicks(dialog.comment_edit, "Zvecan adopted its plan in July, not Prizren.")
    dialog.return_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    returned = cell_index(page, "OC1.1", q3).data(CELL_ROLE)
    assert returned.status == ValueStatus.RETURNED
    assert returned.comment == "Zvecan adopted its plan in July, not Prizren."
    staff = results_page(qtbot, sqlite_db, STAFF, "CSK-2025-01")
    staff.values_panel.select_cell(oc11, q3)
    assert "Zvecan adopted its plan" in staff.values_panel.detail_label.text()
    assert staff.values_panel.edit_action.isEnabled()

    panel.select_cell(oc11, q2)
    message_boxes.answer = QMessageBox.StandardButton.No
    panel.reopen_action.trigger()
    assert cell_index(page, "OC1.1", q2).data(CELL_ROLE).status == ValueStatus.APPROVED
    message_boxes.answer = QMessageBox.StandardButton.Yes
    panel.reopen_action.trigger()
    assert cell_index(page, "OC1.1", q2).data(CELL_ROLE).status == ValueStatus.DRAFT
    assert message_boxes.kinds() == ["question", "question"]


def test_a_counted_indicator_offers_its_figure_and_recalculates(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    page = results_page(qtbot, sqlite_db, STAFF, "CSK-2025-01")
    oc12 = indicator_id(page, "OC1.2")  # women at MCSC consultations
    details = ResultsService(sqlite_db).get_indicator(oc12)
    details.form.rollup = details.form.rollup.WOMEN
    ResultsService(sqlite_db).update_indicator(oc12, details.form, details.version)
    page.values_panel.reload()
    q3, q4 = period_id(sqlite_db, "2026-Q3"), period_id(sqlite_db, "2026-Q4")
    empty = cell_index(page, "OC1.2", q4)
    counted = IndicatorValueService(sqlite_db).rollup(oc12, q4).value
    assert counted > 0
    assert empty.data() == format_number(counted.normalize(), "en")  # offered, greyed
    assert empty.data(CELL_ROLE).status is None
    assert empty.data(Qt.ItemDataRole.FontRole).italic()
    page.values_panel.select_cell(oc12, q4)
    assert page.values_panel.recalculate_action.isEnabled()
    page.values_panel.recalculate_action.trigger()
    written = cell_index(page, "OC1.2", q4).data(CELL_ROLE)
    assert (written.value, written.status) == (counted, ValueStatus.DRAFT)
    # A submitted value is not recalculated.
    page.values_panel.select_cell(oc12, q3)
    assert not page.values_panel.recalculate_action.isEnabled()


def test_building_the_logframe_in_the_tree(
    qtbot: QtBot, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities in Mitrovica")
    page = results_page(qtbot, sqlite_db, STAFF, "KS-CS-01")
    tree = page.tree_panel
    assert tree.model.rowCount() == 0

    tree.new_result_action.trigger()
    [dialog] = visible(page, ResultDialog)
    assert dialog.level_combo.currentData() == ResultLevel.OBJECTIVE.value
    assert not dialog.parent_combo.isEnabled()
    qtbot.keyClicks(dialog.code_edit, "OO")
    qtbot.keyClicks(dialog.names.edits["name_en"], "Safer communities in the north")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    objective = tree.selected_node()
    assert isinstance(objective, ResultNode) and objective.code == "OO"

    tree.new_result_action.trigger()  # under the selected objective: an outcome
    [dialog] = visible(page, ResultDialog)
    assert dialog.level_combo.currentData() == ResultLevel.OUTCOME.value
    assert dialog.parent_combo.currentData() == objective.id
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.field_error("code") and dialog.field_error("name_en")
    qtbot.keyClicks(dialog.code_edit, "OC1")
    qtbot.keyClicks(dialog.names.edits["name_en"], "Residents raise concerns with the police")
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    outcome = tree.selected_node()
    assert isinstance(outcome, ResultNode) and outcome.code == "OC1"

    tree.new_indicator_action.trigger()
    [indicator] = visible(page, IndicatorDialog)
    assert indicator.result_combo.currentData() == outcome.id
    qtbot.keyClicks(indicator.code_edit, "OC1.1")
    qtbot.keyClicks(indicator.names.edits["name_en"], "Concerns raised at dialogue events")
    qtbot.keyClicks(indicator.target_edit, "many")
    indicator.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    assert "many" in indicator.field_error("target")
    indicator.target_edit.setText("40")
    indicator.button_box.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not indicator.isVisible())
    added = tree.selected_node()
    assert isinstance(added, IndicatorNode) and added.target == Decimal("40.00")

    [root] = ResultsService(sqlite_db).tree(page.project_id(), "en")  # type: ignore[arg-type]
    assert [c.code for c in root.children] == ["OC1"]
    assert [i.code for i in root.children[0].indicators] == ["OC1.1"]

    # The objective still holds the outcome: removing it is refused, with the reason.
    tree.select(ResultNode, objective.id)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    tree.remove_action.trigger()
    assert message_boxes.kinds() == ["question", "warning"]
    assert tree.model.rowCount() == 1


def test_the_splitter_is_remembered(qtbot: QtBot, sqlite_db: Database) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities in Mitrovica")
    page = results_page(qtbot, sqlite_db, STAFF, "KS-CS-01")
    page.splitter.setSizes([300, 1000])
    page.splitter.splitterMoved.emit(300, 1)
    assert read_bytes(SPLITTER_KEY) == page.splitter.saveState()
    again = results_page(qtbot, sqlite_db, STAFF, "KS-CS-01")
    assert again.splitter.sizes() == page.splitter.sizes()


def test_a_viewer_reads_but_changes_nothing(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    page = results_page(qtbot, sqlite_db, Actor("guest", Role.VIEWER), "CSK-2025-01")
    panel = page.values_panel
    for period in ("2026-Q2", "2026-Q3", "2026-Q4"):
        panel.select_cell(indicator_id(page, "OC1.1"), period_id(sqlite_db, period))
        assert not any(action.isEnabled() for action in panel.toolbar.actions()), period


def test_the_page_follows_a_language_switch(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    page = results_page(qtbot, sqlite_db, STAFF, "CSK-2025-01")
    project = page.project_id()
    model = page.values_panel.model
    i18n.set_language("sq")
    assert page.project_id() == project
    assert model.headerData(model.progress_column, Qt.Orientation.Horizontal) == _("Progress")
    assert page.values_panel.submit_action.text() == _("&Submit")
    [objective] = ResultsService(sqlite_db).tree(project, "sq")  # type: ignore[arg-type]
    assert page.tree_panel.model.index(0, 2).data() == objective.name
    assert objective.name.startswith("Komunitete")


def test_the_buttons_answer_to_their_access_keys_in_any_language(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    page = results_page(qtbot, sqlite_db, STAFF, "CSK-2025-01")
    panel = page.values_panel
    enter = panel.toolbar.widgetForAction(panel.edit_action)
    new_result = page.tree_panel.button_for(page.tree_panel.new_result_action)
    assert enter.text() == _("E&nter value…")
    assert new_result.text() == _("New &result")
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)

    qtbot.keyClick(panel.table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(visible(page, ValueDialog)))  # the button's click
    [dialog] = visible(page, ValueDialog)
    dialog.reject()

    i18n.set_language("sq")
    assert enter.text() == _("E&nter value…") != "E&nter value…"
    assert new_result.text() == _("New &result")


def test_coming_back_to_the_page_shows_what_changed_meanwhile(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)  # CSK-2025-01's 2026-Q3 values are submitted
    page = results_page(qtbot, sqlite_db, STAFF, "CSK-2025-01")
    q3 = period_id(sqlite_db, "2026-Q3")
    oc11 = indicator_id(page, "OC1.1")
    panel = page.values_panel
    panel.select_cell(oc11, q3)
    submitted = cell_index(page, "OC1.1", q3).data(CELL_ROLE)
    assert submitted.status == ValueStatus.SUBMITTED

    page.hide()  # another page is shown, while a manager approves the value at their desk
    IndicatorValueService(sqlite_db, MANAGER).approve_value(submitted.value_id, submitted.version)
    assert cell_index(page, "OC1.1", q3).data(CELL_ROLE).status == ValueStatus.SUBMITTED
    page.show()
    assert cell_index(page, "OC1.1", q3).data(CELL_ROLE).status == ValueStatus.APPROVED
    assert panel.selected_position() == (oc11, q3)  # where the user left it


@pytest.mark.parametrize("language", ["sq", "en", "sr", "sr_Latn"])
def test_every_tree_button_shows_in_a_1280_pixel_window(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    """On a laptop's 1280x800, in the longest of the languages too, no button of the results
    tree is out of sight (behind a toolbar's "»" or cut off at the panel's edge)."""
    load_demo(sqlite_db)
    i18n.set_language(language)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_page("results")
    assert isinstance(page, ResultsPage)
    qtbot.waitUntil(lambda: page.tree_panel.model.rowCount() > 0)
    panel = page.tree_panel
    assert window.width() <= 1280
    actions = [
        panel.new_result_action,
        panel.new_indicator_action,
        panel.edit_action,
        panel.remove_action,
        panel.up_action,
        panel.down_action,
    ]
    for action in actions:
        button = next(
            button for button in panel.findChildren(QToolButton) if button.defaultAction() is action
        )
        assert button.isVisibleTo(window), action.text()
        place = QRect(button.mapTo(panel, QPoint(0, 0)), button.size())
        assert panel.rect().contains(place), action.text()
