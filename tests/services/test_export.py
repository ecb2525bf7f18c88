"""Exported lists read back as the list shows them: every matching row, search, filter and
order applied, dates as dates and amounts as numbers in XLSX, UTF-8 that Excel reads in CSV."""

import csv
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.organisation import OrganisationKind
from desktop.domain.project import ProjectStatus
from desktop.services.errors import ServiceError
from desktop.services.export import BATCH, ExportColumn, export_list
from desktop.services.export_xlsx import MAX_CELL_TEXT, clean_text, money_format, sheet_title
from desktop.services.grants import GrantRow, GrantService
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectRow, ProjectService
from desktop.services.validation import MAX_MONEY
from desktop.store.database import Database
from tests.ui.helpers import add_grant, add_organisation, add_project

COLUMNS = (
    ExportColumn("Code", lambda row: row.code),
    ExportColumn("Titulli", lambda row: row.name),
    ExportColumn("Start", lambda row: row.start_date),
    ExportColumn("Status", lambda row: row.status),
)


def some_projects(db: Database) -> None:
    add_project(db, "KS-03", "Безбедне заједнице у Звечану", status=ProjectStatus.ACTIVE)
    add_project(db, "KS-01", "Komunitete më të sigurta", status=ProjectStatus.ACTIVE)
    add_project(db, "KS-02", "Safer schools", status=ProjectStatus.PLANNED)
    add_project(db, "KS-04", '=HYPERLINK("http://x")', status=ProjectStatus.ACTIVE)


def expected_rows(db: Database, query: ListQuery) -> list[ProjectRow]:
    service = ProjectService(db)
    return service.page(query, 0, service.count(query))


def test_csv_holds_every_matching_row_in_order(db: Database, tmp_path: Path) -> None:
    some_projects(db)
    query = ListQuery(sort="code", descending=True).with_filter("status", ProjectStatus.ACTIVE)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "projects.csv"
    written = export_list(ProjectService(db), query, COLUMNS, target)

    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # the mark Excel needs
    with target.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    rows = expected_rows(db, query)
    assert written == len(rows) == 3
    assert lines[0] == ["Code", "Titulli", "Start", "Status"]
    assert [line[0] for line in lines[1:]] == ["KS-04", "KS-03", "KS-01"]
    assert lines[2] == ["KS-03", rows[1].name, "2026-01-01", "active"]
    assert [line[1] for line in lines[2:]] == [row.name for row in rows[1:]]
    assert lines[1][1] == '\'=HYPERLINK("http://x")'  # text typed by a user never runs
    assert [p.name for p in out.iterdir()] == ["projects.csv"]


def test_xlsx_keeps_types_and_freezes_the_header(db: Database, tmp_path: Path) -> None:
    some_projects(db)
    query = ListQuery(search="sigurta", sort="code")
    target = tmp_path / "projects.xlsx"
    assert export_list(ProjectService(db), query, COLUMNS, target, sheet_title="Projekte") == 1

    book = load_workbook(target)
    sheet = book["Projekte"]
    assert sheet.freeze_panes == "A2"
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("Code", "Titulli", "Start", "Status")
    assert values[1][:2] == ("KS-01", "Komunitete më të sigurta")
    assert values[1][2].date() == date(2026, 1, 1)
    assert sheet["C2"].is_date
    assert sheet["A1"].font.bold


def test_amounts_are_numbers_and_a_formula_stays_text(db: Database, tmp_path: Path) -> None:
    project_id = add_project(db, "KS-01", "Safer communities")
    donor = add_organisation(db, "=1+1", OrganisationKind.DONOR)
    add_grant(db, "2025/461-198", project_id, donor)
    columns = (
        ExportColumn("Contract", lambda row: row.contract_number),
        ExportColumn("Donor", lambda row: row.donor),
        ExportColumn("Amount", lambda row: row.amount),
    )
    target = tmp_path / "grants.xlsx"
    export_list(GrantService(db), ListQuery(), columns, target)
    sheet = load_workbook(target).active
    assert sheet["A2"].value == "2025/461-198"
    assert sheet["B2"].value == "=1+1"
    assert sheet["B2"].data_type == "s"
    assert sheet["C2"].data_type == "n"
    assert Decimal(str(sheet["C2"].value)) == Decimal("249850.00")
    rows: list[GrantRow] = GrantService(db).page(ListQuery())
    assert rows[0].amount == Decimal("249850.00")


def test_more_rows_than_a_batch_are_all_written(db: Database, tmp_path: Path) -> None:
    for number in range(BATCH + 5):
        add_project(db, f"P-{number:05d}", f"Project {number}")
    seen: list[tuple[int, int]] = []
    target = tmp_path / "all.csv"
    written = export_list(
        ProjectService(db),
        ListQuery(sort="code"),
        COLUMNS[:1],
        target,
        lambda done, total: seen.append((done, total)),
    )
    assert written == BATCH + 5
    with target.open(encoding="utf-8-sig", newline="") as file:
        codes = [line[0] for line in csv.reader(file)][1:]
    assert codes == [f"P-{number:05d}" for number in range(BATCH + 5)]
    assert seen[0] == (0, BATCH + 5)
    assert seen[-1] == (BATCH + 5, BATCH + 5)


class Stop(Exception):
    pass


def test_stopping_midway_leaves_no_file(db: Database, tmp_path: Path) -> None:
    some_projects(db)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "projects.xlsx"

    def stop(done: int, _total: int) -> None:
        if done > 0:
            raise Stop()

    with pytest.raises(Stop):
        export_list(ProjectService(db), ListQuery(), COLUMNS, target, stop)
    assert list(out.iterdir()) == []


def test_an_unknown_format_is_refused_by_name(db: Database, tmp_path: Path) -> None:
    with pytest.raises(ServiceError) as refused:
        export_list(ProjectService(db), ListQuery(), COLUMNS, tmp_path / "projects.ods")
    assert "projects.ods" in str(refused.value)


MONEY_COLUMNS = (
    ExportColumn("Contract", lambda row: row.contract_number),
    ExportColumn("Amount", lambda row: row.amount, lambda row: row.currency),
    ExportColumn("Start", lambda row: row.start_date),
)


def two_grants(db: Database) -> None:
    project_id = add_project(db, "KS-01", "Safer communities")
    donor = add_organisation(db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    add_grant(db, "2025/461-198", project_id, donor)
    second = add_grant(db, "2025/461-199", project_id, donor)
    service = GrantService(db)
    details = service.get(second)
    form = replace(details.form, currency="RSD", amount=MAX_MONEY)
    service.update(second, form, details.version)


def test_xlsx_amounts_show_their_own_currency_and_keep_every_cent(
    db: Database, tmp_path: Path
) -> None:
    two_grants(db)
    target = tmp_path / "grants.xlsx"
    export_list(GrantService(db), ListQuery(sort="contract_number"), MONEY_COLUMNS, target)
    sheet = load_workbook(target).active
    assert [cell.value for cell in sheet[1]] == ["Contract", "Amount", "Start"]
    eur, rsd = sheet["B2"], sheet["B3"]
    assert eur.data_type == rsd.data_type == "n"
    assert eur.number_format == '#,##0.00 "EUR"'
    assert rsd.number_format == '#,##0.00 "RSD"'
    assert Decimal(str(eur.value)) == Decimal("249850.00")
    assert Decimal(str(rsd.value)) == MAX_MONEY  # 14 digits, not rounded on the way
    assert sheet["C2"].is_date


def test_csv_amounts_are_plain_numbers_with_the_currency_beside_them(
    db: Database, tmp_path: Path
) -> None:
    two_grants(db)
    target = tmp_path / "grants.csv"
    export_list(GrantService(db), ListQuery(sort="contract_number"), MONEY_COLUMNS, target)
    with target.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    assert lines == [
        ["Contract", "Amount", "Amount (currency)", "Start"],
        ["2025/461-198", "249850.00", "EUR", "2026-01-01"],
        ["2025/461-199", str(MAX_MONEY), "RSD", "2026-01-01"],
    ]


def test_a_currency_code_that_is_not_one_gives_the_plain_money_format() -> None:
    assert money_format("EUR") == '#,##0.00 "EUR"'
    assert money_format("eur") == '#,##0.00 "EUR"'
    assert money_format('E"R') == "#,##0.00"
    assert money_format("") == money_format(None) == "#,##0.00"


def test_cells_and_sheet_names_hold_what_excel_accepts() -> None:
    assert clean_text("a\x00b\x07c") == "abc"
    assert len(clean_text("x" * (MAX_CELL_TEXT + 5))) == MAX_CELL_TEXT
    taken: list[str] = ["Summary"]
    for title in ("'Summary'", "Q1: [draft]*?/\\", "Q1 [draft]", "History", "x" * 40, "x" * 40):
        name = sheet_title(title, taken)
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\'")
        assert name.casefold() not in {t.casefold() for t in taken} | {"history"}
        taken.append(name)
    assert taken[1:4] == ["Summary (2)", "Q1 draft", "Q1 draft (2)"]
