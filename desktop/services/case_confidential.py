"""Who raised a case, and how to reach them: the rules that keep it confidential.

People who report a safety concern in a tense community can be put at risk if their name
leaks.  So the name and contact of whoever raised a case are shown only to roles with
``Permission.READ_CONFIDENTIAL`` (administrators and managers), are left out of search keys,
list rows, exports and reports unless a reader explicitly asks for them, and every time the
clear values leave the database for a reader an ``AuditAction.VIEW`` entry is written in the
same transaction.  The entry's ``changes`` are ``{"fields": [...], "purpose": ...}``: the
confidential columns that held a value, and ``"details"`` (one case opened), ``"export"``
(a list written to a file) or ``"audit_log"`` (an entry of the log opened, whose values
named them; the log's lists always say "(confidential)").  An entry is written only when
some value was actually shown: an empty field reveals nobody.
"""

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.orm import Session

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.case import Case
from desktop.i18n import N_
from desktop.services.actor import Actor
from desktop.services.permissions import Permission, allowed

CONFIDENTIAL_FIELDS = ("raised_by", "raised_by_contact")

# Why the clear values were returned, as a VIEW entry stores it.
SHOWN_IN_DETAILS = "details"
EXPORTED = "export"
IN_AUDIT_LOG = "audit_log"

# What the audit log says about a VIEW entry, by its purpose (untranslated messages).
VIEW_SUMMARIES = {
    # L10N: the audit log's summary of an entry recording that someone opened a case and saw
    # who raised it; {fields} lists the fields shown, such as "Raised by, How to reach…"
    SHOWN_IN_DETAILS: N_("Saw who raised the case: {fields}"),
    # L10N: the audit log's summary of an entry recording that who raised a case was written
    # to an exported file; {fields} lists the fields exported
    EXPORTED: N_("Exported who raised the case to a file: {fields}"),
    # L10N: the audit log's summary of an entry recording that someone opened an earlier
    # entry of the audit log that showed who raised a case; {fields} lists the fields shown
    IN_AUDIT_LOG: N_("Saw who raised the case in the audit log: {fields}"),
}


@dataclass(frozen=True)
class Raisers:
    """Who raised a case and how to reach them, as a reader may see them."""

    raised_by: str
    raised_by_contact: str


def may_read_raisers(actor: Actor) -> bool:
    return allowed(actor, Permission.READ_CONFIDENTIAL)


def fields_with_values(case: Case) -> list[str]:
    return [field for field in CONFIDENTIAL_FIELDS if getattr(case, field)]


def reveal(session: Session, actor: Actor, case: Case, purpose: str) -> Raisers:
    """The clear values of ``case`` for ``actor`` (who must be allowed to read them), with
    the VIEW entry that says they were read, in the caller's transaction."""
    shown = fields_with_values(case)
    if shown:
        record_view(session, actor, case.id, case.uuid, shown, purpose)
    return Raisers(case.raised_by or "", case.raised_by_contact or "")


def record_view(
    session: Session,
    actor: Actor,
    case_id: int,
    case_uuid: UUID | None,
    fields: list[str],
    purpose: str,
) -> None:
    """The VIEW entry for a case known by its keys only (the audit log's entries name the
    case they are about; it need not be read to say it was seen)."""
    session.add(
        AuditEntry(
            user_id=actor.user_id,
            username=actor.username,
            action=AuditAction.VIEW,
            entity=Case.__tablename__,
            entity_id=case_id,
            entity_uuid=case_uuid,
            changes={"fields": fields, "purpose": purpose},
        )
    )
