"""File > Recent reports: the reports written lately, newest first, each opening its PDF;
a report whose file is gone cannot be chosen; Clear list empties it."""

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop import i18n
from desktop.i18n import _
from desktop.ui import settings
from desktop.ui.main_window import MainWindow
from desktop.ui.recent_reports_menu import RecentReportsMenu
from tests.ui.conftest import MessageBoxes


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What the desktop was asked to open."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def write_report(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.7\n")
    settings.remember_report(str(path))
    return path


def menu_of(window: MainWindow) -> RecentReportsMenu:
    menu = window.file_menu.recent_reports_menu
    menu.aboutToShow.emit()  # what opening the submenu does
    return menu


def test_the_menu_lists_reports_written_since_the_window_opened(
    window: MainWindow, tmp_path: Path, opened: list[QUrl]
) -> None:
    assert menu_of(window).report_actions() == []
    first = write_report(tmp_path, "NDICI-2024-451-117-2026-Q1.pdf")
    second = write_report(tmp_path, "NDICI-2024-451-117-2026-Q2 & annex.pdf")

    actions = menu_of(window).report_actions()

    assert [action.data() for action in actions] == [str(second), str(first)]
    assert [action.text() for action in actions] == [
        "&1 NDICI-2024-451-117-2026-Q2 && annex.pdf",
        "&2 NDICI-2024-451-117-2026-Q1.pdf",
    ]
    assert all(action.isEnabled() for action in actions)
    actions[1].trigger()
    assert [url.toLocalFile() for url in opened] == [str(first)]


def test_a_report_whose_file_is_gone_cannot_be_chosen(
    window: MainWindow, tmp_path: Path, opened: list[QUrl], message_boxes: MessageBoxes
) -> None:
    kept = write_report(tmp_path, "kept.pdf")
    gone = write_report(tmp_path, "gone.pdf")
    gone.unlink()

    actions = menu_of(window).report_actions()

    assert [(action.data(), action.isEnabled()) for action in actions] == [
        (str(gone), False),
        (str(kept), True),
    ]
    assert str(gone) in actions[0].statusTip()
    window.file_menu.recent_reports_menu.open_report(gone)  # deleted while the menu was open
    assert opened == []
    [(kind, _title, text)] = message_boxes.shown
    assert kind == "warning" and str(gone) in text


def test_clear_list_empties_the_menu_and_the_saved_list(window: MainWindow, tmp_path: Path) -> None:
    write_report(tmp_path, "q1.pdf")
    write_report(tmp_path, "q2.pdf")
    menu = menu_of(window)
    [clear] = [action for action in menu.actions() if action.text() == "&Clear list"]
    assert clear.isEnabled()

    clear.trigger()

    assert settings.recent_reports() == []
    assert menu_of(window).report_actions() == []
    [clear] = [action for action in menu.actions() if action.text() == "&Clear list"]
    assert not clear.isEnabled()


def test_the_file_menu_speaks_the_chosen_language(window: MainWindow) -> None:
    english_quit = window.file_menu.quit_action.text()
    i18n.set_language("sq")
    menu = window.file_menu
    assert menu.quit_action.text() == _("&Quit") != english_quit
    assert menu.title() == _("&File")
    assert menu.open_action.text() == _("&Open database…")
    assert menu.new_action.text() == _("&New database…")
    assert menu.backup_action.text() == _("&Back up database…")
    assert menu.recent_reports_menu.title() == _("Recent &reports")
