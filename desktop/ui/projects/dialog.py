"""The dialog in which a project is created or changed.

The service checks the whole form; each message it returns is shown in red under its own
field and the dialog stays open, so nothing the user typed is lost.  The dialog edits what
a project manager fills in at the start of a project; the partner list it does not show is
carried over unchanged.
"""

from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.multilingual import resolve_name
from desktop.domain.project import PROJECT_STATUS_LABELS, PartnerRole, ProjectStatus
from desktop.i18n import N_, _, current_language
from desktop.services.errors import ConflictError, ServiceError, ValidationError
from desktop.services.organisations import OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.messages import ask
from desktop.ui.widgets.checkable_list import CheckableList
from desktop.ui.widgets.date_edit import DateEdit
from desktop.ui.widgets.field_error import FieldError

# The four title fields: form attribute, visible label, what a screen reader says.
TITLE_FIELDS = (
    ("name_en", N_("&English"), N_("Title in English")),
    ("name_sq", N_("&Albanian"), N_("Title in Albanian")),
    ("name_sr", N_("Serbian (C&yrillic)"), N_("Title in Serbian, Cyrillic script")),
    ("name_sr_latn", N_("Serbian (&Latin)"), N_("Title in Serbian, Latin script")),
)


class ProjectDialog(QDialog):
    """``saved(project_id)`` fires once the service has stored the project."""

    saved = Signal(int)

    def __init__(self, db: Database, project_id: int | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._projects = ProjectService(db)
        self._organisations = OrganisationService(db)
        self._reference = ReferenceService(db)
        self._project_id = project_id
        self._version: int | None = None
        self._partners: list[tuple[int, PartnerRole]] = []
        self._archived_lead: tuple[int, str] | None = None
        self._labels: list[tuple[QLabel | QGroupBox, str]] = []
        self._snapshot = ProjectForm()
        self.errors: dict[str, FieldError] = {}
        self.fields: dict[str, QWidget] = {}

        self.general_error = FieldError(self)
        self.code_edit = QLineEdit(self)
        self.title_edits = {name: QLineEdit(self) for name, _label, _spoken in TITLE_FIELDS}
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setTabChangesFocus(True)
        self.status_combo = QComboBox(self)
        self.start_edit = DateEdit(self)
        self.end_edit = DateEdit(self)
        self.lead_combo = QComboBox(self)
        self.municipality_list = CheckableList(filterable=True, parent=self)
        self.theme_list = CheckableList(parent=self)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.button_box.accepted.connect(self.save)
        self.button_box.rejected.connect(self.reject)
        self._lay_out()
        self._fill_choices()
        self._load()
        self._relabel()
        language_hub().language_changed.connect(self.retranslate_ui)
        self.resize(980, 680)

    # -- layout ----------------------------------------------------------------------------

    def _field(self, name: str, widget: QWidget) -> QWidget:
        """``widget`` with its error line under it, registered under the form's field name."""
        error = FieldError(self)
        self.errors[name] = error
        self.fields[name] = widget
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        layout.addWidget(error)
        return box

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(self)
        label.setBuddy(buddy)
        label.setWordWrap(True)
        self._labels.append((label, text))
        return label

    def _form_layout(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return form

    def _lay_out(self) -> None:
        titles_box = QGroupBox(self)
        self._labels.append((titles_box, N_("Title (at least one language)")))
        titles = self._form_layout()
        for name, label, _spoken in TITLE_FIELDS:
            edit = self.title_edits[name]
            titles.addRow(self._label(label, edit), self._field(name, edit))
        titles_box.setLayout(titles)

        details = self._form_layout()
        details.addRow(
            self._label(N_("&Code"), self.code_edit), self._field("code", self.code_edit)
        )
        details.addRow(titles_box)
        rows: tuple[tuple[str, str, QWidget], ...] = (
            (N_("&Status"), "status", self.status_combo),
            (N_("Start &date"), "start_date", self.start_edit),
            (N_("E&nd date"), "end_date", self.end_edit),
            (N_("Lead &organisation"), "lead_organisation_id", self.lead_combo),
            (N_("S&ummary"), "summary", self.summary_edit),
        )
        for label, name, widget in rows:
            details.addRow(self._label(label, widget), self._field(name, widget))

        left = QVBoxLayout()
        left.addLayout(details, 1)

        right = QVBoxLayout()
        right.addWidget(self._label(N_("&Municipalities"), self.municipality_list))
        right.addWidget(self._field("municipality_ids", self.municipality_list), 3)
        right.addWidget(self._label(N_("&Thematic areas"), self.theme_list))
        right.addWidget(self._field("thematic_area_ids", self.theme_list), 2)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.general_error)
        layout.addLayout(columns, 1)
        layout.addWidget(self.button_box)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab walks the fields as they are laid out: down the left column, then the right."""
        chain: list[QWidget] = [
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
            self.button_box,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def retranslate_ui(self) -> None:
        self._relabel()
        self._fill_choices()

    def _relabel(self) -> None:
        if self._project_id is None:
            self.setWindowTitle(_("New project"))
        else:
            self.setWindowTitle(_("Edit project {code}").format(code=self._snapshot.code))
        for widget, text in self._labels:
            if isinstance(widget, QGroupBox):
                widget.setTitle(_(text))
            else:
                widget.setText(_(text))
                buddy = widget.buddy()
                target = buddy.list if isinstance(buddy, CheckableList) else buddy
                if target is not None:
                    target.setAccessibleName(_without_mnemonic(widget.text()))
        for name, _label, spoken in TITLE_FIELDS:
            self.title_edits[name].setAccessibleName(_(spoken))
        self.title_edits["name_sr_latn"].setPlaceholderText(
            _("Leave empty to use the Cyrillic title in Latin letters")
        )
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

        lead = self.lead_combo.currentData()
        self.lead_combo.clear()
        self.lead_combo.addItem(_("(none)"), None)
        choices = self._organisations.choices(language)
        for organisation_id, name in choices:
            self.lead_combo.addItem(name, organisation_id)
        if self._archived_lead is not None:
            self.lead_combo.addItem(*self._archived_lead)
        self._select(self.lead_combo, lead)

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

    def _load(self) -> None:
        """Show the stored project (or a new one's defaults) and remember it as unchanged."""
        if self._project_id is None:
            start = date.today()
            self.start_edit.set_date_value(start)
            self.end_edit.set_date_value(start + timedelta(days=364))
        else:
            details = self._projects.get(self._project_id)
            self._version = details.version
            self._show_form(details.form)
        self._snapshot = self.form()

    def _show_form(self, form: ProjectForm) -> None:
        self._partners = list(form.partners)
        self.code_edit.setText(form.code)
        for name, edit in self.title_edits.items():
            edit.setText(getattr(form, name))
            edit.setCursorPosition(0)  # a long title shows its beginning, not its end
        self.summary_edit.setPlainText(form.summary)
        self._select(self.status_combo, ProjectStatus(form.status).value)
        if isinstance(form.start_date, date):
            self.start_edit.set_date_value(form.start_date)
        if isinstance(form.end_date, date):
            self.end_edit.set_date_value(form.end_date)
        lead = form.lead_organisation_id
        if lead is not None and self.lead_combo.findData(lead) < 0:
            self._archived_lead = (self._organisation_name(lead), lead)
            self.lead_combo.addItem(*self._archived_lead)
        self._select(self.lead_combo, lead)
        self.municipality_list.set_checked_ids(form.municipality_ids)
        self.theme_list.set_checked_ids(form.thematic_area_ids)

    def _organisation_name(self, organisation_id: int) -> str:
        """The name of an archived lead organisation, which the choices leave out."""
        form = self._organisations.get(organisation_id).form
        names = {
            "en": form.name_en,
            "sq": form.name_sq,
            "sr": form.name_sr,
            "sr_Latn": form.name_sr_latn,
        }
        return resolve_name(names, current_language())

    def form(self) -> ProjectForm:
        """What the dialog shows, as the service takes it."""
        return ProjectForm(
            code=self.code_edit.text(),
            **{name: edit.text() for name, edit in self.title_edits.items()},
            summary=self.summary_edit.toPlainText(),
            status=ProjectStatus(self.status_combo.currentData()),
            start_date=self.start_edit.date_value(),
            end_date=self.end_edit.date_value(),
            lead_organisation_id=self.lead_combo.currentData(),
            municipality_ids=sorted(self.municipality_list.checked_ids()),
            thematic_area_ids=sorted(self.theme_list.checked_ids()),
            partners=list(self._partners),
        )

    def is_modified(self) -> bool:
        return self.form() != self._snapshot

    # -- saving and closing ----------------------------------------------------------------

    def save(self) -> bool:
        """Store the project; on refusal show why and stay open. True when saved."""
        self._clear_errors()
        form = self.form()
        try:
            if self._project_id is None:
                project_id = self._projects.create(form)
            else:
                project_id = self._project_id
                self._projects.update(project_id, form, self._version or 0)
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ConflictError as error:
            self._on_conflict(error)
            return False
        except ServiceError as error:
            QMessageBox.warning(self, _("The project was not saved"), str(error))
            return False
        self._snapshot = form
        self.saved.emit(project_id)
        self.accept()
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field, the rest on top; the cursor goes to the first."""
        unplaced = []
        for name, message in errors.items():
            if name in self.errors:
                self.errors[name].show_message(message)
                self.fields[name].setAccessibleDescription(message)
            else:
                unplaced.append(message)
        self.general_error.show_message("\n".join(unplaced))
        first = next((name for name in self.fields if name in errors), None)
        if first is not None:
            self.fields[first].setFocus(Qt.FocusReason.OtherFocusReason)

    def field_error(self, name: str) -> str:
        error = self.errors[name]
        return error.text() if not error.isHidden() else ""

    def _clear_errors(self) -> None:
        self.general_error.clear_message()
        for name, error in self.errors.items():
            error.clear_message()
            self.fields[name].setAccessibleDescription("")

    def _on_conflict(self, error: ConflictError) -> None:
        reload = ask(
            self,
            _("Changed by someone else"),
            str(error),
            _("&Reload"),
            _("&Keep editing"),
            QMessageBox.Icon.Warning,
        )
        if reload:
            self._archived_lead = None
            self._fill_choices()
            self._load()

    def reject(self) -> None:
        """Closing with unsaved changes asks first (Esc, Cancel and the window's ×)."""
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                _("Unsaved changes"),
                _("This project has changes that are not saved. Save them before closing?"),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Save:
                self.save()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


def _without_mnemonic(text: str) -> str:
    """A label as a screen reader should say it: "&Code" is "Code", "R&&D" is "R&D"."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")
