"""The Partners page: the organisations CSO Desk knows, listed read-only for now."""

from PySide6.QtWidgets import QWidget

from desktop.domain.organisation import ORGANISATION_KIND_LABELS
from desktop.i18n import N_, _, ngettext
from desktop.services.organisations import OrganisationService
from desktop.store.database import Database
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

COLUMNS = (
    Column(N_("Name"), lambda row: row.name, "name"),
    Column(N_("Acronym"), lambda row: row.acronym, "acronym"),
    Column(N_("Kind"), lambda row: _(ORGANISATION_KIND_LABELS[row.kind]), "kind"),
    Column(N_("Municipality"), lambda row: row.municipality),
)


def _count(total: int) -> str:
    return ngettext("{count} organisation", "{count} organisations", total).format(count=total)


class PartnersPage(ListPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(
            PagedTableModel(OrganisationService(db), COLUMNS),
            N_("Search by name or acronym, in any language"),
            _count,
            stretch_column=0,
            parent=parent,
        )
