"""The Instalments tab of a grant: the tranches due and received, and what has arrived."""

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_date, format_money
from desktop.services.grants import GrantService
from desktop.services.instalments import InstalmentRow, InstalmentService
from desktop.store.database import Database
from desktop.ui.grants.instalment_dialog import InstalmentDialog
from desktop.ui.grants.part_tab import PartTab
from desktop.ui.widgets.paged_table_model import Column
from desktop.ui.widgets.record_dialog import RecordDialog

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _state(row: InstalmentRow) -> str:
    return _("Received") if row.received else _("Expected")


COLUMNS = (
    Column(N_("Number"), lambda row: str(row.number), alignment=RIGHT, export=lambda r: r.number),
    Column(
        N_("Due on"),
        lambda row: format_date(row.due_on, current_language()),
        alignment=RIGHT,
        export=lambda row: row.due_on,
    ),
    Column(
        N_("Received on"),
        lambda row: format_date(row.received_on, current_language()),
        alignment=RIGHT,
        export=lambda row: row.received_on,
    ),
    Column(
        N_("Amount"),
        lambda row: format_money(row.amount, row.currency, current_language()),
        alignment=RIGHT,
        export=lambda row: row.amount,
        currency=lambda row: row.currency,
    ),
    Column(N_("State"), _state),
)
STATE_COLUMN = 4


class InstalmentsTab(PartTab):
    table_name = N_("Instalments")
    new_text = N_("&New instalment")
    new_tip = N_("Add an instalment the donor pays")
    read_failed_title = N_("The instalments could not be read")
    not_opened_title = N_("The instalment could not be opened")
    not_deleted_title = N_("The instalment was not deleted")
    saved_message = N_("The instalment was saved.")
    deleted_message = N_("The instalment was deleted.")

    def __init__(self, db: Database, grant_id: int, parent: QWidget | None = None) -> None:
        self._instalments = InstalmentService(db)
        self._grants = GrantService(db)
        super().__init__(db, grant_id, COLUMNS, STATE_COLUMN, parent)
        self.retranslate_ui()

    def read_rows(self) -> Sequence[InstalmentRow]:
        return self._instalments.instalments(self.grant_id)

    def make_dialog(self, record_id: int | None) -> RecordDialog:
        return InstalmentDialog(self.db, self.grant_id, record_id, self)

    def delete_question(self, row: InstalmentRow) -> str:
        return _("Delete instalment {number}?").format(number=row.number)

    def delete_row(self, row: InstalmentRow) -> None:
        self._instalments.delete(row.id, row.version)

    def footer_text(self) -> str:
        grant = self._grants.get(self.grant_id).form
        rows: list[InstalmentRow] = self.model.rows
        received = sum((row.amount for row in rows if row.received), Decimal(0))
        planned = sum((row.amount for row in rows), Decimal(0))
        language = current_language()
        return _(
            "Received {received} of the grant amount of {amount} ({planned} in the "
            "instalments listed)."
        ).format(
            received=format_money(received, grant.currency, language),
            amount=format_money(Decimal(grant.amount or 0), grant.currency, language),
            planned=format_money(planned, grant.currency, language),
        )
