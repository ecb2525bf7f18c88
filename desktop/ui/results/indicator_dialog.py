"""The editor of one indicator: the result it measures, its code and name in the four
languages, unit, baseline and target with the years they refer to (the logframe gives
both), how it is verified, and whether it counts the
participants of the project's activities (and of which kind).
"""

from decimal import Decimal

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.results import PARTICIPANT_ROLLUP_LABELS, ParticipantRollup
from desktop.i18n import N_, _, current_language
from desktop.services.actor import Actor
from desktop.services.results import IndicatorForm, ResultsService
from desktop.store.database import Database
from desktop.ui.results.grid_model import number
from desktop.ui.results.result_dialog import flatten
from desktop.ui.widgets.names_editor import NamesEditor
from desktop.ui.widgets.record_dialog import RecordDialog

SPOKEN_NAMES = {
    "name_en": N_("Indicator in English"),
    "name_sq": N_("Indicator in Albanian"),
    "name_sr": N_("Indicator in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Indicator in Serbian, Latin script"),
}


class IndicatorDialog(RecordDialog):
    unsaved_question = N_(
        "This indicator has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The indicator was not saved")

    def __init__(
        self,
        db: Database,
        project_id: int,
        indicator_id: int | None,
        parent: QWidget | None,
        actor: Actor | None = None,
        result_id: int | None = None,
    ) -> None:
        super().__init__(indicator_id, parent)
        self._service = ResultsService(db, actor)
        self._project_id = project_id
        self._default_result = result_id
        self._code = ""

        self.result_combo = QComboBox(self)
        self.code_edit = QLineEdit(self)
        self.names = NamesEditor(parent=self, spoken=SPOKEN_NAMES)
        self.unit_edit = QLineEdit(self)
        self.baseline_edit = QLineEdit(self)
        self.target_edit = QLineEdit(self)
        self.baseline_year_edit = QLineEdit(self)
        self.target_year_edit = QLineEdit(self)
        self.verification_edit = QPlainTextEdit(self)
        self.verification_edit.setTabChangesFocus(True)
        self.rollup_combo = QComboBox(self)
        self.type_combo = QComboBox(self)
        self._lay_out()
        self.rollup_combo.currentIndexChanged.connect(lambda _index: self._update_type())
        self.enable_conflict_merge(db, "indicators")
        self.start()
        self.resize(820, 640)

    def _lay_out(self) -> None:
        form = self.form_layout()
        self.add_row(form, "result_id", N_("&Measures"), self.result_combo)
        self.add_row(form, "code", N_("&Code"), self.code_edit)
        names = QGroupBox(self)
        self.add_title(names, N_("Indicator (at least one language)"))
        QVBoxLayout(names).addWidget(self.names)
        self.add_names(self.names)
        form.addRow(names)
        self.add_row(form, "unit", N_("&Unit"), self.unit_edit)
        figures = QHBoxLayout()
        figures.addWidget(self.add_label(N_("&Baseline"), self.baseline_edit))
        figures.addWidget(self.add_field("baseline", self.baseline_edit), 1)
        figures.addWidget(self.add_label(N_("&Target"), self.target_edit))
        figures.addWidget(self.add_field("target", self.target_edit), 1)
        form.addRow(figures)
        years = QHBoxLayout()
        years.addWidget(self.add_label(N_("Baseline yea&r"), self.baseline_year_edit))
        years.addWidget(self.add_field("baseline_year", self.baseline_year_edit), 1)
        years.addWidget(self.add_label(N_("Tar&get year"), self.target_year_edit))
        years.addWidget(self.add_field("target_year", self.target_year_edit), 1)
        form.addRow(years)
        self.add_row(
            form, "means_of_verification", N_("Means of &verification"), self.verification_edit
        )
        self.add_row(form, "rollup", N_("C&ounts"), self.rollup_combo)
        self.add_row(form, "rollup_activity_type_id", N_("At activitie&s of type"), self.type_combo)
        self.set_body(form)
        self.set_tab_order(
            [
                self.result_combo,
                self.code_edit,
                *self.names.edits.values(),
                self.unit_edit,
                self.baseline_edit,
                self.target_edit,
                self.baseline_year_edit,
                self.target_year_edit,
                self.verification_edit,
                self.rollup_combo,
                self.type_combo,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New indicator")
        return _("Edit indicator {code}").format(code=self._code)

    def relabel(self) -> None:
        # L10N: an example of an indicator's unit, as a hint in the empty field
        self.unit_edit.setPlaceholderText(_("For example people, MCSCs, reports"))
        # L10N: a hint in an indicator's empty baseline or target year
        year_hint = _("For example {year}")
        self.baseline_year_edit.setPlaceholderText(year_hint.format(year=2025))
        self.target_year_edit.setPlaceholderText(year_hint.format(year=2027))
        self.rollup_combo.setToolTip(
            _(
                "An indicator that counts participants takes its value for each period from "
                "the activities that began in it."
            )
        )

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    # -- choices -----------------------------------------------------------------------

    def _fill_choices(self) -> None:
        language = current_language()
        result, rollup, kind = (
            self.result_combo.currentData(),
            self.rollup_combo.currentData(),
            self.type_combo.currentData(),
        )
        self.result_combo.clear()
        for node in flatten(self._service.tree(self._project_id, language)):
            label = _("{code} {statement}").format(code=node.code, statement=node.name)
            self.result_combo.addItem(label, node.id)
        self.rollup_combo.blockSignals(True)
        self.rollup_combo.clear()
        for value, label in PARTICIPANT_ROLLUP_LABELS.items():
            self.rollup_combo.addItem(_(label), value.value)
        self.rollup_combo.blockSignals(False)
        self.type_combo.clear()
        self.type_combo.addItem(_("(any type)"), None)
        for choice in self._service.activity_types(language):
            self.type_combo.addItem(choice.name, choice.id)
        _select(self.result_combo, result)
        _select(self.rollup_combo, rollup)
        _select(self.type_combo, kind)
        self._update_type()

    def _update_type(self) -> None:
        counts = self.rollup_combo.currentData() not in (None, ParticipantRollup.NONE.value)
        self.type_combo.setEnabled(counts)

    # -- values ------------------------------------------------------------------------

    def load_record(self) -> None:
        if self.record_id is None:
            form = IndicatorForm(result_id=self._default_result)
        else:
            details = self._service.get_indicator(self.record_id)
            self.version = details.version
            self.record_uuid = details.uuid
            self._code = details.form.code
            form = details.form
        self._fill_choices()
        _select(self.result_combo, form.result_id)
        self.code_edit.setText(form.code)
        self.names.set_values({name: getattr(form, name) for name in self.names.edits})
        self.unit_edit.setText(form.unit)
        self.baseline_edit.setText(_shown(form.baseline))
        self.target_edit.setText(_shown(form.target))
        self.baseline_year_edit.setText(_year(form.baseline_year))
        self.target_year_edit.setText(_year(form.target_year))
        self.verification_edit.setPlainText(form.means_of_verification)
        _select(self.rollup_combo, ParticipantRollup(form.rollup).value)
        _select(self.type_combo, form.rollup_activity_type_id)
        self._update_type()

    def stored_form(self) -> tuple[IndicatorForm, int]:
        details = self._service.get_indicator(self.record_id)
        return details.form, details.version

    def form(self) -> IndicatorForm:
        rollup = ParticipantRollup(self.rollup_combo.currentData() or ParticipantRollup.NONE)
        return IndicatorForm(
            result_id=self.result_combo.currentData(),
            code=self.code_edit.text(),
            **self.names.values(),
            unit=self.unit_edit.text(),
            baseline=self.baseline_edit.text(),
            target=self.target_edit.text(),
            baseline_year=self.baseline_year_edit.text(),
            target_year=self.target_year_edit.text(),
            means_of_verification=self.verification_edit.toPlainText(),
            rollup=rollup,
            rollup_activity_type_id=(
                self.type_combo.currentData() if rollup != ParticipantRollup.NONE else None
            ),
        )

    def store(self, form: IndicatorForm) -> int:
        if self.record_id is None:
            return self._service.create_indicator(form)
        self._service.update_indicator(self.record_id, form, self.version or 0)
        return self.record_id


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _year(value: int | str | None) -> str:
    """A reference year as typed: digits only, never grouped ("2025", not "2,025")."""
    return "" if value is None else str(value)


def _shown(value: Decimal | str | None) -> str:
    """A stored figure as the interface language writes it."""
    if isinstance(value, Decimal):
        return number(value)
    return value or ""
