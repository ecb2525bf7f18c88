"""The paged model asks the service for one page at a time, shows the first page before
the total is counted, and reports a failed read."""

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.i18n import N_, ngettext
from desktop.services.errors import ServiceError
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.projects.page import COLUMNS
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel
from tests.ui.helpers import project_form


class RecordingSource:
    """The real project service, noting the slices the model asks for."""

    def __init__(self, service: ProjectService) -> None:
        self.service = service
        self.pages: list[tuple[int, int]] = []

    def count(self, query: ListQuery) -> int:
        return self.service.count(query)

    def page(self, query: ListQuery, offset: int, limit: int) -> list[Any]:
        self.pages.append((offset, limit))
        return self.service.page(query, offset, limit)


class UnreadableSource:
    """A database that went away (a PostgreSQL server that stopped answering)."""

    def count(self, query: ListQuery) -> int:
        raise ServiceError("The database could not be read.")

    def page(self, query: ListQuery, offset: int, limit: int) -> list[Any]:
        raise ServiceError("The database could not be read.")


def test_only_the_pages_scrolled_to_are_read(qtbot: QtBot, sqlite_db: Database) -> None:
    service = ProjectService(sqlite_db)
    for number in range(2 * PAGE_SIZE + 1):
        service.create(project_form(f"P-{number:04d}", f"Project {number}"))
    source = RecordingSource(service)
    model = PagedTableModel(source, COLUMNS)
    model.refresh()
    assert source.pages == [(0, PAGE_SIZE)]
    model.fetchMore()
    model.fetchMore()
    assert source.pages == [(0, PAGE_SIZE), (PAGE_SIZE, PAGE_SIZE), (2 * PAGE_SIZE, PAGE_SIZE)]
    assert model.rowCount() == 2 * PAGE_SIZE + 1
    assert not model.canFetchMore()
    qtbot.waitUntil(lambda: not model.counting)  # no count outlives its database


def test_a_column_the_database_cannot_sort_by_is_ignored(sqlite_db: Database) -> None:
    model = PagedTableModel(ProjectService(sqlite_db), COLUMNS)
    model.refresh()
    lead = len(COLUMNS) - 1
    assert not model.is_sortable(lead)
    model.sort(lead)
    assert model.sort_column == 0
    assert model.query.sort == "code"


def test_a_failed_read_is_reported_not_raised(qtbot: QtBot) -> None:
    model = PagedTableModel(UnreadableSource(), COLUMNS)
    with qtbot.waitSignal(model.load_failed) as failure:
        model.refresh()
    assert failure.args == ["The database could not be read."]
    assert model.rowCount() == 0
    assert not model.canFetchMore()


# -- the first page before the count -------------------------------------------------------


@dataclass(frozen=True)
class Thing:
    id: int
    name: str


THING_COLUMNS = (Column(N_("Name"), lambda row: row.name, "name"),)


class GatedSource:
    """Rows in memory whose count waits until the test lets it through (a count of a
    million rows, slowed down at will): ``release(search)`` answers the counts of that
    search.  Every gate is opened when the test ends, and so is any asked for after it (a
    count the list posted behind its paint starts when the event loop next turns), so no
    worker is left waiting."""

    def __init__(self, names: list[str]) -> None:
        self.rows = [Thing(number, name) for number, name in enumerate(names, start=1)]
        self.gates: dict[str, threading.Event] = {}
        self.counts_asked: list[str] = []
        self.count_started = threading.Event()
        self.pages: list[tuple[str, int, int]] = []
        self.fail_count = False
        self.all_released = False

    def _gate(self, search: str) -> threading.Event:
        gate = self.gates.setdefault(search, threading.Event())
        if self.all_released:
            gate.set()
        return gate

    def release(self, search: str = "") -> None:
        self._gate(search).set()

    def release_all(self) -> None:
        self.all_released = True
        for gate in list(self.gates.values()):
            gate.set()

    def _matching(self, query: ListQuery) -> list[Thing]:
        return [row for row in self.rows if query.search in row.name]

    def count(self, query: ListQuery) -> int:
        self.counts_asked.append(query.search)
        self.count_started.set()
        self._gate(query.search).wait(timeout=30)
        if self.fail_count:
            raise ServiceError("The database could not be read.")
        return len(self._matching(query))

    def page(self, query: ListQuery, offset: int, limit: int) -> list[Thing]:
        self.pages.append((query.search, offset, limit))
        return self._matching(query)[offset : offset + limit]


@pytest.fixture
def gated() -> Iterator[Callable[[list[str]], GatedSource]]:
    made: list[GatedSource] = []

    def make(names: list[str]) -> GatedSource:
        made.append(GatedSource(names))
        return made[-1]

    yield make
    for source in made:
        source.release_all()


def things(count: int, prefix: str = "thing") -> list[str]:
    return [f"{prefix} {number:05d}" for number in range(count)]


def count_text(total: int) -> str:
    return ngettext("{count} thing", "{count} things", total).format(count=total)


def thing_page(qtbot: QtBot, source: GatedSource) -> ListPage:
    page = ListPage(PagedTableModel(source, THING_COLUMNS), N_("Search"), count_text, 0)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_first_page_is_shown_before_the_count_arrives(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(2 * PAGE_SIZE + 50))
    model = PagedTableModel(source, THING_COLUMNS)
    with qtbot.assertNotEmitted(model.total_changed):
        model.refresh()  # returns while the count is still waiting
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, 0).data() == "thing 00000"
    assert model.total is None and model.counting
    assert model.canFetchMore()

    with qtbot.waitSignal(model.total_changed):
        source.release()
    assert model.total == 2 * PAGE_SIZE + 50
    assert not model.counting
    assert model.rowCount() == PAGE_SIZE  # the count loads no rows


class FirstPaint(QObject):
    """Watches a table's viewport for the first paint with rows in it, and notes whether
    the count had started by then (giving a worker thread the time to begin)."""

    def __init__(self, page: ListPage, source: GatedSource) -> None:
        super().__init__(page)
        self.page, self.source = page, source
        self.count_had_started: bool | None = None
        page.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Paint
            and self.count_had_started is None
            and self.page.model.rowCount() > 0
        ):
            self.count_had_started = self.source.count_started.wait(timeout=0.5)
        return False


def test_the_count_starts_after_the_first_rows_are_painted(qtbot: QtBot, gated: Any) -> None:
    """Started at once, the count competes with laying out and painting the page."""
    source = gated(things(PAGE_SIZE + 7))
    page = thing_page(qtbot, source)
    page.resize(600, 400)
    qtbot.waitExposed(page)
    first_paint = FirstPaint(page, source)
    page.model.refresh()
    assert page.model.counting  # the label says so from the start
    assert page.count_label.text() == f"{PAGE_SIZE} rows shown; counting all the matches…"

    qtbot.waitUntil(lambda: first_paint.count_had_started is not None)
    assert first_paint.count_had_started is False
    qtbot.waitUntil(lambda: source.counts_asked == [""])  # and it does start, once
    source.release()
    qtbot.waitUntil(lambda: page.count_label.text() == f"{PAGE_SIZE + 7} things")
    assert source.counts_asked == [""]


def test_a_page_read_before_it_is_shown_counts_after_its_first_paint(
    qtbot: QtBot, gated: Any
) -> None:
    """As a page is built on its first visit: read in its constructor, then shown."""
    source = gated(things(PAGE_SIZE + 7))
    page = ListPage(PagedTableModel(source, THING_COLUMNS), N_("Search"), count_text, 0)
    qtbot.addWidget(page)
    page.resize(600, 400)
    first_paint = FirstPaint(page, source)
    page.model.refresh()
    page.show()
    qtbot.waitUntil(lambda: first_paint.count_had_started is not None)
    assert first_paint.count_had_started is False
    qtbot.waitUntil(lambda: source.counts_asked == [""])


def test_typing_before_the_count_starts_counts_only_the_last_search(
    qtbot: QtBot, gated: Any
) -> None:
    source = gated(things(PAGE_SIZE + 1, "alpha") + things(PAGE_SIZE + 2, "beta"))
    page = thing_page(qtbot, source)
    model = page.model
    model.refresh()
    page.search_edit.setText("beta")
    page.apply_search()  # before the loop ever went idle: nothing was counted yet
    source.release("beta")
    qtbot.waitUntil(lambda: model.total == PAGE_SIZE + 2)
    assert source.counts_asked == ["beta"]
    assert page.count_label.text() == f"{PAGE_SIZE + 2} things"


def test_a_short_first_page_is_its_own_total(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(PAGE_SIZE - 1))
    model = PagedTableModel(source, THING_COLUMNS)
    model.refresh()
    assert model.total == PAGE_SIZE - 1
    assert not model.canFetchMore()
    assert source.counts_asked == []  # nothing to count: the page holds every match


def test_the_label_says_counting_then_the_total(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(PAGE_SIZE + 7))
    page = thing_page(qtbot, source)
    page.model.refresh()
    assert page.count_label.text() == f"{PAGE_SIZE} rows shown; counting all the matches…"

    source.release()
    qtbot.waitUntil(lambda: page.count_label.text() == f"{PAGE_SIZE + 7} things")


def test_a_count_for_an_older_search_never_replaces_the_newer(qtbot: QtBot, gated: Any) -> None:
    names = things(3 * PAGE_SIZE, "alpha") + things(PAGE_SIZE + 1, "beta")
    source = gated(names)
    page = thing_page(qtbot, source)
    model = page.model
    model.refresh()  # every row: its count waits
    qtbot.waitUntil(lambda: source.counts_asked == [""])
    shown: list[str] = []
    model.total_changed.connect(lambda: shown.append(page.count_label.text()))

    page.search_edit.setText("beta")
    page.apply_search()  # a keystroke while the first count still runs
    assert model.rowCount() == PAGE_SIZE
    assert model.index(0, 0).data() == "beta 00000"

    source.release("")  # the count of every row ends now, after the search changed
    qtbot.waitUntil(lambda: source.counts_asked == ["", "beta"])
    assert model.total is None
    assert page.count_label.text() == f"{PAGE_SIZE} rows shown; counting all the matches…"

    source.release("beta")
    qtbot.waitUntil(lambda: model.total == PAGE_SIZE + 1)
    assert page.count_label.text() == f"{PAGE_SIZE + 1} things"
    assert f"{4 * PAGE_SIZE + 1} things" not in shown


def test_scrolling_past_the_first_page_before_the_count(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(2 * PAGE_SIZE + 30))
    page = thing_page(qtbot, source)
    model = page.model
    model.refresh()
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    assert model.total is None
    assert page.count_label.text() == f"{2 * PAGE_SIZE} rows shown; counting all the matches…"

    model.fetchMore()  # the last, short page: the end of the list is its total
    assert model.rowCount() == 2 * PAGE_SIZE + 30
    assert not model.canFetchMore()
    assert model.total == 2 * PAGE_SIZE + 30
    assert page.count_label.text() == f"{2 * PAGE_SIZE + 30} things"

    source.release()  # the count arrives late and changes nothing
    qtbot.waitUntil(lambda: not model.counting)
    assert model.total == 2 * PAGE_SIZE + 30
    assert model.rowCount() == 2 * PAGE_SIZE + 30


def test_scrolling_after_the_count_stops_at_the_total(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(2 * PAGE_SIZE))
    model = PagedTableModel(source, THING_COLUMNS)
    model.refresh()
    with qtbot.waitSignal(model.total_changed):
        source.release()
    assert model.total == 2 * PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE_SIZE
    assert not model.canFetchMore()  # the count says this was all: no empty page is read
    assert source.pages == [("", 0, PAGE_SIZE), ("", PAGE_SIZE, PAGE_SIZE)]


def test_the_view_scrolls_to_more_rows_while_counting(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(PAGE_SIZE + 5))
    page = thing_page(qtbot, source)
    page.model.refresh()
    page.table.scrollToBottom()  # the view asks the model for the next page
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE + 5)
    assert page.count_label.text() == f"{PAGE_SIZE + 5} things"


def test_a_failed_count_is_reported_and_the_rows_stay(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(PAGE_SIZE + 1))
    source.fail_count = True
    page = thing_page(qtbot, source)
    model = page.model
    with qtbot.waitSignal(model.load_failed) as failure:
        model.refresh()
        source.release()
    assert failure.args == ["The database could not be read."]
    qtbot.waitUntil(lambda: not model.counting)
    assert model.rowCount() == PAGE_SIZE
    assert model.total is None
    assert page.count_label.text() == f"{PAGE_SIZE} rows shown; the matches could not be counted"
    source.fail_count = False  # the language reset after the test counts again


def test_a_reload_keeps_the_saved_record_selectable_while_counting(
    qtbot: QtBot, gated: Any
) -> None:
    source = gated(things(PAGE_SIZE + 3))
    page = thing_page(qtbot, source)
    page.reload(select_id=42)
    assert page.selected_row() == Thing(42, "thing 00041")
    assert page.model.total is None


def test_the_count_runs_against_the_real_database(qtbot: QtBot, db: Database) -> None:
    """On SQLite and PostgreSQL alike, the worker's count opens its own session."""
    service = ProjectService(db)
    for number in range(PAGE_SIZE + 1):
        service.create(project_form(f"P-{number:04d}", f"Project {number}"))
    model = PagedTableModel(service, COLUMNS)
    model.refresh()
    assert model.rowCount() == PAGE_SIZE
    qtbot.waitUntil(lambda: model.total == PAGE_SIZE + 1)
    model.set_search("Project 137")  # a short page: its own total, with no count
    assert model.total == 1
    assert model.index(0, 1).data() == "Project 137"


def test_every_list_shows_its_total_on_the_demo(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    main = MainWindow(sqlite_db)
    qtbot.addWidget(main)
    for spec in PAGES:
        page_class = spec.page_class()
        if not (isinstance(page_class, type) and issubclass(page_class, ListPage)):
            continue
        page = main.show_page(spec.key)
        assert isinstance(page, ListPage)
        model = page.model
        qtbot.waitUntil(lambda model=model: model.total is not None)
        expected = model.source.count(model.query)
        assert model.total == expected, spec.key
        assert page.count_label.text().startswith(f"{expected} "), spec.key


class WatchedModel(PagedTableModel):
    """Notes which rows the view asks about."""

    asked: set[int]

    def data(self, index: Any, role: int = 0) -> Any:
        self.asked.add(index.row())
        return super().data(index, role)


def test_the_columns_fit_the_rows_in_sight_not_every_row_loaded(qtbot: QtBot, gated: Any) -> None:
    source = gated(things(PAGE_SIZE + 1))
    number = Column(N_("Number"), lambda row: str(row.id), "id")
    model = WatchedModel(source, (*THING_COLUMNS, number))  # fitted to its contents
    model.asked = set()
    page = ListPage(model, N_("Search"), count_text, 0)
    qtbot.addWidget(page)
    page.resize(600, 400)
    page.show()
    qtbot.waitExposed(page)
    model.asked.clear()
    model.refresh()
    qtbot.waitUntil(lambda: bool(model.asked))  # the view has laid out and painted
    QApplication.processEvents()
    assert model.rowCount() == PAGE_SIZE
    assert model.asked and max(model.asked) < PAGE_SIZE // 2  # a few dozen rows fit in 400 px


def test_the_whole_list_is_exported_while_it_is_still_counted(
    qtbot: QtBot, gated: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = gated(things(PAGE_SIZE + 3))
    page = thing_page(qtbot, source)
    target = tmp_path / "things.csv"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), ""))
    )
    run = page.export()
    assert run is not None
    assert run.dialog.labelText() == "Exporting the list…"  # no total to promise yet
    with qtbot.waitSignal(run.finished, timeout=20_000):
        source.release()  # the list's count and the export's own
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Name"
    assert len(lines) == 1 + PAGE_SIZE + 3
    assert lines[-1] == f"thing {PAGE_SIZE + 2:05d}"
