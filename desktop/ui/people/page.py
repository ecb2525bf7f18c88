"""The People page: partner staff, trainers, researchers and contacts, found by name, e-mail
or organisation in any script, and the doors to create, change, archive and restore them."""

from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, _, current_language, ngettext
from desktop.services.organisations import OrganisationService
from desktop.services.people import PersonRow, PersonService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.people.dialog import PersonDialog
from desktop.ui.widgets.editable_list_page import EditableListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel


def _name(row: PersonRow) -> str:
    if row.archived:
        # L10N: an archived person in the list, such as "Jelena Stojanović (archived)"
        return _("{name} (archived)").format(name=row.name)
    return row.name


COLUMNS = (
    Column(N_("Name"), _name, "name"),
    # L10N: a column of the People list: each person's job title or function
    Column(N_("Title or function"), lambda row: row.title, "title"),
    Column(N_("Organisation"), lambda row: row.organisation, "organisation"),
    Column(N_("Municipality"), lambda row: row.municipality, "municipality"),
    Column(N_("E-mail"), lambda row: row.email, "email"),
    Column(N_("Phone"), lambda row: row.phone),
)
ORGANISATION_COLUMN = 2


def _count(total: int) -> str:
    return ngettext("{count} person", "{count} people", total).format(count=total)


class PeoplePage(EditableListPage):
    # L10N: the suggested name of the exported list of people
    export_name = N_("People")
    new_text = N_("&New person")
    new_tip = N_("Add a person ({shortcut})")
    edit_tip = N_("Change the selected person (Enter or double-click)")
    archive_tip = N_("Set the selected person aside; they can be restored later")
    restore_tip = N_("Bring the selected person back into the lists")
    not_opened_title = N_("The person could not be opened")
    not_changed_title = N_("The person was not changed")
    saved_message = N_("The person was saved.")
    archived_message = N_("{name} was archived.")
    restored_message = N_("{name} was restored.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = PersonService(db)
        super().__init__(
            self._service,
            PagedTableModel(self._service, COLUMNS),
            N_("Search by name, e-mail or organisation, in any script"),
            _count,
            ORGANISATION_COLUMN,
            parent,
        )
        organisations = OrganisationService(db)
        reference = ReferenceService(db)
        self.add_filter(
            "organisation_id",
            N_("Organi&sation"),
            lambda: organisations.choices(current_language()),
            N_("All organisations"),
        )
        self.add_filter(
            "municipality_id",
            N_("M&unicipality"),
            lambda: [(m.id, m.name) for m in reference.municipalities(current_language())],
            N_("All municipalities"),
        )

    def make_dialog(self, person_id: int | None) -> PersonDialog:
        return PersonDialog(self._db, person_id, self)

    def message_fields(self, row: PersonRow) -> dict[str, object]:
        return {"name": row.name}
