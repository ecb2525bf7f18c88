"""A list of choices with a tick box each (municipalities, thematic areas), with an
optional filter field and a count of what is ticked: finding "Graçanicë" among 38
municipalities should not need the scroll bar, nor should seeing that five are chosen.
"""

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _, ngettext
from desktop.i18n.folding import fold
from desktop.ui.language import language_hub
from desktop.ui.widgets.colours import semantic_colours

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TickDelegate(QStyledItemDelegate):
    """Outlines each tick box in a colour that stands out from the list: Fusion fills an
    unticked box with the list's own background and borders it faintly (in nearly the same
    colour on a dark theme), so a newcomer may not see that the names can be ticked."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        if index.data(Qt.ItemDataRole.CheckStateRole) is None:
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, item, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(semantic_colours(option.palette).muted, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 2, 2)
        painter.restore()


class CheckableList(QWidget):
    changed = Signal()

    def __init__(self, filterable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setVisible(filterable)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.list = QListWidget(self)
        self.list.setItemDelegate(TickDelegate(self.list))
        self.count_label = QLabel(self)
        self.list.itemChanged.connect(lambda _item: self._on_changed())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        layout.addWidget(self.count_label)
        self.setFocusProxy(self.list)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.filter_edit.setPlaceholderText(_("Type to filter the list"))
        self.filter_edit.setAccessibleName(_("Filter"))
        self._update_count()

    def set_choices(self, choices: Iterable[tuple[int, str]]) -> None:
        """Replace the items (say, with names in a new language), keeping what is ticked."""
        checked = set(self.checked_ids())
        self.list.blockSignals(True)
        self.list.clear()
        for choice_id, name in choices:
            item = QListWidgetItem(name, self.list)
            item.setData(ID_ROLE, choice_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if choice_id in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self.list.blockSignals(False)
        self._apply_filter(self.filter_edit.text())
        self._update_count()

    def choice_text(self, choice_id: int) -> str | None:
        """The name shown for ``choice_id``; ``None`` if it is not among the choices."""
        return next(
            (item.text() for item in self._items() if item.data(ID_ROLE) == choice_id), None
        )

    def checked_ids(self) -> list[int]:
        return [
            item.data(ID_ROLE)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def set_checked_ids(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        for item in self._items():
            checked = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _on_changed(self) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        count = len(self.checked_ids())
        # L10N: under a list of tick boxes, such as the municipalities of a project
        text = ngettext("{count} selected", "{count} selected", count)
        self.count_label.setText(text.format(count=count))

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def _apply_filter(self, text: str) -> None:
        words = fold(text).split()
        for item in self._items():
            name = fold(item.text())
            item.setHidden(not all(word in name for word in words))
