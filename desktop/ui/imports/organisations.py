"""Partners and other organisations imported from a CSV file or an Excel workbook.

The File menu and the Partners page each add the same action::

    self.file_menu.insertAction(self.quit_action, OrganisationImportAction(self._db, self))
    self.add_button(OrganisationImportAction(self._db, self, lambda _count: self.reload()))
"""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.i18n import N_, _
from desktop.services.imports.organisations import OrganisationImport
from desktop.store.database import Database
from desktop.ui.imports.dialog import ImportDialog
from desktop.ui.language import language_hub

# L10N: the title of the dialog that imports organisations from a spreadsheet
TITLE = N_("Import organisations")


def open_organisation_import(
    db: Database,
    parent: QWidget | None = None,
    on_imported: Callable[[int], None] | None = None,
) -> ImportDialog:
    """Open the import dialog (window-modal, without blocking); ``on_imported(count)`` is
    called once organisations were saved, so a list can show them."""
    dialog = ImportDialog(OrganisationImport(db), TITLE, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_imported is not None:
        dialog.imported.connect(on_imported)
    dialog.open()
    return dialog


class OrganisationImportAction(QAction):
    """ "Import organisations…", for a menu or a page's button row; relabels itself on a
    language switch (a method, so Qt drops the connection with the action)."""

    def __init__(
        self,
        db: Database,
        parent: QWidget,
        on_imported: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.triggered.connect(lambda: open_organisation_import(db, parent, on_imported))
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("&Import organisations…"))
        self.setToolTip(_("Add partners and other organisations from a CSV or Excel file"))
