"""A searchable, sortable list of one kind of record, over a ``PagedTableModel``.

Projects, partners and grants share it: a search field that searches as you type, a
"Show archived" switch, a count, and a table sorted by the database when a header is
clicked.  A page adds its own buttons with ``add_button``.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.language import language_hub
from desktop.ui.widgets.paged_table_model import PagedTableModel

SEARCH_DELAY_MS = 200  # long enough not to query on every keystroke of a fast typist


class ListPage(QWidget):
    """``status_message`` carries a short sentence for the window's status bar."""

    status_message = Signal(str)

    def __init__(
        self,
        model: PagedTableModel,
        search_hint: str,
        count_text: Callable[[int], str],
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        model.setParent(self)
        self._search_hint = search_hint
        self._count_text = count_text

        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        self.archived_check = QCheckBox(self)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._buttons = QHBoxLayout()
        self._set_up_table(stretch_column)
        self._lay_out()

        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_search)
        self._search_timer.timeout.connect(self.apply_search)
        self.archived_check.toggled.connect(self.model.set_include_archived)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.load_failed.connect(self._show_load_failure)
        language_hub().language_changed.connect(self._on_language_changed)
        self._relabel_list()

    def _set_up_table(self, stretch_column: int) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        table.setSortingEnabled(True)  # sorts, that is loads, the first page
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addLayout(self._buttons)
        top.addStretch(1)
        top.addWidget(self.search_edit, 2)
        top.addWidget(self.archived_check)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

    def add_button(self, action: QAction) -> QToolButton:
        """A button for ``action`` in the row above the table (text beside its icon)."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._buttons.addWidget(button)
        return button

    def retranslate_ui(self) -> None:
        """Subclasses relabel their own widgets here; called after each language switch."""

    def _on_language_changed(self) -> None:
        self._relabel_list()
        self.model.retranslate()
        self.retranslate_ui()

    def _relabel_list(self) -> None:
        self.search_edit.setPlaceholderText(_(self._search_hint))
        self.search_edit.setAccessibleName(_("Search"))
        self.archived_check.setText(_("Show &archived"))
        self.archived_check.setToolTip(_("Also list the records that were archived."))
        self._update_count()

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_edit.text())

    def selected_row(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def reload(self, select_id: int | None = None) -> None:
        """Read the list again (after a change), selecting the record ``select_id``."""
        self.model.refresh()
        row = self.model.row_of(select_id) if select_id is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selection_changed(self) -> None:
        """Subclasses enable or relabel their actions for the selected row here."""

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selection_changed()

    def _on_model_reset(self) -> None:
        self._update_count()
        self.selection_changed()

    def _update_count(self) -> None:
        self.count_label.setText(self._count_text(self.model.total))

    def _keep_sortable_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        """A column the database cannot sort by leaves the order (and its arrow) as it was."""
        if self.model.is_sortable(column):
            return
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.blockSignals(False)

    def _show_load_failure(self, message: str) -> None:
        QMessageBox.warning(self, _("The list could not be read"), message)
