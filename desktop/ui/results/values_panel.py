"""The values of a project's indicators per reporting period of one grant, and their review.

The buttons follow the selected cell and the user's role, as the service decides: staff
enter, recalculate and submit; a manager approves, returns with a comment or reopens.  A
cell opens for editing with a double-click or Enter.  Export… writes the grid shown to
XLSX or CSV (``values_export``).
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QItemSelection, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.results import VALUE_STATUS_LABELS, ValueStatus
from desktop.i18n import _, current_language
from desktop.services.actor import Actor
from desktop.services.errors import ConflictError, ServiceError
from desktop.services.export import RowsSource
from desktop.services.listing import ListQuery
from desktop.services.results import (
    IndicatorValueService,
    PeriodColumn,
    ResultsService,
    ValueAction,
    ValueCell,
)
from desktop.store.database import Database
from desktop.ui.access_keys import keep_access_keys
from desktop.ui.language import language_hub
from desktop.ui.results.grid_model import (
    FIRST_PERIOD_COLUMN,
    INDICATOR_COLUMN,
    ValueGridModel,
    describe_cell,
    status_colour,
    status_icon,
)
from desktop.ui.results.progress_delegate import ProgressDelegate
from desktop.ui.results.value_dialog import ReturnDialog, ValueDialog
from desktop.ui.results.values_export import value_columns
from desktop.ui.widgets.list_export import ListExport


class ValuesPanel(QWidget):
    """``status_message`` carries a sentence for the status bar; ``grant_chosen(id)`` lets
    the page remember the grant."""

    status_message = Signal(str)
    grant_chosen = Signal(int)
    _built = False  # a palette change may arrive while the panel is being built

    def __init__(self, db: Database, actor: Actor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._results = ResultsService(db, actor)
        self._values = IndicatorValueService(db, actor)
        self._project_id: int | None = None

        self.grant_label = QLabel(self)
        self.grant_combo = QComboBox(self)
        self.grant_label.setBuddy(self.grant_combo)
        self.model = ValueGridModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self._progress = ProgressDelegate(self.table)
        self.detail_label = QLabel(self)
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)

        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.recalculate_action = QAction(self)
        self.recalculate_action.triggered.connect(self.recalculate_selected)
        self.submit_action = QAction(self)
        self.submit_action.triggered.connect(self.submit_selected)
        self.approve_action = QAction(self)
        self.approve_action.triggered.connect(self.approve_selected)
        self.return_action = QAction(self)
        self.return_action.triggered.connect(self.return_selected)
        self.reopen_action = QAction(self)
        self.reopen_action.triggered.connect(self.reopen_selected)
        self.submit_action.setIcon(status_icon(ValueStatus.SUBMITTED))
        self.approve_action.setIcon(status_icon(ValueStatus.APPROVED))
        self.return_action.setIcon(status_icon(ValueStatus.RETURNED))
        self.table.addAction(self.edit_action)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in self._actions().values():
            self.toolbar.addAction(action)
        self.list_export = ListExport(
            self,
            lambda: value_columns(self.model.grid),
            lambda: RowsSource(self.model.grid.lines if self.model.grid else ()),
            ListQuery,
            self.model.rowCount,
            # L10N: the suggested name of the exported grid of indicator values
            lambda: _("Indicator values"),
        )
        self.list_export.status_message.connect(self.status_message)
        self.export_action = self.list_export.action
        # beside the grant, not in the toolbar of the actions that change a value
        self.export_button = QToolButton(self)
        self.export_button.setDefaultAction(self.export_action)

        self._lay_out()
        self.grant_combo.currentIndexChanged.connect(lambda _index: self._on_grant_changed())
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        language_hub().language_changed.connect(self.retranslate_ui)
        self._relabel()
        self._built = True

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.grant_label)
        top.addWidget(self.grant_combo, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.legend)

    def _actions(self) -> dict[ValueAction, QAction]:
        return {
            ValueAction.EDIT: self.edit_action,
            ValueAction.RECALCULATE: self.recalculate_action,
            ValueAction.SUBMIT: self.submit_action,
            ValueAction.APPROVE: self.approve_action,
            ValueAction.RETURN: self.return_action,
            ValueAction.REOPEN: self.reopen_action,
        }

    def retranslate_ui(self) -> None:
        self._relabel()
        self.model.retranslate()
        self.reload()

    def _relabel(self) -> None:
        self.grant_label.setText(_("&Grant:"))
        self.grant_combo.setToolTip(_("The grant whose reporting periods are the columns"))
        self.edit_action.setText(_("E&nter value…"))
        self.edit_action.setToolTip(_("Enter or correct the selected value (Enter)"))
        self.recalculate_action.setText(_("Re&calculate"))
        self.recalculate_action.setToolTip(
            _("Write the participants counted at the period's activities as a draft")
        )
        self.submit_action.setText(_("&Submit"))
        self.submit_action.setToolTip(_("Send the value to a manager for approval"))
        self.approve_action.setText(_("&Approve"))
        self.approve_action.setToolTip(_("Approve the value; reports then use it"))
        self.return_action.setText(_("Re&turn…"))
        self.return_action.setToolTip(_("Send the value back to staff with a comment"))
        self.reopen_action.setText(_("Re&open"))
        self.reopen_action.setToolTip(_("Unlock the approved value for correction"))
        self.list_export.retranslate()
        self.export_action.setToolTip(
            _("Save the values of the grant's reporting periods for Excel or LibreOffice")
        )
        keep_access_keys(*self._actions().values(), self.export_action)
        self.table.setAccessibleName(_("Indicator values by reporting period"))
        self._show_legend()
        self._update_actions()

    def _show_legend(self) -> None:
        """A swatch of each status's colour, as the cells show it, beside its name."""
        swatches = (
            (status_colour(status, self.palette()).name(), _(VALUE_STATUS_LABELS[status]))
            for status in ValueStatus
        )
        self.legend.setText(
            "   ".join(
                f'<span style="background-color: {colour}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
                f"&nbsp;{label}"
                for colour, label in swatches
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        """A switch between a light and a dark theme recolours the legend's swatches."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._built:
            self._show_legend()

    # -- what is shown ---------------------------------------------------------------------

    def set_project(self, project_id: int | None, grant_id: int | None = None) -> None:
        """Show the project's grants, choosing ``grant_id`` (or the first); the chosen cell
        stays chosen when the grid shown is read again, else the quarter we are in is."""
        shown = self.grant_id()
        again = project_id == self._project_id and grant_id is not None and grant_id == shown
        self._project_id = project_id
        self.grant_combo.blockSignals(True)
        self.grant_combo.clear()
        if project_id is not None:
            try:
                for choice in self._results.grants(project_id):
                    self.grant_combo.addItem(choice.name, choice.id)
            except ServiceError as error:
                QMessageBox.warning(self, _("The grants could not be read"), str(error))
        self.grant_combo.setCurrentIndex(max(self.grant_combo.findData(grant_id), 0))
        self.grant_combo.blockSignals(False)
        self.reload()
        if not (again and self.grant_id() == grant_id):
            self._select_current_period()

    def grant_id(self) -> int | None:
        return self.grant_combo.currentData()

    def reload(self) -> None:
        """Read the grid again, keeping the selected cell."""
        kept = self.selected_position()
        grant_id = self.grant_id()
        grid = None
        if grant_id is not None:
            try:
                grid = self._values.grid(grant_id, current_language())
            except ServiceError as error:
                QMessageBox.warning(self, _("The values could not be read"), str(error))
        self.model.set_grid(grid)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        if self.model.columnCount():
            header.setSectionResizeMode(INDICATOR_COLUMN, QHeaderView.ResizeMode.Stretch)
            header.setSectionResizeMode(self.model.progress_column, QHeaderView.ResizeMode.Fixed)
            # Room for a bar and "100%" in the font of the day, not a fixed number of pixels.
            header.resizeSection(
                self.model.progress_column, self.fontMetrics().averageCharWidth() * 14
            )
            self.table.setItemDelegateForColumn(self.model.progress_column, self._progress)
        if kept is not None:
            self.select_cell(*kept)
        self._update_actions()

    def _on_grant_changed(self) -> None:
        self.reload()
        self._select_current_period()
        if self.grant_id() is not None:
            self.grant_chosen.emit(self.grant_id())

    def _current_period(self) -> PeriodColumn | None:
        """The quarter we are in: the one being reported (else the grid's first period)."""
        grid = self.model.grid
        if grid is None:
            return None
        return grid.current_period(date.today()) or (grid.periods[0] if grid.periods else None)

    def _select_current_period(self) -> None:
        """Start on the first indicator in the quarter we are in."""
        grid = self.model.grid
        period = self._current_period()
        if grid is not None and grid.lines and period is not None:
            self.select_cell(grid.lines[0].indicator_id, period.id)

    def select_indicator(self, indicator_id: int) -> bool:
        """Go to the indicator's value in the period already chosen (else the quarter we are
        in), so an indicator picked in the tree leads straight to the value to enter."""
        position = self.selected_position()
        period = self._current_period()
        period_id = position[1] if position is not None else period.id if period else None
        return period_id is not None and self.select_cell(indicator_id, period_id)

    def select_cell(self, indicator_id: int, period_id: int) -> bool:
        row = self.model.row_of(indicator_id)
        column = self.model.period_column(period_id)
        if row is None or column is None:
            return False
        index = self.model.index(row, column)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def selected_position(self) -> tuple[int, int] | None:
        """(indicator id, period id) of the selected cell."""
        index = self.table.currentIndex()
        line = self.model.line_at(index.row()) if index.isValid() else None
        period = self.model.period_at(index.column()) if index.isValid() else None
        return (line.indicator_id, period.id) if line and period else None

    def selected_cell(self) -> ValueCell | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.column() < FIRST_PERIOD_COLUMN:
            return None
        return self.model.cell_at(index)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        cell = self.selected_cell()
        allowed = self._values.actions(cell) if cell is not None else frozenset()
        for kind, action in self._actions().items():
            action.setEnabled(kind in allowed)
        index = self.table.currentIndex()
        period = self.model.period_at(index.column()) if index.isValid() else None
        if cell is not None and period is not None:
            self.detail_label.setText(describe_cell(cell, period))
            self.detail_label.setToolTip("")
        else:
            self.detail_label.setText(_("Select a cell to see its value and review."))

    # -- actions ---------------------------------------------------------------------------

    def edit_selected(self) -> ValueDialog | None:
        cell = self.selected_cell()
        index = self.table.currentIndex()
        line = self.model.line_at(index.row())
        period = self.model.period_at(index.column())
        if cell is None or line is None or period is None:
            return None
        if ValueAction.EDIT not in self._values.actions(cell):
            self.status_message.emit(describe_cell(cell, period))
            return None
        dialog = ValueDialog(self._db, line, period, self, self._actor)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _value_id: self._after(_("The value was saved as a draft.")))
        dialog.open()
        return dialog

    def recalculate_selected(self) -> None:
        position, cell = self.selected_position(), self.selected_cell()
        if position is None or cell is None:
            return
        self._run(
            lambda: self._values.recalculate(*position, cell.version),
            _("The value was recalculated from the activities."),
        )

    def submit_selected(self) -> None:
        cell = self.selected_cell()
        if cell is None or cell.value_id is None:
            return
        value_id, version = cell.value_id, cell.version or 0
        self._run(
            lambda: self._values.submit_value(value_id, version),
            _("The value was submitted for approval."),
        )

    def approve_selected(self) -> None:
        cell = self.selected_cell()
        if cell is None or cell.value_id is None:
            return
        value_id, version = cell.value_id, cell.version or 0
        self._run(
            lambda: self._values.approve_value(value_id, version),
            _("The value was approved."),
        )

    def return_selected(self) -> ReturnDialog | None:
        cell = self.selected_cell()
        if cell is None or cell.value_id is None:
            return None
        value_id, version = cell.value_id, cell.version or 0
        dialog = ReturnDialog(
            lambda comment: self._values.return_value(value_id, comment, version), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after(_("The value was returned to staff.")))
        dialog.rejected.connect(self.reload)
        dialog.open()
        return dialog

    def reopen_selected(self) -> None:
        cell = self.selected_cell()
        if cell is None or cell.value_id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Reopen"),
            _(
                "Reopen the approved value? It becomes a draft again and leaves the reports "
                "until it is approved once more."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        value_id, version = cell.value_id, cell.version or 0
        self._run(
            lambda: self._values.reopen_value(value_id, version),
            _("The value was reopened as a draft."),
        )

    def _run(self, change: Callable[[], object], done: str) -> None:
        try:
            change()
        except ConflictError as error:
            QMessageBox.warning(self, _("Changed by someone else"), str(error))
            self.reload()
            return
        except ServiceError as error:
            QMessageBox.warning(self, _("The value was not changed"), str(error))
            self.reload()
            return
        self._after(done)

    def _after(self, message: str) -> None:
        self.reload()
        self.status_message.emit(message)
