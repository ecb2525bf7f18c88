"""Organisation scope: which projects a user may see and change on a shared server.

The rule, the same here and in PostgreSQL's row-level security (revision 0009):

- A user whose account names an organisation, and whose role is not administrator, is
  *scoped*: they see and change only the projects that organisation takes part in, as the
  project's lead organisation or as one of its partners (lead applicant or not), and the
  records that belong to those projects (grants and their parts, activities, results and
  indicators, research outputs, cases, their attachments and audit entries).
- Records that belong to no project (a research output or a case without one) are the lead
  office's: a scoped user sees none of them and cannot create one.
- A user without an organisation is the lead office, and an administrator manages the whole
  database: both see everything.
- Organisations, people, municipalities and the other reference data stay visible to all.

A scoped user who asks for a record outside their scope is told it was not found, exactly as
if it did not exist, so a scope never reveals what lies beyond it.
"""

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Select, and_, or_, select, true
from sqlalchemy.orm import Session

from desktop.domain.base import Base
from desktop.domain.project import Project, ProjectPartner
from desktop.domain.user import Role
from desktop.i18n import _
from desktop.services.actor import Actor
from desktop.services.errors import NotFoundError, ValidationError

if TYPE_CHECKING:
    from desktop.domain.grant import BudgetLine, Expenditure, Instalment
    from desktop.domain.period import ReportingPeriod


def is_scoped(actor: Actor) -> bool:
    """Whether ``actor`` sees only their organisation's projects."""
    return actor.organisation_id is not None and actor.role != Role.ADMIN


def visible_projects(actor: Actor) -> Select | None:
    """The ids of the projects ``actor`` may see, or ``None`` when they see every project.

    Written on the tables, not the mapped classes, so that a list built on tables alone
    (the activities', ``desktop.services.activities``) stays free of the ORM with it."""
    if not is_scoped(actor):
        return None
    partners, projects = ProjectPartner.__table__.c, Project.__table__.c
    partnered = select(partners.project_id).where(partners.organisation_id == actor.organisation_id)
    led = select(projects.id).where(projects.lead_organisation_id == actor.organisation_id)
    return partnered.union(led)


def scope_condition(actor: Actor, project_id: ColumnElement) -> ColumnElement[bool]:
    """A WHERE condition keeping the rows whose ``project_id`` lies in ``actor``'s scope.

    A row without a project (``NULL``) is kept only for an unscoped actor, since ``NULL IN``
    is never true.
    """
    projects = visible_projects(actor)
    if projects is None:
        return true()
    return project_id.in_(projects)


def sees_project(session: Session, actor: Actor, project_id: int | None) -> bool:
    projects = visible_projects(actor)
    if projects is None:
        return True
    if project_id is None:
        return False
    found = session.scalar(
        select(Project.id).where(Project.id == project_id, Project.id.in_(projects))
    )
    return found is not None


def require_project_in_scope(
    session: Session, actor: Actor, project_id: int | None, missing: str
) -> None:
    """Refuse, with the record's own "not found" sentence ``missing``, a record whose
    project lies outside ``actor``'s scope: to them it does not exist."""
    if not sees_project(session, actor, project_id):
        raise NotFoundError(missing)


def check_project_choice(
    session: Session, actor: Actor, project_id: int | None, field: str = "project_id"
) -> None:
    """Refuse a form that would put a record under a project outside ``actor``'s scope (or
    under no project, which only the lead office may do), naming the form's field."""
    if not sees_project(session, actor, project_id):
        raise ValidationError({field: out_of_scope_choice()})


def out_of_scope_choice() -> str:
    return _("Choose one of the projects your organisation takes part in.")


def _through_grant(
    model: "type[BudgetLine | Instalment | Expenditure | ReportingPeriod]",
) -> Callable[[Select], Select]:
    from desktop.domain.grant import Grant

    return lambda projects: (
        select(model.id)
        .join(Grant, model.grant_id == Grant.id)
        .where(Grant.project_id.in_(projects))
    )


@cache
def _in_projects() -> dict[type[Base], Callable[[Select], Select]]:
    """For each kind of record that belongs to a project: the ids of those in the given
    projects.  Made when a scoped user first asks, so that the models it names are not
    imported before the window's first rows (an unscoped user never needs it)."""
    from desktop.domain.activity import Activity, ParticipantCount
    from desktop.domain.case import Case, CaseAction, CaseStatusChange
    from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
    from desktop.domain.period import NarrativeText, ReportingPeriod
    from desktop.domain.research import ResearchOutput
    from desktop.domain.results import Indicator, IndicatorValue, Result

    return {
        Project: lambda projects: select(Project.id).where(Project.id.in_(projects)),
        ProjectPartner: lambda projects: select(ProjectPartner.id).where(
            ProjectPartner.project_id.in_(projects)
        ),
        Grant: lambda projects: select(Grant.id).where(Grant.project_id.in_(projects)),
        BudgetLine: _through_grant(BudgetLine),
        Instalment: _through_grant(Instalment),
        Expenditure: _through_grant(Expenditure),
        ReportingPeriod: _through_grant(ReportingPeriod),
        NarrativeText: lambda projects: (
            select(NarrativeText.id)
            .join(ReportingPeriod, NarrativeText.period_id == ReportingPeriod.id)
            .join(Grant, ReportingPeriod.grant_id == Grant.id)
            .where(Grant.project_id.in_(projects))
        ),
        Activity: lambda projects: select(Activity.id).where(Activity.project_id.in_(projects)),
        ParticipantCount: lambda projects: (
            select(ParticipantCount.id)
            .join(Activity, ParticipantCount.activity_id == Activity.id)
            .where(Activity.project_id.in_(projects))
        ),
        Result: lambda projects: select(Result.id).where(Result.project_id.in_(projects)),
        Indicator: lambda projects: (
            select(Indicator.id)
            .join(Result, Indicator.result_id == Result.id)
            .where(Result.project_id.in_(projects))
        ),
        IndicatorValue: lambda projects: (
            select(IndicatorValue.id)
            .join(Indicator, IndicatorValue.indicator_id == Indicator.id)
            .join(Result, Indicator.result_id == Result.id)
            .where(Result.project_id.in_(projects))
        ),
        ResearchOutput: lambda projects: select(ResearchOutput.id).where(
            ResearchOutput.project_id.in_(projects)
        ),
        Case: lambda projects: select(Case.id).where(Case.project_id.in_(projects)),
        CaseAction: lambda projects: (
            select(CaseAction.id)
            .join(Case, CaseAction.case_id == Case.id)
            .where(Case.project_id.in_(projects))
        ),
        CaseStatusChange: lambda projects: (
            select(CaseStatusChange.id)
            .join(Case, CaseStatusChange.case_id == Case.id)
            .where(Case.project_id.in_(projects))
        ),
    }


# Records about the accounts themselves are the lead office's.
_LEAD_OFFICE_ONLY = frozenset({"users"})


def records_in_scope(actor: Actor, model: type[Base]) -> Select | None:
    """The ids of the ``model`` records ``actor`` may see; ``None`` when they see them all
    (an unscoped actor, or records that belong to no project, such as organisations)."""
    projects = visible_projects(actor)
    if projects is None or model not in _in_projects():
        return None
    return _in_projects()[model](projects)


def sees_record(session: Session, actor: Actor, record: Base) -> bool:
    """Whether ``actor``'s scope reaches ``record``, of whatever kind."""
    if not is_scoped(actor):
        return True
    model = type(record)
    if model.__tablename__ in _LEAD_OFFICE_ONLY:
        return False
    ids = records_in_scope(actor, model)
    if ids is None:
        return True
    key = model.id  # type: ignore[attr-defined]
    return session.scalar(select(key).where(key == record.id, key.in_(ids))) is not None  # type: ignore[attr-defined]


def entity_condition(
    actor: Actor, entity: ColumnElement[str], key: ColumnElement, *, by_uuid: bool = False
) -> ColumnElement[bool]:
    """A WHERE condition on rows that name a record by its table (``entity``) and its id
    or, ``by_uuid``, its UUID (audit entries, attachments): only the records in ``actor``'s
    scope, and every record that belongs to no project."""
    projects = visible_projects(actor)
    if projects is None:
        return true()
    from desktop.domain.attachment import Attachment

    bound = [model.__tablename__ for model in _in_projects()]
    conditions = [entity.not_in([*bound, Attachment.__tablename__, *_LEAD_OFFICE_ONLY])]
    for model, ids in _in_projects().items():
        kept = ids(projects)
        if by_uuid:
            kept = select(model.uuid).where(model.id.in_(kept))
        conditions.append(and_(entity == model.__tablename__, key.in_(kept)))
    if not by_uuid:  # an entry about a file follows the record the file is attached to
        files = select(Attachment.id).where(attachment_condition(actor))
        conditions.append(and_(entity == Attachment.__tablename__, key.in_(files)))
    return or_(*conditions)


def attachment_condition(actor: Actor) -> ColumnElement[bool]:
    """The attachments ``actor`` may see: those of records in their scope."""
    from desktop.domain.attachment import Attachment

    return entity_condition(actor, Attachment.entity, Attachment.entity_uuid, by_uuid=True)
