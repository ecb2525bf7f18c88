"""The Grants page: every grant with its project, donor and amount, read-only for now."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, current_language, ngettext
from desktop.i18n.formatting import format_date, format_money
from desktop.services.grants import GrantService
from desktop.store.database import Database
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

COLUMNS = (
    Column(N_("Contract number"), lambda row: row.contract_number, "contract_number"),
    Column(N_("Project"), lambda row: row.project),
    Column(N_("Donor"), lambda row: row.donor),
    Column(
        N_("Amount"),
        lambda row: format_money(row.amount, row.currency, current_language()),
        "amount",
        RIGHT,
    ),
    Column(
        N_("Start date"),
        lambda row: format_date(row.start_date, current_language()),
        "start_date",
        RIGHT,
    ),
    Column(
        N_("End date"),
        lambda row: format_date(row.end_date, current_language()),
        "end_date",
        RIGHT,
    ),
)


def _count(total: int) -> str:
    return ngettext("{count} grant", "{count} grants", total).format(count=total)


class GrantsPage(ListPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            PagedTableModel(GrantService(db), COLUMNS),
            N_("Search by contract number or title"),
            _count,
            stretch_column=1,
            parent=parent,
        )
