"""Random and hostile tables fed to the importers of activities, expenditures and
organisations, as CSV in three encodings and two separators, as XLSX, and as random bytes
renamed .csv.

Whatever the file, reading, guessing the mapping and ``check`` raise nothing but our own
refusals and place every problem on a row and a column of the file; ``run`` imports every
row or none (the database, audit log included, is then exactly as it was); and a table
that ``check`` accepts is imported completely: the all-or-nothing promise of point 12.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from desktop.domain.activity import Activity
from desktop.domain.audit import AuditEntry
from desktop.domain.grant import Expenditure
from desktop.domain.organisation import Organisation
from desktop.services.errors import ServiceError
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.base import ImportOutcome, RowError
from desktop.services.imports.expenditures import ExpenditureImport
from desktop.services.imports.mapping import Mapping, TargetField, plain_label
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.imports.reading import Table, read_table
from desktop.services.imports.table_import import TableImport
from desktop.store.database import Database
from tests.properties.harness import Refused, attempt, dump, succeeded
from tests.properties.strategies import (
    CSV_DELIMITERS,
    CSV_ENCODINGS,
    csv_bytes,
    header_names,
    table_cells,
)

_numbers = itertools.count(1)
_unique = st.builds(lambda: next(_numbers))


def _texts(*good: str) -> st.SearchStrategy[str]:
    return st.sampled_from(good)


# What each column holds when an office fills it as meant, by field key: the demo's
# projects, grants, budget lines and places, dates inside every demo project, titles and
# invoice references that no other row has.
_GOOD_CELLS: dict[str, dict[str, st.SearchStrategy[str]]] = {
    "activities": {
        "project": _texts("CSK-2025-01", "csk-2025-03", "CSK-2026-01"),
        "activity_type": _texts("training", "Training", "workshop", "public_consultation"),
        "name_en": _unique.map(lambda n: f"Workshop on safety {n}"),
        "name_sq": _unique.map(lambda n: f"Punëtori për sigurinë {n}"),
        "name_sr": _unique.map(lambda n: f"Радионица о безбедности {n}"),
        "name_sr_latn": _texts(""),
        "start_date": _texts("15.03.2026", "2026-03-15", "15/3/2026", "15.03.2026."),
        "end_date": _texts("", "2026-03-16", "16.03.2026"),
        "municipality": _texts("", "Gjakovë", "Zvečan", "gjakove"),
        "venue": _texts("", "Salla e Kuvendit", "Дом културе"),
        "community": _texts("", "Albanian", "Srbi", "serb", "roma"),
        "women": _texts("", "0", "12", "7"),
        "men": _texts("", "3", "11"),
        "other_gender": _texts("", "1"),
        "participants_total": _texts("", "40"),
        "description": _texts("", "Dëgjim publik; Јавна расправа"),
    },
    "expenditures": {
        "grant": _texts("2025/461-198", "2025/461 - 198"),
        "budget_line": _texts("5.1", "1.1", "5.2", "2.1"),
        "spent_on": _texts("14.04.2026", "2026-04-15", "16/04/2026"),
        "description": _texts("Salla dhe ushqimi", "Превод", "Printing"),
        "supplier": _texts("Hotel Carshia", "Lingua Translations", ""),
        "invoice_reference": st.one_of(st.just(""), _unique.map(lambda n: f"PBT-{n}")),
        "original_amount": _texts("1.234,56", "480", "12,5", "1 234,50 €", "0,99"),
        "original_currency": _texts("", "EUR"),
        "rate": _texts(""),
    },
    "organisations": {
        "name_en": _unique.map(lambda n: f"Youth Initiative {n}"),
        "name_sq": _unique.map(lambda n: f"Iniciativa e të Rinjve {n}"),
        "name_sr": _texts(""),
        "name_sr_latn": _texts(""),
        "acronym": _texts("", "YIHR"),
        "kind": _texts("", "OJQ", "donor", "Partner CSO", "Institucion"),
        "registration_number": st.one_of(st.just(""), _unique.map(lambda n: f"5110-{n}")),
        "municipality": _texts("", "Prishtinë", "Gjakovë", "Graçanicë"),
        "address": _texts("", "Rr. Nënë Tereza 12"),
        "email": _texts("", "info@yihr.example"),
        "phone": _texts("", "+383 44 123 456"),
        "website": _texts("", "https://yihr.example"),
        "notes": _texts("", "Partner since 2019"),
    },
}


@dataclass(frozen=True)
class _Kind:
    importer: type[TableImport]
    model: type

    def make(self, db: Database) -> TableImport:
        return self.importer(db)


_KINDS = {
    "activities": _Kind(ActivityImport, Activity),
    "expenditures": _Kind(ExpenditureImport, Expenditure),
    "organisations": _Kind(OrganisationImport, Organisation),
}


def _spellings(target: TargetField) -> tuple[str, ...]:
    return (plain_label(target.label), target.key, *target.aliases)


@st.composite
def _tables(draw: st.DrawFn, kind: str) -> list[list[str]]:
    """A header and up to five rows: either a table filled as the office means it (every
    column, headed by one of its real spellings), or one with hostile cells mixed in,
    random header names, columns left out or added, a title above the header."""
    fields = _KINDS[kind].importer.fields
    good = _GOOD_CELLS[kind]
    hostile = draw(st.integers(0, 2)) == 0
    if hostile:
        chosen = [target for target in fields if draw(st.integers(0, 9)) > 0]
        header = [draw(header_names(_spellings(target))) for target in chosen]
    else:
        chosen = list(fields)
        header = [draw(st.sampled_from(_spellings(target))) for target in chosen]
    order = draw(st.permutations(range(len(chosen))))
    chosen, header = [chosen[i] for i in order], [header[i] for i in order]
    extra = draw(st.integers(0, 2))
    header += [draw(header_names(("Notes", "Shënime", "Напомена"))) for _ in range(extra)]

    def cell(strategy: st.SearchStrategy[str]) -> str:
        return draw(st.one_of(strategy, table_cells()) if hostile else strategy)

    rows = []
    for _ in range(draw(st.integers(0 if hostile else 1, 5))):
        row = [cell(good[target.key]) for target in chosen]
        row += [cell(st.just("")) for _ in range(extra)]
        if hostile and draw(st.integers(0, 4)) == 0:
            row.append(draw(table_cells()))  # a cell beyond the header's last column
        rows.append(row)
    title = [["Lista e aktiviteteve 2026"]] if draw(st.integers(0, 4)) == 0 else []
    return [*title, header, *rows]


@st.composite
def _csv_files(draw: st.DrawFn, kind: str) -> bytes:
    """A table as CSV bytes, or now and then random bytes renamed .csv."""
    if draw(st.integers(0, 7)) == 0:
        prefix = draw(st.sampled_from((b"", b"PK\x03\x04", b"\xff\xfe", b"\xef\xbb\xbf")))
        return prefix + draw(st.binary(max_size=600))
    rows = draw(_tables(kind))
    return csv_bytes(
        rows, draw(st.sampled_from(CSV_ENCODINGS)), draw(st.sampled_from(CSV_DELIMITERS))
    )


def _xlsx_value(text: str) -> Any:
    """A cell as a spreadsheet would hold it: whole numbers and ISO dates as such (what
    Excel makes of them), text without the characters XLSX cannot store."""
    if text.isascii() and text.isdigit() and len(text) < 10:
        return int(text)
    try:
        return date.fromisoformat(text) if len(text) == 10 else ILLEGAL_CHARACTERS_RE.sub("", text)
    except ValueError:
        return ILLEGAL_CHARACTERS_RE.sub("", text)


Merge = tuple[int, int, int, int]  # first row, first column, rows, columns (1-based)


def _xlsx_bytes(rows: list[list[str]], path: Path, merges: list[Merge], formula: bool) -> None:
    """The table as a workbook, with merged ranges anywhere (over the header, past the last
    row) and, with ``formula``, a formula Excel never calculated."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([_xlsx_value(cell) for cell in row])
    if formula:
        sheet.cell(row=len(rows), column=1, value="=SUM(B1:B3)")
    for top, left, height, width in merges:
        sheet.merge_cells(
            start_row=top, start_column=left, end_row=top + height, end_column=left + width
        )
    workbook.save(path)


_MERGES = st.lists(
    st.tuples(st.integers(1, 8), st.integers(1, 18), st.integers(0, 2), st.integers(0, 2)),
    max_size=2,
)


def _mappings(table: Table, importer: TableImport) -> st.SearchStrategy[Mapping]:
    """The importer's guess (as the dialog proposes it), or any column for any field (as a
    user may choose them)."""
    columns = st.one_of(st.none(), st.integers(0, max(len(table.header) - 1, 0)))
    chosen = st.fixed_dictionaries({target.key: columns for target in importer.fields})
    guessed = st.just(importer.guess(table))
    return st.one_of(guessed, guessed, guessed, chosen)


def _read(path: Path) -> Table | None:
    """The table, or ``None`` when the file is refused with our own error."""
    try:
        return read_table(path)
    except ServiceError as error:
        assert str(error).strip()
        return None


def _assert_located(errors: tuple[RowError, ...], table: Table, importer: TableImport) -> None:
    """Every problem names a row of the file and a column of it (or the field no column
    fills, or the column just past the header where an overflowing row went on)."""
    rows = {row.number for row in table.rows}
    columns = {table.column_name(index) for index in range(len(table.header))}
    columns |= {target.title() for target in importer.fields}
    columns.add(get_column_letter(len(table.header) + 1))
    for error in errors:
        assert error.row in rows, error
        assert error.column in columns, error
        assert error.message.strip(), error


def _cancelling_at(step: int | None) -> Callable[[int, int], bool] | None:
    if step is None:
        return None
    return lambda done, total: done < step


def _check_then_run(
    db: Database, kind: str, table: Table, data: st.DataObject
) -> ImportOutcome | Refused:
    """``check`` and ``run`` over one table, with the promises between them checked."""
    importer = _KINDS[kind].make(db)
    mapping = data.draw(_mappings(table, importer), label="mapping")
    cancel_at = data.draw(
        st.integers(0, 40).map(lambda step: step if step < 10 else None), label="cancel at step"
    )
    checked = attempt(db, lambda: importer.check(table, mapping))
    if succeeded(checked):
        _assert_located(checked, table, importer)
    before = dump(db)
    outcome = attempt(db, lambda: importer.run(table, mapping, _cancelling_at(cancel_at)))
    if not succeeded(outcome):
        return outcome  # ``attempt`` saw the database unchanged
    assert succeeded(checked), "check refused the mapping that run accepted"
    after = dump(db)
    if outcome.errors:
        assert outcome.imported == 0
        assert after == before, "an import with problems saved something"
        assert outcome.errors == checked, "run found other problems than check"
        return outcome
    assert checked == (), "check listed problems in a table that run imported"
    imported = len(table.rows)
    assert outcome.imported == imported, "not every row was imported"
    table_name = _KINDS[kind].model.__tablename__
    assert after[table_name][0] == before[table_name][0] + imported
    audit = AuditEntry.__tablename__
    assert after[audit][0] == before[audit][0] + imported
    return outcome


@pytest.mark.parametrize("kind", sorted(_KINDS))
def test_csv_files(demo_db: Database, tmp_path: Path, kind: str) -> None:
    imported: list[int] = []

    @given(_csv_files(kind), st.data())
    def check(data_bytes: bytes, data: st.DataObject) -> None:
        path = tmp_path / f"{kind}-{next(_numbers)}.csv"
        path.write_bytes(data_bytes)
        table = _read(path)
        if table is not None:
            outcome = _check_then_run(demo_db, kind, table, data)
            if succeeded(outcome) and not outcome.errors:
                imported.append(outcome.imported)

    check()
    # The strategies reach the success path too, not only refusals.
    assert any(imported), "no table was imported: the strategies only test refusals"


@pytest.mark.parametrize("kind", sorted(_KINDS))
def test_xlsx_files(demo_db: Database, tmp_path: Path, kind: str) -> None:
    """A few workbooks: writing XLSX is slow, and reading it shares the CSV's later steps."""

    @settings(max_examples=max(3, settings.default.max_examples // 6))
    @given(_tables(kind), _MERGES, st.integers(0, 5).map(lambda n: n == 0), st.data())
    def check(rows: list[list[str]], merges: list[Merge], formula: bool, data: Any) -> None:
        path = tmp_path / f"{kind}-{next(_numbers)}.xlsx"
        _xlsx_bytes(rows, path, merges, formula)
        table = _read(path)
        if table is not None:
            _check_then_run(demo_db, kind, table, data)

    check()
