"""The value grid as a table: one row per indicator, one column per reporting period, and
the progress towards each indicator's target.

A cell shows its value; its colour and icon say where the value stands in the review
(draft, submitted, approved, returned), so a manager sees at a glance what waits for them.
An empty cell of an indicator that counts participants offers the figure counted from the
activities, greyed, until someone writes it.
"""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QIconEngine, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication, QStyle

from desktop.domain.results import PARTICIPANT_ROLLUP_LABELS, VALUE_STATUS_LABELS, ValueStatus
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date, format_number, format_ratio
from desktop.services.results import IndicatorLine, PeriodColumn, ValueCell, ValueGrid
from desktop.ui.widgets.colours import semantic_colours

AnyIndex = QModelIndex | QPersistentModelIndex
CELL_ROLE = Qt.ItemDataRole.UserRole + 1  # the ValueCell behind a period column
LINE_ROLE = Qt.ItemDataRole.UserRole + 2  # the IndicatorLine of the row
SHARE_ROLE = Qt.ItemDataRole.UserRole + 3  # progress towards the target, 0..1 (float)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

# The meaning whose tint colours a cell of each status (see ``status_colour``).
STATUS_MEANINGS = {
    ValueStatus.DRAFT: "muted",
    ValueStatus.SUBMITTED: "info",
    ValueStatus.APPROVED: "success",
    ValueStatus.RETURNED: "warning",
}
INDICATOR_COLUMN, TARGET_COLUMN, FIRST_PERIOD_COLUMN = 0, 1, 2


def number(value: Decimal | None) -> str:
    return "" if value is None else format_number(value.normalize(), current_language())


def status_colour(status: ValueStatus, palette: QPalette) -> QColor:
    """The background of a cell in ``status``: a tint of its meaning, under which the
    palette's text stays readable on a light and on a dark theme."""
    colours = semantic_colours(palette)
    return colours.tint(getattr(colours, STATUS_MEANINGS[status]))


class _ArrowEngine(QIconEngine):
    """An arrow (sent on, sent back) drawn in the palette's text colour at whatever size
    and pixel density it is asked for: the style's own arrows are black on a dark theme."""

    def __init__(self, forward: bool) -> None:
        super().__init__()
        self._forward = forward

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Active
        )
        colour = QApplication.palette().color(group, QPalette.ColorRole.Text)
        side = min(rect.width(), rect.height()) * 0.6
        centre = QPointF(rect.center()) + QPointF(0.5, 0.5)
        tip, back = (side / 2, -side / 2) if self._forward else (-side / 2, side / 2)
        arrow = QPolygonF(
            [
                centre + QPointF(back, -side / 2),
                centre + QPointF(tip, 0),
                centre + QPointF(back, side / 2),
            ]
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(arrow)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _ArrowEngine(self._forward)


def status_icon(status: ValueStatus | None) -> QIcon:
    if status == ValueStatus.APPROVED:
        return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
    if status in (ValueStatus.SUBMITTED, ValueStatus.RETURNED):
        return QIcon(_ArrowEngine(forward=status == ValueStatus.SUBMITTED))
    return QIcon()


def describe_cell(cell: ValueCell, period: PeriodColumn) -> str:
    """What a cell holds, in sentences: for the tooltip, a screen reader and the detail line."""
    language = current_language()
    parts = []
    if cell.status is None:
        # L10N: an empty cell of the value grid; {period} is such as "2026-Q3"
        parts.append(_("{period}: no value entered.").format(period=period.label))
    else:
        # L10N: {period} such as "2026-Q3", {value} a number, {status} such as "Approved"
        parts.append(
            _("{period}: {value}, {status}.").format(
                period=period.label,
                value=number(cell.value),
                status=_(VALUE_STATUS_LABELS[cell.status]),
            )
        )
    if cell.reviewed_by and cell.reviewed_at is not None:
        parts.append(
            _("Reviewed by {name} on {date}.").format(
                name=cell.reviewed_by, date=format_date(cell.reviewed_at.date(), language)
            )
        )
    if cell.comment:
        # L10N: the comment written with an indicator value, such as a manager's reason
        parts.append(_("Comment: {comment}").format(comment=cell.comment))
    if cell.rolled_up is not None:
        parts.append(
            _("Counted from the activities: {value}.").format(value=number(cell.rolled_up.value))
        )
        incomplete = cell.rolled_up.incomplete_activities
        if incomplete:
            parts.append(
                ngettext(
                    "{count} activity of the period has participants not fully broken down.",
                    "{count} activities of the period have participants not fully broken down.",
                    incomplete,
                ).format(count=incomplete)
            )
    return " ".join(parts)


class ValueGridModel(QAbstractTableModel):
    """Call ``set_grid`` with what the service returned; ``clear`` for no grant."""

    HEADERS = (N_("Indicator"), N_("Target"))
    PROGRESS_HEADER = N_("Progress")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: ValueGrid | None = None

    @property
    def grid(self) -> ValueGrid | None:
        return self._grid

    def set_grid(self, grid: ValueGrid | None) -> None:
        self.beginResetModel()
        self._grid = grid
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # -- where things are ------------------------------------------------------------------

    @property
    def progress_column(self) -> int:
        return FIRST_PERIOD_COLUMN + len(self._periods())

    def period_column(self, period_id: int) -> int | None:
        for offset, period in enumerate(self._periods()):
            if period.id == period_id:
                return FIRST_PERIOD_COLUMN + offset
        return None

    def period_at(self, column: int) -> PeriodColumn | None:
        periods = self._periods()
        offset = column - FIRST_PERIOD_COLUMN
        return periods[offset] if 0 <= offset < len(periods) else None

    def row_of(self, indicator_id: int) -> int | None:
        lines = self._grid.lines if self._grid else ()
        return next((n for n, line in enumerate(lines) if line.indicator_id == indicator_id), None)

    def line_at(self, row: int) -> IndicatorLine | None:
        lines = self._grid.lines if self._grid else ()
        return lines[row] if 0 <= row < len(lines) else None

    def cell_at(self, index: AnyIndex) -> ValueCell | None:
        line = self.line_at(index.row()) if index.isValid() else None
        offset = index.column() - FIRST_PERIOD_COLUMN
        if line is None or not 0 <= offset < len(line.cells):
            return None
        return line.cells[offset]

    def _periods(self) -> tuple[PeriodColumn, ...]:
        return self._grid.periods if self._grid else ()

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else len(self._grid.lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._grid is None else self.progress_column + 1

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        period = self.period_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if period is not None:
                return period.label
            if section == self.progress_column:
                return _(self.PROGRESS_HEADER)
            return _(self.HEADERS[section]) if section < len(self.HEADERS) else None
        if role == Qt.ItemDataRole.ToolTipRole and period is not None:
            language = current_language()
            # L10N: the dates of a reporting period, in a column header's tooltip
            return _("{start} – {end}").format(
                start=format_date(period.start_date, language),
                end=format_date(period.end_date, language),
            )
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        if role == LINE_ROLE:
            return line
        column = index.column()
        if column == INDICATOR_COLUMN:
            return self._indicator_data(line, role)
        if column == TARGET_COLUMN:
            return self._target_data(line, role)
        if column == self.progress_column:
            return self._progress_data(line, role)
        cell = self.cell_at(index)
        period = self.period_at(column)
        return self._cell_data(cell, period, role) if cell and period else None

    @staticmethod
    def _indicator_data(line: IndicatorLine, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            # L10N: an indicator in the grid: its code and its name
            return _("{code} {name}").format(code=line.code, name=line.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(
                part
                for part in (
                    line.name,
                    _("Unit: {unit}").format(unit=line.unit) if line.unit else "",
                    _(PARTICIPANT_ROLLUP_LABELS[line.rollup]),
                )
                if part
            )
        return None

    @staticmethod
    def _target_data(line: IndicatorLine, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return number(line.target)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Baseline {baseline}, target {target}").format(
                baseline=number(line.baseline) or "0", target=number(line.target) or "—"
            )
        return None

    @staticmethod
    def _progress_data(line: IndicatorLine, role: int) -> Any:
        share = line.share_of_target
        if role == SHARE_ROLE:
            return float(share) if share is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return format_ratio(share, current_language()) if share is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{cumulative} of {target}, counting approved values only").format(
                cumulative=number(line.cumulative) or number(line.baseline) or "0",
                target=number(line.target) or "—",
            )
        return None

    @staticmethod
    def _cell_data(cell: ValueCell, period: PeriodColumn, role: int) -> Any:
        offered = cell.status is None and cell.rolled_up is not None
        incomplete = cell.rolled_up is not None and cell.rolled_up.incomplete_activities > 0
        if role == CELL_ROLE:
            return cell
        if role == Qt.ItemDataRole.DisplayRole:
            if offered:
                return number(cell.rolled_up.value)  # type: ignore[union-attr]
            return number(cell.value)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe_cell(cell, period)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and cell.status is not None:
            return status_colour(cell.status, QApplication.palette())
        if role == Qt.ItemDataRole.DecorationRole:
            if incomplete:
                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            return status_icon(cell.status)
        if role == Qt.ItemDataRole.FontRole and offered:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and offered:
            return semantic_colours(QApplication.palette()).muted  # readable, yet quieter
        return None
