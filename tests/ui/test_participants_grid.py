"""The participants grid as a newcomer meets it: the community and age band cells look like
drop-downs, say how to open them, and open with a click on their arrow."""

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from desktop.domain.activity import AgeBand
from desktop.domain.person import Gender
from desktop.i18n import _
from desktop.services.activities import ParticipantLine
from desktop.services.reference import Choice
from desktop.ui.activities.participants_grid import (
    AGE_BAND,
    CODE_ROLE,
    COMMUNITY,
    ParticipantsGrid,
    arrow_rect,
    gender_column,
)
from desktop.ui.widgets.colours import contrast_ratio

COMMUNITIES = [
    Choice(1, "albanian", "Albanian"),
    Choice(2, "serb", "Serb"),
    Choice(3, "roma", "Roma"),
]


def grid_with_a_row(qtbot: QtBot) -> ParticipantsGrid:
    grid = ParticipantsGrid()
    qtbot.addWidget(grid)
    grid.set_communities(COMMUNITIES)
    grid.resize(700, 400)
    grid.show()
    qtbot.waitExposed(grid)
    grid.add_button.click()
    grid.table.setCurrentCell(-1, -1)  # nothing selected: the cells as they are drawn
    return grid


def stands_out(image: QImage) -> bool:
    """Whether some pixel of ``image`` stands out from its commonest one (its background)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(contrast_ratio(QColor.fromRgb(pixel), background) for pixel in pixels) >= 2


def test_the_choice_cells_show_a_drop_down_arrow(qtbot: QtBot) -> None:
    grid = grid_with_a_row(qtbot)
    table = grid.table
    height = table.fontMetrics().height()
    for column in (COMMUNITY, AGE_BAND, gender_column(Gender.FEMALE)):
        cell = table.visualRect(table.model().index(0, column))
        end = table.viewport().grab(arrow_rect(cell, height)).toImage()
        drawn = stands_out(end)
        assert drawn == (column != gender_column(Gender.FEMALE)), column  # counts have none


def test_a_hint_under_the_grid_says_how_to_choose(qtbot: QtBot) -> None:
    grid = grid_with_a_row(qtbot)
    assert grid.hint.isVisible()
    assert grid.hint.text() == _(
        "Double-click, click the arrow or press F2 to choose a community and an age band."
    )
    assert grid.hint.geometry().top() >= grid.table.geometry().bottom()


def test_a_click_on_the_arrow_opens_the_choices(qtbot: QtBot) -> None:
    grid = grid_with_a_row(qtbot)
    table = grid.table
    cell = table.visualRect(table.model().index(0, COMMUNITY))
    arrow = arrow_rect(cell, table.fontMetrics().height())
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=arrow.center())
    [combo] = [c for c in table.viewport().findChildren(QComboBox) if c.isVisible()]
    assert [combo.itemText(i) for i in range(combo.count())] == ["Albanian", "Serb", "Roma"]
    combo.setCurrentIndex(2)
    table.setCurrentCell(0, gender_column(Gender.FEMALE))  # Tab on: the choice is taken
    qtbot.waitUntil(lambda: table.item(0, COMMUNITY).data(CODE_ROLE) == "roma")
    assert table.item(0, COMMUNITY).text() == "Roma"
    grid.set_count(0, Gender.FEMALE, "5")
    assert grid.lines() == [ParticipantLine(Gender.FEMALE, AgeBand.UNDER_18, "roma", "5")]
