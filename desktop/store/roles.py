"""A CSO Desk user's own PostgreSQL role, for connecting to a shared server directly.

The application connects as the role that owns the tables and keeps the organisation scope
in its services.  A user who should also reach the data with other tools (psql, a
spreadsheet's database link) gets a login role named after their CSO Desk account, member of
the group role ``csodesk_users`` of revision 0009; the server's row-level security then
shows them only their organisation's projects, whatever tool they use.

Usernames are typed by people, so every identifier is quoted with
``psycopg.sql.Identifier`` and every password sent as a literal, never pasted into SQL.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from psycopg import errors as pg_errors
from psycopg import sql
from sqlalchemy import select

from desktop.domain.user import User
from desktop.i18n import _
from desktop.store.database import Database
from desktop.store.errors import StoreError

GROUP_ROLE = "csodesk_users"
MIN_PASSWORD_LENGTH = 12


class DatabaseAccessError(StoreError):
    """Why a database role could not be given or taken away, in one translated sentence."""


def grant_database_access(db: Database, username: str, password: str) -> bool:
    """Create the login role of CSO Desk user ``username`` with ``password``, member of
    ``csodesk_users``, or give an existing one the new password; True when it was created."""
    check_access_possible(db, username)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DatabaseAccessError(
            _("The database password must be at least {count} characters long.").format(
                count=MIN_PASSWORD_LENGTH
            )
        )
    role = sql.Identifier(username)
    with _cursor(db) as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (GROUP_ROLE,))
        if cursor.fetchone() is None:
            raise DatabaseAccessError(
                _(
                    "The server has no role {group}: upgrade the database as a role that "
                    "may create roles, then try again."
                ).format(group=GROUP_ROLE)
            )
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (username,))
        created = cursor.fetchone() is None
        if not created and not _is_member(cursor, username):
            # never hand a password to the server's own roles (the owner, a superuser)
            raise DatabaseAccessError(
                _(
                    "The server already has a role named {username} that is not a CSO Desk "
                    "user's; rename the user or ask the server's administrator."
                ).format(username=username)
            )
        verb = "CREATE" if created else "ALTER"
        cursor.execute(
            sql.SQL("{verb} ROLE {role} LOGIN PASSWORD {password}").format(
                verb=sql.SQL(verb), role=role, password=sql.Literal(password)
            )
        )
        cursor.execute(
            sql.SQL("GRANT {group} TO {role}").format(group=sql.Identifier(GROUP_ROLE), role=role)
        )
    return created


def revoke_database_access(db: Database, username: str) -> bool:
    """Drop the login role of ``username``; False when there was none.

    Only a role that is a member of ``csodesk_users`` is dropped, so a mistyped name can
    never remove the server's other roles (the application's own, an administrator's)."""
    _check_server(db)
    with _cursor(db) as cursor:
        if not _is_member(cursor, username):
            return False
        cursor.execute(sql.SQL("DROP ROLE {role}").format(role=sql.Identifier(username)))
    return True


def _is_member(cursor: Any, username: str) -> bool:
    cursor.execute(
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
        "JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = %s AND g.rolname = %s",
        (username, GROUP_ROLE),
    )
    return cursor.fetchone() is not None


def check_access_possible(db: Database, username: str) -> None:
    """Refuse at once what no password could make work (an SQLite file, an unknown user),
    before anyone is asked to type one."""
    _check_server(db)
    _check_user(db, username)


def _check_server(db: Database) -> None:
    if db.is_sqlite:
        raise DatabaseAccessError(
            _(
                "Database roles exist only on a PostgreSQL server; an SQLite file has no "
                "users of its own."
            )
        )


def _check_user(db: Database, username: str) -> None:
    with db.transaction() as session:
        found = session.scalar(select(User.id).where(User.username == username))
    if found is None:
        raise DatabaseAccessError(
            _("There is no CSO Desk user named {username}.").format(username=username)
        )


@contextmanager
def _cursor(db: Database) -> Iterator[Any]:
    """A cursor on a connection of its own that commits on success, with the server's
    refusal (no right to create roles, a role owning objects) turned into a sentence."""
    connection = db.engine.raw_connection()
    try:
        with connection.cursor() as cursor:
            yield cursor
        connection.commit()
    except pg_errors.InsufficientPrivilege as error:
        connection.rollback()
        raise DatabaseAccessError(
            _("The database role CSO Desk connects as may not create or change roles.")
        ) from error
    except pg_errors.DependentObjectsStillExist as error:
        connection.rollback()
        raise DatabaseAccessError(
            _("The role cannot be removed: it still owns data or privileges on the server.")
        ) from error
    except pg_errors.Error as error:
        connection.rollback()
        raise DatabaseAccessError(
            _("The server refused to change the role: {reason}").format(reason=error)
        ) from error
    finally:
        connection.close()
