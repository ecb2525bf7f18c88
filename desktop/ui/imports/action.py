"""Opening the import dialog for one kind of record, from a menu or a page's button row.

Each kind (organisations, activities, expenditures) names its importer and its words;
the dialog and the action are the same for all of them.  The window adds the actions to
its File menu at start-up; the dialog and the import services are imported when an
import is opened.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from desktop.i18n import _
from desktop.services.permissions import Permission
from desktop.store.database import Database
from desktop.ui.language import language_hub
from desktop.ui.sign_in.access import may

if TYPE_CHECKING:
    from desktop.services.imports.base import Importer
    from desktop.ui.imports.dialog import ImportDialog


@dataclass(frozen=True)
class ImportKind:
    """What is imported: ``importer(db)`` makes the service; the words are untranslated
    messages (the dialog's title, the action's text and its tooltip)."""

    importer: Callable[[Database], "Importer"]
    title: str
    text: str
    tip: str


def open_import(
    kind: ImportKind,
    db: Database,
    parent: QWidget | None = None,
    on_imported: Callable[[int], None] | None = None,
) -> "ImportDialog":
    """Open the import dialog (window-modal, without blocking); ``on_imported(count)`` is
    called once records were saved, so a list can show them."""
    from desktop.ui.imports.dialog import ImportDialog

    dialog = ImportDialog(kind.importer(db), kind.title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_imported is not None:
        dialog.imported.connect(on_imported)
    dialog.open()
    return dialog


class ImportAction(QAction):
    """ "Import …", for a menu or a page's button row; relabels itself on a language
    switch (a method, so Qt drops the connection with the action)."""

    def __init__(
        self,
        kind: ImportKind,
        db: Database,
        parent: QWidget,
        on_imported: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._kind = kind
        self.triggered.connect(lambda: open_import(kind, db, parent, on_imported))
        # Only for roles that may add records (the import service refuses the others).
        self.setVisible(may(Permission.EDIT_RECORDS))
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_(self._kind.text))
        self.setToolTip(_(self._kind.tip))
