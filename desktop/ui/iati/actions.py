"""File ▸ Export IATI file… and Import IATI file…: the menu entries, and the import.

The window adds both at start-up, so this module imports neither lxml nor the IATI
services: they are imported when an entry is chosen.  The import has no dialog of its
own: a file is chosen, read into the (empty) database in the background, and what came
in, with the file's warnings, is told in a message box.
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.i18n import N_, _, ngettext
from desktop.services.errors import ServiceError
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.worker import Task, run_in_background

if TYPE_CHECKING:
    from desktop.services.iati.importing import IatiImportOutcome
    from desktop.ui.iati.export_dialog import IatiExportDialog

log = logging.getLogger(__name__)

IMPORT_FOLDER = "iati/import_folder"
SHOWN_WARNINGS = 20  # the rest are counted: a long list helps nobody in a message box
XML_FILTER = N_("IATI activity file (*.xml)")
ALL_FILES_FILTER = N_("All files (*)")


class IatiExportAction(QAction):
    """Opens the export dialog; ``show_message`` gets the status line's sentence."""

    def __init__(self, db: Database, parent: QWidget, show_message: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._db = db
        self._window = parent
        self._show_message = show_message
        self.triggered.connect(self.open_dialog)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("&Export IATI file…"))
        self.setToolTip(_("Publish an organisation's projects as an IATI activity file for donors"))

    def open_dialog(self) -> "IatiExportDialog | None":
        """The dialog (window-modal, without blocking), or None when no organisation has
        a project to publish (a message box says so)."""
        from desktop.ui.iati.export_dialog import IatiExportDialog

        dialog = IatiExportDialog(self._db, self._window)
        if not dialog.organisations:
            dialog.deleteLater()
            QMessageBox.information(
                self._window,
                _("Export IATI file"),
                _(
                    "No organisation leads, takes part in or funds a project yet, so there "
                    "is nothing to publish."
                ),
            )
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self._show_message)
        dialog.open()
        return dialog


class IatiImportAction(QAction):
    """Chooses a file and imports it; ``on_imported()`` follows a successful import, so
    the pages read their records again."""

    def __init__(self, db: Database, parent: QWidget, on_imported: Callable[[], None]) -> None:
        super().__init__(parent)
        self._db = db
        self._window = parent
        self._on_imported = on_imported
        self.task: Task | None = None
        self.triggered.connect(self.start)
        language_hub().language_changed.connect(self.retranslate_ui)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(_("Import I&ATI file…"))
        self.setToolTip(
            _("Read the projects of an IATI activity file into this database, while it is empty")
        )

    def start(self) -> Task | None:
        """Ask for the file and import it in the background; None when cancelled."""
        if self.task is not None:
            return None
        folder = settings.remembered_folder(IMPORT_FOLDER)
        path, _chosen = QFileDialog.getOpenFileName(
            self._window,
            _("Import IATI file"),
            folder,
            f"{_(XML_FILTER)};;{_(ALL_FILES_FILTER)}",
        )
        if not path:
            return None
        source = Path(path)
        settings.write(IMPORT_FOLDER, str(source.parent))
        from desktop.services.iati.importing import IatiImportService

        service = IatiImportService(self._db)
        self.setEnabled(False)
        self.task = run_in_background(
            lambda: service.import_activities(source.read_bytes()),
            lambda outcome: self._imported(source, outcome),
            lambda error: self._failed(source, error),
        )
        return self.task

    def _done(self) -> None:
        self.task = None
        self.setEnabled(True)

    def _imported(self, source: Path, outcome: "IatiImportOutcome") -> None:
        self._done()
        self._on_imported()
        QMessageBox.information(self._window, _("Import finished"), summary(source, outcome))

    def _failed(self, source: Path, error: Exception) -> None:
        self._done()
        if isinstance(error, ServiceError):
            message = str(error)
        elif isinstance(error, OSError):
            message = _("{filename} could not be read: {reason}").format(
                filename=source, reason=error.strerror or error
            )
        else:
            log.error("IATI import failed", exc_info=error)
            message = _(
                "The IATI file could not be imported because of an unexpected error; "
                "nothing was changed, and the details are in the log."
            )
        QMessageBox.warning(self._window, _("The IATI file was not imported"), message)


def summary(source: Path, outcome: "IatiImportOutcome") -> str:
    """What came in, then the file's first warnings and how many more there were."""
    lines = [_("Imported from {file}:").format(file=source)]
    for label, number in (
        (_("Projects"), outcome.projects),
        (_("Organisations"), outcome.organisations),
        (_("Grants"), outcome.grants),
    ):
        lines.append("  " + _("{label}: {count}").format(label=label, count=number))
    warnings = outcome.warnings
    if warnings:
        lines.append("")
        lines.append(
            ngettext(
                "The file gave {count} warning:",
                "The file gave {count} warnings:",
                len(warnings),
            ).format(count=len(warnings))
        )
        lines.extend(f"• {warning}" for warning in warnings[:SHOWN_WARNINGS])
        left = len(warnings) - SHOWN_WARNINGS
        if left > 0:
            lines.append(
                ngettext("… and {count} more.", "… and {count} more.", left).format(count=left)
            )
    return "\n".join(lines)
