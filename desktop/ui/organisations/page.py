"""The Partners page: every organisation CSO Desk knows (partner CSOs, donors, institutions),
searchable in any script, and the doors to create, change, archive and restore them."""

from PySide6.QtWidgets import QWidget

from desktop.domain.organisation import ORGANISATION_KIND_LABELS
from desktop.i18n import N_, _, ngettext
from desktop.services.organisations import OrganisationRow, OrganisationService
from desktop.store.database import Database
from desktop.ui.imports import OrganisationImportAction
from desktop.ui.organisations.dialog import OrganisationDialog
from desktop.ui.widgets.editable_list_page import EditableListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel


def _kind(row: OrganisationRow) -> str:
    kind = _(ORGANISATION_KIND_LABELS[row.kind])
    if row.archived:
        # L10N: the kind of an archived organisation in the list, such as "Donor (archived)"
        return _("{kind} (archived)").format(kind=kind)
    return kind


COLUMNS = (
    Column(N_("Name"), lambda row: row.name, "name"),
    Column(N_("Acronym"), lambda row: row.acronym, "acronym"),
    Column(N_("Kind"), _kind, "kind"),
    Column(N_("Municipality"), lambda row: row.municipality),
)
NAME_COLUMN = 0


def _count(total: int) -> str:
    return ngettext("{count} organisation", "{count} organisations", total).format(count=total)


class OrganisationsPage(EditableListPage):
    # L10N: the suggested name of the exported list of organisations
    export_name = N_("Organisations")
    new_text = N_("&New organisation")
    new_tip = N_("Create an organisation ({shortcut})")
    edit_tip = N_("Change the selected organisation (Enter or double-click)")
    archive_tip = N_("Set the selected organisation aside; it can be restored later")
    restore_tip = N_("Bring the selected organisation back into the lists")
    not_opened_title = N_("The organisation could not be opened")
    not_changed_title = N_("The organisation was not changed")
    saved_message = N_("The organisation was saved.")
    archived_message = N_("{name} was archived.")
    restored_message = N_("{name} was restored.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = OrganisationService(db)
        super().__init__(
            self._service,
            PagedTableModel(self._service, COLUMNS),
            N_("Search by name or acronym, in any language"),
            _count,
            NAME_COLUMN,
            parent,
        )
        self.add_filter(
            "kind",
            N_("&Kind"),
            lambda: [(kind, _(label)) for kind, label in ORGANISATION_KIND_LABELS.items()],
            N_("All kinds"),
        )
        self.import_action = OrganisationImportAction(db, self, lambda _count: self.reload())
        self.add_button(self.import_action)

    def make_dialog(self, organisation_id: int | None) -> OrganisationDialog:
        return OrganisationDialog(self._db, organisation_id, self)

    def message_fields(self, row: OrganisationRow) -> dict[str, object]:
        return {"name": row.name}
