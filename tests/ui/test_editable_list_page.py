"""Every list that edits its records, as a user meets them all: archive and restore say a
sentence about that kind of record, a record gone from the database is reported and the list
read again, and Enter or a double-click opens what the page opens (a grant: its window).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.i18n import _
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.window import GrantWindow
from desktop.ui.main_window import MainWindow
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.people.dialog import PersonDialog
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.research.dialog import ResearchOutputDialog
from desktop.ui.widgets.editable_list_page import EditableListPage
from tests.ui.conftest import MessageBoxes

MISSING_ID = 987_654


@dataclass(frozen=True)
class Expected:
    """What a user reads and sees on one page."""

    archived: Callable[[Any], str]
    restored: Callable[[Any], str]
    not_opened: str
    opens: type[QWidget]  # what Enter and a double-click bring up


EXPECTED = {
    "projects": Expected(
        lambda row: _("Project {code} was archived.").format(code=row.code),
        lambda row: _("Project {code} was restored.").format(code=row.code),
        "The project could not be opened",
        ProjectDialog,
    ),
    "partners": Expected(
        lambda row: _("{name} was archived.").format(name=row.name),
        lambda row: _("{name} was restored.").format(name=row.name),
        "The organisation could not be opened",
        OrganisationDialog,
    ),
    "people": Expected(
        lambda row: _("{name} was archived.").format(name=row.name),
        lambda row: _("{name} was restored.").format(name=row.name),
        "The person could not be opened",
        PersonDialog,
    ),
    "grants": Expected(
        lambda row: _("Grant {number} was archived.").format(number=row.contract_number),
        lambda row: _("Grant {number} was restored.").format(number=row.contract_number),
        "The grant could not be opened",
        GrantWindow,
    ),
    "activities": Expected(
        lambda row: _("The activity “{title}” was archived.").format(title=row.title),
        lambda row: _("The activity “{title}” was restored.").format(title=row.title),
        "The activity could not be opened",
        ActivityDialog,
    ),
    "research": Expected(
        lambda _row: _("The research output was archived."),
        lambda _row: _("The research output was restored."),
        "The research output could not be opened",
        ResearchOutputDialog,
    ),
    "cases": Expected(
        lambda row: _("Case {reference} was archived.").format(reference=row.reference),
        lambda row: _("Case {reference} was restored.").format(reference=row.reference),
        "The case could not be opened",
        CaseDialog,
    ),
}


def demo_page(window: MainWindow, sqlite_db: Database, key: str) -> EditableListPage:
    load_demo(sqlite_db)
    page = window.show_page(key)
    assert isinstance(page, EditableListPage)
    page.reload()
    assert page.model.rowCount() > 0
    return page


def shown(page: QWidget, kind: type[QWidget]) -> list[QWidget]:
    return [widget for widget in page.findChildren(kind) if widget.isVisible()]


@pytest.mark.parametrize("key", EXPECTED)
def test_archive_and_restore_name_the_record_in_the_status_bar(
    window: MainWindow, sqlite_db: Database, key: str
) -> None:
    page = demo_page(window, sqlite_db, key)
    expected = EXPECTED[key]
    page.table.selectRow(0)
    row = page.selected_row()
    page.archive_action.trigger()
    assert window.statusBar().currentMessage() == expected.archived(row)
    assert page.model.row_of(row.id) is None

    page.archived_check.setChecked(True)
    page.table.selectRow(page.model.row_of(row.id))
    assert page.archive_action.text() == _("&Restore")
    page.archive_action.trigger()
    assert window.statusBar().currentMessage() == expected.restored(row)
    assert page.archive_action.text() == _("&Archive")
    assert page.selected_row().id == row.id


@pytest.mark.parametrize("key", EXPECTED)
def test_a_record_gone_from_the_database_is_reported_and_the_list_read_again(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes, key: str
) -> None:
    page = demo_page(window, sqlite_db, key)
    with qtbot.waitSignal(page.model.modelReset, timeout=1000):
        assert page.open_dialog(MISSING_ID) is None
    assert message_boxes.kinds() == ["warning"]
    assert message_boxes.shown[0][1] == _(EXPECTED[key].not_opened)
    assert shown(page, QDialog) == []


@pytest.mark.parametrize("key", EXPECTED)
def test_enter_and_a_double_click_open_the_selected_record(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, key: str
) -> None:
    page = demo_page(window, sqlite_db, key)
    kind = EXPECTED[key].opens
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    [opened] = shown(page, kind)
    assert opened.windowTitle()
    opened.reject()
    qtbot.waitUntil(lambda: shown(page, kind) == [])

    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(shown(page, kind)) == 1
    if key == "grants":  # the contract's editor opens only with Edit
        assert shown(page, GrantDialog) == []


def button_of(page: EditableListPage, action: object) -> list[QToolButton]:
    return [b for b in page.findChildren(QToolButton) if b.defaultAction() is action]


def focus_chain(page: EditableListPage) -> list[QWidget]:
    """The page's widgets in the order Tab visits them, from its New button."""
    [first] = button_of(page, page.new_action)
    chain, widget = [], first
    while True:
        if widget.isVisibleTo(page) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is first:
            return [w for w in chain if page.isAncestorOf(w)]


@pytest.mark.parametrize("key", EXPECTED)
def test_tab_goes_through_the_page_as_it_reads(
    window: MainWindow, sqlite_db: Database, key: str
) -> None:
    page = demo_page(window, sqlite_db, key)
    chain = focus_chain(page)
    actions = (page.new_action, page.edit_action, page.archive_action)
    buttons = [button for action in actions for button in button_of(page, action)]
    combos = [combo for combo in page.findChildren(QComboBox) if combo.isVisibleTo(page)]
    search, archived, table = page.search_edit, page.archived_check, page.table
    assert chain.index(search) > max(chain.index(b) for b in buttons)
    assert chain.index(search) < chain.index(archived) < min(chain.index(c) for c in combos)
    assert max(chain.index(c) for c in combos) < chain.index(page.export_button)
    assert chain.index(page.export_button) < chain.index(table)


@pytest.mark.parametrize("key", EXPECTED)
def test_the_buttons_keep_their_access_keys_when_archive_turns_into_restore(
    window: MainWindow, sqlite_db: Database, key: str
) -> None:
    page = demo_page(window, sqlite_db, key)
    page.table.selectRow(0)
    row = page.selected_row()
    assert page.new_action.iconText() == page.new_action.text()
    assert "&" in page.export_action.iconText()
    page.archive_action.trigger()
    page.archived_check.setChecked(True)
    page.table.selectRow(page.model.row_of(row.id))
    assert page.archive_action.iconText() == _("&Restore")
