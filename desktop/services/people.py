"""People (partner staff, trainers, researchers, contact persons): list, read, create, update,
archive and restore.

A person is found by name, e-mail or the organisation they work for, so the office finds
"everyone at NGO Zajedno" by typing the organisation's name in any script.
"""

from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import Session

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH
from desktop.domain.organisation import Organisation
from desktop.domain.person import Gender, Person
from desktop.domain.reference import Community, Municipality
from desktop.domain.search import search_key_of
from desktop.i18n import _
from desktop.services.base import RecordService
from desktop.services.errors import ValidationError
from desktop.services.listing import ListQuery, in_language, localized_name, search_condition
from desktop.services.organisations import check_email
from desktop.services.permissions import Permission, requires
from desktop.services.records import load, load_for_change
from desktop.services.validation import Checker, find


@dataclass(frozen=True)
class PersonRow:
    id: int
    uuid: UUID
    name: str
    title: str
    organisation: str
    municipality: str
    email: str
    phone: str
    gender: Gender
    archived: bool


@dataclass
class PersonForm:
    """What a user fills in for a person; text as typed, checked by the service."""

    first_name: str = ""
    last_name: str = ""
    gender: Gender = Gender.UNDISCLOSED
    title: str = ""
    organisation_id: int | None = None
    municipality_id: int | None = None
    community_id: int | None = None
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PersonDetails:
    id: int
    uuid: UUID
    version: int
    archived: bool
    form: PersonForm


# Form fields kept as plain text, with the longest text their column holds.
_TEXT_FIELDS = {
    "first_name": TEXT_LENGTH,
    "last_name": TEXT_LENGTH,
    "title": TEXT_LENGTH,
    "email": TEXT_LENGTH,
    "phone": CODE_LENGTH,
}


def _person_name_order(language: str) -> ColumnElement[str]:
    """Family name first, as an office list of people is read, in the list's alphabetical
    order (a space before any letter: "Berisha Arta" before "Berishaj Ana")."""
    return in_language(Person.last_name + " " + Person.first_name, language)


class PersonService(RecordService[PersonRow]):
    model = Person

    def not_found(self) -> str:
        return _("The person was not found; they may have been deleted.")

    def _listing(self, query: ListQuery) -> Select:
        return (
            select(Person, Organisation, Municipality)
            .outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .outerjoin(Municipality, Person.municipality_id == Municipality.id)
        )

    def _filtered(self, query: ListQuery) -> Select:
        """The base listing without its own search, searched here over the person's key and
        their organisation's, so a word may match either."""
        statement = super()._filtered(replace(query, search=""))
        keys = Person.search_key + " " + func.coalesce(Organisation.search_key, "")
        return statement.where(search_condition(keys, query.search))  # type: ignore[arg-type]

    def _order(self, query: ListQuery) -> ColumnElement:
        if query.sort == "organisation":
            return localized_name(Organisation, query.language)
        if query.sort == "municipality":
            return localized_name(Municipality, query.language)
        if query.sort == "email":
            return in_language(func.coalesce(Person.email, ""), query.language)
        if query.sort == "title":
            return in_language(func.coalesce(Person.title, ""), query.language)
        return _person_name_order(query.language)

    def _row(self, result: Row[Any], language: str) -> PersonRow:
        person, organisation, municipality = result
        return PersonRow(
            id=person.id,
            uuid=person.uuid,
            name=person.full_name,
            title=person.title or "",
            organisation=organisation.name(language) if organisation else "",
            municipality=municipality.name(language) if municipality else "",
            email=person.email or "",
            phone=person.phone or "",
            gender=person.gender,
            archived=person.is_archived,
        )

    @requires(Permission.READ_RECORDS)
    def get(self, person_id: int) -> PersonDetails:
        with self.unit_of_work(read_only=True) as session:
            person = load(session, Person, person_id, self.not_found())
            form = PersonForm(
                gender=person.gender,
                organisation_id=person.organisation_id,
                municipality_id=person.municipality_id,
                community_id=person.community_id,
                notes=person.notes or "",
                **{name: getattr(person, name) or "" for name in _TEXT_FIELDS},
            )
            return PersonDetails(person.id, person.uuid, person.version, person.is_archived, form)

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: PersonForm) -> int:
        with self.unit_of_work() as session:
            person = Person()
            self._apply(session, person, form)
            return self._audited_create(session, person)

    @requires(Permission.EDIT_RECORDS)
    def update(self, person_id: int, form: PersonForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            person = load_for_change(session, Person, person_id, expected_version, self.not_found())
            before = self._state(person)
            self._apply(session, person, form)
            self._audited_update(session, person, before)

    def _apply(self, session: Session, person: Person, form: PersonForm) -> None:
        """Check the whole form, then copy it onto ``person``; raises before any change."""
        check = Checker()
        texts = {
            name: check.text(
                name,
                getattr(form, name),
                required=name in ("first_name", "last_name"),
                max_length=limit,
            )
            for name, limit in _TEXT_FIELDS.items()
        }
        notes = check.text("notes", form.notes, max_length=20_000)
        check_email(check, "email", texts["email"])
        try:
            gender = Gender(form.gender)
        except ValueError:
            check.fail("gender", _("Choose a gender from the list."))
        if form.organisation_id is not None and not find(
            session, Organisation, form.organisation_id
        ):
            check.fail("organisation_id", _("Choose an existing organisation."))
        if form.municipality_id is not None and not find(
            session, Municipality, form.municipality_id
        ):
            check.fail("municipality_id", _("Choose a municipality from the list."))
        if form.community_id is not None and not find(session, Community, form.community_id):
            check.fail("community_id", _("Choose a community from the list."))
        if check.errors:
            raise ValidationError(check.errors)

        for name, value in texts.items():
            setattr(person, name, value)
        person.first_name = texts["first_name"] or ""
        person.last_name = texts["last_name"] or ""
        person.gender = gender
        person.organisation_id = form.organisation_id
        person.municipality_id = form.municipality_id
        person.community_id = form.community_id
        person.notes = notes
        person.search_key = search_key_of(person.first_name, person.last_name, person.email)
