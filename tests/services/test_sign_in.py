"""Signing in: the same answer for a wrong name and a wrong password, stronger hashes
after sign-in, and the first administrator of a new server."""

import statistics
import time

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desktop.domain import AuditEntry
from desktop.domain.user import Role, User
from desktop.services.actor import Actor, local_actor, sign_in_as, sign_out, signed_in_actor
from desktop.services.errors import RefusedError, ValidationError
from desktop.services.passwords import verify_password
from desktop.services.projects import ProjectService
from desktop.services.sign_in import (
    SignInRefused,
    create_first_administrator,
    needs_first_administrator,
    sign_in,
    sign_in_required,
)
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database

PASSWORD = "correct horse battery"


def _user(db: Database, username: str = "jelena", role: Role = Role.STAFF, **values: object) -> int:
    admin = UserService(db, Actor("admin", Role.ADMIN))
    return admin.create(
        UserForm(username=username, full_name=username.title(), role=role), **values
    )  # type: ignore[arg-type]


def test_a_wrong_name_and_a_wrong_password_get_the_same_answer(db: Database) -> None:
    _user(db, password=PASSWORD)
    _user(db, "nopassword")
    answers = set()
    for username, password in [
        ("jelena", "wrong password"),
        ("nobody", PASSWORD),
        ("nopassword", ""),
        ("", ""),
    ]:
        with pytest.raises(SignInRefused) as refused:
            sign_in(db, username, password)
        answers.add(str(refused.value))
    assert answers == {"The user name or the password is not right."}


def test_an_unknown_name_takes_as_long_as_a_wrong_password(db: Database) -> None:
    _user(db, password=PASSWORD)

    def seconds(username: str) -> float:
        times = []
        for _attempt in range(3):
            start = time.perf_counter()
            with pytest.raises(SignInRefused):
                sign_in(db, username, "wrong password")
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    known, unknown = seconds("jelena"), seconds("nobody")
    assert unknown > known / 3  # without the dummy verification it is ~100 times faster


def test_the_user_name_is_not_case_sensitive(db: Database) -> None:
    user_id = _user(db, "Jelena.S", password=PASSWORD)
    assert sign_in(db, " jelena.s ", PASSWORD).user_id == user_id
    assert sign_in(db, "JELENA.S", PASSWORD).username == "Jelena.S"


def test_a_hash_made_with_weaker_parameters_is_replaced_at_sign_in(db: Database) -> None:
    user_id = _user(db)
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with db.transaction() as session:
        session.get(User, user_id).password_hash = weak
    sign_in(db, "jelena", PASSWORD)
    with db.transaction() as session:
        upgraded = session.get(User, user_id).password_hash
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "users").order_by(AuditEntry.id.desc())
        ).first()
        changes = entry.changes
    assert upgraded != weak and upgraded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert verify_password(upgraded, PASSWORD)
    assert changes == {"password_parameters": ["m=8192,t=1,p=1", "m=65536,t=3,p=4"]}
    again = sign_in(db, "jelena", PASSWORD)
    with db.transaction() as session:
        assert session.get(User, user_id).password_hash == upgraded  # not rehashed twice
    assert again.user_id == user_id


def test_a_laptop_asks_for_sign_in_only_once_someone_has_a_password(db: Database) -> None:
    if not db.is_sqlite:
        assert sign_in_required(db)
        return
    assert not sign_in_required(db) and not needs_first_administrator(db)
    _user(db, "admin", Role.ADMIN)
    assert not sign_in_required(db)
    _user(db, password=PASSWORD)
    assert sign_in_required(db)
    # a staff password alone would lock the administrator out: offer to create one
    assert needs_first_administrator(db)


def test_a_new_server_needs_its_first_administrator_once(db: Database) -> None:
    if db.is_sqlite:
        _user(db, "staff", password=PASSWORD)  # a file where sign-in became required
    assert needs_first_administrator(db)
    with pytest.raises(ValidationError):
        create_first_administrator(db, "boss", "Liridona Shala", "boss")
    actor = create_first_administrator(db, "Boss", "Liridona Shala", "a long admin secret")
    assert actor.role == Role.ADMIN and actor.user_id is not None
    assert not needs_first_administrator(db)
    assert sign_in(db, "boss", "a long admin secret") == actor
    with pytest.raises(RefusedError):
        create_first_administrator(db, "intruder", "Someone Else", "another long secret")
    assert [row.username for row in UserService(db, actor).rows()] == ["Boss", "staff"][
        : 2 if db.is_sqlite else 1
    ]


def test_services_act_as_whoever_signed_in_unless_told_otherwise(db: Database) -> None:
    assert ProjectService(db).actor == local_actor() == signed_in_actor()
    viewer = Actor("vesna", Role.VIEWER, 7)
    sign_in_as(viewer)
    assert ProjectService(db).actor == viewer
    explicit = Actor("tests", Role.MANAGER)
    assert ProjectService(db, explicit).actor == explicit
    sign_out()
    assert ProjectService(db).actor == local_actor()
