"""The Reporting periods tab of a grant: each period with its report deadline and how
much of its narrative is written, and the quarters generated in one action."""

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.period import PERIOD_KIND_LABELS, NarrativeSection
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.errors import ServiceError
from desktop.services.periods import PeriodListRow, PeriodService
from desktop.store.database import Database
from desktop.ui.access_keys import keep_access_keys
from desktop.ui.grants.part_tab import PartTab
from desktop.ui.grants.period_dialog import PeriodDialog
from desktop.ui.widgets.paged_table_model import Column
from desktop.ui.widgets.record_dialog import RecordDialog

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SECTIONS = len(NarrativeSection)


def _date(value: object) -> str:
    return format_date(value, current_language())  # type: ignore[arg-type]


def _written(row: PeriodListRow) -> str:
    # L10N: how many report sections have a narrative, such as "2 of 4"
    return _("{written} of {sections}").format(written=row.sections_written, sections=SECTIONS)


COLUMNS = (
    Column(N_("Label"), lambda row: row.label),
    Column(N_("Kind"), lambda row: _(PERIOD_KIND_LABELS[row.kind])),
    Column(
        N_("Start date"),
        lambda row: _date(row.start_date),
        alignment=RIGHT,
        export=lambda row: row.start_date,
    ),
    Column(
        N_("End date"),
        lambda row: _date(row.end_date),
        alignment=RIGHT,
        export=lambda r: r.end_date,
    ),
    Column(
        N_("Report due"), lambda row: _date(row.due_on), alignment=RIGHT, export=lambda r: r.due_on
    ),
    # exported as the number of sections written, a figure a spreadsheet can count with
    Column(N_("Sections written"), _written, alignment=RIGHT, export=lambda r: r.sections_written),
)
LABEL_COLUMN = 0


class PeriodsTab(PartTab):
    table_name = N_("Reporting periods")
    new_text = N_("&New period")
    new_tip = N_("Add a reporting period")
    read_failed_title = N_("The reporting periods could not be read")
    not_opened_title = N_("The reporting period could not be opened")
    not_deleted_title = N_("The reporting period was not deleted")
    saved_message = N_("The reporting period was saved.")
    deleted_message = N_("The reporting period was deleted.")

    def __init__(self, db: Database, grant_id: int, parent: QWidget | None = None) -> None:
        self._periods = PeriodService(db)
        super().__init__(db, grant_id, COLUMNS, LABEL_COLUMN, parent)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.quarters_action = QAction(self)
        self.quarters_action.triggered.connect(self.generate_quarters)
        self.add_button(self.quarters_action)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.quarters_action.setText(_("&Generate quarters"))
        keep_access_keys(self.quarters_action)
        self.quarters_action.setToolTip(
            _("Add a quarterly period for each calendar quarter of the grant not yet covered")
        )

    def read_rows(self) -> Sequence[PeriodListRow]:
        return self._periods.periods(self.grant_id)

    def make_dialog(self, record_id: int | None) -> RecordDialog:
        return PeriodDialog(self.db, self.grant_id, record_id, self)

    def delete_question(self, row: PeriodListRow) -> str:
        return _("Delete the reporting period {label} and its narrative?").format(label=row.label)

    def delete_row(self, row: PeriodListRow) -> None:
        self._periods.delete(row.id, row.version)

    def footer_text(self) -> str:
        rows: list[PeriodListRow] = self.model.rows
        return ngettext("{count} reporting period", "{count} reporting periods", len(rows)).format(
            count=len(rows)
        )

    def generate_quarters(self) -> list[str]:
        """Add the missing quarters and say which (or that none was missing)."""
        try:
            added = self._periods.generate_quarters(self.grant_id)
        except ServiceError as error:
            QMessageBox.warning(self, _("No periods were added"), str(error))
            return []
        self.reload()
        if added:
            self.changed.emit()
            message = ngettext(
                "{count} quarter was added: {labels}.",
                "{count} quarters were added: {labels}.",
                len(added),
            ).format(count=len(added), labels=", ".join(added))
        else:
            message = _("Every quarter of the grant already has a reporting period.")
        self.status_message.emit(message)
        QMessageBox.information(self, _("Generate quarters"), message)
        return added
