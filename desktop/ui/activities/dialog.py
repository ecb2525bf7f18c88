"""The dialog in which an activity and its participants are recorded.

Left, what the activity was: its title in every language, project, type, place, partner,
dates, description, and the problems met and how they were addressed (which an EU
narrative report gives for each activity).  Right, who came: the headcount from the sign-in
sheet and the tally by community, age band and gender, checked against each other as the
numbers are typed.
"""

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.multilingual import resolve_name
from desktop.i18n import N_, _, current_language
from desktop.services.activities import ActivityForm, ActivityService, parse_count
from desktop.services.organisations import OrganisationService
from desktop.services.projects import ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.activities.participants_grid import ParticipantsGrid
from desktop.ui.widgets.conflict_dialog import plain_text
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.names_editor import NAME_FIELDS, NamesEditor
from desktop.ui.widgets.organisation_choice import organisation_combo
from desktop.ui.widgets.project_choice import project_combo
from desktop.ui.widgets.record_dialog import Columns, RecordDialog

# What a screen reader says for each of the four title fields.
SPOKEN_TITLES = {
    "name_en": N_("Title in English"),
    "name_sq": N_("Title in Albanian"),
    "name_sr": N_("Title in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Title in Serbian, Latin script"),
}
GRID_FIELD = "participants"


class ActivityDialog(RecordDialog):
    """``saved(activity_id)`` fires once the service has stored the activity."""

    unsaved_question = N_("This activity has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The activity was not saved")
    archive_question = N_(
        "Archive this activity? It leaves the list and the totals but can be restored with "
        "Show archived."
    )

    def __init__(
        self,
        db: Database,
        activity_id: int | None,
        parent: QWidget | None,
        project_id: int | None = None,
    ) -> None:
        super().__init__(activity_id, parent)
        self._db = db
        self._activities = ActivityService(db)
        self._projects = ProjectService(db)
        self._organisations = OrganisationService(db)
        self._reference = ReferenceService(db)
        self._default_project = project_id
        self._names: dict[str, str | None] = {}  # the title in each language, as saved

        self.names = NamesEditor(parent=self, spoken=SPOKEN_TITLES)
        self.project_combo = project_combo(
            self._activities.project_choices,
            self._projects,
            # the text of the service's choices: code, then title
            lambda code, title: f"{code} · {title}",
            self,
        )
        self.type_combo = QComboBox(self)
        self.municipality_combo = QComboBox(self)
        self.partner_combo = organisation_combo(self._organisations, self)
        for combo in (self.project_combo, self.municipality_combo, self.partner_combo):
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        self._shown_start = self.start_edit.date()
        self.venue_edit = QLineEdit(self)
        self.description_edit = QPlainTextEdit(self)
        self.description_edit.setTabChangesFocus(True)
        self.problems_edit = QPlainTextEdit(self)
        self.problems_edit.setTabChangesFocus(True)
        self.headcount_edit = QLineEdit(self)
        self.headcount_edit.setMaximumWidth(120)
        self.grid = ParticipantsGrid(self)
        self._lay_out()
        self.headcount_edit.textChanged.connect(self._on_headcount_changed)
        self.start_edit.dateChanged.connect(self._keep_end_after_start)
        self.enable_archive(self._activities)
        self.enable_conflict_merge(db, "activities")
        self.start()
        self.resize(1180, 720)

    @property
    def activity_id(self) -> int | None:
        return self.record_id

    # -- layout ----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        titles_box = QGroupBox(self)
        self.add_title(titles_box, N_("Title (at least one language)"))
        QVBoxLayout(titles_box).addWidget(self.names)
        self.add_names(self.names)

        details = self.form_layout()
        details.addRow(titles_box)
        self.add_row(details, "project_id", N_("Pro&ject"), self.project_combo)
        self.add_row(details, "activity_type_id", N_("&Type"), self.type_combo)
        self.add_row(details, "municipality_id", N_("M&unicipality"), self.municipality_combo)
        self.add_row(details, "carried_out_by_id", N_("Carried out &by"), self.partner_combo)
        dates = QHBoxLayout()
        dates.addWidget(self.add_field("start_date", self.start_edit), 1)
        dates.addWidget(self.add_label(N_("E&nd"), self.end_edit))
        dates.addWidget(self.add_field("end_date", self.end_edit), 1)
        details.addRow(self.add_label(N_("&Start"), self.start_edit), dates)
        self.add_row(details, "venue", N_("&Venue"), self.venue_edit)
        self.add_row(details, "description", N_("Descr&iption"), self.description_edit)
        # L10N: an activity's field, as an EU narrative report asks of each activity
        self.add_row(
            details, "problems", N_("Pr&oblems met and how they were addressed"), self.problems_edit
        )

        people_box = QGroupBox(self)
        self.add_title(people_box, N_("Participants"))
        headcount = QFormLayout()
        self.add_row(
            headcount, "participants_total", N_("Head&count (sign-in sheet)"), self.headcount_edit
        )
        self.register_field(GRID_FIELD, self.grid.table, self.grid.error)
        people = QVBoxLayout(people_box)
        people.addLayout(headcount)
        people.addWidget(self.grid, 1)

        columns = Columns()
        columns.addLayout(details, 5)
        columns.addSpacing(12)
        columns.addWidget(people_box, 6)
        self.enable_attachments(self._db, "activities")  # the scanned sign-in sheet
        self.set_body(columns)
        self.set_tab_order(
            [
                *self.names.edits.values(),
                self.project_combo,
                self.type_combo,
                self.municipality_combo,
                self.partner_combo,
                self.start_edit,
                self.end_edit,
                self.venue_edit,
                self.description_edit,
                self.problems_edit,
                self.headcount_edit,
                self.grid.table,
                self.grid.add_button,
                self.grid.remove_button,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New activity")
        title = resolve_name(self._names, current_language())
        return _("Edit activity: {title}").format(title=title)

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    def relabel(self) -> None:
        self.venue_edit.setPlaceholderText(_("For example: Municipal assembly hall"))
        self.headcount_edit.setPlaceholderText(_("Not counted"))
        self.headcount_edit.setToolTip(
            _("Everyone on the sign-in sheet; the breakdown is checked against it.")
        )

    # -- choices ---------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """(Re)read the lists in the interface language, keeping what is chosen."""
        language = current_language()
        # Thousands of projects and organisations: read when the user reaches for them.
        self.project_combo.reset(_("(choose a project)"))
        _refill(
            self.type_combo,
            [(c.name, c.id) for c in self._reference.activity_types(language)],
            none=_("(choose a type)"),
        )
        _refill(
            self.municipality_combo,
            [(c.name, c.id) for c in self._reference.municipalities(language)],
            none=_("(none)"),
        )
        self.partner_combo.reset(_("(none)"))
        self.grid.set_communities(self._reference.communities(language))

    # -- values ----------------------------------------------------------------------------

    def load_record(self) -> None:
        """Show the stored activity (or a new one's defaults)."""
        self._fill_choices()
        self.record_uuid = None
        if self.record_id is None:
            today = date.today()
            self.start_edit.set_date_value(today)
            self.end_edit.set_date_value(today)
            self.project_combo.set_value(self._default_project)
            self.grid.set_lines([])
            return
        details = self._activities.get(self.record_id)
        self.version = details.version
        self.archived = details.archived
        self.record_uuid = details.uuid
        form = details.form
        self._names = {
            "en": form.name_en,
            "sq": form.name_sq,
            "sr": form.name_sr,
            "sr_Latn": form.name_sr_latn,
        }
        self.names.set_values({name: getattr(form, name) for name in NAME_FIELDS})
        self.project_combo.set_value(form.project_id)
        _select(self.type_combo, form.activity_type_id)
        _select(self.municipality_combo, form.municipality_id)
        self.partner_combo.set_value(form.carried_out_by_id)
        if isinstance(form.start_date, date):
            self.start_edit.set_date_value(form.start_date)
        if isinstance(form.end_date, date):
            self.end_edit.set_date_value(form.end_date)
        self.venue_edit.setText(form.venue)
        self.venue_edit.setCursorPosition(0)
        self.description_edit.setPlainText(form.description)
        self.problems_edit.setPlainText(form.problems)
        total = form.participants_total
        self.headcount_edit.setText("" if total is None else str(total))
        self.grid.set_lines(form.participants)

    def describe_value(self, name: str, value: Any) -> str:
        """Participants' lines name their community as the grid does, not by its code."""
        if name != "participants" or not isinstance(value, list):
            return super().describe_value(name, value)
        return "; ".join(
            plain_text(
                (line.gender, line.age_band, self.grid.community_name(line.community), line.count)
            )
            for line in value
        )

    def stored_form(self) -> tuple[ActivityForm, int]:
        details = self._activities.get(self.record_id)
        return details.form, details.version

    def form(self) -> ActivityForm:
        """What the dialog shows, as the service takes it."""
        return ActivityForm(
            **self.names.values(),
            project_id=self.project_combo.value(),
            activity_type_id=self.type_combo.currentData(),
            municipality_id=self.municipality_combo.currentData(),
            carried_out_by_id=self.partner_combo.value(),
            start_date=self.start_edit.date_value(),
            end_date=self.end_edit.date_value(),
            venue=self.venue_edit.text(),
            description=self.description_edit.toPlainText(),
            problems=self.problems_edit.toPlainText(),
            participants_total=self.headcount_edit.text(),
            participants=self.grid.lines(),
        )

    def store(self, form: ActivityForm) -> int:
        if self.record_id is None:
            return self._activities.create(form)
        self._activities.update(self.record_id, form, self.version or 0)
        return self.record_id

    # -- the participants' messages go on their cells ----------------------------------------

    def show_errors(self, errors: dict[str, str]) -> None:
        on_cells = {name: text for name, text in errors.items() if name.startswith("participants[")}
        others = {name: text for name, text in errors.items() if name not in on_cells}
        if on_cells:
            others[GRID_FIELD] = self.grid.show_errors(on_cells)
        super().show_errors(others)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.grid.clear_errors()

    # -- reactions -----------------------------------------------------------------------------

    def _on_headcount_changed(self, text: str) -> None:
        try:
            headcount = parse_count(text) if text.strip() else None
        except ValueError as error:
            headcount = None
            self.errors["participants_total"].show_message(str(error))
        else:
            self.errors["participants_total"].clear_message()
        self.grid.set_headcount(headcount)

    def _keep_end_after_start(self, start: QDate) -> None:
        """Moving the start moves the end along, keeping the activity's length, as a
        calendar does: most activities last a day, and then both dates change at once."""
        days = max(self._shown_start.daysTo(self.end_edit.date()), 0)
        self._shown_start = start
        self.end_edit.setDate(start.addDays(days))


def _refill(
    combo: QComboBox,
    items: list[tuple[str, int]],
    none: str | None = None,
) -> None:
    """Replace the combo's items, keeping the chosen one chosen."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if none is not None:
        combo.addItem(none, None)
    for text, value in items:
        combo.addItem(text, value)
    combo.blockSignals(False)
    _select(combo, chosen)


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
