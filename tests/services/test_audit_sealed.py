"""The audit log records every write in the write's own transaction, and nobody can change
or remove what it holds: not a service, not an administrator's session, not raw SQL.

Every write recipe of ``test_permissions_by_role`` is run as the administrator; each must
leave audit entries naming what it changed, by whom, and leave every older entry as it was.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import DBAPIError

from desktop.domain import AuditEntry, Base
from desktop.domain.audit import AuditAction
from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.audit_fields import audited_models
from desktop.services.audit_log import AuditLogService
from desktop.services.base import Service
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.permissions import Permission, required_permission
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store import schema
from desktop.store.database import Database, open_database
from tests.services.test_permissions_by_role import (
    Demo,
    demo,  # noqa: F401  (the module-scoped demo office, one per backend)
    public_methods,
    recipe_for,
    service_classes,
)

ADMIN = Actor("arta", Role.ADMIN)
READS = {Permission.READ_RECORDS, Permission.READ_AUDIT, Permission.READ_CONFIDENTIAL}

# Tables whose rows belong to a record audited under another table's name: a project's
# municipalities and partners are in the project's entry, an activity's participants in
# the activity's, a case's change of status in the case's.
OWNED_BY = {
    "case_status_changes": "cases",
    "narrative_texts": "reporting_periods",
    "participant_counts": "activities",
    "project_municipalities": "projects",
    "project_partners": "projects",
    "project_thematic_areas": "projects",
    "research_output_indicators": "research_outputs",
}


def _entries(db: Database) -> dict[int, tuple[Any, ...]]:
    with db.transaction() as session:
        return {
            entry.id: (entry.username, entry.action, entry.entity, entry.entity_id, entry.changes)
            for entry in session.scalars(select(AuditEntry))
        }


def _table_counts(db: Database) -> dict[str, tuple[int, int]]:
    counts = {}
    with db.transaction() as session:
        for table in Base.metadata.sorted_tables:
            version = table.columns.get("version")
            total = func.coalesce(func.sum(version), 0) if version is not None else func.count()
            counts[table.name] = tuple(
                session.execute(select(func.count(), total).select_from(table)).one()
            )
    return counts


def _write_recipes() -> Iterator[tuple[str, Any, Any]]:
    for cls in service_classes():
        for method in public_methods(cls):
            recipe = recipe_for(cls, method)
            assert recipe is not None
            if recipe.needs and not set(recipe.needs) <= READS:
                yield f"{cls.__name__}.{method}", cls, recipe


def test_every_write_leaves_its_audit_entries_and_no_entry_ever_changes(demo: Demo) -> None:  # noqa: F811
    unaudited = []
    for name, cls, recipe in _write_recipes():
        call = recipe.prepare(demo)
        entries_before, tables_before = _entries(demo.db), _table_counts(demo.db)
        call(cls(demo.db, demo.admin))
        entries_after, tables_after = _entries(demo.db), _table_counts(demo.db)
        assert {key: entries_after[key] for key in entries_before} == entries_before, name
        new = [entries_after[key] for key in sorted(set(entries_after) - set(entries_before))]
        assert all(entry[0] == demo.admin.username for entry in new), name
        named = {entry[2] for entry in new}
        changed = {
            OWNED_BY.get(table, table)
            for table, counts in tables_after.items()
            if counts != tables_before[table] and table != "audit_entries"
        }
        missing = {table for table in changed if table in audited_models()} - named
        if missing or (changed and not new):
            unaudited.append(f"{name}: changed {sorted(changed)}, audited {sorted(named)}")
    assert not unaudited, "\n".join(unaudited)


def _project_form(service: ProjectService, project_id: int) -> Any:
    details = service.get(project_id)
    details.form.name_en = "Safer roads to school, second phase"
    return details


def _project(db: Database) -> int:
    return ProjectService(db, ADMIN).create(
        ProjectForm(
            code="KS-CS-09",
            name_en="Safer roads to school",
            start_date="2026-01-01",
            end_date="2026-12-31",
        )
    )


def test_a_write_whose_audit_entry_fails_is_not_saved_either(db: Database) -> None:
    service = ProjectService(db, ADMIN)
    project_id = _project(db)
    details = _project_form(service, project_id)
    before = _entries(db)

    def refuse_audit_insert(*arguments: Any) -> None:
        """before_cursor_execute(conn, cursor, statement, parameters, context, many)"""
        if str(arguments[2]).lstrip().upper().startswith("INSERT INTO AUDIT_ENTRIES"):
            raise OSError("the disk failed while writing the audit entry")

    event.listen(db.engine, "before_cursor_execute", refuse_audit_insert)
    try:
        with pytest.raises(OSError):
            service.update(project_id, details.form, details.version)
    finally:
        event.remove(db.engine, "before_cursor_execute", refuse_audit_insert)
    after = service.get(project_id)
    assert after.form.name_en == "Safer roads to school" and after.version == details.version
    assert _entries(db) == before


def test_a_refused_write_leaves_neither_change_nor_entry(db: Database) -> None:
    service = ProjectService(db, ADMIN)
    project_id = _project(db)
    details = _project_form(service, project_id)
    details.form.end_date = "2025-01-01"  # before the start: the whole form is refused
    before = _entries(db)
    with pytest.raises(ValidationError):
        service.update(project_id, details.form, details.version)
    assert service.get(project_id).form.name_en == "Safer roads to school"
    assert _entries(db) == before


def _sealed(db: Database) -> None:
    """Raw SQL, an administrator's ORM session, and (on PostgreSQL) TRUNCATE are all refused,
    and the entries are as they were."""
    before = _entries(db)
    assert before
    statements = [
        "UPDATE audit_entries SET username = 'nobody'",
        "UPDATE audit_entries SET changes = '{}' WHERE id = (SELECT MIN(id) FROM audit_entries)",
        "DELETE FROM audit_entries",
        "DELETE FROM audit_entries WHERE id = (SELECT MAX(id) FROM audit_entries)",
    ]
    if not db.is_sqlite:
        statements.append("TRUNCATE audit_entries")
    for statement in statements:
        refused = pytest.raises(DBAPIError, match="audit entries cannot be changed or deleted")
        with refused, db.engine.begin() as connection:
            connection.execute(text(statement))
    service = Service(db, ADMIN)
    first = min(before)
    for change in (
        lambda session: setattr(session.get(AuditEntry, first), "username", "nobody"),
        lambda session: setattr(session.get(AuditEntry, first), "changes", {}),
        lambda session: session.delete(session.get(AuditEntry, first)),
    ):
        with pytest.raises((ServiceError, DBAPIError)), service.unit_of_work() as session:
            change(session)
    assert _entries(db) == before


def test_nobody_can_change_or_delete_an_audit_entry(db: Database) -> None:
    _project(db)
    _sealed(db)


def test_the_seal_survives_a_downgrade_and_upgrade(db: Database) -> None:
    _project(db)
    schema.downgrade(db.url, "0007")
    db.engine.dispose()
    with db.engine.begin() as connection:  # unsealed at 0007, as that schema was
        connection.execute(text("UPDATE audit_entries SET username = username"))
    db.close()
    reopened = open_database(db.url)
    try:
        assert schema.HEAD != "0007"
        _sealed(reopened)
    finally:
        reopened.close()


def test_the_audit_log_service_only_reads() -> None:
    methods = public_methods(AuditLogService)
    assert methods == ["count", "entities", "entry", "page", "users"]
    for method in methods:
        assert required_permission(getattr(AuditLogService, method)) == Permission.READ_AUDIT
    assert AuditAction.VIEW  # reading who raised a case is the one entry a read adds
