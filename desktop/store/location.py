"""Which database to open: a ``--db`` value, ``CSODESK_DB_URL``, or the file in the user's
data directory.

A plain path means an SQLite file; ``postgresql://`` is read as psycopg 3, the driver CSO
Desk ships.

SQLAlchemy is imported when a URL is made: ``sqlite_file`` names the file to check before
the window has imported it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_path

from desktop.store.errors import DatabaseUrlError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

ENV_VARIABLE = "CSODESK_DB_URL"
APP_DIR_NAME = "CSODesk"
DEFAULT_FILE_NAME = "csodesk.sqlite3"
_POSTGRES_DRIVERS = {"postgresql", "postgresql+psycopg", "postgres"}


def data_directory() -> Path:
    """The per-user folder for the database and its backups (created on first use)."""
    return user_data_path(APP_DIR_NAME, appauthor=False, roaming=False)


def default_database_path() -> Path:
    return data_directory() / DEFAULT_FILE_NAME


def resolve_url(value: str | None) -> URL:
    """Turn what the user gave (or nothing) into a SQLAlchemy URL, or raise ``DatabaseUrlError``."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    text = _given(value)
    if not text:
        return sqlite_url(default_database_path())
    if "://" not in text:
        return sqlite_url(Path(text).expanduser())
    try:
        url = make_url(text)
    except ArgumentError as error:
        raise DatabaseUrlError(text) from error
    if url.drivername in _POSTGRES_DRIVERS:
        if not url.database:
            raise DatabaseUrlError(text)
        return url.set(drivername="postgresql+psycopg")
    if url.drivername in {"sqlite", "sqlite+pysqlite"}:
        if not url.database or url.database == ":memory:":
            raise DatabaseUrlError(text)
        return sqlite_url(Path(url.database).expanduser())
    raise DatabaseUrlError(text)


def sqlite_file(value: str | None) -> Path | None:
    """The SQLite file ``resolve_url`` would open for ``value``, without importing
    SQLAlchemy for a plain path or the default file; ``None`` for a server."""
    text = _given(value)
    if not text:
        return default_database_path().resolve()
    if "://" not in text:
        return Path(text).expanduser().resolve()
    return sqlite_path(resolve_url(text))


def _given(value: str | None) -> str:
    return (value or os.environ.get(ENV_VARIABLE) or "").strip()


def sqlite_url(path: Path) -> URL:
    from sqlalchemy.engine import URL

    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def sqlite_path(url: URL) -> Path | None:
    """The file behind an SQLite URL; ``None`` for a server."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database)


def describe(url: URL) -> str:
    """The URL without its password, for messages and logs."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)
