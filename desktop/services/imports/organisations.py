"""Partners and other organisations from a CSV or XLSX list, all of them or none.

Every row goes through the very checks the organisation form uses (``OrganisationService``
validates it), so an imported organisation is one the form would have saved.  All rows are
checked before anything is written and every problem is listed by row and column, so the
user corrects the file once rather than once per error; then every organisation is
inserted, each with its audit entry, in one transaction.  An organisation counts as already
known when it has the registration number of another one, or, when either has none, one of
its names in any language and script.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.base import utcnow
from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.domain.organisation import (
    ORGANISATION_KIND_LABELS,
    Organisation,
    OrganisationKind,
)
from desktop.domain.reference import Municipality
from desktop.i18n import N_, _, language_codes, ngettext, translator_for
from desktop.i18n.folding import fold
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.imports.base import ProgressTicker
from desktop.services.imports.lookups import cell_of, first_mapped, fold_value, reference_index
from desktop.services.imports.mapping import Mapping, TargetField
from desktop.services.imports.reading import SheetRow
from desktop.services.imports.saving import insert_audited
from desktop.services.imports.table_import import TableImport
from desktop.services.organisations import OrganisationForm, OrganisationService

NAME_FIELDS = tuple(name_column(code) for code in NAME_LANGUAGES)
ORGANISATION_FIELDS: tuple[TargetField, ...] = (
    TargetField(
        "name_en",
        N_("Name in English"),
        ("name", "name en", "english name", "organisation", "organization"),
    ),
    TargetField(
        "name_sq",
        N_("Name in Albanian"),
        ("emri", "emri sq", "emertimi", "emri i organizates", "organizata"),
    ),
    TargetField(
        "name_sr",
        N_("Name in Serbian, Cyrillic script"),
        ("назив", "име", "назив организације", "организација"),
    ),
    TargetField(
        "name_sr_latn",
        N_("Name in Serbian, Latin script"),
        ("naziv", "ime", "naziv organizacije", "organizacija"),
    ),
    TargetField(
        "acronym",
        N_("A&cronym"),
        ("abbreviation", "short name", "shkurtesa", "akronimi", "skracenica", "скраћеница"),
    ),
    TargetField("kind", N_("&Kind"), ("type", "lloji", "tipi", "vrsta", "tip", "врста", "тип")),
    TargetField(
        "registration_number",
        N_("&Registration number"),
        ("registration no", "reg no", "nr i regjistrimit", "registarski broj", "maticni broj"),
    ),
    TargetField("municipality", N_("&Municipality"), ("komuna", "opstina", "општина")),
    TargetField("address", N_("A&ddress"), ("adresa", "адреса")),
    TargetField("email", N_("&E-mail"), ("email", "e-mail", "mail", "e-posta", "emaili")),
    TargetField("phone", N_("&Phone"), ("telephone", "tel", "telefoni", "telefon", "телефон")),
    TargetField("website", N_("&Website"), ("web", "web site", "url", "uebfaqja", "sajt")),
    TargetField("notes", N_("N&otes"), ("comments", "remarks", "shenime", "napomena")),
)
# What ``_apply`` sets on an organisation: the columns an imported row fills.
_SAVED_ATTRIBUTES = (
    *NAME_FIELDS,
    "acronym",
    "kind",
    "registration_number",
    "municipality_id",
    "address",
    "email",
    "phone",
    "website",
    "notes",
    "search_key",
)
_TEXT_FIELDS = (
    *NAME_FIELDS,
    "acronym",
    "registration_number",
    "address",
    "email",
    "phone",
    "website",
    "notes",
)
# Words offices write for a kind besides its label in our four languages.
_KIND_WORDS = {
    OrganisationKind.PARTNER_CSO: ("cso", "ngo", "partner", "oshc", "ojq", "ocd", "nvo"),
    OrganisationKind.INTERNATIONAL_NGO: ("ingo", "international ngo"),
    OrganisationKind.DONOR: ("donator", "donor", "донатор"),
    OrganisationKind.INSTITUTION: ("institution", "institucion", "institucija", "институција"),
}


@dataclass
class _Context:
    places: list[Municipality]  # held so ``_apply``'s session.get finds them loaded
    municipalities: dict[str, int]
    kinds: dict[str, OrganisationKind]
    known: "_KnownOrganisations"


class OrganisationImport(TableImport, OrganisationService):
    """Reads rows into ``OrganisationForm``s and lets the organisation service judge them."""

    fields = ORGANISATION_FIELDS

    def imported_message(self, count: int) -> str:
        return ngettext(
            "{count} organisation was imported.", "{count} organisations were imported.", count
        ).format(count=count)

    def _save(self, session: Session, records: list[Organisation], ticker: ProgressTicker) -> None:
        """Insert in batches, each organisation with the audit entry the form writes."""
        insert_audited(
            session, self.actor, Organisation, records, _SAVED_ATTRIBUTES, utcnow(), ticker
        )

    def _check_mapping(self, mapping: Mapping) -> None:
        if all(mapping.get(key) is None for key in NAME_FIELDS):
            raise ServiceError(
                _(
                    "Choose the column that holds the organisations' names, in at least one "
                    "language."
                )
            )

    def _context(self, session: Session) -> _Context:
        places = list(session.scalars(select(Municipality)))
        return _Context(
            places, reference_index(places), _kind_index(), _KnownOrganisations(session)
        )

    def _read_row(
        self, session: Session, context: _Context, row: SheetRow, mapping: Mapping
    ) -> tuple[Organisation | None, dict[str, str]]:
        """The row's organisation, or ``None`` and its problems by field key; an
        organisation already known (in the database or an earlier row) is a problem too."""

        def cell(key: str) -> str:
            return cell_of(row, mapping, key)

        problems: dict[str, str] = {}
        form = OrganisationForm(**{key: cell(key) for key in _TEXT_FIELDS})
        kind_text = cell("kind")
        if kind_text:
            kind = context.kinds.get(fold_value(kind_text))
            if kind is None:
                problems["kind"] = _(
                    "“{value}” is not a kind of organisation; use one of: {kinds}."
                ).format(value=kind_text, kinds=_kind_list())
            else:
                form.kind = kind
        place = cell("municipality")
        if place:
            form.municipality_id = context.municipalities.get(fold_value(place))
            if form.municipality_id is None:
                problems["municipality"] = _("“{value}” is not a municipality of Kosovo.").format(
                    value=place
                )
        organisation = Organisation()
        try:
            self._apply(session, organisation, form)
        except ValidationError as error:
            for field, message in error.errors.items():
                key = "municipality" if field == "municipality_id" else field
                if field == "name_en":
                    key = first_mapped(mapping, NAME_FIELDS)
                problems.setdefault(key, message)
        if problems:
            return None, problems
        return organisation, context.known.claim(row.number, organisation)


_IN_DATABASE = 0  # where a saved organisation's keys come from: no spreadsheet row is 0


class _KnownOrganisations:
    """The natural keys already taken, by the database and by the rows read so far."""

    def __init__(self, session: Session) -> None:
        self._numbers: dict[str, int] = {}  # folded number -> first row
        self._names: dict[str, list[tuple[str, int]]] = {}  # folded name -> (number, row)
        columns = [getattr(Organisation, name) for name in NAME_FIELDS]
        statement = select(Organisation.registration_number, *columns)
        for number, *names in session.execute(statement):
            self._add(_number_key(number), _name_keys(names), _IN_DATABASE)

    def _add(self, number: str, names: Iterable[str], row: int) -> None:
        if number:
            self._numbers.setdefault(number, row)
        for name in names:
            self._names.setdefault(name, []).append((number, row))

    def _same_name(self, name: str, number: str) -> int | None:
        """The row (``_IN_DATABASE``: a saved one) of an organisation named ``name`` that
        is not told apart by a different registration number."""
        for other_number, other_row in self._names.get(name, ()) if name else ():
            if not number or not other_number or other_number == number:
                return other_row
        return None

    def claim(self, row: int, organisation: Organisation) -> dict[str, str]:
        """The problems that make ``organisation`` a duplicate (by field), after which its
        keys count as taken."""
        number = _number_key(organisation.registration_number)
        names = [getattr(organisation, name) for name in NAME_FIELDS]
        keys = [_name_key(name) for name in names]
        problems: dict[str, str] = {}
        if number and number in self._numbers:
            first = self._numbers[number]
            problems["registration_number"] = (
                _("An organisation with this registration number is already in CSO Desk.")
                if first == _IN_DATABASE
                else _("Row {row} has the same registration number.").format(row=first)
            )
        else:
            for field, name, key in zip(NAME_FIELDS, names, keys, strict=True):
                clash = self._same_name(key, number)
                if clash is None:
                    continue
                problems[field] = (
                    _("An organisation named “{name}” is already in CSO Desk.").format(name=name)
                    if clash == _IN_DATABASE
                    else _("Row {row} has an organisation with the same name.").format(row=clash)
                )
                break
        self._add(number, {key for key in keys if key}, row)
        return problems


def _number_key(number: str | None) -> str:
    return "".join(fold(number or "").split())


def _name_key(name: str | None) -> str:
    return fold(name or "")


def _name_keys(names: Iterable[str | None]) -> set[str]:
    return {key for key in map(_name_key, names) if key}


def _kind_index() -> dict[str, OrganisationKind]:
    index: dict[str, OrganisationKind] = {}
    for kind, label in ORGANISATION_KIND_LABELS.items():
        words = [kind.value, kind.value.replace("_", " "), *_KIND_WORDS.get(kind, ())]
        words += [translator_for(code).gettext(label) for code in language_codes()]
        for word in words:
            index.setdefault(fold(word), kind)
    return index


def _kind_list() -> str:
    return ", ".join(_(label) for label in ORGANISATION_KIND_LABELS.values())
