"""A table model that pages through a service's list, sorting and searching in SQL.

It holds only the rows the view has scrolled to (pages of ``PAGE_SIZE``), so a list of a
million records opens as fast as one of ten.  Any service with ``count(ListQuery)`` and
``page(ListQuery, offset, limit)`` can feed it; a page describes its ``Column``s.

The first page is shown as soon as it is read, and the total follows.  An exact
``count(*)`` has no index to answer it: it walks every matching row (≈ 60 ms for 1,000,000
activities on SQLite, ≈ 200 ms for a search matching 128,000), longer than showing the
first rows may take.  So a short first page is its own total, and a full one is counted on
a worker thread once the rows are on screen.  A capped count ("10,000+") would still read
up to the cap before the first rows and would show a figure that is not the answer;
counting in the background shows the real total a moment later instead.

The count starts after the view has painted the new rows: started at once, it competed
with laying them out and painting them for two cores and the interpreter (at 1,000,000
activities the first rows took 133–213 ms with it, 89–114 ms without).  Qt posts a widget's
repaint at its low event priority, so a zero timer (a normal-priority posted call) runs
before the paint.  The model posts its start at that low priority, twice: the first turn
comes after the layout requests the reset and a newly shown page posted (which post the
repaint if it is not pending yet), the second after that repaint.  The model needs to
know no view.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from desktop.i18n import _, current_language
from desktop.services.errors import ServiceError
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.ui.widgets.colours import semantic_colours
from desktop.ui.worker import Task, run_in_background

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object behind a line of the table

AnyIndex = QModelIndex | QPersistentModelIndex

_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value})
_ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole.value
_DECORATION_ROLE = Qt.ItemDataRole.DecorationRole.value
_ARCHIVED_ROLES = frozenset({Qt.ItemDataRole.ForegroundRole.value, Qt.ItemDataRole.FontRole.value})

_START_COUNT = QEvent.Type(QEvent.registerEventType())
# Turns of the posted-event queue at repaint priority between a refresh and its count:
# one past the layout requests, one past the repaint they post.
_COUNT_AFTER_PAINTS = 2


class PagedSource(Protocol):
    """What a list reads.  ``count`` is called on a worker thread, ``page`` on the GUI
    thread: a source opens its own database session per call (as the services do)."""

    def count(self, query: ListQuery) -> int: ...

    def page(self, query: ListQuery, offset: int, limit: int) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Column:
    """One column: its header (an untranslated message), how a row shows in it, and the
    service's sort key for it (``None`` when the database cannot sort by it).

    ``export`` gives the typed value an exported spreadsheet keeps (a date, a Decimal, an
    int); without it the file gets the text the table shows.  ``currency`` makes it an
    amount: the currency code of a row's figure, shown in the spreadsheet's number format.
    """

    title: str
    value: Callable[[Any], str]
    sort_key: str | None = None
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    export: Callable[[Any], Any] | None = None
    currency: Callable[[Any], str] | None = None

    def export_value(self, row: Any) -> Any:
        return self.export(row) if self.export is not None else self.value(row)


def column_header(
    columns: Sequence["Column"], section: int, orientation: Qt.Orientation, role: int
) -> Any:
    """A table's heading for ``section``: its translated title and its alignment."""
    if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(columns):
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return _(columns[section].title)
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return columns[section].alignment
    return None


class PagedTableModel(QAbstractTableModel):
    """Rows of a ``PagedSource``; call ``refresh()`` to load, and again after a change.

    ``refresh()`` returns with the first page in the model.  ``total`` is ``None`` while
    the rows are being counted; ``total_changed`` tells when the count has arrived (or the
    end of the list was reached by scrolling).  A count started for an earlier search,
    filter or order is never shown: each refresh is a new generation, and a count that
    ends for an older one is dropped.  At most one count runs at a time per model; a
    refresh during it counts again once it ends, so typing never piles counts up.

    ``load_failed(message)`` reports a database that could not be read, in the user's words.
    """

    load_failed = Signal(str)
    total_changed = Signal()

    def __init__(
        self,
        source: PagedSource,
        columns: Sequence[Column],
        sort_column: int = 0,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._columns = tuple(columns)
        self._query = ListQuery(sort=self._columns[sort_column].sort_key or "")
        self._sort_column = sort_column
        self._rows: list[Any] = []
        self._texts: list[tuple[str, ...] | None] = []  # each loaded row's cells, once shown
        self._archived: list[bool] = []  # each loaded row's look, asked twice per painted cell
        self._total: int | None = 0
        self._more = False  # the last page read was full: there may be rows after it
        self._loaded = False
        self._generation = 0
        self._count_task: Task | None = None
        self._count_again = False
        self._count_turns = 0  # > 0: a count waits behind the repaint of the new rows

    # -- what the page changes ---------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def source(self) -> PagedSource:
        return self._source

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    @property
    def total(self) -> int | None:
        """How many rows match, whether or not they are loaded yet; ``None`` until known."""
        return self._total

    @property
    def counting(self) -> bool:
        """Whether the total is being counted (``False`` once known, or if counting failed)."""
        return self._total is None and (self._count_task is not None or self._count_turns > 0)

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        if self._query.descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].sort_key is not None

    def set_search(self, text: str) -> None:
        self._change(search=text.strip())

    def set_filter(self, name: str, value: Any) -> None:
        """Keep only the rows the service's filter ``name`` lets through (``None``: all)."""
        self._change(filters=self._query.with_filter(name, value).filters)

    def set_include_archived(self, include: bool) -> None:
        self._change(include_archived=include)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        self._sort_column = column
        self._change(
            sort=self._columns[column].sort_key or "",
            descending=order == Qt.SortOrder.DescendingOrder,
        )

    def refresh(self) -> None:
        """Read the first page again, in the interface language of the moment, and count
        the matching rows in the background, once the page is shown, if it was full."""
        query = replace(self._query, language=current_language())
        self._generation += 1
        try:
            rows = list(self._source.page(query, 0, PAGE_SIZE))
        except ServiceError as error:
            rows = []
            self.load_failed.emit(str(error))
        more = len(rows) >= PAGE_SIZE
        self.beginResetModel()
        self._query, self._rows, self._loaded, self._more = query, rows, True, more
        self._texts = [None] * len(rows)
        self._archived = [_archived(row) for row in rows]
        self._total = None if more else len(rows)
        self.endResetModel()
        if more:
            self._count_after_paint()

    def retranslate(self) -> None:
        """Relabel the headers and re-read the rows, whose names depend on the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        self.refresh()

    def row_at(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def text(self, row: int, column: int) -> str:
        """The cell's text as the table shows it, formatted once per row and refresh.

        A view asks for a cell's text to paint it, for its tooltip, and the column widths
        measure it: the row's texts are made together the first time one is asked for.
        """
        texts = self._texts[row]
        if texts is None:
            line = self._rows[row]
            texts = tuple(column.value(line) for column in self._columns)
            self._texts[row] = texts
        return texts[column]

    def is_archived(self, row: int) -> bool:
        return self._archived[row]

    def icon(self, row: int, column: int) -> QIcon | None:
        """An icon before the cell's text; a list with signs in its cells gives them here."""
        return None

    def row_of(self, record_id: int) -> int | None:
        """Where the loaded row with this ``id`` is, if it is loaded."""
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == record_id:
                return number
        return None

    def _change(self, **changes: Any) -> None:
        changed = replace(self._query, **changes)
        if changed == self._query and self._loaded:
            return
        self._query = changed
        self.refresh()

    # -- the count, off the GUI thread ---------------------------------------------------

    def _count_after_paint(self) -> None:
        """Count once the repaint the reset asked for has been delivered."""
        waiting = self._count_turns > 0
        self._count_turns = _COUNT_AFTER_PAINTS  # a newer refresh waits for its own paint
        if not waiting:
            self._post_count_turn()

    def _post_count_turn(self) -> None:
        QCoreApplication.postEvent(
            self, QEvent(_START_COUNT), Qt.EventPriority.LowEventPriority.value
        )

    def event(self, event: QEvent) -> bool:
        if event.type() != _START_COUNT:
            return super().event(event)
        self._count_turns -= 1
        if self._count_turns > 0:
            self._post_count_turn()
        elif self._total is None:  # not reached meanwhile by scrolling to the end
            self._count()
        return True

    def _count(self) -> None:
        """Count the rows of the current query on a worker thread.

        The service opens a session of its own for the call, on SQLite as on PostgreSQL,
        so the worker shares nothing with the GUI thread but the query, which is frozen.
        """
        if self._count_task is not None:
            self._count_again = True  # the running count is for an older query
            return
        generation, query, source = self._generation, self._query, self._source
        self._count_task = run_in_background(
            lambda: source.count(query),
            lambda total: self._counted(generation, total) if isValid(self) else None,
            lambda error: self._count_failed(generation, error) if isValid(self) else None,
        )
        self._count_task.finished.connect(lambda: self._count_ended() if isValid(self) else None)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation or self._total is not None:
            return  # an older query's count, or the end of the list was scrolled to
        # Rows archived between the page and the count leave it below the rows loaded.
        self._total = max(total, len(self._rows))
        self._more = self._more and len(self._rows) < self._total
        self.total_changed.emit()

    def _count_failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        if isinstance(error, ServiceError):
            self.load_failed.emit(str(error))
        else:
            log.error("counting the list failed", exc_info=error)

    def _count_ended(self) -> None:
        self._count_task = None
        if self._count_again:
            self._count_again = False
            if self._total is None:
                self._count()
        if self._total is None and not self.counting:
            self.total_changed.emit()  # no longer counting: the count failed

    # -- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        try:
            rows = list(self._source.page(self._query, len(self._rows), PAGE_SIZE))
        except ServiceError as error:
            self.load_failed.emit(str(error))
            return
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self._texts.extend([None] * len(rows))
            self._archived.extend(_archived(row) for row in rows)
            self.endInsertRows()
        self._more = len(rows) >= PAGE_SIZE
        if self._total is not None:
            self._more = self._more and len(self._rows) < self._total
        if not self._more and self._total != len(self._rows):
            # The end is reached: the rows loaded are the total, counted or not (someone
            # may have archived rows since the count).
            self._total = len(self._rows)
            self.total_changed.emit()

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        return column_header(self._columns, section, orientation, role)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks up to eight roles of each cell it paints, from C++ into Python:
        # the roles answered here are tested first, the rest fall through at once.
        row = index.row()
        if not (index.isValid() and 0 <= row < len(self._rows)):
            return None
        if role in _TEXT_ROLES:
            return self.text(row, index.column())
        if role == _ALIGNMENT_ROLE:
            return self._columns[index.column()].alignment
        if role == _DECORATION_ROLE:
            return self.icon(row, index.column())
        if role == ROW_ROLE:
            return self._rows[row]
        if role in _ARCHIVED_ROLES and self._archived[row]:
            return _archived_look(role)
        return None


def _archived(row: Any) -> bool:
    return bool(getattr(row, "archived", False))


def _archived_look(role: int) -> Any:
    """Archived rows, shown on request, are greyed and italic so they read as set aside."""
    if role == Qt.ItemDataRole.ForegroundRole:
        return semantic_colours(QApplication.palette()).muted
    if role == Qt.ItemDataRole.FontRole:
        font = QFont()
        font.setItalic(True)
        return font
    return None
