"""User accounts through the service: what an administrator creates, corrects and locks,
and what nobody else may touch."""

import pytest
from sqlalchemy import func, select

from desktop.domain import AuditEntry, OrganisationKind
from desktop.domain.user import Role, User
from desktop.services.actor import Actor
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.permissions import PermissionDenied
from desktop.services.sign_in import sign_in
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database

PASSWORD = "correct horse battery"


def _admin(db: Database) -> UserService:
    """The service as the first administrator, who exists in the database."""
    with db.transaction() as session:
        admin = User(username="admin", full_name="Liridona Shala", role=Role.ADMIN)
        session.add(admin)
        session.flush()
        admin_id = admin.id
    return UserService(db, Actor("admin", Role.ADMIN, admin_id))


def _form(**changes: object) -> UserForm:
    form = UserForm(username="jelena", full_name="Jelena Stojanović", role=Role.STAFF)
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _counts(db: Database) -> tuple[int, int]:
    with db.transaction() as session:
        return (
            session.scalar(select(func.count(User.id))) or 0,
            session.scalar(select(func.count(AuditEntry.id))) or 0,
        )


def _entries(db: Database, user_id: int) -> list[AuditEntry]:
    with db.transaction() as session:
        statement = select(AuditEntry).where(
            AuditEntry.entity == "users", AuditEntry.entity_id == user_id
        )
        entries = list(session.scalars(statement.order_by(AuditEntry.id)))
        session.expunge_all()
        return entries


def test_an_administrator_creates_a_user_who_can_then_sign_in(db: Database) -> None:
    service = _admin(db)
    zajedno = OrganisationService(db).create(
        OrganisationForm(name_en="NGO Together", kind=OrganisationKind.PARTNER_CSO)
    )
    user_id = service.create(_form(organisation_id=zajedno, language="sr"), PASSWORD)
    row = next(row for row in service.rows("en") if row.id == user_id)
    assert (row.username, row.full_name, row.role) == ("jelena", "Jelena Stojanović", Role.STAFF)
    assert row.organisation == "NGO Together" and row.active and row.has_password
    details = service.details(user_id)
    assert details.version == 1 and details.has_password
    assert details.form.language == "sr" and details.form.organisation_id == zajedno
    actor = sign_in(db, "Jelena", PASSWORD)
    assert (actor.username, actor.role, actor.user_id) == ("jelena", Role.STAFF, user_id)
    assert actor.organisation_id == zajedno


def test_the_audit_log_says_a_password_changed_but_never_holds_it(db: Database) -> None:
    service = _admin(db)
    user_id = service.create(_form(), PASSWORD)
    service.set_password(user_id, "another long secret")
    with db.transaction() as session:
        stored_hash = session.get(User, user_id).password_hash
    created, changed = _entries(db, user_id)
    assert created.changes["username"] == "jelena" and "password" in created.changes
    assert changed.changes == {"password": ["…", "…"]}
    for entry in (created, changed):
        text = repr(entry.changes)
        assert "password_hash" not in text and stored_hash not in text
        assert PASSWORD not in text and "another long secret" not in text
        assert "$argon2" not in text


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": ""}, "username"),
        ({"username": "jelena stojanovic"}, "username"),
        ({"username": "jelena;drop"}, "username"),
        ({"username": "j" * 65}, "username"),
        ({"username": "ADMIN"}, "username"),  # taken, whatever the case
        ({"full_name": "  "}, "full_name"),
        ({"language": "de"}, "language"),
        ({"organisation_id": 999_999}, "organisation_id"),
        ({"role": "superuser"}, "role"),
    ],
)
def test_a_bad_form_names_its_field_and_changes_nothing(
    db: Database, changes: dict[str, object], field: str
) -> None:
    service = _admin(db)
    before = _counts(db)
    with pytest.raises(ValidationError) as refused:
        service.create(_form(**changes), PASSWORD)
    assert field in refused.value.errors
    assert _counts(db) == before


@pytest.mark.parametrize("password", ["short", "123456789", "Jelena", "  JELENA  "])
def test_a_weak_password_is_refused(db: Database, password: str) -> None:
    service = _admin(db)
    before = _counts(db)
    with pytest.raises(ValidationError) as refused:
        service.create(_form(), password)
    assert set(refused.value.errors) == {"password"}
    assert _counts(db) == before


def test_a_user_may_have_no_password_and_a_stale_edit_is_refused(db: Database) -> None:
    service = _admin(db)
    user_id = service.create(_form())
    assert not service.details(user_id).has_password
    service.update(user_id, _form(full_name="Jelena S.", role=Role.MANAGER), 1)
    details = service.details(user_id)
    assert (details.form.full_name, details.form.role, details.version) == (
        "Jelena S.",
        Role.MANAGER,
        2,
    )
    with pytest.raises(ConflictError):
        service.update(user_id, _form(full_name="Too late"), 1)
    assert _entries(db, user_id)[-1].changes == {
        "full_name": ["Jelena Stojanović", "Jelena S."],
        "role": ["staff", "manager"],
    }


def test_the_last_active_administrator_cannot_be_demoted_or_deactivated(db: Database) -> None:
    service = _admin(db)
    admin_id = service.actor.user_id
    assert admin_id is not None
    before = _counts(db)
    with pytest.raises(ValidationError) as refused:
        service.update(admin_id, _form(username="admin", role=Role.MANAGER), 1)
    assert "role" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        service.update(admin_id, _form(username="admin", role=Role.ADMIN, active=False), 1)
    assert "active" in refused.value.errors
    with pytest.raises(RefusedError):
        service.deactivate(admin_id)
    assert _counts(db) == before
    second = service.create(_form(role=Role.ADMIN))
    service.deactivate(admin_id)
    with pytest.raises(RefusedError):
        service.deactivate(second)
    service.activate(admin_id)
    service.deactivate(second)
    assert [row.active for row in service.rows() if row.id == second] == [False]


def test_an_inactive_user_cannot_sign_in_until_activated(db: Database) -> None:
    service = _admin(db)
    user_id = service.create(_form(), PASSWORD)
    service.deactivate(user_id)
    with pytest.raises(Exception, match="deactivated"):
        sign_in(db, "jelena", PASSWORD)
    service.activate(user_id)
    assert sign_in(db, "jelena", PASSWORD).user_id == user_id


@pytest.mark.parametrize("role", [Role.MANAGER, Role.STAFF, Role.VIEWER, Role.TRANSLATOR])
def test_only_an_administrator_manages_users(db: Database, role: Role) -> None:
    user_id = _admin(db).create(_form(), PASSWORD)
    service = UserService(db, Actor("someone", role))
    before = _counts(db)
    for call in (
        lambda: service.rows(),
        lambda: service.details(user_id),
        lambda: service.create(_form(username="other"), PASSWORD),
        lambda: service.update(user_id, _form(role=Role.ADMIN), 1),
        lambda: service.set_password(user_id, "a new long password"),
        lambda: service.deactivate(user_id),
        lambda: service.activate(user_id),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert _counts(db) == before


def test_anyone_changes_their_own_password_knowing_the_old_one(db: Database) -> None:
    user_id = _admin(db).create(_form(role=Role.VIEWER), PASSWORD)
    viewer = UserService(db, sign_in(db, "jelena", PASSWORD))
    before = _counts(db)
    with pytest.raises(ValidationError) as refused:
        viewer.change_own_password("not my password", "a brand new password")
    assert set(refused.value.errors) == {"old_password"}
    with pytest.raises(ValidationError) as refused:
        viewer.change_own_password(PASSWORD, "short")
    assert set(refused.value.errors) == {"new_password"}
    assert _counts(db) == before
    viewer.change_own_password(PASSWORD, "a brand new password")
    assert sign_in(db, "jelena", "a brand new password").user_id == user_id
    with pytest.raises(Exception, match="not right"):
        sign_in(db, "jelena", PASSWORD)
    assert _entries(db, user_id)[-1].username == "jelena"


def test_without_an_account_there_is_no_own_password_to_change(db: Database) -> None:
    with pytest.raises(RefusedError):
        UserService(db, Actor("local")).change_own_password("", "a brand new password")
