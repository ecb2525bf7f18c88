"""Random and hostile user names, full names and passwords fed to signing in, the first
administrator of a server, and the password changes of the users service.

Only our refusals escape (``SignInRefused`` or a validation error); a refused call changes
nothing, not even the stored hash; a wrong password is never accepted, and the password a
user was created with always is, whatever the name looked like when it was typed.

Argon2 is slow by design (about a tenth of a second per hash or check), so these tests
draw fewer examples than the profile's default.
"""

import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from desktop.domain.user import Role, User
from desktop.services.actor import Actor
from desktop.services.sign_in import (
    SignInRefused,
    create_first_administrator,
    needs_first_administrator,
    sign_in,
    sign_in_required,
)
from desktop.services.users import UserForm, UserService
from desktop.services.validation import clean_text
from desktop.store.database import Database
from tests.properties.harness import Refused, attempt, dump, succeeded
from tests.properties.strategies import hostile_text, passwords, usernames

PASSWORD = "correct horse battery"
_ADMIN = Actor("admin", Role.ADMIN)
_numbers = itertools.count(1)
_few = settings(max_examples=max(4, settings.default.max_examples // 5))


def _wrong(password: str) -> list[str]:
    """Passwords close to ``password`` that are not it."""
    return [password + "x", password[:-1], password.swapcase(), f" {password}", password + "\x00"]


def _wrong_and_different(password: str) -> list[str]:
    return [wrong for wrong in _wrong(password) if wrong != password]


def _assert_refused_sign_in(db: Database, username: str, password: str) -> None:
    outcome = attempt(db, lambda: sign_in(db, username, password))
    assert isinstance(outcome, Refused), f"{password!r} let {username!r} in"
    assert isinstance(outcome.error, SignInRefused), outcome.error


def _user(db: Database, username: str, password: str | None = PASSWORD) -> int:
    form = UserForm(username=username, full_name="Vjosa Berisha", role=Role.STAFF)
    return UserService(db, _ADMIN).create(form, password)


def test_sign_in_with_anything(db: Database) -> None:
    """Only the right name (in any case, with spaces around) and the right password let
    anyone in; every other pair is refused with ``SignInRefused`` and changes nothing."""
    _user(db, "vjosa")
    _user(db, "nopassword", None)
    names = st.one_of(
        st.sampled_from(("vjosa", "VJOSA", " vjosa ", "nopassword", "vjosa\x00", "vjösa")),
        usernames(),
    )
    typed = st.one_of(st.just(PASSWORD), st.sampled_from(_wrong(PASSWORD)), passwords())

    @_few
    @given(names, typed)
    def check(username: str, password: str) -> None:
        before = dump(db)
        outcome = attempt(db, lambda: sign_in(db, username, password))
        if succeeded(outcome):
            assert password == PASSWORD, f"{password!r} was accepted"
            assert clean_text(username).casefold() == "vjosa"
            assert outcome.username == "vjosa"
            assert dump(db) == before, "a sign-in with a current hash changed something"
        else:
            assert isinstance(outcome.error, SignInRefused), outcome.error

    check()


def test_created_users_sign_in_with_their_password(db: Database) -> None:
    """Whatever a user was created with, if the service accepted it, the same name and
    password sign in, and passwords close to it do not."""
    service = UserService(db, _ADMIN)

    @_few
    @given(usernames(), st.one_of(st.just("Vjosa Berisha"), hostile_text()), passwords())
    def check(username: str, full_name: str, password: str) -> None:
        form = UserForm(username=username, full_name=full_name)
        created = attempt(db, lambda: service.create(form, password))
        if not succeeded(created):
            return
        actor = sign_in(db, username, password)
        assert actor.user_id == created
        for wrong in _wrong_and_different(password)[:2]:
            _assert_refused_sign_in(db, username, wrong)

    check()


def test_the_first_administrator(db: Database) -> None:
    """Creating the first administrator from anything typed: refused with our error and
    no change, or an administrator who signs in with exactly that password; a second
    attempt is then refused.  (The test deactivates each administrator it created, so that
    the next example finds a server without one again.)"""
    if db.is_sqlite:
        _user(db, "staff")  # a file where sign-in became required

    @_few
    @given(usernames(), st.one_of(st.just("Liridona Shala"), hostile_text()), passwords())
    def check(username: str, full_name: str, password: str) -> None:
        assert sign_in_required(db)
        assert needs_first_administrator(db)
        actor = attempt(db, lambda: create_first_administrator(db, username, full_name, password))
        if not succeeded(actor):
            return
        try:
            assert actor.role == Role.ADMIN
            assert not needs_first_administrator(db)
            assert sign_in(db, username, password) == actor
            _assert_refused_sign_in(db, username, _wrong_and_different(password)[0])
            second = attempt(
                db, lambda: create_first_administrator(db, f"other{next(_numbers)}", "X", PASSWORD)
            )
            assert isinstance(second, Refused)
        finally:
            with db.transaction() as session:
                session.execute(update(User).where(User.id == actor.user_id).values(active=False))

    check()


def test_password_changes(db: Database) -> None:
    """An administrator's new password for a user, and a user's change of their own: each
    either takes effect (the new password signs in, the old one no longer does) or is
    refused and leaves the old one working."""
    user_id = _user(db, "drita")
    admin = UserService(db, _ADMIN)
    own = UserService(db, Actor("drita", Role.STAFF, user_id=user_id))
    current = [PASSWORD]

    @_few
    @given(
        passwords(),
        st.one_of(st.none(), passwords(), st.sampled_from(_wrong(PASSWORD))),
    )
    def check(new: str, old: Any) -> None:
        if old is None:
            changed = attempt(db, lambda: admin.set_password(user_id, new))
        else:
            changed = attempt(db, lambda: own.change_own_password(old, new))
            if old != current[0]:
                assert not succeeded(changed), "the wrong old password was accepted"
        if succeeded(changed):
            if new != current[0]:
                _assert_refused_sign_in(db, "drita", current[0])
            current[0] = new
        assert sign_in(db, "drita", current[0]).user_id == user_id

    check()


# -- the bugs these properties found, each as a plain example ----------------------------


def test_a_name_pasted_with_a_control_character_signs_in(db: Database) -> None:
    """A name is saved without control characters and direction overrides; signing in with
    the name exactly as it was typed at creation (pasted with a stray NUL or a right-to-left
    override) found nobody."""
    for typed in ("ana\x00", "\u202eBesa\u202c"):
        user_id = _user(db, typed)
        assert sign_in(db, typed, PASSWORD).user_id == user_id
        assert sign_in(db, clean_text(typed), PASSWORD).user_id == user_id


def test_a_first_administrator_named_with_a_nul_is_created(db: Database) -> None:
    """The audit entry of the first administrator carried the name as typed, NUL and all,
    which PostgreSQL refuses: a database error instead of an account."""
    actor = create_first_administrator(db, "boss\x00", "Liridona Shala", PASSWORD)
    assert actor.username == "boss"
    assert sign_in(db, "boss", PASSWORD) == actor
