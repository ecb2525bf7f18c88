"""Start the desktop application: the only place a ``QApplication`` is made.

The CLI imports this module lazily, so headless commands never load Qt.  This module
itself imports only Qt and the settings: the database's damage check starts on another
thread first (``check_ahead``), and the modules that need SQLAlchemy, the services and the
pages are imported while it runs.
"""

import os
import sys

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QWidget

from desktop import __version__, i18n
from desktop.store.database import Database, check_ahead
from desktop.ui import settings
from desktop.ui.language import language_hub
from desktop.ui.style import install_style


def run_gui(
    db_value: str | None = None,
    language: str | None = None,
    translator_mode: bool = False,
    exit_after_paint: str | None = None,
) -> int:
    """Show the main window on the database ``db_value`` (a path or URL; ``None`` for the
    user's default file) and return the exit status once it closes.

    ``language`` overrides the saved interface language for this run only;
    ``translator_mode`` (or ``CSODESK_TRANSLATOR_MODE=1``) reloads edited catalogs live;
    ``exit_after_paint`` ("window" or "rows") quits once the window, or its first rows,
    have been painted.
    """
    db_value = db_value or _last_database()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationVersion(__version__)
    install_style(app)
    language_hub()
    i18n.set_language(_starting_language(language))
    check_ahead(db_value)
    from desktop.ui import main_window  # noqa: F401 - the pages too, while the check runs
    from desktop.ui.damaged_database import back_up_at_exit, open_at_start
    from desktop.ui.sign_in.start import sign_in_at_start
    from desktop.ui.translator_mode import start_translator_mode, translator_mode_requested

    if translator_mode_requested(translator_mode):
        start_translator_mode(app)
    db = open_at_start(db_value)
    if db is None:
        return 1
    settings.remember_database(db)
    try:
        if not sign_in_at_start(db):
            return 0
        window = _start_window(db)
        if exit_after_paint:
            from desktop.ui.first_paint import ExitAfterPaint

            ExitAfterPaint(window, exit_after_paint)
        window.show()
        return app.exec()
    finally:
        db.close()
        back_up_at_exit()


def _start_window(db: Database) -> QWidget:
    """``open_window``'s window, the main one with its last page built after the first
    paint (the page's list is read while the window is already on screen)."""
    from desktop.services.permissions import Permission
    from desktop.ui.main_window import MainWindow
    from desktop.ui.sign_in.access import may
    from desktop.ui.sign_in.start import open_window

    if may(Permission.READ_RECORDS):
        return MainWindow(db, page_after_paint=True)
    return open_window(db)


def _last_database() -> str | None:
    """The database of the last session, unless ``CSODESK_DB_URL`` names one."""
    from desktop.store.location import ENV_VARIABLE

    if os.environ.get(ENV_VARIABLE):
        return None
    return settings.read_text(settings.LAST_DATABASE) or None


def _starting_language(requested: str | None) -> str:
    """The language asked for, else the one last chosen, else the computer's, else English."""
    return (
        i18n.normalize_language(requested)
        or settings.saved_language()
        or i18n.normalize_language(QLocale.system().name())
        or i18n.DEFAULT_LANGUAGE
    )
