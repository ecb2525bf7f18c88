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

from sqlalchemy import ColumnElement, Select, select, true
from sqlalchemy.orm import Session

from desktop.domain.project import Project, ProjectPartner
from desktop.domain.user import Role
from desktop.i18n import _
from desktop.services.actor import Actor
from desktop.services.errors import NotFoundError, ValidationError


def is_scoped(actor: Actor) -> bool:
    """Whether ``actor`` sees only their organisation's projects."""
    return actor.organisation_id is not None and actor.role != Role.ADMIN


def visible_projects(actor: Actor) -> Select | None:
    """The ids of the projects ``actor`` may see, or ``None`` when they see every project."""
    if not is_scoped(actor):
        return None
    partnered = select(ProjectPartner.project_id).where(
        ProjectPartner.organisation_id == actor.organisation_id
    )
    led = select(Project.id).where(Project.lead_organisation_id == actor.organisation_id)
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
