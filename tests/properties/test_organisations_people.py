"""Random and hostile input to the organisations and people services."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import Organisation, Person
from desktop.domain.organisation import OrganisationKind
from desktop.domain.person import Gender
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.people import PersonForm, PersonService
from desktop.store.database import Database
from tests.properties.harness import assert_text_kept, attempt, first_id, succeeded
from tests.properties.strategies import enum_values, forms, ids, languages, list_queries

_numbers = itertools.count(1)
_ORGANISATION_TEXTS = (
    "name_en",
    "name_sq",
    "name_sr",
    "name_sr_latn",
    "acronym",
    "registration_number",
    "address",
    "email",
    "phone",
    "website",
    "notes",
)
_PERSON_TEXTS = ("first_name", "last_name", "title", "email", "phone", "notes")


def _organisation() -> OrganisationForm:
    return OrganisationForm(name_en=f"Peace Network {next(_numbers)}", acronym="PN")


def _person() -> PersonForm:
    return PersonForm(first_name="Arta", last_name=f"Krasniqi {next(_numbers)}")


def test_organisation_create_and_update(demo_db: Database) -> None:
    service = OrganisationService(demo_db)
    existing = first_id(demo_db, Organisation)

    @given(forms(_organisation), st.booleans())
    def check(form: OrganisationForm, update: bool) -> None:
        if update:
            version = service.get(existing).version
            outcome = attempt(demo_db, lambda: service.update(existing, form, version))
            saved = existing
        else:
            outcome = saved = attempt(demo_db, lambda: service.create(form))
        if succeeded(outcome):
            assert_text_kept(form, service.get(saved).form, _ORGANISATION_TEXTS)
            service.page(ListQuery(search=form.name_en[:50], include_archived=True))

    check()


def test_person_create_and_update(demo_db: Database) -> None:
    service = PersonService(demo_db)
    existing = first_id(demo_db, Person)

    @given(forms(_person), st.booleans())
    def check(form: PersonForm, update: bool) -> None:
        if update:
            version = service.get(existing).version
            outcome = attempt(demo_db, lambda: service.update(existing, form, version))
            saved = existing
        else:
            outcome = saved = attempt(demo_db, lambda: service.create(form))
        if succeeded(outcome):
            assert_text_kept(form, service.get(saved).form, _PERSON_TEXTS)
            service.page(ListQuery(search=form.last_name[:50], include_archived=True))

    check()


def test_records_that_are_not_there(demo_db: Database) -> None:
    organisations = OrganisationService(demo_db)
    people = PersonService(demo_db)

    @given(ids(), st.integers(0, 7), languages())
    def check(record_id: object, action: int, language: str) -> None:
        calls = (
            lambda: organisations.get(record_id),
            lambda: organisations.archive(record_id),
            lambda: organisations.restore(record_id),
            lambda: organisations.update(record_id, _organisation(), 1),
            lambda: organisations.choices(language),
            lambda: people.get(record_id),
            lambda: people.archive(record_id),
            lambda: people.update(record_id, _person(), 1),
        )
        attempt(demo_db, calls[action])

    check()


def test_search_and_filters(demo_db: Database) -> None:
    organisations = OrganisationService(demo_db)
    people = PersonService(demo_db)
    organisation_queries = list_queries(
        {"kind": enum_values(OrganisationKind), "municipality_id": ids()}
    )
    person_queries = list_queries(
        {
            "gender": enum_values(Gender),
            "organisation_id": ids(),
            "municipality_id": ids(),
        }
    )

    @given(organisation_queries, person_queries)
    def check(organisation_query: ListQuery, person_query: ListQuery) -> None:
        attempt(demo_db, lambda: organisations.page(organisation_query, 0, 20))
        attempt(demo_db, lambda: organisations.count(organisation_query))
        attempt(demo_db, lambda: people.page(person_query, 0, 20))
        attempt(demo_db, lambda: people.count(person_query))

    check()
