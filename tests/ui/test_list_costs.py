"""What the list benchmarks changed in the widgets (bench/findings.md, "Lists"): the
activities filter bar reads its choices when a drop-down is first reached, not when the page
is built, and the cells' dates, numbers and amounts are formatted once per value and
language."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QFocusEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.i18n import translator_for
from desktop.i18n.formatting import format_date, format_money, format_number
from desktop.i18n.translit import contains_cyrillic
from desktop.services.activities import ActivityService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.filters import FILTERS, ActivityFilterBar
from desktop.ui.activities.page import ActivitiesPage
from desktop.ui.widgets.cell_text import date_text, money_text, number_text


def _page(qtbot: QtBot, db: Database) -> ActivitiesPage:
    page = ActivitiesPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def _choices(combo: QComboBox) -> list[str]:
    return [combo.itemText(row) for row in range(combo.count())]


def test_the_filters_offer_only_all_until_a_drop_down_is_reached(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    page = _page(qtbot, sqlite_db)
    bar = page.filter_bar

    assert [_choices(bar.combos[name]) for name, _label, _all in FILTERS] == [
        [i18n._(everything)] for _name, _label, everything in FILTERS
    ]
    assert page.model.rowCount() == 50  # the list itself is read at once

    QApplication.sendEvent(bar.combos["municipality_id"], QFocusEvent(QEvent.Type.FocusIn))
    projects = ActivityService(sqlite_db).project_choices("en")
    assert _choices(bar.combos["project_id"])[1:] == [text for _id, text in projects]
    assert len(_choices(bar.combos["municipality_id"])) == 39  # all, and the 38
    assert len(_choices(bar.combos["period_id"])) > 1


def test_a_click_or_the_wheel_reaches_a_drop_down_too(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    for reach in ("click", "wheel"):
        page = _page(qtbot, sqlite_db)
        combo = page.filter_bar.combos["activity_type_id"]
        if reach == "click":
            qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
            combo.hidePopup()
        else:
            centre = QPointF(combo.rect().center())
            QApplication.sendEvent(
                combo,
                QWheelEvent(
                    centre,
                    QPointF(combo.mapToGlobal(combo.rect().center())),
                    QPoint(),
                    QPoint(0, -120),
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                    Qt.ScrollPhase.NoScrollPhase,
                    False,
                ),
            )
        assert combo.count() > 1, reach


def test_choosing_a_filter_in_code_reads_the_choices_first(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    bar = ActivityFilterBar(sqlite_db)
    qtbot.addWidget(bar)
    [(project_id, _text), *_rest] = ActivityService(sqlite_db).project_choices("en")

    bar.choose("project_id", project_id)

    assert bar.filters().project_id == project_id
    assert bar.project_id() == project_id


def test_a_language_switch_relabels_all_before_and_the_choices_after_they_are_read(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    load_demo(sqlite_db)
    page = _page(qtbot, sqlite_db)
    bar = page.filter_bar
    serbian = translator_for("sr")

    i18n.set_language("sr")
    assert _choices(bar.combos["project_id"]) == [serbian.gettext("All projects")]

    bar.reload_choices()
    i18n.set_language("sr_Latn")
    shown = [text for combo in bar.combos.values() for text in _choices(combo)]
    assert len(shown) > 45
    assert [text for text in shown if contains_cyrillic(text)] == []


def test_a_cell_is_formatted_as_before_in_each_language() -> None:
    day, amount = date(2026, 2, 12), Decimal("1234.50")
    for language in ("en", "sq", "sr", "sr_Latn"):
        assert date_text(day, language) == format_date(day, language)
        assert number_text(12345, language) == format_number(12345, language)
        assert money_text(amount, "EUR", language) == format_money(amount, "EUR", language)
    assert number_text(12345, "en") != number_text(12345, "sq")  # "12,345", "12.345"
