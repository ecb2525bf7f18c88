"""The editor of one user account: name, role, organisation, language, and for a new
account its first password.

Like every editor it shows the service's refusals under their fields and stays open, and
never overwrites an account another administrator saved first.  A password is typed
twice and never shown; an existing account's password is set from the list instead
(Set password…), so editing a role never touches it.
"""

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from desktop.domain.user import ROLE_LABELS, Role
from desktop.i18n import LANGUAGES, N_, _, current_language
from desktop.services.errors import ValidationError
from desktop.services.organisations import OrganisationService
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database
from desktop.ui.sign_in.form import password_edit
from desktop.ui.widgets.record_dialog import RecordDialog


class UserDialog(RecordDialog):
    """``saved(user_id)`` fires once the service has stored the account."""

    unsaved_question = N_("This user has changes that are not saved. Save them before closing?")
    not_saved_title = N_("The user was not saved")

    def __init__(self, db: Database, user_id: int | None, parent: QWidget | None) -> None:
        super().__init__(user_id, parent)
        self._users = UserService(db)
        self._organisations = OrganisationService(db)
        # An archived organisation is no longer offered, but a user of it keeps it.
        self._archived_organisation: tuple[int, str] | None = None
        self.username_edit = QLineEdit(self)
        self.full_name_edit = QLineEdit(self)
        self.role_combo = QComboBox(self)
        self.organisation_combo = QComboBox(self)
        self.language_combo = QComboBox(self)
        self.active_check = QCheckBox(self)
        self.password_edit = password_edit(self)
        self.repeat_edit = password_edit(self)

        form = self.form_layout()
        self.add_row(form, "username", N_("&User name"), self.username_edit)
        self.add_row(form, "full_name", N_("&Full name"), self.full_name_edit)
        self.add_row(form, "role", N_("&Role"), self.role_combo)
        self.add_row(form, "organisation_id", N_("&Organisation"), self.organisation_combo)
        self.add_row(form, "language", N_("&Language"), self.language_combo)
        form.addRow("", self.add_field("active", self.active_check))
        if user_id is None:
            self.add_row(form, "password", N_("&Password"), self.password_edit)
            self.add_row(form, "repeat", N_("R&epeat the password"), self.repeat_edit)
        else:
            self.password_edit.hide()
            self.repeat_edit.hide()
        self.set_body(form)
        self.enable_conflict_merge(db, "users")
        self.start()

    def window_title(self) -> str:
        if self.record_id is None:
            return _("New user")
        # L10N: the title of a user's editor; {name} is the user name
        return _("User {name}").format(name=self.username_edit.text())

    def retranslate_ui(self) -> None:
        self._fill_choices()
        super().retranslate_ui()

    def relabel(self) -> None:
        # L10N: a check box in a user's editor; unticked, the user cannot sign in
        self.active_check.setText(_("&Active: may sign in"))
        if self.record_id is None:
            self.password_edit.setPlaceholderText(_("Empty: no password yet"))

    def _fill_choices(self) -> None:
        """(Re)fill the lists in the interface language, keeping what is chosen."""
        role = self.role_combo.currentData()
        self.role_combo.clear()
        for value, label in ROLE_LABELS.items():
            self.role_combo.addItem(_(label), value.value)
        _select(self.role_combo, role or Role.STAFF.value)

        organisation = self.organisation_combo.currentData()
        self.organisation_combo.clear()
        # L10N: the organisation of a user who works for the lead organisation and sees all
        self.organisation_combo.addItem(_("— lead office —"), None)
        choices = self._organisations.choices(current_language())
        if self._archived_organisation is not None:
            choices.append(self._archived_organisation)
        for organisation_id, name in choices:
            self.organisation_combo.addItem(name, organisation_id)
        _select(self.organisation_combo, organisation)

        language = self.language_combo.currentData()
        self.language_combo.clear()
        # L10N: a user's language when none is chosen: the one the computer's window uses
        self.language_combo.addItem(_("— as on the computer —"), None)
        for choice in LANGUAGES:
            self.language_combo.addItem(choice.native_name, choice.code)
        _select(self.language_combo, language)

    def load_record(self) -> None:
        self._fill_choices()
        if self.record_id is None:
            self.active_check.setChecked(True)
            return
        details = self._users.details(self.record_id)
        self.version = details.version
        form = details.form
        if (
            form.organisation_id is not None
            and self.organisation_combo.findData(form.organisation_id) < 0
        ):
            name = next(
                (row.organisation for row in self._users.rows() if row.id == self.record_id), ""
            )
            self._archived_organisation = (form.organisation_id, name)
            self._fill_choices()
        self.username_edit.setText(form.username)
        self.full_name_edit.setText(form.full_name)
        _select(self.role_combo, Role(form.role).value)
        _select(self.organisation_combo, form.organisation_id)
        _select(self.language_combo, form.language)
        self.active_check.setChecked(form.active)

    def stored_form(self) -> tuple[UserForm, int]:
        details = self._users.details(self.record_id)
        return details.form, details.version

    def form(self) -> UserForm:
        return UserForm(
            username=self.username_edit.text(),
            full_name=self.full_name_edit.text(),
            role=Role(self.role_combo.currentData()),
            language=self.language_combo.currentData(),
            organisation_id=self.organisation_combo.currentData(),
            active=self.active_check.isChecked(),
        )

    def store(self, form: UserForm) -> int:
        if self.record_id is not None:
            assert self.version is not None
            self._users.update(self.record_id, form, self.version)
            return self.record_id
        password = self.password_edit.text()
        if password != self.repeat_edit.text():
            self.repeat_edit.clear()
            raise ValidationError(
                {"repeat": _("The two passwords differ; type the same one twice.")}
            )
        return self._users.create(form, password or None)


def _select(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
