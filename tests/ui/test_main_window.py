"""The main window's frame: pages in the sidebar, the About box, Quit, and what persists."""

from pytestqt.qtbot import QtBot

from desktop import __version__
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
