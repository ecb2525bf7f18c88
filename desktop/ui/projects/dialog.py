"""The dialog in which a project is created or changed.

The service checks the whole form; each message it returns is shown in red under its own
field and the dialog stays open, so nothing the user typed is lost.  The dialog edits what
a project manager fills in at the start of a project; the partner list it does not show is
carried over unchanged.
"""

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.project import PROJECT_STATUS_LABELS, PartnerRole, ProjectStatus
from desktop.i18n import N_, _, current_language
from desktop.services.organisations import OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.widgets.checkable_list import CheckableList
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.names_editor import NAME_FIELDS, NamesEditor
from desktop.ui.widgets.organisation_choice import organisation_combo
from desktop.ui.widgets.record_dialog import RecordDialog

# What a screen reader says for each of the four title fields.
SPOKEN_TITLES = {
    "name_en": N_("Title in English"),
    "name_sq": N_("Title in Albanian"),
    "name_sr": N_("Title in Serbian, Cyrillic script"),
    "name_sr_latn": N_("Title in Serbian, Latin script"),
}


class ProjectDialog(RecordDialog):
    """``saved(project_id)`` fires once the service has stored the project."""

    unsaved_question = N_("This project has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The project was not saved")
    archive_question = N_(
        "Archive this project? It leaves the list but can be restored with Show archived."
    )

    def __init__(self, db: Database, project_id: int | None, parent: QWidget | None) -> None:
        super().__init__(project_id, parent)
        self._db = db
        self._projects = ProjectService(db)
        self._organisations = OrganisationService(db)
        self._reference = ReferenceService(db)
        self._partners: list[tuple[int, PartnerRole]] = []
        self._code = ""

        self.code_edit = QLineEdit(self)
        self.names = NamesEditor(parent=self, spoken=SPOKEN_TITLES)
        self.title_edits = self.names.edits
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setTabChangesFocus(True)
        self.status_combo = QComboBox(self)
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        self.lead_combo = organisation_combo(self._organisations, self)
        self.municipality_list = CheckableList(filterable=True, parent=self)
        self.theme_list = CheckableList(parent=self)
        self._lay_out()
        self.enable_archive(self._projects)
        self.enable_conflict_merge(db, "projects")
        self.start()
        self.resize(980, 680)

    @property
    def project_id(self) -> int | None:
        return self.record_id

    # -- layout ----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        titles_box = QGroupBox(self)
        self.add_title(titles_box, N_("Title (at least one language)"))
        titles = QVBoxLayout(titles_box)
        titles.addWidget(self.names)
        self.add_names(self.names)

        details = self.form_layout()
        self.add_row(details, "code", N_("&Code"), self.code_edit)
        details.addRow(titles_box)
        self.add_row(details, "status", N_("&Status"), self.status_combo)
        self.add_row(details, "start_date", N_("Sta&rt date"), self.start_edit)
        self.add_row(details, "end_date", N_("E&nd date"), self.end_edit)
        self.add_row(details, "lead_organisation_id", N_("Lead &organisation"), self.lead_combo)
        self.add_row(details, "summary", N_("S&ummary"), self.summary_edit)

        left = QVBoxLayout()
        left.addLayout(details, 1)

        right = QVBoxLayout()
        right.addWidget(self.add_label(N_("Mun&icipalities"), self.municipality_list))
        right.addWidget(self.add_field("municipality_ids", self.municipality_list), 3)
        right.addWidget(self.add_label(N_("&Thematic areas"), self.theme_list))
        right.addWidget(self.add_field("thematic_area_ids", self.theme_list), 2)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        self.enable_attachments(self._db, "projects")
        self.set_body(columns)
        # Tab walks the fields as they are laid out: down the left column, then the right.
        self.set_tab_order(
            [
                self.code_edit,
                *self.title_edits.values(),
                self.status_combo,
                self.start_edit,
                self.end_edit,
                self.lead_combo,
                self.summary_edit,
                self.municipality_list.filter_edit,
                self.municipality_list.list,
                self.theme_list.list,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New project")
        return _("Edit project {code}").format(code=self._code)

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: an example of a project code, as a hint in the empty field
        self.code_edit.setPlaceholderText(_("For example KS-CS-2026-01"))

    # -- choices and values ----------------------------------------------------------------

    def _fill_choices(self) -> None:
        """(Re)read the lists in the interface language, keeping what is chosen."""
        language = current_language()
        status = self.status_combo.currentData()
        self.status_combo.clear()
        for value, label in PROJECT_STATUS_LABELS.items():
            self.status_combo.addItem(_(label), value.value)
        self._select(self.status_combo, status or ProjectStatus.PLANNED.value)

        # The organisations are read when the user reaches for the choice (thousands of them).
        self.lead_combo.reset(_("(none)"))

        self.municipality_list.set_choices(
            (choice.id, choice.name) for choice in self._reference.municipalities(language)
        )
        self.theme_list.set_choices(
            (choice.id, choice.name) for choice in self._reference.thematic_areas(language)
        )

    @staticmethod
    def _select(combo: QComboBox, value: object) -> None:
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def load_record(self) -> None:
        """Show the stored project (or a new one's defaults)."""
        self._fill_choices()
        if self.record_id is None:
            start = date.today()
            self.start_edit.set_date_value(start)
            self.end_edit.set_date_value(start + timedelta(days=364))
            return
        details = self._projects.get(self.record_id)
        self.version = details.version
        self.archived = details.archived
        self.record_uuid = details.uuid
        self._code = details.form.code
        self._show_form(details.form)

    def _show_form(self, form: ProjectForm) -> None:
        self._partners = list(form.partners)
        self.code_edit.setText(form.code)
        self.names.set_values({name: getattr(form, name) for name in NAME_FIELDS})
        self.summary_edit.setPlainText(form.summary)
        self._select(self.status_combo, ProjectStatus(form.status).value)
        if isinstance(form.start_date, date):
            self.start_edit.set_date_value(form.start_date)
        if isinstance(form.end_date, date):
            self.end_edit.set_date_value(form.end_date)
        self.lead_combo.set_value(form.lead_organisation_id)
        self.municipality_list.set_checked_ids(form.municipality_ids)
        self.theme_list.set_checked_ids(form.thematic_area_ids)

    def stored_form(self) -> tuple[ProjectForm, int]:
        details = self._projects.get(self.record_id)
        return details.form, details.version

    def form(self) -> ProjectForm:
        """What the dialog shows, as the service takes it."""
        return ProjectForm(
            code=self.code_edit.text(),
            **self.names.values(),
            summary=self.summary_edit.toPlainText(),
            status=ProjectStatus(self.status_combo.currentData()),
            start_date=self.start_edit.date_value(),
            end_date=self.end_edit.date_value(),
            lead_organisation_id=self.lead_combo.value(),
            municipality_ids=sorted(self.municipality_list.checked_ids()),
            thematic_area_ids=sorted(self.theme_list.checked_ids()),
            partners=list(self._partners),
        )

    def store(self, form: ProjectForm) -> int:
        if self.record_id is None:
            return self._projects.create(form)
        self._projects.update(self.record_id, form, self.version or 0)
        return self.record_id
