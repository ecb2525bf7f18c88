"""The flow layout keeps its widgets on one line when there is room and wraps them when
there is not, asking for the height the extra lines need."""

from PySide6.QtWidgets import QLineEdit, QPushButton, QSizePolicy, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.flow_layout import FlowLayout

WIDTH = 100  # each button's
SPACE = 10


def bar(qtbot: QtBot, count: int = 3) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    layout = FlowLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(SPACE)
    buttons = []
    for number in range(count):
        button = QPushButton(f"Button {number}", widget)
        button.setFixedWidth(WIDTH)
        layout.addWidget(button)
        buttons.append(button)
    return widget, layout, buttons


def place(qtbot: QtBot, widget: QWidget, width: int) -> None:
    widget.resize(width, widget.layout().heightForWidth(width))
    widget.show()
    qtbot.waitExposed(widget)
    widget.layout().activate()


def test_a_wide_bar_keeps_every_widget_on_one_line(qtbot: QtBot) -> None:
    widget, layout, buttons = bar(qtbot)
    place(qtbot, widget, 3 * WIDTH + 2 * SPACE + 50)
    assert len({button.y() for button in buttons}) == 1
    assert [button.x() for button in buttons] == [0, WIDTH + SPACE, 2 * (WIDTH + SPACE)]
    assert layout.heightForWidth(1000) == buttons[0].sizeHint().height()


def test_a_narrow_bar_wraps_and_asks_for_more_height(qtbot: QtBot) -> None:
    widget, layout, buttons = bar(qtbot)
    one_line = layout.heightForWidth(1000)
    place(qtbot, widget, 2 * WIDTH + SPACE + 20)
    assert buttons[0].y() == buttons[1].y() < buttons[2].y()
    assert buttons[2].x() == 0
    assert layout.heightForWidth(2 * WIDTH + SPACE + 20) > one_line
    assert layout.heightForWidth(WIDTH) > layout.heightForWidth(2 * WIDTH + SPACE)


def test_it_is_as_narrow_as_its_widest_widget_and_as_wide_as_one_line(qtbot: QtBot) -> None:
    _widget, layout, _buttons = bar(qtbot)
    assert layout.minimumSize().width() == WIDTH
    assert layout.sizeHint().width() == 3 * WIDTH + 2 * SPACE


def test_an_expanding_widget_takes_the_spare_width_of_its_line(qtbot: QtBot) -> None:
    widget, layout, buttons = bar(qtbot, count=1)
    search = QLineEdit(widget)
    search.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    layout.addWidget(search)
    place(qtbot, widget, 800)
    assert search.x() == WIDTH + SPACE
    assert search.width() == 800 - WIDTH - SPACE
    assert buttons[0].width() == WIDTH


def test_a_hidden_widget_takes_no_room(qtbot: QtBot) -> None:
    widget, _layout, buttons = bar(qtbot)
    buttons[1].hide()
    place(qtbot, widget, 2 * WIDTH + SPACE + 20)
    assert buttons[0].y() == buttons[2].y()
    assert buttons[2].x() == WIDTH + SPACE


def test_insert_widget_puts_it_before_the_item_at_that_index(qtbot: QtBot) -> None:
    widget, layout, buttons = bar(qtbot)
    first = QPushButton("First", widget)
    layout.insertWidget(0, first)
    last = QPushButton("Last", widget)
    layout.insertWidget(-1, last)
    items = [layout.itemAt(index).widget() for index in range(layout.count())]
    assert items == [first, *buttons, last]
