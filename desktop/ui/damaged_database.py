"""Opening the database at start, and what happens when it is damaged, in a sync folder, or
left at exit.

A damaged file is never opened for writing (``open_database`` refuses it); this dialog
says so, shows what the newest sound backup holds next to what can still be read from the
damaged file, and offers to restore that backup (the damaged file is kept aside, never
deleted), to open another database, or to quit.

At start the whole-file check runs behind the opening (``check_behind``): the window shows
its first rows while the check still runs, and ``DamageWatch`` hears its answer.  A
damaged answer closes the window's pages and offers the same choices as at start.
"""

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import N_, _, current_language
from desktop.i18n.formatting import format_number
from desktop.store.backups import (
    COUNTED_TABLES,
    EXIT,
    BackupFile,
    automatic_backup,
    newest_good_backup,
    policy_from_environment,
    record_counts,
    restore_backup,
    when_taken,
)
from desktop.store.database import Database, open_database
from desktop.store.errors import DatabaseDamaged, StoreError
from desktop.store.location import resolve_url, sqlite_path
from desktop.store.sync_folders import location_warning
from desktop.ui import settings

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in.translator_window import TranslatorWindow

    DatabaseWindow = MainWindow | TranslatorWindow

log = logging.getLogger(__name__)

TABLE_TITLES = {
    "projects": N_("Projects"),
    "grants": N_("Grants"),
    "expenditures": N_("Expenditures"),
    "activities": N_("Activities"),
    "indicators": N_("Indicators"),
    "cases": N_("Cases"),
}


def open_at_start(value: str | None, parent: QWidget | None = None) -> Database | None:
    """The database to show, opened with its start backup; ``None`` if the user quits or
    it cannot be opened (they have been told why).  Its damage check may still be running
    (``check_behind``): ``DamageWatch`` hears its answer once the window is up."""
    try:
        db = open_database(value, automatic_backup=policy_from_environment(), check_behind=True)
    except DatabaseDamaged as damaged:
        return recover(damaged, parent)
    except StoreError as error:
        QMessageBox.critical(parent, _("CSO Desk cannot start"), str(error))
        return None
    warn_about_location(db, parent)
    return db


def warn_about_location(db: Database, parent: QWidget | None = None) -> None:
    warning = location_warning(db.path) if db.path is not None else None
    if warning:
        QMessageBox.warning(parent, _("This folder will damage the database"), warning)


def back_up_at_exit() -> Path | None:
    """The exit backup of the database the application ended on (the last one remembered:
    File > Open may have changed it).  Called once its connections are closed."""
    try:
        path = sqlite_path(resolve_url(settings.read_text(settings.LAST_DATABASE) or None))
    except StoreError:
        return None
    if path is None:
        return None
    return automatic_backup(path, EXIT, policy_from_environment())


def recover(
    damaged: DatabaseDamaged, parent: QWidget | None, after_opening: bool = False
) -> Database | None:
    """Offer the newest sound backup of a damaged file (or another file, or nothing); the
    database the user ends up with, or ``None``.  ``after_opening``: the check answered
    once the window was showing the file, rather than before it opened."""
    path = Path(damaged.path)
    backup = newest_good_backup(path)
    dialog = DamagedDatabaseDialog(damaged, backup, parent, after_opening)
    choice = dialog.exec()
    if choice == DamagedDatabaseDialog.RESTORE and backup is not None:
        return _restore(path, backup, parent)
    if choice == DamagedDatabaseDialog.OPEN_ANOTHER:
        chosen, _filter = QFileDialog.getOpenFileName(
            parent,
            _("Open database"),
            str(path.parent),
            _("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)"),
        )
        if chosen:
            return open_at_start(chosen, parent)
    return None


def _restore(path: Path, backup: BackupFile, parent: QWidget | None) -> Database | None:
    try:
        outcome = restore_backup(backup.path, path)
        db = open_database(str(path))
    except StoreError as error:
        QMessageBox.critical(parent, _("The backup was not restored"), str(error))
        return None
    QMessageBox.information(
        parent,
        _("The backup was restored"),
        _(
            "The backup from {date} was restored. The damaged file was kept as {kept}; "
            "nothing was deleted."
        ).format(date=when_taken(backup.taken_at, current_language()), kept=outcome.kept),
    )
    warn_about_location(db, parent)  # a sync folder may well be what damaged it
    return db


class DamageWatch(QObject):
    """Waits on a thread of its own for the answer of the damage check still running
    behind the opening of ``db``, and hands a damaged answer to ``on_damaged`` on the GUI
    thread.  A healthy answer changes nothing.

    A plain daemon thread rather than the thread pool: the pool is waited for when the
    application quits, and a window closed before the answer must not wait for it.

    While an editor (a modal dialog) is open the report waits for it to close: the store
    already refuses its save with the damaged file's message and the typing stays in the
    form; closing the pages under it would destroy it mid-sentence."""

    POLL_MS = 250
    _answered = Signal()

    def __init__(
        self,
        db: Database,
        on_damaged: Callable[[DatabaseDamaged], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._on_damaged = on_damaged
        self.damaged: DatabaseDamaged | None = None
        self.answered = False
        self._answered.connect(self._deliver)
        self._thread = threading.Thread(target=self._wait, name="damage answer", daemon=True)
        self._thread.start()

    def _wait(self) -> None:
        try:
            self._db.wait_for_check(begin=False)  # the window's first rows begin it
        except DatabaseDamaged as damaged:
            self.damaged = damaged
        except Exception:  # the check's own failure: writes then find out for themselves
            log.warning("the damage check of %s failed", self._db.description, exc_info=True)
        try:
            self._answered.emit()
        except RuntimeError:  # the watch went with its window (a quit) while the check ran
            log.debug("the damage check of %s answered after its window", self._db.description)

    def _deliver(self) -> None:
        if self.damaged is None:
            self.answered = True
            return
        if QApplication.activeModalWidget() is not None:
            QTimer.singleShot(self.POLL_MS, self._deliver)
            return
        self.answered = True
        self._on_damaged(self.damaged)


def watch_damage_check(window: "DatabaseWindow") -> DamageWatch | None:
    """Hear the answer of the check behind the opening of ``window``'s database (the main
    window's, or a translator's note's); if it finds the file damaged, close the pages of
    whichever window shows the file then and offer recovery as at start.  ``None`` when
    the file was checked before it opened.

    The watch belongs to the application, not to ``window``: signing out replaces the
    window (a translator's note by the next person's main window, or the other way round)
    before the answer may come, and the answer is for the file, whoever shows it."""
    db = window.database
    if db.damage_check is None:
        return None

    def found_damaged(damaged: DatabaseDamaged) -> None:
        showing = _window_showing(db)
        if showing is not None:
            _found_damaged(showing, damaged)

    return DamageWatch(db, found_damaged, QApplication.instance())


def _window_showing(db: Database) -> "DatabaseWindow | None":
    """The window that shows ``db`` now; ``None`` once every window on it has closed."""
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in.translator_window import TranslatorWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and not widget.is_attached():
            continue  # the frame painted before the database opened
        shows_db = isinstance(widget, MainWindow | TranslatorWindow) and widget.database is db
        if shows_db and widget.isVisible():
            return widget
    return None


def _found_damaged(window: "DatabaseWindow", damaged: DatabaseDamaged) -> None:
    """No page reads the damaged file any more; then the user's choice: the restored
    backup or another file in a new window, or quitting."""
    from desktop.ui.sign_in.start import sign_in_to_another

    window.close_pages()
    window.database.close()  # no connection holds the file the backup may replace
    db = recover(damaged, window, after_opening=True)
    if db is not None and sign_in_to_another(db, window):
        window.replace_with(db)
        return
    if db is not None:
        db.close()
    window.close()
    QApplication.closeAllWindows()  # its grant windows too: the application then ends


class DamagedDatabaseDialog(QDialog):
    """Restore the newest sound backup, open another database, or quit."""

    RESTORE, OPEN_ANOTHER, QUIT = 10, 11, 12

    def __init__(
        self,
        damaged: DatabaseDamaged,
        backup: BackupFile | None,
        parent: QWidget | None = None,
        after_opening: bool = False,
    ) -> None:
        super().__init__(parent)
        self._damaged = damaged
        self._after_opening = after_opening
        self._backup = backup
        self.message = QLabel(self)
        self.problems = QLabel(self)
        self.loss = QLabel(self)
        for label in (self.message, self.problems, self.loss):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold "<"
        self.counts = QTableWidget(len(COUNTED_TABLES), 3, self)
        self.counts.verticalHeader().hide()
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counts.horizontalHeader().setStretchLastSection(True)
        self.counts.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self)
        self.open_button = QPushButton(self)
        self.quit_button = QPushButton(self)
        if backup is not None:
            self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self.done(self.RESTORE))
        self.open_button.clicked.connect(lambda: self.done(self.OPEN_ANOTHER))
        self.quit_button.clicked.connect(lambda: self.done(self.QUIT))

        layout = QVBoxLayout(self)
        for widget in (self.message, self.problems, self.loss, self.counts, self.buttons):
            layout.addWidget(widget)
        self.counts.setVisible(backup is not None)
        self._fill_counts()
        self.retranslate_ui()

    def _fill_counts(self) -> None:
        if self._backup is None:
            return
        in_backup = record_counts(self._backup.path)
        readable = record_counts(Path(self._damaged.path))
        language = current_language()
        for row, table in enumerate(COUNTED_TABLES):
            self.counts.setItem(row, 0, QTableWidgetItem())
            for column, count in ((1, in_backup[table]), (2, readable[table])):
                # L10N: in the damaged-database dialog, a count that could not be read
                text = _("cannot be read") if count is None else format_number(count, language)
                item = QTableWidgetItem(text)
                if count is not None:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.counts.setItem(row, column, item)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("The database is damaged"))
        if self._after_opening:
            message = _(
                "The check CSO Desk makes at every start found the database {path} "
                "damaged. CSO Desk has closed its pages and changed nothing in it."
            )
        else:
            message = _(
                "The database {path} is damaged, so CSO Desk did not open it and changed "
                "nothing in it."
            )
        self.message.setText(message.format(path=self._damaged.path))
        self.problems.setText("\n".join(self._damaged.problems))
        if self._backup is None:
            self.loss.setText(
                _(
                    "There is no sound backup of it in its backups folder. Open another "
                    "database, or quit and ask for help; the damaged file stays as it is."
                )
            )
        else:
            date = when_taken(self._backup.taken_at, current_language())
            self.loss.setText(
                _(
                    "Restore the backup from {date}: changes made after it will be lost. "
                    "The damaged file is kept beside it, renamed, and never deleted."
                ).format(date=date)
            )
            # L10N: the button of the damaged-database dialog; {date} as "28 Nov 2026 at 14:15"
            self.restore_button.setText(_("&Restore the backup from {date}").format(date=date))
        self.counts.setHorizontalHeaderLabels(
            [_("Records"), _("In the backup"), _("Readable in the damaged file")]
        )
        for row, table in enumerate(COUNTED_TABLES):
            item = self.counts.item(row, 0)
            if item is not None:
                item.setText(_(TABLE_TITLES[table]))
        self.open_button.setText(_("&Open another database…"))
        self.quit_button.setText(_("&Quit"))
        self._fit_counts()

    def _fit_counts(self) -> None:
        """Every table's row and every heading shown whole, without scrolling."""
        self.counts.resizeColumnsToContents()
        self.counts.resizeRowsToContents()
        header = self.counts.horizontalHeader()
        rows = sum(self.counts.rowHeight(row) for row in range(self.counts.rowCount()))
        frame = 2 * self.counts.frameWidth()
        self.counts.setFixedHeight(header.sizeHint().height() + rows + frame)
        wanted = sum(header.sectionSize(column) for column in range(self.counts.columnCount()))
        self.counts.setMinimumWidth(wanted + frame)
