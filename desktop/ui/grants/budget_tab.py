"""The Budget lines tab of a grant: each line under its donor heading, what was spent on
it, and how much of the grant the lines have placed."""

from collections.abc import Callable, Sequence
from decimal import Decimal
from operator import attrgetter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_money, format_number, format_ratio
from desktop.services.budget import BudgetLineRow, BudgetService
from desktop.services.grant_summary import share
from desktop.services.grants import GrantService
from desktop.store.database import Database
from desktop.ui.grants.budget_dialog import BudgetLineDialog
from desktop.ui.grants.part_tab import PartTab
from desktop.ui.widgets.paged_table_model import Column
from desktop.ui.widgets.record_dialog import RecordDialog

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PERCENT = Decimal("0.01")  # an exported "Spent (%)" to a hundredth of a per cent


def _money(value: Decimal | None, row: BudgetLineRow) -> str:
    return format_money(value, row.currency, current_language())


def _quantity(row: BudgetLineRow) -> str:
    return "" if row.quantity is None else format_number(row.quantity, current_language())


def _spent_share(row: BudgetLineRow) -> str:
    return format_ratio(share(row.spent, row.amount), current_language())


def _spent_percent(row: BudgetLineRow) -> Decimal | None:
    """The exported "Spent (%)": 75.00 for three quarters, as its header says."""
    part = share(row.spent, row.amount)
    return None if part is None else (part * 100).quantize(PERCENT)


def _currency(row: BudgetLineRow) -> str:
    return row.currency


def _money_column(title: str, amount: Callable[[BudgetLineRow], Decimal | None]) -> Column:
    """An amount in the grant's currency: shown formatted, exported as a number that keeps
    its currency's format."""
    return Column(
        title,
        lambda row: _money(amount(row), row),
        alignment=RIGHT,
        export=amount,
        currency=_currency,
    )


COLUMNS = (
    Column(N_("Heading"), lambda row: row.heading),
    Column(N_("Code"), lambda row: row.code),
    Column(N_("Description"), lambda row: row.description),
    Column(N_("Unit"), lambda row: row.unit),
    Column(N_("Quantity"), _quantity, alignment=RIGHT, export=lambda row: row.quantity),
    _money_column(N_("Unit cost"), attrgetter("unit_cost")),
    _money_column(N_("Amount"), attrgetter("amount")),
    _money_column(N_("Spent"), attrgetter("spent")),
    Column(N_("Spent (%)"), _spent_share, alignment=RIGHT, export=_spent_percent),
)
DESCRIPTION_COLUMN = 2


class BudgetTab(PartTab):
    table_name = N_("Budget lines")
    new_text = N_("&New budget line")
    new_tip = N_("Add a line to the grant's budget")
    read_failed_title = N_("The budget could not be read")
    not_opened_title = N_("The budget line could not be opened")
    not_deleted_title = N_("The budget line was not deleted")
    saved_message = N_("The budget line was saved.")
    deleted_message = N_("The budget line was deleted.")

    def __init__(self, db: Database, grant_id: int, parent: QWidget | None = None) -> None:
        self._budget = BudgetService(db)
        self._grants = GrantService(db)
        super().__init__(db, grant_id, COLUMNS, DESCRIPTION_COLUMN, parent)
        self.retranslate_ui()

    def read_rows(self) -> Sequence[BudgetLineRow]:
        return self._budget.lines(self.grant_id, current_language())

    def make_dialog(self, record_id: int | None) -> RecordDialog:
        return BudgetLineDialog(self.db, self.grant_id, record_id, self)

    def delete_question(self, row: BudgetLineRow) -> str:
        return _("Delete budget line {code} ({description})?").format(
            code=row.code, description=row.description
        )

    def delete_row(self, row: BudgetLineRow) -> None:
        self._budget.delete(row.id, row.version)

    def footer_text(self) -> str:
        grant = self._grants.get(self.grant_id).form
        amount = Decimal(grant.amount or 0)
        budgeted = sum((row.amount for row in self.model.rows), Decimal(0))
        language = current_language()
        if budgeted == amount:
            return _("The lines place the whole grant amount of {amount}.").format(
                amount=format_money(amount, grant.currency, language)
            )
        return _(
            "The lines total {budgeted} of the grant amount of {amount}; {left} is not yet "
            "placed on a line."
        ).format(
            budgeted=format_money(budgeted, grant.currency, language),
            amount=format_money(amount, grant.currency, language),
            left=format_money(amount - budgeted, grant.currency, language),
        )
