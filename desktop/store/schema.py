"""Bringing a database to the schema this version of CSO Desk expects.

Alembic is imported only when a database actually needs migrating, which keeps the start
of an up-to-date database fast.
"""

from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from desktop.store.migrations import HEAD, MIGRATIONS_DIR, REVISIONS

if TYPE_CHECKING:
    from alembic.config import Config

VERSION_TABLE = "alembic_version"


def current_revision(connection: Connection) -> str | None:
    """The schema revision recorded in the database; ``None`` for a database without one."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    return connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def is_known(revision: str | None) -> bool:
    return revision is None or revision in REVISIONS


def needs_upgrade(revision: str | None) -> bool:
    return revision != HEAD


def alembic_config(connection: Connection) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, revision: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def downgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(connection), revision)
