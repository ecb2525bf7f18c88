"""A searchable, filterable, sortable list of one kind of record, over a ``PagedTableModel``.

Every list shares it: a search field that searches as you type, a "Show archived" switch,
a count, a table sorted by the database when a header is clicked, a choice of columns
(right-click a header, or the Columns button) remembered per page, and "Export…" of the
list as it stands (search, filters, sort; every matching row) to XLSX or CSV (``list_export``).

A page adds its own buttons with ``add_button`` and its filters with ``add_filter``::

    self.add_filter("status", N_("&Status"), lambda: [(s.value, _(label)) for s, label in
                    PROJECT_STATUS_LABELS.items()])

and names its exported file with the class attribute ``export_name``.
"""

from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, ngettext
from desktop.services.export import ExportColumn, ListSource
from desktop.services.listing import ListQuery
from desktop.ui import settings
from desktop.ui.access_keys import follow_access_keys
from desktop.ui.language import language_hub
from desktop.ui.progress import ProgressRun
from desktop.ui.widgets.column_widths import ColumnWidths
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.list_export import ListExport
from desktop.ui.widgets.paged_table_model import PagedTableModel
from desktop.ui.widgets.record_dialog import without_mnemonic

SEARCH_DELAY_MS = 200  # long enough not to query on every keystroke of a fast typist


def _widgets_in(layout: QLayout | None) -> Iterator[QWidget]:
    """The widgets of ``layout`` and its nested layouts, in the order they are laid out."""
    if layout is None:
        return
    for index in range(layout.count()):
        item = layout.itemAt(index)
        widget = item.widget()
        if widget is not None and widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            yield from _widgets_in(widget.layout())  # a bar of its own, such as filters
        elif widget is not None:
            yield widget
        elif item.layout() is not None:
            yield from _widgets_in(item.layout())


def _bar(parent: QWidget, layout: QLayout) -> QWidget:
    """A widget holding ``layout``, which a ``FlowLayout`` keeps on one line; it takes no
    focus, so the tab order walks into it."""
    bar = QWidget(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    bar.setLayout(layout)
    return bar


FILTER_CHARACTERS = 26
SEARCH_CHARACTERS = 20


class ListPage(QWidget):
    """``status_message`` carries a short sentence for the window's status bar."""

    status_message = Signal(str)
    export_name = N_("List")  # the exported file's suggested name and sheet title

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
        # room for a few words of the hint in any font size; it grows when there is room
        self.search_edit.setMinimumWidth(self.fontMetrics().averageCharWidth() * SEARCH_CHARACTERS)
        self.archived_check = QCheckBox(self)
        self.count_label = QLabel(self)
        self.table = QTableView(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._buttons = QHBoxLayout()
        self._filter_row = FlowLayout()
        self._filters: list[tuple[str, QLabel, str, QComboBox, Callable, str]] = []
        self.filter_combos: dict[str, QComboBox] = {}
        self.columns_button = QToolButton(self)
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_button.setMenu(QMenu(self.columns_button))
        self.columns_button.menu().aboutToShow.connect(self._fill_columns_menu)
        self._list_export = ListExport(
            self,
            self.export_columns,
            self.export_source,
            self.export_query,
            lambda: self.model.total,
            lambda: _(self.export_name),
        )
        self._list_export.status_message.connect(self.status_message)
        self.export_action = self._list_export.action
        self.export_button = QToolButton(self)
        follow_access_keys(self.export_action)
        self.export_button.setDefaultAction(self.export_action)
        self._set_up_table(stretch_column)
        self._restore_hidden_columns()
        self._lay_out()

        self.search_edit.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.apply_search)
        self._search_timer.timeout.connect(self.apply_search)
        self.archived_check.toggled.connect(self.model.set_include_archived)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.total_changed.connect(self._update_count)
        self.model.rowsInserted.connect(self._on_rows_inserted)
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
        table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.title_column = stretch_column
        # The columns fit the texts of the rows in sight, measured once per change, not
        # through Qt's ResizeToContents (column_widths.py says why).
        self.column_widths = ColumnWidths(table, self.model, stretch_column)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        header.sortIndicatorChanged.connect(self._keep_sortable_indicator)
        table.setSortingEnabled(True)  # sorts, that is loads, the first page
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_header_menu)

    def _lay_out(self) -> None:
        """Two rows that wrap in a narrow window: the buttons, then the search and the
        archived switch; the filters, then the Columns and Export buttons at the right."""
        top = FlowLayout()
        top.addWidget(_bar(self, self._buttons))
        search = QHBoxLayout()
        search.addStretch(1)
        search.addWidget(self.search_edit, 2)
        search.addWidget(self.archived_check)
        top.addWidget(_bar(self, search))
        tools = QHBoxLayout()
        tools.addStretch(1)
        tools.addWidget(self.columns_button)
        tools.addWidget(self.export_button)
        self._filter_row.addWidget(_bar(self, tools))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self._filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab through the page as it reads: the buttons, the search, the filters, the
        table — whatever order a page added its buttons and filters in (a page that adds
        a bar of its own to the layout calls this again)."""
        widgets = [
            widget
            for widget in _widgets_in(self.layout())
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        for first, second in pairwise(widgets):
            QWidget.setTabOrder(first, second)

    def add_button(self, action: QAction) -> QToolButton:
        """A button for ``action`` in the row above the table (text beside its icon)."""
        button = QToolButton(self)
        follow_access_keys(action)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._buttons.addWidget(button)
        self.order_tabs()
        return button

    def add_filter(
        self,
        name: str,
        label: str,
        choices: Callable[[], Iterable[tuple[Any, str]]],
        all_text: str = N_("All"),
    ) -> QComboBox:
        """A combo box in the filter bar that sets the service's filter ``name``.

        ``label`` and ``all_text`` are untranslated messages; ``choices()`` gives
        ``(value, translated text)`` pairs and is asked again after a language switch.
        """
        combo = QComboBox(self)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # A long choice ("Mitrovicë e Veriut/Severna Mitrovica") is shortened in the closed
        # box, not allowed to widen the whole window; its list shows it whole.
        combo.setMaximumWidth(self.fontMetrics().averageCharWidth() * FILTER_CHARACTERS)
        caption = QLabel(self)
        caption.setBuddy(combo)
        self._filters.append((name, caption, label, combo, choices, all_text))
        self.filter_combos[name] = combo
        pair = QHBoxLayout()  # a caption never wraps away from its drop-down
        pair.addWidget(caption)
        pair.addWidget(combo)
        self._filter_row.insertWidget(self._filter_row.count() - 1, _bar(self, pair))
        self.order_tabs()
        self._fill_filter(name)
        combo.currentIndexChanged.connect(
            lambda _index: self.model.set_filter(name, combo.currentData())
        )
        return combo

    def _fill_filter(self, name: str) -> None:
        for key, caption, label, combo, choices, all_text in self._filters:
            if key != name:
                continue
            caption.setText(_(label))
            combo.setAccessibleName(without_mnemonic(caption.text()))
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_(all_text), None)
            for value, text in choices():
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)

    def set_filter(self, name: str, value: Any) -> None:
        """Choose ``value`` in the filter ``name`` (``None``: all), as the user would."""
        combo = self.filter_combos[name]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def retranslate_ui(self) -> None:
        """Subclasses relabel their own widgets here; called after each language switch."""

    def _on_language_changed(self) -> None:
        self._relabel_list()
        self.model.retranslate()
        self.retranslate_ui()

    def _relabel_list(self) -> None:
        self.search_edit.setPlaceholderText(_(self._search_hint))
        self.search_edit.setAccessibleName(_("Search"))
        self.archived_check.setText(_("Sho&w archived"))
        self.archived_check.setToolTip(_("Also list the records that were archived."))
        self.columns_button.setText(_("Co&lumns"))
        self.columns_button.setToolTip(_("Choose the columns this list shows"))
        self._list_export.retranslate()
        for name, *_rest in self._filters:
            self._fill_filter(name)
        self._update_count()

    # -- columns ---------------------------------------------------------------------------

    def _settings_key(self) -> str:
        return f"lists/{type(self).__name__}/hidden_columns"

    def hidden_columns(self) -> list[int]:
        header = self.table.horizontalHeader()
        return [c for c in range(self.model.columnCount()) if header.isSectionHidden(c)]

    def set_column_visible(self, column: int, visible: bool) -> None:
        """Show or hide a column (never the last one shown) and remember the choice."""
        header = self.table.horizontalHeader()
        shown = self.model.columnCount() - len(self.hidden_columns())
        if not visible and shown <= 1 and not header.isSectionHidden(column):
            return
        header.setSectionHidden(column, not visible)
        if visible:
            self.column_widths.fit()  # its width was kept from rows no longer shown
        titles = [self.model.columns[c].title for c in self.hidden_columns()]
        settings.write(self._settings_key(), titles)

    def _restore_hidden_columns(self) -> None:
        value = settings.app_settings().value(self._settings_key())
        hidden = {value} if isinstance(value, str) else set(value or [])
        header = self.table.horizontalHeader()
        for number, column in enumerate(self.model.columns):
            header.setSectionHidden(number, column.title in hidden)
        if len(self.hidden_columns()) == self.model.columnCount():
            header.setSectionHidden(0, False)

    def _fill_columns_menu(self, menu: QMenu | None = None) -> QMenu:
        menu = menu or self.columns_button.menu()
        menu.clear()
        hidden = set(self.hidden_columns())
        for number, column in enumerate(self.model.columns):
            action = menu.addAction(_(column.title))
            action.setCheckable(True)
            action.setChecked(number not in hidden)
            action.toggled.connect(
                lambda checked, number=number: self.set_column_visible(number, checked)
            )
        return menu

    def _show_header_menu(self, position: QPoint) -> None:
        menu = self._fill_columns_menu(QMenu(self))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    # -- export ----------------------------------------------------------------------------

    def export_columns(self) -> list[ExportColumn]:
        """The columns shown, in the order shown, with headers in the interface language."""
        header = self.table.horizontalHeader()
        order = sorted(range(self.model.columnCount()), key=header.visualIndex)
        shown = [self.model.columns[c] for c in order if not header.isSectionHidden(c)]
        return [ExportColumn(_(c.title), c.export_value, c.currency) for c in shown]

    def export_source(self) -> ListSource:
        """What the export reads: the list's own service, unless a page exports more."""
        return self.model.source

    def export_query(self) -> ListQuery:
        """The list's query with the search typed so far, not only the one applied."""
        self.apply_search()
        return self.model.query

    def choose_export_file(self) -> Path | None:
        return self._list_export.choose_file()

    def export(self) -> ProgressRun | None:
        """Ask for a file and write the whole list to it in the background."""
        return self._list_export.export()

    def apply_search(self) -> None:
        """Show the rows matching the search field: one page query, then the count in the
        background; a column widens for a wider text but never narrows while typing."""
        self._search_timer.stop()
        self.column_widths.grow_only = True
        try:
            self.model.set_search(self.search_edit.text())
        finally:
            self.column_widths.grow_only = False

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

    def _on_rows_inserted(self) -> None:
        if self.model.total is None:  # "N rows shown" grows as the list scrolls
            self._update_count()

    def _update_count(self) -> None:
        """The page's own "N records" once the total is known; until then how many rows
        are shown, in words that need no page's noun."""
        total, shown = self.model.total, self.model.rowCount()
        if total is not None:
            text = self._count_text(total)
        elif self.model.counting:
            # L10N: below a list whose first rows are shown while the rest are counted
            text = ngettext(
                "{count} row shown; counting all the matches…",
                "{count} rows shown; counting all the matches…",
                shown,
            ).format(count=shown)
        else:
            # L10N: below a list whose matches could not be counted (the database
            # stopped answering); the rows shown are right, the total is unknown
            text = ngettext(
                "{count} row shown; the matches could not be counted",
                "{count} rows shown; the matches could not be counted",
                shown,
            ).format(count=shown)
        self.count_label.setText(text)

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
