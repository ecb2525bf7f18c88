"""A list's title column stays readable in a narrow window: it keeps room for about 24
characters and the table scrolls sideways, instead of shrinking to a few letters next to
columns that keep the width of their contents; in a wide window it takes the spare width."""

from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.navigation import PAGES
from desktop.ui.widgets.column_widths import TITLE_CHARACTERS
from desktop.ui.widgets.list_page import ListPage


def _activities(qtbot: QtBot, db: Database, width: int) -> ListPage:
    load_demo(db)
    i18n.set_language("sq")
    [spec] = [spec for spec in PAGES if spec.key == "activities"]
    page = spec.build(db)
    assert isinstance(page, ListPage)
    qtbot.addWidget(page)
    page.resize(width, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    qtbot.wait(50)
    return page


def test_a_narrow_window_scrolls_sideways_rather_than_squeeze_the_title(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    page = _activities(qtbot, sqlite_db, 620)
    table = page.table
    title = table.horizontalHeader().sectionSize(page.title_column)
    assert title >= table.fontMetrics().averageCharWidth() * TITLE_CHARACTERS
    assert table.horizontalScrollBar().maximum() > 0


def test_a_wide_window_gives_the_title_the_spare_width(qtbot: QtBot, sqlite_db: Database) -> None:
    page = _activities(qtbot, sqlite_db, 1400)
    table = page.table
    header = table.horizontalHeader()
    shown = [column for column in range(header.count()) if not header.isSectionHidden(column)]
    assert sum(header.sectionSize(column) for column in shown) == table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(page.title_column) > (
        table.fontMetrics().averageCharWidth() * TITLE_CHARACTERS
    )
