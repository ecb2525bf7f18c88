"""A table of the few rows a grant has of one kind (budget lines, instalments, periods),
in the order the service gives them.

Those lists hold tens of rows, not thousands, so they are read whole; the columns are
described like those of the paged lists.
"""

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.ui.widgets.paged_table_model import ROW_ROLE, Column, column_header

AnyIndex = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], read: Callable[[], Sequence[Any]]) -> None:
        super().__init__()
        self.columns = tuple(columns)
        self._read = read
        self._rows: list[Any] = []

    def refresh(self) -> None:
        """Read the rows again (raises the service's error for the caller to show)."""
        rows = list(self._read())
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, record_id: int) -> int | None:
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return number
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return column_header(self.columns, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.value(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == ROW_ROLE:
            return row
        return None
