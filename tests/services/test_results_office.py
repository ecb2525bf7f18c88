"""A small office for the results tests (builders only; pytest finds no test here): a
project with a grant and two quarters, a second project, the people who enter and review
values, and activities with their participants.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from desktop.domain.activity import Activity, AgeBand, ParticipantCount
from desktop.domain.base import utcnow
from desktop.domain.organisation import OrganisationKind
from desktop.domain.period import PeriodKind, ReportingPeriod
from desktop.domain.person import Gender
from desktop.domain.reference import ActivityType, Community
from desktop.domain.user import Role, User
from desktop.services.actor import Actor
from desktop.services.grants import GrantForm, GrantService
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.results import (
    IndicatorForm,
    IndicatorValueService,
    ResultForm,
    ResultLevel,
    ResultsService,
)
from desktop.store.database import Database


@dataclass(frozen=True)
class Office:
    db: Database
    project_id: int
    other_project_id: int
    grant_id: int
    q1: int
    q2: int
    admin: Actor
    manager: Actor
    staff: Actor
    viewer: Actor

    def results(self, actor: Actor | None = None) -> ResultsService:
        return ResultsService(self.db, actor or self.staff)

    def values(self, actor: Actor | None = None) -> IndicatorValueService:
        return IndicatorValueService(self.db, actor or self.staff)


def _project(db: Database, code: str, title: str) -> int:
    return ProjectService(db).create(
        ProjectForm(
            code=code, name_en=title, start_date=date(2026, 1, 1), end_date=date(2027, 6, 30)
        )
    )


def _quarter(db: Database, grant_id: int, quarter: int) -> int:
    start = date(2026, 3 * quarter - 2, 1)
    end = date(2026, 3 * quarter + 1, 1) - timedelta(days=1)
    with db.transaction() as session:
        period = ReportingPeriod(
            grant_id=grant_id,
            label=f"2026-Q{quarter}",
            kind=PeriodKind.QUARTERLY,
            start_date=start,
            end_date=end,
        )
        session.add(period)
        session.flush()
        return period.id


def _users(db: Database) -> dict[Role, Actor]:
    names = {
        Role.ADMIN: ("admin", "Liridona Shala"),
        Role.MANAGER: ("mira", "Mira Jovanović"),
        Role.STAFF: ("arben", "Arben Krasniqi"),
        Role.VIEWER: ("guest", "Board member"),
    }
    actors = {}
    with db.transaction() as session:
        for role, (username, full_name) in names.items():
            user = User(username=username, full_name=full_name, role=role)
            session.add(user)
            session.flush()
            actors[role] = Actor(username=username, role=role, user_id=user.id)
    return actors


def make_office(db: Database) -> Office:
    project_id = _project(db, "CSK-01", "Safer communities in Mitrovica")
    other_id = _project(db, "CSK-02", "Police and youth in dialogue")
    donor = OrganisationService(db).create(
        OrganisationForm(name_en="European Union Office in Kosovo", kind=OrganisationKind.DONOR)
    )
    grant_id = GrantService(db).create(
        GrantForm(
            contract_number="2025/461-198",
            project_id=project_id,
            donor_id=donor,
            amount=Decimal("249850.00"),
            start_date=date(2026, 1, 1),
            end_date=date(2027, 6, 30),
        )
    )
    actors = _users(db)
    return Office(
        db=db,
        project_id=project_id,
        other_project_id=other_id,
        grant_id=grant_id,
        q1=_quarter(db, grant_id, 1),
        q2=_quarter(db, grant_id, 2),
        admin=actors[Role.ADMIN],
        manager=actors[Role.MANAGER],
        staff=actors[Role.STAFF],
        viewer=actors[Role.VIEWER],
    )


def add_chain(office: Office, project_id: int | None = None) -> dict[str, int]:
    """Objective OO > outcome OC1 > output OP1.1, with one indicator under OC1."""
    service = office.results()
    project = project_id or office.project_id
    ids = {"OO": service.create_result(project, ResultForm(code="OO", name_en="Safer lives"))}
    ids["OC1"] = service.create_result(
        project,
        ResultForm(ResultLevel.OUTCOME, ids["OO"], "OC1", name_en="MCSCs consult communities"),
    )
    ids["OP1.1"] = service.create_result(
        project,
        ResultForm(ResultLevel.OUTPUT, ids["OC1"], "OP1.1", name_en="MCSC members trained"),
    )
    ids["OC1.1"] = service.create_indicator(
        IndicatorForm(
            result_id=ids["OC1"],
            code="OC1.1",
            name_en="MCSCs that adopted an action plan",
            unit="MCSCs",
            baseline="1",
            target="6",
        )
    )
    return ids


def activity_type_ids(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        return {t.code: t.id for t in session.scalars(select(ActivityType))}


def add_activity(
    db: Database,
    project_id: int,
    type_code: str,
    start: date,
    counts: dict[tuple[Gender, AgeBand], int],
    total: int | None = None,
    archived: bool = False,
) -> int:
    """An activity with its participants by gender and age band (all Albanian and Serb)."""
    with db.transaction() as session:
        activity_type = session.scalar(select(ActivityType).where(ActivityType.code == type_code))
        albanian, serb = (
            session.scalar(select(Community).where(Community.code == code))
            for code in ("albanian", "serb")
        )
        activity = Activity(
            project_id=project_id,
            activity_type=activity_type,
            name_en=f"{type_code} on {start}",
            start_date=start,
            end_date=start + timedelta(days=1),
            participants_total=total,
        )
        for number, ((gender, band), count) in enumerate(counts.items()):
            activity.participants.append(
                ParticipantCount(
                    gender=gender,
                    age_band=band,
                    community=albanian if number % 2 else serb,
                    count=count,
                )
            )
        if archived:
            activity.archived_at = utcnow()
        session.add(activity)
        session.flush()
        return activity.id
