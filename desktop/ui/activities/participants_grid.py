"""The participants of an activity, typed in from the sign-in sheet as a tally.

One row per community and age band that had people, one column per gender, as a field
officer counts the sheet: pick the row, type the numbers, Tab on.  Totals and the check
against the headcount update as each number is typed, and a number that cannot be a count
of people turns red at once, before anything is saved.
"""

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPixmap,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOption,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.activity import AGE_BAND_LABELS, AgeBand
from desktop.domain.person import Gender
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_number
from desktop.services.activities import ParticipantLine, parse_count
from desktop.services.reference import Choice
from desktop.ui.language import language_hub
from desktop.ui.widgets.colours import readable, semantic_colours, use_text_colour
from desktop.ui.widgets.field_error import FieldError

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the community code or age band behind a cell
COMMUNITY, AGE_BAND = 0, 1
GENDERS = (Gender.FEMALE, Gender.MALE, Gender.OTHER, Gender.UNDISCLOSED)
FIRST_COUNT = 2
TOTAL = FIRST_COUNT + len(GENDERS)
HEADERS = (
    N_("Community"),
    N_("Age band"),
    # L10N: column of the participants grid: how many women attended
    N_("Women"),
    # L10N: column of the participants grid: how many men attended
    N_("Men"),
    # L10N: column of the participants grid: people of another gender
    N_("Other"),
    # L10N: column of the participants grid: people who did not state their gender
    N_("Not disclosed"),
    # L10N: column of the participants grid: everyone in the row
    N_("Row total"),
)
AGE_ORDER = tuple(AgeBand)
ADD_ROW_KEYS = QKeySequence("Ctrl+Ins")


def gender_column(gender: Gender) -> int:
    return FIRST_COUNT + GENDERS.index(gender)


def arrow_rect(cell: QRect, line_height: int) -> QRect:
    """Where a community or age band cell draws its drop-down arrow: at its right end."""
    side = max(line_height * 2 // 3, 7)
    return QRect(
        cell.right() - side - line_height // 3, cell.center().y() - side // 2 + 1, side, side
    )


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down editor for the community and age band cells; the cell keeps the code.

    Each cell shows a drop-down arrow, as a combo box does, and a click on it opens the
    choices: plain text in a grid gives a newcomer no hint that it can be changed."""

    def __init__(self, choices: list[tuple[str, str]], parent: QAbstractItemView) -> None:
        super().__init__(parent)
        self.choices = choices  # (code, label), relabelled on a language change
        self._view = parent

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        arrow = QStyleOption()
        arrow.initFrom(self._view)
        arrow.rect = arrow_rect(option.rect, option.fontMetrics.height())
        arrow.palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        arrow.palette.setColor(QPalette.ColorRole.ButtonText, option.palette.color(role))
        self._view.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_IndicatorArrowDown, arrow, painter, self._view
        )

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 2 * option.fontMetrics.height(), hint.height())

    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and arrow_rect(option.rect, option.fontMetrics.height())
            .adjusted(-4, -4, 4, 4)
            .contains(event.position().toPoint())
        ):
            self._view.setCurrentIndex(QModelIndex(index))
            self._view.edit(QModelIndex(index))
            return True
        return super().editorEvent(event, model, option, index)

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for code, label in self.choices:
            combo.addItem(label, code)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(CODE_ROLE)), 0))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        assert isinstance(editor, QComboBox)
        if editor.currentIndex() < 0:
            return  # no choices to take one from: the cell keeps what it had
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.DisplayRole)


class ParticipantsGrid(QWidget):
    """``changed`` fires whenever a number, a row or the headcount's comparison changes.

    ``lines()`` gives the breakdown as the service takes it, one line per non-empty cell;
    ``show_errors`` puts the service's ``participants[i]…`` messages on their cells.
    """

    changed = Signal()
    _built = False  # a palette change may arrive while the grid is being built

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._communities: list[Choice] = []
        self._line_cells: list[tuple[int, int]] = []
        self._headcount: int | None = None
        self._filling = False
        self.table = QTableWidget(0, len(HEADERS), self)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.totals_label = QLabel(self)
        self.status_icon = QLabel(self)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        use_text_colour(self.hint, "muted")
        self.error = FieldError(self)
        self._community_delegate = ChoiceDelegate([], self.table)
        self._age_delegate = ChoiceDelegate([], self.table)
        self._set_up_table()
        self._lay_out()
        self.add_shortcut = QShortcut(ADD_ROW_KEYS, self)
        self.add_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.add_shortcut.activated.connect(lambda: self.add_row())
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current_row)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.currentCellChanged.connect(lambda *_cells: self._update_buttons())
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self._built = True

    def _set_up_table(self) -> None:
        table = self.table
        table.setItemDelegateForColumn(COMMUNITY, self._community_delegate)
        table.setItemDelegateForColumn(AGE_BAND, self._age_delegate)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        # Typing a number into a cell starts editing it, as in a spreadsheet.
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.setTabKeyNavigation(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COMMUNITY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AGE_BAND, QHeaderView.ResizeMode.Stretch)
        table.setMinimumHeight(self.fontMetrics().lineSpacing() * 9)  # a header and rows

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        status = QHBoxLayout()
        status.addWidget(self.status_icon)
        status.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.totals_label)
        layout.addLayout(status)

    def retranslate_ui(self) -> None:
        self.table.setHorizontalHeaderLabels([_(title) for title in HEADERS])
        self.table.setAccessibleName(_("Participants by community, age band and gender"))
        self.table.setAccessibleDescription(
            _("Type a number to fill a cell; Tab moves on, Ctrl+Tab leaves the table.")
        )
        self.add_button.setText(_("Add &row"))
        self.add_button.setToolTip(
            _("Add a row for another community or age band ({shortcut})").format(
                shortcut=ADD_ROW_KEYS.toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.hint.setText(
            # L10N: under the participants grid; F2 is the key that edits a cell
            _("Double-click, click the arrow or press F2 to choose a community and an age band.")
        )
        self.remove_button.setText(_("Remove ro&w"))
        self.remove_button.setToolTip(_("Remove the selected row and its numbers"))
        self._age_delegate.choices = [(band.value, _(AGE_BAND_LABELS[band])) for band in AGE_ORDER]
        self._relabel_rows()
        self._update_summary()

    # -- choices and rows ------------------------------------------------------------------

    def set_communities(self, communities: Sequence[Choice]) -> None:
        """Every community, named in the interface language (call again on a switch)."""
        self._communities = list(communities)
        self._community_delegate.choices = [(c.code, c.name) for c in self._communities]
        self._relabel_rows()

    def community_name(self, code: str) -> str:
        """The community's name in the interface language (its code if unknown)."""
        return next((c.name for c in self._communities if c.code == code), code)

    def _relabel_rows(self) -> None:
        self._filling = True
        try:
            for row in range(self.table.rowCount()):
                community = self.table.item(row, COMMUNITY)
                band = self.table.item(row, AGE_BAND)
                community.setText(self.community_name(community.data(CODE_ROLE)))
                band.setText(_(AGE_BAND_LABELS[AgeBand(band.data(CODE_ROLE))]))
        finally:
            self._filling = False

    def add_row(self, community: str | None = None, age_band: AgeBand | None = None) -> int:
        """A new row, by default for the next age band of the current row's community (so
        "Add row" walks through a community's age bands); the cursor goes to it."""
        if community is None or age_band is None:
            community, age_band = self._next_row_key(community)
        row = self.table.rowCount()
        self._filling = True
        try:
            self.table.insertRow(row)
            community_item = QTableWidgetItem(self.community_name(community))
            community_item.setData(CODE_ROLE, community)
            band_item = QTableWidgetItem(_(AGE_BAND_LABELS[age_band]))
            band_item.setData(CODE_ROLE, age_band.value)
            self.table.setItem(row, COMMUNITY, community_item)
            self.table.setItem(row, AGE_BAND, band_item)
            for column in range(FIRST_COUNT, TOTAL):
                item = QTableWidgetItem("")
                item.setTextAlignment(_RIGHT)
                self.table.setItem(row, column, item)
            total = QTableWidgetItem("0")
            total.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            total.setTextAlignment(_RIGHT)
            self.table.setItem(row, TOTAL, total)
        finally:
            self._filling = False
        self.table.setCurrentCell(row, COMMUNITY)
        self._update_summary()
        self._update_buttons()
        self.changed.emit()
        return row

    def _next_row_key(self, community: str | None) -> tuple[str, AgeBand]:
        used = {self._row_key(row) for row in range(self.table.rowCount())}
        codes = [c.code for c in self._communities] or ["other"]
        current = self.table.currentRow()
        if community is None:
            community = self._row_key(current)[0] if current >= 0 else codes[0]
        start = codes.index(community) if community in codes else 0
        for code in codes[start:] + codes[:start]:
            for band in AGE_ORDER:
                if (code, band) not in used:
                    return code, band
        return community, AgeBand.UNKNOWN

    def _row_key(self, row: int) -> tuple[str, AgeBand]:
        return (
            self.table.item(row, COMMUNITY).data(CODE_ROLE),
            AgeBand(self.table.item(row, AGE_BAND).data(CODE_ROLE)),
        )

    def remove_current_row(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self.clear_errors()
        self._update_summary()
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.table.currentRow() >= 0)

    # -- values ----------------------------------------------------------------------------

    def set_lines(self, lines: Sequence[ParticipantLine]) -> None:
        """Show a stored breakdown: one row per community and age band, in stored order."""
        self.table.setRowCount(0)
        rows: dict[tuple[str, AgeBand], int] = {}
        for line in lines:
            key = (line.community, AgeBand(line.age_band))
            if key not in rows:
                rows[key] = self.add_row(*key)
            self.set_count(rows[key], Gender(line.gender), str(line.count))
        self.clear_errors()
        self.table.setCurrentCell(-1, -1)
        self._update_buttons()

    def set_count(self, row: int, gender: Gender, text: str) -> None:
        """Type ``text`` into a cell, as the keyboard would."""
        self.table.item(row, gender_column(gender)).setText(text)

    def count_text(self, row: int, gender: Gender) -> str:
        return self.table.item(row, gender_column(gender)).text()

    def lines(self) -> list[ParticipantLine]:
        """The breakdown, one line per cell that holds anything, as typed."""
        lines = []
        self._line_cells = []
        for row in range(self.table.rowCount()):
            community, band = self._row_key(row)
            for gender in GENDERS:
                text = self.count_text(row, gender).strip()
                if text:
                    lines.append(ParticipantLine(gender, band, community, text))
                    self._line_cells.append((row, gender_column(gender)))
        return lines

    def totals(self) -> dict[Gender, int]:
        """What the readable cells add up to, per gender."""
        sums = dict.fromkeys(GENDERS, 0)
        for row in range(self.table.rowCount()):
            for gender in GENDERS:
                sums[gender] += _count_or_zero(self.count_text(row, gender))
        return sums

    def set_headcount(self, headcount: int | None) -> None:
        """The headcount the breakdown is checked against (``None``: none given)."""
        self._headcount = headcount
        self._update_summary()

    # -- checking ----------------------------------------------------------------------------

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, column = item.row(), item.column()
        if FIRST_COUNT <= column < TOTAL:
            self._check_cell(item)
            self._update_row_total(row)
        else:
            self._mark(item, "")
        self._update_summary()
        self.changed.emit()

    def _check_cell(self, item: QTableWidgetItem) -> None:
        text = item.text().strip()
        problem = ""
        if text:
            try:
                parse_count(text)
            except ValueError as error:
                problem = str(error)
        self._mark(item, problem)
        self._show_cell_problems()

    def _update_row_total(self, row: int) -> None:
        total = sum(_count_or_zero(self.count_text(row, gender)) for gender in GENDERS)
        self._filling = True
        try:
            self.table.item(row, TOTAL).setText(format_number(total, current_language()))
        finally:
            self._filling = False

    def _mark(self, item: QTableWidgetItem, problem: str) -> None:
        """Red for a cell that cannot be saved as it is, with the reason as its tooltip."""
        self._filling = True
        try:
            item.setToolTip(problem)
            item.setData(_PROBLEM_ROLE, problem or None)
            background, text = QBrush(), QBrush()
            if problem:
                colours = semantic_colours(self.table.palette())
                tint = colours.tint(colours.error)
                background, text = QBrush(tint), QBrush(readable(colours.error, (tint,)))
            item.setBackground(background)
            item.setForeground(text)
        finally:
            self._filling = False

    def changeEvent(self, event: QEvent) -> None:
        """A switch between a light and a dark theme repaints the marked cells to match."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._built:
            for row in range(self.table.rowCount()):
                for column in range(TOTAL):
                    item = self.table.item(row, column)
                    if item is not None and item.data(_PROBLEM_ROLE):
                        self._mark(item, item.data(_PROBLEM_ROLE))
            self._update_summary()

    def _show_cell_problems(self) -> None:
        """Under the table, every problem with its row and column (only its row when it
        is about the row as a whole, such as a community and age band listed twice)."""
        messages = []
        for row in range(self.table.rowCount()):
            columns: dict[str, list[int]] = {}
            for column in range(TOTAL):
                problem = self.table.item(row, column).data(_PROBLEM_ROLE)
                if problem:
                    columns.setdefault(problem, []).append(column)
            for problem, where in columns.items():
                column = where[0] if len(where) == 1 else None
                messages.append(self._located(row, column, problem))
        self.error.show_message("\n".join(messages))

    def _located(self, row: int, column: int | None, message: str) -> str:
        if column is None:
            # L10N: a problem in one row of the participants grid
            return _("Row {row}: {message}").format(row=row + 1, message=message)
        # L10N: a problem in one cell of the participants grid, such as "Row 3, Women: …"
        return _("Row {row}, {column}: {message}").format(
            row=row + 1, column=_(HEADERS[column]), message=message
        )

    def show_errors(self, errors: dict[str, str]) -> str:
        """Mark the cells the service's ``participants[i]…`` messages are about; the text
        to show under the table.  Call ``lines()`` first (the form that was saved)."""
        for name, message in errors.items():
            number, _dot, part = name.removeprefix("participants[").partition("]")
            if not number.isdigit() or int(number) >= len(self._line_cells):
                continue
            row, count_column = self._line_cells[int(number)]
            part = part.removeprefix(".")
            columns = {
                "count": [count_column],
                "gender": [count_column],
                "community": [COMMUNITY],
                "age_band": [AGE_BAND],
            }.get(part, [COMMUNITY, AGE_BAND])
            for column in columns:
                self._mark(self.table.item(row, column), message)
        self._show_cell_problems()
        first = self._first_marked()
        if first is not None:
            self.table.setCurrentCell(*first)
        return self.error.text() if not self.error.isHidden() else ""

    def _first_marked(self) -> tuple[int, int] | None:
        for row in range(self.table.rowCount()):
            for column in range(TOTAL):
                if self.table.item(row, column).data(_PROBLEM_ROLE):
                    return row, column
        return None

    def has_problems(self) -> bool:
        return self._first_marked() is not None

    def clear_errors(self) -> None:
        for row in range(self.table.rowCount()):
            for column in range(TOTAL):
                self._mark(self.table.item(row, column), "")
        self.error.clear_message()

    # -- the totals and the check against the headcount -------------------------------------

    def _update_summary(self) -> None:
        language = current_language()
        sums = self.totals()
        self.totals_label.setText(
            # L10N: the totals under the participants grid
            _("Women {women} · Men {men} · Other {other} · Not disclosed {undisclosed}").format(
                women=format_number(sums[Gender.FEMALE], language),
                men=format_number(sums[Gender.MALE], language),
                other=format_number(sums[Gender.OTHER], language),
                undisclosed=format_number(sums[Gender.UNDISCLOSED], language),
            )
        )
        recorded = sum(sums.values())
        self.status_label.setText(completeness(recorded, self._headcount))
        complete = self._headcount is None or recorded == self._headcount
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        side = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, self)
        self.status_icon.setPixmap(
            QPixmap() if complete else icon.pixmap(QSize(side, side), self.devicePixelRatioF())
        )
        self.status_icon.setVisible(not complete)


def completeness(recorded: int, headcount: int | None) -> str:
    """How the breakdown compares with the headcount from the sign-in sheet, in words."""
    language = current_language()
    shown = format_number(recorded, language)
    if headcount is None:
        return ngettext(
            "Breakdown {recorded} person; no headcount given to check it against.",
            "Breakdown {recorded} people; no headcount given to check it against.",
            recorded,
        ).format(recorded=shown)
    total = format_number(headcount, language)
    if recorded == headcount:
        return _("Breakdown complete: {recorded} of {total}.").format(recorded=shown, total=total)
    if recorded < headcount:
        missing = headcount - recorded
        # L10N: the breakdown by gender, age and community misses people of the headcount
        return ngettext(
            "Breakdown {recorded} of {total} — {missing} not recorded.",
            "Breakdown {recorded} of {total} — {missing} not recorded.",
            missing,
        ).format(recorded=shown, total=total, missing=format_number(missing, language))
    extra = recorded - headcount
    return ngettext(
        "Breakdown {recorded} of {total} — {extra} more than the headcount.",
        "Breakdown {recorded} of {total} — {extra} more than the headcount.",
        extra,
    ).format(recorded=shown, total=total, extra=format_number(extra, language))


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2


def _count_or_zero(text: str) -> int:
    try:
        return parse_count(text) if text.strip() else 0
    except ValueError:
        return 0
