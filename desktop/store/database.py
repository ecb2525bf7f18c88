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
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
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
    from desktop.store.running_reads import HandedOut

log = logging.getLogger(__name__)
# The nice value the damage check runs at, against the window's 0 (see _yield_to_the_window).
CHECK_NICENESS = 10
# A check behind the opening begins once the window's first rows are shown (``begin``) or
# once something needs its answer, and at the latest this long after it was started.
LATEST_CHECK_START_S = 3.0

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass
class Database:
    """An open database: its URL, engine and session factory."""

    url: URL
    engine: Engine
    sessions: sessionmaker[Session]
    damage_check: DamageGate | None = None
    _handed_out: HandedOut = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        from desktop.store.running_reads import HandedOut

        self._handed_out = HandedOut(self.engine)

    def interrupt_reads(self) -> int:
        """Stop the reads running on this database's connections (a list's count, a
        report's or an export's queries), and only them: a unit of work that may write
        runs on to its end.  Only for quitting: the stopped work fails with a storage
        error.  The number of reading connections asked; one between two statements
        is not stopped, so ask again while waiting for the work (``HandedOut``)."""
        return self._handed_out.interrupt_reads()

    def wait_for_check(self, *, begin: bool = True) -> None:
        """Wait for the damage check still running behind the opening (``check_behind``),
        if any; ``DatabaseDamaged`` when it found the file damaged, which the window then
        closes and offers to restore, as if the opening had refused it.  ``begin=False``
        waits without making a check that has not begun begin now (``begin_check``)."""
        if self.damage_check is not None:
            self.damage_check.check(begin=begin)

    def begin_check(self) -> None:
        """Let the damage check behind the opening begin now: the window's first rows are
        shown, so it no longer competes with them for the machine."""
        if self.damage_check is not None:
            self.damage_check.begin()

    def found_damaged(self) -> bool:
        """Whether the check behind the opening has already found the file damaged."""
        return self.damage_check is not None and self.damage_check.damaged

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
        """Close every connection; once this returns, no copy of the log started by a
        large write (``desktop.store.log_copy``) still has the file open."""
        from desktop.store.log_copy import wait_for_log_copies

        self.engine.dispose()
        wait_for_log_copies()


def open_database(
    value: str | URL | None = None,
    *,
    upgrade: bool = True,
    automatic_backup: RotationPolicy | None = None,
    for_reading: bool = False,
    check_behind: bool = False,
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

    ``check_behind`` (the window's start) does not wait for the check ``check_ahead`` began
    when it can wait later: the file is the one checked, unchanged since, already in WAL
    mode, due no migration and no start backup.  The database then opens at once, so the
    first page is read while the check still runs (its cost grows with the file: ≈ 0.6 s
    of CPU at 100,000 activities, ten times that at 1,000,000); nothing can write to the
    file until the check has found it sound (``DamageGate``), and ``Database.wait_for_check``
    says whether it did.  Otherwise the opening waits for the check, as without it.
    """
    from sqlalchemy.engine import URL

    from desktop.store import backups, schema
    from desktop.store.engine import make_engine, make_session_factory
    from desktop.store.location import describe, resolve_url, sqlite_path

    url = value if isinstance(value, URL) else resolve_url(value)
    path = sqlite_path(url)
    gate: DamageGate | None = None
    if path is not None:
        _check_sqlite_file(path)
        if check_behind:
            gate = _gate_behind(path, automatic_backup)
        if gate is None and (not for_reading or _migration_due(path)):  # a migration writes
            _refuse_damaged(path)
    engine = make_engine(url)
    if gate is not None:
        gate.guard(engine)
    try:
        revision = _read_revision(engine, url)
        if not schema.is_known(revision):
            raise DatabaseTooNew(str(revision))
        needs_upgrade = schema.needs_upgrade(revision)
        if gate is not None:
            log.info("%s is unchanged since its newest backup", path)
        elif path is not None and automatic_backup is not None and not (upgrade and needs_upgrade):
            backups.automatic_backup(path, backups.START, automatic_backup)
        elif path is None and automatic_backup is not None:
            log.info("%s is backed up on its server, with pg_dump", describe(url))
        if upgrade and needs_upgrade:
            if gate is not None:  # not due when the gate was set up; never write unchecked
                gate.check()
            engine.dispose()
            _migrate(engine, url, revision)
            engine.dispose()  # no pooled connection keeps the schema it read before
    except BaseException:
        engine.dispose()
        raise
    return Database(url, engine, make_session_factory(engine), gate)


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
    from desktop.store.location import sqlite_file

    global _ahead
    path: Path | None = None
    try:
        path = sqlite_file(value)
    except StoreError:  # a bad address: open_database says so in its own words
        log.debug("no damage check ahead of opening %s", value, exc_info=True)
    _ahead = CheckAhead(path, backups.find_damage)
    return _ahead


class CheckAhead:
    """One damage check running on its own thread (see ``check_ahead``).

    The thread waits before it reads the file: until ``begin`` (the window's first rows are
    shown), until someone needs the answer (``problems``), or ``LATEST_CHECK_START_S``.
    Reading the whole file beside the start, even on the other core and at nice 10, slowed
    the window's own thread: at 100,000 activities on an idle two-core machine the first rows
    came ≈ 0.1 s later (bench/findings.md, "Start-up: the first rows, session 16").  Until
    the answer comes only writes wait for it (``DamageGate``), and a write asks for it at
    once."""

    def __init__(self, path: Path | None, find_damage: Callable[[Path], list[str]]) -> None:
        self._path = path if path is not None and _is_filled(path) else None
        self._state = _file_state(self._path) if self._path is not None else None
        self._find_damage = find_damage
        self._problems: list[str] | None = None
        self._error: sqlite3.Error | None = None
        self._begin = threading.Event()
        self._thread = threading.Thread(target=self._run, name="damage check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        if self._path is None:
            return
        _yield_to_the_window()
        self._begin.wait(LATEST_CHECK_START_S)
        try:
            self._problems = self._find_damage(self._path)
        except sqlite3.Error as error:
            self._error = error
        except Exception:  # open_database checks again, and says what is wrong
            log.debug("the damage check ahead of opening %s failed", self._path, exc_info=True)

    def begin(self) -> None:
        """Let the check read the file now, if it has not yet."""
        self._begin.set()

    def wait(self, *, begin: bool = True) -> None:
        if begin:
            self.begin()
        self._thread.join()

    def vouches_for(self, path: Path) -> bool:
        """Whether this check's answer, when it comes, will be about ``path`` as it is now;
        asked without waiting for it."""
        return self._path is not None and self._path == path and self._state == _file_state(path)

    def problems(self, *, begin: bool = True) -> list[str] | None:
        """The problems found (waiting for them, and letting the check begin at once unless
        ``begin`` is false); ``None`` if the check failed otherwise."""
        self.wait(begin=begin)
        if self._error is not None:
            raise self._error
        return self._problems

    def answer_for(self, path: Path) -> list[str] | None:
        """The problems found in ``path``; ``None`` when this check was not of ``path`` as
        it is now."""
        self.wait()
        if self._path is None or self._path != path or self._state != _file_state(path):
            return None
        if self._error is not None:
            raise self._error
        return self._problems  # None if the check failed otherwise: checked again


def _yield_to_the_window() -> None:
    """Give the calling thread (the check's) a lower scheduling priority than the window's.

    On an idle two-core laptop the check has the second core to itself; on a busy one
    (another program, the exit backup of a second copy) it took its share of the core the
    window's thread was waiting for, and the first rows waited with it.  The answer comes a
    little later then, and only writes wait for it.  Linux gives each thread its own nice
    value; elsewhere the thread keeps the process's priority."""
    if not hasattr(os, "setpriority") or not sys.platform.startswith("linux"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), CHECK_NICENESS)
    except OSError:  # refused (a sandbox, say): the check runs at the usual priority
        log.debug("the damage check keeps its priority", exc_info=True)


class DamageGate:
    """The answer of a damage check still running when its file was opened
    (``check_behind``), standing between the file and every write.

    Until the answer comes, a unit of work that means to write (``WRITE_INTENT``) waits for
    it before it begins, and any statement that would change the file waits for it while
    SQLite prepares it (an authorizer on each connection, for writes made without saying
    so); a damaged file refuses both with ``DatabaseDamaged``.  Reads go ahead: they cannot
    spread damage, and one that meets a damaged page fails with SQLite's own error.
    """

    def __init__(self, ahead: CheckAhead, path: Path) -> None:
        self._ahead = ahead
        self._path = path
        self._lock = threading.Lock()
        self._problems: list[str] | None = None

    @property
    def answered(self) -> bool:
        """Whether the answer is in (and so nothing waits for it any more)."""
        return self._problems is not None

    @property
    def damaged(self) -> bool:
        return bool(self._problems)

    def begin(self) -> None:
        """Let the check begin now, if it has not yet (see ``CheckAhead``)."""
        self._ahead.begin()

    def check(self, *, begin: bool = True) -> None:
        """Wait for the answer, letting the check begin at once unless ``begin`` is false
        (a watcher that only wants to hear it); ``DatabaseDamaged`` if the file is damaged."""
        from desktop.store import backups

        if not begin and self._problems is None:
            self._ahead.wait(begin=False)  # outside the lock: a write may ask meanwhile
        with self._lock:
            if self._problems is None:
                try:
                    problems = self._ahead.problems()
                    if problems is None:  # the check failed otherwise: check again
                        problems = backups.find_damage(self._path)
                except sqlite3.Error as error:  # held by another program, as at opening
                    log.warning("could not check %s: %s", self._path, error)
                    problems = []
                self._problems = problems
        if self._problems:
            raise DatabaseDamaged(str(self._path), self._problems)

    def guard(self, engine: Engine) -> None:
        """Make ``engine``'s connections wait for the answer before they write."""
        from sqlalchemy import event

        from desktop.store.engine import WRITE_INTENT

        def on_connect(dbapi_connection: sqlite3.Connection, record: Any) -> None:
            if not self.answered or self.damaged:  # a damaged file's new connections too
                dbapi_connection.set_authorizer(self._authorize)
                record.info[_GUARDED] = True

        def on_begin(connection: Any) -> None:
            if connection.get_execution_options().get(WRITE_INTENT, False):
                self.check()
            info = connection.connection.info
            if info.get(_GUARDED) and self.answered and not self.damaged:
                connection.connection.driver_connection.set_authorizer(None)
                info[_GUARDED] = False

        event.listen(engine, "connect", on_connect)
        event.listen(engine, "begin", on_begin, insert=True)  # before BEGIN IMMEDIATE

    def _authorize(self, action: int, _arg1: Any, _arg2: Any, database: Any, _source: Any) -> int:
        if action in _WRITES and database != "temp":
            try:
                self.check()
            except DatabaseDamaged:
                return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK


_GUARDED = "csodesk_damage_gate"
# The authorizer's actions that change the file (sqlite.org/c3ref/c_alter_table.html).
_WRITES = frozenset(
    {
        sqlite3.SQLITE_INSERT,
        sqlite3.SQLITE_UPDATE,
        sqlite3.SQLITE_DELETE,
        sqlite3.SQLITE_CREATE_INDEX,
        sqlite3.SQLITE_CREATE_TABLE,
        sqlite3.SQLITE_CREATE_TRIGGER,
        sqlite3.SQLITE_CREATE_VIEW,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_VIEW,
        sqlite3.SQLITE_ALTER_TABLE,
        sqlite3.SQLITE_REINDEX,
        sqlite3.SQLITE_ANALYZE,
        sqlite3.SQLITE_CREATE_VTABLE,
        sqlite3.SQLITE_DROP_VTABLE,
    }
)


def _gate_behind(path: Path, automatic_backup: RotationPolicy | None) -> DamageGate | None:
    """A gate on the check running ahead of opening ``path``, if the opening need not wait
    for it (see ``open_database``); ``None`` otherwise, and the check is then waited for."""
    from desktop.store import backups

    global _ahead
    ahead = _ahead
    if ahead is None or not ahead.vouches_for(path) or not _in_wal_mode(path):
        return None
    if _migration_due(path):
        return None
    if automatic_backup is not None and not backups.unchanged_since_newest_backup(path):
        return None  # a damaged file must never be kept as a backup: check, then copy
    _ahead = None
    return DamageGate(ahead, path)


def _in_wal_mode(path: Path) -> bool:
    """Whether the file is already in WAL mode (its header's read and write versions are
    2), so that connecting to it, which asks for WAL, changes nothing in it."""
    with path.open("rb") as handle:
        header = handle.read(20)
    return len(header) == 20 and header[18:20] == b"\x02\x02"


def _is_filled(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


_ahead: CheckAhead | None = None


def _file_state(path: Path) -> tuple[int, ...]:
    """What changes when anything writes to the file or to its write-ahead log.  An empty
    log holds nothing and counts as none: the check's own read-only connection creates one
    beside a WAL file, which made every check ahead look out of date, so that the opening
    checked the whole file a second time on the window's thread."""
    state: list[int] = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            stat = file.stat()
        except FileNotFoundError:
            state += [0, 0]
        else:
            state += [stat.st_size, stat.st_mtime_ns] if stat.st_size else [0, 0]
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
