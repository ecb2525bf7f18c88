"""Which activities a report's period counts, and how it adds up their participants.

The quarterly report and the EU narrative report show the same period's activities and
participants to the same donor: one definition keeps their figures from drifting apart.
"""

from sqlalchemy import ColumnElement, case, func

from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.grant import Grant
from desktop.domain.period import ReportingPeriod
from desktop.domain.person import Gender


def activities_in_period(grant: Grant, period: ReportingPeriod) -> list[ColumnElement[bool]]:
    """The grant's project's live activities that took place, at least in part, in the
    period."""
    return [
        Activity.project_id == grant.project_id,
        Activity.archived_at.is_(None),
        Activity.start_date <= period.end_date,
        Activity.end_date >= period.start_date,
    ]


def participants_counted(*genders: Gender) -> ColumnElement[int]:
    """The sum of the participant lines of ``genders`` among the rows grouped, 0 for none."""
    return func.coalesce(
        func.sum(case((ParticipantCount.gender.in_(genders), ParticipantCount.count), else_=0)),
        0,
    )
