"""What every import shares: its outcome, its problems by row and column, its progress.

An import checks every row before it writes any, and writes all of them in one
transaction or none; the interface shows the same ``RowError`` list whatever is imported.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from desktop.i18n import _
from desktop.services.errors import ServiceError
from desktop.services.imports.mapping import Mapping, TargetField
from desktop.services.imports.reading import SheetRow, Table

Progress = Callable[[int, int], bool]  # (done, total) -> False to cancel
PROGRESS_EVERY = 100  # rows between progress reports: smooth, and cheap across threads


class ImportCancelled(ServiceError):
    def __init__(self) -> None:
        super().__init__(_("The import was cancelled; nothing was saved."))


@dataclass(frozen=True)
class RowError:
    """One problem: the spreadsheet row, the column as the user finds it ("C: Emri", or a
    field's name when no column fills it) and a sentence in the interface language."""

    row: int
    column: str
    message: str


def overflow_error(table: Table, row: SheetRow) -> RowError:
    """The problem of a CSV line split into more cells than the header has columns."""
    from openpyxl.utils import get_column_letter  # not at start-up, which imports this module

    return RowError(
        row.number,
        get_column_letter(len(table.header) + 1),
        _(
            "This row has more cells than the header has columns: a separator inside a "
            "value may have split it. Put that value in quotes, or remove the extra cells."
        ),
    )


@dataclass(frozen=True)
class ImportOutcome:
    """``imported`` records were saved; with ``errors``, none was."""

    imported: int
    errors: tuple[RowError, ...]


class Importer(Protocol):
    """One kind of record imported from a table; what the import dialog drives."""

    fields: Sequence[TargetField]

    def guess(self, table: Table) -> Mapping: ...

    def check(
        self, table: Table, mapping: Mapping, progress: Progress | None = None
    ) -> tuple[RowError, ...]: ...

    def run(
        self, table: Table, mapping: Mapping, progress: Progress | None = None
    ) -> ImportOutcome: ...

    def imported_message(self, count: int) -> str: ...


class ProgressTicker:
    """Tells the caller's ``progress`` every ``PROGRESS_EVERY`` steps and at the end;
    raises ``ImportCancelled`` (rolling the transaction back) once it answers False."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self._progress = progress
        self.total = total
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0 or self.done == self.total:
            self.report()

    def report(self) -> None:
        if self._progress is not None and self._progress(self.done, self.total) is False:
            raise ImportCancelled()
