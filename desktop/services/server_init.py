"""``csodesk db init-server``: an empty PostgreSQL database made ready for an office.

A use case of its own rather than a store function: it creates the first administrator
through the users service's own checks and audit entry.

One transaction gives the database this version's schema (revision 0009 brings the
organisation scope's row-level security and the group role ``csodesk_users``), the shipped
reference lists and the first administrator, and then reads back from the server's own
catalog that every table the scope covers has row-level security switched on and its policy.
Anything wrong (a short password, a policy missing) rolls all of it back: the database is
empty again and can be tried anew.

Only an empty database is accepted: one that holds CSO Desk's tables already has its
administrator (the window offers to create one if it has none), and one that holds another
program's tables is not ours to fill.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.i18n import _
from desktop.store.errors import DatabaseUnavailable, StoreError

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.engine import URL

SCOPE_POLICY = "organisation_scope"
_SCOPE_REVISION_FILE = "0009_organisation_scope.py"


class ServerInitRefused(StoreError):
    """The database was not made ready; nothing in it was changed."""


@dataclass(frozen=True)
class ServerReady:
    """What ``init_server`` made, for the administrator to read."""

    where: str
    revision: str
    scoped_tables: tuple[str, ...]  # row-level security on, with its policy
    group_role: bool  # whether csodesk_users exists, for ``db grant-access``
    administrator: str


def check_server_empty(value: str) -> None:
    """Refuse at once what no password could make work (an SQLite file, a server that does
    not answer, a database already filled), before anyone is asked to type one; nothing is
    changed.  ``init_server`` checks again, inside its transaction."""
    from sqlalchemy.exc import OperationalError

    from desktop.store.engine import make_engine
    from desktop.store.location import describe, resolve_url

    url = resolve_url(value)
    _refuse_file(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _refuse_filled(connection, url)
    except OperationalError as error:
        raise DatabaseUnavailable(describe(url)) from error
    finally:
        engine.dispose()


def _refuse_file(url: URL) -> None:
    from desktop.store.location import describe

    if url.get_backend_name() != "postgresql":
        raise ServerInitRefused(
            _(
                "init-server prepares a PostgreSQL server's database; an SQLite file is "
                "created by opening it: csodesk --db {file} (or File ▸ New database… in the "
                "window)."
            ).format(file=describe(url))
        )


def init_server(value: str, admin: str, password: str, full_name: str | None = None) -> ServerReady:
    """Make the empty PostgreSQL database ``value`` names ready, with ``admin`` as its first
    administrator; ``ServerInitRefused``, ``DatabaseUnavailable`` or the users service's
    ``ValidationError``, with nothing changed, otherwise."""
    from sqlalchemy.exc import OperationalError

    from desktop.services.errors import ValidationError
    from desktop.services.passwords import check_new_password
    from desktop.services.validation import Checker
    from desktop.store.engine import make_engine
    from desktop.store.location import describe, resolve_url

    url = resolve_url(value)
    _refuse_file(url)
    check = Checker()
    check_new_password(check, "password", password, admin)
    if check.errors:  # before connecting: a typing slip costs no migration
        raise ValidationError(check.errors)
    engine = make_engine(url)
    try:
        with engine.connect() as connection, connection.begin():
            _refuse_filled(connection, url)
            revision = _make_ready(connection, admin, password, full_name)
            scoped = _check_scope(connection)
            group_role = _group_role_exists(connection)
    except OperationalError as error:
        raise DatabaseUnavailable(describe(url)) from error
    finally:
        engine.dispose()
    return ServerReady(describe(url), revision, scoped, group_role, admin.strip())


def _refuse_filled(connection: Connection, url: URL) -> None:
    from sqlalchemy import inspect

    from desktop.store import schema
    from desktop.store.location import describe

    tables = inspect(connection).get_table_names()
    if not tables:
        return
    if schema.VERSION_TABLE in tables:
        raise ServerInitRefused(
            _(
                "The database {where} already holds a CSO Desk database (schema {revision}); "
                "nothing was changed. Its administrator adds users with csodesk user add."
            ).format(where=describe(url), revision=schema.current_revision(connection))
        )
    shown = ", ".join(sorted(tables)[:5]) + (", …" if len(tables) > 5 else "")
    raise ServerInitRefused(
        _(
            "The database {where} holds tables that are not CSO Desk's ({tables}); nothing "
            "was changed. Create an empty database for CSO Desk."
        ).format(where=describe(url), tables=shown)
    )


def _make_ready(connection: Connection, admin: str, password: str, full_name: str | None) -> str:
    """Schema, reference lists and the administrator, in the caller's transaction."""
    from alembic import command
    from sqlalchemy.orm import Session

    from desktop.domain.user import Role
    from desktop.services.actor import Actor
    from desktop.services.users import UserForm, insert_user
    from desktop.services.validation import clean_text
    from desktop.store import schema
    from desktop.store.reference_data import sync_reference_data

    command.upgrade(schema.alembic_config(connection), "head")
    with Session(bind=connection) as session:
        sync_reference_data(session)
        actor = Actor(username=clean_text(admin) or admin, role=Role.ADMIN)
        form = UserForm(username=admin, full_name=full_name or admin, role=Role.ADMIN)
        insert_user(session, actor, form, password)
        session.flush()
    return str(schema.current_revision(connection))


def scope_tables() -> frozenset[str]:
    """The tables revision 0009 gives row-level security, read from the revision itself so
    that the check cannot drift from what it creates."""
    from desktop.store.migrations import MIGRATIONS_DIR

    path = MIGRATIONS_DIR / "versions" / _SCOPE_REVISION_FILE
    spec = importlib.util.spec_from_file_location("csodesk_revision_0009", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset({*module._BELONGS_TO, *module._SPECIAL})


def _check_scope(connection: Connection) -> tuple[str, ...]:
    """The tables whose row-level security and policy are in force; ``ServerInitRefused``
    (and so a rollback) when one that should be is not."""
    from sqlalchemy import text

    rows = connection.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relrowsecurity "
            "AND EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname "
            "AND p.tablename = c.relname AND p.policyname = :policy)"
        ),
        {"policy": SCOPE_POLICY},
    ).scalars()
    scoped = frozenset(rows)
    missing = sorted(scope_tables() - scoped)
    if missing:
        raise ServerInitRefused(
            _(
                "Row-level security could not be switched on for {tables}; nothing was changed."
            ).format(tables=", ".join(missing))
        )
    return tuple(sorted(scoped))


def _group_role_exists(connection: Connection) -> bool:
    from sqlalchemy import text

    from desktop.store.roles import GROUP_ROLE

    found = connection.execute(
        text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": GROUP_ROLE}
    ).first()
    return found is not None
