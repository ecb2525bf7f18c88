"""The dialog in which an organisation (partner CSO, donor, institution) is created or changed.

Its name is edited in the four languages side by side, since a donor report prints it in
the donor's language whatever the screen shows; its papers (registration certificate,
partnership agreement) are attached once it is saved.

A donor also has a profile: the budget template its grants' lines sit under and the logo
its reports print.  The profile is stored by its own service after the organisation, so
a profile the service refuses leaves the organisation saved, and the dialog says so above
the fields; a logo file that is not a PNG or JPEG picture of at most 1 MB is refused as it
is chosen, before anything is saved.
"""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.multilingual import NAME_LANGUAGES, name_column, resolve_name
from desktop.domain.organisation import ORGANISATION_KIND_LABELS, OrganisationKind
from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_number
from desktop.services.donor_profiles import (
    DEFAULT_TEMPLATE,
    MAX_LOGO_BYTES,
    DonorProfileForm,
    DonorProfileService,
    logo_media_type,
)
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.widgets.field_error import FieldError
from desktop.ui.widgets.names_editor import NAME_FIELDS, NamesEditor
from desktop.ui.widgets.record_dialog import RecordDialog

LOGO_WIDTH, LOGO_HEIGHT = 180, 64  # the preview: about the size a report's header prints


@dataclass(frozen=True)
class OrganisationEdit:
    """What the dialog shows: the organisation, and its donor profile while it is a donor
    (``None`` otherwise: the profile of a former donor is left as it was)."""

    organisation: OrganisationForm
    profile: DonorProfileForm | None


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
        self._profiles = DonorProfileService(db)
        self._title_name = ""
        self._logo: bytes | None = None
        # The profile as stored (its form, None for a new organisation) and its version
        # (None while the donor has none): an unchanged profile is not written.
        self._stored_profile: DonorProfileForm | None = None
        self._profile_version: int | None = None

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
        self.donor_box = QGroupBox(self)
        self.template_combo = QComboBox(self)
        self.logo_preview = QLabel(self)
        self.logo_preview.setFixedSize(LOGO_WIDTH, LOGO_HEIGHT)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.choose_logo_button = QPushButton(self)
        self.choose_logo_button.setAutoDefault(False)
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button = QPushButton(self)
        self.remove_logo_button.setAutoDefault(False)
        self.remove_logo_button.clicked.connect(self.remove_logo)
        self._lay_out()
        self.kind_combo.currentIndexChanged.connect(lambda _index: self._show_donor_box())
        self.enable_archive(self._organisations)
        self.enable_conflict_merge(db, "organisations")
        self.start()
        self.resize(900, 660)

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
        left.addRow(self._donor_profile())

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
                self.template_combo,
                self.choose_logo_button,
                self.remove_logo_button,
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

    def _donor_profile(self) -> QGroupBox:
        """The donor's budget template and logo, shown while the kind is donor."""
        self.add_title(self.donor_box, N_("Donor profile"))
        profile = self.form_layout()
        self.add_row(profile, "budget_template_id", N_("&Budget template"), self.template_combo)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        logo = QHBoxLayout()
        logo.addWidget(self.logo_preview, 0, Qt.AlignmentFlag.AlignTop)
        logo.addLayout(buttons)
        logo.addStretch(1)
        logo_error = FieldError(self)
        # An error goes to the button that picks another file, which takes the focus.
        self.register_field("logo", self.choose_logo_button, logo_error)
        field = QVBoxLayout()
        field.setSpacing(2)
        field.addLayout(logo)
        field.addWidget(logo_error)
        # L10N: the label of a donor's logo (a picture), beside its preview
        profile.addRow(self.add_label(N_("Logo"), self.logo_preview), field)
        self.donor_box.setLayout(profile)
        self.donor_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        return self.donor_box

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
        self.choose_logo_button.setText(_("Choose lo&go…"))
        self.choose_logo_button.setToolTip(
            _("A PNG or JPEG picture of at most 1 MB, printed on the donor's reports")
        )
        self.remove_logo_button.setText(_("Remo&ve logo"))
        self.remove_logo_button.setToolTip(_("The donor's reports print no logo"))
        self.template_combo.setToolTip(
            _("The budget headings the donor's grants use and its financial reports print")
        )
        self._show_logo()

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

        template = self.template_combo.currentData()
        self.template_combo.clear()
        for choice in self._reference.budget_templates(current_language()):
            self.template_combo.addItem(choice.name, choice.id)
            if template is None and choice.code == DEFAULT_TEMPLATE:
                template = choice.id
        _select(self.template_combo, template)

    def _show_donor_box(self) -> None:
        self.donor_box.setVisible(self.kind_combo.currentData() == OrganisationKind.DONOR.value)

    def _show_logo(self) -> None:
        """The logo's thumbnail, or a word saying there is none."""
        self.remove_logo_button.setEnabled(self._logo is not None)
        picture = QPixmap()
        if self._logo is not None and picture.loadFromData(self._logo):
            self.logo_preview.setPixmap(
                picture.scaled(
                    LOGO_WIDTH - 8,
                    LOGO_HEIGHT - 8,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
            return
        self.logo_preview.clear()
        # L10N: in the place of a donor's logo when it has none
        self.logo_preview.setText(_("No logo"))

    def choose_logo(self) -> None:
        """Take a picture file as the logo, unless it is not one the reports can print."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose the donor's logo"),
            "",
            # L10N: the file types offered for a logo; keep the patterns in brackets as they are
            _("PNG or JPEG pictures (*.png *.jpg *.jpeg)"),
        )
        if not path:
            return
        error = self.errors["logo"]
        error.clear_message()
        self.choose_logo_button.setAccessibleDescription("")
        try:
            content = Path(path).read_bytes()
        except OSError as failure:
            refusal: str | None = _("The file could not be read: {reason}").format(
                reason=failure.strerror or failure
            )
        else:
            refusal = logo_refusal(content)
        if refusal is not None:
            self.show_errors({"logo": refusal})
            return
        self._logo = content
        self._show_logo()

    def remove_logo(self) -> None:
        self._logo = None
        self._show_logo()

    def load_record(self) -> None:
        self._fill_choices()
        if self.record_id is None:
            self._stored_profile = None
            self._profile_version = None
            self._logo = None
            self._show_logo()
            self._show_donor_box()
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
        profile = self._profiles.get(self.record_id)
        self._stored_profile = profile.form
        self._profile_version = profile.version
        _select(self.template_combo, profile.budget_template_id)
        self._logo = profile.logo
        self._show_logo()
        self._show_donor_box()

    def stored_form(self) -> tuple[OrganisationForm, int] | None:
        """The organisation as stored; ``None`` when it was the donor profile that someone
        else saved meanwhile (then Reload or Keep editing, as for any conflict without a
        side-by-side view)."""
        if (
            self.record_id is not None
            and self._profile_version is not None
            and self._profiles.get(self.record_id).version != self._profile_version
        ):
            return None
        details = self._organisations.get(self.record_id)
        return details.form, details.version

    def compared_part(self, form: OrganisationEdit) -> OrganisationForm:
        """The organisation itself: its donor profile has a version of its own, and a
        profile someone else saved meanwhile is refused by ``store`` as before."""
        return form.organisation

    def with_compared_part(
        self, form: OrganisationEdit, part: OrganisationForm
    ) -> OrganisationEdit:
        return OrganisationEdit(part, form.profile)

    def form(self) -> OrganisationEdit:
        """What the dialog shows, as the services take it."""
        donor = self.kind_combo.currentData() == OrganisationKind.DONOR.value
        profile = DonorProfileForm(self.template_combo.currentData(), self._logo)
        return OrganisationEdit(self._organisation_form(), profile if donor else None)

    def _organisation_form(self) -> OrganisationForm:
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

    def store(self, form: OrganisationEdit) -> int:
        """The organisation, then its donor profile when it changed (a donor's new
        profile only when it differs from having none: the simple template, no logo).

        A profile someone else saved meanwhile is found before the organisation is
        written, so the conflict leaves both as they were."""
        profile = form.profile if form.profile != self._unchanged_profile() else None
        if (
            profile is not None
            and self.record_id is not None
            and self._profiles.get(self.record_id).version != self._profile_version
        ):
            raise ConflictError()
        if self.record_id is None:
            self.record_id = self._organisations.create(form.organisation)
        else:
            self._organisations.update(self.record_id, form.organisation, self.version or 0)
        # Kept up to date so that a refused profile, corrected, saves the organisation
        # again rather than creating it twice.
        self.version = self._organisations.get(self.record_id).version
        if profile is not None:
            try:
                self._profiles.set(self.record_id, profile, self._profile_version)
            except ValidationError as error:
                self.saved.emit(self.record_id)
                raise ValidationError(
                    {
                        **error.errors,
                        # L10N: above an organisation's fields when only its profile was refused
                        "": _(
                            "The organisation was saved, but not its donor profile: "
                            "correct the profile and save again."
                        ),
                    }
                ) from error
        return self.record_id

    def _unchanged_profile(self) -> DonorProfileForm:
        """The profile as stored, or as a donor without one reports (simple, no logo)."""
        if self._stored_profile is not None:
            return self._stored_profile
        simple = next(
            choice.id
            for choice in self._reference.budget_templates(current_language())
            if choice.code == DEFAULT_TEMPLATE
        )
        return DonorProfileForm(simple, None)


def logo_refusal(content: bytes) -> str | None:
    """Why the donor profile service would refuse ``content`` as a logo (its own words), or
    ``None``: said as the file is chosen, before the organisation is saved."""
    if logo_media_type(content) is None:
        return _("The logo must be a PNG or JPEG picture.")
    if len(content) > MAX_LOGO_BYTES:
        return _("The logo file is {size} KB; a logo can be at most 1 MB.").format(
            size=format_number(round(len(content) / 1024), current_language())
        )
    return None


def _select(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
