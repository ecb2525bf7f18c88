"""The broken-file corpus: every file an office might send, and what each import makes of it.

The files are in ``tests/data/imports`` (written by its ``make_corpus.py``); workbooks with
merged cells and formulas, and files of 100,000 rows, are made here.  Every case runs for
the three imports (organisations, activities, expenditures) on SQLite and on PostgreSQL.
A file that cannot be read is refused in one sentence naming it; a row that is wrong is
named by row and column and nothing at all is saved; what can be read is saved exactly.
"""

import csv
import importlib.util
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.domain.activity import Activity
from desktop.domain.grant import Expenditure
from desktop.domain.organisation import Organisation
from desktop.i18n import set_language
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.base import ImportOutcome
from desktop.services.imports.expenditures import ExpenditureImport
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.imports.reading import ImportFileError, read_table
from desktop.services.validation import clean_text
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_import_organisations import xlsx_with_computed_formula

DATA = Path(__file__).parents[1] / "data" / "imports"
_spec = importlib.util.spec_from_file_location("make_corpus", DATA / "make_corpus.py")
assert _spec is not None and _spec.loader is not None
corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpus)

KINDS = ("organisations", "activities", "expenditures")
DATED = ("activities", "expenditures")
IMPORTS = {
    "organisations": OrganisationImport,
    "activities": ActivityImport,
    "expenditures": ExpenditureImport,
}
MODELS = {"organisations": Organisation, "activities": Activity, "expenditures": Expenditure}
# The column the corpus puts free text in, and where that text is saved.
TEXTS = {
    "organisations": Organisation.name_sq,
    "activities": Activity.name_sq,
    "expenditures": Expenditure.description,
}
DATES = {"activities": Activity.start_date, "expenditures": Expenditure.spent_on}
# A column a workbook may merge down over two rows (the kind, the type, the budget line).
MERGED = {"organisations": 2, "activities": 1, "expenditures": 1}


def spec(kind: str) -> dict[str, Any]:
    return corpus.KINDS[kind]


def count(db: Database, kind: str) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count()).select_from(MODELS[kind])) or 0


def saved_texts(db: Database, kind: str) -> set[str]:
    with db.transaction() as session:
        return set(session.scalars(select(TEXTS[kind])))


def run(db: Database, kind: str, path: Path) -> ImportOutcome:
    table = read_table(path)
    importer = IMPORTS[kind](db)
    return importer.run(table, importer.guess(table))


def column(kind: str, index: int) -> str:
    """How a problem names the corpus's column ``index`` ("C: Titulli")."""
    return f"{chr(ord('A') + index)}: {spec(kind)['header'][index]}"


@pytest.fixture
def office(db: Database) -> Database:
    """The demo office: the projects, grants and budget lines the files name."""
    load_demo(db)
    return db


# -- files no import can read ---------------------------------------------------------------

UNREADABLE = {
    "empty.csv": "empty.csv is empty: it has no rows to import.",
    "blank-lines.csv": "blank-lines.csv is empty: it has no rows to import.",
    "picture.csv": "picture.csv is neither a CSV text file nor an Excel workbook",
    "old-excel.csv": "old-excel.csv is an old Excel 97–2003 workbook (.xls)",
    "not-a-zip.xlsx": "not-a-zip.xlsx is neither a CSV text file nor an Excel workbook",
    "damaged.xlsx": "damaged.xlsx looks like an Excel workbook but could not be opened",
    "{kind}/header-only.csv": "header-only.csv has a header row but no rows of data below it.",
    # A NUL among the first 8 KB: a program or a picture, whatever its name says.
    "{kind}/nul-early.csv": "nul-early.csv is neither a CSV text file nor an Excel workbook",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", UNREADABLE)
def test_a_file_that_is_no_table_is_refused_in_one_sentence_naming_it(
    db: Database, kind: str, name: str
) -> None:
    before = count(db, kind)

    with pytest.raises(ImportFileError) as refused:
        run(db, kind, DATA / name.format(kind=kind))

    assert str(refused.value).startswith(UNREADABLE[name])
    assert count(db, kind) == before


def test_the_refusal_is_in_the_users_language() -> None:
    set_language("sq")

    with pytest.raises(ImportFileError) as refused:
        read_table(DATA / "picture.csv")

    assert "picture.csv" in str(refused.value)
    assert not str(refused.value).startswith(UNREADABLE["picture.csv"])


# -- encodings and separators ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["windows-1250.csv", "utf-8-bom.csv", "utf-16-tab.csv"])
def test_every_encoding_and_separator_imports_every_letter(
    office: Database, kind: str, name: str
) -> None:
    before = count(office, kind)

    outcome = run(office, kind, DATA / kind / name)

    assert outcome.errors == ()
    assert outcome.imported == 2
    assert count(office, kind) == before + 2
    texts = [row[spec(kind)["text"]] for row in spec(kind)["rows"]]
    assert set(texts) <= saved_texts(office, kind)  # č ć š ž đ ë ç „“ – as typed


# -- rows that are wrong --------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_row_split_by_a_stray_separator_is_named_and_nothing_is_saved(
    office: Database, kind: str
) -> None:
    before = count(office, kind)

    outcome = run(office, kind, DATA / kind / "ragged.csv")

    assert outcome.imported == 0
    beyond = chr(ord("A") + len(spec(kind)["header"]))
    assert (3, beyond) in [(error.row, error.column) for error in outcome.errors]
    assert {error.row for error in outcome.errors} == {3, 4}  # row 4 lacks its cells
    assert count(office, kind) == before


@pytest.mark.parametrize("kind", KINDS)
def test_a_ten_thousand_character_cell_is_named_and_nothing_is_saved(
    office: Database, kind: str
) -> None:
    before = count(office, kind)

    outcome = run(office, kind, DATA / kind / "long-cell.csv")

    assert outcome.imported == 0
    [error] = outcome.errors
    assert (error.row, error.column) == (3, column(kind, spec(kind)["text"]))
    assert error.message == "Too long: at most 500 characters."
    assert count(office, kind) == before


@pytest.mark.parametrize("kind", DATED)
def test_dates_in_three_formats_are_read_day_first(office: Database, kind: str) -> None:
    outcome = run(office, kind, DATA / kind / "dates.csv")

    assert outcome.imported == 3
    with office.transaction() as session:
        dates = session.scalars(select(DATES[kind]).where(DATES[kind] == date(2026, 12, 31))).all()
    assert len(dates) >= 3


@pytest.mark.parametrize("kind", DATED)
def test_a_month_first_date_is_refused_not_turned_round(office: Database, kind: str) -> None:
    before = count(office, kind)

    outcome = run(office, kind, DATA / kind / "month-first.csv")

    assert outcome.imported == 0
    [error] = outcome.errors
    assert (error.row, error.column) == (3, column(kind, spec(kind)["date"]))
    assert "“12/31/2026” puts the month first" in error.message
    assert count(office, kind) == before


def test_amounts_with_comma_decimals_and_grouping(office: Database) -> None:
    outcome = run(office, "expenditures", DATA / "expenditures" / "amounts.csv")

    assert outcome.errors == ()
    with office.transaction() as session:
        amounts = session.scalars(
            select(Expenditure.original_amount)
            .where(Expenditure.invoice_reference.like("AM-%"))
            .order_by(Expenditure.invoice_reference)
        ).all()
    assert [Decimal(amount) for amount in amounts] == [
        Decimal("1234.56"), Decimal("1234.56"), Decimal("1234.56"), Decimal("1234.50"),
        Decimal("980.00"),
    ]  # fmt: skip


# -- hostile text ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_formulas_and_direction_marks_are_saved_as_text_never_run(
    office: Database, kind: str
) -> None:
    outcome = run(office, kind, DATA / kind / "formula-and-marks.csv")

    assert outcome.errors == ()
    # kept as typed text, the direction mark too; only the direction override is dropped
    saved = clean_text(corpus.HOSTILE)
    assert saved.startswith("\u200fZe\u0308ri") and "\u202e" not in saved and "=HYPERLINK(" in saved
    assert saved in saved_texts(office, kind)


@pytest.mark.parametrize("kind", KINDS)
def test_a_nul_deep_in_the_file_is_dropped_from_the_text(office: Database, kind: str) -> None:
    before = count(office, kind)

    outcome = run(office, kind, DATA / kind / "nul-late.csv")

    assert outcome.errors == ()
    assert count(office, kind) == before + 161
    texts = saved_texts(office, kind)
    assert "Zëri i Grave 999" in texts
    assert not any("\x00" in text for text in texts if text)


# -- workbooks ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_workbook_with_a_title_merged_cells_and_a_formula_imports(
    office: Database, tmp_path: Path, kind: str
) -> None:
    header, rows, text = spec(kind)["header"], spec(kind)["rows"], spec(kind)["text"]
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = f"{kind} 2026"
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append(header)
    first = list(rows[0])
    first[text] = f'=CONCATENATE("{first[text][:5]}","{first[text][5:]}")'
    sheet.append(first)
    second = list(rows[1])
    merged = MERGED[kind]
    second[merged] = None  # row 4's cell is row 3's, merged down
    sheet.append(second)
    sheet.merge_cells(start_row=3, start_column=merged + 1, end_row=4, end_column=merged + 1)
    path = xlsx_with_computed_formula(
        tmp_path / f"{kind}.xlsx", workbook, f"{chr(ord('A') + text)}3", rows[0][text]
    )
    before = count(office, kind)

    outcome = run(office, kind, path)

    assert outcome.errors == ()
    assert count(office, kind) == before + 2
    assert {rows[0][text], rows[1][text]} <= saved_texts(office, kind)


# -- size -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind",
    [
        "organisations",
        # Minutes each on a laptop (every row goes through its form's checks): run by
        # `make test-slow`, so that `make test` stays a few minutes long.
        pytest.param("activities", marks=pytest.mark.slow),
        pytest.param("expenditures", marks=pytest.mark.slow),
    ],
)
def test_a_hundred_thousand_rows_are_checked_and_saved(
    office: Database, tmp_path: Path, kind: str
) -> None:
    rows = spec(kind)["rows"]
    vary = spec(kind)["vary"]
    path = tmp_path / f"{kind}-100000.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(spec(kind)["header"])
        writer.writerows(vary(rows[n % 2], n) for n in range(100_000))
    before = count(office, kind)

    started = time.perf_counter()
    outcome = run(office, kind, path)
    elapsed = time.perf_counter() - started

    print(f"100,000 {kind} read, checked and saved in {elapsed:.1f} s")
    assert outcome.errors == ()
    assert count(office, kind) == before + 100_000
