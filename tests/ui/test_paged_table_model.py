"""The paged model asks the service for one page at a time and reports a failed read."""

from typing import Any

from pytestqt.qtbot import QtBot

from desktop.services.errors import ServiceError
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.projects.page import COLUMNS
from desktop.ui.widgets.paged_table_model import PagedTableModel
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


def test_only_the_pages_scrolled_to_are_read(sqlite_db: Database) -> None:
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
