"""File > Restore from backup…: choose one of the open database's backups (or any backup
file), confirm, and see the window come back on the restored data.

The restoring is ``desktop.store.backups.restore_backup``, the same code as ``csodesk db
restore``: it checks the backup in full, keeps the database it replaces as a
``before-restore`` backup, and refuses a damaged or newer backup or a wrong passphrase
without changing anything.  Afterwards the file is opened again (an older schema is
brought up to date then) in a new window that takes this one's place, as File > Open does.
"""

import logging
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_number
from desktop.store import backups
from desktop.store.backups import BackupFile, RestoreOutcome, restore_backup, when_taken
from desktop.store.database import open_database
from desktop.store.encryption import is_encrypted
from desktop.store.errors import StoreError
from desktop.ui.progress import OneRunAtATime, ProgressRun, run_with_progress

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
REASON_LABELS = {
    backups.START: N_("when CSO Desk started"),
    backups.EXIT: N_("when CSO Desk closed"),
    backups.MANUAL: N_("made by hand"),
    backups.BEFORE_UPGRADE: N_("before an update of CSO Desk"),
    backups.BEFORE_RESTORE: N_("before a restore"),
}


def server_restore_hint() -> str:
    return _("A PostgreSQL database is restored on the server, with pg_restore.")


class BackupChooser(QDialog):
    """The open database's backups, newest first, or a backup file from elsewhere."""

    def __init__(self, found: list[BackupFile], folder: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._folder = folder
        self.chosen: Path | None = None
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.backups = QListWidget(self)
        for backup in found:
            item = QListWidgetItem(self.backups)
            item.setData(PATH_ROLE, backup)
        if found:
            self.backups.setCurrentRow(0)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self)
        self.file_button = QPushButton(self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.file_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.setEnabled(bool(found))
        self.restore_button.clicked.connect(self._take_selected)
        self.file_button.clicked.connect(self._take_file)
        self.buttons.rejected.connect(self.reject)
        self.backups.itemDoubleClicked.connect(lambda _item: self._take_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.backups)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self.retranslate_ui()

    def _take_selected(self) -> None:
        item = self.backups.currentItem()
        if item is not None:
            self.chosen = item.data(PATH_ROLE).path
            self.accept()

    def _take_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Restore from backup"),
            str(self._folder),
            _("Backups (*.sqlite *.sqlite3 *.db *.enc);;All files (*)"),
        )
        if chosen:
            self.chosen = Path(chosen)
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Restore from backup"))
        self.intro.setText(
            _(
                "Choose the backup to put in place of the open database. Changes made after "
                "it was taken will be lost; the database as it is now is kept as a backup."
            )
            if self.backups.count()
            else _("This database has no backups in its backups folder yet.")
        )
        language = current_language()
        found = [self.backups.item(row).data(PATH_ROLE) for row in range(self.backups.count())]
        minutes = Counter(backup.taken_at.replace(second=0, microsecond=0) for backup in found)
        for row in range(self.backups.count()):
            item = self.backups.item(row)
            backup: BackupFile = item.data(PATH_ROLE)
            shared = minutes[backup.taken_at.replace(second=0, microsecond=0)] > 1
            # L10N: one backup in the list: its time, why it was taken, and its size in MB
            text = _("{date}, {reason} ({size} MB)").format(
                date=when_taken(backup.taken_at, language, seconds=shared),
                reason=_(REASON_LABELS[backup.reason]),
                size=format_number(round(backup.size / 1_000_000, 1), language),
            )
            if backup.encrypted:
                # L10N: {backup} is a line of the backups list, as "28 Nov 2026 at 14:15, …"
                text = _("{backup}, encrypted").format(backup=text)
            item.setText(text)
        self.restore_button.setText(_("&Restore"))
        self.file_button.setText(_("Choose a &file…"))


class DatabaseRestore(OneRunAtATime):
    """One window's File > Restore from backup…; ``is_busy`` while a backup goes in."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self._window = window

    def start(self) -> ProgressRun | None:
        """Ask which backup, confirm, and start restoring; ``None`` if nothing started."""
        window = self._window
        path = window.database.path
        if path is None:
            QMessageBox.information(window, _("Restore from backup"), server_restore_hint())
            return None
        if self._run is not None or window.is_busy():
            QMessageBox.information(
                window,
                _("Restore from backup"),
                _("Wait until the report or backup being written is finished, then try again."),
            )
            return None
        chooser = BackupChooser(backups.list_backups(path), backups.backup_folder(path), window)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen is None:
            return None
        source = chooser.chosen
        passphrase = self._passphrase(source)
        if passphrase == "":
            return None
        if not self._confirmed(source):
            return None
        window.database.engine.dispose()  # our own idle connections must not hold the file
        self._run = run_with_progress(
            window,
            _("Restore from backup"),
            # L10N: shown in the progress dialog while a backup is restored
            _("Restoring {file}…").format(file=source),
            lambda _token: restore_backup(source, path, passphrase),
            lambda outcome: self._restored(path, outcome),
            self._failed,
        )
        return self._run

    def _passphrase(self, source: Path) -> str | None:
        """``None`` for a plain backup, the passphrase for an encrypted one, ``""`` if the
        user cancelled."""
        if not is_encrypted(source):
            return None
        text, accepted = QInputDialog.getText(
            self._window,
            _("Encrypted backup"),
            _("The passphrase of {file}:").format(file=source.name),
            QLineEdit.EchoMode.Password,
        )
        return text if accepted and text else ""

    def _confirmed(self, source: Path) -> bool:
        answer = QMessageBox.question(
            self._window,
            _("Restore from backup"),
            _(
                "Put the backup {file} in place of the open database? Changes made after it "
                "was taken will be lost; the database as it is now is kept as a backup first."
            ).format(file=source),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _restored(self, path: Path, outcome: RestoreOutcome) -> None:
        self._run = None
        try:
            db = open_database(str(path))
        except StoreError as error:
            QMessageBox.warning(self._window, _("The backup was restored"), str(error))
            return
        replacement = self._window.replace_with(db)
        replacement.show_status_message(_("The backup was restored."))
        QMessageBox.information(
            replacement,
            _("The backup was restored"),
            _("The backup was restored; the database it replaced was kept as {kept}.").format(
                kept=outcome.kept
            ),
        )

    def _failed(self, error: Exception) -> None:
        self._run = None
        if isinstance(error, StoreError):
            message = str(error)
        else:
            log.error("restore failed", exc_info=error)
            message = _(
                "The backup could not be restored because of an unexpected error; the "
                "database was left as it was and the details are in the log."
            )
        QMessageBox.warning(self._window, _("The backup was not restored"), message)
