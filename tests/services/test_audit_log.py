"""The audit log as a manager reads it: who changed which record, narrowed by record and user."""

from datetime import UTC, datetime, timedelta

import pytest

from desktop.domain import OrganisationKind
from desktop.services.actor import Actor
from desktop.services.audit_log import AuditChange, AuditLogService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.store.database import Database

ARTA = Actor("arta")
MARKO = Actor("marko")


def _organisation(db: Database, actor: Actor, name: str, **values: object) -> int:
    form = OrganisationForm(name_en=name, kind=OrganisationKind.PARTNER_CSO)
    for key, value in values.items():
        setattr(form, key, value)
    return OrganisationService(db, actor).create(form)


def _rename(db: Database, actor: Actor, organisation_id: int, name: str) -> None:
    service = OrganisationService(db, actor)
    details = service.get(organisation_id)
    details.form.name_en = name
    service.update(organisation_id, details.form, details.version)


def _history(db: Database) -> dict[str, int]:
    """Two organisations and a person, created and changed by two people."""
    zajedno = _organisation(db, ARTA, "NGO Together", name_sr="НВО Заједно", acronym="ZJD")
    forum = _organisation(db, MARKO, "Civic Forum")
    person = PersonService(db, MARKO).create(
        PersonForm(first_name="Jelena", last_name="Stojanović", organisation_id=zajedno)
    )
    _rename(db, MARKO, zajedno, "NGO Together Gračanica")
    _rename(db, ARTA, forum, "Civic Forum Prizren")
    OrganisationService(db, ARTA).archive(forum)
    return {"zajedno": zajedno, "forum": forum, "person": person}


def _query(search: str = "", **filters: object) -> ListQuery:
    query = ListQuery(search=search)
    for name, value in filters.items():
        query = query.with_filter(name, value)
    return query


def _entries(db: Database, search: str = "", **filters: object) -> list[tuple]:
    rows = AuditLogService(db).page(_query(search, **filters))
    return [(row.username, row.action.value, row.record) for row in rows]


def test_newest_first_with_who_what_and_the_record(db: Database) -> None:
    _history(db)
    service = AuditLogService(db)
    assert service.count(ListQuery()) == 6
    assert _entries(db) == [
        ("arta", "archive", "Civic Forum Prizren"),
        ("arta", "update", "Civic Forum Prizren"),
        ("marko", "update", "NGO Together Gračanica"),
        ("marko", "create", "Jelena Stojanović"),
        ("marko", "create", "Civic Forum Prizren"),
        ("arta", "create", "NGO Together Gračanica"),
    ]
    rows = service.page(ListQuery())
    assert all(row.at.tzinfo is not None for row in rows)
    assert abs(rows[0].at - datetime.now(UTC)) < timedelta(minutes=5)
    assert [row.entity_label for row in rows[:4]] == [
        "Organisation",
        "Organisation",
        "Organisation",
        "Person",
    ]


def test_an_update_reads_field_old_and_new(db: Database) -> None:
    ids = _history(db)
    [update] = [
        row
        for row in AuditLogService(db).page(ListQuery())
        if row.action == "update" and row.entity_id == ids["zajedno"]
    ]
    assert update.changes == (
        AuditChange("name_en", "Name (English)", "NGO Together", "NGO Together Gračanica"),
    )
    assert update.summary == "Name (English): NGO Together → NGO Together Gračanica"


def test_a_creation_lists_what_was_filled_in(db: Database) -> None:
    _history(db)
    created = AuditLogService(db).page(ListQuery())[-1]
    fields = {change.column: change for change in created.changes}
    assert fields["name_en"] == AuditChange("name_en", "Name (English)", None, "NGO Together")
    assert fields["name_sr"].field == "Name (Serbian Cyrillic)"
    assert fields["acronym"].new == "ZJD"
    assert fields["kind"].new == "Partner CSO"
    assert "name_sq" not in fields  # left empty
    assert "uuid" not in fields
    assert created.summary.startswith("Name (English): NGO Together; ")
    assert "Acronym: ZJD" in created.summary


def test_filter_by_record_shows_exactly_its_entries(db: Database) -> None:
    ids = _history(db)
    service = OrganisationService(db)
    forum = service.get(ids["forum"]).uuid
    assert _entries(db, entity_uuid=forum) == [
        ("arta", "archive", "Civic Forum Prizren"),
        ("arta", "update", "Civic Forum Prizren"),
        ("marko", "create", "Civic Forum Prizren"),
    ]
    assert AuditLogService(db).count(_query(entity_uuid=forum)) == 3


def test_filter_by_user_and_by_kind_of_record(db: Database) -> None:
    _history(db)
    assert [action for user, action, _record in _entries(db, username="marko")] == [
        "update",
        "create",
        "create",
    ]
    assert {user for user, _a, _r in _entries(db, username="marko")} == {"marko"}
    assert _entries(db, entity="people") == [
        ("marko", "create", "Jelena Stojanović"),
    ]
    both = _entries(db, entity="organisations", username="arta")
    assert [action for _u, action, _r in both] == ["archive", "update", "create"]
    assert _entries(db, username="nobody") == []


def test_search_by_record_name_in_any_script_or_by_user(db: Database) -> None:
    _history(db)
    for typed in ("zajedno", "Заједно", "gracanica"):
        records = {record for _u, _a, record in _entries(db, search=typed)}
        assert records == {"NGO Together Gračanica"}, typed
    assert {user for user, _a, _r in _entries(db, search="MARK")} == {"marko"}
    assert _entries(db, search="stojanovic") == [("marko", "create", "Jelena Stojanović")]
    assert AuditLogService(db).count(ListQuery(search="no such thing")) == 0


def test_sorting_by_user_and_paging(db: Database) -> None:
    _history(db)
    service = AuditLogService(db)
    by_user = service.page(ListQuery(sort="user"))
    assert [row.username for row in by_user] == ["arta"] * 3 + ["marko"] * 3
    oldest_first = service.page(ListQuery(sort="at"))
    assert [row.action for row in oldest_first[:2]] == ["create", "create"]
    newest_first = service.page(ListQuery())
    assert [row.id for row in newest_first] == [row.id for row in reversed(oldest_first)]
    assert [row.id for row in service.page(ListQuery(sort="at", descending=True))] == [
        row.id for row in newest_first
    ]
    assert [row.id for row in service.page(ListQuery(), offset=4, limit=10)] == [
        row.id for row in newest_first[4:]
    ]


def test_an_unknown_filter_is_a_programming_error(db: Database) -> None:
    with pytest.raises(ValueError, match="status"):
        AuditLogService(db).count(ListQuery().with_filter("status", "open"))


def test_choices_for_the_filters(db: Database) -> None:
    _history(db)
    service = AuditLogService(db)
    assert service.users() == ["arta", "marko"]
    assert service.entities() == [("organisations", "Organisation"), ("people", "Person")]
