"""The dialog for one budget line: its donor heading, code, description, and either a
quantity at a unit cost or a lump sum.

When both quantity and unit cost are given the amount is their product, shown as the user
types and not typed itself; otherwise the amount is typed.
"""

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from desktop.i18n import N_, _, current_language
from desktop.services.budget import BudgetLineForm, BudgetService, line_amount
from desktop.services.currency import parse_decimal
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.grants.fields import decimal_text
from desktop.ui.widgets.record_dialog import RecordDialog


class BudgetLineDialog(RecordDialog):
    unsaved_question = N_(
        "This budget line has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The budget line was not saved")

    def __init__(
        self, db: Database, grant_id: int, line_id: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(line_id, parent)
        self._grant_id = grant_id
        self._budget = BudgetService(db)
        self._reference = ReferenceService(db)
        self._code = ""

        self.heading_combo = QComboBox(self)
        self.code_edit = QLineEdit(self)
        self.description_edit = QLineEdit(self)
        self.unit_edit = QLineEdit(self)
        self.quantity_edit = QLineEdit(self)
        self.unit_cost_edit = QLineEdit(self)
        self.amount_edit = QLineEdit(self)
        form = self.form_layout()
        self.add_row(form, "heading_id", N_("&Heading"), self.heading_combo)
        self.add_row(form, "code", N_("&Code"), self.code_edit)
        self.add_row(form, "description", N_("Descr&iption"), self.description_edit)
        self.add_row(form, "unit", N_("U&nit"), self.unit_edit)
        self.add_row(form, "quantity", N_("&Quantity"), self.quantity_edit)
        self.add_row(form, "unit_cost", N_("Unit c&ost"), self.unit_cost_edit)
        self.add_row(form, "amount", N_("&Amount"), self.amount_edit)
        self.set_body(form)
        self.set_tab_order(
            [
                self.heading_combo,
                self.code_edit,
                self.description_edit,
                self.unit_edit,
                self.quantity_edit,
                self.unit_cost_edit,
                self.amount_edit,
            ]
        )
        self.quantity_edit.textChanged.connect(self._show_product)
        self.unit_cost_edit.textChanged.connect(self._show_product)
        self.start()
        self.resize(620, 420)

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New budget line")
        return _("Edit budget line {code}").format(code=self._code)

    def retranslate_ui(self) -> None:
        self._fill_headings()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: an example of a budget line's code, as a hint in the empty field
        self.code_edit.setPlaceholderText(_("For example 1.2"))
        # L10N: an example of a budget line's unit, as a hint in the empty field
        self.unit_edit.setPlaceholderText(_("For example per month"))
        self._show_product()

    def _fill_headings(self) -> None:
        chosen = self.heading_combo.currentData()
        self.heading_combo.clear()
        self.heading_combo.addItem(_("(choose the heading)"), None)
        for choice in self._reference.budget_headings(current_language()):
            self.heading_combo.addItem(choice.name, choice.id)
        self.heading_combo.setCurrentIndex(max(self.heading_combo.findData(chosen), 0))

    def _show_product(self) -> None:
        """Quantity × unit cost in the amount field while both read as numbers."""
        product = line_amount(
            parse_decimal(self.quantity_edit.text() or None),
            parse_decimal(self.unit_cost_edit.text() or None),
        )
        self.amount_edit.setReadOnly(product is not None)
        if product is not None:
            self.amount_edit.setText(decimal_text(product))
            self.amount_edit.setToolTip(_("Quantity × unit cost"))
        else:
            self.amount_edit.setToolTip(
                _("Type the amount of a lump sum, or give quantity and unit cost")
            )

    def load_record(self) -> None:
        self._fill_headings()
        if self.record_id is None:
            return
        details = self._budget.get(self.record_id)
        form = details.form
        self.version = details.version
        self.record_uuid = details.uuid
        self._code = form.code
        self.heading_combo.setCurrentIndex(max(self.heading_combo.findData(form.heading_id), 0))
        self.code_edit.setText(form.code)
        self.description_edit.setText(form.description)
        self.description_edit.setCursorPosition(0)
        self.unit_edit.setText(form.unit)
        self.quantity_edit.setText(decimal_text(form.quantity))  # type: ignore[arg-type]
        self.unit_cost_edit.setText(decimal_text(form.unit_cost))  # type: ignore[arg-type]
        self.amount_edit.setText(decimal_text(form.amount))  # type: ignore[arg-type]

    def form(self) -> BudgetLineForm:
        return BudgetLineForm(
            heading_id=self.heading_combo.currentData(),
            code=self.code_edit.text(),
            description=self.description_edit.text(),
            unit=self.unit_edit.text(),
            quantity=self.quantity_edit.text(),
            unit_cost=self.unit_cost_edit.text(),
            amount=self.amount_edit.text(),
        )

    def store(self, form: BudgetLineForm) -> int:
        if self.record_id is None:
            return self._budget.create(self._grant_id, form)
        self._budget.update(self.record_id, form, self.version or 0)
        return self.record_id
