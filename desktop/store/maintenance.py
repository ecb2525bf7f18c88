"""Checking a database and copying it, for ``csodesk db check`` and ``csodesk db backup``."""

from pathlib import Path

from sqlalchemy import text

from desktop.i18n import _, ngettext
from desktop.store import schema
from desktop.store.database import Database, copy_sqlite
from desktop.store.errors import StoreError


def check_database(db: Database) -> list[str]:
    """Every problem found, one translated sentence each; empty when all is well."""
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


def backup_to(db: Database, target: Path) -> None:
    """A consistent copy of a live SQLite database; a server is backed up with pg_dump."""
    if db.path is None:
        raise StoreError(_("A PostgreSQL database is backed up on the server, with pg_dump."))
    if target.exists():
        raise StoreError(_("The file {path} already exists.").format(path=target))
    copy_sqlite(db.path, target)
