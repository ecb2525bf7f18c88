"""A list as a file people open in Excel or LibreOffice: CSV or XLSX.

The export reads every row the list's query matches (its search, filters and sort), page
by page from the database, not only the rows a table has loaded.  XLSX keeps types (dates
as dates, amounts as numbers) and freezes the header row; CSV is UTF-8 with a byte-order
mark, without which Excel shows "Prishtinë" and Cyrillic as mojibake.  The file appears
only when complete: it is written beside its target and renamed at the end, so a failed
or cancelled export leaves no half file behind.
"""

import csv
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from desktop.i18n import _
from desktop.services.errors import ServiceError
from desktop.services.listing import ListQuery

BATCH = 1000  # rows read per query: few round trips, little memory
FORMATS = ("csv", "xlsx")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula

Progress = Callable[[int, int], None]  # (rows written, rows in all); may raise to stop


class ListSource(Protocol):
    def count(self, query: ListQuery) -> int: ...

    def page(self, query: ListQuery, offset: int, limit: int) -> Sequence[Any]: ...


@dataclass(frozen=True)
class ExportColumn:
    """A column of the file: its header, already in the reader's language, and the cell of
    a row (a str, int, Decimal, date, datetime, bool or None)."""

    title: str
    value: Callable[[Any], Any]


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
    partial = path.with_name(f".{path.name}.part")
    try:
        if kind == "csv":
            written = _write_csv(partial, columns, rows)
        else:
            # openpyxl (and PIL with it) only when a workbook is written: the window imports
            # this module at start-up, for its list pages' types.
            from desktop.services.export_xlsx import write_xlsx

            written = write_xlsx(partial, columns, rows, sheet_title)
        os.replace(partial, path)
    except OSError as error:
        raise ServiceError(
            _("The list could not be written to {path}: {reason}").format(
                path=path, reason=error.strerror or error
            )
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    return written


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
        writer.writerow(column.title for column in columns)
        for row in rows:
            writer.writerow(_csv_cell(column.value(row)) for column in columns)
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
