"""Research outputs: list, read, create, update, archive and restore, and the indicators
each output verifies.

Identifiers are checked as a librarian would: an ISBN by its check digit, a DOI by its
shape, a web address by its scheme, so a report never prints a reference nobody can follow.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import Session

from desktop.domain.project import Project
from desktop.domain.research import OutputStatus, OutputType, ResearchOutput
from desktop.domain.results import Indicator, Result
from desktop.domain.search import isbn_digits, names_of, research_search_key
from desktop.i18n import N_, _
from desktop.services import audit
from desktop.services.base import RecordService
from desktop.services.errors import ValidationError
from desktop.services.listing import ListQuery, in_language, localized_name
from desktop.services.permissions import Permission, requires
from desktop.services.scope import out_of_scope_choice, scope_condition, sees_project
from desktop.services.validation import Checker, find, is_record_id

# The languages a partner publishes in: Kosovo's official and community languages, and
# English for the donors.  Codes as ISO 639 writes them.
PUBLICATION_LANGUAGES = {
    "sq": N_("Albanian"),
    "sr": N_("Serbian"),
    "en": N_("English"),
    "bs": N_("Bosnian"),
    "tr": N_("Turkish"),
    "rom": N_("Romani"),
}
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIXES = re.compile(r"^(doi:\s*|https?://(dx\.)?doi\.org/)", re.IGNORECASE)
_LONG_TEXT = 20_000


@dataclass(frozen=True)
class ResearchRow:
    id: int
    title: str
    output_type: OutputType
    status: OutputStatus
    authors: str
    published_on: date | None
    project: str  # the project's code
    archived: bool


@dataclass
class ResearchForm:
    """What a user fills in for a research output; its title is the multilingual name."""

    output_type: OutputType = OutputType.RESEARCH_REPORT
    status: OutputStatus = OutputStatus.PLANNED
    name_en: str = ""
    name_sq: str = ""
    name_sr: str = ""
    name_sr_latn: str = ""
    authors: str = ""  # "Surname, Given; Surname, Given"
    languages: list[str] = field(default_factory=list)  # ["sq", "sr", "en"]
    published_on: date | str | None = None
    publisher: str = ""
    place: str = ""
    isbn: str = ""
    doi: str = ""
    url: str = ""
    abstract: str = ""
    project_id: int | None = None
    indicator_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class ResearchDetails:
    id: int
    uuid: UUID
    version: int
    archived: bool
    form: ResearchForm


@dataclass(frozen=True)
class IndicatorChoice:
    id: int
    code: str
    name: str


# Outputs not yet published sort as the newest, on SQLite and PostgreSQL alike (they place
# NULLs differently), so work in progress heads the list newest first.
_PUBLISHED = func.coalesce(ResearchOutput.published_on, date(9999, 12, 31))
_SORTS = {
    "output_type": ResearchOutput.output_type,
    "status": ResearchOutput.status,
    "published_on": _PUBLISHED,
    "project": Project.code,
}


class ResearchOutputService(RecordService[ResearchRow]):
    model = ResearchOutput
    scope_by = "project_id"

    def not_found(self) -> str:
        return _("The research output was not found; it may have been deleted.")

    def _listing(self, query: ListQuery) -> Select:
        """Filters "output_type", "status" and "project_id" are the output's own columns."""
        return select(ResearchOutput, Project.code).outerjoin(
            Project, ResearchOutput.project_id == Project.id
        )

    def _order(self, query: ListQuery) -> ColumnElement:
        if query.sort == "name":
            return localized_name(ResearchOutput, query.language)
        if query.sort == "authors":
            return in_language(ResearchOutput.authors, query.language)
        return _SORTS.get(query.sort, _PUBLISHED)

    def _row(self, result: Row[Any], language: str) -> ResearchRow:
        output, project_code = result
        return ResearchRow(
            id=output.id,
            title=output.name(language),
            output_type=output.output_type,
            status=output.status,
            authors=output.authors or "",
            published_on=output.published_on,
            project=project_code or "",
            archived=output.is_archived,
        )

    @requires(Permission.READ_RECORDS)
    def indicators(self, project_id: int | None, language: str) -> list[IndicatorChoice]:
        """The project's indicators, in logframe order, for ticking those an output verifies."""
        if project_id is None:
            return []
        statement = (
            select(Indicator)
            .join(Result, Indicator.result_id == Result.id)
            .where(Result.project_id == project_id, scope_condition(self.actor, Result.project_id))
            .order_by(Result.sort_order, Result.code, Indicator.code, Indicator.id)
        )
        with self.unit_of_work(read_only=True) as session:
            return [
                IndicatorChoice(indicator.id, indicator.code, indicator.name(language))
                for indicator in session.scalars(statement)
            ]

    @requires(Permission.READ_RECORDS)
    def get(self, output_id: int) -> ResearchDetails:
        with self.unit_of_work(read_only=True) as session:
            output = self._load_in_scope(session, output_id)
            form = ResearchForm(
                output_type=output.output_type,
                status=output.status,
                name_en=output.name_en or "",
                name_sq=output.name_sq or "",
                name_sr=output.name_sr or "",
                name_sr_latn=output.name_sr_latn or "",
                authors=output.authors or "",
                languages=[code for code in (output.languages or "").split(",") if code],
                published_on=output.published_on,
                publisher=output.publisher or "",
                place=output.place or "",
                isbn=output.isbn or "",
                doi=output.doi or "",
                url=output.url or "",
                abstract=output.abstract or "",
                project_id=output.project_id,
                indicator_ids=sorted(indicator.id for indicator in output.indicators),
            )
            return ResearchDetails(output.id, output.uuid, output.version, output.is_archived, form)

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: ResearchForm) -> int:
        with self.unit_of_work() as session:
            output = ResearchOutput()
            self._apply(session, output, form)
            return self._audited_create(session, output)

    @requires(Permission.EDIT_RECORDS)
    def update(self, output_id: int, form: ResearchForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            output = self._load_in_scope(session, output_id, expected_version)
            before = self._state(output)
            self._apply(session, output, form)
            self._audited_update(session, output, before)

    def _state(self, record: ResearchOutput) -> audit.Snapshot:
        return {**audit.snapshot(record), "indicators": sorted(i.code for i in record.indicators)}

    def _apply(self, session: Session, output: ResearchOutput, form: ResearchForm) -> None:
        """Check the whole form, then copy it onto ``output``; raises before any change."""
        check = Checker()
        names = {
            "name_en": check.text("name_en", form.name_en),
            "name_sq": check.text("name_sq", form.name_sq),
            "name_sr": check.text("name_sr", form.name_sr),
            "name_sr_latn": check.text("name_sr_latn", form.name_sr_latn),
        }
        if not any(names.values()):
            check.fail("name_en", _("Give the output a title in at least one language."))
        output_type = _enum(check, "output_type", OutputType, form.output_type)
        status = _enum(check, "status", OutputStatus, form.status)
        authors = check.text("authors", form.authors, max_length=_LONG_TEXT)
        languages = _languages(check, form.languages)
        published_on = check.date("published_on", form.published_on)
        if (
            status == OutputStatus.PUBLISHED
            and published_on is None
            and not check.errors.get("published_on")
        ):
            check.fail("published_on", _("Give the date on which the output was published."))
        publisher = check.text("publisher", form.publisher)
        place = check.text("place", form.place)
        isbn = _isbn(check, form.isbn)
        doi = _doi(check, form.doi)
        url = _url(check, form.url)
        abstract = check.text("abstract", form.abstract, max_length=_LONG_TEXT)
        project = find(session, Project, form.project_id) if form.project_id is not None else None
        if form.project_id is not None and project is None:
            check.fail("project_id", _("Choose an existing project."))
        elif not sees_project(session, self.actor, form.project_id):
            check.fail("project_id", out_of_scope_choice())
        indicators = self._indicators(session, check, form, project)
        if check.errors or output_type is None or status is None:
            raise ValidationError(check.errors)

        for column, value in names.items():
            setattr(output, column, value)
        output.output_type = output_type
        output.status = status
        output.authors = authors
        output.languages = ",".join(languages) or None
        output.published_on = published_on
        output.publisher = publisher
        output.place = place
        output.isbn = isbn
        output.doi = doi
        output.url = url
        output.abstract = abstract
        output.project = project
        output.indicators = indicators
        output.search_key = research_search_key(isbn, doi, names_of(output), authors, publisher)

    @staticmethod
    def _indicators(
        session: Session, check: Checker, form: ResearchForm, project: Project | None
    ) -> list[Indicator]:
        """The indicators to link: they must exist and belong to the output's project."""
        wanted = set(form.indicator_ids)
        if not wanted:
            return []
        found = list(
            session.scalars(
                select(Indicator)
                .join(Result, Indicator.result_id == Result.id)
                .where(Indicator.id.in_([id_ for id_ in wanted if is_record_id(id_)]))
                .order_by(Indicator.id)
            )
        )
        if project is None:
            check.fail(
                "indicator_ids", _("Choose the project before linking the output to indicators.")
            )
        elif len(found) != len(wanted) or any(
            indicator.result.project_id != project.id for indicator in found
        ):
            check.fail(
                "indicator_ids",
                _("Only indicators of the output's own project can be linked to it."),
            )
        return found


def _enum(check: Checker, field_name: str, enum_class: Any, value: object) -> Any:
    try:
        return enum_class(value)
    except ValueError:
        check.fail(field_name, _("Choose a value from the list."))
        return None


def _languages(check: Checker, codes: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(code.strip().lower() for code in codes if code.strip()))
    bad = [code for code in cleaned if not _LANGUAGE_CODE.match(code)]
    if bad:
        check.fail(
            "languages",
            # L10N: {codes} lists what the user typed, such as "english, 12"
            _("{codes}: give languages as two- or three-letter codes, such as sq, sr, en.").format(
                codes=", ".join(bad)
            ),
        )
    elif len(",".join(cleaned)) > 64:
        check.fail("languages", _("Too many languages for one output."))
    return cleaned


def isbn_is_valid(digits: str) -> bool:
    """ISBN-10 (weights 10..1, modulo 11, X for ten) or ISBN-13 (weights 1,3, modulo 10)."""
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum(
            (10 if char == "X" else int(char)) * weight
            for char, weight in zip(digits, range(10, 0, -1), strict=True)
        )
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(char) * (3 if index % 2 else 1) for index, char in enumerate(digits))
        return total % 10 == 0
    return False


def _isbn(check: Checker, value: str) -> str | None:
    text = check.text("isbn", value, max_length=64)
    if text is None:
        return None
    text = re.sub(r"^isbn(-1[03])?:?\s*", "", text, flags=re.IGNORECASE).upper()
    digits = isbn_digits(text) or ""
    if re.search(r"[^0-9X\- ]", text) or len(digits) not in (10, 13):
        check.fail(
            "isbn",
            _("“{value}” is not an ISBN: an ISBN has 10 or 13 digits.").format(value=value),
        )
    elif not isbn_is_valid(digits):
        check.fail(
            "isbn",
            _("“{value}” is not a valid ISBN: its check digit does not match.").format(value=value),
        )
    return text


def _doi(check: Checker, value: str) -> str | None:
    """A DOI, stored bare even when pasted as a doi.org link."""
    text = check.text("doi", value)
    if text is None:
        return None
    bare = _DOI_PREFIXES.sub("", text)
    if not _DOI.match(bare):
        check.fail(
            "doi",
            _("“{value}” is not a DOI: a DOI looks like 10.1234/abc-123.").format(value=value),
        )
    return bare


def _url(check: Checker, value: str) -> str | None:
    text = check.text("url", value)
    if text is None:
        return None
    try:
        parts = urlsplit(text)
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and " " not in text
    except ValueError:
        valid = False
    if not valid:
        check.fail("url", _("Give a web address that starts with http:// or https://."))
    return text
