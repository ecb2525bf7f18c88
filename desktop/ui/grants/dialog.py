"""The dialog in which a grant's contract is created or changed: its number, the project it
funds, the donor and the person the donor deals with, the currency and amount, and the dates
it runs.

The contract (signed PDF, annexes) is attached once the grant is saved.  What the grant
already holds bounds a change: the service refuses an amount below the budget or dates
that would leave an expenditure out, and the message appears under the field.
"""

from datetime import date, timedelta
from functools import partial

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget

from desktop.domain.grant import DEFAULT_CURRENCY
from desktop.i18n import N_, _, current_language
from desktop.services.grants import GrantForm, GrantService
from desktop.services.people import PersonService
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.grants.fields import OptionalDateEdit, decimal_text
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.lazy_choice import LazyChoiceCombo
from desktop.ui.widgets.project_choice import project_combo
from desktop.ui.widgets.record_dialog import RecordDialog

# Currencies a Western Balkans office meets most; any other three-letter code can be typed.
COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "RSD", "ALL", "MKD")


class GrantDialog(RecordDialog):
    """``saved(grant_id)`` fires once the grant is stored, archived or restored."""

    unsaved_question = N_("This grant has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The grant was not saved")
    archive_question = N_(
        "Archive this grant? It leaves the list but can be restored with Show archived."
    )

    def __init__(self, db: Database, grant_id: int | None, parent: QWidget | None) -> None:
        super().__init__(grant_id, parent)
        self._db = db
        self._grants = GrantService(db)
        self._number = ""
        self._keep_donor: int | None = None

        self.number_edit = QLineEdit(self)
        self.title_edit = QLineEdit(self)
        self.project_combo = project_combo(
            self._grants.project_choices,
            ProjectService(db),
            # the text of the service's choices: code, then title
            lambda code, title: f"{code} — {title}",
            self,
        )
        self.donor_combo = QComboBox(self)
        grants, people = self._grants, PersonService(db)
        self.contact_combo = LazyChoiceCombo(
            lambda: grants.contact_person_choices(current_language()),
            partial(_person_text, people),
            self,
        )
        self.currency_combo = QComboBox(self)
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(COMMON_CURRENCIES)
        self.currency_combo.lineEdit().setMaxLength(3)
        self.amount_edit = QLineEdit(self)
        self.signed_edit = OptionalDateEdit(self)
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self._lay_out()
        self.enable_archive(self._grants)
        self.enable_conflict_merge(db, "grants")
        self.start()
        self.resize(720, 620)

    def _lay_out(self) -> None:
        form = self.form_layout()
        self.add_row(form, "contract_number", N_("Contract &number"), self.number_edit)
        self.add_row(form, "title", N_("&Title"), self.title_edit)
        self.add_row(form, "project_id", N_("Pro&ject"), self.project_combo)
        self.add_row(form, "donor_id", N_("Dono&r"), self.donor_combo)
        self.add_row(form, "contact_person_id", N_("Cont&act person"), self.contact_combo)
        money = QHBoxLayout()
        money.addWidget(self.add_field("amount", self.amount_edit), 3)
        money.addWidget(self.add_label(N_("&Currency"), self.currency_combo))
        money.addWidget(self.add_field("currency", self.currency_combo), 1)
        form.addRow(self.add_label(N_("Amo&unt"), self.amount_edit), money)
        self.add_row(form, "signed_on", N_("Si&gned on"), self.signed_edit)
        self.add_row(form, "start_date", N_("&Start date"), self.start_edit)
        self.add_row(form, "end_date", N_("&End date"), self.end_edit)
        self.add_row(form, "notes", N_("N&otes"), self.notes_edit)
        self.enable_attachments(self._db, "grants")
        self.set_body(form)
        files = self.attachments
        assert files is not None
        self.set_tab_order(
            [
                self.number_edit,
                self.title_edit,
                self.project_combo,
                self.donor_combo,
                self.contact_combo,
                self.amount_edit,
                self.currency_combo,
                self.signed_edit.check,
                self.signed_edit.edit,
                self.start_edit,
                self.end_edit,
                self.notes_edit,
                files.list,
                files.add_button,
                files.open_button,
                files.remove_button,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New grant")
        return _("Edit grant {number}").format(number=self._number)

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: an example of an EU contract number, as a hint in the empty field
        self.number_edit.setPlaceholderText(_("For example 2026/123-456"))
        self.signed_edit.check.setText(_("Signed"))
        self.signed_edit.check.setToolTip(_("Tick when the contract has been signed"))
        self.currency_combo.setToolTip(
            _("The contract currency: expenditures are converted into it")
        )
        self.contact_combo.setToolTip(
            _("Whose name and title the donor's reports give as the contact person")
        )

    # -- choices and values ----------------------------------------------------------------

    def _fill_choices(self) -> None:
        # Thousands of projects and people (2,000 and 25,000 at 1,000,000 activities): read
        # when the user reaches for the choice.
        self.project_combo.reset(_("(choose the project)"))
        _refill(
            self.donor_combo,
            _("(choose the donor)"),
            self._grants.donor_choices(current_language(), keep=self._keep_donor),
        )
        # L10N: the first choice of a grant's contact person: nobody chosen yet
        self.contact_combo.reset(_("(no contact person)"))

    def load_record(self) -> None:
        if self.record_id is None:
            self._fill_choices()
            start = date.today()
            self.currency_combo.setCurrentText(DEFAULT_CURRENCY)
            self.signed_edit.set_date_value(None)
            self.start_edit.set_date_value(start)
            self.end_edit.set_date_value(start + timedelta(days=729))
            return
        details = self._grants.get(self.record_id)
        form = details.form
        self.version = details.version
        self.archived = details.archived
        self.record_uuid = details.uuid
        self._number = form.contract_number
        self._keep_donor = form.donor_id
        self._fill_choices()
        self.number_edit.setText(form.contract_number)
        self.title_edit.setText(form.title)
        self.title_edit.setCursorPosition(0)
        self.project_combo.set_value(form.project_id)
        _select(self.donor_combo, form.donor_id)
        self.contact_combo.set_value(form.contact_person_id)
        self.currency_combo.setCurrentText(form.currency)
        self.amount_edit.setText(decimal_text(form.amount))  # type: ignore[arg-type]
        self.signed_edit.set_date_value(form.signed_on)  # type: ignore[arg-type]
        self.start_edit.set_date_value(form.start_date)  # type: ignore[arg-type]
        self.end_edit.set_date_value(form.end_date)  # type: ignore[arg-type]
        self.notes_edit.setPlainText(form.notes)

    def stored_form(self) -> tuple[GrantForm, int]:
        details = self._grants.get(self.record_id)
        return details.form, details.version

    def form(self) -> GrantForm:
        return GrantForm(
            contract_number=self.number_edit.text(),
            title=self.title_edit.text(),
            project_id=self.project_combo.value(),
            donor_id=self.donor_combo.currentData(),
            currency=self.currency_combo.currentText(),
            amount=self.amount_edit.text(),
            signed_on=self.signed_edit.date_value(),
            start_date=self.start_edit.date_value(),
            end_date=self.end_edit.date_value(),
            notes=self.notes_edit.toPlainText(),
            contact_person_id=self.contact_combo.value(),
        )

    def store(self, form: GrantForm) -> int:
        if self.record_id is None:
            return self._grants.create(form)
        self._grants.update(self.record_id, form, self.version or 0)
        return self.record_id


def _refill(combo: QComboBox, prompt: str, choices: list[tuple[int, str]]) -> None:
    """Fill ``combo`` with a prompt (no choice) and ``choices``, keeping what is chosen."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(prompt, None)
    for record_id, text in choices:
        combo.addItem(text, record_id)
    combo.blockSignals(False)
    _select(combo, chosen)


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _person_text(people: PersonService, person_id: int) -> str:
    """A contact person as the choices name one: "name, title"."""
    form = people.get(person_id).form
    name = f"{form.first_name} {form.last_name}".strip()
    return ", ".join(part for part in (name, form.title) if part)
