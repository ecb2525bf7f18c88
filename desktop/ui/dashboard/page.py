"""The Dashboard: where the grants, the results, the people, the cases and the next reports
stand today, in charts a manager takes in at a glance.

The figures are read again each time the page is shown (other pages may have changed them),
when the user comes back to its window while it is on screen (from a grant's own window,
say), and on Refresh (F5), off the GUI thread; they are named and formatted in the interface
language and re-read when it changes.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_date
from desktop.services.dashboard import DashboardFigures, DashboardService
from desktop.store.database import Database
from desktop.ui.access_keys import keep_access_keys
from desktop.ui.dashboard import presenting
from desktop.ui.language import language_hub
from desktop.ui.widgets.charts import BarChart, ColumnChart, StackedBarChart, StatusStrip
from desktop.ui.widgets.field_error import FieldError
from desktop.ui.worker import Task, run_in_background

DEADLINE_COLUMNS = (N_("Due"), N_("Report"), N_("Grant"), N_("Project"), N_("Time left"))
DEADLINE_ROWS = 5  # the deadlines a manager sees without scrolling, at any font size
_ROW_PADDING = 3  # above and below a row's text, about what the common styles add


class DeadlineList(QTreeWidget):
    """The next report deadlines, never squeezed below ``DEADLINE_ROWS`` rows: a height in
    pixels fits fewer rows of a larger font (at 2x, or with the desktop's text made bigger)."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        row = self.fontMetrics().lineSpacing() + 2 * _ROW_PADDING
        header = self.header().sizeHint().height() if not self.isHeaderHidden() else 0
        height = header + DEADLINE_ROWS * row + 2 * self.frameWidth()
        return QSize(hint.width(), max(hint.height(), height))


class DashboardPage(QWidget):
    """``refreshed`` fires each time new figures are on screen; ``today`` gives the day the
    figures are for (the clock's, unless a test or the demo says otherwise, here or later
    through ``set_today``)."""

    status_message = Signal(str)
    refreshed = Signal()

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._service = DashboardService(db)
        self._today = today
        self._task: Task | None = None
        self._again = False
        self._watched: QWidget | None = None  # the window whose activation refreshes
        self.figures: DashboardFigures | None = None
        self._cards: list[tuple[QGroupBox, str]] = []

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.as_of_label = QLabel(self)
        self.error_label = FieldError(self)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Refresh) or [QKeySequence("F5")]
        )
        self.refresh_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.refresh_button = QToolButton(self)
        self.refresh_button.setDefaultAction(self.refresh_action)
        self.refresh_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.burn_chart = BarChart(self)
        self.burn_note = self._note()
        self.burn_more = self._note()
        self.cases_strip = StatusStrip(self)
        self.cases_note = self._note()
        self.participation_note = self._note()
        self.municipality_chart = StackedBarChart(self)
        self.quarter_chart = ColumnChart(self)
        self.progress_chart = BarChart(self)
        self.progress_note = self._note()
        self.progress_more = self._note()
        self.deadlines = DeadlineList(self)
        self.deadlines.setRootIsDecorated(False)
        self.deadlines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.deadlines.setColumnCount(len(DEADLINE_COLUMNS))
        self.deadlines.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.deadlines.header().setStretchLastSection(False)
        self.deadlines.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.no_deadlines = self._note()
        self._lay_out()
        self.burn_more.hide()  # until figures say more grants run than are shown
        self.progress_more.hide()
        language_hub().language_changed.connect(self._on_language_changed)
        self._relabel()

    def _note(self) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        return label

    # -- layout ----------------------------------------------------------------------------

    def _card(self, title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(self)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        self._cards.append((box, title))
        return box

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.as_of_label)
        top.addLayout(titles, 1)
        top.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)

        self.burn_card = self._card(
            N_("Grant burn rate"), self.burn_note, self.burn_chart, self.burn_more
        )
        self.cases_card = self._card(
            N_("Community-safety cases"), self.cases_strip, self.cases_note
        )
        # Titles with {year} are formatted in _relabel.
        self.municipality_card = self._card(
            N_("Participants by municipality in {year}"),
            self.participation_note,
            self.municipality_chart,
        )
        self.quarter_card = self._card(
            N_("Activities and participants by quarter of {year}"), self.quarter_chart
        )
        self.progress_card = self._card(
            N_("Indicator progress"), self.progress_note, self.progress_chart, self.progress_more
        )
        self.deadlines_card = self._card(
            N_("Next report deadlines"), self.no_deadlines, self.deadlines
        )

        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.addWidget(self.burn_card, 0, 0)
        grid.addWidget(self.cases_card, 0, 1)
        grid.addWidget(self.municipality_card, 1, 0)
        grid.addWidget(self.quarter_card, 1, 1)
        grid.addWidget(self.progress_card, 2, 0)
        grid.addWidget(self.deadlines_card, 2, 1)

        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addLayout(grid)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(scroll, 1)

    # -- labels ----------------------------------------------------------------------------

    def _on_language_changed(self) -> None:
        self._relabel()
        self.refresh()

    def set_today(self, today: Callable[[], date]) -> None:
        """Show the figures for the day ``today()`` gives from now on, read at once: a page the
        window built on the clock can be pinned to the day a demo office stands at."""
        self._today = today
        self.refresh()

    def _relabel(self) -> None:
        language = current_language()
        # The heading names the day of the figures on screen, not of those still coming.
        today = self.figures.today if self.figures is not None else self._today()
        self.heading.setText(_("Dashboard"))
        # L10N: under the Dashboard's heading; {date} is the day the figures are for
        self.as_of_label.setText(_("Figures for {date}").format(date=format_date(today, language)))
        self.refresh_action.setText(_("&Refresh"))
        keep_access_keys(self.refresh_action)
        shortcut = self.refresh_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.refresh_action.setToolTip(
            _("Read the figures again ({shortcut})").format(shortcut=shortcut)
        )
        for box, title in self._cards:
            box.setTitle(_(title).format(year=today.year))
        self.burn_note.setText(
            _(
                "Spent against the grant amount, for each grant running today; the mark "
                "shows how much of the grant's time has passed."
            )
        )
        self.progress_note.setText(
            _("Approved values of the active projects' indicators, against their targets.")
        )
        self.deadlines.setHeaderLabels([_(title) for title in DEADLINE_COLUMNS])
        self.no_deadlines.setText(_("No report is due from today on."))
        self.burn_chart.set_legend([("box", _("Spent"), 0), ("marker", _("Time elapsed"), 0)])
        self.progress_chart.set_legend([("box", _("Achieved"), 0)])
        self.burn_chart.set_empty_text(_("No grant is running today."))
        self.progress_chart.set_empty_text(_("No active project has indicators with targets."))
        self.municipality_chart.set_empty_text(_("No participants recorded this year."))
        self.quarter_chart.set_empty_text(_("No participants recorded this year."))
        self.cases_strip.set_empty_text(_("No cases recorded."))
        for chart, name in (
            (self.burn_chart, _("Grant burn rate")),
            (self.cases_strip, _("Community-safety cases")),
            (self.municipality_chart, _("Participants by municipality")),
            (self.quarter_chart, _("Activities and participants by quarter")),
            (self.progress_chart, _("Indicator progress")),
        ):
            chart.setAccessibleName(name)
        self.deadlines.setAccessibleName(_("Next report deadlines"))

    # -- figures ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._watch_window()
        if not event.spontaneous():
            self.refresh()

    def _watch_window(self) -> None:
        """Follow the activation of the window the page is in (it may change when the page
        is put into a window after it was built)."""
        window = self.window()
        if window is self._watched:
            return
        if self._watched is not None and isValid(self._watched):
            self._watched.removeEventFilter(self)
        window.installEventFilter(self)
        self._watched = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Coming back to the window from another one, where a grant's expenditure or a
        case may have changed, reads the figures again (unless a read is under way)."""
        if (
            watched is self._watched
            and event.type() == QEvent.Type.WindowActivate
            and self.isVisible()
            and self._task is None
        ):
            self.refresh()
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        """Read the figures again, off the GUI thread; a refresh asked for while one runs
        follows it, so the page ends up with the latest figures."""
        if self._task is not None:
            self._again = True
            return
        today, language = self._today(), current_language()
        self.refresh_action.setEnabled(False)
        # The page may be closed before the figures arrive; then they are dropped.
        self._task = run_in_background(
            lambda: self._service.figures(today, language),
            lambda figures: self._show(figures) if isValid(self) else None,
            lambda error: self._failed(error) if isValid(self) else None,
        )
        self._task.finished.connect(lambda: self._finished() if isValid(self) else None)

    def _finished(self) -> None:
        self._task = None
        self.refresh_action.setEnabled(True)
        if self._again:
            self._again = False
            self.refresh()

    def _failed(self, error: Exception) -> None:
        self.error_label.show_message(
            _("The figures could not be read: {reason}").format(reason=error)
        )

    def _show(self, figures: DashboardFigures) -> None:
        self.figures = figures
        self.error_label.clear_message()
        language = figures.language
        self._relabel()
        self.burn_chart.set_bars(presenting.burn_bars(figures, language))
        self.progress_chart.set_bars(presenting.progress_bars(figures, language))
        for label, text in (
            (self.burn_more, presenting.grants_not_shown(figures, language)),
            (self.progress_more, presenting.indicators_not_shown(figures, language)),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        series = presenting.participant_series()
        self.municipality_chart.set_stacks(
            series, presenting.municipality_stacks(figures, language)
        )
        self.quarter_chart.set_stacks(series, presenting.quarter_stacks(figures, language))
        self.cases_strip.set_counts(presenting.case_counts(figures, language))
        self.cases_note.setText(presenting.cases_summary(figures, language))
        self.participation_note.setText(presenting.participation_summary(figures, language))
        self._show_deadlines(presenting.deadline_lines(figures, language))
        self.refreshed.emit()

    def _show_deadlines(self, lines: list[presenting.DeadlineLine]) -> None:
        self.deadlines.clear()
        alert = self.cases_strip.colours().alert
        for line in lines:
            item = QTreeWidgetItem(
                [line.due, line.report, line.grant, line.project_code, line.left]
            )
            item.setToolTip(3, line.project)
            if line.soon:
                item.setForeground(4, alert)
            self.deadlines.addTopLevelItem(item)
        self.deadlines.setVisible(bool(lines))
        self.no_deadlines.setVisible(not lines)
