"""User accounts: who may sign in, with which role, and their passwords.

A password is never shown, logged or audited: the audit log records only that it
changed.  The last active administrator can be neither demoted nor deactivated, so an
organisation can never lock itself out of its own users.
"""

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction
from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH
from desktop.domain.multilingual import NAME_LANGUAGES
from desktop.domain.organisation import Organisation
from desktop.domain.user import Role, User
from desktop.i18n import _, current_language
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.base import Service
from desktop.services.errors import RefusedError, ValidationError
from desktop.services.passwords import check_new_password, hash_password, verify_password
from desktop.services.permissions import Permission, requires
from desktop.services.records import load, load_for_change
from desktop.services.validation import Checker, clean_text, find

_USERNAME = re.compile(r"[\w.-]+")
# What the audit log shows for a password: that it changed, never a value or a hash.
PASSWORD_CHANGED = {"password": ["…", "…"]}
PASSWORD_SET = {"password": "…"}


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    full_name: str
    role: Role
    organisation: str  # the organisation's name in the interface language; "" = lead office
    active: bool
    has_password: bool


@dataclass
class UserForm:
    username: str = ""
    full_name: str = ""
    role: Role = Role.STAFF
    language: str | None = None
    organisation_id: int | None = None
    active: bool = True


@dataclass(frozen=True)
class UserDetails:
    id: int
    version: int
    has_password: bool
    form: UserForm


def user_not_found() -> str:
    return _("The user was not found; they may have been removed.")


def audited_state(user: User) -> audit.Snapshot:
    """The user as the audit log sees them: every column but the password hash."""
    state = audit.snapshot(user)
    state.pop("password_hash", None)
    return state


def find_by_username(session: Session, username: str) -> User | None:
    """The user whose name matches ``username`` ignoring case ("Ana" signs in as "ana"),
    cleaned as a new user's name is (so "ana" pasted with a stray control character or
    direction mark signs in as the "ana" it was saved as).

    Compared in Python, not SQL: SQLite's ``lower()`` folds only ASCII letters, and a
    user table is small.
    """
    wanted = clean_text(username).casefold()
    for user in session.scalars(select(User)):
        if user.username.casefold() == wanted:
            return user
    return None


def insert_user(session: Session, actor: Actor, form: UserForm, password: str | None) -> User:
    """Check ``form`` (and ``password``, if given) and add the user, audited."""
    user = User()
    check = Checker()
    cleaned = _check_form(session, check, user, form)
    if password is not None:
        check_new_password(check, "password", password, form.username or "")
    if check.errors:
        raise ValidationError(check.errors)
    _copy(user, cleaned)
    user.password_hash = hash_password(password) if password is not None else None
    session.add(user)
    state = audited_state(user)
    if password is not None:
        state.update(PASSWORD_SET)
    audit.record(session, actor, AuditAction.CREATE, user, state)
    return user


class UserService(Service):
    @requires(Permission.MANAGE_USERS)
    def rows(self, language: str | None = None) -> list[UserRow]:
        """Every user, active first, then by user name."""
        language = language or current_language()
        statement = select(User, Organisation).outerjoin(
            Organisation, User.organisation_id == Organisation.id
        )
        with self.unit_of_work(read_only=True) as session:
            found = [
                UserRow(
                    id=user.id,
                    username=user.username,
                    full_name=user.full_name,
                    role=user.role,
                    organisation=organisation.name(language) if organisation else "",
                    active=user.active,
                    has_password=user.password_hash is not None,
                )
                for user, organisation in session.execute(statement)
            ]
        return sorted(found, key=lambda row: (not row.active, row.username.casefold()))

    @requires(Permission.MANAGE_USERS)
    def details(self, user_id: int) -> UserDetails:
        with self.unit_of_work(read_only=True) as session:
            user = load(session, User, user_id, user_not_found())
            form = UserForm(
                username=user.username,
                full_name=user.full_name,
                role=user.role,
                language=user.language,
                organisation_id=user.organisation_id,
                active=user.active,
            )
            return UserDetails(user.id, user.version, user.password_hash is not None, form)

    @requires(Permission.MANAGE_USERS)
    def create(self, form: UserForm, password: str | None = None) -> int:
        with self.unit_of_work() as session:
            return insert_user(session, self.actor, form, password).id

    @requires(Permission.MANAGE_USERS)
    def update(self, user_id: int, form: UserForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            user = load_for_change(session, User, user_id, expected_version, user_not_found())
            check = Checker()
            cleaned = _check_form(session, check, user, form)
            if check.errors:
                raise ValidationError(check.errors)
            before = audited_state(user)
            _copy(user, cleaned)
            changes = audit.diff(before, audited_state(user))
            if changes:
                audit.record(session, self.actor, AuditAction.UPDATE, user, changes)

    @requires(Permission.MANAGE_USERS)
    def set_password(self, user_id: int, password: str) -> None:
        """An administrator gives a user a new password (a forgotten one, or the first)."""
        with self.unit_of_work() as session:
            user = load(session, User, user_id, user_not_found())
            check = Checker()
            check_new_password(check, "password", password, user.username)
            if check.errors:
                raise ValidationError(check.errors)
            _store_password(session, self.actor, user, password)

    def change_own_password(self, old_password: str, new_password: str) -> None:
        """The signed-in user replaces their own password; any role may, knowing the old one."""
        if self.actor.user_id is None:
            raise RefusedError(_("Sign in with your own user account to change your password."))
        with self.unit_of_work() as session:
            user = session.get(User, self.actor.user_id)
            if user is None or not user.active:
                raise RefusedError(user_not_found())
            check = Checker()
            if user.password_hash is not None and not verify_password(
                user.password_hash, old_password
            ):
                check.fail("old_password", _("This is not your current password."))
            check_new_password(check, "new_password", new_password, user.username)
            if check.errors:
                raise ValidationError(check.errors)
            _store_password(session, self.actor, user, new_password)

    @requires(Permission.MANAGE_USERS)
    def deactivate(self, user_id: int) -> None:
        """The user can no longer sign in; their name stays on everything they did."""
        self._set_active(user_id, False)

    @requires(Permission.MANAGE_USERS)
    def activate(self, user_id: int) -> None:
        self._set_active(user_id, True)

    def _set_active(self, user_id: int, active: bool) -> None:
        with self.unit_of_work() as session:
            user = load(session, User, user_id, user_not_found())
            if user.active == active:
                return
            if not active and _is_last_administrator(session, user):
                raise RefusedError(
                    _("This is the last active administrator; make someone else one first.")
                )
            user.active = active
            audit.record(
                session, self.actor, AuditAction.UPDATE, user, {"active": [not active, active]}
            )


def _store_password(session: Session, actor: Actor, user: User, password: str) -> None:
    had_password = user.password_hash is not None
    user.password_hash = hash_password(password)
    changes = PASSWORD_CHANGED if had_password else {"password": [None, "…"]}
    audit.record(session, actor, AuditAction.UPDATE, user, dict(changes))


def _check_form(session: Session, check: Checker, user: User, form: UserForm) -> UserForm:
    """Put in ``check`` everything wrong with ``form`` as the new state of ``user``; the
    form as it will be stored (text cleaned) when nothing is."""
    username = check.text("username", form.username, required=True, max_length=CODE_LENGTH)
    if username and not _USERNAME.fullmatch(username):
        check.fail(
            "username",
            _("Use only letters, digits, dots, hyphens and underscores, without spaces."),
        )
    elif username:
        other = find_by_username(session, username)
        if other is not None and other.id != user.id:
            check.fail(
                "username", _("Another user already has the name {name}.").format(name=username)
            )
    full_name = check.text("full_name", form.full_name, required=True, max_length=TEXT_LENGTH)
    try:
        role = Role(form.role)
    except ValueError:
        check.fail("role", _("Choose a role from the list."))
        role = None
    language = form.language or None
    if language is not None and language not in NAME_LANGUAGES:
        check.fail("language", _("Choose a language from the list."))
    if (
        form.organisation_id is not None
        and find(session, Organisation, form.organisation_id) is None
    ):
        check.fail("organisation_id", _("Choose an existing organisation."))
    if user.id is not None and _is_last_administrator(session, user):
        if role is not None and role != Role.ADMIN:
            check.fail(
                "role", _("This is the last active administrator; make someone else one first.")
            )
        if not form.active:
            check.fail(
                "active",
                _("This is the last active administrator; make someone else one first."),
            )
    return UserForm(
        username=username or "",
        full_name=full_name or "",
        role=role or Role.STAFF,
        language=language,
        organisation_id=form.organisation_id,
        active=bool(form.active),
    )


def _copy(user: User, cleaned: UserForm) -> None:
    user.username = cleaned.username
    user.full_name = cleaned.full_name
    user.role = cleaned.role
    user.language = cleaned.language
    user.organisation_id = cleaned.organisation_id
    user.active = cleaned.active


def _is_last_administrator(session: Session, user: User) -> bool:
    """Whether ``user`` (as stored) is the only active administrator."""
    if not (user.active and user.role == Role.ADMIN):
        return False
    others = select(User.id).where(
        User.role == Role.ADMIN, User.active.is_(True), User.id != user.id
    )
    return session.scalar(others.limit(1)) is None
