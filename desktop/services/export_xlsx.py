"""The XLSX half of a list's export (``desktop.services.export``), in its own module so
that openpyxl, and PIL with it, is imported only when a workbook is written.

XLSX keeps types (dates as dates, counts as whole numbers, amounts as numbers in a format
that shows their currency), freezes the header row and never turns typed text into a
formula.  The helpers here (``money_format``, ``clean_text``, ``sheet_title``) serve the
grant's workbook too (``desktop.services.grant_workbook``).

An amount is written from its Decimal: openpyxl writes a number with 16 significant
digits, and every amount the schema holds (``Numeric(14, 2)``) has at most 14, so the file
holds exactly the stored figure.  A rate (``Numeric(18, 8)``) is exact up to 15 digits,
which any real exchange rate is.
"""

import re
from collections.abc import Collection, Iterator, Sequence
from contextlib import suppress
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._writer import ALL_TEMP_FILES

if TYPE_CHECKING:
    from desktop.services.export import ExportColumn

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PLAIN_MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.00%"
RATE_FORMAT = "0.00######"
MAX_CELL_TEXT = 32767  # what a cell of Excel holds; a longer text makes it "repair" the file
MAX_SHEET_TITLE = 31
_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")
MONEY_WIDTH = 18
DATE_WIDTH = 12
# Bold in the workbook's own font: a font without a name is shown in a serif by LibreOffice.
BOLD = Font(name="Calibri", size=11, bold=True)


def money_format(currency: str | None) -> str:
    """The number format of an amount in ``currency``: two decimals and the code after
    the figure (``#,##0.00 "EUR"``).  A code that is not three capital letters cannot be
    trusted inside a format string and gives the plain two-decimal format."""
    code = (currency or "").strip().upper()
    if not _CURRENCY_CODE.fullmatch(code):
        return PLAIN_MONEY_FORMAT
    return f'{PLAIN_MONEY_FORMAT} "{code}"'


def clean_text(text: str) -> str:
    """What a cell can hold of ``text``: XLSX cannot hold most control characters (they
    are dropped) nor more than 32,767 characters (the rest is cut)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_CELL_TEXT]


def sheet_title(title: str, taken: Collection[str] = ()) -> str:
    """A name Excel accepts for a sheet: at most 31 characters, none of ``[]:*?/\\``, no
    apostrophe at either end, and not one of ``taken`` (Excel compares them without
    case), numbered "(2)", "(3)"… when it would be."""
    cleaned = " ".join(_SHEET_TITLE_UNSAFE.sub(" ", clean_text(title)).split()).strip("'").strip()
    cleaned = cleaned[:MAX_SHEET_TITLE].strip() or "Sheet"
    used = {name.casefold() for name in taken}
    candidate, number = cleaned, 1
    while candidate.casefold() in used or candidate.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        candidate = cleaned[: MAX_SHEET_TITLE - len(suffix)].rstrip() + suffix
    return candidate


def write_xlsx(
    path: Path, columns: "Sequence[ExportColumn]", rows: Iterator[Any], sheet_name: str
) -> int:
    """The number of rows written; a sheet stopped halfway leaves no temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(sheet_name))
    sheet.freeze_panes = "A2"
    fit_for_print(sheet)
    for number, column in enumerate(columns, start=1):
        width = min(max(len(column.title), 10), 60) + 2
        if column.currency is not None:
            width = max(width, MONEY_WIDTH)
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.append(header_cells(sheet, [column.title for column in columns]))
    written = 0
    try:
        for row in rows:
            sheet.append(
                [
                    typed_cell(
                        sheet,
                        column.value(row),
                        column.currency(row) if column.currency is not None else None,
                    )
                    for column in columns
                ]
            )
            written += 1
        workbook.save(path)
    except BaseException:
        abandon(workbook)
        raise
    return written


def header_cells(sheet: Any, titles: Sequence[str]) -> list[Any]:
    """A header row: each title as bold text."""
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, clean_text(title))
        cell.font = BOLD
        cells.append(cell)
    return cells


def fit_for_print(sheet: Any) -> None:
    """A sheet printed (or saved as PDF) comes out landscape, as wide as the page, with the
    header row repeated on every page: a list's columns split over several pages were
    unreadable."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def abandon(workbook: Workbook) -> None:
    """Close the write-only sheets of a workbook stopped halfway (by an error, Cancel or
    a file that could not be saved) and remove their temporary files; a sheet left open
    would otherwise be closed by the garbage collector, into a file already gone."""
    for sheet in workbook.worksheets:
        if not sheet.closed:
            with suppress(Exception):  # it is being thrown away either way
                sheet.close()
        writer = sheet._writer
        if writer is not None and writer.out in ALL_TEMP_FILES:
            writer.cleanup()


def typed_cell(
    sheet: Any, value: Any, currency: str | None = None, number_format: str | None = None
) -> Any:
    """A cell of a write-only ``sheet`` keeping the type of ``value``: a date with a date
    format, an amount with ``currency``'s money format, text as text (never a formula)."""
    if isinstance(value, Enum):
        value = value.value
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal | float):
        if currency is None and number_format is None:
            return value
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = number_format or money_format(currency)
        return cell
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value.replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    cell = WriteOnlyCell(sheet, clean_text(str(value)))
    cell.data_type = "s"  # text, even when it starts with "=": never a formula
    return cell
