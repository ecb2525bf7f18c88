"""Activities (with their participants) and expenditures imported from a CSV file or an
Excel workbook, from the File menu and from the Activities page."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.i18n import N_
from desktop.store.database import Database
from desktop.ui.imports.action import ImportAction, ImportKind

if TYPE_CHECKING:
    from desktop.services.imports.base import Importer


def _activity_import(db: Database) -> "Importer":
    from desktop.services.imports.activities import ActivityImport  # when an import opens

    return ActivityImport(db)


def _expenditure_import(db: Database) -> "Importer":
    from desktop.services.imports.expenditures import ExpenditureImport  # when it opens

    return ExpenditureImport(db)


ACTIVITIES = ImportKind(
    _activity_import,
    # L10N: the title of the dialog that imports activities from a spreadsheet
    N_("Import activities"),
    N_("Import acti&vities…"),
    N_("Add activities and their participants from a CSV or Excel file"),
)
EXPENDITURES = ImportKind(
    _expenditure_import,
    # L10N: the title of the dialog that imports expenditures from a spreadsheet
    N_("Import expenditures"),
    N_("Import e&xpenditures…"),
    N_("Add grants' expenditures from a CSV or Excel ledger"),
)


class ActivityImportAction(ImportAction):
    def __init__(
        self, db: Database, parent: QWidget, on_imported: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(ACTIVITIES, db, parent, on_imported)


class ExpenditureImportAction(ImportAction):
    def __init__(
        self, db: Database, parent: QWidget, on_imported: Callable[[int], None] | None = None
    ) -> None:
        super().__init__(EXPENDITURES, db, parent, on_imported)
