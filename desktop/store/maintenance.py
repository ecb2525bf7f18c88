"""Checking a database and copying it: ``csodesk db check``, ``csodesk db backup`` and the
window's File > Back up database…, which share this code (no Qt here)."""

import errno
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.i18n import _, ngettext
from desktop.store.collations import register_sqlite_collations
from desktop.store.engine import BUSY_TIMEOUT_MS
from desktop.store.errors import ReadOnlyLocation, StoreError

if TYPE_CHECKING:  # not at run time: opening a database takes its start backup from here
    from desktop.store.database import Database

log = logging.getLogger(__name__)


def check_database(db: "Database") -> list[str]:
    """Every problem found, one translated sentence each; empty when all is well."""
    from sqlalchemy import text  # not with the module: the check at start imports it

    from desktop.store import schema

    problems: list[str] = []
    with db.engine.connect() as connection:
        revision = schema.current_revision(connection)
        if revision != schema.HEAD:
            problems.append(
                _("The schema is at revision {found}, not {expected}.").format(
                    found=revision, expected=schema.HEAD
                )
            )
        if db.is_sqlite:
            integrity = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
            if integrity != ["ok"]:
                problems.append(
                    _("The file is damaged: {details}").format(details="; ".join(integrity[:5]))
                )
            orphans = connection.execute(text("PRAGMA foreign_key_check")).all()
            if orphans:
                problems.append(
                    ngettext(
                        "{count} record points at a record that does not exist.",
                        "{count} records point at records that do not exist.",
                        len(orphans),
                    ).format(count=len(orphans))
                )
    return problems


class BackupCancelled(StoreError):
    def __init__(self) -> None:
        super().__init__(_("The backup was cancelled; no file was written."))


class BackupFailed(StoreError):
    """The copy could not be written or did not pass its check; nothing was left behind."""


Progress = Callable[[int, int], bool]
"""``progress(done, total)`` in pages, called after every step; returning False stops."""

BACKUP_STEP_PAGES = 256  # 1 MiB of 4 KiB pages: a step is quick, the bar still moves
VERIFY_CHECK_EVERY = 10_000  # SQLite instructions between two looks at the progress
_SIDE_FILES = ("-journal", "-wal", "-shm")


def server_backup_hint() -> str:
    """Why CSO Desk copies only SQLite files: a server has its own tool."""
    return _("A PostgreSQL database is backed up on the server, with pg_dump.")


def backup_to(db: "Database", target: Path, progress: Progress | None = None) -> Path:
    """Copy a live SQLite database to ``target`` step by step, then verify the copy.

    The copy is written beside ``target`` under a hidden name and moved into place only
    once ``PRAGMA integrity_check`` passed, so a cancelled, failed or damaged copy never
    leaves a file a user could mistake for a backup.  A server is backed up with pg_dump.
    """
    if db.path is None:
        raise StoreError(server_backup_hint())
    return copy_verified(db.path, target, progress)


def copy_verified(source: Path, target: Path, progress: Progress | None = None) -> Path:
    """``backup_to`` for a database file, open or not: the automatic backups' copy too."""
    if target.exists():
        raise StoreError(_("The file {path} already exists.").format(path=target))
    folder = target.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise ReadOnlyLocation(str(folder))
    partial = target.with_name(f".{target.name}.part")
    steps = _Steps(progress)
    _remove(partial)
    try:
        _copy_in_steps(source, partial, steps)
        _verify(partial, steps)
        if target.exists():  # written meanwhile by someone else: theirs stays
            raise StoreError(_("The file {path} already exists.").format(path=target))
        os.replace(partial, target)
    except _Stopped:
        raise steps.error or BackupCancelled() from None
    except (sqlite3.Error, OSError) as error:
        raise _failure(error, target) from error
    finally:
        _remove(partial)
    return target


class _Stopped(Exception):
    """Raised inside SQLite's callbacks to abandon the copy."""


class _Steps:
    """Relays progress to the caller's callback and remembers whether (and why) it said
    stop: SQLite swallows what a progress handler raises, so the reason is kept here."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self.stopped = False
        self.total = 0  # pages of the database, once the first step is done
        self.error: BaseException | None = None

    def __call__(self, done: int, total: int) -> bool:
        self.total = total
        if not self.stopped and self._progress is not None:
            try:
                self.stopped = not self._progress(done, total)
            except Exception as error:
                self.error = error
                self.stopped = True
        return not self.stopped


def _copy_in_steps(source: Path, partial: Path, steps: _Steps) -> None:
    def after_step(_status: int, remaining: int, total: int) -> None:
        if not steps(total - remaining, total):
            raise _Stopped()

    src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=BACKUP_STEP_PAGES, progress=after_step)
            # A backup is one self-contained file, not a file and its write-ahead log.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _verify(partial: Path, steps: _Steps) -> None:
    """Read the copy back from disk; a long check still answers Cancel."""
    copy = sqlite3.connect(partial)
    register_sqlite_collations(copy)  # the check reads the indexes sorted by them
    try:
        copy.set_progress_handler(lambda: not steps(steps.total, steps.total), VERIFY_CHECK_EVERY)
        try:
            result = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        except sqlite3.OperationalError:
            if steps.stopped:
                raise _Stopped() from None
            raise
    finally:
        copy.close()
    if result != ["ok"]:
        raise BackupFailed(
            _(
                "The copy did not pass its integrity check and was deleted; "
                "run “csodesk db check” on the database."
            )
        )


def _failure(error: sqlite3.Error | OSError, target: Path) -> StoreError:
    """One sentence the user can act on, for the ways writing a copy goes wrong."""
    reason = str(error).lower()
    if (isinstance(error, OSError) and error.errno == errno.ENOSPC) or "disk is full" in reason:
        return BackupFailed(
            _(
                "There is not enough free space for the backup in {folder}: "
                "free some space or choose another drive."
            ).format(folder=target.parent)
        )
    if isinstance(error, PermissionError) or "unable to open" in reason or "readonly" in reason:
        return ReadOnlyLocation(str(target.parent))
    log.error("backup to %s failed", target, exc_info=error)
    return BackupFailed(
        _("The backup could not be written to {path}; no file was left behind.").format(path=target)
    )


def _remove(path: Path) -> None:
    for name in (path, *(path.with_name(path.name + side) for side in _SIDE_FILES)):
        name.unlink(missing_ok=True)
