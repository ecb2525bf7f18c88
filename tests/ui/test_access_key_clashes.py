"""Alt and a letter, as a newcomer presses it, reaches one control of the window: no two
visible controls of a page or an editor share an underlined letter, or Alt+letter only
moves the focus between them and clicks neither.  A control greyed out until a row is
chosen (Open, Remove) counts too, since it takes its key as soon as one is.

The menus of the menu bar are a scope of their own and are left out.
"""

from collections import defaultdict
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.results.grid_model import FIRST_PERIOD_COLUMN


def access_key(text: str) -> str | None:
    """The letter ``text`` underlines (the one after a single ``&``), lower-cased."""
    position = 0
    while (position := text.find("&", position)) != -1 and position + 1 < len(text):
        if text[position + 1] != "&":
            return text[position + 1].lower()
        position += 2  # "&&" is an ampersand shown as such
    return None


def access_keys(window: QWidget) -> dict[str, list[str]]:
    """Each access key of ``window`` with the controls it would reach."""
    found: dict[str, list[str]] = defaultdict(list)

    def live(widget: QWidget) -> bool:
        return widget.window() is window and widget.isVisibleTo(window)

    def add(text: str, widget: QWidget) -> None:
        key = access_key(text)
        if key is not None:
            found[key].append(f"{type(widget).__name__} {text!r}")

    for widget in window.findChildren(QWidget):
        if not live(widget):
            continue
        if isinstance(widget, QLabel):
            buddy = widget.buddy()
            if buddy is not None and live(buddy):
                add(widget.text(), widget)
        elif isinstance(widget, QAbstractButton):
            add(widget.text(), widget)
        elif isinstance(widget, QGroupBox):
            add(widget.title(), widget)
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                if widget.isTabVisible(tab) and widget.isTabEnabled(tab):
                    add(widget.tabText(tab), widget)
    return found


def clashes(window: QWidget, name: str) -> dict[str, list[str]]:
    return {
        f"{name}: Alt+{key.upper()}": controls
        for key, controls in access_keys(window).items()
        if len(controls) > 1
    }


def settle() -> None:
    """Let the pages that read in the background deliver their rows."""
    for _round in range(3):
        QApplication.processEvents()
        QThreadPool.globalInstance().waitForDone(10_000)
        QApplication.processEvents()


# -- the editors, each opened on a record of the demo ------------------------------------------

Opener = Callable[[MainWindow], Iterator[QWidget]]


def _first_row(key: str) -> Opener:
    def open_editor(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page(key)
        settle()
        page.table.selectRow(0)  # type: ignore[attr-defined]
        dialog = page.open_dialog(page.selected_row().id)  # type: ignore[attr-defined]
        yield dialog
        dialog.done(QDialog.DialogCode.Rejected)

    return open_editor


def _new(key: str) -> Opener:
    def open_editor(window: MainWindow) -> Iterator[QWidget]:
        dialog = window.show_page(key).open_dialog(None)  # type: ignore[attr-defined]
        yield dialog
        dialog.done(QDialog.DialogCode.Rejected)

    return open_editor


def _archived(key: str) -> Opener:
    """The editor of the first record, once archived: it shows Restore instead of Archive
    (``QMessageBox.question`` answers Yes in the test)."""

    def open_editor(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page(key)
        settle()
        page.table.selectRow(0)  # type: ignore[attr-defined]
        record = page.selected_row().id  # type: ignore[attr-defined]
        page.open_dialog(record).toggle_archived()  # type: ignore[attr-defined]
        settle()
        dialog = page.open_dialog(record)  # type: ignore[attr-defined]
        assert dialog.archived, key
        yield dialog
        dialog.done(QDialog.DialogCode.Rejected)

    return open_editor


def _grant_window(window: MainWindow) -> QWidget:
    page = window.show_page("grants")
    settle()
    page.table.selectRow(0)  # type: ignore[attr-defined]
    return page.open_window(page.selected_row().id)  # type: ignore[attr-defined]


def _grant_tab(index: int) -> Opener:
    def open_tab(window: MainWindow) -> Iterator[QWidget]:
        grant = _grant_window(window)
        grant.findChild(QTabWidget).setCurrentIndex(index)
        settle()
        yield grant
        grant.close()

    return open_tab


def _grant_part(index: int) -> Opener:
    def open_editor(window: MainWindow) -> Iterator[QWidget]:
        grant = _grant_window(window)
        tab = grant.all_tabs()[index]  # type: ignore[attr-defined]
        grant.findChild(QTabWidget).setCurrentIndex(index)
        settle()
        tab.table.selectRow(0)
        dialog = tab.open_dialog(tab.selected_row().id)
        yield dialog
        dialog.done(QDialog.DialogCode.Rejected)
        grant.close()

    return open_editor


def _results_line(indicator: bool) -> Opener:
    def open_editor(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page("results")
        settle()
        tree = page.tree_panel.tree  # type: ignore[attr-defined]
        index = tree.model().index(0, 0)
        while indicator and tree.model().rowCount(index):
            tree.expand(index)
            index = tree.model().index(0, 0, index)
        tree.setCurrentIndex(index)
        dialog = page.tree_panel.edit_selected()  # type: ignore[attr-defined]
        yield dialog
        dialog.done(QDialog.DialogCode.Rejected)

    return open_editor


def _value(window: MainWindow) -> Iterator[QWidget]:
    page = window.show_page("results")
    settle()
    panel = page.values_panel  # type: ignore[attr-defined]
    model = panel.model
    for row in range(model.rowCount()):
        for column in range(FIRST_PERIOD_COLUMN, model.columnCount()):
            panel.table.setCurrentIndex(model.index(row, column))
            dialog = panel.edit_selected()  # a value still open to editing
            if dialog is not None:
                yield dialog
                dialog.done(QDialog.DialogCode.Rejected)
                return
    pytest.fail("The demo has no value open to editing")


def _case_part(open_part: Callable[[QWidget], QWidget | None]) -> Opener:
    def open_editor(window: MainWindow) -> Iterator[QWidget]:
        page = window.show_page("cases")
        settle()
        page.table.selectRow(0)  # type: ignore[attr-defined]
        case = page.open_dialog(page.selected_row().id)  # type: ignore[attr-defined]
        part = open_part(case)
        assert part is not None
        yield part
        part.done(QDialog.DialogCode.Rejected)  # type: ignore[attr-defined]
        case.done(QDialog.DialogCode.Rejected)

    return open_editor


def _audit_entry(window: MainWindow) -> Iterator[QWidget]:
    projects = window.show_page("projects")
    settle()
    projects.table.selectRow(0)  # type: ignore[attr-defined]
    editor = projects.open_dialog(projects.selected_row().id)  # type: ignore[attr-defined]
    editor.summary_edit.setPlainText(editor.summary_edit.toPlainText() + " Reviewed.")
    editor.save()
    page = window.show_page("audit")
    settle()
    page.table.selectRow(0)  # type: ignore[attr-defined]
    dialog = page.show_selected()  # type: ignore[attr-defined]
    yield dialog
    dialog.done(QDialog.DialogCode.Rejected)


EDITORS: dict[str, Opener] = {
    "project": _first_row("projects"),
    "new project": _new("projects"),
    "partner": _first_row("partners"),
    "person": _first_row("people"),
    "grant": _first_row("grants"),
    "grant budget": _grant_tab(0),
    "grant instalments": _grant_tab(1),
    "grant expenditures": _grant_tab(2),
    "grant periods": _grant_tab(3),
    "budget line": _grant_part(0),
    "instalment": _grant_part(1),
    "expenditure": _grant_part(2),
    "period": _grant_part(3),
    "activity": _first_row("activities"),
    "new activity": _new("activities"),
    "result": _results_line(False),
    "indicator": _results_line(True),
    "value": _value,
    "research output": _first_row("research"),
    "case": _first_row("cases"),
    "new case": _new("cases"),
    "case status": _case_part(lambda case: case.change_status()),  # type: ignore[attr-defined]
    "case action": _case_part(lambda case: case.add_action()),  # type: ignore[attr-defined]
    "audit entry": _audit_entry,
    # last, since they archive the first record of their list
    "archived project": _archived("projects"),
    "archived partner": _archived("partners"),
    "archived person": _archived("people"),
    "archived grant": _archived("grants"),
    "archived activity": _archived("activities"),
    "archived research output": _archived("research"),
    "archived case": _archived("cases"),
}


@pytest.fixture
def office(qtbot: QtBot, sqlite_db: Database) -> MainWindow:
    load_demo(sqlite_db)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_measure_finds_two_controls_on_one_letter(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = QLabel("&Description")
    edit = QLineEdit()
    label.setBuddy(edit)
    for widget in (label, edit, QPushButton("A&dd…"), QCheckBox("Fish && &chips")):
        layout.addWidget(widget)
    hidden = QPushButton("&Chips")
    layout.addWidget(hidden)
    hidden.hide()
    assert clashes(window, "test") == {
        "test: Alt+D": ["QLabel '&Description'", "QPushButton 'A&dd…'"]
    }
    assert access_key("Fish && &chips") == "c"


def test_no_two_controls_of_a_window_share_an_access_key(
    office: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    found: dict[str, list[str]] = {}
    for spec in PAGES:
        office.show_page(spec.key)
        settle()
        found |= clashes(office, f"{spec.key} page")
    for name, open_editor in EDITORS.items():
        opened = open_editor(office)
        editor = next(opened)
        settle()
        assert editor.isVisible(), name
        found |= clashes(editor, name)
        for _rest in opened:
            pass
    assert not found, "\n".join(f"{where}: {controls}" for where, controls in sorted(found.items()))
