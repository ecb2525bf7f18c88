"""Partners and other organisations imported from a CSV file or an Excel workbook.

The File menu and the Partners page each add the same action::

    self.file_menu.insertAction(self.quit_action, OrganisationImportAction(self._db, self))
    self.add_button(OrganisationImportAction(self._db, self, lambda _count: self.reload()))
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.i18n import N_
from desktop.store.database import Database
from desktop.ui.imports.action import ImportAction, ImportKind, open_import

if TYPE_CHECKING:
    from desktop.services.imports.base import Importer
    from desktop.ui.imports.dialog import ImportDialog


def _organisation_import(db: Database) -> "Importer":
    from desktop.services.imports.organisations import OrganisationImport  # when it opens

    return OrganisationImport(db)


ORGANISATIONS = ImportKind(
    _organisation_import,
    # L10N: the title of the dialog that imports organisations from a spreadsheet
    N_("Import organisations"),
    N_("&Import organisations…"),
    N_("Add partners and other organisations from a CSV or Excel file"),
)
TITLE = ORGANISATIONS.title


def open_organisation_import(
    db: Database,
    parent: QWidget | None = None,
    on_imported: Callable[[int], None] | None = None,
) -> "ImportDialog":
    return open_import(ORGANISATIONS, db, parent, on_imported)


class OrganisationImportAction(ImportAction):
    def __init__(
        self,
        db: Database,
        parent: QWidget,
        on_imported: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(ORGANISATIONS, db, parent, on_imported)
