"""Bringing a database to the schema this version of CSO Desk expects.

Alembic is imported only when a database actually needs migrating, which keeps the start
of an up-to-date database fast.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text
from sqlalchemy.engine import URL

from desktop.store.engine import make_engine
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


def upgrade(url: URL, revision: str = "head") -> None:
    from alembic import command

    _migrate(url, lambda config: command.upgrade(config, revision))


def downgrade(url: URL, revision: str) -> None:
    from alembic import command

    _migrate(url, lambda config: command.downgrade(config, revision))


def _migrate(url: URL, step: Callable[["Config"], None]) -> None:
    """Run ``step`` on its own connection, with SQLite's foreign keys checked afterwards
    rather than during the table rebuilds of batch mode."""
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.begin() as connection:
            step(alembic_config(connection))
            if connection.dialect.name == "sqlite":
                broken = connection.execute(text("PRAGMA foreign_key_check")).all()
                if broken:
                    raise RuntimeError(f"migration left {len(broken)} broken references")
    finally:
        engine.dispose()
