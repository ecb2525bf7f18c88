"""Signing in: checking a password, and setting up the first administrator of a server.

A wrong user name and a wrong password get the same sentence and take the same time (an
unknown name still costs one Argon2id verification), so nobody can find out which user
names exist.  A laptop used by one person needs no sign-in until someone sets a password;
a shared PostgreSQL server always asks.
"""

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.user import Role, User
from desktop.i18n import _
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.errors import RefusedError, ServiceError
from desktop.services.passwords import (
    hash_password,
    needs_rehash,
    parameters_of,
    verify_password,
    waste_a_verification,
)
from desktop.services.users import UserForm, find_by_username, insert_user
from desktop.services.validation import clean_text
from desktop.store.database import Database

# Whether sign-in is needed is asked of the table, not the mapped class: it is the start's
# first question of the database, and the ORM configures every mapper imported so far
# the first time it compiles a statement naming one (≈ 25 ms, left for after the first rows).
_users = User.__table__


class SignInRefused(ServiceError):
    """The user name and password do not let anyone in; ``str()`` says why, in one sentence."""


def _wrong_name_or_password() -> SignInRefused:
    return SignInRefused(_("The user name or the password is not right."))


def sign_in(db: Database, username: str, password: str) -> Actor:
    """The actor ``username`` becomes with ``password``, or ``SignInRefused``.

    A hash made under older Argon2 parameters is replaced by one made under today's while
    the password is at hand (the only moment it is).
    """
    with db.transaction() as session:
        user = find_by_username(session, username)
        if user is None or user.password_hash is None:
            waste_a_verification(password)
            raise _wrong_name_or_password()
        if not verify_password(user.password_hash, password):
            raise _wrong_name_or_password()
        if not user.active:
            raise SignInRefused(
                _("This user account has been deactivated; ask an administrator to activate it.")
            )
        actor = _actor_of(user)
        if needs_rehash(user.password_hash):
            _rehash(session, actor, user, password)
        return actor


def _rehash(session: Session, actor: Actor, user: User, password: str) -> None:
    before = parameters_of(user.password_hash or "")
    user.password_hash = hash_password(password)
    after = parameters_of(user.password_hash)
    audit.record(session, actor, AuditAction.UPDATE, user, {"password_parameters": [before, after]})


def _actor_of(user: User) -> Actor:
    return Actor(
        username=user.username,
        role=user.role,
        user_id=user.id,
        organisation_id=user.organisation_id,
        language=user.language,
    )


def sign_in_required(db: Database) -> bool:
    """True on a shared server; on an SQLite file, once any active user has a password."""
    if not db.is_sqlite:
        return True
    with db.transaction() as session:
        return _exists(session, _users.c.password_hash.is_not(None))


def needs_first_administrator(db: Database) -> bool:
    """Whether sign-in is required but no active administrator could sign in: a new server,
    or a file where passwords were given to everyone but an administrator."""
    if not sign_in_required(db):
        return False
    with db.transaction() as session:
        return not _exists(
            session, _users.c.role == Role.ADMIN, _users.c.password_hash.is_not(None)
        )


def create_first_administrator(db: Database, username: str, full_name: str, password: str) -> Actor:
    """Create the administrator who then creates everyone else; refused once an active
    administrator with a password exists, so this is no back door."""
    # The audit entry names the administrator as their account will: NUL and control
    # characters dropped (PostgreSQL refuses NUL in text).
    actor = Actor(username=clean_text(username), role=Role.ADMIN)
    with db.transaction() as session:
        if _exists(session, _users.c.role == Role.ADMIN, _users.c.password_hash.is_not(None)):
            raise RefusedError(
                _("This database already has an administrator; ask them for an account.")
            )
        form = UserForm(username=username, full_name=full_name, role=Role.ADMIN)
        user = insert_user(session, actor, form, password)
        return _actor_of(user)


def _exists(session: Session, *conditions: ColumnElement[bool]) -> bool:
    statement = select(_users.c.id).where(_users.c.active.is_(True), *conditions).limit(1)
    return session.scalar(statement) is not None
