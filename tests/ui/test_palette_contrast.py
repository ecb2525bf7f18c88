"""What a user on a dark (or light) desktop theme reads: error messages, captions, charts,
progress bars and marked cells keep their text readable against what they are drawn on.

The contrast is measured on the grabbed pixels where the colour comes from a style sheet or
the style (where a hard-coded colour would hide), and on the colours a model hands the view
otherwise.
"""

from collections import Counter
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QStyle,
    QStyleFactory,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.person import Gender
from desktop.domain.results import ValueStatus
from desktop.ui.activities.participants_grid import ParticipantsGrid, gender_column
from desktop.ui.grants.summary_strip import SummaryStrip
from desktop.ui.results.grid_model import SHARE_ROLE, status_colour
from desktop.ui.results.progress_delegate import ProgressDelegate
from desktop.ui.style import OutlinedIndicatorStyle, install_style
from desktop.ui.widgets.charts import BarChart, chart_colours
from desktop.ui.widgets.checkable_list import CheckableList
from desktop.ui.widgets.colours import (
    READABLE,
    VISIBLE,
    contrast_ratio,
    dark_palette,
    readable,
    semantic_colours,
    series_colours,
    use_text_colour,
)
from desktop.ui.widgets.field_error import FieldError


@pytest.fixture(params=["light", "dark"])
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The whole application on the style's own light palette, or on a dark desktop's."""
    before = QApplication.palette()
    dark = request.param == "dark"
    QApplication.setPalette(dark_palette() if dark else QApplication.style().standardPalette())
    yield request.param
    QApplication.setPalette(before)


def text_contrast(widget: QWidget) -> float:
    """Contrast between the commonest colour of the widget's pixels (its background) and
    the pixel that stands out most from it (the core of its text)."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    return max(contrast_ratio(QColor.fromRgb(pixel), background) for pixel in pixels)


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_measure_catches_the_old_hard_coded_red_on_a_dark_theme(
    qtbot: QtBot, qapp: QApplication
) -> None:
    """A label with a fixed red, as the field errors had, vanishes on a dark window: this
    is what the tests below would catch if such a colour came back."""
    before = QApplication.palette()
    QApplication.setPalette(dark_palette())
    try:
        label = shown(qtbot, QLabel("This field is required."))
        label.setStyleSheet("color: #c62828;")
        assert text_contrast(label) < READABLE
    finally:
        QApplication.setPalette(before)


def test_a_field_error_reads_on_the_theme(qtbot: QtBot, theme: str) -> None:
    error = FieldError()
    error.show_message("Give the project a title in at least one language.")
    shown(qtbot, error)
    assert text_contrast(error) >= READABLE, theme


def test_a_field_error_follows_a_switch_of_theme(qtbot: QtBot, qapp: QApplication) -> None:
    """The desktop switching to dark while a dialog is open recolours its messages."""
    before = QApplication.palette()
    error = FieldError()
    error.show_message("This field is required.")
    shown(qtbot, error)
    QApplication.setPalette(QApplication.style().standardPalette())
    light = error.palette().color(QPalette.ColorRole.WindowText)
    try:
        QApplication.setPalette(dark_palette())  # delivered through the event loop
        qtbot.waitUntil(lambda: error.palette().color(QPalette.ColorRole.WindowText) != light)
        assert text_contrast(error) >= READABLE
    finally:
        QApplication.setPalette(before)


def test_the_grant_strip_captions_read_on_the_theme(qtbot: QtBot, theme: str) -> None:
    strip = SummaryStrip()
    strip.retranslate_ui()
    shown(qtbot, strip)
    for key, caption in strip.captions.items():
        assert caption.text()
        assert caption.isEnabled(), key  # a caption, not a control a screen reader skips
        assert text_contrast(caption) >= READABLE, (theme, key)


def test_chart_text_and_bars_stand_out_on_the_theme(qtbot: QtBot, theme: str) -> None:
    palette = QApplication.palette()
    window = palette.color(QPalette.ColorRole.Window)
    colours = chart_colours(palette)
    for name in ("text", "muted", "alert"):
        assert contrast_ratio(getattr(colours, name), window) >= READABLE, (theme, name)
    for colour in colours.series:
        assert contrast_ratio(colour, window) >= VISIBLE, (theme, colour.name())
    chart = BarChart()
    chart.set_empty_text("No grant is running today.")
    shown(qtbot, chart)
    chart.resize(400, chart.sizeHint().height())
    assert text_contrast(chart) >= READABLE, theme  # the sentence of an empty chart


def test_a_progress_bar_in_the_value_grid_reads_on_the_theme(qtbot: QtBot, theme: str) -> None:
    model = QStandardItemModel(1, 1)
    item = QStandardItem("8%")
    item.setData(0.08, SHARE_ROLE)  # the text lies on the empty part of the bar
    model.setItem(0, 0, item)
    view = QTableView()
    view.setModel(model)
    view.setItemDelegateForColumn(0, ProgressDelegate(view))
    view.horizontalHeader().hide()
    view.verticalHeader().hide()
    view.setColumnWidth(0, 160)
    shown(qtbot, view)
    cell = view.viewport().grab(view.visualRect(model.index(0, 0)))
    label = QLabel()
    label.setPixmap(cell)
    label.resize(cell.size())
    assert text_contrast(shown(qtbot, label)) >= READABLE, theme


def test_value_cells_keep_their_text_readable_in_each_status(theme: str) -> None:
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    for status in ValueStatus:
        background = status_colour(status, palette)
        assert contrast_ratio(text, background) >= READABLE, (theme, status)
    # …and the statuses can still be told apart from an empty cell
    base = palette.color(QPalette.ColorRole.Base)
    for status in (ValueStatus.SUBMITTED, ValueStatus.APPROVED, ValueStatus.RETURNED):
        assert status_colour(status, palette) != base


def test_a_count_that_cannot_be_saved_is_marked_readably(qtbot: QtBot, theme: str) -> None:
    grid = shown(qtbot, ParticipantsGrid())
    grid.add_button.click()
    cell = grid.table.item(0, gender_column(Gender.FEMALE))
    cell.setText("twelve")
    text, background = cell.foreground().color(), cell.background().color()
    assert cell.background().style() != Qt.BrushStyle.NoBrush  # marked
    assert contrast_ratio(text, background) >= READABLE, theme
    base = grid.table.palette().color(QPalette.ColorRole.Base)
    assert contrast_ratio(background, base) < 2  # a tint of the list, not a glaring block
    assert text_contrast(grid.error) >= READABLE, theme


def test_semantic_colours_read_on_window_and_lists(theme: str) -> None:
    palette = QApplication.palette()
    colours = semantic_colours(palette)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        background = palette.color(role)
        for name in ("error", "warning", "success", "info", "muted"):
            assert contrast_ratio(getattr(colours, name), background) >= READABLE, (theme, name)
    assert len({colour.name() for colour in series_colours(palette)}) == 6


def test_unticked_boxes_of_a_list_show_on_the_theme(qtbot: QtBot, theme: str) -> None:
    """An unticked municipality still shows its box, or nobody knows it can be ticked."""
    choices = CheckableList()
    choices.set_choices([(1, "Graçanicë/Gračanica"), (2, "Zveçan/Zvečan")])
    shown(qtbot, choices)
    option = QStyleOptionViewItem()
    option.initFrom(choices.list)
    option.rect = choices.list.visualItemRect(choices.list.item(0))
    option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    indicator = choices.list.style().subElementRect(
        QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, choices.list
    )
    box = QLabel()
    box.setPixmap(choices.list.viewport().grab(indicator.adjusted(-2, -2, 2, 2)))
    assert text_contrast(shown(qtbot, box)) >= VISIBLE, theme


def tick_box_contrast(qtbot: QtBot, box: QCheckBox) -> float:
    """Contrast between the window and the pixel of an unticked box that stands out most."""
    shown(qtbot, box)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab(indicator).toImage().convertToFormat(QImage.Format.Format_RGB32)
    window = box.palette().color(QPalette.ColorRole.Window)
    return max(
        contrast_ratio(QColor.fromRgb(image.pixel(x, y)), window)
        for x in range(image.width())
        for y in range(image.height())
    )


def test_a_lone_check_box_shows_its_box_on_the_theme(qtbot: QtBot, theme: str) -> None:
    """ "Show archived" or "Has a deadline" on its own, outside a list: Fusion draws its box
    in nearly the window's colour on a dark theme, the application's style outlines it."""
    style = OutlinedIndicatorStyle(QStyleFactory.create("Fusion"))
    box = QCheckBox("Show archived")
    box.setStyle(style)
    assert tick_box_contrast(qtbot, box) >= VISIBLE, theme
    if theme == "dark":  # what the measure catches without the outline
        plain = QCheckBox("Show archived")
        plain.setStyle(QStyleFactory.create("Fusion"))
        assert tick_box_contrast(qtbot, plain) < VISIBLE


def test_the_application_draws_with_outlined_tick_boxes(qapp: QApplication) -> None:
    """What ``run_gui`` does on start, over the style the desktop gave."""
    current = qapp.style()  # run_gui in an earlier test may have installed it already
    proxied = isinstance(current, OutlinedIndicatorStyle)
    before = current.baseStyle().name() if proxied else current.name()
    install_style(qapp)
    install_style(qapp)
    style = qapp.style()
    assert isinstance(style, OutlinedIndicatorStyle)
    assert style.baseStyle().name() == before
    assert not isinstance(style.baseStyle(), OutlinedIndicatorStyle)


def test_contrast_ratio_and_readable_colours() -> None:
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    assert contrast_ratio(black, white) == pytest.approx(21.0)
    assert contrast_ratio(white, white) == pytest.approx(1.0)
    grey = QColor(50, 50, 50)
    deep_red = QColor(198, 40, 40)
    assert contrast_ratio(deep_red, grey) < READABLE  # the old field-error red, on dark
    assert contrast_ratio(readable(deep_red, (grey,)), grey) >= READABLE
    assert readable(deep_red, (grey,)).hslHue() == deep_red.hslHue()  # still a red


def test_only_known_meanings_colour_text(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    with pytest.raises(ValueError):
        use_text_colour(label, "base")
