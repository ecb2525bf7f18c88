"""Small charts drawn with ``QPainter``: bars with a marker, stacked bars, columns and a
strip of counts by status.

They show what a page hands them (labels and numbers already formatted in the interface
language), so one widget serves the burn rate, indicator progress and anything alike.  Colours
come from the widget's palette, so a chart reads on the light and on the dark theme alike; each
chart describes its figures to screen readers and shows a tooltip for the bar under the mouse.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.ui.widgets.colours import mix, semantic_colours, series_colours

MARGIN = 6.0


def bar_height(metrics: QFontMetrics) -> float:
    """A bar as thick as most of a line of text, so it grows with the font."""
    return round(metrics.height() * 0.8)


def swatch(metrics: QFontMetrics) -> float:
    """The side of a legend's colour square."""
    return round(metrics.height() * 0.6)


# -- colours -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartColours:
    text: QColor
    muted: QColor  # secondary text: axis labels, the value beside a bar
    track: QColor  # the empty part of a bar
    grid: QColor
    marker: QColor
    alert: QColor
    series: tuple[QColor, ...]

    @property
    def dark(self) -> bool:
        return self.text.lightness() > 128

    def of(self, index: int) -> QColor:
        return self.series[index % len(self.series)]


def chart_colours(palette: QPalette) -> ChartColours:
    """Colours for a chart on ``palette``: the series around its accent hue, lighter on a
    dark background and deeper on a light one, so each keeps its contrast."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    meanings = semantic_colours(palette)
    return ChartColours(
        text=text,
        muted=meanings.muted,
        track=mix(text, window, 0.88),
        grid=mix(text, window, 0.78),
        marker=text,
        alert=meanings.error,
        series=series_colours(palette),
    )


# -- what the charts show ------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: ``value`` is a share (1.0 fills the track; more is drawn full
    with a notch), ``marker`` a share drawn as a vertical line across the bar."""

    label: str
    value: float
    value_text: str
    marker: float | None = None
    group: str = ""  # bars of one group are drawn under its heading
    tooltip: str = ""
    alert: bool = False


@dataclass(frozen=True)
class Stack:
    """One category of a stacked chart: a value per series, and the text of its total."""

    label: str
    values: tuple[float, ...]
    total_text: str
    tooltip: str = ""
    caption: str = ""  # a second line under a column's label


@dataclass(frozen=True)
class Count:
    """One tile of a status strip."""

    label: str
    count: int
    count_text: str
    series: int | None = None  # its colour; None draws it grey, as done with
    alert: bool = False  # the figure in the alert colour


# -- the common base -------------------------------------------------------------------------


class Chart(QWidget):
    """What every chart shares: colours, an empty-state sentence, a legend, tooltips.

    Subclasses keep their figures in tuples that start empty at class level, so a palette
    or font change that arrives while the widget is being built finds them.
    """

    _empty_text = ""
    _legend: tuple[tuple[str, str, int], ...] = ()  # (kind, text, series index)

    _exposed = QRectF()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader can reach it
        self.setMouseTracking(True)
        self._hits: list[tuple[QRectF, str]] = []

    def set_empty_text(self, text: str) -> None:
        """The sentence shown instead of an empty chart."""
        self._empty_text = text
        self._changed()

    def set_legend(self, entries: Sequence[tuple[str, str, int]]) -> None:
        """Legend entries: ``("box", text, series)`` or ``("marker", text, 0)``."""
        self._legend = tuple(entries)
        self._changed()

    def colours(self) -> ChartColours:
        return chart_colours(self.palette())

    def is_empty(self) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        """The figures in words, for screen readers."""
        raise NotImplementedError

    def content_height(self, metrics: QFontMetrics) -> float:
        raise NotImplementedError

    def paint_content(self, painter: QPainter, area: QRectF, colours: ChartColours) -> None:
        raise NotImplementedError

    def _changed(self) -> None:
        self.setAccessibleDescription(self._empty_text if self.is_empty() else self.describe())
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def _legend_height(self, metrics: QFontMetrics) -> float:
        return metrics.height() + MARGIN if self._legend and not self.is_empty() else 0.0

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        if self.is_empty():
            height = metrics.height() * 2 + 2 * MARGIN
        else:
            height = self._legend_height(metrics) + self.content_height(metrics) + 2 * MARGIN
        return QSize(360, int(height + 0.5))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        self._exposed = QRectF(event.rect())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.colours()
        self._hits = []
        area = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        if self.is_empty():
            painter.setPen(colours.muted)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        metrics = painter.fontMetrics()
        legend = self._legend_height(metrics)
        if legend:
            self._paint_legend(
                painter, QRectF(area.left(), area.top(), area.width(), legend), colours
            )
        self.paint_content(painter, area.adjusted(0, legend, 0, 0), colours)
        if self.hasFocus():
            pen = QPen(colours.grid, 1, Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        painter.end()

    def _paint_legend(self, painter: QPainter, area: QRectF, colours: ChartColours) -> None:
        metrics = painter.fontMetrics()
        x = area.left()
        middle = area.top() + metrics.height() / 2
        side = swatch(metrics)
        for kind, text, series in self._legend:
            if kind == "marker":
                _draw_marker(painter, QPointF(x + side / 2, middle), metrics.height(), colours)
            else:
                painter.fillRect(QRectF(x, middle - side / 2, side, side), colours.of(series))
            x += side + 4
            painter.setPen(colours.text)
            width = metrics.horizontalAdvance(text)
            painter.drawText(
                QRectF(x, area.top(), width + 1, metrics.height()),
                Qt.AlignmentFlag.AlignVCenter,
                text,
            )
            x += width + 16

    def hit(self, rect: QRectF, tooltip: str) -> None:
        """Remember that the mouse over ``rect`` shows ``tooltip``."""
        if tooltip:
            self._hits.append((rect, tooltip))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = QPointF(event.pos())
            tip = next((text for rect, text in self._hits if rect.contains(point)), "")
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._changed()
        super().changeEvent(event)


def _draw_marker(painter: QPainter, centre: QPointF, height: float, colours: ChartColours) -> None:
    """A vertical line with a small triangle on top: "time elapsed" on a burn-rate bar."""
    top, bottom = centre.y() - height / 2, centre.y() + height / 2
    painter.setPen(QPen(colours.marker, 2))
    painter.drawLine(QPointF(centre.x(), top + 3), QPointF(centre.x(), bottom))
    triangle = QPolygonF(
        [
            QPointF(centre.x() - 4, top),
            QPointF(centre.x() + 4, top),
            QPointF(centre.x(), top + 5),
        ]
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colours.marker)
    painter.drawPolygon(triangle)


def _bold(font: QFont) -> QFont:
    bold = QFont(font)
    bold.setBold(True)
    return bold


# -- bars with a marker ----------------------------------------------------------------------


class BarChart(Chart):
    """Horizontal bars of shares, each with its label above it and its value beside it; an
    optional marker (such as the share of time elapsed) crosses each bar."""

    _bars: tuple[Bar, ...] = ()

    @property
    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = tuple(bars)
        self._changed()

    def is_empty(self) -> bool:
        return not self._bars

    def describe(self) -> str:
        return "\n".join(
            f"{bar.group + ' — ' if bar.group else ''}{bar.label}: {bar.value_text}"
            for bar in self._bars
        )

    def _groups(self) -> int:
        return len({bar.group for bar in self._bars if bar.group})

    def _row_height(self, metrics: QFontMetrics) -> float:
        return metrics.height() + 2 + bar_height(metrics) + 8

    def content_height(self, metrics: QFontMetrics) -> float:
        heading = metrics.height() + 6
        return len(self._bars) * self._row_height(metrics) + self._groups() * heading

    def paint_content(self, painter: QPainter, area: QRectF, colours: ChartColours) -> None:
        """Every bar's place and tooltip, but only the bars in the part being painted drawn:
        a large office's Dashboard lists hundreds of grants and thousands of indicators in
        a scroll area, of which a screenful is seen."""
        metrics = painter.fontMetrics()
        y = area.top()
        group = ""
        for bar in self._bars:
            if bar.group and bar.group != group:
                group = bar.group
                heading = QRectF(area.left(), y, area.width(), metrics.height() + 6)
                if heading.intersects(self._exposed):
                    self._paint_heading(painter, heading, group, colours)
                y += heading.height()
            row = QRectF(area.left(), y, area.width(), self._row_height(metrics))
            if row.intersects(self._exposed):
                self._paint_bar(painter, row, bar, colours)
            self.hit(row, bar.tooltip or f"{bar.label}: {bar.value_text}")
            y += row.height()

    def _paint_heading(
        self, painter: QPainter, heading: QRectF, group: str, colours: ChartColours
    ) -> None:
        painter.setFont(_bold(self.font()))
        painter.setPen(colours.text)
        bold = painter.fontMetrics()
        painter.drawText(
            QRectF(heading.left(), heading.top(), heading.width(), bold.height()),
            Qt.AlignmentFlag.AlignVCenter,
            bold.elidedText(group, Qt.TextElideMode.ElideRight, int(heading.width())),
        )
        painter.setFont(self.font())

    def _paint_bar(self, painter: QPainter, row: QRectF, bar: Bar, colours: ChartColours) -> None:
        metrics = painter.fontMetrics()
        value_width = metrics.horizontalAdvance(bar.value_text) + 1
        label_width = max(row.width() - value_width - 12, 20)
        painter.setPen(colours.text)
        painter.drawText(
            QRectF(row.left(), row.top(), label_width, metrics.height()),
            Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(label_width)),
        )
        painter.setPen(colours.muted)
        painter.drawText(
            QRectF(row.right() - value_width, row.top(), value_width, metrics.height()),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            bar.value_text,
        )
        track = QRectF(
            row.left(), row.top() + metrics.height() + 2, row.width(), bar_height(metrics)
        )
        _rounded(painter, track, colours.track)
        share = max(bar.value, 0.0)
        if share > 0:
            filled = QRectF(track.topLeft(), track.size())
            filled.setWidth(track.width() * min(share, 1.0))
            _rounded(painter, filled, colours.alert if bar.alert else colours.of(0))
            if share > 1.0:  # more than the whole: a notch at the end says "beyond"
                painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Window), 2))
                x = track.right() - 6
                painter.drawLine(QPointF(x, track.top() + 2), QPointF(x - 4, track.bottom() - 2))
        if bar.marker is not None:
            x = track.left() + track.width() * min(max(bar.marker, 0.0), 1.0)
            _draw_marker(painter, QPointF(x, track.center().y()), track.height() + 4, colours)


def _rounded(painter: QPainter, rect: QRectF, colour: QColor) -> None:
    path = QPainterPath()
    radius = min(rect.height(), rect.width()) / 3
    path.addRoundedRect(rect, radius, radius)
    painter.fillPath(path, colour)


# -- stacked bars, horizontal and vertical -----------------------------------------------------


class _Stacks(Chart):
    _stacks: tuple[Stack, ...] = ()
    _series: tuple[str, ...] = ()

    @property
    def stacks(self) -> tuple[Stack, ...]:
        return self._stacks

    @property
    def series(self) -> tuple[str, ...]:
        return self._series

    def set_stacks(self, series: Sequence[str], stacks: Sequence[Stack]) -> None:
        """``series`` names each value of a stack, in the order of the stacks' values."""
        self._series = tuple(series)
        self._stacks = tuple(stacks)
        self._legend = tuple(("box", name, index) for index, name in enumerate(self._series))
        self._changed()

    def is_empty(self) -> bool:
        return not self._stacks or not any(sum(stack.values) for stack in self._stacks)

    def describe(self) -> str:
        return "\n".join(self._tooltip(stack) for stack in self._stacks)

    def _tooltip(self, stack: Stack) -> str:
        return stack.tooltip or f"{stack.label}: {stack.total_text}"

    def _largest(self) -> float:
        return max((sum(stack.values) for stack in self._stacks), default=0.0) or 1.0


class StackedBarChart(_Stacks):
    """One horizontal bar per category (a municipality), its parts stacked by series
    (women, men, …), the total written at its end; categories as given (largest first)."""

    def _row_height(self, metrics: QFontMetrics) -> float:
        return max(metrics.height(), bar_height(metrics)) + 6

    def content_height(self, metrics: QFontMetrics) -> float:
        return len(self._stacks) * self._row_height(metrics)

    def paint_content(self, painter: QPainter, area: QRectF, colours: ChartColours) -> None:
        metrics = painter.fontMetrics()
        labels = max((metrics.horizontalAdvance(s.label) for s in self._stacks), default=0)
        label_width = min(labels + 8, area.width() * 0.4)
        totals = max((metrics.horizontalAdvance(s.total_text) for s in self._stacks), default=0)
        left = area.left() + label_width
        width = max(area.width() - label_width - totals - 8, 10)
        largest = self._largest()
        y = area.top()
        for stack in self._stacks:
            row = QRectF(area.left(), y, area.width(), self._row_height(metrics))
            painter.setPen(colours.text)
            painter.drawText(
                QRectF(row.left(), row.top(), label_width - 8, row.height()),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                metrics.elidedText(stack.label, Qt.TextElideMode.ElideRight, int(label_width - 8)),
            )
            x = left
            top = row.center().y() - bar_height(metrics) / 2
            for index, value in enumerate(stack.values):
                part = width * value / largest
                if part > 0:
                    painter.fillRect(QRectF(x, top, part, bar_height(metrics)), colours.of(index))
                    x += part
            painter.setPen(colours.muted)
            painter.drawText(
                QRectF(x + 4, row.top(), totals + 4, row.height()),
                Qt.AlignmentFlag.AlignVCenter,
                stack.total_text,
            )
            self.hit(row, self._tooltip(stack))
            y += row.height()


class ColumnChart(_Stacks):
    """Vertical columns (one per quarter), stacked by series, the total above each and the
    label (and an optional caption line) under it, over a light baseline."""

    PLOT_LINES = 8  # the height of the plot, in lines of text

    def content_height(self, metrics: QFontMetrics) -> float:
        captions = any(stack.caption for stack in self._stacks)
        # the totals above, the plot, the labels (and captions) under it
        return metrics.height() * (self.PLOT_LINES + (3 if captions else 2)) + 6

    def paint_content(self, painter: QPainter, area: QRectF, colours: ChartColours) -> None:
        metrics = painter.fontMetrics()
        plot = QRectF(
            area.left(),
            area.top() + metrics.height(),
            area.width(),
            metrics.height() * self.PLOT_LINES,
        )
        painter.setPen(QPen(colours.grid, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        largest = self._largest()
        slot = plot.width() / max(len(self._stacks), 1)
        column = min(slot * 0.55, 72.0)
        for number, stack in enumerate(self._stacks):
            centre = plot.left() + slot * (number + 0.5)
            y = plot.bottom()
            for index, value in enumerate(stack.values):
                part = plot.height() * value / largest
                if part > 0:
                    painter.fillRect(
                        QRectF(centre - column / 2, y - part, column, part), colours.of(index)
                    )
                    y -= part
            painter.setPen(colours.text)
            painter.drawText(
                QRectF(centre - slot / 2, y - metrics.height() - 2, slot, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                stack.total_text,
            )
            under = QRectF(centre - slot / 2, plot.bottom() + 4, slot, metrics.height())
            painter.drawText(under, Qt.AlignmentFlag.AlignCenter, stack.label)
            if stack.caption:
                painter.setPen(colours.muted)
                painter.drawText(
                    under.translated(0, metrics.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    metrics.elidedText(stack.caption, Qt.TextElideMode.ElideRight, int(slot)),
                )
            self.hit(
                QRectF(centre - slot / 2, area.top(), slot, area.height()), self._tooltip(stack)
            )


# -- counts by status ------------------------------------------------------------------------


class StatusStrip(Chart):
    """A strip split in proportion to the counts, over a row of tiles with each count in
    large figures and its label; a count that needs attention is drawn in the alert colour."""

    _counts: tuple[Count, ...] = ()

    @property
    def counts(self) -> tuple[Count, ...]:
        return self._counts

    def set_counts(self, counts: Sequence[Count]) -> None:
        self._counts = tuple(counts)
        self._changed()

    def is_empty(self) -> bool:
        return not self._counts

    def describe(self) -> str:
        return "\n".join(f"{count.label}: {count.count_text}" for count in self._counts)

    def _big(self) -> QFont:
        font = _bold(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        return font

    def content_height(self, metrics: QFontMetrics) -> float:
        return 10 + 8 + QFontMetrics(self._big()).height() + metrics.height() * 2 + 4

    def paint_content(self, painter: QPainter, area: QRectF, colours: ChartColours) -> None:
        total = sum(count.count for count in self._counts)
        strip = QRectF(area.left(), area.top(), area.width(), 10)
        _rounded(painter, strip, colours.track)
        x = strip.left()
        for count in self._counts:
            if total and count.count:
                part = strip.width() * count.count / total
                painter.fillRect(
                    QRectF(x, strip.top(), part, strip.height()), _tone(count, colours)
                )
                x += part
        metrics = painter.fontMetrics()
        big = self._big()
        big_height = QFontMetrics(big).height()
        tile_width = area.width() / max(len(self._counts), 1)
        top = strip.bottom() + 8
        for index, count in enumerate(self._counts):
            tile = QRectF(area.left() + index * tile_width, top, tile_width, area.bottom() - top)
            painter.fillRect(
                QRectF(tile.left(), tile.top() + 4, 4, big_height - 8), _tone(count, colours)
            )
            painter.setFont(big)
            painter.setPen(colours.alert if count.alert else colours.text)
            painter.drawText(
                QRectF(tile.left() + 10, tile.top(), tile.width() - 12, big_height),
                Qt.AlignmentFlag.AlignVCenter,
                count.count_text,
            )
            painter.setFont(self.font())
            painter.setPen(colours.muted)
            painter.drawText(
                QRectF(tile.left() + 10, tile.top() + big_height, tile.width() - 12,
                       metrics.height() * 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                count.label,
            )  # fmt: skip
            self.hit(tile, f"{count.label}: {count.count_text}")


def _tone(count: Count, colours: ChartColours) -> QColor:
    return colours.muted if count.series is None else colours.of(count.series)
