"""The grant editor's contact-person choices, read column by column, are the ones whole
records gave: same people, same labels, same order; on both databases."""

import pytest
from sqlalchemy import or_, select

from desktop.domain.person import Person
from desktop.i18n import language_codes
from desktop.i18n.collation import sort_key
from desktop.services.grants import GrantService
from desktop.services.people import PersonService
from desktop.store.database import Database
from desktop.store.demo import load_demo


def choices_from_whole_records(
    db: Database, language: str, keep: int | None = None
) -> list[tuple[int, str]]:
    """The choices as the service made them before, from whole ``Person`` records."""
    with db.transaction() as session:
        people = [
            (person.id, ", ".join(part for part in (person.full_name, person.title) if part))
            for person in session.scalars(
                select(Person)
                .where(or_(Person.archived_at.is_(None), Person.id == keep))
                .order_by(Person.id)
            )
        ]
    return sorted(people, key=lambda person: sort_key(person[1], language))


@pytest.mark.parametrize("language", language_codes())
def test_the_demo_offers_the_same_people_in_the_same_order(db: Database, language: str) -> None:
    load_demo(db)
    grants = GrantService(db)
    choices = grants.contact_person_choices(language)

    assert len(choices) > 10
    assert choices == choices_from_whole_records(db, language)
    archived = choices[3][0]
    PersonService(db).archive(archived)
    assert archived not in [id_ for id_, _label in grants.contact_person_choices(language)]
    kept = grants.contact_person_choices(language, keep=archived)
    assert archived in [id_ for id_, _label in kept]
    assert kept == choices_from_whole_records(db, language, keep=archived)
