"""A grant's workbook read back as its reader would: the demo grant's sheets, frozen
headers, dates as dates, amounts as numbers shown with their currency, and totals that are
the services' own figures; hostile text stays text and odd period labels still make
valid, distinct sheet names."""

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.organisation import OrganisationKind
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.errors import ServiceError
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.grant_summary import GrantSummary, GrantSummaryService
from desktop.services.grant_workbook import EVERYTHING, export_grant_workbook
from desktop.services.grants import GrantService
from desktop.services.instalments import InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodForm, PeriodService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.ui.helpers import add_grant, add_organisation, add_project

DEMO_GRANT = "2025/461-198"
EUR = '"EUR"'


def cents(value: Any) -> Decimal:
    """A number read back from the file as the Decimal it was written from."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def rows_of(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return list(sheet.iter_rows(values_only=True))


def row_labelled(sheet: Worksheet, label: str, column: int = 1) -> tuple[Any, ...]:
    """The cells of the first row whose ``column`` holds ``label``."""
    for row in sheet.iter_rows():
        if row[column - 1].value == label:
            return row
    raise AssertionError(f"no row {label!r} in {sheet.title}")


@pytest.fixture
def demo(db: Database, tmp_path: Path) -> tuple[Database, int, Path, GrantSummary]:
    load_demo(db)
    grant_id = GrantService(db).find(DEMO_GRANT)
    target = tmp_path / "grant.xlsx"
    export_grant_workbook(db, grant_id, target, "en")
    summary = GrantSummaryService(db).summary(grant_id, "en", as_of=EVERYTHING)
    return db, grant_id, target, summary


def test_the_workbook_has_its_sheets_each_with_a_frozen_bold_header(
    demo: tuple[Database, int, Path, GrantSummary],
) -> None:
    db, grant_id, target, _summary = demo
    periods = PeriodService(db).periods(grant_id)
    assert [p.label for p in periods] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    book = load_workbook(target)
    assert book.sheetnames == [
        "Summary",
        "Budget",
        "Expenditure",
        "Instalments",
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet["A1"].font.bold, sheet.title
        assert sheet.column_dimensions["A"].width >= 10
        assert sheet.print_title_rows == "$1:$1"  # printed, every page has the header
        assert sheet.page_setup.orientation == "landscape"
    assert [c.value for c in book["Expenditure"][1]] == [
        "Date",
        "Line",
        "Heading",
        "Description",
        "Supplier",
        "Invoice",
        "Original currency",
        "Original amount",
        "Rate",
        "Amount",
    ]


def test_the_summary_holds_the_grant_summary_figures_typed(
    demo: tuple[Database, int, Path, GrantSummary],
) -> None:
    _db, _grant_id, target, summary = demo
    sheet = load_workbook(target)["Summary"]
    assert row_labelled(sheet, "Contract number")[1].value == DEMO_GRANT
    assert row_labelled(sheet, "Donor")[1].value == summary.donor
    assert row_labelled(sheet, "Currency")[1].value == "EUR"
    start = row_labelled(sheet, "Start date")[1]
    assert start.is_date and start.value.date() == summary.start_date
    for label, figure in (
        ("Amount", summary.amount),
        ("Received", summary.received),
        ("Spent", summary.spent),
        ("Balance (amount less spent)", summary.amount - summary.spent),
        ("Cash in hand (received less spent)", summary.received - summary.spent),
    ):
        cell = row_labelled(sheet, label)[1]
        assert cell.data_type == "n", label
        assert cents(cell.value) == figure, label
        assert cell.number_format == f"#,##0.00 {EUR}", label
    assert summary.spent > 0 and summary.received > 0
    share = row_labelled(sheet, "Spent (%)")[1]
    assert share.number_format.endswith("%")
    assert Decimal(str(share.value)) == summary.spent_share


def test_the_budget_lists_the_lines_under_their_headings_with_the_summary_totals(
    demo: tuple[Database, int, Path, GrantSummary],
) -> None:
    db, grant_id, target, summary = demo
    sheet = load_workbook(target)["Budget"]
    lines = BudgetService(db).lines(grant_id, "en")
    for heading in summary.headings:
        row = row_labelled(sheet, heading.name)
        assert row[0].font.bold
        planned, spent, remaining, spent_share = (cell.value for cell in row[5:9])
        assert cents(planned) == heading.budget
        assert cents(spent) == heading.spent
        assert cents(remaining) == heading.budget - heading.spent
        assert Decimal(str(spent_share)) == heading.spent_share
    codes = [row[0] for row in rows_of(sheet)]
    assert [line.code for line in lines] == [
        code for code in codes if code in {ln.code for ln in lines}
    ]
    first = row_labelled(sheet, lines[0].code)
    assert first[3].value == lines[0].quantity  # a count stays a number
    assert all(cell.number_format == f"#,##0.00 {EUR}" for cell in first[4:8])
    total = row_labelled(sheet, "Total")
    assert total[0].font.bold
    assert cents(total[5].value) == summary.budgeted
    assert cents(total[6].value) == summary.spent
    assert cents(total[7].value) == summary.budgeted - summary.spent


def test_every_expenditure_is_listed_with_dates_and_both_currencies(
    demo: tuple[Database, int, Path, GrantSummary],
) -> None:
    db, grant_id, target, summary = demo
    sheet = load_workbook(target)["Expenditure"]
    service = ExpenditureService(db)
    expected = service.page(grant_id, ListQuery(sort="spent_on"), 0, 1000)
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(expected) + 1 == service.count(grant_id, ListQuery()) + 1
    for row, invoice in zip(rows, expected, strict=False):
        assert row[0].is_date and row[0].value.date() == invoice.spent_on
        assert row[5].value == invoice.invoice_reference
        assert cents(row[7].value) == invoice.original_amount
        assert row[7].number_format == f'#,##0.00 "{invoice.original_currency}"'
        assert Decimal(str(row[8].value)) == invoice.rate
        assert cents(row[9].value) == invoice.amount
        assert row[9].number_format == f"#,##0.00 {EUR}"
    assert {row[6].value for row in rows[:-1]} >= {"EUR", "RSD"}  # invoices in dinars too
    total = rows[-1]
    assert total[0].value == "Total" and total[0].font.bold
    assert cents(total[9].value) == summary.spent


def test_instalments_are_listed_with_their_totals(
    demo: tuple[Database, int, Path, GrantSummary],
) -> None:
    db, grant_id, target, summary = demo
    sheet = load_workbook(target)["Instalments"]
    instalments = InstalmentService(db).instalments(grant_id)
    rows = list(sheet.iter_rows(min_row=2))
    assert [row[0].value for row in rows[: len(instalments)]] == [i.number for i in instalments]
    first = rows[0]
    assert isinstance(first[0].value, int)
    assert first[1].is_date and first[1].value.date() == instalments[0].due_on
    assert cents(first[3].value) == instalments[0].amount
    assert first[3].number_format == f"#,##0.00 {EUR}"
    assert cents(row_labelled(sheet, "Total")[3].value) == summary.instalments_total
    assert cents(row_labelled(sheet, "Received")[3].value) == summary.received


def test_each_period_sheet_holds_its_invoices_and_its_spending_by_line(
    demo: tuple[Database, int, Path, GrantSummary],
) -> None:
    db, grant_id, target, _summary = demo
    book = load_workbook(target)
    service = ExpenditureService(db)
    lines = BudgetService(db).lines(grant_id, "en")
    spent_somewhere = False
    for period in PeriodService(db).periods(grant_id):
        query = ListQuery(sort="spent_on").with_filter("period", period.id)
        invoices = service.page(grant_id, query, 0, 1000)
        sheet = book[period.label]
        rows = rows_of(sheet)
        assert [row[5] for row in rows[1 : len(invoices) + 1]] == [
            i.invoice_reference for i in invoices
        ]
        total = rows[len(invoices) + 1]
        assert total[0] == "Total"
        assert cents(total[9]) == service.total(grant_id, query)
        start = row_labelled(sheet, "Start date")
        assert start[2].is_date and start[2].value.date() == period.start_date
        codes = {line.code for line in lines}
        by_line = {row[1]: cents(row[9]) for row in rows[len(invoices) + 7 :] if row[1] in codes}
        assert set(by_line) == codes
        for line in lines:
            line_query = query.with_filter("budget_line", line.id)
            assert by_line[line.code] == service.total(grant_id, line_query), line.code
        assert rows[-1][0] == "Total"
        assert cents(rows[-1][9]) == service.total(grant_id, query)
        spent_somewhere = spent_somewhere or bool(invoices)
    assert spent_somewhere


def test_hostile_text_stays_text_and_odd_labels_make_distinct_sheets(
    db: Database, tmp_path: Path
) -> None:
    donor = add_organisation(db, '=HYPERLINK("http://evil")', OrganisationKind.DONOR)
    grant_id = add_grant(db, "=1+1", add_project(db, "KS-01", "@SUM(A1:A9)"), donor)
    heading = BudgetService(db).heading_choices(grant_id, "en")[0].id
    line = BudgetService(db).create(
        grant_id,
        BudgetLineForm(
            heading_id=heading, code="-1", description="+cmd|' /C calc'!A0", amount="100"
        ),
    )
    ExpenditureService(db).create(
        grant_id,
        ExpenditureForm(
            spent_on="2026-02-10",
            budget_line_id=line,
            description='=WEBSERVICE("http://evil")',
            supplier="Bell\x07 and\x1b escape",
            invoice_reference="@A1",
            original_amount="10",
        ),
    )
    labels = ("Q1: [draft]*?/\\", "Q1  [draft]", "'Summary'", "History")
    for month, label in enumerate(labels, start=1):
        PeriodService(db).create(
            grant_id,
            PeriodForm(
                label=label, start_date=date(2026, month, 1), end_date=date(2026, month, 28)
            ),
        )
    target = tmp_path / "hostile.xlsx"
    result = export_grant_workbook(db, grant_id, target, "en")

    book = load_workbook(target)
    names = book.sheetnames
    assert names == list(result.sheets)
    assert len({name.casefold() for name in names}) == len(names) == 8
    for name in names:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")
        assert not name.startswith("'") and not name.endswith("'")
    assert "history" not in {name.casefold() for name in names}
    summary = book["Summary"]
    assert row_labelled(summary, "Contract number")[1].value == "=1+1"
    assert row_labelled(summary, "Contract number")[1].data_type == "s"
    invoice = book["Expenditure"][2]
    assert invoice[3].value == '=WEBSERVICE("http://evil")'
    assert {invoice[3].data_type, invoice[5].data_type} == {"s"}
    assert invoice[4].value == "Bell and escape"
    assert book["Budget"]["B3"].value == "+cmd|' /C calc'!A0"


def test_a_stopped_export_leaves_no_file_and_other_endings_are_refused(
    demo: tuple[Database, int, Path, GrantSummary], tmp_path: Path
) -> None:
    db, grant_id, _target, _summary = demo
    out = tmp_path / "out"
    out.mkdir()

    def stop(done: int, _total: int) -> None:
        if done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_grant_workbook(db, grant_id, out / "grant.xlsx", "en", stop)
    assert list(out.iterdir()) == []
    with pytest.raises(ServiceError) as refused:
        export_grant_workbook(db, grant_id, out / "grant.ods", "en")
    assert "grant.ods" in str(refused.value)
    assert list(out.iterdir()) == []


def test_names_follow_the_language_asked_for(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    grant_id = GrantService(db).find(DEMO_GRANT)
    target = tmp_path / "grant.xlsx"
    export_grant_workbook(db, grant_id, target, "sr")
    summary = GrantSummaryService(db).summary(grant_id, "sr", as_of=EVERYTHING)
    sheet = load_workbook(target)["Summary"]
    assert row_labelled(sheet, "Donor")[1].value == summary.donor
    assert row_labelled(sheet, "Exported on")[1].value.date() == date.today()
    assert isinstance(row_labelled(sheet, "End date")[1].value, datetime)
