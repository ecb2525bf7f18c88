"""Automatic backups of an SQLite file, their rotation, and restoring one (no Qt here).

Every backup of ``csodesk.sqlite3`` lives in ``csodesk.sqlite3.backups/`` beside it, named
``csodesk-20261128-141500-start.sqlite3``: the name says when and why, so the folder reads
well in a file manager and needs no index that could drift from it.  Each copy is made
with SQLite's online backup API and kept only once ``PRAGMA integrity_check`` passed
(``maintenance.copy_verified``).  Rotation removes only the automatic copies (``start``,
``exit``): the newest ``keep_last`` stay, and the newest of each of the last
``keep_months`` calendar months.  Copies taken by hand, before an upgrade or before a
restore stay until the user deletes them.

A PostgreSQL database is never copied here: its server has pg_dump.
"""

import logging
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.i18n import _, ngettext
from desktop.i18n.formatting import format_date
from desktop.store.collations import register_sqlite_collations
from desktop.store.encryption import decrypt_file, encrypt_file, is_encrypted
from desktop.store.engine import BUSY_TIMEOUT_MS
from desktop.store.errors import DatabaseTooNew, NotADatabase, StoreError
from desktop.store.maintenance import BackupFailed, copy_verified
from desktop.store.migrations import REVISIONS

log = logging.getLogger(__name__)

START, EXIT, MANUAL = "start", "exit", "manual"
BEFORE_UPGRADE, BEFORE_RESTORE = "before-upgrade", "before-restore"
AUTOMATIC = frozenset({START, EXIT})
SUFFIX = ".sqlite3"
ENCRYPTED_SUFFIX = ".enc"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
KEEP_ENV = "CSODESK_BACKUPS_KEEP"
MONTHS_ENV = "CSODESK_BACKUPS_MONTHS"
SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
# SQLite's result codes for a file whose contents are wrong: CORRUPT, NOTADB, FORMAT, and
# IOERR, which reading a damaged disk gives.
DAMAGE_CODES = frozenset(
    {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT, sqlite3.SQLITE_IOERR}
)
# Tables whose counts tell a user what a backup holds, in the order they read them.
COUNTED_TABLES = ("projects", "grants", "expenditures", "activities", "indicators", "cases")

_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>start|exit|manual|before-restore"
    r"|before-upgrade|before-\d{4})(?:-\d+)?\.sqlite3(?P<encrypted>\.enc)?$"
)


@dataclass(frozen=True)
class RotationPolicy:
    """How many automatic backups stay: the newest ``keep_last``, plus the newest of each
    of the last ``keep_months`` months."""

    keep_last: int = 10
    keep_months: int = 12


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str
    revision: str | None  # None when encrypted or unreadable
    encrypted: bool
    size: int


@dataclass(frozen=True)
class RestoreOutcome:
    """Where the database that was replaced went (``None`` if there was none)."""

    kept: Path | None


class BackupUnusable(StoreError):
    def __init__(self, path: Path, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(
            _("The backup {path} failed its check and was not restored: {details}").format(
                path=path, details=" ".join(problems)
            )
        )


class PassphraseNeeded(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _("The backup {path} is encrypted: give its passphrase to restore it.").format(
                path=path
            )
        )


class DatabaseInUse(StoreError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            _(
                "The database {path} is open in another copy of CSO Desk: close it there, "
                "then restore again."
            ).format(path=path)
        )


def when_taken(moment: datetime, language: str, *, seconds: bool = False) -> str:
    """A backup's time as a user reads it: the date in their language, and the time (to
    the second where two backups share a minute)."""
    # L10N: when a backup was taken, as "28 Nov 2026 at 14:15"
    return _("{date} at {time}").format(
        date=format_date(moment.date(), language),
        time=moment.strftime("%H:%M:%S" if seconds else "%H:%M"),
    )


def backup_folder(database: Path) -> Path:
    return database.with_name(f"{database.name}.backups")


def policy_from_environment(environ: dict[str, str] | None = None) -> RotationPolicy:
    """``CSODESK_BACKUPS_KEEP`` and ``CSODESK_BACKUPS_MONTHS``, where set to a whole
    number of at least 1 (0 months: no monthly copies); the defaults otherwise."""
    values = os.environ if environ is None else environ
    default = RotationPolicy()
    return RotationPolicy(
        keep_last=_whole(values.get(KEEP_ENV), default.keep_last, minimum=1),
        keep_months=_whole(values.get(MONTHS_ENV), default.keep_months, minimum=0),
    )


def _whole(text: str | None, default: int, minimum: int) -> int:
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        log.warning("ignoring the backup setting %r: not a whole number >= %d", text, minimum)
        return default
    return value


# -- checking a file -----------------------------------------------------------------------


def find_damage(path: Path, *, thorough: bool = False) -> list[str]:
    """Every problem in the SQLite file ``path``, one translated sentence each; empty when
    sound.  Reads only (the file is opened read-only).  ``quick_check`` skips comparing
    each index with its table, which is what makes ``integrity_check`` slow on big files
    (collations are Python functions); ``thorough`` runs the full check."""
    check = "PRAGMA integrity_check" if thorough else "PRAGMA quick_check"
    try:
        with _read_only(path) as connection:
            found = [row[0] for row in connection.execute(check).fetchmany(5)]
            problems = []
            if found != ["ok"]:
                problems.append(
                    _("The file is damaged: {details}").format(details="; ".join(found))
                )
            orphans = len(connection.execute("PRAGMA foreign_key_check").fetchall())
    except sqlite3.Error as error:
        if not _is_damage(error):
            raise  # busy, locked, cannot open: about access, not about the file's contents
        return [_("The file is damaged: {details}").format(details=error)]
    if orphans:
        problems.append(
            ngettext(
                "{count} record points at a record that does not exist.",
                "{count} records point at records that do not exist.",
                orphans,
            ).format(count=orphans)
        )
    return problems


def _is_damage(error: sqlite3.Error) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return "malformed" in str(error) or "not a database" in str(error)
    return code & 0xFF in DAMAGE_CODES


def read_revision(path: Path) -> str | None:
    """The schema revision recorded in a CSO Desk file; ``None`` if it holds none or
    cannot be read."""
    try:
        with _read_only(path) as connection:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def record_counts(path: Path) -> dict[str, int | None]:
    """How many rows each table of ``COUNTED_TABLES`` holds; ``None`` for a table that
    cannot be read (what a damaged file has lost)."""
    counts: dict[str, int | None] = dict.fromkeys(COUNTED_TABLES)
    try:
        with _read_only(path) as connection:
            for table in COUNTED_TABLES:
                with suppress(sqlite3.Error):
                    counts[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[
                        0
                    ]
    except sqlite3.Error:
        pass
    return counts


@contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        register_sqlite_collations(connection)  # the checks read indexes sorted by them
        yield connection
    finally:
        connection.close()


# -- taking and rotating -------------------------------------------------------------------


def take_backup(
    database: Path,
    reason: str,
    *,
    now: datetime | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> Path:
    """A verified copy of ``database`` in its backups folder; ``BackupFailed`` (and no
    file) if the copy did not pass ``integrity_check``."""
    folder = backup_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(
        folder, database.stem, (now or datetime.now()).strftime(STAMP_FORMAT), reason
    )
    return copy_verified(database, target, progress)


def _free_name(folder: Path, stem: str, stamp: str, reason: str) -> Path:
    candidate = folder / f"{stem}-{stamp}-{reason}{SUFFIX}"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}-{stamp}-{reason}-{number}{SUFFIX}"
    return candidate


def automatic_backup(
    database: Path, reason: str, policy: RotationPolicy, *, now: datetime | None = None
) -> Path | None:
    """Take the start or exit backup and rotate; ``None`` when skipped because the file
    has not changed since the newest backup (a quick restart) or the copy failed, which is
    logged: a failed automatic copy must not keep anyone from their work."""
    if not database.is_file() or unchanged_since_newest_backup(database):
        return None
    try:
        taken = take_backup(database, reason, now=now)
    except StoreError as error:
        log.error("the %s backup of %s was not kept: %s", reason, database, error)
        return None
    for removed in rotate(database, policy, now=now):
        log.info("rotated out the backup %s", removed)
    return taken


def unchanged_since_newest_backup(database: Path) -> bool:
    backups = [b for b in list_backups(database, read_revisions=False) if not b.encrypted]
    if not backups:
        return False
    wal = database.with_name(database.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return False
    newest = max(backups, key=lambda b: b.path.stat().st_mtime)
    return database.stat().st_mtime <= newest.path.stat().st_mtime


def rotate(database: Path, policy: RotationPolicy, *, now: datetime | None = None) -> list[Path]:
    """Delete the automatic backups the policy does not keep; the paths deleted."""
    automatic = [b for b in list_backups(database, read_revisions=False) if b.reason in AUTOMATIC]
    keep = {b.path for b in automatic[: policy.keep_last]}
    today = now or datetime.now()
    oldest_month = today.year * 12 + today.month - 1 - (policy.keep_months - 1)
    months_seen: set[int] = set()
    for backup in automatic:  # newest first: the first of a month is its newest
        month = backup.taken_at.year * 12 + backup.taken_at.month - 1
        if policy.keep_months and month >= oldest_month and month not in months_seen:
            months_seen.add(month)
            keep.add(backup.path)
    removed = []
    for backup in automatic:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def list_backups(database: Path, *, read_revisions: bool = True) -> list[BackupFile]:
    """The backups of ``database`` in its backups folder, newest first."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or not path.is_file():
            continue
        reason = match["reason"]
        if reason.startswith("before-") and reason[len("before-") :].isdigit():
            reason = BEFORE_UPGRADE  # the name older versions gave it
        encrypted = match["encrypted"] is not None
        found.append(
            BackupFile(
                path=path,
                taken_at=datetime.strptime(match["stamp"], STAMP_FORMAT),
                reason=reason,
                revision=read_revision(path) if read_revisions and not encrypted else None,
                encrypted=encrypted,
                size=path.stat().st_size,
            )
        )
    # Two copies in the same second (start, then a quick exit) go by when each was written.
    return sorted(found, key=lambda b: (b.taken_at, b.path.stat().st_mtime_ns), reverse=True)


def newest_good_backup(database: Path) -> BackupFile | None:
    """The newest unencrypted backup that still passes ``quick_check`` and
    ``foreign_key_check`` and whose schema this version knows."""
    for backup in list_backups(database):
        if backup.encrypted or backup.revision not in REVISIONS:
            continue
        with suppress(sqlite3.Error):  # a file something else holds is no good to us now
            if not find_damage(backup.path):
                return backup
    return None


# -- writing a backup to carry away --------------------------------------------------------


def write_encrypted_backup(database: Path, target: Path, passphrase: str) -> Path:
    """An encrypted, verified copy of ``database`` at ``target``.  The plain copy it is made
    from stays on the database's own disk (its backups folder), never beside ``target``,
    which may be a USB stick, and is deleted once encrypted."""
    if target.exists():
        raise StoreError(_("The file {path} already exists.").format(path=target))
    plain = take_backup(database, MANUAL)
    try:
        return encrypt_file(plain, target, passphrase)
    finally:
        plain.unlink(missing_ok=True)


# -- restoring -----------------------------------------------------------------------------


def restore_backup(
    source: Path, database: Path, passphrase: str | None = None, *, now: datetime | None = None
) -> RestoreOutcome:
    """Put the backup ``source`` in place of ``database``.

    The backup is checked in full first (and decrypted, if it is encrypted, into the
    backups folder); a damaged one, one from a newer version, or a wrong passphrase changes
    nothing.  The database being replaced is kept: a sound one as a ``before-restore``
    backup, a damaged one moved aside as ``<name>.damaged-<stamp>``.  The copy goes in
    through SQLite's backup API, so a write-ahead log beside the file cannot be replayed
    onto it.  An older schema is fine: it is brought up to date when next opened.
    """
    stamp_time = now or datetime.now()
    if source.is_dir():
        raise StoreError(_("{path} is a folder: choose a backup file in it.").format(path=source))
    if not source.is_file():
        raise StoreError(_("There is no file {path}.").format(path=source))
    if database.exists() and os.path.samefile(source, database):
        # SQLite's backup API copying a file onto itself starts over for ever.
        raise StoreError(
            _(
                "{path} is the database itself, not a backup of it: choose one of its backups."
            ).format(path=source)
        )
    with _plain_copy(source, database, passphrase, stamp_time) as candidate:
        _refuse_unusable(candidate, source)
        kept = _keep_current(database, stamp_time)
        _copy_into(candidate, database)
    return RestoreOutcome(kept)


@contextmanager
def _plain_copy(
    source: Path, database: Path, passphrase: str | None, now: datetime
) -> Iterator[Path]:
    if not is_encrypted(source):
        yield source
        return
    if passphrase is None:
        raise PassphraseNeeded(source)
    folder = backup_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    plain = folder / f".restoring-{now.strftime(STAMP_FORMAT)}{SUFFIX}"
    try:
        yield decrypt_file(source, plain, passphrase)
    finally:
        for name in (plain, *(plain.with_name(plain.name + side) for side in SIDE_FILES)):
            name.unlink(missing_ok=True)


def _refuse_unusable(candidate: Path, shown: Path) -> None:
    with candidate.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise NotADatabase(str(shown))
    try:
        problems = find_damage(candidate, thorough=True)
    except sqlite3.Error as error:
        raise BackupUnusable(shown, [str(error)]) from error
    if problems:
        raise BackupUnusable(shown, problems)
    revision = read_revision(candidate)
    if revision is None:
        raise NotADatabase(str(shown))
    if revision not in REVISIONS:
        raise DatabaseTooNew(revision)


def _keep_current(database: Path, now: datetime) -> Path | None:
    if not database.exists():
        return None
    try:
        damaged = bool(find_damage(database))
    except sqlite3.OperationalError as error:
        raise DatabaseInUse(database) from error
    if damaged:
        return move_aside(database, now=now)
    try:
        return take_backup(database, BEFORE_RESTORE, now=now)
    except BackupFailed:  # passed quick_check but not the full check: damaged after all
        return move_aside(database, now=now)


def move_aside(database: Path, *, now: datetime | None = None) -> Path:
    """Rename a damaged ``database`` (and its journal files) to
    ``<name>.damaged-<stamp>`` beside it, never deleting anything."""
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    aside = database.with_name(f"{database.name}.damaged-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = database.with_name(f"{database.name}.damaged-{stamp}-{number}")
    for side in SIDE_FILES:
        journal = database.with_name(database.name + side)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + side))
    os.replace(database, aside)
    return aside


def _copy_into(candidate: Path, database: Path) -> None:
    source = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        # Leaving WAL needs the only connection: anyone else still on the file says so.
        if target.execute("PRAGMA journal_mode=DELETE").fetchone()[0] != "delete":
            raise DatabaseInUse(database)
        source.backup(target)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseInUse(database) from error
        raise
    finally:
        target.close()
        source.close()
