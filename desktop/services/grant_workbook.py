"""A whole grant as one workbook, for the finance officer, the auditor and the donor's
desk officer who work in Excel or LibreOffice rather than in CSO Desk.

Its sheets: "Summary" (the contract and where it stands), "Budget" (each line under its
heading, with what was planned, spent and remains), "Expenditure" (every invoice),
"Instalments", and one sheet per reporting period (its invoices, then what they come to by
budget line).  Every figure is the services' own: the summary is ``GrantSummary`` over
everything recorded, the budget is ``BudgetService.lines``, the invoices are
``ExpenditureService.page`` narrowed to a period as the Expenditures tab narrows them.

Totals and subtotals are written as numbers, not formulas: a reader that does not
recalculate (a phone's viewer, a mail preview, a script reading the file) sees them, and
they are the figures CSO Desk reports rather than a sum that could drift if a row is
edited in the spreadsheet.  Amounts are numbers in the grant's currency format
(``#,##0.00 "EUR"``), an invoice's original amount in its own currency's; dates are dates;
shares are percentages.  Text a user typed is written as text, never as a formula.

Each sheet's header row is frozen.  The workbook is streamed (openpyxl's write-only mode),
so a grant with tens of thousands of invoices costs little memory, and appears only when
complete, like a list's export.  The module imports openpyxl (and PIL with it): import it
when a workbook is written, not with a window.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from desktop.i18n import N_, _
from desktop.services.budget import BudgetLineRow, BudgetService
from desktop.services.errors import ServiceError
from desktop.services.expenditures import ExpenditureRow, ExpenditureService
from desktop.services.export import BATCH, Progress, write_atomically
from desktop.services.export_xlsx import (
    BOLD,
    DATE_WIDTH,
    MONEY_WIDTH,
    PERCENT_FORMAT,
    RATE_FORMAT,
    abandon,
    fit_for_print,
    header_cells,
    sheet_title,
    typed_cell,
)
from desktop.services.grant_summary import GrantSummary, GrantSummaryService, share
from desktop.services.instalments import InstalmentRow, InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodListRow, PeriodService
from desktop.store.database import Database

EVERYTHING = date.max  # the summary's "as of": every invoice and instalment recorded

TEXT_WIDTH = 14
WIDE_TEXT_WIDTH = 40


@dataclass(frozen=True)
class GrantWorkbookResult:
    """What was written: the sheets' names in their order and the invoices listed."""

    sheets: tuple[str, ...]
    expenditures: int


def export_grant_workbook(
    db: Database,
    grant_id: int,
    path: Path,
    language: str,
    progress: Progress | None = None,
) -> GrantWorkbookResult:
    """Write the grant ``grant_id`` to ``path`` (.xlsx) with names in ``language`` and
    headers in the interface language.  ``progress(done, total)`` counts invoices written
    (each once in Expenditure and once per period holding it) and may raise to stop."""
    if path.suffix.lower() != ".xlsx":
        raise ServiceError(
            _("Choose a file name ending in .xlsx; {filename} does not.").format(filename=path.name)
        )
    summary = GrantSummaryService(db).summary(grant_id, language, as_of=EVERYTHING)
    lines = BudgetService(db).lines(grant_id, language)
    instalments = InstalmentService(db).instalments(grant_id)
    periods = PeriodService(db).periods(grant_id)
    expenditures = ExpenditureService(db)
    everything = ListQuery(sort="spent_on", language=language)
    counts = [expenditures.count(grant_id, everything)] + [
        expenditures.count(grant_id, everything.with_filter("period", period.id))
        for period in periods
    ]
    report = _Tally(progress or (lambda _done, _total: None), sum(counts))

    def invoices(query: ListQuery) -> Iterator[ExpenditureRow]:
        offset = 0
        while True:
            batch = expenditures.page(grant_id, query, offset, BATCH)
            yield from batch
            offset += len(batch)
            report.add(len(batch))
            if len(batch) < BATCH:
                return

    def write(partial: Path) -> GrantWorkbookResult:
        writer = WorkbookWriter()
        try:
            writer.summary(summary)
            writer.budget(summary, lines)
            writer.expenditure(summary, invoices(everything))
            writer.instalments(summary, instalments)
            for period in periods:
                writer.period(
                    summary, period, lines, invoices(everything.with_filter("period", period.id))
                )
            writer.save(partial)
        except BaseException:
            writer.abandon()
            raise
        return GrantWorkbookResult(tuple(writer.titles), counts[0])

    # L10N: {reason} is the system's own words, such as "Permission denied"
    failure = N_("The workbook could not be written to {path}: {reason}")
    return write_atomically(path, write, failure)


class _Tally:
    """Invoices written so far, reported against the total counted up front."""

    def __init__(self, progress: Progress, total: int) -> None:
        self._progress = progress
        self._total = total
        self._done = 0
        progress(0, total)

    def add(self, rows: int) -> None:
        self._done += rows
        self._progress(self._done, max(self._total, self._done))


# -- what the sheets hold -----------------------------------------------------------------


@dataclass(frozen=True)
class BudgetTotals:
    """A heading's (or the whole budget's) planned, spent and remaining amounts."""

    planned: Decimal
    spent: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.planned - self.spent

    @property
    def spent_share(self) -> Decimal | None:
        return share(self.spent, self.planned)


def budget_totals(lines: Sequence[BudgetLineRow]) -> BudgetTotals:
    return BudgetTotals(
        sum((line.amount for line in lines), Decimal(0)),
        sum((line.spent for line in lines), Decimal(0)),
    )


def by_heading(lines: Sequence[BudgetLineRow]) -> list[tuple[str, list[BudgetLineRow]]]:
    """The lines under their headings, in the order ``BudgetService.lines`` gives them."""
    return [
        (group[0].heading, group)
        for group in (list(rows) for _key, rows in groupby(lines, key=lambda r: r.heading_id))
    ]


def summary_rows(summary: GrantSummary, exported_on: date) -> list[tuple[str, Any, str]]:
    """The Summary sheet's rows: (label, value, kind) with kind "text", "date", "money"
    or "share"."""
    return [
        (_("Contract number"), summary.contract_number, "text"),
        (_("Title"), summary.title, "text"),
        (_("Project"), summary.project, "text"),
        (_("Donor"), summary.donor, "text"),
        (_("Start date"), summary.start_date, "date"),
        (_("End date"), summary.end_date, "date"),
        (_("Currency"), summary.currency, "text"),
        (_("Amount"), summary.amount, "money"),
        # L10N: a row of a grant's summary sheet: the budget lines' total
        (_("Placed on budget lines"), summary.budgeted, "money"),
        # L10N: a row of a grant's summary sheet: the grant amount no budget line holds yet
        (_("Not yet placed on a line"), summary.unallocated, "money"),
        # L10N: a row of a grant's summary sheet: the total of every instalment, paid or due
        (_("Instalments planned"), summary.instalments_total, "money"),
        (_("Received"), summary.received, "money"),
        (_("Spent"), summary.spent, "money"),
        # L10N: a row of a grant's summary sheet: the grant amount less what was spent
        (_("Balance (amount less spent)"), summary.remaining, "money"),
        # L10N: a row of a grant's summary sheet: the money received less what was spent
        (_("Cash in hand (received less spent)"), summary.received - summary.spent, "money"),
        (_("Spent (%)"), summary.spent_share, "share"),
        # L10N: a row of a grant's summary sheet: the day the workbook was written
        (_("Exported on"), exported_on, "date"),
    ]


def instalment_state(row: InstalmentRow) -> str:
    return _("Received") if row.received else _("Expected")


def period_sheet_name(period: PeriodListRow) -> str:
    """A period's sheet is named by its label ("2026-Q1"); a label of nothing sheet-safe
    gets a name in words."""
    # L10N: the name of a workbook sheet of a reporting period that has no usable label
    return period.label.strip() or _("Period")


# -- the sheets ----------------------------------------------------------------------------

# Each sheet's columns: (untranslated header, width in characters).
SUMMARY_COLUMNS = ((N_("Field"), 36), (N_("Value"), 64))
BUDGET_COLUMNS = (
    (N_("Code"), 10),
    (N_("Description"), WIDE_TEXT_WIDTH),
    (N_("Unit"), TEXT_WIDTH),
    (N_("Quantity"), 10),
    (N_("Unit cost"), MONEY_WIDTH),
    # L10N: a column of a grant's budget sheet: the amount the line plans to spend
    (N_("Planned amount"), MONEY_WIDTH),
    (N_("Spent"), MONEY_WIDTH),
    (N_("Remaining"), MONEY_WIDTH),
    (N_("Spent (%)"), 10),
)
EXPENDITURE_COLUMNS = (
    (N_("Date"), DATE_WIDTH),
    (N_("Line"), 10),
    (N_("Heading"), 28),
    (N_("Description"), WIDE_TEXT_WIDTH),
    (N_("Supplier"), 28),
    (N_("Invoice"), 20),
    # L10N: a column of a grant's expenditure sheet: the invoice's own currency
    (N_("Original currency"), 10),
    (N_("Original amount"), MONEY_WIDTH),
    (N_("Rate"), 12),
    (N_("Amount"), MONEY_WIDTH),
)
INSTALMENT_COLUMNS = (
    (N_("Number"), 10),
    (N_("Due on"), DATE_WIDTH),
    (N_("Received on"), DATE_WIDTH),
    (N_("Amount"), MONEY_WIDTH),
    (N_("State"), TEXT_WIDTH),
)
# Where a period sheet's spending by budget line goes: under Line, Description and Amount.
LINE_AT, DESCRIPTION_AT, AMOUNT_AT = 1, 3, len(EXPENDITURE_COLUMNS) - 1


def _under_invoices(line: Any, description: Any, amount: Any) -> list[Any]:
    row: list[Any] = [None] * len(EXPENDITURE_COLUMNS)
    row[LINE_AT], row[DESCRIPTION_AT], row[AMOUNT_AT] = line, description, amount
    return row


class WorkbookWriter:
    """The workbook, sheet by sheet, in write-only mode: each sheet's widths and frozen
    header are set before its first row, and rows are appended in order."""

    def __init__(self) -> None:
        self._book = Workbook(write_only=True)
        self.titles: list[str] = []
        self._bold = BOLD

    def save(self, path: Path) -> None:
        self._book.save(path)

    def abandon(self) -> None:
        """Close the sheets left halfway and remove their temporary files."""
        abandon(self._book)

    def _sheet(self, title: str, columns: Sequence[tuple[str, int]]) -> Any:
        name = sheet_title(title, self.titles)
        self.titles.append(name)
        sheet = self._book.create_sheet(name)
        sheet.freeze_panes = "A2"
        fit_for_print(sheet)
        for number, (header, width) in enumerate(columns, start=1):
            readable = max(width, min(len(_(header)) + 2, 40))
            sheet.column_dimensions[get_column_letter(number)].width = readable
        sheet.append(header_cells(sheet, [_(header) for header, _width in columns]))
        return sheet

    def _bold_cells(self, sheet: Any, cells: list[Any]) -> list[Any]:
        """``cells`` (values or cells) in bold: a heading's or a total's row."""
        bolded = []
        for cell in cells:
            if cell is None:
                bolded.append(None)
                continue
            if not isinstance(cell, Cell):
                cell = typed_cell(sheet, cell)
                if not isinstance(cell, Cell):
                    cell = WriteOnlyCell(sheet, cell)
            cell.font = self._bold
            bolded.append(cell)
        return bolded

    def summary(self, summary: GrantSummary) -> None:
        # L10N: the name of the first sheet of a grant's workbook
        sheet = self._sheet(_("Summary"), SUMMARY_COLUMNS)
        for label, value, kind in summary_rows(summary, date.today()):
            if kind == "money":
                cell = typed_cell(sheet, value, summary.currency)
            elif kind == "share":
                cell = typed_cell(sheet, value, number_format=PERCENT_FORMAT)
            else:
                cell = typed_cell(sheet, value)
            sheet.append([typed_cell(sheet, label), cell])

    def budget(self, summary: GrantSummary, lines: Sequence[BudgetLineRow]) -> None:
        # L10N: the name of a grant workbook's sheet of budget lines
        sheet = self._sheet(_("Budget"), BUDGET_COLUMNS)
        currency = summary.currency
        for heading, heading_lines in by_heading(lines):
            totals = budget_totals(heading_lines)
            sheet.append(
                self._bold_cells(sheet, [heading, None, None, None, None])
                + self._bold_cells(sheet, self._totals_cells(sheet, totals, currency))
            )
            for line in heading_lines:
                line_totals = BudgetTotals(line.amount, line.spent)
                sheet.append(
                    [
                        typed_cell(sheet, line.code),
                        typed_cell(sheet, line.description),
                        typed_cell(sheet, line.unit or None),
                        typed_cell(sheet, line.quantity),
                        typed_cell(sheet, line.unit_cost, currency),
                        *self._totals_cells(sheet, line_totals, currency),
                    ]
                )
        totals = budget_totals(lines)
        sheet.append(
            self._bold_cells(sheet, [_("Total"), None, None, None, None])
            + self._bold_cells(sheet, self._totals_cells(sheet, totals, currency))
        )

    def _totals_cells(self, sheet: Any, totals: BudgetTotals, currency: str) -> list[Any]:
        return [
            typed_cell(sheet, totals.planned, currency),
            typed_cell(sheet, totals.spent, currency),
            typed_cell(sheet, totals.remaining, currency),
            typed_cell(sheet, totals.spent_share, number_format=PERCENT_FORMAT),
        ]

    def _invoices(self, sheet: Any, currency: str, rows: Iterator[ExpenditureRow]) -> Decimal:
        """Append one row per invoice and a total row; what they come to."""
        total = Decimal(0)
        for row in rows:
            sheet.append(
                [
                    typed_cell(sheet, row.spent_on),
                    typed_cell(sheet, row.line_code),
                    typed_cell(sheet, row.heading),
                    typed_cell(sheet, row.description),
                    typed_cell(sheet, row.supplier or None),
                    typed_cell(sheet, row.invoice_reference or None),
                    typed_cell(sheet, row.original_currency),
                    typed_cell(sheet, row.original_amount, row.original_currency),
                    typed_cell(sheet, row.rate, number_format=RATE_FORMAT),
                    typed_cell(sheet, row.amount, row.currency),
                ]
            )
            total += row.amount
        blanks: list[Any] = [None] * (len(EXPENDITURE_COLUMNS) - 2)
        sheet.append(
            self._bold_cells(sheet, [_("Total"), *blanks, typed_cell(sheet, total, currency)])
        )
        return total

    def expenditure(self, summary: GrantSummary, rows: Iterator[ExpenditureRow]) -> None:
        # L10N: the name of a grant workbook's sheet listing every expenditure
        sheet = self._sheet(_("Expenditure"), EXPENDITURE_COLUMNS)
        self._invoices(sheet, summary.currency, rows)

    def instalments(self, summary: GrantSummary, rows: Sequence[InstalmentRow]) -> None:
        sheet = self._sheet(_("Instalments"), INSTALMENT_COLUMNS)
        currency = summary.currency
        for row in rows:
            sheet.append(
                [
                    row.number,
                    typed_cell(sheet, row.due_on),
                    typed_cell(sheet, row.received_on),
                    typed_cell(sheet, row.amount, currency),
                    typed_cell(sheet, instalment_state(row)),
                ]
            )
        planned = sum((row.amount for row in rows), Decimal(0))
        received = sum((row.amount for row in rows if row.received), Decimal(0))
        for label, amount in ((_("Total"), planned), (_("Received"), received)):
            sheet.append(
                self._bold_cells(sheet, [label, None, None, typed_cell(sheet, amount, currency)])
            )

    def period(
        self,
        summary: GrantSummary,
        period: PeriodListRow,
        lines: Sequence[BudgetLineRow],
        rows: Iterator[ExpenditureRow],
    ) -> None:
        """The period's invoices and their total; below them the period's dates and what
        it spent on each budget line."""
        sheet = self._sheet(period_sheet_name(period), EXPENDITURE_COLUMNS)
        currency = summary.currency
        spent: dict[str, Decimal] = {}

        def counted() -> Iterator[ExpenditureRow]:
            for row in rows:
                spent[row.line_code] = spent.get(row.line_code, Decimal(0)) + row.amount
                yield row

        total = self._invoices(sheet, currency, counted())
        sheet.append([])
        for label, value in (
            (_("Reporting period"), period.label),
            (_("Start date"), period.start_date),
            (_("End date"), period.end_date),
        ):
            # the label runs on over the empty Line column; the value sits under Heading
            sheet.append([typed_cell(sheet, label), None, typed_cell(sheet, value)])
        sheet.append([])
        # The spending by line sits under the invoices' own Line, Description and Amount
        # columns, which are wide enough for it.
        header = header_cells(sheet, [_("Line"), _("Description"), _("Spent in the period")])
        sheet.append(_under_invoices(*header))
        for line in lines:
            sheet.append(
                _under_invoices(
                    typed_cell(sheet, line.code),
                    typed_cell(sheet, line.description),
                    typed_cell(sheet, spent.get(line.code, Decimal(0)), currency),
                )
            )
        row = _under_invoices(None, None, typed_cell(sheet, total, currency))
        row[0] = _("Total")
        sheet.append(self._bold_cells(sheet, row))
