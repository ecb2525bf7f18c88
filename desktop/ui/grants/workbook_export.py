"""Export to spreadsheet…: the whole grant as one workbook (``desktop.services.grant_workbook``),
written in the background behind a progress window that can cancel it, with the words of
a list's export when it is done, fails or is cancelled.

The service's module (and openpyxl with it) is imported when the export starts, not with
the grant's window.
"""

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.i18n import _, current_language
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.progress import ProgressRun, run_with_progress
from desktop.ui.widgets.list_export import (
    EXPORT_FOLDER,
    XLSX_FILTER,
    offer_to_open,
    say_why_not_exported,
)

_UNSAFE_IN_FILE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # "2025/461-198" -> "2025-461-198"


def suggested_file_name(contract_number: str) -> str:
    """The grant's workbook is named after its contract, without what a file name cannot
    hold on Windows."""
    stem = _UNSAFE_IN_FILE_NAME.sub("-", contract_number).strip(" .-")
    # L10N: the suggested file name of a grant's workbook when its contract number is empty
    return f"{stem or _('Grant')}.xlsx"


class GrantWorkbookExport(QObject):
    """The action and its run; ``status_message`` carries the sentence for the status line."""

    status_message = Signal(str)

    def __init__(self, db: Database, grant_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self._grant_id = grant_id
        self._window = parent
        self.contract_number = ""
        self.action = QAction(parent)
        self.action.triggered.connect(self.export)
        self.run: ProgressRun | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.action.setText(_("Export to &spreadsheet…"))
        self.action.setToolTip(
            _(
                "Save the whole grant as one workbook for Excel or LibreOffice: summary, "
                "budget, expenditure, instalments and a sheet per reporting period"
            )
        )

    def choose_file(self) -> Path | None:
        folder = settings.remembered_folder(EXPORT_FOLDER)
        suggested = Path(folder) / suggested_file_name(self.contract_number)
        path, _chosen = QFileDialog.getSaveFileName(
            self._window, _("Export the grant to a spreadsheet"), str(suggested), _(XLSX_FILTER)
        )
        if not path:
            return None
        target = Path(path)
        return (
            target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")
        )

    def export(self) -> ProgressRun | None:
        """Ask for a file and write the grant's workbook to it in the background."""
        if self.run is not None:
            return None
        target = self.choose_file()
        if target is None:
            return None
        db, grant_id, language = self._db, self._grant_id, current_language()

        def work(token: Any) -> Any:
            from desktop.services.grant_workbook import export_grant_workbook

            return export_grant_workbook(db, grant_id, target, language, token.report)

        self.action.setEnabled(False)
        self.run = run_with_progress(
            self._window,
            _("Export"),
            # L10N: the progress window of a grant's export to a spreadsheet
            _("Writing the grant {number} to a workbook…").format(number=self.contract_number),
            work,
            on_success=lambda _result: self._exported(target),
            on_failure=self._failed,
            discard=lambda _result: target.unlink(missing_ok=True),  # finished as Cancel came
            on_cancelled=self._cancelled,
        )
        return self.run

    def _done(self) -> None:
        self.run = None
        self.action.setEnabled(True)

    def _exported(self, target: Path) -> None:
        self._done()
        self.status_message.emit(
            _("The grant {number} was exported to {path}.").format(
                number=self.contract_number, path=target
            )
        )
        offer_to_open(
            self._window,
            target,
            _("The grant {number} was exported to {path}. Open the file now?").format(
                number=self.contract_number, path=target
            ),
        )

    def _failed(self, error: Exception) -> None:
        self._done()
        say_why_not_exported(
            self._window,
            error,
            _("The grant was not exported"),
            _(
                "The grant could not be exported because of an unexpected error; "
                "the details are in the log."
            ),
        )

    def _cancelled(self) -> None:
        self._done()
        self.status_message.emit(_("The export was cancelled; no file was written."))
