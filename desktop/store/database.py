"""Opening a database: check it, back it up, bring its schema up to date, hand out sessions.

Every way a database can be wrong (a bad address, a server that does not answer, a file
that is not a database, a folder without write permission, a schema from a newer version)
ends here as a ``StoreError`` with one translated sentence, before anything is changed.

Importing this module costs next to nothing: SQLAlchemy (≈ 0.5 s for the core, 0.7 s with
its ORM on a slow laptop) and the backups are imported when a database is opened, so the
window that names ``Database`` in its signatures paints before any of them is loaded.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.store.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    DatabaseUnavailable,
    NotADatabase,
    ReadOnlyLocation,
    StoreError,
    UpgradeFailed,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL
    from sqlalchemy.orm import Session, sessionmaker

    from desktop.store.backups import RotationPolicy

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open database: its URL, engine and session factory."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        from desktop.store.location import sqlite_path

        return sqlite_path(self.url)

    @property
    def description(self) -> str:
        from desktop.store.location import describe

        return describe(self.url)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        from desktop.store.engine import transaction

        with transaction(self.sessions) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    value: str | URL | None = None,
    *,
    upgrade: bool = True,
    automatic_backup: RotationPolicy | None = None,
    for_reading: bool = False,
) -> Database:
    """Open (creating if needed) the database named by ``value``, migrated to the head schema.

    An SQLite file that fails ``quick_check`` or ``foreign_key_check`` is refused with
    ``DatabaseDamaged`` before anything writes to it.  ``for_reading`` (a command that only
    prints, such as ``csodesk list``) leaves that check out when no migration is due: it
    reads every page of the file (0.55 s of a 400 MB office, four times the listing itself),
    and nothing is written that a damaged file could spread; a read that meets a damaged
    page still fails with SQLite's own error.  With ``automatic_backup`` (the
    window's start), a sound file is copied to ``<name>.backups/`` and old copies rotated.
    A file is copied there before any migration in any case; a migration that fails puts
    the copy back, because SQLite cannot roll back schema changes.
    """
    from sqlalchemy.engine import URL

    from desktop.store import backups, schema
    from desktop.store.engine import make_engine, make_session_factory
    from desktop.store.location import describe, resolve_url, sqlite_path

    url = value if isinstance(value, URL) else resolve_url(value)
    path = sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        if not for_reading or _migration_due(path):  # a migration writes: check it first
            _refuse_damaged(path)
    engine = make_engine(url)
    try:
        revision = _read_revision(engine, url)
        if not schema.is_known(revision):
            raise DatabaseTooNew(str(revision))
        needs_upgrade = schema.needs_upgrade(revision)
        if path is not None and automatic_backup is not None and not (upgrade and needs_upgrade):
            backups.automatic_backup(path, backups.START, automatic_backup)
        elif path is None and automatic_backup is not None:
            log.info("%s is backed up on its server, with pg_dump", describe(url))
        if upgrade and needs_upgrade:
            engine.dispose()
            _migrate(engine, url, revision)
            engine.dispose()  # no pooled connection keeps the schema it read before
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, make_session_factory(engine))


def _check_sqlite_file(path: Path) -> None:
    if path.exists():
        if path.is_dir():
            raise NotADatabase(str(path))
        if not os.access(path, os.R_OK):
            raise ReadOnlyLocation(str(path))
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:
            raise NotADatabase(str(path))
        if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            raise ReadOnlyLocation(str(path))
        return
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReadOnlyLocation(str(folder)) from error
    if not os.access(folder, os.W_OK):
        raise ReadOnlyLocation(str(folder))


def check_ahead(value: str | None) -> CheckAhead:
    """Start the damage check ``open_database`` makes of the SQLite file ``value`` names
    (``quick_check`` and ``foreign_key_check``: ≈ 0.6 s of CPU at 100,000 activities) on
    another thread, so that it runs on the second core while the window's modules are
    imported; SQLite leaves Python's lock while it checks.  ``open_database`` uses its
    answer only for the same file, unchanged since the check began, and checks again
    otherwise, so the file is still refused before anything opens it.

    The thread runs only code already imported here, in this thread: two threads
    importing the same package at once can each find the other's half-initialised
    modules (SQLAlchemy's circular imports fail that way).  Call it once the interface
    language is set, so that a damaged file's sentences are translated with the catalog
    already read."""
    from desktop.store import backups
    from desktop.store.location import resolve_url, sqlite_path

    global _ahead
    path: Path | None = None
    try:
        path = sqlite_path(resolve_url(value))
    except StoreError:  # a bad address: open_database says so in its own words
        log.debug("no damage check ahead of opening %s", value, exc_info=True)
    _ahead = CheckAhead(path, backups.find_damage)
    return _ahead


class CheckAhead:
    """One damage check running on its own thread (see ``check_ahead``)."""

    def __init__(self, path: Path | None, find_damage: Callable[[Path], list[str]]) -> None:
        self._path = path if path is not None and _is_filled(path) else None
        self._state = _file_state(self._path) if self._path is not None else None
        self._find_damage = find_damage
        self._problems: list[str] | None = None
        self._error: sqlite3.Error | None = None
        self._thread = threading.Thread(target=self._run, name="damage check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._path is None:
            return
        try:
            self._problems = self._find_damage(self._path)
        except sqlite3.Error as error:
            self._error = error
        except Exception:  # open_database checks again, and says what is wrong
            log.debug("the damage check ahead of opening %s failed", self._path, exc_info=True)

    def wait(self) -> None:
        self._thread.join()

    def answer_for(self, path: Path) -> list[str] | None:
        """The problems found in ``path``; ``None`` when this check was not of ``path`` as
        it is now."""
        self.wait()
        if self._path is None or self._path != path or self._state != _file_state(path):
            return None
        if self._error is not None:
            raise self._error
        return self._problems  # None if the check failed otherwise: checked again


def _is_filled(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


_ahead: CheckAhead | None = None


def _file_state(path: Path) -> tuple[int, ...]:
    """What changes when anything writes to the file or to its write-ahead log."""
    state: list[int] = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
        except FileNotFoundError:
            state += [-1, -1]
        else:
            state += [stat.st_size, stat.st_mtime_ns]
    return tuple(state)


def _refuse_damaged(path: Path) -> None:
    from desktop.store import backups

    global _ahead
    ahead, _ahead = _ahead, None
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        problems = ahead.answer_for(path) if ahead is not None else None
        if problems is None:
            problems = backups.find_damage(path)
    except sqlite3.Error as error:  # another program holds it: opening will say so
        log.warning("could not check %s before opening it: %s", path, error)
        return
    if problems:
        raise DatabaseDamaged(str(path), problems)


def _migration_due(path: Path) -> bool:
    """Whether opening the file would migrate it, read without changing a byte of it (an
    engine's first connection already switches the file to WAL); unreadable counts as due,
    so that the check runs."""
    from desktop.store import schema

    if not path.exists() or path.stat().st_size == 0:
        return True
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as plain:
            row = plain.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return True
    return row is None or schema.needs_upgrade(row[0])


def _read_revision(engine: Engine, url: URL) -> str | None:
    from sqlalchemy.exc import DatabaseError, OperationalError

    from desktop.store import schema
    from desktop.store.location import describe, sqlite_path

    try:
        with engine.connect() as connection:
            return schema.current_revision(connection)
    except OperationalError as error:
        path = sqlite_path(url)
        if path is None:
            raise DatabaseUnavailable(describe(url)) from error
        if "unable to open" in str(error.orig) or "readonly" in str(error.orig):
            raise ReadOnlyLocation(str(path)) from error
        raise NotADatabase(str(path)) from error
    except DatabaseError as error:
        raise NotADatabase(describe(url)) from error


def _migrate(engine: Engine, url: URL, revision: str | None) -> None:
    from desktop.store import backups, schema
    from desktop.store.engine import make_session_factory, transaction
    from desktop.store.location import describe, sqlite_path
    from desktop.store.reference_data import sync_reference_data

    path = sqlite_path(url)
    backup = backups.take_backup(path, backups.BEFORE_UPGRADE) if path and revision else None
    try:
        schema.upgrade(url)
        with transaction(make_session_factory(engine)) as session:
            sync_reference_data(session)
    except StoreError:
        raise
    except Exception as error:
        log.exception("schema upgrade of %s failed", describe(url))
        engine.dispose()
        if path is None:  # PostgreSQL rolled the whole upgrade back
            raise UpgradeFailed(None) from error
        if backup is not None:
            copy_sqlite(backup, path)
            raise UpgradeFailed(str(backup)) from error
        path.unlink(missing_ok=True)  # a new file that never became a database
        raise UpgradeFailed(None) from error


def __getattr__(name: str) -> Any:
    """``backup_folder``, where callers found it before it moved to ``backups``, imported
    only when asked for."""
    if name == "backup_folder":
        from desktop.store.backups import backup_folder

        return backup_folder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def copy_sqlite(source: Path, target: Path) -> None:
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
