"""The dialog in which a person (partner staff, trainer, researcher, contact) is created or
changed.

Gender, municipality and community are asked here once, so the person's participation can
later be counted by them without asking again.
"""

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
from desktop.domain.person import GENDER_LABELS, Gender
from desktop.i18n import N_, _, current_language
from desktop.services.organisations import OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.widgets.record_dialog import RecordDialog


class PersonDialog(RecordDialog):
    """``saved(person_id)`` fires once the person is stored, archived or restored."""

    unsaved_question = N_("This person has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The person was not saved")
    archive_question = N_(
        "Archive this person? They leave the lists but can be restored with Show archived."
    )

    def __init__(self, db: Database, person_id: int | None, parent: QWidget | None) -> None:
        super().__init__(person_id, parent)
        self._people = PersonService(db)
        self._organisations = OrganisationService(db)
        self._reference = ReferenceService(db)
        self._archived_organisation: tuple[str, int] | None = None
        self._title_name = ""

        self.first_name_edit = QLineEdit(self)
        self.last_name_edit = QLineEdit(self)
        self.gender_combo = QComboBox(self)
        self.title_edit = QLineEdit(self)
        self.organisation_combo = QComboBox(self)
        self.municipality_combo = QComboBox(self)
        self.community_combo = QComboBox(self)
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self._lay_out()
        self.enable_archive(self._people)
        self.enable_conflict_merge(db, "people")
        self.start()
        self.resize(820, 420)

    # -- layout ----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        left = self.form_layout()
        self.add_row(left, "first_name", N_("&First name"), self.first_name_edit)
        self.add_row(left, "last_name", N_("&Last name"), self.last_name_edit)
        self.add_row(left, "gender", N_("&Gender"), self.gender_combo)
        # L10N: a person's job title or function, such as "Project manager"
        self.add_row(left, "title", N_("&Title or function"), self.title_edit)
        self.add_row(left, "organisation_id", N_("Organi&sation"), self.organisation_combo)

        right = self.form_layout()
        self.add_row(right, "municipality_id", N_("M&unicipality"), self.municipality_combo)
        self.add_row(right, "community_id", N_("&Community"), self.community_combo)
        self.add_row(right, "email", N_("E-ma&il"), self.email_edit)
        self.add_row(right, "phone", N_("Pho&ne"), self.phone_edit)
        self.add_row(right, "notes", N_("N&otes"), self.notes_edit)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(12)
        columns.addLayout(right, 1)
        self.set_body(columns)
        self.set_tab_order(
            [
                self.first_name_edit,
                self.last_name_edit,
                self.gender_combo,
                self.title_edit,
                self.organisation_combo,
                self.municipality_combo,
                self.community_combo,
                self.email_edit,
                self.phone_edit,
                self.notes_edit,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New person")
        return _("Edit {name}").format(name=self._title_name)

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: an example of a phone number in Kosovo, as a hint in the empty field
        self.phone_edit.setPlaceholderText(_("For example +383 44 123 456"))

    # -- choices and values ----------------------------------------------------------------

    def _fill_choices(self) -> None:
        """(Re)read the lists in the interface language, keeping what is chosen."""
        language = current_language()
        gender = self.gender_combo.currentData()
        self.gender_combo.clear()
        for value, label in GENDER_LABELS.items():
            self.gender_combo.addItem(_(label), value.value)
        _select(self.gender_combo, gender or Gender.UNDISCLOSED.value)

        organisation = self.organisation_combo.currentData()
        self.organisation_combo.clear()
        self.organisation_combo.addItem(_("(none)"), None)
        for organisation_id, name in self._organisations.choices(language):
            self.organisation_combo.addItem(name, organisation_id)
        if self._archived_organisation is not None:
            self.organisation_combo.addItem(*self._archived_organisation)
        _select(self.organisation_combo, organisation)

        for combo, choices in (
            (self.municipality_combo, self._reference.municipalities(language)),
            (self.community_combo, self._reference.communities(language)),
        ):
            chosen = combo.currentData()
            combo.clear()
            combo.addItem(_("(none)"), None)
            for choice in choices:
                combo.addItem(choice.name, choice.id)
            _select(combo, chosen)

    def load_record(self) -> None:
        self._archived_organisation = None
        self._fill_choices()
        if self.record_id is None:
            return
        details = self._people.get(self.record_id)
        self.version = details.version
        self.archived = details.archived
        form = details.form
        self._title_name = f"{form.first_name} {form.last_name}".strip()
        self.first_name_edit.setText(form.first_name)
        self.last_name_edit.setText(form.last_name)
        _select(self.gender_combo, Gender(form.gender).value)
        self.title_edit.setText(form.title)
        organisation = form.organisation_id
        if organisation is not None and self.organisation_combo.findData(organisation) < 0:
            self._archived_organisation = (self._organisation_name(organisation), organisation)
            self.organisation_combo.addItem(*self._archived_organisation)
        _select(self.organisation_combo, organisation)
        _select(self.municipality_combo, form.municipality_id)
        _select(self.community_combo, form.community_id)
        self.email_edit.setText(form.email)
        self.phone_edit.setText(form.phone)
        self.notes_edit.setPlainText(form.notes)

    def _organisation_name(self, organisation_id: int) -> str:
        """The name of an archived organisation, which the choices leave out."""
        form = self._organisations.get(organisation_id).form
        names = {code: getattr(form, name_column(code)) for code in NAME_LANGUAGES}
        # L10N: an archived organisation still named as a person's employer
        return _("{name} (archived)").format(name=resolve_name(names, current_language()))

    def stored_form(self) -> tuple[PersonForm, int]:
        details = self._people.get(self.record_id)
        return details.form, details.version

    def form(self) -> PersonForm:
        """What the dialog shows, as the service takes it."""
        return PersonForm(
            first_name=self.first_name_edit.text(),
            last_name=self.last_name_edit.text(),
            gender=Gender(self.gender_combo.currentData()),
            title=self.title_edit.text(),
            organisation_id=self.organisation_combo.currentData(),
            municipality_id=self.municipality_combo.currentData(),
            community_id=self.community_combo.currentData(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def store(self, form: PersonForm) -> int:
        if self.record_id is None:
            return self._people.create(form)
        self._people.update(self.record_id, form, self.version or 0)
        return self.record_id


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
