"""The application's style: the desktop's own (Fusion where it has none), with tick boxes
outlined so they show on every theme.

On a dark Fusion palette an unticked check box ("Show archived", a research output's
languages, "Has a deadline") is drawn in nearly the window's colour, about 1.2:1, so a
newcomer does not see that there is anything to tick.  Outlining the box in the palette's
muted text colour (readable on the window and on a list) makes it stand out at 3:1 or more
while keeping the look of the desktop.
"""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from desktop.ui.widgets.colours import semantic_colours

_OUTLINED = (QStyle.PrimitiveElement.PE_IndicatorCheckBox,)


class OutlinedIndicatorStyle(QProxyStyle):
    """The base style, with a muted outline around every check box's tick box (the boxes
    of list items too, which the common styles draw as check boxes)."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in _OUTLINED or option.rect.isEmpty():
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(semantic_colours(option.palette).muted, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.restore()


def install_style(app: QApplication) -> None:
    """Draw the whole application with outlined tick boxes over the style it starts with
    (the desktop's, or one asked for with ``-style``); calling it again changes nothing."""
    current = app.style()
    if isinstance(current, OutlinedIndicatorStyle):
        return
    app.setStyle(OutlinedIndicatorStyle(current.name()))
