"""Export… of a list to XLSX or CSV, for any widget that shows one: the paged lists
(``ListPage``) and the short lists of a grant's window (``PartTab``: budget lines,
instalments, reporting periods).

The owner says what to write through callables asked when the export starts (its
columns, its source of rows and their query, the total if known, the file's name); the
file is written in the background behind a progress window that can cancel it, and the
owner's status line hears how it ended.
"""

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.i18n import N_, _, ngettext
from desktop.services.errors import ServiceError
from desktop.services.export import ExportColumn, ListSource, export_list
from desktop.services.listing import ListQuery
from desktop.ui import settings
from desktop.ui.progress import ProgressRun, run_with_progress

log = logging.getLogger(__name__)

EXPORT_FOLDER = "lists/export_folder"
XLSX_FILTER = N_("Excel workbook (*.xlsx)")
CSV_FILTER = N_("CSV, comma-separated (*.csv)")


class ListExport(QObject):
    """The Export… action of ``owner`` and its run; ``status_message`` carries the sentence
    for the status line."""

    status_message = Signal(str)

    def __init__(
        self,
        owner: QWidget,
        columns: Callable[[], list[ExportColumn]],
        source: Callable[[], ListSource],
        query: Callable[[], ListQuery],
        total: Callable[[], int | None],
        name: Callable[[], str],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._columns = columns
        self._source = source
        self._query = query
        self._total = total
        self._name = name
        self.action = QAction(owner)
        self.action.triggered.connect(self.export)
        self.run: ProgressRun | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(_("E&xport…"))
        self.action.setToolTip(
            _("Save the list as it is shown (search, filters, order) for Excel or LibreOffice")
        )

    def choose_file(self) -> Path | None:
        folder = settings.remembered_folder(EXPORT_FOLDER)
        suggested = str(Path(folder) / f"{self._name()}.xlsx")
        path, chosen_filter = QFileDialog.getSaveFileName(
            self._owner,
            _("Export the list"),
            suggested,
            f"{_(XLSX_FILTER)};;{_(CSV_FILTER)}",
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            suffix = ".csv" if chosen_filter == _(CSV_FILTER) else ".xlsx"
            target = target.with_name(target.name + suffix)
        return target

    def export(self) -> ProgressRun | None:
        """Ask for a file and write the whole list to it in the background."""
        if self.run is not None:
            return None
        target = self.choose_file()
        if target is None:
            return None
        query, source, columns = self._query(), self._source(), self._columns()
        sheet = self._name()
        self.action.setEnabled(False)
        self.run = run_with_progress(
            self._owner,
            _("Export"),
            self._exporting_text(),
            lambda token: export_list(source, query, columns, target, token.report, sheet),
            on_success=lambda count: self._exported(target, count),
            on_failure=self._failed,
            discard=lambda _count: target.unlink(missing_ok=True),  # finished as Cancel came
            on_cancelled=self._cancelled,
        )
        return self.run

    def _exporting_text(self) -> str:
        total = self._total()
        if total is None:  # still being counted; the export counts for itself
            # L10N: the progress window of an export started before the list was counted
            return _("Exporting the list…")
        return ngettext("Exporting {count} row…", "Exporting {count} rows…", total).format(
            count=total
        )

    def _done(self) -> None:
        self.run = None
        self.action.setEnabled(True)

    def _exported(self, target: Path, count: int) -> None:
        self._done()
        self.status_message.emit(
            ngettext(
                "{count} row was exported to {path}.",
                "{count} rows were exported to {path}.",
                count,
            ).format(count=count, path=target)
        )
        offer_to_open(
            self._owner,
            target,
            ngettext(
                "{count} row was exported to {path}. Open the file now?",
                "{count} rows were exported to {path}. Open the file now?",
                count,
            ).format(count=count, path=target),
        )

    def _failed(self, error: Exception) -> None:
        self._done()
        say_why_not_exported(
            self._owner,
            error,
            _("The list was not exported"),
            _(
                "The list could not be exported because of an unexpected error; "
                "the details are in the log."
            ),
        )

    def _cancelled(self) -> None:
        self._done()
        self.status_message.emit(_("The export was cancelled; no file was written."))


def offer_to_open(owner: QWidget, target: Path, question: str) -> None:
    """After an export: the next one starts in the same folder, and the file just written
    opens in the program the desktop gives it if the user says so."""
    settings.write(EXPORT_FOLDER, str(target.parent))
    answer = QMessageBox.question(
        owner,
        _("Export finished"),
        question,
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        QMessageBox.StandardButton.Open,
    )
    if answer == QMessageBox.StandardButton.Open:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def say_why_not_exported(owner: QWidget, error: Exception, title: str, unexpected: str) -> None:
    """The service's own sentence for what it refused; ``unexpected`` for anything else,
    whose details go to the log."""
    if isinstance(error, ServiceError):
        message = str(error)
    else:
        log.error("export failed", exc_info=error)
        message = unexpected
    QMessageBox.warning(owner, title, message)
