"""The dialog for one budget line: its donor heading, code, description, and either a
quantity at a unit cost or a lump sum.

The headings offered are those of the grant's donor's budget template that lines go under,
in the order of the donor's form, each sub-heading indented under its heading ("1.3 Per
diems" under "1. Human resources"); the subtotals and totals the reports compute are not.

When both quantity and unit cost are given the amount is their product, shown as the user
types and not typed itself; otherwise the amount is typed.
"""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.i18n import N_, _, current_language
from desktop.services.budget import BudgetLineForm, BudgetService, line_amount
from desktop.services.currency import parse_decimal
from desktop.services.reference import HeadingChoice, ReferenceService
from desktop.store.database import Database
from desktop.ui.grants.fields import decimal_text
from desktop.ui.widgets.record_dialog import RecordDialog

# The data role holding how many headings stand above a heading in the open list.
DEPTH_ROLE = Qt.ItemDataRole.UserRole + 1


class HeadingDelegate(QStyledItemDelegate):
    """Draws a sub-heading indented under its heading in the open list; the closed combo
    box and a screen reader say the heading's name alone."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        depth = index.data(DEPTH_ROLE) or 0
        if depth:
            option = QStyleOptionViewItem(option)
            option.rect = option.rect.adjusted(
                depth * 3 * option.fontMetrics.averageCharWidth(), 0, 0, 0
            )
        super().paint(painter, option, index)


def _indented(choices: list[HeadingChoice]) -> list[tuple[HeadingChoice, int]]:
    """Each heading with the number of headings above it among ``choices``."""
    parents = {choice.id: choice.parent_id for choice in choices}

    def depth(parent_id: int | None) -> int:
        return 0 if parent_id not in parents else 1 + depth(parents[parent_id])

    return [(choice, depth(choice.parent_id)) for choice in choices]


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
        self._keep_heading: int | None = None

        self.heading_combo = QComboBox(self)
        self.heading_combo.setItemDelegate(HeadingDelegate(self.heading_combo))
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
        self.enable_conflict_merge(db, "budget_lines")
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
        for choice, depth in _indented(self._headings()):
            self.heading_combo.addItem(choice.name, choice.id)
            self.heading_combo.setItemData(self.heading_combo.count() - 1, depth, DEPTH_ROLE)
        self.heading_combo.setCurrentIndex(max(self.heading_combo.findData(chosen), 0))

    def _headings(self) -> list[HeadingChoice]:
        """The template's headings, and the line's own heading should it be under another
        template's (the service then says why it must move)."""
        language = current_language()
        choices = self._budget.heading_choices(self._grant_id, language)
        if self._keep_heading is not None and all(c.id != self._keep_heading for c in choices):
            choices += [
                choice
                for choice in self._reference.budget_headings(language)
                if choice.id == self._keep_heading
            ]
        return choices

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
        self._keep_heading = form.heading_id
        self._fill_headings()
        self.heading_combo.setCurrentIndex(max(self.heading_combo.findData(form.heading_id), 0))
        self.code_edit.setText(form.code)
        self.description_edit.setText(form.description)
        self.description_edit.setCursorPosition(0)
        self.unit_edit.setText(form.unit)
        self.quantity_edit.setText(decimal_text(form.quantity))  # type: ignore[arg-type]
        self.unit_cost_edit.setText(decimal_text(form.unit_cost))  # type: ignore[arg-type]
        self.amount_edit.setText(decimal_text(form.amount))  # type: ignore[arg-type]

    def stored_form(self) -> tuple[BudgetLineForm, int]:
        details = self._budget.get(self.record_id)
        return details.form, details.version

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
