"""Partners and other organisations imported from a CSV file or an Excel workbook."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop.i18n import N_
from desktop.services.imports.organisations import OrganisationImport
from desktop.store.database import Database
from desktop.ui.imports.dialog import ImportDialog

# L10N: the title of the dialog that imports organisations from a spreadsheet
TITLE = N_("Import organisations")


def open_organisation_import(db: Database, parent: QWidget | None = None) -> ImportDialog:
    """Open the import dialog (window-modal, without blocking); connect to its ``imported``
    signal to show the new organisations."""
    dialog = ImportDialog(OrganisationImport(db), TITLE, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
