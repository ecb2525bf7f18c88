"""Who raised a case is confidential: each role reads, finds and exports what it may, every
showing of the clear values is in the audit log, and an officer's edit never erases them.
"""

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.domain import AuditEntry, Case, Municipality
from desktop.domain.audit import AuditAction
from desktop.domain.case import CaseCategory
from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.audit_log import AuditLogService
from desktop.services.cases import CaseForm, CaseQuery, CaseService, CasesWithRaisers
from desktop.services.errors import ValidationError
from desktop.services.export import ExportColumn, export_list
from desktop.services.listing import ListQuery
from desktop.services.permissions import PermissionDenied
from desktop.store.database import Database
from desktop.store.demo import load_demo

ADMIN = Actor("arta", Role.ADMIN)
MANAGER = Actor("marko", Role.MANAGER)
STAFF = Actor("sara", Role.STAFF)
VIEWER = Actor("vesna", Role.VIEWER)
TRANSLATOR = Actor("teuta", Role.TRANSLATOR)
READERS = (ADMIN, MANAGER)
OTHERS = (STAFF, VIEWER)

NAME = "Jelena Stojanović"
CONTACT = "+383 44 000 123, jelena@example.org"
TODAY = date.today()


def _form(db: Database, **changes: object) -> CaseForm:
    with db.transaction() as session:
        place = session.scalar(select(Municipality.id).where(Municipality.code == "zvecan"))
    form = CaseForm(
        reference="CS-2026-050",
        title="Unlit underpass on the way to school",
        municipality_id=place,
        category=CaseCategory.PUBLIC_SPACE,
        raised_by=NAME,
        raised_by_contact=CONTACT,
        opened_on=TODAY - timedelta(days=10),
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _views(db: Database) -> list[AuditEntry]:
    with db.transaction() as session:
        statement = select(AuditEntry).where(AuditEntry.action == AuditAction.VIEW)
        return list(session.scalars(statement.order_by(AuditEntry.id)))


def _stored(db: Database, case_id: int) -> tuple[str | None, str | None, str]:
    with db.transaction() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.raised_by, case.raised_by_contact, case.search_key


@pytest.mark.parametrize("reader", READERS, ids=lambda actor: actor.role.value)
def test_administrators_and_managers_read_who_raised_a_case_and_each_read_is_audited(
    db: Database, reader: Actor
) -> None:
    case_id = CaseService(db, STAFF).create(_form(db))
    assert _views(db) == []  # logging a case shows nobody anything
    service = CaseService(db, reader)

    details = service.get(case_id)
    assert not details.confidential_hidden
    assert (details.form.raised_by, details.form.raised_by_contact) == (NAME, CONTACT)
    [view] = _views(db)
    assert (view.username, view.entity, view.entity_id) == (reader.username, "cases", case_id)
    assert view.changes == {"fields": ["raised_by", "raised_by_contact"], "purpose": "details"}

    service.get(case_id)  # opened again: seen again
    assert len(_views(db)) == 2
    again = service.get(case_id, with_raisers=False)  # a re-read for the status alone
    assert again.confidential_hidden and again.form.raised_by is None
    assert len(_views(db)) == 2


@pytest.mark.parametrize("other", OTHERS, ids=lambda actor: actor.role.value)
def test_staff_and_viewers_get_confidential_in_place_of_who_raised_a_case(
    db: Database, other: Actor
) -> None:
    case_id = CaseService(db, MANAGER).create(_form(db))
    details = CaseService(db, other).get(case_id)
    assert details.confidential_hidden
    assert (details.form.raised_by, details.form.raised_by_contact) == (None, None)
    assert details.form.title == "Unlit underpass on the way to school"
    assert _views(db) == []
    rows = CaseService(db, other).page(CaseQuery())
    assert [row.reference for row in rows] == ["CS-2026-050"]
    assert NAME not in repr(rows) and "000 123" not in repr(rows)


def test_a_translator_cannot_read_cases_at_all(db: Database) -> None:
    case_id = CaseService(db, MANAGER).create(_form(db))
    service = CaseService(db, TRANSLATOR)
    with pytest.raises(PermissionDenied):
        service.get(case_id)
    with pytest.raises(PermissionDenied):
        service.page(CaseQuery())
    with pytest.raises(PermissionDenied):
        service.page_with_raisers(CaseQuery())
    assert _views(db) == []


def test_an_empty_name_and_contact_reveal_nobody_and_are_not_logged_as_seen(db: Database) -> None:
    case_id = CaseService(db, MANAGER).create(_form(db, raised_by=None, raised_by_contact=""))
    details = CaseService(db, MANAGER).get(case_id)
    assert (details.form.raised_by, details.form.raised_by_contact) == ("", "")
    assert _views(db) == []
    CaseService(db, MANAGER).update(
        case_id, _form(db, raised_by=None, raised_by_contact="+383 45 000 999"), details.version
    )
    CaseService(db, ADMIN).get(case_id)
    [view] = _views(db)
    assert view.changes["fields"] == ["raised_by_contact"]


def test_an_officers_edit_keeps_who_raised_the_case(db: Database) -> None:
    case_id = CaseService(db, MANAGER).create(_form(db))
    staff = CaseService(db, STAFF)
    details = staff.get(case_id)
    details.form.title = "Unlit underpass: lamps ordered"
    staff.update(case_id, details.form, details.version)

    name, contact, _key = _stored(db, case_id)
    assert (name, contact) == (NAME, CONTACT)
    shown = CaseService(db, MANAGER).get(case_id).form
    assert (shown.title, shown.raised_by, shown.raised_by_contact) == (
        "Unlit underpass: lamps ordered",
        NAME,
        CONTACT,
    )
    with db.transaction() as session:
        [update] = session.scalars(
            select(AuditEntry).where(AuditEntry.action == AuditAction.UPDATE)
        ).all()
    assert set(update.changes) == {"title"}


@pytest.mark.parametrize("field", ["raised_by", "raised_by_contact"])
def test_an_officer_cannot_overwrite_what_they_cannot_see(db: Database, field: str) -> None:
    case_id = CaseService(db, MANAGER).create(_form(db))
    staff = CaseService(db, STAFF)
    details = staff.get(case_id)
    details.form.title = "Changed together with the name"
    setattr(details.form, field, "")  # even erasing it
    with pytest.raises(ValidationError) as refused:
        staff.update(case_id, details.form, details.version)
    assert "administrators and managers" in refused.value.errors[field]
    assert _stored(db, case_id)[:2] == (NAME, CONTACT)
    assert CaseService(db, MANAGER).get(case_id).form.title == _form(db).title


def test_an_officer_records_who_raised_a_new_case_but_cannot_read_it_back(db: Database) -> None:
    staff = CaseService(db, STAFF)
    case_id = staff.create(_form(db))
    assert staff.get(case_id).form.raised_by is None
    assert _stored(db, case_id)[:2] == (NAME, CONTACT)


def test_a_manager_changes_and_clears_who_raised_a_case(db: Database) -> None:
    manager = CaseService(db, MANAGER)
    case_id = manager.create(_form(db))
    details = manager.get(case_id)
    details.form.raised_by = "Residents' association"
    details.form.raised_by_contact = ""
    manager.update(case_id, details.form, details.version)
    assert _stored(db, case_id)[:2] == ("Residents' association", None)


def test_who_raised_a_case_is_never_in_its_search_key(db: Database) -> None:
    manager = CaseService(db, MANAGER)
    case_id = manager.create(_form(db))
    details = manager.get(case_id)
    details.form.raised_by = "Dragana Petrović"
    manager.update(case_id, details.form, details.version)
    key = _stored(db, case_id)[2]
    assert "underpass" in key and "zvecan" in key
    for part in ("stojanovic", "petrovic", "dragana", "000", "example"):
        assert part not in key


@pytest.mark.parametrize(
    ("actor", "finds"),
    [(ADMIN, True), (MANAGER, True), (STAFF, False), (VIEWER, False)],
    ids=lambda value: value.role.value if isinstance(value, Actor) else str(value),
)
def test_only_those_who_may_know_find_a_case_by_who_raised_it(
    db: Database, actor: Actor, finds: bool
) -> None:
    CaseService(db, MANAGER).create(_form(db))
    CaseService(db, MANAGER).create(
        _form(
            db,
            reference="CS-2026-051",
            title="Stray dogs",
            raised_by="Станари зграде",
            raised_by_contact="+383 49 000 777",
        )
    )
    service = CaseService(db, actor)

    def found(text: str) -> list[str]:
        query = CaseQuery(search=text)
        rows = service.page(query)
        assert service.count(query) == len(rows)
        return [row.reference for row in rows]

    assert found("underpass zvecan") == ["CS-2026-050"]  # what anyone finds a case by
    for typed in ("stojanovic", "Stojanović", "СТОЈАНОВИЋ", "000 123", "jelena@example"):
        assert found(typed) == (["CS-2026-050"] if finds else []), typed
    assert found("stanari") == (["CS-2026-051"] if finds else [])
    assert found("jelena underpass") == (["CS-2026-050"] if finds else [])
    # the audit log's search keeps the same rule (it is for administrators and managers)
    if actor in READERS:
        log = AuditLogService(db, actor)
        records = {row.record for row in log.page(ListQuery(search="stojanovic"))}
        assert records == {"CS-2026-050 Unlit underpass on the way to school"}
    assert _views(db) == []  # a search returns no name: nothing was shown


def _columns() -> list[ExportColumn]:
    return [
        ExportColumn("Reference", lambda row: row.reference),
        ExportColumn("Title", lambda row: row.title),
    ]


def _raiser_columns() -> list[ExportColumn]:
    return [
        ExportColumn("Reference", lambda row: row.case.reference),
        ExportColumn("Raised by", lambda row: row.raised_by),
        ExportColumn("Contact", lambda row: row.raised_by_contact),
    ]


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_the_cases_list_exports_without_who_raised_them(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    with db.transaction() as session:
        raisers = [
            value
            for name, contact in session.execute(select(Case.raised_by, Case.raised_by_contact))
            for value in (name, contact)
            if value
        ]
    assert any("000" in value for value in raisers), "the demo gives some cases a contact"
    for actor in (ADMIN, MANAGER, STAFF, VIEWER):
        for suffix in ("csv", "xlsx"):
            target = tmp_path / f"{actor.role.value}.{suffix}"
            count = export_list(
                CaseService(db, actor), CaseQuery(include_archived=True), _columns(), target
            )
            assert count == 12
            if suffix == "csv":
                text = "\n".join(",".join(row) for row in _csv(target))
            else:
                sheet = load_workbook(target, read_only=True).active
                text = "\n".join(
                    ",".join(str(cell) for cell in row if cell is not None)
                    for row in sheet.iter_rows(values_only=True)
                )
            assert "CS-2026-001" in text
            for value in raisers:
                assert value not in text, (actor.role, value)
    assert _views(db) == []


def test_an_export_with_who_raised_them_is_a_managers_choice_and_audited_per_case(
    db: Database, tmp_path: Path
) -> None:
    manager = CaseService(db, MANAGER)
    first = manager.create(_form(db))
    manager.create(_form(db, reference="CS-2026-051", raised_by="", raised_by_contact=None))
    third = manager.create(
        _form(db, reference="CS-2026-052", raised_by="Savet roditelja", raised_by_contact="")
    )
    for other in (STAFF, VIEWER, TRANSLATOR):
        with pytest.raises(PermissionDenied):
            CasesWithRaisers(CaseService(db, other))
        with pytest.raises(PermissionDenied):
            CaseService(db, other).page_with_raisers(CaseQuery())
    assert _views(db) == []

    target = tmp_path / "cases.csv"
    written = export_list(CasesWithRaisers(manager), CaseQuery(), _raiser_columns(), target)
    assert written == 3
    assert _csv(target) == [
        ["Reference", "Raised by", "Contact"],
        ["CS-2026-050", NAME, "'+383 44 000 123, jelena@example.org"],  # never a formula
        ["CS-2026-051", "", ""],
        ["CS-2026-052", "Savet roditelja", ""],
    ]
    views = _views(db)
    assert [(view.entity_id, view.changes) for view in views] == [
        (first, {"fields": ["raised_by", "raised_by_contact"], "purpose": "export"}),
        (third, {"fields": ["raised_by"], "purpose": "export"}),
    ]
    assert {view.username for view in views} == {"marko"}


def test_the_audit_log_reads_a_view_as_a_sentence(db: Database, tmp_path: Path) -> None:
    manager = CaseService(db, MANAGER)
    case_id = manager.create(_form(db))
    manager.get(case_id)
    export_list(CasesWithRaisers(manager), CaseQuery(), _raiser_columns(), tmp_path / "cases.xlsx")
    query = ListQuery().with_filter("entity", "cases")
    exported, seen, created = AuditLogService(db, ADMIN).page(query)
    assert (exported.action, seen.action, created.action) == ("view", "view", "create")
    assert seen.summary == "Saw who raised the case: Raised by, How to reach who raised it"
    assert exported.summary == (
        "Exported who raised the case to a file: Raised by, How to reach who raised it"
    )
    assert seen.changes == () and seen.record.startswith("CS-2026-050")
    assert NAME not in seen.summary
