"""Organisations (partner CSOs, donors, institutions): list, read, create, update, archive."""

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, select
from sqlalchemy.orm import Session

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH
from desktop.domain.multilingual import NAME_FALLBACKS, NAME_LANGUAGES, resolve_name
from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.domain.reference import Municipality
from desktop.domain.search import names_of, search_key_of
from desktop.i18n import _
from desktop.i18n.collation import sort_key_for
from desktop.services.base import RecordService
from desktop.services.errors import ValidationError
from desktop.services.listing import ListQuery, in_language, localized_name
from desktop.services.permissions import Permission, requires
from desktop.services.records import load, load_for_change
from desktop.services.validation import Checker, find


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    uuid: UUID
    name: str
    acronym: str
    kind: OrganisationKind
    municipality: str
    archived: bool


@dataclass
class OrganisationForm:
    name_en: str = ""
    name_sq: str = ""
    name_sr: str = ""
    name_sr_latn: str = ""
    acronym: str = ""
    kind: OrganisationKind = OrganisationKind.PARTNER_CSO
    registration_number: str = ""
    municipality_id: int | None = None
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    notes: str = ""


@dataclass(frozen=True)
class OrganisationDetails:
    id: int
    uuid: UUID
    version: int
    archived: bool
    form: OrganisationForm


# Form fields kept as plain text, with the longest text their column holds (PostgreSQL refuses
# more, so the form must say so first).
_TEXT_FIELDS = {
    "acronym": CODE_LENGTH,
    "registration_number": CODE_LENGTH,
    "address": TEXT_LENGTH,
    "email": TEXT_LENGTH,
    "phone": CODE_LENGTH,
    "website": TEXT_LENGTH,
}
_NAME_FIELDS = ("name_en", "name_sq", "name_sr", "name_sr_latn")
# Something, an @, something, a dot, something: enough to catch a typo or a phone number in
# the wrong field without refusing an unusual but real address.
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


def check_email(check: Checker, field: str, value: str | None) -> None:
    """Refuse an e-mail address that cannot be one; an empty field is left to the caller."""
    if value and not _EMAIL.fullmatch(value):
        check.fail(field, _("“{value}” is not an e-mail address.").format(value=value))


class OrganisationService(RecordService[OrganisationRow]):
    model = Organisation

    def not_found(self) -> str:
        return _("The organisation was not found; it may have been deleted.")

    def _listing(self, query: ListQuery) -> Select:
        return select(Organisation, Municipality).outerjoin(
            Municipality, Organisation.municipality_id == Municipality.id
        )

    def _order(self, query: ListQuery) -> ColumnElement:
        if query.sort == "acronym":
            return in_language(Organisation.acronym, query.language)
        if query.sort == "kind":
            return Organisation.kind
        return localized_name(Organisation, query.language)

    def _row(self, result: Row[Any], language: str) -> OrganisationRow:
        organisation, municipality = result
        return OrganisationRow(
            id=organisation.id,
            uuid=organisation.uuid,
            name=organisation.name(language),
            acronym=organisation.acronym or "",
            kind=organisation.kind,
            municipality=municipality.name(language) if municipality else "",
            archived=organisation.is_archived,
        )

    @requires(Permission.READ_RECORDS)
    def choices(self, language: str, kind: OrganisationKind | None = None) -> list[tuple[int, str]]:
        """(id, name) of every organisation in use, for choosing one in a form."""
        # The names alone, not whole records, sorted here rather than by the database: an
        # office has hundreds of partners (5,000 in the 1,000,000-activity benchmark), and
        # SQLite called the Python collation once per comparison, 0.5 s for each editor with
        # an organisation to choose; here each name's key is computed (and cached) once.
        statement = select(
            Organisation.id, *(getattr(Organisation, name) for name in _NAME_FIELDS)
        ).where(Organisation.archived_at.is_(None))
        if kind is not None:
            statement = statement.where(Organisation.kind == kind)
        with self.unit_of_work(read_only=True) as session:
            rows = [
                (row[0], dict(zip(NAME_LANGUAGES, row[1:], strict=True)))
                for row in session.execute(statement)
            ]
        key = sort_key_for(language)
        chain = NAME_FALLBACKS.get(language, NAME_FALLBACKS["en"])

        def sorted_as(names: dict[str, str | None]) -> str:
            """The key of ``localized_name``: the first name along the chain, trimmed."""
            return key(
                next((text for code in chain if (text := (names[code] or "").strip(" "))), "")
            )

        rows.sort(key=lambda row: sorted_as(row[1]))
        return [(organisation_id, resolve_name(names, language)) for organisation_id, names in rows]

    @requires(Permission.READ_RECORDS)
    def get(self, organisation_id: int) -> OrganisationDetails:
        with self.unit_of_work(read_only=True) as session:
            organisation = load(session, Organisation, organisation_id, self.not_found())
            form = OrganisationForm(
                kind=organisation.kind,
                municipality_id=organisation.municipality_id,
                notes=organisation.notes or "",
                **{name: getattr(organisation, name) or "" for name in _NAME_FIELDS},
                **{name: getattr(organisation, name) or "" for name in _TEXT_FIELDS},
            )
            return OrganisationDetails(
                organisation.id,
                organisation.uuid,
                organisation.version,
                organisation.is_archived,
                form,
            )

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: OrganisationForm) -> int:
        with self.unit_of_work() as session:
            organisation = Organisation()
            self._apply(session, organisation, form)
            return self._audited_create(session, organisation)

    @requires(Permission.EDIT_RECORDS)
    def update(self, organisation_id: int, form: OrganisationForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            organisation = load_for_change(
                session, Organisation, organisation_id, expected_version, self.not_found()
            )
            before = self._state(organisation)
            self._apply(session, organisation, form)
            self._audited_update(session, organisation, before)

    def _apply(self, session: Session, organisation: Organisation, form: OrganisationForm) -> None:
        check = Checker()
        names = {name: check.text(name, getattr(form, name)) for name in _NAME_FIELDS}
        if not any(names.values()):
            check.fail("name_en", _("Give the organisation a name in at least one language."))
        texts = {
            name: check.text(name, getattr(form, name), max_length=limit)
            for name, limit in _TEXT_FIELDS.items()
        }
        notes = check.text("notes", form.notes, max_length=20_000)
        check_email(check, "email", texts["email"])
        try:
            kind = OrganisationKind(form.kind)
        except ValueError:
            check.fail("kind", _("Choose a kind of organisation from the list."))
        if form.municipality_id is not None and not find(
            session, Municipality, form.municipality_id
        ):
            check.fail("municipality_id", _("Choose a municipality from the list."))
        if check.errors:
            raise ValidationError(check.errors)
        for name, value in {**names, **texts}.items():
            setattr(organisation, name, value)
        organisation.kind = kind
        organisation.municipality_id = form.municipality_id
        organisation.notes = notes
        organisation.search_key = search_key_of(organisation.acronym, *names_of(organisation))
