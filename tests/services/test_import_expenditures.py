"""Importing a grant's expenditures from the ledgers finance officers keep."""

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain.audit import AuditAction
from desktop.domain.user import Role
from desktop.i18n import set_language, translator_for
from desktop.services.actor import Actor
from desktop.services.audit_log import AuditLogService
from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.imports.base import ImportCancelled
from desktop.services.imports.expenditures import ExpenditureImport
from desktop.services.imports.reading import read_table
from desktop.services.listing import ListQuery
from desktop.services.permissions import PermissionDenied
from desktop.store.database import Database
from desktop.store.demo import load_demo

GRANT = "2025/461-198"
ALBANIAN = ["Granti", "Linja buxhetore", "Data", "Përshkrimi", "Furnitori", "Nr i faturës",
            "Shuma", "Valuta", "Kursi"]  # fmt: skip
ROWS = [
    [GRANT, "5.1", "14.04.2026", "Salla dhe ushqimi, konsultim në Gjakovë", "Hotel Carshia",
     "HC-2026-77", "1.234,56", "", ""],
    ["2025/461 - 198", "Albanian–Serbian interpretation", "2026-04-15", "Përkthim simultan",
     "Lingua Translations", "LT-26-090", "480", "EUR", ""],
    [GRANT, "4.1 Office rent and utilities, Prishtinë/Priština and North Mitrovica",
     "16/04/2026", "Qiraja e zyrës në Mitrovicë të Veriut", "Zgrada d.o.o.", "Z-0416",
     "60.000,00", "RSD", "0,0085"],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", sep: str = ";") -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=sep).writerows(rows)
    return path


def run(db: Database, path: Path, actor: Actor | None = None):
    table = read_table(path)
    importer = ExpenditureImport(db, actor)
    return importer.run(table, importer.guess(table))


def ledger(db: Database) -> dict[str, object]:
    """The grant's expenditures by invoice reference."""
    service = ExpenditureService(db)
    grant_id = GrantService(db).find(GRANT)
    return {row.invoice_reference: row for row in service.page(grant_id, ListQuery(), 0, 1000)}


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def test_an_albanian_ledger_with_comma_decimals_imports(demo: Database, tmp_path: Path) -> None:
    before = len(ledger(demo))
    path = write_csv(tmp_path / "shpenzimet.csv", [ALBANIAN, *ROWS], "utf-8-sig")

    outcome = run(demo, path)

    assert outcome.errors == ()
    assert outcome.imported == 3
    found = ledger(demo)
    assert len(found) == before + 3
    venue = found["HC-2026-77"]
    assert (venue.line_code, str(venue.spent_on), venue.supplier) == (
        "5.1", "2026-04-14", "Hotel Carshia")  # fmt: skip
    assert (venue.original_amount, venue.original_currency, venue.amount) == (
        Decimal("1234.56"), "EUR", Decimal("1234.56"))  # fmt: skip
    assert found["LT-26-090"].line_code == "5.2"
    rent = found["Z-0416"]
    assert (rent.line_code, rent.original_currency, rent.rate) == ("4.1", "RSD", Decimal("0.0085"))
    assert rent.amount == Decimal("510.00")
    assert (
        ExpenditureService(demo).count(GrantService(demo).find(GRANT), ListQuery(search="carshia"))
        == 1
    )


def test_serbian_headers_are_guessed(demo: Database, tmp_path: Path) -> None:
    header = ["Broj ugovora", "Budžetska linija", "Datum", "Opis", "Dobavljač", "Broj računa",
              "Iznos", "Valuta", "Kurs"]  # fmt: skip
    table = read_table(write_csv(tmp_path / "troskovi.csv", [header, ["x"] * len(header)]))

    mapping = ExpenditureImport(demo).guess(table)

    assert mapping == {
        "grant": 0, "budget_line": 1, "spent_on": 2, "description": 3, "supplier": 4,
        "invoice_reference": 5, "original_amount": 6, "original_currency": 7, "rate": 8,
    }  # fmt: skip


def test_errors_name_the_row_and_column_in_albanian(demo: Database, tmp_path: Path) -> None:
    rows = [ALBANIAN, *ROWS]
    rows[1] = [*rows[1][:6], "njëqind", *rows[1][7:]]  # row 2: no amount
    rows[3] = [rows[3][0], "9.9", *rows[3][2:]]  # row 4: no such line
    table = read_table(write_csv(tmp_path / "s.csv", rows))
    importer = ExpenditureImport(demo)
    set_language("sq")

    errors = importer.check(table, importer.guess(table))

    sq = translator_for("sq").gettext
    assert [(error.row, error.column) for error in errors] == [
        (2, "G: Shuma"),
        (4, "B: Linja buxhetore"),
    ]
    assert errors[0].message == sq("“{value}” is not an amount.").format(value="njëqind")
    assert errors[0].message == "„njëqind“ nuk është shumë e vlefshme."
    assert "9.9" in errors[1].message


def test_what_the_expenditure_form_refuses_the_import_refuses(
    demo: Database, tmp_path: Path
) -> None:
    rows = [ALBANIAN, *ROWS]
    rows[1] = [rows[1][0], rows[1][1], "01.01.2030", *rows[1][3:]]  # after the grant's end
    rows[2] = ["1999/000-000", *rows[2][1:]]  # no such grant
    rows[3] = [*rows[3][:8], ""]  # dinars without a rate

    outcome = run(demo, write_csv(tmp_path / "s.csv", rows))

    assert outcome.imported == 0
    problems = {(error.row, error.column): error.message for error in outcome.errors}
    assert set(problems) == {(2, "C: Data"), (3, "A: Granti"), (4, "I: Kursi")}
    assert "outside" in problems[2, "C: Data"]
    assert "1999/000-000" in problems[3, "A: Granti"]
    assert "exchange rate" in problems[4, "I: Kursi"]


def test_one_bad_row_saves_nothing(demo: Database, tmp_path: Path) -> None:
    before = ledger(demo)
    rows = [ALBANIAN, *ROWS, [*ROWS[0][:5], "HC-2026-78", "-50,00", "", ""]]

    outcome = run(demo, write_csv(tmp_path / "s.csv", rows))

    assert outcome.imported == 0
    assert [(error.row, error.column) for error in outcome.errors] == [(5, "G: Shuma")]
    assert ledger(demo).keys() == before.keys()


def test_duplicates_by_grant_invoice_and_supplier(demo: Database, tmp_path: Path) -> None:
    rows = [
        ALBANIAN,
        [GRANT, "3.1", "12.06.2025", "Laptops", "TECHPOINT SH.P.K.", "tp-25-0612", "10", "", ""],
        [GRANT, "5.1", "01.05.2026", "Catering", "Restoran Lipa", "RL-0501", "100", "", ""],
        [GRANT, "5.1", "02.05.2026", "Catering", "Restoran Lipa", "RL 0501", "100", "", ""],
        [GRANT, "5.1", "02.05.2026", "Catering", "Other caterer", "RL-0501", "100", "", ""],
        [GRANT, "2.1", "03.05.2026", "Bus", "", "", "3,50", "", ""],
        [GRANT, "2.1", "03.05.2026", "Bus", "", "", "3,50", "", ""],  # no invoice: two tickets
    ]

    outcome = run(demo, write_csv(tmp_path / "s.csv", rows))

    problems = {(error.row, error.column): error.message for error in outcome.errors}
    assert set(problems) == {(2, "F: Nr i faturës"), (4, "F: Nr i faturës")}
    assert "already" in problems[2, "F: Nr i faturës"]
    assert "Row 3" in problems[4, "F: Nr i faturës"]


def test_each_imported_expenditure_is_audited(demo: Database, tmp_path: Path) -> None:
    run(demo, write_csv(tmp_path / "s.csv", [ALBANIAN, ROWS[2]]))
    rent = ledger(demo)["Z-0416"]

    [entry] = AuditLogService(demo).page(
        ListQuery(filters=(("entity", "expenditures"), ("entity_uuid", rent.uuid)))
    )

    assert (entry.action, entry.entity_id) == (AuditAction.CREATE, rent.id)
    changes = {change.column for change in entry.changes}
    assert {"original_amount", "rate", "amount", "invoice_reference"} <= changes


def test_cancelling_while_saving_saves_nothing(demo: Database, tmp_path: Path) -> None:
    before = ledger(demo)
    rows = [ALBANIAN] + [[*ROWS[0][:5], f"HC-{n}", *ROWS[0][6:]] for n in range(250)]
    table = read_table(write_csv(tmp_path / "s.csv", rows))
    importer = ExpenditureImport(demo)

    with pytest.raises(ImportCancelled):
        importer.run(table, importer.guess(table), lambda done, total: done < 300)

    assert ledger(demo).keys() == before.keys()


def test_a_viewer_cannot_import(demo: Database, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        run(demo, write_csv(tmp_path / "s.csv", [ALBANIAN, ROWS[0]]), Actor("v", Role.VIEWER))


SAMPLES = Path(__file__).parents[2] / "docs" / "import-samples"


@pytest.mark.parametrize("name", ["expenditures.csv", "expenditures.xlsx"])
def test_the_documented_sample_imports_as_the_guide_says(demo: Database, name: str) -> None:
    table = read_table(SAMPLES / name)
    importer = ExpenditureImport(demo)
    mapping = importer.guess(table)

    outcome = importer.run(table, mapping)

    assert None not in mapping.values()  # every column of the layout is recognised
    assert (outcome.imported, outcome.errors) == (3, ())
    assert ledger(demo)["Z-0416"].amount == Decimal("510.00")
