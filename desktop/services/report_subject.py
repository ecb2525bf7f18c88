"""What every report is about: a grant and one of its reporting periods.

Each report service starts from these two (and the language, checked by
``report_formats.check_report_language``); checking them here gives every format the same
refusals, worded the same way.
"""

from sqlalchemy.orm import Session

from desktop.domain.grant import Grant
from desktop.domain.period import ReportingPeriod
from desktop.i18n import _
from desktop.services.actor import Actor
from desktop.services.errors import ValidationError
from desktop.services.records import load
from desktop.services.scope import require_project_in_scope


def grant_and_period(
    session: Session, grant_id: int, period_id: int, *, actor: Actor
) -> tuple[Grant, ReportingPeriod]:
    """The grant and its period; refused when either is gone or the period is another's,
    and, to a user of a partner organisation, when the grant funds a project outside their
    organisation's scope (as if it did not exist)."""
    missing = _("The grant was not found; it may have been deleted.")
    grant = load(session, Grant, grant_id, missing)
    require_project_in_scope(session, actor, grant.project_id, missing)
    period = load(
        session,
        ReportingPeriod,
        period_id,
        _("The reporting period was not found; it may have been deleted."),
    )
    if period.grant_id != grant.id:
        raise ValidationError({"period": _("This reporting period belongs to another grant.")})
    return grant, period
