"""The main window's frame: pages in the sidebar, the About box, Quit, and what persists."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import __version__, i18n
from desktop.i18n import translator_for
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from tests.ui.conftest import MessageBoxes


def test_every_sidebar_entry_opens_its_page(window: MainWindow) -> None:
    for row, spec in enumerate(PAGES):
        window.sidebar.setCurrentRow(row)
        assert window.current_page_key() == spec.key
        assert window.stack.currentWidget() is window.page(spec.key)


def test_about_names_the_version(window: MainWindow, message_boxes: MessageBoxes) -> None:
    window.about_action.trigger()
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "about"
    assert __version__ in text


def test_quit_closes_the_window_and_remembers_where_it_was(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    first = MainWindow(sqlite_db)
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 500)
    first.show_page("reports")
    first.quit_action.trigger()
    assert not first.isVisible()
    assert settings.read_text(settings.LAST_PAGE) == "reports"

    second = MainWindow(sqlite_db)
    qtbot.addWidget(second)
    assert second.current_page_key() == "reports"
    assert (second.width(), second.height()) == (700, 500)


def test_ctrl_and_a_digit_goes_to_a_page(qtbot: QtBot, window: MainWindow) -> None:
    """A keyboard user changes page from anywhere in the window, without the sidebar."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_page("projects").setFocus()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "partners"
    assert window.page_actions["partners"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == PAGES[9].key

    menu = [window.page_actions[spec.key] for spec in PAGES]
    assert window.view_menu.actions()[: len(PAGES)] == menu
    assert [action.text() for action in menu] == [spec.title for spec in PAGES]
    shortcuts = [action.shortcut().toString() for action in menu]
    assert shortcuts == [f"Ctrl+{digit}" for digit in "1234567890"] + [""]


def test_the_pages_of_the_view_menu_follow_the_language(window: MainWindow) -> None:
    i18n.set_language("sq")
    translated = translator_for("sq")
    menu = window.view_menu.actions()[: len(PAGES)]
    assert [action.text() for action in menu] == [translated.gettext(spec.title) for spec in PAGES]
    assert menu[2].text() != "Partners"
