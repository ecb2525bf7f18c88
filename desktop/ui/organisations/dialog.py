"""The dialog in which an organisation (partner CSO, donor, institution) is created or changed.

Its name is edited in the four languages side by side, since a donor report prints it in
the donor's language whatever the screen shows; its papers (registration certificate,
partnership agreement) are attached once it is saved.
"""

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
from desktop.domain.organisation import ORGANISATION_KIND_LABELS, OrganisationKind
from desktop.i18n import N_, _, current_language
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.widgets.names_editor import NAME_FIELDS, NamesEditor
from desktop.ui.widgets.record_dialog import RecordDialog


class OrganisationDialog(RecordDialog):
    """``saved(organisation_id)`` fires once the organisation is stored, archived or restored."""

    unsaved_question = N_(
        "This organisation has changes that are not saved. Save them before closing?"
    )
    not_saved_title = N_("The organisation was not saved")
    archive_question = N_(
        "Archive this organisation? It leaves the lists but can be restored with Show archived."
    )

    def __init__(self, db: Database, organisation_id: int | None, parent: QWidget | None) -> None:
        super().__init__(organisation_id, parent)
        self._db = db
        self._organisations = OrganisationService(db)
        self._reference = ReferenceService(db)
        self._title_name = ""

        self.names = NamesEditor(parent=self)
        self.acronym_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        self.registration_edit = QLineEdit(self)
        self.municipality_combo = QComboBox(self)
        self.address_edit = QLineEdit(self)
        self.email_edit = QLineEdit(self)
        self.phone_edit = QLineEdit(self)
        self.website_edit = QLineEdit(self)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setTabChangesFocus(True)
        self._lay_out()
        self.enable_archive(self._organisations)
        self.start()
        self.resize(900, 560)

    # -- layout ----------------------------------------------------------------------------

    def _lay_out(self) -> None:
        names_box = QGroupBox(self)
        self.add_title(names_box, N_("Name (at least one language)"))
        QVBoxLayout(names_box).addWidget(self.names)
        self.add_names(self.names)

        left = self.form_layout()
        left.addRow(names_box)
        self.add_row(left, "acronym", N_("A&cronym"), self.acronym_edit)
        self.add_row(left, "kind", N_("&Kind"), self.kind_combo)
        self.add_row(
            left, "registration_number", N_("&Registration number"), self.registration_edit
        )
        self.add_row(left, "municipality_id", N_("M&unicipality"), self.municipality_combo)

        right = self.form_layout()
        self.add_row(right, "address", N_("Addre&ss"), self.address_edit)
        self.add_row(right, "email", N_("E-ma&il"), self.email_edit)
        self.add_row(right, "phone", N_("Pho&ne"), self.phone_edit)
        self.add_row(right, "website", N_("&Website"), self.website_edit)
        self.add_row(right, "notes", N_("N&otes"), self.notes_edit)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        self.enable_attachments(self._db, "organisations")
        self.set_body(columns)
        files = self.attachments
        assert files is not None
        self.set_tab_order(
            [
                *self.names.edits.values(),
                self.acronym_edit,
                self.kind_combo,
                self.registration_edit,
                self.municipality_combo,
                self.address_edit,
                self.email_edit,
                self.phone_edit,
                self.website_edit,
                self.notes_edit,
                files.list,
                files.add_button,
                files.open_button,
                files.remove_button,
            ]
        )

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New organisation")
        return _("Edit organisation {name}").format(name=self._title_name)

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: an example of an organisation's web address, as a hint in the empty field
        self.website_edit.setPlaceholderText(_("For example https://www.example.org"))
        # L10N: an example of a phone number in Kosovo, as a hint in the empty field
        self.phone_edit.setPlaceholderText(_("For example +383 44 123 456"))

    # -- choices and values ----------------------------------------------------------------

    def _fill_choices(self) -> None:
        """(Re)read the lists in the interface language, keeping what is chosen."""
        kind = self.kind_combo.currentData()
        self.kind_combo.clear()
        for value, label in ORGANISATION_KIND_LABELS.items():
            self.kind_combo.addItem(_(label), value.value)
        _select(self.kind_combo, kind or OrganisationKind.PARTNER_CSO.value)

        municipality = self.municipality_combo.currentData()
        self.municipality_combo.clear()
        self.municipality_combo.addItem(_("(none)"), None)
        for choice in self._reference.municipalities(current_language()):
            self.municipality_combo.addItem(choice.name, choice.id)
        _select(self.municipality_combo, municipality)

    def load_record(self) -> None:
        self._fill_choices()
        if self.record_id is None:
            return
        details = self._organisations.get(self.record_id)
        self.version = details.version
        self.archived = details.archived
        self.record_uuid = details.uuid
        form = details.form
        self.names.set_values({name: getattr(form, name) for name in NAME_FIELDS})
        self._title_name = form.acronym or resolve_name(
            {code: getattr(form, name_column(code)) for code in NAME_LANGUAGES},
            current_language(),
        )
        self.acronym_edit.setText(form.acronym)
        _select(self.kind_combo, OrganisationKind(form.kind).value)
        self.registration_edit.setText(form.registration_number)
        _select(self.municipality_combo, form.municipality_id)
        self.address_edit.setText(form.address)
        self.email_edit.setText(form.email)
        self.phone_edit.setText(form.phone)
        self.website_edit.setText(form.website)
        self.notes_edit.setPlainText(form.notes)

    def form(self) -> OrganisationForm:
        """What the dialog shows, as the service takes it."""
        return OrganisationForm(
            **self.names.values(),
            acronym=self.acronym_edit.text(),
            kind=OrganisationKind(self.kind_combo.currentData()),
            registration_number=self.registration_edit.text(),
            municipality_id=self.municipality_combo.currentData(),
            address=self.address_edit.text(),
            email=self.email_edit.text(),
            phone=self.phone_edit.text(),
            website=self.website_edit.text(),
            notes=self.notes_edit.toPlainText(),
        )

    def store(self, form: OrganisationForm) -> int:
        if self.record_id is None:
            return self._organisations.create(form)
        self._organisations.update(self.record_id, form, self.version or 0)
        return self.record_id


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
