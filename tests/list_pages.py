"""A list read as the interface reads it, page after page: the tests of the activities'
list plans and the search properties compare what this finds with what it should."""

import itertools
from collections.abc import Sequence
from typing import Protocol

from desktop.services.listing import ListQuery


class _Row(Protocol):
    @property
    def id(self) -> int: ...


class _Paged(Protocol):
    def page(self, query: ListQuery, offset: int, limit: int) -> Sequence[_Row]: ...


def ids_page_by_page(service: _Paged, query: ListQuery, size: int) -> list[int]:
    """The ids in pages of ``size`` as the list asks for them, until one comes back short
    (the list asks for no page after a short one)."""
    rows: list[int] = []
    for offset in itertools.count(0, size):
        page = service.page(query, offset, size)
        rows += [row.id for row in page]
        if len(page) < size:
            return rows
    raise AssertionError("unreachable")
