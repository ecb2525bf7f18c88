"""Importing partners and other organisations from the files offices actually send."""

import csv
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from desktop.domain.audit import AuditAction
from desktop.domain.organisation import OrganisationKind
from desktop.i18n import set_language
from desktop.services.audit_log import AuditLogService
from desktop.services.errors import ServiceError
from desktop.services.imports.base import ImportCancelled
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.imports.reading import ImportFileError, read_table
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationService
from desktop.store.database import Database
from tests.ui.helpers import add_organisation

HEADER = ["Emri", "Name", "Lloji", "Komuna", "E-mail", "Nr. i regjistrimit"]
ROWS = [
    ["Iniciativa e të Rinjve për të Drejtat e Njeriut", "Youth Initiative for Human Rights",
     "OJQ", "Prishtinë", "info@yihr.example", "5110123-4"],
    ["Zëri i Grave", "", "Partner CSO", "Gjakovë", "", ""],
    ["Komuna e Graçanicës", "Municipality of Gračanica", "Institucion", "Graçanicë", "", ""],
    ["", "EU Office in Kosovo", "donor", "", "contact@eu.example", ""],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)
    return path


def organisations(db: Database) -> dict[str, object]:
    service = OrganisationService(db)
    rows = service.page(ListQuery(language="en", include_archived=True), 0, 1000)
    return {row.name: service.get(row.id).form for row in rows}


def run(db: Database, path: Path):
    table = read_table(path)
    importer = OrganisationImport(db)
    return importer.run(table, importer.guess(table))


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ","), ("utf-8", ";"), ("cp1250", ";"), ("utf-8-sig", "\t")],
)
def test_a_csv_from_an_office_imports_every_organisation(
    db: Database, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write_csv(tmp_path / "partners.csv", [HEADER, *ROWS], encoding, delimiter)

    outcome = run(db, path)

    assert outcome.errors == ()
    assert outcome.imported == 4
    found = organisations(db)
    youth = found["Youth Initiative for Human Rights"]
    assert youth.name_sq == "Iniciativa e të Rinjve për të Drejtat e Njeriut"
    assert youth.kind == OrganisationKind.PARTNER_CSO
    assert youth.email == "info@yihr.example"
    assert youth.registration_number == "5110123-4"
    assert found["Municipality of Gračanica"].kind == OrganisationKind.INSTITUTION
    assert found["EU Office in Kosovo"].kind == OrganisationKind.DONOR
    assert found["Zëri i Grave"].name_en == ""
    places = {row.name: row.municipality for row in OrganisationService(db).page(ListQuery())}
    assert places["Municipality of Gračanica"] == "Graçanicë/Gračanica"
    assert places["Youth Initiative for Human Rights"] == "Prishtinë/Priština"


def test_serbian_headers_and_cyrillic_names_go_to_their_languages(
    db: Database, tmp_path: Path
) -> None:
    rows = [
        ["Назив", "Naziv", "Vrsta", "Opština"],
        ["Иницијатива младих за људска права", "Inicijativa mladih za ljudska prava", "NVO",
         "Северна Митровица"],
    ]  # fmt: skip
    path = write_csv(tmp_path / "partneri.csv", rows, "utf-8", ";")

    outcome = run(db, path)

    assert outcome.imported == 1
    [form] = organisations(db).values()
    assert form.name_sr == "Иницијатива младих за људска права"
    assert form.name_sr_latn == "Inicijativa mladih za ljudska prava"
    [row] = OrganisationService(db).page(ListQuery(language="sr"))
    assert row.municipality == "Северна Митровица"


def xlsx_with_computed_formula(path: Path, workbook: Workbook, cell: str, value: str) -> Path:
    """Save ``workbook`` as Excel would: openpyxl writes formulas without their computed
    value, so the value of the formula in ``cell`` is put into the sheet's XML."""
    plain = path.with_name("plain.xlsx")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                start = data.index(f'<c r="{cell}"'.encode())
                end = data.index(b"</c>", start)
                formula = data[start:end].split(b"<f>")[1].split(b"</f>")[0]
                data = (
                    data[:start]
                    + f'<c r="{cell}" t="str"><f>'.encode()
                    + formula
                    + f"</f><v>{value}</v>".encode()
                    + data[end:]
                )
            target.writestr(item, data)
    return path


def test_an_xlsx_with_a_title_a_formula_and_merged_cells_imports(
    db: Database, tmp_path: Path
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "Partners 2026"
    sheet.merge_cells("A1:D1")
    sheet.append(["Name", "Emri", "Kind", "Registration number"])
    sheet.append(["Democracy Plus", "Demokracia Plus", "Partner CSO", 70123])
    sheet.append(["Kosovar Civil Society Foundation", "Fondacioni Kosovar", None, 70456])
    sheet.merge_cells("C3:C4")  # one kind written once for two partners
    sheet.append(['=CONCATENATE("Community ","Building")', "Ndërtimi i Komunitetit", "donor"])
    path = xlsx_with_computed_formula(
        tmp_path / "partners.xlsx", workbook, "A5", "Community Building"
    )

    outcome = run(db, path)

    assert outcome.errors == ()
    assert outcome.imported == 3
    found = organisations(db)
    assert found["Democracy Plus"].registration_number == "70123"
    assert found["Kosovar Civil Society Foundation"].kind == OrganisationKind.PARTNER_CSO
    assert found["Community Building"].name_sq == "Ndërtimi i Komunitetit"
    assert found["Community Building"].kind == OrganisationKind.DONOR


def test_an_xlsx_formula_never_calculated_is_refused_by_its_cell(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Name", "Acronym"])
    workbook.active.append(["=UPPER(B2)", "kcsf"])
    workbook.save(tmp_path / "new.xlsx")

    with pytest.raises(ImportFileError, match=r"Cell A2 of new\.xlsx holds a formula"):
        read_table(tmp_path / "new.xlsx")


def test_one_bad_row_imports_nothing_and_names_its_row_and_column(
    db: Database, tmp_path: Path
) -> None:
    rows = [HEADER, *ROWS]
    rows[3] = [*rows[3][:4], "komuna.gracanica(at)rks", ""]  # spreadsheet row 4
    rows[4] = [*rows[4][:2], "bank", *rows[4][3:]]  # row 5: no such kind
    path = write_csv(tmp_path / "partners.csv", rows, "utf-8", ";")

    outcome = run(db, path)

    assert outcome.imported == 0
    assert [(error.row, error.column) for error in outcome.errors] == [
        (4, "E: E-mail"),
        (5, "C: Lloji"),
    ]
    assert "komuna.gracanica(at)rks" in outcome.errors[0].message
    assert "Donor" in outcome.errors[1].message
    assert organisations(db) == {}


def test_errors_are_in_the_users_language(db: Database, tmp_path: Path) -> None:
    rows = [["Emri", "Lloji", "E-mail"], ["Zëri i Grave", "Donatori", "info(at)zeri"]]
    path = write_csv(tmp_path / "p.csv", rows, "utf-8", ",")
    table = read_table(path)
    importer = OrganisationImport(db)
    set_language("sq")

    [error] = importer.check(table, importer.guess(table))

    assert (error.row, error.column) == (2, "C: E-mail")
    assert error.message == "„info(at)zeri“ nuk është adresë e-maili."


def test_kinds_are_understood_in_every_language(db: Database, tmp_path: Path) -> None:
    rows = [
        ["Name", "Kind"],
        ["Embassy A", "Donatori"],
        ["Embassy B", "Донатор"],
        ["Ministry C", "Javna institucija"],
        ["Network D", "international_ngo"],
    ]
    outcome = run(db, write_csv(tmp_path / "kinds.csv", rows, "utf-8", ","))

    assert outcome.errors == ()
    found = organisations(db)
    assert [found[name].kind for name in ("Embassy A", "Embassy B", "Network D")] == [
        OrganisationKind.DONOR,
        OrganisationKind.DONOR,
        OrganisationKind.INTERNATIONAL_NGO,
    ]
    assert found["Ministry C"].kind == OrganisationKind.INSTITUTION


def test_duplicates_in_the_file_and_in_the_database_are_reported(
    db: Database, tmp_path: Path
) -> None:
    add_organisation(db, "Kosovar Civil Society Foundation", OrganisationKind.PARTNER_CSO)
    add_organisation(
        db, "Democracy Plus", OrganisationKind.PARTNER_CSO, registration_number="70123"
    )
    rows = [
        ["Name", "Registration number"],
        ["KOSOVAR civil society foundation", ""],  # 2: in the database, other case
        ["D+ Democracy Plus", "70 123"],  # 3: its number is taken
        ["Zëri i Grave", ""],  # 4
        ["Zeri i grave", ""],  # 5: row 4 again, without the accent
        ["Red Cross Prizren", "111"],  # 6
        ["Red Cross Prizren", "222"],  # 7: another branch, told apart by its number
    ]
    path = write_csv(tmp_path / "partners.csv", rows, "utf-8", ",")

    outcome = run(db, path)

    assert outcome.imported == 0
    problems = {(error.row, error.column): error.message for error in outcome.errors}
    assert set(problems) == {(2, "A: Name"), (3, "B: Registration number"), (5, "A: Name")}
    assert "already in CSO Desk" in problems[2, "A: Name"]
    assert "registration number" in problems[3, "B: Registration number"]
    assert "Row 4" in problems[5, "A: Name"]
    assert len(organisations(db)) == 2


def test_a_name_column_must_be_chosen(db: Database, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["Whatever", "Acronym"], ["x", "y"]], "utf-8", ",")
    table = read_table(path)

    with pytest.raises(ServiceError, match="names"):
        OrganisationImport(db).run(table, {"acronym": 1})


def test_cancelling_while_saving_saves_nothing(db: Database, tmp_path: Path) -> None:
    rows = [["Name"], *([f"Partner {number}"] for number in range(250))]
    path = write_csv(tmp_path / "many.csv", rows, "utf-8", ",")
    table = read_table(path)
    importer = OrganisationImport(db)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 300  # 250 checked, then 50 saved: stop

    with pytest.raises(ImportCancelled):
        importer.run(table, importer.guess(table), progress)

    assert calls[-1] == (300, 500)
    assert organisations(db) == {}


def test_an_empty_file_and_a_binary_file_get_their_messages(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "blank.csv").write_text("\n ;;\n\n", encoding="utf-8")
    (tmp_path / "header.csv").write_text("Name;Acronym\n", encoding="utf-8")
    (tmp_path / "photo.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "old.csv").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 64)
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 this is not a workbook")

    def message(name: str) -> str:
        with pytest.raises(ImportFileError) as refused:
            read_table(tmp_path / name)
        return str(refused.value)

    assert message("empty.csv") == "empty.csv is empty: it has no rows to import."
    assert message("blank.csv") == "blank.csv is empty: it has no rows to import."
    assert "no rows of data" in message("header.csv")
    assert "neither a CSV text file nor an Excel workbook" in message("photo.csv")
    assert ".xls" in message("old.csv")
    assert "damaged" in message("broken.xlsx")
    set_language("sq")
    assert message("photo.csv") != "" and "photo.csv" in message("photo.csv")


def test_ten_thousand_rows_import(db: Database, tmp_path: Path) -> None:
    rows = [["Name", "Emri", "Acronym", "Kind", "Municipality", "E-mail"]]
    rows += [
        [f"Partner {n}", f"Partneri {n}", f"P{n}", "Partner CSO", "Prizren", f"p{n}@example.org"]
        for n in range(10_000)
    ]
    path = write_csv(tmp_path / "big.csv", rows, "utf-8-sig", ";")

    started = time.perf_counter()
    outcome = run(db, path)
    elapsed = time.perf_counter() - started

    print(f"10,000 organisations read, checked and imported in {elapsed:.2f} s")
    assert outcome.imported == 10_000
    assert OrganisationService(db).count(ListQuery(search="partneri 9999")) == 1


def test_each_imported_organisation_has_the_audit_entry_the_form_would_write(
    db: Database, tmp_path: Path
) -> None:
    add_organisation(db, "Typed in the form", OrganisationKind.DONOR, email="a@b.example")
    rows = [["Name", "Kind", "E-mail"], ["Imported", "Donor", "c@d.example"]]
    run(db, write_csv(tmp_path / "one.csv", rows, "utf-8", ","))

    entries = AuditLogService(db).page(ListQuery(filters=(("entity", "organisations"),)))

    assert {entry.record: entry.action for entry in entries} == {
        "Typed in the form": AuditAction.CREATE,
        "Imported": AuditAction.CREATE,
    }
    typed, imported = sorted(entries, key=lambda entry: entry.record != "Typed in the form")
    assert [change.column for change in imported.changes] == [
        change.column for change in typed.changes
    ]
    assert imported.entity_uuid == OrganisationService(db).get(imported.entity_id).uuid
