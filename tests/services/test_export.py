"""Exported lists read back as the list shows them: every matching row, search, filter and
order applied, dates as dates and amounts as numbers in XLSX, UTF-8 that Excel reads in CSV."""

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.organisation import OrganisationKind
from desktop.domain.project import ProjectStatus
from desktop.services.errors import ServiceError
from desktop.services.export import BATCH, ExportColumn, export_list
from desktop.services.grants import GrantRow, GrantService
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectRow, ProjectService
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
