"""Start the desktop application: the only place a ``QApplication`` is made.

The CLI imports this module lazily, so headless commands never load Qt.  A start paints
the main window's frame first, from Qt, the settings and the language alone; only then
does it import what needs SQLAlchemy, open the database (its damage check on another
thread, ``check_ahead``, started while the services and the page are imported), ask who
signs in, and give the frame its database and its page.  Nothing read from the database is
shown before sign-in: the frame holds no record until ``MainWindow.attach``.

The check's answer is not waited for before the first rows (``check_behind``) unless the
file needs a migration or a start backup; until it comes the store holds back every write,
and ``DamageWatch`` reports a damaged answer once the window is up.
"""

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QApplication

from desktop import i18n, version
from desktop.ui import settings
from desktop.ui.first_paint import ROWS, WINDOW, ExitAfterRows, wait_for_first_paint
from desktop.ui.language import language_hub
from desktop.ui.main_window import MainWindow

# The models the first rows do not need (grants, periods, results, research, cases,
# attachments: ``desktop.domain``) are imported, and every mapper configured, this long
# after the rows, while the user reads them, rather than at the first visit of their page.
MODELS_AFTER_ROWS_MS = 1000

if TYPE_CHECKING:
    from desktop.store.database import Database
    from desktop.ui.sign_in.translator_window import TranslatorWindow


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
    ``exit_after_paint`` ("window" or "rows") quits once the window's frame, or the first
    rows of its page, have been painted.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    language_hub()
    i18n.set_language(_starting_language(language))
    frame = MainWindow()
    wait_for_first_paint(frame)
    if exit_after_paint == WINDOW or not frame.isVisible():
        return 0  # the main window has been painted, or closed before its database opened
    from desktop.ui.style import install_style

    install_style(app)  # the frame has no tick box to outline; every dialog from here may
    db_value = db_value or _last_database()
    if db_value is None:
        from desktop.ui.first_start import create_on_first_start  # imported at a first start

        if not create_on_first_start(frame, language):
            return 0
    return _open_in(frame, db_value, translator_mode, exit_after_paint)


def _open_in(
    frame: MainWindow, db_value: str | None, translator_mode: bool, exit_after_paint: str | None
) -> int:
    """Open the database (its dialogs over the frame), sign in, and run the window."""
    from desktop.store.database import check_ahead

    check_ahead(db_value)
    from desktop.ui.collector import resume_after_rows
    from desktop.ui.damaged_database import back_up_at_exit, open_at_start, watch_damage_check
    from desktop.ui.sign_in.start import sign_in_at_start
    from desktop.ui.translator_mode import start_translator_mode, translator_mode_requested
    from desktop.ui.worker import close_at_quit

    app = QApplication.instance()
    if translator_mode_requested(translator_mode):
        start_translator_mode(app)
    db = open_at_start(db_value, frame)
    if db is None:
        frame.close()
        return 1
    settings.remember_database(db)
    try:
        if not sign_in_at_start(db, frame):
            frame.close()
            return 0
        window = _start_window(frame, db)
        window.damage_watch = watch_damage_check(window)
        if exit_after_paint == ROWS:
            ExitAfterRows(window)
        # Its watcher sees the rows' paint before the quit's (the last filter installed
        # comes first), so the collector is back on before an exit after the rows.
        resume_after_rows(window)
        ExitAfterRows(window, done=lambda: _after_first_rows(db))
        close_at_quit(db)  # once its background work has stopped: desktop/ui/worker.py
        return app.exec()
    finally:
        db.close()
        back_up_at_exit()


def _after_first_rows(db: "Database") -> None:
    """What the start leaves until its first rows are on the screen: the damage check of
    the file (``Database.begin_check``), the version Qt reports (read from
    ``pyproject.toml`` in a source tree, ≈ 5 ms) at the next turn of the event loop, and,
    while the user reads the rows, the models they did not need."""
    db.begin_check()
    QTimer.singleShot(0, lambda: QApplication.instance().setApplicationVersion(version()))
    QTimer.singleShot(MODELS_AFTER_ROWS_MS, _load_models)


def _load_models() -> None:
    """Import every model and configure every mapper: the sign-in and the first rows are
    read through the tables alone, so the first record opened would otherwise wait for
    both (≈ 0.1 s together on a two-core laptop)."""
    from sqlalchemy.orm import configure_mappers

    from desktop.domain import load_all

    load_all()
    configure_mappers()


def _start_window(frame: MainWindow, db: "Database") -> "MainWindow | TranslatorWindow":
    """``frame`` with its database, for whoever reads records; a translator's note in its
    place for a translator."""
    from desktop.services.permissions import Permission
    from desktop.ui.sign_in.access import may

    if may(Permission.READ_RECORDS):
        frame.attach(db)
        return frame
    from desktop.ui.sign_in.translator_window import TranslatorWindow

    window = TranslatorWindow(db)
    window.show()
    frame.close()
    return window


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
