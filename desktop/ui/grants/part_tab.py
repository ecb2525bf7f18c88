"""A tab of a grant's window listing one kind of its parts (budget lines, instalments,
reporting periods), with New, Edit and Delete, Export… of the list to XLSX or CSV, and a
line of totals under the table.

A subclass names its columns and sentences, reads its rows, builds its dialog and deletes
a row through its service.
"""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _
from desktop.services.errors import ConflictError, ServiceError
from desktop.services.export import ExportColumn, RowsSource
from desktop.services.listing import ListQuery
from desktop.services.permissions import Permission
from desktop.store.database import Database
from desktop.ui.access_keys import follow_access_keys, keep_access_keys
from desktop.ui.grants.rows_model import RowsTableModel
from desktop.ui.language import language_hub
from desktop.ui.sign_in.access import may
from desktop.ui.widgets.list_export import ListExport
from desktop.ui.widgets.paged_table_model import Column
from desktop.ui.widgets.record_dialog import RecordDialog


class PartTab(QWidget):
    """``changed`` fires after a part was saved or deleted (the window's summary follows);
    ``status_message`` carries a sentence for the status line."""

    changed = Signal()
    status_message = Signal(str)

    # Untranslated sentences a subclass replaces.
    table_name = N_("List")  # what a screen reader calls the table
    new_text = N_("&New")
    new_tip = N_("Add a new one")
    read_failed_title = N_("The list could not be read")
    not_opened_title = N_("The record could not be opened")
    not_deleted_title = N_("The record was not deleted")
    saved_message = N_("The record was saved.")
    deleted_message = N_("The record was deleted.")

    def __init__(
        self,
        db: Database,
        grant_id: int,
        columns: Sequence[Column],
        stretch_column: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.grant_id = grant_id
        self.model = RowsTableModel(columns, self.read_rows)
        self.model.setParent(self)
        self.table = QTableView(self)
        self.footer = QLabel(self)
        self.footer.setWordWrap(True)
        self.footer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._buttons = QHBoxLayout()
        self._set_up_table(stretch_column)

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda: self.open_dialog(None))
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.addAction(self.new_action)
        self.table.addAction(self.edit_action)
        self.table.addAction(self.delete_action)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        for action in (self.new_action, self.edit_action, self.delete_action):
            self.add_button(action)
        self.new_action.setEnabled(may(Permission.EDIT_RECORDS))
        self.list_export = ListExport(
            self,
            self.export_columns,
            lambda: RowsSource(self.model.rows),
            ListQuery,
            lambda: self.model.rowCount(),
            lambda: _(self.table_name),
        )
        self.list_export.status_message.connect(self.status_message)
        self.export_action = self.list_export.action
        follow_access_keys(self.export_action)
        self.export_button = QToolButton(self)
        self.export_button.setDefaultAction(self.export_action)
        self._lay_out()
        language_hub().language_changed.connect(self._on_language_changed)

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
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self.selection_changed)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addLayout(self._buttons)
        top.addStretch(1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.footer)

    def add_button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._buttons.addWidget(button)
        return button

    # -- what a subclass gives -------------------------------------------------------------

    def read_rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def make_dialog(self, record_id: int | None) -> RecordDialog:
        raise NotImplementedError

    def delete_question(self, row: Any) -> str:
        """The translated question asked before deleting ``row``."""
        raise NotImplementedError

    def delete_row(self, row: Any) -> None:
        raise NotImplementedError

    def footer_text(self) -> str:
        return ""

    def export_columns(self) -> list[ExportColumn]:
        """Every column, with headers in the interface language and typed cells."""
        return [ExportColumn(_(c.title), c.export_value, c.currency) for c in self.model.columns]

    # -- labels ----------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.new_action.setText(_(self.new_text))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        # L10N: a button's tip followed by its keyboard shortcut, such as "Add a line (Ctrl+N)"
        self.new_action.setToolTip(
            _("{tip} ({shortcut})").format(tip=_(self.new_tip), shortcut=shortcut)
        )
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected row (Enter or double-click)"))
        self.delete_action.setText(_("&Delete"))
        self.delete_action.setToolTip(_("Delete the selected row (Del)"))
        keep_access_keys(self.new_action, self.edit_action, self.delete_action)
        self.list_export.retranslate()
        self.export_action.setToolTip(_("Save this list for Excel or LibreOffice"))
        self.table.setAccessibleName(_(self.table_name))
        self.footer.setText(self.footer_text())

    def _on_language_changed(self) -> None:
        self.model.retranslate()
        self.reload()
        self.retranslate_ui()

    # -- rows ------------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        """Read the rows again, keeping (or moving to) the selected record."""
        current = self.selected_row()
        keep = select_id if select_id is not None else getattr(current, "id", None)
        try:
            self.model.refresh()
        except ServiceError as error:
            QMessageBox.warning(self, _(self.read_failed_title), str(error))
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
        self.footer.setText(self.footer_text())

    def selected_row(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectRow(row)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selection_changed()

    def selection_changed(self) -> None:
        chosen = self.selected_row() is not None
        self.edit_action.setEnabled(chosen)
        self.delete_action.setEnabled(chosen and may(Permission.EDIT_RECORDS))

    # -- dialogs and deleting --------------------------------------------------------------

    def open_dialog(self, record_id: int | None) -> RecordDialog | None:
        """Open the editor (window-modal, without blocking) for a new or an existing part."""
        try:
            dialog = self.make_dialog(record_id)
        except ServiceError as error:
            QMessageBox.warning(self, _(self.not_opened_title), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def delete_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete"),
            self.delete_question(row),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.delete_row(row)
        except ServiceError as error:
            QMessageBox.warning(self, _(self.not_deleted_title), str(error))
            if isinstance(error, ConflictError):  # show what the other person saved
                self.reload()
            return
        self.reload()
        self.changed.emit()
        self.status_message.emit(_(self.deleted_message))

    def _on_saved(self, record_id: int) -> None:
        self.reload(select_id=record_id)
        self.changed.emit()
        self.status_message.emit(_(self.saved_message))
