"""People through the service: what an office records, finds, corrects and archives."""

import pytest
from sqlalchemy import select

from desktop.domain import AuditEntry, OrganisationKind
from desktop.domain.person import Gender
from desktop.services.errors import ConflictError, NotFoundError, ValidationError
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database


def _zajedno(db: Database) -> int:
    return OrganisationService(db).create(
        OrganisationForm(
            name_en="NGO Together",
            name_sr="НВО Заједно",
            acronym="ZJD",
            kind=OrganisationKind.PARTNER_CSO,
        )
    )


def _form(**changes: object) -> PersonForm:
    form = PersonForm(
        first_name="Jelena",
        last_name="Stojanović",
        gender=Gender.FEMALE,
        title="Youth worker",
        email="jelena.stojanovic@zajedno.example.org",
        phone="+383 44 123 456",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _names(service: PersonService, search: str = "", **query: object) -> list[str]:
    return [row.name for row in service.page(ListQuery(search=search, **query))]  # type: ignore[arg-type]


def test_create_and_read_back_every_field(db: Database) -> None:
    organisation = _zajedno(db)
    reference = ReferenceService(db)
    gracanica = next(m.id for m in reference.municipalities("en") if m.code == "gracanice")
    serb = next(c.id for c in reference.communities("en") if c.code == "serb")
    service = PersonService(db)
    person_id = service.create(
        _form(
            organisation_id=organisation,
            municipality_id=gracanica,
            community_id=serb,
            notes="Runs the youth dialogue club.",
        )
    )
    details = service.get(person_id)
    assert details.version == 1
    assert not details.archived
    assert details.form == _form(
        organisation_id=organisation,
        municipality_id=gracanica,
        community_id=serb,
        notes="Runs the youth dialogue club.",
    )
    [row] = service.page(ListQuery(language="sr_Latn"))
    assert (row.name, row.organisation, row.municipality) == (
        "Jelena Stojanović",
        "NVO Zajedno",
        "Gračanica",
    )


def test_found_by_name_email_or_organisation_in_any_script(db: Database) -> None:
    organisation = _zajedno(db)
    service = PersonService(db)
    service.create(_form(organisation_id=organisation))
    service.create(_form(first_name="Arta", last_name="Krasniqi", email="arta@psn.example.org"))
    for typed in ("stojanovic", "Стојановић", "STOJANOVIĆ", "zajedno.example", "заједно", "zjd"):
        assert _names(service, typed) == ["Jelena Stojanović"], typed
    assert _names(service, "jelena together") == ["Jelena Stojanović"]
    assert _names(service, "krasniqi") == ["Arta Krasniqi"]
    assert _names(service, "arta zajedno") == []
    assert _names(service, "50%_") == []


def test_list_sorts_by_family_name_and_by_organisation(db: Database) -> None:
    organisation = _zajedno(db)
    service = PersonService(db)
    service.create(_form(first_name="Nenad", last_name="Petrović", organisation_id=organisation))
    service.create(_form(first_name="arta", last_name="krasniqi", email=""))
    service.create(_form(first_name="Blerta", last_name="Kryeziu", email=""))
    assert _names(service, sort="name") == ["arta krasniqi", "Blerta Kryeziu", "Nenad Petrović"]
    assert _names(service, sort="organisation", descending=True)[0] == "Nenad Petrović"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "  "),
        ("last_name", ""),
        ("email", "jelena at zajedno"),
        ("email", "jelena@zajedno"),
        ("email", "+383 44 123 456"),
        ("phone", "0" * 65),
        ("gender", "unknown"),
        ("organisation_id", 9999),
        ("municipality_id", 9999),
        ("community_id", 9999),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(
    db: Database, field: str, value: object
) -> None:
    service = PersonService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(_form(**{field: value}))
    assert list(refused.value.errors) == [field]
    assert service.count(ListQuery(include_archived=True)) == 0
    with db.transaction() as session:
        assert session.scalars(select(AuditEntry)).all() == []


def test_every_problem_is_reported_at_once(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        PersonService(db).create(PersonForm(email="nobody", organisation_id=12345))
    assert set(refused.value.errors) == {"first_name", "last_name", "email", "organisation_id"}
    assert "nobody" in refused.value.errors["email"]


def test_update_is_audited_and_a_stale_version_is_refused(db: Database) -> None:
    service = PersonService(db)
    person_id = service.create(_form())
    opened = service.get(person_id)
    opened.form.title = "Programme officer"
    service.update(person_id, opened.form, opened.version)
    with pytest.raises(ConflictError):
        service.update(person_id, _form(title="An older view"), opened.version)
    assert service.get(person_id).form.title == "Programme officer"
    assert service.get(person_id).version == opened.version + 1
    with db.transaction() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [entry.action for entry in entries] == ["create", "update"]
    assert entries[1].changes == {"title": ["Youth worker", "Programme officer"]}


def test_an_edit_is_found_by_its_new_name_only(db: Database) -> None:
    service = PersonService(db)
    person_id = service.create(_form())
    opened = service.get(person_id)
    opened.form.last_name = "Marković"
    opened.form.email = "jelena.markovic@zajedno.example.org"
    service.update(person_id, opened.form, opened.version)
    assert _names(service, "markovic") == ["Jelena Marković"]
    assert _names(service, "stojanovic") == []


def test_archive_hides_and_restore_brings_back(db: Database) -> None:
    service = PersonService(db)
    person_id = service.create(_form())
    service.archive(person_id)
    assert service.count(ListQuery()) == 0
    assert [row.archived for row in service.page(ListQuery(include_archived=True))] == [True]
    assert service.get(person_id).archived
    service.restore(person_id)
    assert service.count(ListQuery()) == 1
    with db.transaction() as session:
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["create", "archive", "restore"]


def test_a_missing_person_is_named(db: Database) -> None:
    with pytest.raises(NotFoundError) as missing:
        PersonService(db).get(4242)
    assert str(missing.value) == PersonService(db).not_found()
