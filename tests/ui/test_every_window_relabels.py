"""Switching the language relabels every window that is open: each page of the main
window and each editor, the grant's window, the import dialog and an audit entry.

For each window the test notes every label, button, group, tab and column header whose
English text is a message of the catalog, switches to Albanian, and expects each of them
to show the catalog's Albanian (``_()`` under ``sq``), and the window's title to read as it
does when the window is opened in Albanian.  Switching back brings the English back.
"""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.i18n import translator_for
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from tests.ui.every_window import WINDOWS, Demo, columns, load, open_window, settle

Place = tuple[QWidget, str, int]  # a widget, what of it (text, title, tab, header), which one
MINIMUM_RELABELLED = 2  # "a few labels": every window has at least its buttons


@pytest.fixture
def demo(sqlite_db: Database) -> Demo:
    return load(sqlite_db)


def _places(window: QWidget) -> Iterator[tuple[Place, str]]:
    for widget in [window, *window.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            yield (widget, "text", 0), widget.text()
        if isinstance(widget, QGroupBox):
            yield (widget, "title", 0), widget.title()
        if isinstance(widget, QTabWidget):
            for tab in range(widget.count()):
                yield (widget, "tab", tab), widget.tabText(tab)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for column in range(columns(model, QModelIndex())):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    yield (widget, "header", column), header


def labels(window: QWidget) -> dict[Place, str]:
    return dict(_places(window))


def _plain(text: str) -> str:
    """Without the access key's "&", which the window may move to keep keys apart."""
    return text.replace("&", "")


def translatable(english: dict[Place, str]) -> dict[Place, str]:
    """The places showing a catalog message that Albanian translates differently."""
    sq = translator_for("sq")
    return {
        place: sq.gettext(text)
        for place, text in english.items()
        if text and sq.gettext(text) != text
    }


def assert_relabelled(window: QWidget, english: dict[Place, str]) -> None:
    expected = translatable(english)
    assert len(expected) >= MINIMUM_RELABELLED, english
    now = labels(window)
    wrong = {
        (*place[1:], english[place]): now.get(place)
        for place, albanian in expected.items()
        if _plain(now.get(place, "")) != _plain(albanian)
    }
    assert wrong == {}


def switch(qtbot: QtBot, code: str) -> None:
    i18n.set_language(code)
    settle(qtbot)


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_an_open_window_relabels_itself(qtbot: QtBot, demo: Demo, name: str) -> None:
    language_hub()
    window = open_window(qtbot, demo, name)
    english = labels(window)

    switch(qtbot, "sq")
    assert_relabelled(window, english)

    switch(qtbot, "en")
    back = labels(window)
    assert {place: _plain(back.get(place, "")) for place in english} == {
        place: _plain(text) for place, text in english.items()
    }


@pytest.mark.parametrize("name", sorted(WINDOWS))
def test_an_open_windows_title_reads_as_if_opened_in_albanian(
    qtbot: QtBot, demo: Demo, name: str
) -> None:
    language_hub()
    window = open_window(qtbot, demo, name)
    english_title = window.windowTitle()

    switch(qtbot, "sq")
    fresh = open_window(qtbot, demo, name)
    assert window.windowTitle() == fresh.windowTitle()
    fresh.close()

    switch(qtbot, "en")
    assert window.windowTitle() == english_title


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_every_page_of_the_main_window_relabels_itself(qtbot: QtBot, demo: Demo, key: str) -> None:
    window = MainWindow(demo.db)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page(key)
    settle(qtbot)
    english_title, english = window.windowTitle(), labels(page)

    window.language_actions["sq"].trigger()
    settle(qtbot)

    assert_relabelled(page, english)
    t = translator_for("sq")
    [spec] = [spec for spec in PAGES if spec.key == key]
    assert window.windowTitle() == t.gettext("{page} — CSO Desk").format(page=t.gettext(spec.title))

    window.language_actions["en"].trigger()
    settle(qtbot)
    assert window.windowTitle() == english_title
