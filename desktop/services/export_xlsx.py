"""The XLSX half of a list's export (``desktop.services.export``), in its own module so
that openpyxl, and PIL with it, is imported only when a workbook is written.

XLSX keeps types (dates as dates, amounts as numbers), freezes the header row and never
turns typed text into a formula.
"""

import re
from collections.abc import Iterator, Sequence
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

if TYPE_CHECKING:
    from desktop.services.export import ExportColumn

_SHEET_TITLE_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(
    path: Path, columns: "Sequence[ExportColumn]", rows: Iterator[Any], sheet_title: str
) -> int:
    """The number of rows written; a sheet stopped halfway leaves no temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_safe_sheet_title(sheet_title))
    sheet.freeze_panes = "A2"
    widths = [min(max(len(column.title), 10), 60) + 2 for column in columns]
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, _clean_text(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    written = 0
    try:
        for row in rows:
            sheet.append([_xlsx_cell(sheet, column.value(row)) for column in columns])
            written += 1
    except BaseException:
        _abandon(sheet)
        raise
    workbook.save(path)
    return written


def _abandon(sheet: Any) -> None:
    """Close a write-only sheet left halfway and remove its temporary file."""
    sheet.close()
    sheet._writer.cleanup()


def _xlsx_cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, Enum):
        value = value.value
    if value is None or isinstance(value, bool | int | Decimal | float):
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(sheet, value.replace(tzinfo=None))
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    cell = WriteOnlyCell(sheet, _clean_text(str(value)))
    cell.data_type = "s"  # text, even when it starts with "=": never a formula
    return cell


def _clean_text(text: str) -> str:
    """XLSX cannot hold most control characters; they are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _safe_sheet_title(title: str) -> str:
    cleaned = _SHEET_TITLE_UNSAFE.sub(" ", title).strip()[:31]
    return cleaned or "Sheet1"
