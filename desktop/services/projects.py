"""Projects: list, read, create, update, archive and restore."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Row, Select, or_, select, true
from sqlalchemy.orm import Session, aliased

from desktop.domain.audit import AuditAction
from desktop.domain.organisation import Organisation
from desktop.domain.project import (
    PartnerRole,
    Project,
    ProjectPartner,
    ProjectStatus,
    project_municipalities,
)
from desktop.domain.reference import Municipality, ThematicArea
from desktop.domain.search import names_of, search_key_of
from desktop.i18n import _
from desktop.i18n.collation import sort_key_for
from desktop.services import audit
from desktop.services.base import RecordService
from desktop.services.errors import ValidationError
from desktop.services.listing import (
    PAGE_SIZE,
    ListQuery,
    localized_name,
    search_condition,
    search_words,
)
from desktop.services.permissions import Permission, requires
from desktop.services.scope import is_scoped
from desktop.services.validation import Checker, storable


@dataclass(frozen=True)
class ProjectRow:
    id: int
    code: str
    name: str
    status: ProjectStatus
    start_date: date
    end_date: date
    lead_organisation: str
    archived: bool
    municipalities: str = ""  # their names in the list's language, alphabetical, ", "-joined


@dataclass
class ProjectForm:
    """What a user fills in for a project; text as typed, checked by the service."""

    code: str = ""
    name_en: str = ""
    name_sq: str = ""
    name_sr: str = ""
    name_sr_latn: str = ""
    summary: str = ""
    status: ProjectStatus = ProjectStatus.PLANNED
    start_date: date | str | None = None
    end_date: date | str | None = None
    lead_organisation_id: int | None = None
    municipality_ids: list[int] = field(default_factory=list)
    thematic_area_ids: list[int] = field(default_factory=list)
    partners: list[tuple[int, PartnerRole]] = field(default_factory=list)


@dataclass(frozen=True)
class ProjectDetails:
    id: int
    uuid: UUID
    version: int
    archived: bool
    form: ProjectForm


_SORTS = {
    "code": Project.code,
    "status": Project.status,
    "start_date": Project.start_date,
    "end_date": Project.end_date,
}


class ProjectService(RecordService[ProjectRow]):
    model = Project
    scope_by = "id"

    def not_found(self) -> str:
        return _("The project was not found; it may have been deleted.")

    def _listing(self, query: ListQuery) -> Select:
        lead = aliased(Organisation)
        return select(Project, lead).outerjoin(lead, Project.lead_organisation_id == lead.id)

    def _search(self, text: str) -> ColumnElement[bool]:
        """A project is found by its code and titles, and by the names of its municipalities
        in any language and script ("Звечан", "Zvecan", "Zveçan")."""
        words = search_words(text)
        if not words:
            return true()
        with self.unit_of_work(read_only=True) as session:
            places = [
                place.id
                for place in session.scalars(select(Municipality))
                if all(word in search_key_of(*names_of(place)) for word in words)
            ]
        in_places = Project.id.in_(
            select(project_municipalities.c.project_id).where(
                project_municipalities.c.municipality_id.in_(places)
            )
        )
        return or_(search_condition(Project.search_key, text), in_places)

    def _filter(self, statement: Select, name: str, value: Any) -> Select:
        """ "municipality_id" keeps the projects working in that municipality (or in one of
        them, for a list); other filters are the columns' own."""
        if name != "municipality_id":
            return super()._filter(statement, name, value)
        places = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        places = storable(Municipality.__table__.c.id, places)
        return statement.where(
            Project.id.in_(
                select(project_municipalities.c.project_id).where(
                    project_municipalities.c.municipality_id.in_(places)
                )
            )
        )

    def _order(self, query: ListQuery) -> ColumnElement:
        if query.sort == "name":
            return localized_name(Project, query.language)
        return _SORTS.get(query.sort, Project.code)

    def _row(self, result: Row[Any], language: str) -> ProjectRow:
        project, lead = result
        return ProjectRow(
            id=project.id,
            code=project.code,
            name=project.name(language),
            status=project.status,
            start_date=project.start_date,
            end_date=project.end_date,
            lead_organisation=lead.name(language) if lead else "",
            archived=project.is_archived,
        )

    @requires(Permission.READ_RECORDS)
    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[ProjectRow]:
        """The rows with their municipalities, read for the whole page in one query."""
        rows = super().page(query, offset, limit)
        if not rows:
            return rows
        with self.unit_of_work(read_only=True) as session:
            places = _municipality_names(session, [row.id for row in rows], query.language)
        return [replace(row, municipalities=places.get(row.id, "")) for row in rows]

    @requires(Permission.READ_RECORDS)
    def get(self, project_id: int) -> ProjectDetails:
        with self.unit_of_work(read_only=True) as session:
            project = self._load_in_scope(session, project_id)
            form = ProjectForm(
                code=project.code,
                name_en=project.name_en or "",
                name_sq=project.name_sq or "",
                name_sr=project.name_sr or "",
                name_sr_latn=project.name_sr_latn or "",
                summary=project.summary or "",
                status=project.status,
                start_date=project.start_date,
                end_date=project.end_date,
                lead_organisation_id=project.lead_organisation_id,
                municipality_ids=[m.id for m in project.municipalities],
                thematic_area_ids=[t.id for t in project.thematic_areas],
                partners=[(p.organisation_id, p.role) for p in project.partners],
            )
            return ProjectDetails(
                project.id, project.uuid, project.version, project.is_archived, form
            )

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: ProjectForm) -> int:
        with self.unit_of_work() as session:
            project = Project()
            self._apply(session, project, form)
            session.add(project)
            # the entry holds the municipalities, themes and partners, as updates do
            audit.record(session, self.actor, AuditAction.CREATE, project, self._state(project))
            return project.id

    @requires(Permission.EDIT_RECORDS)
    def update(self, project_id: int, form: ProjectForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            project = self._load_in_scope(session, project_id, expected_version)
            before = self._state(project)
            self._apply(session, project, form)
            self._audited_update(session, project, before)

    def _state(self, record: Project) -> audit.Snapshot:
        return {
            **audit.snapshot(record),
            "municipalities": sorted(m.code for m in record.municipalities),
            "thematic_areas": sorted(t.code for t in record.thematic_areas),
            "partners": sorted([p.organisation_id, p.role.value] for p in record.partners),
        }

    def _apply(self, session: Session, project: Project, form: ProjectForm) -> None:
        """Check the whole form, then copy it onto ``project``; raises before any change."""
        check = Checker()
        code = check.text("code", form.code, required=True, max_length=64)
        names = {
            "name_en": check.text("name_en", form.name_en),
            "name_sq": check.text("name_sq", form.name_sq),
            "name_sr": check.text("name_sr", form.name_sr),
            "name_sr_latn": check.text("name_sr_latn", form.name_sr_latn),
        }
        if not any(names.values()):
            check.fail("name_en", _("Give the project a title in at least one language."))
        summary = check.text("summary", form.summary, max_length=20_000)
        start = check.date("start_date", form.start_date, required=True)
        end = check.date("end_date", form.end_date, required=True)
        check.date_order("end_date", start, end)
        if code and session.scalar(
            select(Project.id).where(Project.code == code, Project.id != project.id)
        ):
            check.fail("code", _("Another project already has the code {code}.").format(code=code))
        check.record(
            "lead_organisation_id",
            session,
            Organisation,
            form.lead_organisation_id,
            _("Choose an existing organisation."),
        )
        municipalities = check.records(
            "municipality_ids",
            session,
            Municipality,
            form.municipality_ids,
            _("Choose municipalities from the list."),
        )
        themes = check.records(
            "thematic_area_ids",
            session,
            ThematicArea,
            form.thematic_area_ids,
            _("Choose thematic areas from the list."),
        )
        partner_ids = [organisation_id for organisation_id, _role in form.partners]
        if len(set(partner_ids)) != len(partner_ids):
            check.fail("partners", _("Each partner can be listed only once."))
        check.records(
            "partners",
            session,
            Organisation,
            partner_ids,
            _("Choose existing organisations as partners."),
        )
        if is_scoped(self.actor) and self.actor.organisation_id not in {
            *partner_ids,
            form.lead_organisation_id,
        }:
            check.fail(
                "partners",
                _("List your own organisation as a partner: you may keep only its projects."),
            )
        status = check.choice("status", form.status, ProjectStatus)
        for _organisation_id, role in form.partners:
            check.choice("partners", role, PartnerRole)
        if check.errors:
            raise ValidationError(check.errors)

        project.code = code or ""
        for column, value in names.items():
            setattr(project, column, value)
        project.summary = summary
        project.status = status  # type: ignore[assignment]
        project.start_date = start  # type: ignore[assignment]
        project.end_date = end  # type: ignore[assignment]
        project.lead_organisation_id = form.lead_organisation_id
        project.municipalities = municipalities
        project.thematic_areas = themes
        existing = {partner.organisation_id: partner for partner in project.partners}
        project.partners = [
            _partner(existing.get(organisation_id), organisation_id, role)
            for organisation_id, role in form.partners
        ]
        project.search_key = search_key_of(project.code, *names_of(project))


def _partner(
    existing: ProjectPartner | None, organisation_id: int, role: PartnerRole
) -> ProjectPartner:
    partner = existing or ProjectPartner(organisation_id=organisation_id)
    partner.role = PartnerRole(role)
    return partner


def _municipality_names(
    session: Session, project_ids: Sequence[int], language: str
) -> dict[int, str]:
    """Each project's municipalities in ``language``, in that language's alphabetical order."""
    links = project_municipalities.c
    statement = (
        select(links.project_id, Municipality)
        .join(Municipality, Municipality.id == links.municipality_id)
        .where(links.project_id.in_(project_ids))
    )
    names: dict[int, list[str]] = defaultdict(list)
    for project_id, place in session.execute(statement):
        names[project_id].append(place.name(language))
    key = sort_key_for(language)
    return {project_id: ", ".join(sorted(found, key=key)) for project_id, found in names.items()}
