"""The list figures, with the real widgets offscreen: first rows of the activities and
expenditures lists, a search keystroke, sorting by each column; beside each, its floor in
raw SQL (``bench.list_sql``).  Peak memory is in ``bench.list_memory``.

Every figure is timed from the user's action until the rows are shown (``bench.list_gui``:
the model holds the new rows and the view's viewport has been repainted).  The issue sets
absolute targets here (50 ms, 30 ms, 100 ms); the ratio of 2 to the raw SQL page is ours:
the interface may add at most as much again as the query it shows (its row objects, the
model, the columns' formatting and the paint).

The pages are built as the main window builds them, in a real ``MainWindow`` on the
scale's database, signed in as nobody (the local administrator, who sees every row).
"""

import os
from collections.abc import Callable
from dataclasses import dataclass
from statistics import median

from PySide6.QtCore import QObject, Qt
from PySide6.QtTest import QTest

from bench.list_gui import NotShown, Paints, application, paint, settle, wait_until
from bench.list_sql import (
    PageQuery,
    activities_page,
    expenditures_page,
    has_stored_sums,
    largest_expenditure_grant,
)
from bench.measure import Figure, Target, timed
from desktop.services.activities import ActivityService
from desktop.services.expenditures import ExpenditureService
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.store.database import Database
from desktop.ui.activities.page import COLUMNS as ACTIVITY_COLUMNS
from desktop.ui.activities.page import ActivitiesPage
from desktop.ui.grants.expenditures_tab import ExpendituresTab
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.widgets.list_page import SEARCH_DELAY_MS, ListPage

FIRST_ROWS = Target(seconds=0.05)
KEYSTROKE = Target(seconds=0.03)
SORT = Target(seconds=0.1)
# Typed one letter at a time: the word before its last letter is in the field already.
SEARCHES = ("mitrovic", "trajnim")
SHOWN = (
    "until shown: the model holds the new rows and the table's viewport has painted them "
    "(in the event loop, or at once by QWidget.repaint if the loop had not)"
)
FLOOR = (
    "raw SQL page through the engine's DBAPI connection: the same columns and ORDER BY, "
    f"ties by id, LIMIT {PAGE_SIZE} (ids chosen by the sort key, then joined)"
)
SEARCH_FLOOR = (
    "the same FTS5 trigram MATCH and search-key LIKE in raw SQL, newest first, "
    f"LIMIT {PAGE_SIZE}, through the engine's DBAPI connection"
)


def _nothing() -> None:
    return None


def service_ms(page: Callable[[], object], runs: int) -> float:
    """The median milliseconds of the service's own page call (no widget), after a
    warm-up: what of a figure is the query and its rows, and what is the interface."""
    page()
    return median(timed(page) for _run in range(runs)) * 1000


def machine() -> str:
    """How busy the shared machine was, for the reader of a figure."""
    one, _five, _fifteen = os.getloadavg()
    return f"load average {one:.1f} on {os.cpu_count()} cores"


@dataclass(frozen=True)
class Turn:
    """One figure's run: ``act`` is timed; ``prepare`` and ``tidy`` are not."""

    act: Callable[[], object]
    prepare: Callable[[], object] = _nothing
    tidy: Callable[[], object] = settle


def take_turns(
    turn: Turn, floor: Callable[[], object], runs: int
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The figure's and the floor's times, taking turns after one untimed warm-up each
    (as ``measure.interleaved``, with the untimed steps around each figure run)."""
    samples: list[float] = []
    floor_samples: list[float] = []
    for run in range(runs + 1):
        turn.prepare()
        took = timed(turn.act)
        turn.tidy()
        floor_took = timed(floor)
        if run:
            samples.append(took)
            floor_samples.append(floor_took)
    return tuple(samples), tuple(floor_samples)


class Resets(QObject):
    """How many times a model was reset: a new query's rows replace the old ones."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.count = 0

    def seen(self) -> None:
        self.count += 1


class ListBench:
    """A main window on the scale's database and the raw connection the floors use."""

    def __init__(self, db: Database) -> None:
        application()
        self.db = db
        self.window = MainWindow(db)
        self.window.show()
        settle()
        self.connection = db.engine.raw_connection()
        self.stored_sums = has_stored_sums(db)
        self.service = ActivityService(db)

    def close(self) -> None:
        self.connection.close()
        self.window.close()
        self.window.deleteLater()
        settle()

    def floor(self, query: PageQuery) -> tuple[Callable[[], object], int]:
        """The floor's action and how many rows its page has (the rows the list shows)."""
        rows = query.rows(self.connection)
        return (lambda: query.rows(self.connection)), len(rows)

    # -- opening a list ------------------------------------------------------------------

    def opened(self, build: Callable[[], ListPage], expected: int) -> Turn:
        """Build a list page and put it in the window's stack as ``show_page`` does the
        first time a page is chosen, until its first rows are shown; thrown away after."""
        built: list[ListPage] = []

        def act() -> None:
            page = build()
            built.append(page)
            paints = Paints(page.table)
            self.window.stack.addWidget(page)
            self.window.stack.setCurrentWidget(page)
            wait_until(lambda: page.model.rowCount() == expected, "the first rows")
            paint(page.table, paints)

        def tidy() -> None:
            page = built.pop()
            self.window.stack.removeWidget(page)
            page.deleteLater()
            settle()

        return Turn(act, tidy=tidy)

    def activities(self) -> ActivitiesPage:
        """The Activities page the sidebar shows (built once, then kept, as the window
        keeps it)."""
        page = self.window.show_page("activities")
        assert isinstance(page, ActivitiesPage)
        settle()
        return page

    # -- changing a list that is open ----------------------------------------------------

    def changed(
        self, page: ListPage, change: Callable[[], object], expected: int, prepare: Turn
    ) -> Turn:
        """``change`` an open list until its new rows are shown; ``prepare.act`` first puts
        the list where the change starts from."""
        resets = Resets(page)
        page.model.modelReset.connect(resets.seen)
        paints = Paints(page.table)
        page.model.modelReset.connect(paints.watch)  # paints of the new rows only

        def act() -> None:
            before = resets.count
            change()
            wait_until(
                lambda: resets.count > before and page.model.rowCount() == expected,
                "the new rows",
            )
            paint(page.table, paints)

        def start() -> None:
            prepare.act()
            settle()

        return Turn(act, prepare=start)


def first_rows_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """The Activities page and the largest grant's Expenditures tab, opened."""
    bench = ListBench(db)
    try:
        spec = next(spec for spec in PAGES if spec.key == "activities")
        activities_floor, activity_rows = bench.floor(
            activities_page("start_date", descending=True, stored=bench.stored_sums)
        )
        activities = take_turns(
            bench.opened(lambda: spec.build(db), activity_rows), activities_floor, runs
        )
        newest = ListQuery(sort="start_date", descending=True)
        activities_service = service_ms(lambda: ActivityService(db).page(newest), runs)
        activities_load = machine()
        grant_id, contract, spent = largest_expenditure_grant(db)
        spent_floor, spent_rows = bench.floor(expenditures_page(grant_id))
        expenditures = take_turns(
            bench.opened(lambda: ExpendituresTab(db, grant_id), spent_rows), spent_floor, runs
        )
        by_date = ListQuery(sort="spent_on")
        spent_service = service_ms(lambda: ExpenditureService(db).page(grant_id, by_date), runs)
        spent_load = machine()
    finally:
        bench.close()
    return [
        Figure(
            "activities: first rows",
            scale,
            *activities,
            floor=FLOOR,
            target=FIRST_ROWS,
            detail=(
                "the Activities page built as the sidebar builds it on its first visit (its "
                f"filter bar's choices read too), newest first, {activity_rows} rows, {SHOWN}; "
                f"the service's page call alone {activities_service:.0f} ms; {activities_load}"
            ),
        ),
        Figure(
            "expenditures: first rows",
            scale,
            *expenditures,
            floor=FLOOR,
            target=FIRST_ROWS,
            detail=(
                f"the Expenditures tab of grant {contract} ({spent:,} expenditures) built as "
                "the grant's window builds it, hosted in the main window's page stack, by "
                f"date, {spent_rows} rows, {SHOWN}; the service's page call alone "
                f"{spent_service:.0f} ms; {spent_load}"
            ),
        ),
    ]


def search_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """One more letter typed into the Activities page's search field."""
    bench = ListBench(db)
    figures: list[Figure] = []
    try:
        page = bench.activities()
        for word in SEARCHES:
            floor, expected = bench.floor(
                activities_page("start_date", True, word, stored=bench.stored_sums)
            )

            def type_letter(letter: str = word[-1]) -> None:
                QTest.keyClick(page.search_edit, letter)
                page.apply_search()

            def start(prefix: str = word[:-1]) -> None:
                page.search_edit.setText(prefix)
                page.apply_search()

            turn = bench.changed(page, type_letter, expected, Turn(start))
            samples = take_turns(turn, floor, runs)
            searched = ListQuery(sort="start_date", descending=True, search=word)
            service = service_ms(lambda searched=searched: bench.service.page(searched), runs)
            if page.search_edit.text() != word:
                raise NotShown(f"typing gave {page.search_edit.text()!r}, not {word!r}")
            figures.append(
                Figure(
                    f"activities: search keystroke “{word}”",
                    scale,
                    *samples,
                    floor=SEARCH_FLOOR,
                    target=KEYSTROKE,
                    detail=(
                        f"“{word[:-1]}” in the field, “{word[-1]}” typed (QTest.keyClick on "
                        "the real search field), then the page's apply_search() at once: the "
                        f"{SEARCH_DELAY_MS} ms debounce is not waited for (a user waits it "
                        f"too); {expected} rows on the first page, {SHOWN}; the service's "
                        f"page call alone {service:.0f} ms; {machine()}"
                    ),
                )
            )
        page.search_edit.clear()
        page.apply_search()
    finally:
        bench.close()
    return figures


def sort_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """The Activities page sorted by each of its columns, ascending, by the view's
    ``sortByColumn`` (what a click on the header calls); the slowest column is the figure
    and every column's median is in its detail."""
    bench = ListBench(db)
    measured: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {}
    services: dict[str, float] = {}
    try:
        page = bench.activities()
        table = page.table
        for number, column in enumerate(ACTIVITY_COLUMNS):
            if column.sort_key is None:
                continue
            floor, expected = bench.floor(
                activities_page(column.sort_key, stored=bench.stored_sums)
            )
            other = 1 if number == 0 else 0

            def sort(number: int = number) -> None:
                table.sortByColumn(number, Qt.SortOrder.AscendingOrder)

            def start(other: int = other) -> None:
                table.sortByColumn(other, Qt.SortOrder.AscendingOrder)

            measured[column.title] = take_turns(
                bench.changed(page, sort, expected, Turn(start)), floor, runs
            )
            ordered = ListQuery(sort=column.sort_key)
            services[column.title] = service_ms(
                lambda ordered=ordered: bench.service.page(ordered), runs
            )
    finally:
        bench.close()
    slowest = max(measured, key=lambda title: median(measured[title][0]))
    each = "; ".join(
        f"{title} {median(samples) * 1000:.0f} ms (service {services[title]:.0f} ms, "
        f"floor {median(floor) * 1000:.0f} ms)"
        for title, (samples, floor) in measured.items()
    )
    return [
        Figure(
            "activities: sort, slowest column",
            scale,
            *measured[slowest],
            floor=FLOOR,
            target=SORT,
            detail=(
                f"slowest: {slowest}; each column, ascending, from the list sorted by "
                f"another: {each}; {SHOWN}; {machine()}"
            ),
        )
    ]
