"""A layout that sets its widgets side by side and wraps them onto further lines when the
window is too narrow for one, so a bar of filters or buttons never forces a wide window.

A port of Qt's flow-layout example, with two additions a toolbar-like row needs: a widget
that expands horizontally (a search field, a container with a stretch) shares the spare
width of its line, as it would in a ``QHBoxLayout``; and the widgets of a line are centred
on its height, so a label, a combo box and a button of different heights line up.

Put a caption and its field in one small container widget to keep them on one line.
"""

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    """Lines of items, each item at its preferred width (never less than its minimum, never
    more than the layout's width), as many per line as fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        # Lines worked out per width until the layout is invalidated: Qt asks a layout's
        # height for a width dozens of times while a page is first laid out (84 times
        # for the Activities page's two bars), each walk asking every item its size.
        self._lines: dict[int, list[list[tuple[QLayoutItem, int]]]] = {}
        self._heights: dict[int, int] = {}

    def invalidate(self) -> None:
        self._forget()
        super().invalidate()

    def _forget(self) -> None:
        self._lines.clear()
        self._heights.clear()

    # -- the item list -------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self._forget()

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put ``widget`` before the item at ``index``; at the end when ``index`` is negative,
        as in a ``QBoxLayout``."""
        self.addWidget(widget)
        if 0 <= index < len(self._items) - 1:
            self._items.insert(index, self._items.pop())
            self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        self._forget()
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # -- sizes ---------------------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), move=False)
        return height

    def sizeHint(self) -> QSize:
        """Every item on one line: what a wide window shows."""
        items = self._shown()
        width = sum(_preferred(item).width() for item in items)
        width += self.horizontal_spacing() * max(len(items) - 1, 0)
        height = max((_preferred(item).height() for item in items), default=0)
        return _grown(QSize(width, height), self.contentsMargins())

    def minimumSize(self) -> QSize:
        """As narrow as the widest item: every item on a line of its own."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return _grown(size, self.contentsMargins())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def horizontal_spacing(self) -> int:
        return self._spacing(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def vertical_spacing(self) -> int:
        return self._spacing(QStyle.PixelMetric.PM_LayoutVerticalSpacing)

    def _spacing(self, metric: QStyle.PixelMetric) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        parent = self.parent()
        if isinstance(parent, QWidget):
            return parent.style().pixelMetric(metric, None, parent)
        if isinstance(parent, QLayout):
            return parent.spacing()
        return -1

    # -- placing -------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def lines(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """The items of each line with the width each gets, for a layout ``width`` wide."""
        known = self._lines.get(width)
        if known is None:
            known = self._lines[width] = self._line_up(width)
        return known

    def _line_up(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        margins = self.contentsMargins()
        room = max(width - margins.left() - margins.right(), 0)
        space = max(self.horizontal_spacing(), 0)
        lines: list[list[tuple[QLayoutItem, int]]] = []
        used = 0
        for item in self._shown():
            wanted = max(min(_preferred(item).width(), room), item.minimumSize().width())
            if lines and lines[-1] and used + space + wanted <= room:
                lines[-1].append((item, wanted))
                used += space + wanted
            else:
                lines.append([(item, wanted)])
                used = wanted
        return [_share_spare(line, room - _used(line, space)) for line in lines]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in ``rect`` (when ``move``); the height they take either way."""
        margins = self.contentsMargins()
        hspace = max(self.horizontal_spacing(), 0)
        vspace = max(self.vertical_spacing(), 0)
        x0 = rect.x() + margins.left()
        y = rect.y() + margins.top()
        for number, line in enumerate(self.lines(rect.width())):
            if number:
                y += vspace
            height = max(_preferred(item).height() for item, _width in line)
            x = x0
            for item, width in line:
                item_height = min(_preferred(item).height(), item.maximumSize().height())
                if move:
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                x += width + hspace
            y += height
        return y - rect.y() + margins.bottom()


def _preferred(item: QLayoutItem) -> QSize:
    return item.sizeHint().expandedTo(item.minimumSize())


def _grown(size: QSize, margins: QMargins) -> QSize:
    return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())


def _used(line: list[tuple[QLayoutItem, int]], space: int) -> int:
    return sum(width for _item, width in line) + space * (len(line) - 1)


def _share_spare(line: list[tuple[QLayoutItem, int]], spare: int) -> list[tuple[QLayoutItem, int]]:
    """Give the spare width of a line to its horizontally expanding items, in equal parts
    (each up to its maximum)."""
    growing = [
        index
        for index, (item, _width) in enumerate(line)
        if item.expandingDirections() & Qt.Orientation.Horizontal
    ]
    if spare <= 0 or not growing:
        return line
    shared = list(line)
    for rank, index in enumerate(growing):
        item, width = shared[index]
        part = spare // (len(growing) - rank)
        grown = min(width + part, max(item.maximumSize().width(), width))
        spare -= grown - width
        shared[index] = (item, grown)
    return shared
