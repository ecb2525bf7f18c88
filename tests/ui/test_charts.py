"""The QPainter charts: they draw something, say their figures to screen readers, and keep
their contrast on a light and on a dark palette."""

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPalette, QRegion
from PySide6.QtWidgets import QToolTip, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.widgets.charts import (
    Bar,
    BarChart,
    ColumnChart,
    Count,
    Stack,
    StackedBarChart,
    StatusStrip,
    chart_colours,
)

LIGHT = (QColor("#f4f4f4"), QColor("#1a1a1a"))
DARK = (QColor("#2b2b2e"), QColor("#eeeeee"))


def _palette(window: QColor, text: QColor) -> QPalette:
    palette = QPalette()
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, window)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, text)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2a82da"))
    return palette


def _painted_share(widget: QWidget) -> float:
    """The share of the widget's pixels that differ from its background."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert not image.isNull() and image.width() > 0 and image.height() > 0
    background = widget.palette().color(QPalette.ColorRole.Window).rgb()
    step = 2
    samples = [
        image.pixel(x, y) != background
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(samples) / len(samples)


def _show(qtbot: QtBot, widget: QWidget, width: int = 520) -> None:
    qtbot.addWidget(widget)
    widget.setAutoFillBackground(True)
    widget.resize(width, widget.sizeHint().height())
    widget.show()
    qtbot.waitExposed(widget)


def _bars() -> list[Bar]:
    return [
        Bar("2025/461-198 — Safer Communities", 0.45, "45% spent · 78% of the time", 0.78),
        Bar("2026/470-352 — Fewer Weapons", 1.2, "120% spent · 72% of the time", 0.72, alert=True),
        Bar("OC1.1 MCSC action plans", 0.4, "3 of 6 (40%)", group="CSK-2025-01"),
    ]


def test_each_chart_draws_its_figures(qtbot: QtBot) -> None:
    bars = BarChart()
    bars.set_legend([("box", "Spent", 0), ("marker", "Time elapsed", 0)])
    bars.set_bars(_bars())
    stacked = StackedBarChart()
    stacked.set_stacks(
        ["Women", "Men"],
        [
            _stack("Prishtinë/Priština", (231, 304), "539"),
            _stack("Gjilan/Gnjilane", (142, 154), "300"),
        ],
    )
    columns = ColumnChart()
    columns.set_stacks(
        ["Women", "Men"],
        [_stack(f"Q{n}", (n * 40, n * 50), str(n * 90), caption=f"{n} activities") for n in (1, 2)],
    )
    strip = StatusStrip()
    strip.set_counts(
        [Count("Open", 2, "2", 0), Count("Referred", 3, "3", 2), Count("Closed", 1, "1")]
    )
    for chart in (bars, stacked, columns, strip):
        _show(qtbot, chart)
        assert chart.height() == chart.sizeHint().height() > 40
        assert _painted_share(chart) > 0.03, type(chart).__name__


def test_an_empty_chart_says_so_in_words(qtbot: QtBot) -> None:
    chart = BarChart()
    chart.set_empty_text("No grant is running today.")
    _show(qtbot, chart)
    assert chart.is_empty()
    assert chart.accessibleDescription() == "No grant is running today."
    assert 0 < _painted_share(chart) < 0.2  # only the sentence

    chart.set_bars(_bars())
    assert not chart.is_empty()
    assert chart.height() > 3 * 30


def test_more_bars_make_a_taller_chart(qtbot: QtBot) -> None:
    chart = BarChart()
    chart.set_bars(_bars()[:1])
    one = chart.sizeHint().height()
    chart.set_bars(_bars())
    grouped = chart.sizeHint().height()
    assert grouped > 2 * one - 20  # two more bars and a group heading


def test_screen_readers_hear_the_figures(qtbot: QtBot) -> None:
    chart = BarChart()
    chart.set_bars(_bars())
    description = chart.accessibleDescription()
    assert "2025/461-198 — Safer Communities: 45% spent · 78% of the time" in description
    assert "CSK-2025-01 — OC1.1 MCSC action plans: 3 of 6 (40%)" in description
    strip = StatusStrip()
    strip.set_counts([Count("Open", 2, "2", 0), Count("Closed", 1, "1")])
    assert strip.accessibleDescription() == "Open: 2\nClosed: 1"


def test_the_bar_under_the_mouse_explains_itself(qtbot: QtBot) -> None:
    chart = StackedBarChart()
    chart.set_stacks(["Women", "Men"], [_stack("Prizren", (152, 176), "332", "Prizren: 332")])
    _show(qtbot, chart)
    _painted_share(chart)  # painting places the bars
    point = QPoint(chart.width() // 2, chart.height() - 12)
    qtbot.mouseMove(chart, point)
    chart.event(QHelpEvent(QEvent.Type.ToolTip, point, chart.mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "Prizren: 332"
    QToolTip.hideText()


def test_colours_keep_their_contrast_on_light_and_dark_palettes(qtbot: QtBot) -> None:
    light = chart_colours(_palette(*LIGHT))
    dark = chart_colours(_palette(*DARK))
    assert not light.dark and dark.dark
    for colours, (window, _text) in ((light, LIGHT), (dark, DARK)):
        assert len({colour.name() for colour in colours.series}) == len(colours.series)
        for colour in (*colours.series[:4], colours.alert, colours.marker):
            assert abs(colour.lightness() - window.lightness()) > 60, colour.name()
    assert dark.series[0].lightness() > light.series[0].lightness()

    chart = BarChart()
    chart.set_bars(_bars())
    chart.setPalette(_palette(*DARK))
    _show(qtbot, chart)
    assert _painted_share(chart) > 0.03


def _stack(
    label: str, values: tuple[int, ...], total: str, tooltip: str = "", caption: str = ""
) -> Stack:
    return Stack(label, values, total, tooltip, caption)


def test_a_long_bar_chart_draws_only_the_part_being_painted(qtbot: QtBot) -> None:
    """A large office's Dashboard lists thousands of indicator bars in a scroll area: a
    paint of one band draws that band's bars as a whole paint draws them, and no other,
    while every bar keeps its tooltip."""
    bars = [
        Bar(f"Indicator {number}", number % 7 / 6, f"{number % 7} of 6", group=f"P-{number // 10}")
        for number in range(400)
    ]
    chart = BarChart()
    chart.set_bars(bars)
    _show(qtbot, chart)
    whole = chart.grab().toImage()
    drawn: list[str] = []
    paint_bar = chart._paint_bar

    def counting(painter: object, row: object, bar: Bar, colours: object) -> None:
        drawn.append(bar.label)
        paint_bar(painter, row, bar, colours)  # type: ignore[arg-type]

    chart._paint_bar = counting  # type: ignore[method-assign]
    band = QRect(0, chart.height() // 2, chart.width(), 200)
    image = QImage(band.size(), whole.format())
    chart.render(image, QPoint(), QRegion(band))  # the band, drawn at the image's corner

    assert 0 < len(drawn) < 20
    assert whole.copy(band) == image
    assert len(chart._hits) == len(bars)
