"""A list's column widths, fitted once per change to the texts of the rows in sight.

Qt's ``ResizeToContents`` asked the delegate for the size of every cell in sight each time
the header laid its sections out, four to five times while a page opened (the first page
read while the table was hidden, when all its rows count; the show; each viewport resize;
each neighbour's resize): 720 ``SizeHintRole`` calls for 18 rows of 9 columns and, through
``initStyleOption``, 5,000 more ``data()`` calls into Python, 6,888 in all where the one
paint needs 1,134 (bench/findings.md, "First rows and keystroke: the interface").  Here
the sections are ``Fixed`` and the widths are computed from the texts the model has
already formatted, with the style's own measure of a cell (the one Qt's delegate uses, so
the columns look as before), remembered per distinct text.  Nothing here calls ``data()``.

The title column takes the width the others leave, but never less than ``TITLE_CHARACTERS``
average characters: a stretching column alone shrank to a few letters in a narrow window,
since its neighbours keep the width of their contents.
"""

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionViewItem, QTableView

from desktop.ui.widgets.paged_table_model import PagedTableModel

# Average characters the title column keeps however narrow the window: enough to tell an
# activity from its neighbours; the table scrolls sideways rather than cut it shorter.
TITLE_CHARACTERS = 24

_REFIT_EVENTS = (QEvent.Type.FontChange, QEvent.Type.StyleChange)


class ColumnWidths(QObject):
    """Fits ``table``'s columns (a ``PagedTableModel``'s) to the rows in sight; a column a
    page sets to another resize mode than ``Fixed`` keeps the width the page gives it.

    A new query's rows are fitted exactly (``fit()``, on each model reset), unless the
    page asked for ``grow_only`` (a search keystroke: the columns never jump narrower and
    back while a word is typed).  Scrolling, rows appended and a taller viewport only ever
    widen a column, and only when a text is wider than its column.
    """

    def __init__(self, table: QTableView, model: PagedTableModel, title_column: int) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._title = title_column
        self._widths: dict[tuple[str, bool, bool], int] = {}
        self._grow_only = False
        self._fitting = False
        self._exact_due = True  # rows arrived while hidden: fit them exactly when shown
        self._measured: set[int] = set()  # rows whose texts the widths already hold
        self._headings_due = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.sectionResized.connect(self._on_section_resized)
        # Methods, not lambdas: Qt disconnects them when this object goes with its table.
        model.modelReset.connect(self._on_reset)
        model.rowsInserted.connect(self._widen)
        model.headerDataChanged.connect(self._on_headings_changed)
        table.verticalScrollBar().valueChanged.connect(self._widen)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        table.installEventFilter(self)

    @property
    def grow_only(self) -> bool:
        return self._grow_only

    @grow_only.setter
    def grow_only(self, value: bool) -> None:
        """While set, a model reset widens columns but never narrows them."""
        self._grow_only = value

    def title_minimum(self) -> int:
        return self._table.fontMetrics().averageCharWidth() * TITLE_CHARACTERS

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The event's type first: a table being destroyed still sends events (child
        # removed...), and asking it for anything then is asking a half-deleted widget.
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self._viewport:
            self.fit(grow_only=True)  # more rows in sight, or another width for the title
        elif kind in _REFIT_EVENTS and watched is self._table:
            self._widths.clear()
            self._exact_due = True
            self.fit()
        elif kind == QEvent.Type.Show and watched is self._table:
            self.fit(grow_only=True)
        return False

    def rows_in_sight(self) -> range:
        """The rows the viewport shows (as Qt's ``sizeHintForColumn`` counts them)."""
        vertical = self._table.verticalHeader()
        count = self._model.rowCount()
        top = max(0, vertical.visualIndexAt(0))
        bottom = vertical.visualIndexAt(self._table.viewport().height())
        if bottom < 0:
            bottom = count - 1
        return range(top, min(bottom, count - 1) + 1)

    def fit(self, grow_only: bool = False) -> None:
        """Set each column (but the title's) to what its texts in sight need, then give
        the title the rest.  Growing, only the rows not measured since the last exact fit
        are measured.  Does nothing while the table is hidden: it is fitted when shown,
        to the rows it then shows."""
        if self._fitting:
            return
        if not self._table.isVisible():
            self._exact_due = self._exact_due or not grow_only
            return
        grow_only = grow_only and not self._exact_due
        self._exact_due = False
        rows = self.rows_in_sight()
        if grow_only:
            new = [row for row in rows if row not in self._measured]
        else:
            self._measured.clear()
            new = list(rows)
        headings = self._headings_due or not grow_only
        self._headings_due = False
        self._measured.update(new)
        if new or headings:
            self._fit_columns(new, headings, grow_only)
        self.fit_title()

    def _fit_columns(self, rows: list[int], headings: bool, grow_only: bool) -> None:
        header = self._table.horizontalHeader()
        grid = 1 if self._table.showGrid() else 0
        least, most = header.minimumSectionSize(), header.maximumSectionSize()
        self._fitting = True
        try:
            for column in range(header.count()):
                if column == self._title or header.isSectionHidden(column):
                    continue
                if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Fixed:
                    continue  # a page chose this column's width (or lets the user choose)
                width = header.sectionSizeHint(column) if headings else 0
                for row in rows:
                    width = max(width, self._cell_width(row, column) + grid)
                width = max(least, min(width, most))
                current = header.sectionSize(column)
                if width > current or (width < current and not grow_only):
                    header.resizeSection(column, width)
        finally:
            self._fitting = False

    def fit_title(self) -> None:
        header = self._table.horizontalHeader()
        others = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != self._title and not header.isSectionHidden(column)
        )
        spare = self._table.viewport().width() - others
        width = max(self.title_minimum(), spare)
        if header.sectionSize(self._title) != width:
            header.resizeSection(self._title, width)

    def _on_reset(self) -> None:
        self._measured.clear()  # the same row numbers are other rows now
        self.fit(self._grow_only)

    def _on_headings_changed(self) -> None:
        self._headings_due = True
        self.fit(grow_only=True)

    def _widen(self, *_args: object) -> None:
        self.fit(grow_only=True)

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index != self._title and not self._fitting:
            self.fit_title()  # a column hidden or shown again

    def _cell_width(self, row: int, column: int) -> int:
        model = self._model
        text = model.text(row, column)
        italic = model.is_archived(row)
        icon = model.icon(row, column)
        key = (text, italic, icon is not None)
        width = self._widths.get(key)
        if width is None:
            width = self._measure(text, italic, icon)
            self._widths[key] = width
        return width

    def _measure(self, text: str, italic: bool, icon: QIcon | None) -> int:
        """The style's width for the cell, as the delegate's ``sizeHint`` asks it."""
        table = self._table
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        option.text = text
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if italic:
            font = QFont(option.font)
            font.setItalic(True)
            option.font = font
            option.fontMetrics = QFontMetrics(font)
        if icon is not None:
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.icon = icon
            option.decorationSize = icon.actualSize(option.decorationSize)
        style = table.style()
        return style.sizeFromContents(
            QStyle.ContentsType.CT_ItemViewItem, option, QSize(), table
        ).width()
