"""The backstop under the permission checks: a reader's unit of work cannot write, even
from a method that forgot its check."""

import pytest
from sqlalchemy import func, select

from desktop.domain import AuditEntry, Organisation, OrganisationKind
from desktop.domain.audit import AuditAction
from desktop.domain.user import Role, User
from desktop.services import audit
from desktop.services.actor import Actor
from desktop.services.base import Service
from desktop.services.permissions import PermissionDenied
from desktop.store.database import Database


def _counts(db: Database) -> tuple[int, int, int]:
    with db.transaction() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Organisation, User, AuditEntry)
        )


def _organisation(db: Database) -> int:
    with db.transaction() as session:
        found = Organisation(name_en="NGO Together", kind=OrganisationKind.PARTNER_CSO)
        session.add(found)
        session.flush()
        return found.id


@pytest.mark.parametrize("role", [Role.VIEWER, Role.TRANSLATOR])
def test_a_reader_cannot_add_change_or_delete_anything(db: Database, role: Role) -> None:
    organisation_id = _organisation(db)
    service = Service(db, Actor("vesna", role))
    before = _counts(db)
    attempts = [
        lambda session: session.add(
            Organisation(name_en="Sneaked in", kind=OrganisationKind.PARTNER_CSO)
        ),
        lambda session: setattr(session.get(Organisation, organisation_id), "name_en", "Renamed"),
        lambda session: session.delete(session.get(Organisation, organisation_id)),
        lambda session: session.add(User(username="vesna2", full_name="Vesna", role=Role.ADMIN)),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied), service.unit_of_work() as session:
            attempt(session)
    assert _counts(db) == before
    with db.transaction() as session:
        assert session.get(Organisation, organisation_id).name_en == "NGO Together"


def test_a_reader_may_leave_the_entry_that_records_what_they_saw(db: Database) -> None:
    organisation_id = _organisation(db)
    service = Service(db, Actor("vesna", Role.VIEWER))
    with service.unit_of_work() as session:
        seen = session.get(Organisation, organisation_id)
        audit.record(session, service.actor, AuditAction.VIEW, seen, {"fields": ["name_en"]})
    with pytest.raises(PermissionDenied), service.unit_of_work() as session:
        seen = session.get(Organisation, organisation_id)
        audit.record(session, service.actor, AuditAction.UPDATE, seen, {"name_en": ["a", "b"]})
    with db.transaction() as session:
        actions = list(session.scalars(select(AuditEntry.action)))
    assert actions == [AuditAction.VIEW]


def test_a_reader_may_change_only_their_own_password_hash(db: Database) -> None:
    with db.transaction() as session:
        viewer = User(username="vesna", full_name="Vesna", role=Role.VIEWER)
        other = User(username="ana", full_name="Ana", role=Role.VIEWER)
        session.add_all([viewer, other])
        session.flush()
        viewer_id, other_id = viewer.id, other.id
    service = Service(db, Actor("vesna", Role.VIEWER, viewer_id))
    with service.unit_of_work() as session:
        session.get(User, viewer_id).password_hash = "$argon2id$stand-in"
    for user_id, column, value in [
        (viewer_id, "role", Role.ADMIN),
        (other_id, "password_hash", "$argon2id$someone-else"),
    ]:
        with pytest.raises(PermissionDenied), service.unit_of_work() as session:
            setattr(session.get(User, user_id), column, value)
    with db.transaction() as session:
        assert session.get(User, viewer_id).role == Role.VIEWER
        assert session.get(User, other_id).password_hash is None


def test_an_editor_writes_as_before(db: Database) -> None:
    service = Service(db, Actor("drita", Role.STAFF))
    with service.unit_of_work() as session:
        session.add(Organisation(name_en="NGO Together", kind=OrganisationKind.PARTNER_CSO))
    assert _counts(db)[0] == 1
