"""What ``csodesk list`` prints: per subject, its columns and, first, the key other
commands take (a project's code, a grant's contract number, a period's label, an
organisation's UUID).

Each subject imports its own service when it is listed: ``csodesk list projects`` has no
use for the grants service and what it brings (money formatting, donor profiles).
"""

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from desktop.i18n import _, translator_for
from desktop.services.listing import ListQuery

if TYPE_CHECKING:
    from desktop.store.database import Database

Columns = list[tuple[str, str]]
Records = list[dict[str, Any]]
_BATCH = 1000


def _all_rows(service: Any, query: ListQuery) -> list[Any]:
    rows: list[Any] = []
    while True:
        batch = service.page(query, offset=len(rows), limit=_BATCH)
        rows.extend(batch)
        if len(batch) < _BATCH:
            return rows


def list_records(
    db: "Database", subject: str, grant: str | None, archived: bool, language: str
) -> tuple[Columns, Records]:
    query = ListQuery(include_archived=archived, sort="code", language=language)
    if subject == "projects":
        return _projects(db, query, language)
    if subject == "organisations":
        return _organisations(db, query)
    if subject == "grants":
        return _grants(db, query, grant)
    return _periods(db, query, grant)


def _projects(db: "Database", query: ListQuery, language: str) -> tuple[Columns, Records]:
    from desktop.domain.project import PROJECT_STATUS_LABELS
    from desktop.services.projects import ProjectService

    label = translator_for(language).gettext
    columns = [
        ("key", _("Code")),
        ("name", _("Title")),
        ("status", _("Status")),
        ("start", _("Start")),
        ("end", _("End")),
    ]
    records = [
        {
            "key": row.code,
            "name": row.name,
            "status": label(PROJECT_STATUS_LABELS[row.status]),
            "start": row.start_date.isoformat(),
            "end": row.end_date.isoformat(),
            "archived": row.archived,
        }
        for row in _all_rows(ProjectService(db), query)
    ]
    return columns, records


def _organisations(db: "Database", query: ListQuery) -> tuple[Columns, Records]:
    from desktop.services.organisations import OrganisationService

    service = OrganisationService(db)
    columns = [("key", _("Key")), ("acronym", _("Acronym")), ("name", _("Name"))]
    records = [
        {
            "key": str(row.uuid),
            "acronym": row.acronym,
            "name": row.name,
            "kind": row.kind.value,
            "archived": row.archived,
        }
        for row in _all_rows(service, replace(query, sort="name"))
    ]
    return columns, records


def _grants(db: "Database", query: ListQuery, grant: str | None) -> tuple[Columns, Records]:
    from desktop.services.grants import GrantService

    service = GrantService(db)
    rows = _all_rows(service, query)
    if grant:
        wanted = service.find(grant)
        rows = [row for row in rows if row.id == wanted]
    columns = [
        ("key", _("Contract number")),
        ("project", _("Project")),
        ("donor", _("Donor")),
        ("amount", _("Amount")),
        ("currency", _("Currency")),
    ]
    records = [
        {
            "key": row.contract_number,
            "project": row.project,
            "donor": row.donor,
            "amount": str(row.amount),
            "currency": row.currency,
            "start": row.start_date.isoformat(),
            "end": row.end_date.isoformat(),
            "archived": row.archived,
        }
        for row in rows
    ]
    return columns, records


def _periods(db: "Database", query: ListQuery, grant: str | None) -> tuple[Columns, Records]:
    from desktop.services.grants import GrantService

    service = GrantService(db)
    grants = _all_rows(service, query)
    if grant:
        wanted = service.find(grant)
        grants = [row for row in grants if row.id == wanted]
    columns = [
        ("key", _("Period")),
        ("grant", _("Contract number")),
        ("start", _("Start")),
        ("end", _("End")),
        ("due", _("Report due")),
    ]
    records = [
        {
            "key": period.label,
            "grant": row.contract_number,
            "kind": period.kind.value,
            "start": period.start_date.isoformat(),
            "end": period.end_date.isoformat(),
            "due": period.due_on.isoformat() if period.due_on else None,
        }
        for row in grants
        for period in service.periods(row.id)
    ]
    return columns, records
