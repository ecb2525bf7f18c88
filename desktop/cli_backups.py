"""``csodesk db backup --encrypt``, ``csodesk db restore`` and what the command line says
about a damaged database or one in a sync folder; the work itself is
``desktop.store.backups``."""

import argparse
import getpass
import shlex
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.i18n import _, current_language

if TYPE_CHECKING:
    from desktop.store.errors import DatabaseDamaged

EXIT_OK, EXIT_REFUSED = 0, 1


def add_arguments(backup: argparse.ArgumentParser, restore: argparse.ArgumentParser) -> None:
    """``--encrypt`` for ``db backup``, and the arguments of ``db restore``.  The store is
    imported only when a command runs, so ``csodesk --help`` stays quick."""
    backup.add_argument(
        "--encrypt",
        action="store_true",
        help=_(
            "encrypt the copy with a passphrase (AES-256-GCM), to carry it offsite; "
            "the passphrase is asked twice"
        ),
    )
    backup.add_argument("--passphrase-stdin", action="store_true", help=_passphrase_help())
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--passphrase-stdin", action="store_true", help=_passphrase_help())


def _passphrase_help() -> str:
    return _("read the passphrase from the first line of standard input")


def database_file(db_value: str | None) -> Path:
    from desktop.store.errors import StoreError
    from desktop.store.location import resolve_url, sqlite_path
    from desktop.store.maintenance import server_backup_hint

    path = sqlite_path(resolve_url(db_value))
    if path is None:
        raise StoreError(server_backup_hint())
    return path


def encrypted_backup(options: argparse.Namespace) -> int:
    from desktop.store.backups import write_encrypted_backup
    from desktop.store.database import open_database
    from desktop.store.errors import StoreError
    from desktop.store.maintenance import server_backup_hint

    target: Path = options.file.expanduser()
    passphrase = _passphrase(options, confirm=True)
    if passphrase is None:
        _error(_("The passphrases differ; nothing was written."))
        return EXIT_REFUSED
    db = open_database(options.db)  # checks and brings the file up to date first
    try:
        if db.path is None:
            raise StoreError(server_backup_hint())
        write_encrypted_backup(db.path, target, passphrase)
    finally:
        db.close()
    print(_("Encrypted backup written to {file}.").format(file=target))
    return EXIT_OK


def restore(options: argparse.Namespace) -> int:
    from desktop.store.backups import restore_backup
    from desktop.store.encryption import is_encrypted

    database = database_file(options.db)
    source: Path = options.file.expanduser()
    passphrase = _passphrase(options, confirm=False) if is_encrypted(source) else None
    outcome = restore_backup(source, database, passphrase)
    print(
        _("The backup {file} was restored into {database}.").format(file=source, database=database)
    )
    if outcome.kept is not None:
        print(_("The database it replaced was kept as {path}.").format(path=outcome.kept))
    return EXIT_OK


def damaged(error: "DatabaseDamaged") -> int:
    """List what is wrong, and name the backup to restore if there is one."""
    from desktop.store.backups import newest_good_backup, when_taken

    for problem in error.problems:
        _error(problem)
    _error(_("The database {path} is damaged and was not opened.").format(path=error.path))
    good = newest_good_backup(Path(error.path))
    if good is None:
        print(_("There is no sound backup of it in its backups folder."), file=sys.stderr)
    else:
        command = shell_command(["csodesk", "--db", error.path, "db", "restore", str(good.path)])
        # L10N: {command} is a command line to copy as it is, on a line of its own
        print(
            _("The newest sound backup is from {date}; to restore it, run:\n{command}").format(
                date=when_taken(good.taken_at, current_language()), command=command
            ),
            file=sys.stderr,
        )
    return EXIT_REFUSED


def shell_command(words: list[str]) -> str:
    """``words`` quoted as this system's shell reads them, so that the line can be copied
    and run as it is, paths with spaces included."""
    if sys.platform == "win32":
        return subprocess.list2cmdline(words)
    return shlex.join(words)


def warn_about_location(db_value: str | None) -> None:
    """A sync folder or network share is worth a warning on every command, not a refusal."""
    from desktop.store.errors import StoreError
    from desktop.store.location import resolve_url, sqlite_path
    from desktop.store.sync_folders import location_warning

    try:
        path = sqlite_path(resolve_url(db_value))
    except StoreError:
        return  # the command itself will say what is wrong with the address
    warning = location_warning(path) if path is not None else None
    if warning:
        print(_("csodesk: warning: {message}").format(message=warning), file=sys.stderr)


def _error(message: str) -> None:
    print(_("csodesk: {message}").format(message=message), file=sys.stderr)


def _passphrase(options: argparse.Namespace, *, confirm: bool) -> str | None:
    """The passphrase typed (twice with ``confirm``; ``None`` if the two differ)."""
    from desktop.store.errors import StoreError

    if options.passphrase_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    try:
        first = getpass.getpass(_("Passphrase: "))
        if confirm and getpass.getpass(_("The same passphrase again: ")) != first:
            return None
    except EOFError:  # no terminal, and nothing on standard input
        raise StoreError(
            _(
                "No passphrase was given, so nothing was changed; without a terminal, "
                "use --passphrase-stdin."
            )
        ) from None
    return first
