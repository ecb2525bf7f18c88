"""Entering an indicator's value for one period (with the women and men it counts, where
recorded, for the logframe's breakdown by sex), and returning a submitted value.

The value editor shows what the activities counted, when the indicator counts participants,
and the manager's comment when the value came back, so the person correcting it has what
they need on one screen.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.results import ValueStatus
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.actor import Actor
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.results import IndicatorLine, IndicatorValueService, PeriodColumn
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.results.grid_model import number
from desktop.ui.widgets.colours import use_text_colour
from desktop.ui.widgets.field_error import FieldError
from desktop.ui.widgets.record_dialog import RecordDialog


@dataclass(frozen=True)
class ValueEntry:
    """What the value dialog shows, as typed: the value and, where recorded, its women and
    men (the service checks that together they are at most the value)."""

    value: str
    women: str = ""
    men: str = ""


class ValueDialog(RecordDialog):
    """``saved(value_id)`` fires once the value is stored (as a draft, or still returned)."""

    unsaved_question = N_("This value has changes that are not saved. Save it before closing?")
    not_saved_title = N_("The value was not saved")

    def __init__(
        self,
        db: Database,
        line: IndicatorLine,
        period: PeriodColumn,
        parent: QWidget | None,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(None, parent)
        self._service = IndicatorValueService(db, actor)
        self._line = line
        self._period = period
        self._counted = ValueEntry("")
        self._incomplete = 0
        self._comment = ""

        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.value_edit = QLineEdit(self)
        self.women_edit = QLineEdit(self)
        self.men_edit = QLineEdit(self)
        self.value_hint = QLabel(self)
        self.value_hint.setWordWrap(True)
        use_text_colour(self.value_hint, "muted")  # a hint, not a value
        self.counted_label = QLabel(self)
        self.counted_label.setWordWrap(True)
        self.use_counted_button = QPushButton(self)
        self.use_counted_button.setAutoDefault(False)
        self.use_counted_button.clicked.connect(self._use_counted)
        self.comment_label = QLabel(self)
        self.comment_label.setWordWrap(True)
        self._lay_out()
        self.start()
        self.resize(560, 340)

    def _lay_out(self) -> None:
        form = self.form_layout()
        form.addRow(self.about)
        self.add_row(form, "value", N_("&Value"), self.value_edit)
        form.addRow("", self.value_hint)
        by_sex = QHBoxLayout()
        by_sex.addWidget(self.add_field("women", self.women_edit), 1)
        by_sex.addWidget(self.add_label(N_("Of whom &men"), self.men_edit))
        by_sex.addWidget(self.add_field("men", self.men_edit), 1)
        form.addRow(self.add_label(N_("Of whom &women"), self.women_edit), by_sex)
        counted = QHBoxLayout()
        counted.addWidget(self.counted_label, 1)
        counted.addWidget(self.use_counted_button)
        form.addRow(counted)
        form.addRow(self.comment_label)
        self.set_body(form)
        self.set_tab_order(
            [self.value_edit, self.women_edit, self.men_edit, self.use_counted_button]
        )

    def window_title(self) -> str:
        # L10N: the title of the dialog entering a value; {code} an indicator, {period} "2026-Q3"
        return _("Value of {code} for {period}").format(
            code=self._line.code, period=self._period.label
        )

    def relabel(self) -> None:
        language = current_language()
        unit = self._line.unit
        self.about.setText(
            "\n".join(
                part
                for part in (
                    self._line.name,
                    _("{start} – {end}").format(
                        start=format_date(self._period.start_date, language),
                        end=format_date(self._period.end_date, language),
                    ),
                    _("Unit: {unit}").format(unit=unit) if unit else "",
                )
                if part
            )
        )
        self.value_hint.setText(self._value_hint())
        self.value_edit.setToolTip(self.value_hint.text())
        by_sex = _(
            "Where the value counts people and their sex was recorded; leave empty where not. "
            "Women and men together may be fewer than the value."
        )
        self.women_edit.setToolTip(by_sex)
        self.men_edit.setToolTip(by_sex)
        self.use_counted_button.setText(_("&Use the counted figure"))
        self._show_counted()

    def _value_hint(self) -> str:
        """What to enter: a newcomer easily types the running total, which the reports and
        the Dashboard would then count twice."""
        line = self._line
        if line.target is None:
            return _("What was achieved in this period alone, not the running total.")
        # L10N: under an indicator's value; {baseline} and {target} are numbers such as 1, 6
        return _(
            "What was achieved in this period alone, not the running total: the approved "
            "values are added to the baseline ({baseline}) towards the target ({target})."
        ).format(baseline=number(line.baseline or Decimal(0)), target=number(line.target))

    def load_record(self) -> None:
        cell = self._service.cell(self._line.indicator_id, self._period.id)
        self.record_id = cell.value_id
        self.version = cell.version
        self.value_edit.setText(number(cell.value))
        self.women_edit.setText(number(cell.women))
        self.men_edit.setText(number(cell.men))
        counted = cell.rolled_up
        self._counted = (
            ValueEntry(number(counted.value), number(counted.women), number(counted.men))
            if counted
            else ValueEntry("")
        )
        self._incomplete = cell.rolled_up.incomplete_activities if cell.rolled_up else 0
        self._comment = cell.comment if cell.status == ValueStatus.RETURNED else ""
        self._show_counted()

    def _show_counted(self) -> None:
        has_counted = bool(self._counted.value)
        self.counted_label.setVisible(has_counted)
        self.use_counted_button.setVisible(has_counted)
        if has_counted:
            text = _("Counted from the activities that began in the period: {value}.").format(
                value=self._counted.value
            )
            if self._incomplete:
                text += " " + ngettext(
                    "{count} of them has participants not fully broken down.",
                    "{count} of them have participants not fully broken down.",
                    self._incomplete,
                ).format(count=self._incomplete)
            self.counted_label.setText(text)
        self.comment_label.setVisible(bool(self._comment))
        # L10N: shown when a manager returned the value, followed by their comment
        self.comment_label.setText(
            _("Returned by the manager: {comment}").format(comment=self._comment)
        )

    def _use_counted(self) -> None:
        """The counted figure, and the women and men among those counted."""
        self.value_edit.setText(self._counted.value)
        self.women_edit.setText(self._counted.women)
        self.men_edit.setText(self._counted.men)

    def form(self) -> ValueEntry:
        return ValueEntry(self.value_edit.text(), self.women_edit.text(), self.men_edit.text())

    def store(self, form: ValueEntry) -> int:
        return self._service.enter_value(
            self._line.indicator_id,
            self._period.id,
            form.value,
            self.version,
            women=form.women,
            men=form.men,
        )


class ReturnDialog(QDialog):
    """Asks the manager what should be corrected, then returns the value through ``send``
    (which raises the service's refusals); a missing comment is shown under the field."""

    def __init__(self, send: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._send = send
        self.explanation = QLabel(self)
        self.explanation.setWordWrap(True)
        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setTabChangesFocus(True)
        self.comment_error = FieldError(self)
        self.explanation.setBuddy(self.comment_edit)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.return_button = self.button_box.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.button_box.accepted.connect(self.send)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.comment_edit, 1)
        layout.addWidget(self.comment_error)
        layout.addWidget(self.button_box)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()
        self.resize(460, 260)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Return the value"))
        self.explanation.setText(
            _("&What should be corrected? Staff see this comment beside the value.")
        )
        self.comment_edit.setAccessibleName(_("Comment for staff"))
        self.return_button.setText(_("&Return"))

    def send(self) -> bool:
        self.comment_error.clear_message()
        try:
            self._send(self.comment_edit.toPlainText())
        except ValidationError as error:
            self.comment_error.show_message(" ".join(error.errors.values()))
            self.comment_edit.setAccessibleDescription(self.comment_error.text())
            self.comment_edit.setFocus()
            return False
        except ServiceError as error:
            QMessageBox.warning(self, _("The value was not returned"), str(error))
            self.reject()
            return False
        self.accept()
        return True
