"""Every page fits an office laptop: 1366×768 at 125 % leaves about 1090 logical pixels,
less the sidebar, so no page may need more than 620 pixels in any language. The filter
bars wrap to get there, and on a wide screen they still take one line each."""

import pytest
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.navigation import PAGES
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.list_page import ListPage

NARROWEST = 620
WIDE = (1400, 800)  # a page's room in a 1600-wide window


@pytest.mark.parametrize("language", ["en", "sq", "sr", "sr_Latn"])
def test_no_page_needs_more_than_620_pixels(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    load_demo(sqlite_db)
    i18n.set_language(language)
    widths = {}
    for spec in PAGES:
        page = spec.build(sqlite_db)
        qtbot.addWidget(page)
        widths[spec.key] = page.minimumSizeHint().width()
    assert {key: width for key, width in widths.items() if width > NARROWEST} == {}


@pytest.mark.parametrize("language", ["en", "sq"])
def test_a_wide_page_keeps_its_buttons_search_and_filters_on_one_line_each(
    qtbot: QtBot, sqlite_db: Database, language: str
) -> None:
    load_demo(sqlite_db)
    i18n.set_language(language)
    for spec in PAGES:
        page = spec.build(sqlite_db)
        if not isinstance(page, ListPage):
            page.deleteLater()
            continue
        qtbot.addWidget(page)
        page.resize(*WIDE)
        page.show()
        qtbot.waitExposed(page)
        bars = page.findChildren(FlowLayout)
        assert len(bars) >= 2, spec.key
        qtbot.waitUntil(lambda bars=bars: all(bar.geometry().width() > 0 for bar in bars))
        for bar in bars:
            assert len(bar.lines(bar.geometry().width())) == 1, spec.key
        assert page.search_edit.width() > page.search_edit.minimumWidth(), spec.key


def test_a_narrow_page_wraps_its_filters_without_hiding_any(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    [spec] = [spec for spec in PAGES if spec.key == "activities"]
    page = spec.build(sqlite_db)
    qtbot.addWidget(page)
    page.resize(NARROWEST, 600)
    page.show()
    qtbot.waitExposed(page)
    combos = list(page.filter_bar.combos.values())
    assert len({combo.mapTo(page, combo.rect().topLeft()).y() for combo in combos}) > 1
    for combo in combos:
        right = combo.mapTo(page, combo.rect().topRight()).x()
        assert combo.isVisible() and combo.width() > 0 and right < page.width()
