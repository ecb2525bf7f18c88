"""The dialog for one instalment of a grant: its number, when it is due, whether and when
it was received, and how much."""

from datetime import date

from PySide6.QtWidgets import QLineEdit, QSpinBox, QWidget

from desktop.i18n import N_, _
from desktop.services.instalments import MAX_INSTALMENTS, InstalmentForm, InstalmentService
from desktop.store.database import Database
from desktop.ui.grants.fields import OptionalDateEdit, decimal_text
from desktop.ui.widgets.record_dialog import RecordDialog


class InstalmentDialog(RecordDialog):
    unsaved_question = N_(
        "This instalment has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The instalment was not saved")

    def __init__(
        self, db: Database, grant_id: int, instalment_id: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(instalment_id, parent)
        self._grant_id = grant_id
        self._instalments = InstalmentService(db)

        self.number_spin = QSpinBox(self)
        self.number_spin.setRange(1, MAX_INSTALMENTS)
        self.due_edit = OptionalDateEdit(self)
        self.received_edit = OptionalDateEdit(self)
        self.amount_edit = QLineEdit(self)
        form = self.form_layout()
        self.add_row(form, "number", N_("&Number"), self.number_spin)
        self.add_row(form, "due_on", N_("&Due on"), self.due_edit)
        self.add_row(form, "received_on", N_("&Received on"), self.received_edit)
        self.add_row(form, "amount", N_("&Amount"), self.amount_edit)
        self.set_body(form)
        self.set_tab_order(
            [
                self.number_spin,
                self.due_edit.check,
                self.due_edit.edit,
                self.received_edit.check,
                self.received_edit.edit,
                self.amount_edit,
            ]
        )
        self.enable_conflict_merge(db, "instalments")
        self.start()
        self.resize(460, 300)

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New instalment")
        return _("Edit instalment {number}").format(number=self.number_spin.value())

    def relabel(self) -> None:
        self.due_edit.check.setText(_("Has a due date"))
        self.received_edit.check.setText(_("Received"))
        self.received_edit.check.setToolTip(_("Tick when the money has arrived"))

    def load_record(self) -> None:
        if self.record_id is None:
            self.number_spin.setValue(self._instalments.next_number(self._grant_id))
            self.due_edit.set_date_value(None)
            self.received_edit.set_date_value(None)
            return
        details = self._instalments.get(self.record_id)
        form = details.form
        self.version = details.version
        self.record_uuid = details.uuid
        self.number_spin.setValue(int(form.number or 1))
        self.due_edit.set_date_value(_day(form.due_on))
        self.received_edit.set_date_value(_day(form.received_on), default=_day(form.due_on))
        self.amount_edit.setText(decimal_text(form.amount))  # type: ignore[arg-type]

    def stored_form(self) -> tuple[InstalmentForm, int]:
        details = self._instalments.get(self.record_id)
        return details.form, details.version

    def form(self) -> InstalmentForm:
        return InstalmentForm(
            number=self.number_spin.value(),
            due_on=self.due_edit.date_value(),
            received_on=self.received_edit.date_value(),
            amount=self.amount_edit.text(),
        )

    def store(self, form: InstalmentForm) -> int:
        if self.record_id is None:
            return self._instalments.create(self._grant_id, form)
        self._instalments.update(self.record_id, form, self.version or 0)
        return self.record_id


def _day(value: date | str | None) -> date | None:
    return value if isinstance(value, date) else None
