"""File > Back up database…: a verified copy of the open SQLite file, written in the
background behind a progress dialog whose Cancel leaves no file.

The copying and checking is ``desktop.store.maintenance.backup_to``, the same code as
``csodesk db backup``; this module only asks where, shows progress and tells the outcome.
"""

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.i18n import _
from desktop.store.database import Database
from desktop.store.errors import StoreError
from desktop.store.maintenance import backup_to, server_backup_hint
from desktop.ui import settings
from desktop.ui.progress import CancelToken, OneRunAtATime, ProgressRun, run_with_progress

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".sqlite"


def default_backup_path(folder: Path, today: date) -> Path:
    """``csodesk-2026-11-28.sqlite`` in ``folder``, or ``…-2``, ``…-3`` when that day's
    backup is there already, so the suggestion is never refused as an existing file."""
    stem = f"csodesk-{today.isoformat()}"
    candidate = folder / f"{stem}{BACKUP_SUFFIX}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{number}{BACKUP_SUFFIX}"
    return candidate


class DatabaseBackup(OneRunAtATime):
    """One window's backups; ``is_busy`` while a copy is being written."""

    def __init__(self, parent: QWidget, db: Database, show_status: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._window = parent
        self._db = db
        self._show_status = show_status

    def start(self) -> ProgressRun | None:
        """Ask for a file and start copying; ``None`` if nothing was started."""
        if self._run is not None:
            return None
        if self._db.path is None:
            QMessageBox.information(self._window, _("Back up database"), server_backup_hint())
            return None
        target = self._choose_target()
        if target is None:
            return None
        db = self._db

        def copy(token: CancelToken) -> Path:
            def progress(done: int, total: int) -> bool:
                token.report(done, total)  # raises Cancelled once the user has cancelled
                return True

            return backup_to(db, target, progress)

        self._run = run_with_progress(
            self._window,
            _("Back up database"),
            # L10N: shown in the progress dialog while the backup file is written
            _("Copying the database to {path}…").format(path=target),
            copy,
            self._on_written,
            self._on_failed,
            # Cancelled just as the copy was finished: the file did not exist before.
            discard=lambda written: written.unlink(missing_ok=True),
            on_cancelled=self._on_cancelled,
        )
        return self._run

    def _choose_target(self) -> Path | None:
        folder = settings.remembered_folder(settings.BACKUP_FOLDER)
        chosen, _filter = QFileDialog.getSaveFileName(
            self._window,
            _("Back up the database to"),
            str(default_backup_path(Path(folder), date.today())),
            _("SQLite databases (*.sqlite *.sqlite3 *.db)"),
            "",
            # An existing file is refused with a sentence of our own, not replaced.
            QFileDialog.Option.DontConfirmOverwrite,
        )
        if not chosen:
            return None
        target = Path(chosen)
        return target if target.suffix else target.with_suffix(BACKUP_SUFFIX)

    def _on_written(self, target: Path) -> None:
        self._run = None
        settings.write(settings.BACKUP_FOLDER, str(target.parent))
        message = _("The database was copied to {path} and the copy passed its check.").format(
            path=target
        )
        self._show_status(message)
        QMessageBox.information(self._window, _("Backup saved"), message)

    def _on_cancelled(self) -> None:
        self._run = None
        self._show_status(_("The backup was cancelled; no file was written."))

    def _on_failed(self, error: Exception) -> None:
        self._run = None
        if isinstance(error, StoreError):
            message = str(error)
        else:
            log.error("backup failed", exc_info=error)
            message = _(
                "The backup could not be written because of an unexpected error; "
                "the details are in the log."
            )
        QMessageBox.warning(self._window, _("No backup was written"), message)
