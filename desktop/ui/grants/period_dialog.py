"""The dialog for one reporting period, the day its report went to the donor, and the
narrative of the report.

Each report section has a tab, in the order of the EU's model narrative report (summary,
problems and lessons, changes and delays, cooperation, visibility, location of records, the
plan for the next period), in which the text is written in the four languages side by side,
whatever the interface language:
the donor's report is printed in the donor's language, and the partner's staff write in
theirs.  Serbian Latin follows the Cyrillic until someone writes it by hand.
"""

from calendar import monthrange
from datetime import date, timedelta

from PySide6.QtWidgets import QComboBox, QLineEdit, QTabWidget, QVBoxLayout, QWidget

from desktop.domain.period import (
    NARRATIVE_SECTION_LABELS,
    PERIOD_KIND_LABELS,
    NarrativeSection,
    PeriodKind,
)
from desktop.i18n import N_, _
from desktop.services.grants import GrantService
from desktop.services.periods import (
    DAYS_TO_REPORT,
    Narratives,
    PeriodForm,
    PeriodService,
    narrative_field,
)
from desktop.store.database import Database
from desktop.ui.grants.fields import OptionalDateEdit
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.names_editor import NAME_FIELDS, NamesEditor
from desktop.ui.widgets.record_dialog import RecordDialog

# The sections' tabs, in the order the EU's model narrative report takes them.
SECTION_ORDER = (
    NarrativeSection.SUMMARY,
    NarrativeSection.CHALLENGES,
    NarrativeSection.CHANGES,
    NarrativeSection.COOPERATION,
    NarrativeSection.VISIBILITY,
    NarrativeSection.RECORDS,
    NarrativeSection.NEXT_STEPS,
)
# The narrative's language behind each of the editor's four fields.
FIELD_LANGUAGES = dict(zip(NAME_FIELDS, ("en", "sq", "sr", "sr_Latn"), strict=True))
SPOKEN_TEXTS = {
    "name_en": N_("Text in English"),
    "name_sq": N_("Text in Albanian"),
    "name_sr": N_("Text in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Text in Serbian, Latin script"),
}


class PeriodDialog(RecordDialog):
    unsaved_question = N_(
        "This reporting period has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The reporting period was not saved")

    def __init__(
        self, db: Database, grant_id: int, period_id: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(period_id, parent)
        self._grant_id = grant_id
        self._periods = PeriodService(db)
        self._grants = GrantService(db)
        self._label = ""

        self.label_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        self.due_edit = OptionalDateEdit(self)
        self.sent_edit = OptionalDateEdit(self)
        self.sections = QTabWidget(self)
        self.narratives: dict[NarrativeSection, NamesEditor] = {}
        for section in SECTION_ORDER:
            editor = NamesEditor(multiline=True, parent=self.sections, spoken=SPOKEN_TEXTS)
            self.narratives[section] = editor
            self.sections.addTab(editor, "")
            for name, edit in editor.edits.items():
                self.register_field(
                    narrative_field(section, FIELD_LANGUAGES[name]), edit, editor.errors[name]
                )
        self._lay_out()
        self.enable_conflict_merge(db, "reporting_periods")
        self.start()
        self.resize(1000, 760)

    def _lay_out(self) -> None:
        form = self.form_layout()
        self.add_row(form, "label", N_("La&bel"), self.label_edit)
        self.add_row(form, "kind", N_("&Kind of report"), self.kind_combo)
        self.add_row(form, "start_date", N_("&Start date"), self.start_edit)
        self.add_row(form, "end_date", N_("E&nd date"), self.end_edit)
        self.add_row(form, "due_on", N_("Report &due on"), self.due_edit)
        self.add_row(form, "sent_on", N_("Sen&t to the donor on"), self.sent_edit)
        body = QVBoxLayout()
        body.addLayout(form)
        body.addWidget(self.add_label(N_("Narrati&ve of the report"), self.sections))
        body.addWidget(self.sections, 1)
        self.set_body(body)
        self.set_tab_order(
            [
                self.label_edit,
                self.kind_combo,
                self.start_edit,
                self.end_edit,
                self.due_edit.check,
                self.due_edit.edit,
                self.sent_edit.check,
                self.sent_edit.edit,
                self.sections.tabBar(),
                *(edit for editor in self.narratives.values() for edit in editor.edits.values()),
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New reporting period")
        return _("Edit reporting period {label}").format(label=self._label)

    def retranslate_ui(self) -> None:
        self._fill_kinds()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: an example of a reporting period's label, as a hint in the empty field
        self.label_edit.setPlaceholderText(_("For example 2026-Q1"))
        self.due_edit.check.setText(_("Has a deadline"))
        # L10N: ticked once the period's report has gone to the donor
        self.sent_edit.check.setText(_("Sent"))
        self.sent_edit.check.setToolTip(
            _("Tick once the report has gone to the donor; its signature block gives the date")
        )
        for number, section in enumerate(self.narratives):
            self.sections.setTabText(number, _(NARRATIVE_SECTION_LABELS[section]))

    def _fill_kinds(self) -> None:
        chosen = self.kind_combo.currentData()
        self.kind_combo.clear()
        for kind, label in PERIOD_KIND_LABELS.items():
            self.kind_combo.addItem(_(label), kind.value)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(chosen), 0))

    def show_errors(self, errors: dict[str, str]) -> None:
        """A refused narrative brings its section's tab forward before the cursor goes to
        it."""
        for number, section in enumerate(self.narratives):
            if any(narrative_field(section, lang) in errors for lang in FIELD_LANGUAGES.values()):
                self.sections.setCurrentIndex(number)
                break
        super().show_errors(errors)

    # -- values ----------------------------------------------------------------------------

    def load_record(self) -> None:
        self._fill_kinds()
        if self.record_id is None:
            self._show_new()
            return
        details = self._periods.get(self.record_id)
        form = details.form
        self.version = details.version
        self.record_uuid = details.uuid
        self._label = form.label
        self.label_edit.setText(form.label)
        self.kind_combo.setCurrentIndex(
            max(self.kind_combo.findData(PeriodKind(form.kind).value), 0)
        )
        self.start_edit.set_date_value(form.start_date)  # type: ignore[arg-type]
        self.end_edit.set_date_value(form.end_date)  # type: ignore[arg-type]
        self.due_edit.set_date_value(
            form.due_on,  # type: ignore[arg-type]
            default=form.end_date + timedelta(days=DAYS_TO_REPORT),  # type: ignore[operator]
        )
        self.sent_edit.set_date_value(
            form.sent_on,  # type: ignore[arg-type]
            default=form.due_on or form.end_date,  # type: ignore[arg-type]
        )
        self._show_narratives(form.narratives)

    def _show_new(self) -> None:
        """A new period starts where the grant's last one ended (or where the grant
        starts) and lasts a quarter."""
        grant = self._grants.get(self._grant_id).form
        periods = self._grants.periods(self._grant_id)
        grant_start, grant_end = grant.start_date, grant.end_date
        assert isinstance(grant_start, date) and isinstance(grant_end, date)
        start = periods[-1].end_date + timedelta(days=1) if periods else grant_start
        end = min(_quarter_end(start), grant_end)
        self.start_edit.set_date_value(start)
        self.end_edit.set_date_value(end)
        self.due_edit.set_date_value(end + timedelta(days=DAYS_TO_REPORT))
        self.sent_edit.set_date_value(None, default=end + timedelta(days=DAYS_TO_REPORT))
        self._show_narratives({})

    def _show_narratives(self, narratives: Narratives) -> None:
        for section, editor in self.narratives.items():
            editor.set_values(
                {
                    name: narratives.get((section, language), "")
                    for name, language in FIELD_LANGUAGES.items()
                }
            )

    def stored_form(self) -> tuple[PeriodForm, int]:
        details = self._periods.get(self.record_id)
        return details.form, details.version

    def form(self) -> PeriodForm:
        texts: Narratives = {}
        for section, editor in self.narratives.items():
            for name, text in editor.values().items():
                if text.strip():
                    texts[(section, FIELD_LANGUAGES[name])] = text
        return PeriodForm(
            label=self.label_edit.text(),
            kind=PeriodKind(self.kind_combo.currentData()),
            start_date=self.start_edit.date_value(),
            end_date=self.end_edit.date_value(),
            due_on=self.due_edit.date_value(),
            sent_on=self.sent_edit.date_value(),
            narratives=texts,
        )

    def store(self, form: PeriodForm) -> int:
        if self.record_id is None:
            return self._periods.create(self._grant_id, form)
        self._periods.update(self.record_id, form, self.version or 0)
        return self.record_id


def _quarter_end(day: date) -> date:
    """The last day of the calendar quarter ``day`` is in."""
    last_month = (day.month - 1) // 3 * 3 + 3
    return date(day.year, last_month, monthrange(day.year, last_month)[1])
