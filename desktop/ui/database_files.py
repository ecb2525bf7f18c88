"""File > Open database… and New database…: another SQLite file in place of the open one.

Every page holds the database it was built on, so the simplest honest switch is a new
window on the new database that takes the old window's place.  The new file is opened
as at start (``open_database`` checks, backs up and migrates it) except that its damage
check is waited for before it opens, not run behind it: no check ran ahead of it while
modules were imported, the current window stays on screen meanwhile, and a damaged file
is then refused before any window shows it.  If the opening fails the user reads why and
the current database stays open.  Editors are modal dialogs, so
when the user can reach this menu there is no unsaved form to lose.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.i18n import _
from desktop.store.database import Database, open_database
from desktop.store.errors import DatabaseDamaged, StoreError
from desktop.store.location import DEFAULT_FILE_NAME
from desktop.ui import settings
from desktop.ui.damaged_database import recover
from desktop.ui.sign_in.start import sign_in_to_another
from desktop.ui.worker import close_at_quit

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

NEW_DATABASE_SUFFIX = Path(DEFAULT_FILE_NAME).suffix


def _file_filter() -> str:
    return _("SQLite databases (*.sqlite *.sqlite3 *.db);;All files (*)")


def _start_folder(window: "MainWindow") -> str:
    """Beside the open file, where an office keeps its databases; else Documents."""
    path = window.database.path
    if path is not None:
        return str(path.parent)
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def open_existing(window: "MainWindow") -> "MainWindow | None":
    """Ask for a database file and show it; the new window, or ``None`` if none opened."""
    chosen, _filter = QFileDialog.getOpenFileName(
        window, _("Open database"), _start_folder(window), _file_filter()
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.is_file():
        QMessageBox.warning(
            window,
            _("The database was not opened"),
            _("There is no file {path}.").format(path=path),
        )
        return None
    return _switch(window, path)


def create_new(window: "MainWindow") -> "MainWindow | None":
    """Ask for a new file name, create an empty database there and show it."""
    chosen, _filter = QFileDialog.getSaveFileName(
        window,
        _("New database"),
        str(Path(_start_folder(window)) / DEFAULT_FILE_NAME),
        _file_filter(),
        "",
        # Replacing a file with an empty database would lose it: refused below instead.
        QFileDialog.Option.DontConfirmOverwrite,
    )
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        path = path.with_suffix(NEW_DATABASE_SUFFIX)
    if path.exists():
        QMessageBox.warning(
            window,
            _("No database was created"),
            # L10N: "Open database…" is the name of the File menu entry, without its "&"
            _("The file {path} already exists: open it with Open database… instead.").format(
                path=path
            ),
        )
        return None
    return _switch(window, path)


def _switch(window: "MainWindow", path: Path) -> "MainWindow | None":
    current = window.database.path
    if current is not None and current == path.resolve():
        window.show_status_message(_("This database is already open."))
        return None
    if window.is_busy():
        QMessageBox.information(
            window,
            _("The database was not opened"),
            _("Wait until the report or backup being written is finished, then try again."),
        )
        return None
    db = _open(window, path)
    if db is None:
        return None
    if not sign_in_to_another(db, window):
        db.close()
        return None
    return window.replace_with(db)


def _open(window: "MainWindow", path: Path) -> Database | None:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    damaged: DatabaseDamaged | None = None
    try:
        return open_database(str(path))
    except DatabaseDamaged as error:
        damaged, message = error, ""
    except StoreError as error:
        message = str(error)
    finally:
        QGuiApplication.restoreOverrideCursor()
    if damaged is not None:  # offer its newest sound backup, as at start
        return recover(damaged, window)
    QMessageBox.warning(window, _("The database was not opened"), message)
    return None


def hand_over(old: "MainWindow", new: "MainWindow") -> None:
    """Show ``new`` where ``old`` was, then close ``old`` (its pages and grant windows
    go with it) and its database; ``new`` remembers its database for the next start."""
    settings.remember_database(new.database)
    new.show()
    old.close()
    old.deleteLater()
    old.database.close()
    close_at_quit(new.database)
