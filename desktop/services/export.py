"""A list as a file people open in Excel or LibreOffice: CSV or XLSX.

The export reads every row the list's query matches (its search, filters and sort), page
by page from the database, not only the rows a table has loaded.  XLSX keeps types (dates
as dates, counts as whole numbers, amounts as numbers shown with their currency, such as
``1,234.50 EUR``) and freezes the header row; CSV is UTF-8 with a byte-order mark, without
which Excel shows "Prishtinë" and Cyrillic as mojibake.  A CSV cell holds no format, so an
amount goes out as a plain number (``1234.50``) with its currency code in a column of its
own right after it: a spreadsheet then reads the amount as a number in any locale, and
rows in different currencies are never added up unawares.  The file appears
only when complete: it is written beside its target and renamed at the end, so a failed
or cancelled export leaves no half file behind.
"""

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from desktop.i18n import N_, _
from desktop.services.errors import ServiceError
from desktop.services.listing import ListQuery

BATCH = 1000  # rows read per query: few round trips, little memory
FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula

T = TypeVar("T")
Progress = Callable[[int, int], None]  # (rows written, rows in all); may raise to stop


class ListSource(Protocol):
    def count(self, query: ListQuery) -> int: ...

    def page(self, query: ListQuery, offset: int, limit: int) -> Sequence[Any]: ...


class RowsSource:
    """A list already read whole (a grant's budget lines, a few dozen rows), exported as
    it stands: its query changes nothing."""

    def __init__(self, rows: Sequence[Any]) -> None:
        self._rows = list(rows)

    def count(self, _query: ListQuery) -> int:
        return len(self._rows)

    def page(self, _query: ListQuery, offset: int, limit: int) -> Sequence[Any]:
        return self._rows[offset : offset + limit]


@dataclass(frozen=True)
class ExportColumn:
    """A column of the file: its header, already in the reader's language, and the cell of
    a row (a str, int, Decimal, date, datetime, bool or None).

    ``currency`` makes it a money column: the currency code of a row's amount, which XLSX
    shows in the cell's number format and CSV writes in a column of its own.
    """

    title: str
    value: Callable[[Any], Any]
    currency: Callable[[Any], str] | None = None


def currency_header(title: str) -> str:
    """The header of the CSV column beside a money column that holds its currency code."""
    # L10N: the header of a CSV column holding the currency code of the amount column
    # before it, such as "Amount (currency)"
    return _("{column} (currency)").format(column=title)


def export_list(
    source: ListSource,
    query: ListQuery,
    columns: Sequence[ExportColumn],
    path: Path,
    progress: Progress | None = None,
    sheet_title: str = "",
) -> int:
    """Write every row of ``source`` matching ``query`` to ``path`` (.csv or .xlsx, by its
    suffix); the number of rows written."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise ServiceError(
            _("Choose a file name ending in .csv or .xlsx; {filename} is neither.").format(
                filename=path.name
            )
        )
    report = progress or (lambda _done, _total: None)
    total = source.count(query)
    report(0, total)
    rows = _all_rows(source, query, total, report)

    def write(partial: Path) -> int:
        if kind == "csv":
            return _write_csv(partial, columns, rows)
        # openpyxl (and PIL with it) only when a workbook is written: the window imports
        # this module at start-up, for its list pages' types.
        from desktop.services.export_xlsx import write_xlsx

        return write_xlsx(partial, columns, rows, sheet_title)

    # L10N: {reason} is the system's own words, such as "Permission denied"
    return write_atomically(path, write, N_("The list could not be written to {path}: {reason}"))


def write_atomically(path: Path, write: Callable[[Path], T], failure: str) -> T:
    """Call ``write`` with a hidden file beside ``path`` and rename it to ``path`` once it
    is complete; whatever stops it halfway (a full disk, an error, Cancel) leaves no file.
    ``failure`` is the untranslated message of a file that could not be written, with
    ``{path}`` and ``{reason}``."""
    partial = path.with_name(f".{path.name}.part")
    try:
        result = write(partial)
        os.replace(partial, path)
    except OSError as error:
        raise ServiceError(_(failure).format(path=path, reason=error.strerror or error)) from error
    finally:
        # A folder that is not one (or is gone) holds no half file, and its error must
        # not hide the reason above.
        with suppress(OSError):
            partial.unlink(missing_ok=True)
    return result


def _all_rows(source: ListSource, query: ListQuery, total: int, report: Progress) -> Iterator[Any]:
    offset = 0
    while True:
        batch = source.page(query, offset, BATCH)
        yield from batch
        offset += len(batch)
        report(offset, max(total, offset))
        if len(batch) < BATCH:
            return


def _write_csv(path: Path, columns: Sequence[ExportColumn], rows: Iterator[Any]) -> int:
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        header: list[str] = []
        for column in columns:
            header.append(column.title)
            if column.currency is not None:
                header.append(currency_header(column.title))
        writer.writerow(header)
        for row in rows:
            cells: list[str] = []
            for column in columns:
                cells.append(_csv_cell(column.value(row)))
                if column.currency is not None:
                    cells.append(_csv_cell(column.currency(row)))
            writer.writerow(cells)
            written += 1
    return written


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool | int | Decimal | float):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # Text a user typed must not run as a formula when the file is opened in a spreadsheet.
    return "'" + text if text.startswith(_FORMULA_START) else text
