"""A spreadsheet file read into a header and rows of text, whatever an office saved it as.

Offices send CSV from Excel in Windows-1250, UTF-8 with or without a byte-order mark, or
"Unicode text" (UTF-16, tab-separated), split by commas, semicolons or tabs; or an XLSX
workbook with formulas and merged cells.  Everything becomes text here, numbered as the
user sees the row in the spreadsheet, so each import validates one shape of data and its
messages point at the row the user will look for.  A file that is none of these (a PDF
renamed ``.csv``, an empty file, an old ``.xls``) gets one sentence saying so.

openpyxl (and PIL with it) is imported by the functions that need it: the window imports
this module at start-up for its types, long before anyone imports a file.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from itertools import chain
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from desktop.i18n import _, ngettext
from desktop.services.errors import ServiceError

MAX_FILE_BYTES = 50 * 1024 * 1024  # far beyond an office's lists, short of exhausting a laptop
MAX_ROWS = 200_000
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 20  # a title or a note may stand above the header row
SNIFF_LINES = 50

DELIMITERS = (";", ",", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
_CYRILLIC_RUN = re.compile(rb"[\xc0-\xff]{4,}")
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class ImportFileError(ServiceError):
    """The file cannot be read as a table; the message names the file and what to do."""


@dataclass(frozen=True)
class SheetRow:
    number: int  # the row number the spreadsheet shows (1 = first line of the file)
    cells: tuple[str, ...]  # as many as the header has columns, stripped, "" when empty
    # A CSV line with text beyond the header's last column: a separator typed inside an
    # unquoted value ("1,5" in a comma file) has split it, and its cells have moved.
    overflows: bool = False


@dataclass(frozen=True)
class Table:
    filename: str
    header: tuple[str, ...]
    header_row: int
    rows: tuple[SheetRow, ...]
    encoding: str = ""  # for CSV: the encoding it was read in
    delimiter: str = ""  # for CSV: the separator it was split by

    def column_name(self, index: int) -> str:
        """How the user finds a column: its letter and its header ("C: Email")."""
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(index + 1)
        title = self.header[index]
        return f"{letter}: {title}" if title else letter


def read_table(path: Path) -> Table:
    """The first sheet of an XLSX workbook, or a CSV file, as text (by content, not name)."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                _("{filename} is larger than {limit} MB; split it into smaller files.").format(
                    filename=name, limit=MAX_FILE_BYTES // (1024 * 1024)
                )
            )
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(
            _("{filename} could not be read: {reason}").format(
                filename=name, reason=error.strerror or error
            )
        ) from error
    if not data.strip():
        raise ImportFileError(
            _("{filename} is empty: it has no rows to import.").format(filename=name)
        )
    if data.startswith(_OLE_MAGIC):
        raise ImportFileError(
            _(
                "{filename} is an old Excel 97–2003 workbook (.xls) or a password-protected "
                "one; open it in Excel or LibreOffice and save it as .xlsx or CSV without a "
                "password."
            ).format(filename=name)
        )
    if data.startswith(_ZIP_MAGIC):
        records = _xlsx_records(data, name)
        return _table(name, records)
    text, encoding = _decode(data, name)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _table(name, enumerate(reader, start=1), encoding, delimiter)
    except csv.Error as error:
        raise ImportFileError(
            _("{filename} is not a well-formed CSV file: {reason}").format(
                filename=name, reason=error
            )
        ) from error


def _not_a_table(name: str) -> ImportFileError:
    return ImportFileError(
        _(
            "{filename} is neither a CSV text file nor an Excel workbook (.xlsx); it may be "
            "another kind of file that was renamed."
        ).format(filename=name)
    )


# -- CSV -------------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-16 and UTF-8 by their marks, else UTF-8 if
    it decodes cleanly, else what Excel writes on a Balkan Windows: Windows-1250 (Latin
    letters), or Windows-1251 on a Serbian Cyrillic one."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise _not_a_table(name) from error
    if b"\x00" in data[:8192]:
        raise _not_a_table(name)
    for encoding in ("utf-8-sig", _windows_encoding(data)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, "utf-8" if encoding == "utf-8-sig" else encoding
        break
    raise _not_a_table(name)


def _windows_encoding(data: bytes) -> str:
    """Windows-1251 when the bytes hold words of Cyrillic letters (runs of four or more
    bytes from 0xC0 up, which no Albanian or Serbian Latin word has in Windows-1250)."""
    return "cp1251" if len(_CYRILLIC_RUN.findall(data[:65536])) >= 2 else "cp1250"


def _looks_like_text(text: str) -> bool:
    """False for bytes that decoded but are not text: control characters where a table has
    letters (a picture or a program renamed .csv)."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\r\n\t")
    return controls <= len(sample) // 100


def _sniff_delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number of columns, more
    than one; a one-column file has none, and any will do."""
    lines = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]
    best, best_score = DELIMITERS[0], (0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        score = (sum(1 for count in counts if count == counts[0]), counts[0])
        if score > best_score:
            best, best_score = delimiter, score
    return best


# -- XLSX ------------------------------------------------------------------------------------


def _xlsx_records(data: bytes, name: str) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows as text, with formulas read as their saved values and each
    merged range's value in every cell it covers (what the user sees)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ImportFileError(
            _(
                "{filename} looks like an Excel workbook but could not be opened; it may be "
                "damaged. Open it in Excel or LibreOffice and save it again."
            ).format(filename=name)
        ) from error
    try:
        sheet = workbook.worksheets[0]
        merged, uncalculated = _sheet_structure(sheet)
        if uncalculated:
            raise ImportFileError(
                _(
                    "Cell {cell} of {filename} holds a formula whose value was never "
                    "calculated; open the file in Excel or LibreOffice, save it, and import "
                    "it again."
                ).format(cell=uncalculated, filename=name)
            )
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            rows.append((number, [_cell_text(value) for value in values]))
            if len(rows) > MAX_ROWS + HEADER_SEARCH_ROWS:
                break
    finally:
        workbook.close()
    _fill_merged(rows, merged)
    return iter(rows)


def _sheet_structure(sheet: Any) -> tuple[list[tuple[int, int, int, int]], str]:
    """The sheet's merged ranges and the first formula cell without a saved value.

    The read-only reader streams cell values only, so the sheet's XML is read once more,
    element by element, for what it leaves out.
    """
    from openpyxl.utils import range_boundaries

    merged: list[tuple[int, int, int, int]] = []
    uncalculated = ""
    try:
        with sheet._get_source() as source:
            for _event, element in iterparse(source):
                if element.tag == f"{_SHEET_NS}mergeCell":
                    merged.append(range_boundaries(element.get("ref", "")))
                elif element.tag == f"{_SHEET_NS}c":
                    formula = element.find(f"{_SHEET_NS}f")
                    value = element.find(f"{_SHEET_NS}v")
                    if (
                        not uncalculated
                        and formula is not None
                        and (value is None or value.text is None)
                    ):
                        uncalculated = element.get("r", "")
                    element.clear()
    except (ParseError, ValueError, TypeError):
        return [], ""  # the values were read; without the extras the file still imports
    return merged, uncalculated


def _fill_merged(rows: list[tuple[int, list[str]]], merged: Iterable[tuple[int, ...]]) -> None:
    by_number = {number: cells for number, cells in rows}
    for min_col, min_row, max_col, max_row in merged:
        top = by_number.get(min_row)
        if top is None or len(top) < min_col:
            continue
        value = top[min_col - 1]
        for number in range(min_row, max_row + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            if len(cells) < max_col:
                cells.extend([""] * (max_col - len(cells)))
            for column in range(min_col, max_col + 1):
                cells[column - 1] = value


def _cell_text(value: Any) -> str:
    """A cell's value as the user would type it: whole numbers without ".0", dates ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value == value else ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


# -- both ------------------------------------------------------------------------------------


def _table(
    name: str,
    records: Iterable[tuple[int, list[str]]],
    encoding: str = "",
    delimiter: str = "",
) -> Table:
    """Header and rows from numbered records: the header is the first row that names at
    least two different columns (a merged title above it names one), or the first row."""
    records = iter(records)
    leading: list[tuple[int, list[str]]] = []
    for number, cells in records:
        stripped = [cell.strip() for cell in cells]
        if any(stripped):
            leading.append((number, stripped))
        if len(leading) >= HEADER_SEARCH_ROWS:
            break
    if not leading:
        raise ImportFileError(
            _("{filename} is empty: it has no rows to import.").format(filename=name)
        )
    header_at = next(
        (i for i, (_n, cells) in enumerate(leading) if len({c for c in cells if c}) >= 2), 0
    )
    header_row, header_cells = leading[header_at]
    width = _width(header_cells)
    if width > MAX_COLUMNS:
        raise ImportFileError(
            _("{filename} has more than {limit} columns; is the header row right?").format(
                filename=name, limit=MAX_COLUMNS
            )
        )
    rows: list[SheetRow] = []
    for number, cells in chain(leading[header_at + 1 :], records):
        padded = [cell.strip() for cell in cells[:width]]
        if not any(padded):
            continue
        padded.extend([""] * (width - len(padded)))
        overflows = bool(delimiter) and any(cell.strip() for cell in cells[width:])
        rows.append(SheetRow(number, tuple(padded), overflows))
        if len(rows) > MAX_ROWS:
            raise ImportFileError(
                ngettext(
                    "{filename} has more than {limit} row; split it into smaller files.",
                    "{filename} has more than {limit} rows; split it into smaller files.",
                    MAX_ROWS,
                ).format(filename=name, limit=MAX_ROWS)
            )
    if not rows:
        raise ImportFileError(
            _("{filename} has a header row but no rows of data below it.").format(filename=name)
        )
    return Table(name, tuple(header_cells[:width]), header_row, tuple(rows), encoding, delimiter)


def _width(header: list[str]) -> int:
    """The header's columns up to its last named one."""
    width = len(header)
    while width and not header[width - 1]:
        width -= 1
    return width
