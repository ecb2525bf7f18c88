"""The dialog for one expenditure: the invoice as it was issued (date, supplier, reference,
currency and amount), the rate used, and what it comes to in the contract currency.

The converted amount is shown as the amount and rate are typed, computed by the same
function the service stores it with, so what the user sees before saving is to the cent
what is saved.  The scanned invoice is attached once the expenditure is saved.
"""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_money
from desktop.services.budget import BudgetService
from desktop.services.currency import preview_conversion
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.grants import GrantService
from desktop.store.database import Database
from desktop.ui.grants.dialog import COMMON_CURRENCIES
from desktop.ui.grants.fields import RATE_PATTERN, decimal_text
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.record_dialog import RecordDialog


class ExpenditureDialog(RecordDialog):
    unsaved_question = N_(
        "This expenditure has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The expenditure was not saved")

    def __init__(
        self, db: Database, grant_id: int, expenditure_id: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(expenditure_id, parent)
        self._grant_id = grant_id
        self._expenditures = ExpenditureService(db)
        self._budget = BudgetService(db)
        grant = GrantService(db).get(grant_id).form
        self.contract_currency = grant.currency
        self._grant_dates = (grant.start_date, grant.end_date)
        self._foreign_rate = ""  # what was typed as the rate, kept while the currency is ours

        self.date_edit = DateEdit(self)
        self.line_combo = QComboBox(self)
        self.description_edit = QLineEdit(self)
        self.supplier_edit = QLineEdit(self)
        self.invoice_edit = QLineEdit(self)
        self.currency_combo = QComboBox(self)
        self.currency_combo.setEditable(True)
        self.currency_combo.addItems(
            [self.contract_currency, *(c for c in COMMON_CURRENCIES if c != grant.currency)]
        )
        self.currency_combo.lineEdit().setMaxLength(3)
        self.amount_edit = QLineEdit(self)
        self.rate_edit = QLineEdit(self)
        self.converted_label = QLabel(self)
        self.converted_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out(db)
        self.currency_combo.currentTextChanged.connect(self._on_currency_changed)
        self.amount_edit.textChanged.connect(self._show_conversion)
        self.rate_edit.textChanged.connect(self._show_conversion)
        self.rate_edit.textEdited.connect(self._remember_rate)
        self.enable_conflict_merge(db, "expenditures")
        self.start()
        self.resize(680, 620)

    def _lay_out(self, db: Database) -> None:
        form = self.form_layout()
        self.add_row(form, "spent_on", N_("Da&te"), self.date_edit)
        self.add_row(form, "budget_line_id", N_("&Budget line"), self.line_combo)
        self.add_row(form, "description", N_("D&escription"), self.description_edit)
        self.add_row(form, "supplier", N_("&Supplier"), self.supplier_edit)
        self.add_row(form, "invoice_reference", N_("&Invoice reference"), self.invoice_edit)
        money = QHBoxLayout()
        money.addWidget(self.add_field("original_amount", self.amount_edit), 3)
        money.addWidget(self.add_label(N_("&Currency"), self.currency_combo))
        money.addWidget(self.add_field("original_currency", self.currency_combo), 1)
        form.addRow(self.add_label(N_("Amo&unt"), self.amount_edit), money)
        self.add_row(form, "rate", N_("Exchange &rate"), self.rate_edit)
        form.addRow(self.add_label(N_("Converted amount"), None), self.converted_label)
        self.enable_attachments(db, "expenditures")
        self.set_body(form)
        files = self.attachments
        assert files is not None
        self.set_tab_order(
            [
                self.date_edit,
                self.line_combo,
                self.description_edit,
                self.supplier_edit,
                self.invoice_edit,
                self.amount_edit,
                self.currency_combo,
                self.rate_edit,
                files.list,
                files.add_button,
                files.open_button,
                files.remove_button,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New expenditure")
        return _("Edit expenditure")

    def retranslate_ui(self) -> None:
        self._fill_lines()
        super().retranslate_ui()

    def relabel(self) -> None:
        self.rate_edit.setToolTip(
            _("How many {currency} one unit of the invoice's currency was worth").format(
                currency=self.contract_currency
            )
        )
        self.converted_label.setAccessibleName(_("Converted amount"))
        self._show_rate_hint()
        self._show_conversion()

    def _fill_lines(self) -> None:
        chosen = self.line_combo.currentData()
        self.line_combo.clear()
        self.line_combo.addItem(_("(choose the budget line)"), None)
        for line in self._budget.lines(self._grant_id, current_language()):
            self.line_combo.addItem(line.label, line.id)
            self.line_combo.setItemData(
                self.line_combo.count() - 1, line.heading, Qt.ItemDataRole.ToolTipRole
            )
        self.line_combo.setCurrentIndex(max(self.line_combo.findData(chosen), 0))

    # -- the rate and the converted amount -------------------------------------------------

    def _is_contract_currency(self) -> bool:
        return self.currency_combo.currentText().strip().upper() == self.contract_currency

    def _remember_rate(self, text: str) -> None:
        self._foreign_rate = text

    def _on_currency_changed(self) -> None:
        """In the contract currency the rate is 1 and not typed; a foreign currency gets
        back the rate typed for it."""
        ours = self._is_contract_currency()
        self.rate_edit.setEnabled(not ours)
        self.rate_edit.setText(
            decimal_text(Decimal(1), RATE_PATTERN) if ours else self._foreign_rate
        )
        self._show_rate_hint()
        self._show_conversion()

    def _show_rate_hint(self) -> None:
        """Say in the empty rate field which way the rate goes, for the currency typed: a
        rate upside down would convert 1,250 francs into 1,174 euros instead of 1,331."""
        currency = self.currency_combo.currentText().strip().upper()
        self.rate_edit.setPlaceholderText(
            # L10N: the hint in the empty exchange-rate field, such as "EUR for 1 CHF"
            _("{contract} for 1 {currency}").format(
                contract=self.contract_currency, currency=currency
            )
            if currency and not self._is_contract_currency()
            else ""
        )

    def converted_amount(self) -> str:
        """The converted amount as the dialog shows it ("" until it can be computed)."""
        amount = preview_conversion(
            self.amount_edit.text(),
            self.rate_edit.text(),
            self.currency_combo.currentText(),
            self.contract_currency,
        )
        return format_money(amount, self.contract_currency, current_language())

    def _show_conversion(self) -> None:
        converted = self.converted_amount()
        if converted:
            self.converted_label.setText(converted)
        elif self._is_contract_currency():
            self.converted_label.setText(_("Give the amount."))
        else:
            self.converted_label.setText(_("Give the amount and the exchange rate."))

    # -- values ----------------------------------------------------------------------------

    def load_record(self) -> None:
        self._fill_lines()
        if self.record_id is None:
            start, end = self._grant_dates
            today = date.today()
            self.date_edit.set_date_value(min(max(today, start), end))  # type: ignore[type-var]
            self.currency_combo.setCurrentText(self.contract_currency)
            self._foreign_rate = ""
            self._on_currency_changed()
            return
        details = self._expenditures.get(self.record_id)
        form = details.form
        self.version = details.version
        self.record_uuid = details.uuid
        self.date_edit.set_date_value(form.spent_on)  # type: ignore[arg-type]
        self.line_combo.setCurrentIndex(max(self.line_combo.findData(form.budget_line_id), 0))
        self.description_edit.setText(form.description)
        self.description_edit.setCursorPosition(0)
        self.supplier_edit.setText(form.supplier)
        self.invoice_edit.setText(form.invoice_reference)
        self.amount_edit.setText(decimal_text(form.original_amount))  # type: ignore[arg-type]
        self.currency_combo.blockSignals(True)
        self.currency_combo.setCurrentText(form.original_currency)
        self.currency_combo.blockSignals(False)
        rate = decimal_text(form.rate, RATE_PATTERN)  # type: ignore[arg-type]
        self._foreign_rate = "" if self._is_contract_currency() else rate
        self._on_currency_changed()

    def stored_form(self) -> tuple[ExpenditureForm, int]:
        details = self._expenditures.get(self.record_id)
        return details.form, details.version

    def form(self) -> ExpenditureForm:
        return ExpenditureForm(
            spent_on=self.date_edit.date_value(),
            budget_line_id=self.line_combo.currentData(),
            description=self.description_edit.text(),
            supplier=self.supplier_edit.text(),
            invoice_reference=self.invoice_edit.text(),
            original_currency=self.currency_combo.currentText(),
            original_amount=self.amount_edit.text(),
            rate=self.rate_edit.text(),
        )

    def store(self, form: ExpenditureForm) -> int:
        if self.record_id is None:
            return self._expenditures.create(self._grant_id, form)
        self._expenditures.update(self.record_id, form, self.version or 0)
        return self.record_id
