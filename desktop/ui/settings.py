"""What the interface remembers between runs, kept in one place so keys never drift apart.

Every reader and writer goes through ``app_settings()``, which names the organisation and
application explicitly, so the settings land in the same place whether or not the
``QApplication`` was given its names (pytest-qt creates it without), and which honours
``QSettings.defaultFormat()`` (the registry or a ``.conf`` file normally; the tests point it
at a temporary INI folder).
"""

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from desktop.i18n import normalize_language

if TYPE_CHECKING:
    from desktop.store.database import Database

ORGANISATION = "CSODesk"
APPLICATION = "CSODesk"

LANGUAGE = "ui/language"
WINDOW_GEOMETRY = "main_window/geometry"
WINDOW_STATE = "main_window/state"
SPLITTER_STATE = "main_window/splitter"
LAST_PAGE = "main_window/page"
LAST_DATABASE = "database/last"
BACKUP_FOLDER = "database/backup_folder"
REPORT_FOLDER = "reports/folder"
RECENT_REPORTS = "reports/recent"
MAX_RECENT_REPORTS = 10


def app_settings() -> QSettings:
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def saved_language() -> str | None:
    """The language the user last chose, or ``None`` if none (or an unknown one) is saved."""
    value = app_settings().value(LANGUAGE)
    return normalize_language(value) if isinstance(value, str) else None


def save_language(code: str) -> None:
    app_settings().setValue(LANGUAGE, code)


def read_text(key: str, default: str = "") -> str:
    value = app_settings().value(key)
    return value if isinstance(value, str) else default


def remembered_folder(key: str) -> str:
    """The folder the user last chose for ``key``'s files, else their documents folder: a
    file dialog opens where they looked the time before."""
    return read_text(key) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )


def read_bytes(key: str) -> QByteArray | None:
    value = app_settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def write(key: str, value: object) -> None:
    app_settings().setValue(key, value)


def remember_database(db: "Database") -> None:
    """Open ``db`` again at the next start.  A server's address is kept without its
    password, which stays in PGPASSWORD or .pgpass.  The settings file is written only when
    the address changes, not at every start on the same database."""
    address = db.url.render_as_string(hide_password=True)
    if read_text(LAST_DATABASE) != address:
        write(LAST_DATABASE, address)


def recent_reports() -> list[str]:
    value = app_settings().value(RECENT_REPORTS)
    if isinstance(value, str):
        return [value]
    return [item for item in value or [] if isinstance(item, str)]


def remember_report(path: str) -> None:
    """Put ``path`` first in the recent reports, dropping duplicates and the oldest."""
    recent = [path, *(item for item in recent_reports() if item != path)]
    app_settings().setValue(RECENT_REPORTS, recent[:MAX_RECENT_REPORTS])


def clear_recent_reports() -> None:
    app_settings().remove(RECENT_REPORTS)
