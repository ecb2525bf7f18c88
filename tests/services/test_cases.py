"""Community-safety cases through the service: logged, found, followed up, resolved, closed."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.domain import AuditEntry, Case, CaseStatusChange, Municipality, OrganisationKind
from desktop.domain.audit import AuditAction
from desktop.domain.case import CaseCategory, CaseStatus
from desktop.services.cases import (
    STILL_OPEN,
    ActionForm,
    CaseForm,
    CaseQuery,
    CaseService,
    next_statuses,
)
from desktop.services.errors import ConflictError, NotFoundError, RefusedError, ValidationError
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database

TODAY = date.today()


def _municipality(db: Database, code: str) -> int:
    with db.transaction() as session:
        return session.scalar(select(Municipality.id).where(Municipality.code == code))


def _form(db: Database, **changes: object) -> CaseForm:
    form = CaseForm(
        reference="CS-2026-001",
        title="Broken street lighting on the path to a primary school",
        municipality_id=_municipality(db, "prishtine"),
        category=CaseCategory.PUBLIC_SPACE,
        raised_by="Parents' council",
        opened_on=TODAY - timedelta(days=30),
        due_on=TODAY + timedelta(days=30),
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def _audit(db: Database, entity: str) -> list[AuditEntry]:
    with db.transaction() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
            )
        )


def test_a_logged_case_starts_open_with_its_first_step_in_the_history(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    details = service.get(case_id)
    assert details.status == CaseStatus.OPEN
    assert details.resolved_on is None
    assert details.form.raised_by == "Parents' council"
    [step] = service.history(case_id)
    assert (step.status, step.on) == (CaseStatus.OPEN, TODAY - timedelta(days=30))
    created, viewed = _audit(db, "cases")
    assert created.action == AuditAction.CREATE
    assert created.changes["reference"] == "CS-2026-001"
    assert viewed.action == AuditAction.VIEW  # the administrator saw who raised it


def test_bad_input_names_each_field_and_writes_nothing(db: Database) -> None:
    service = CaseService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(
            _form(
                db,
                reference=" ",
                title="",
                municipality_id=None,
                opened_on=None,
                due_on="2026-02-30",
            )
        )
    assert set(refused.value.errors) == {
        "reference",
        "title",
        "municipality_id",
        "opened_on",
        "due_on",
    }
    with pytest.raises(ValidationError) as refused:
        service.create(_form(db, opened_on="2026-05-10", due_on="2026-05-09", municipality_id=-1))
    assert set(refused.value.errors) == {"due_on", "municipality_id"}
    assert service.count(CaseQuery(include_archived=True)) == 0
    assert _audit(db, "cases") == []
    with db.transaction() as session:
        assert session.scalars(select(CaseStatusChange)).all() == []


def test_references_are_unique_and_the_next_free_one_is_offered(db: Database) -> None:
    service = CaseService(db)
    assert service.next_reference(2026) == "CS-2026-001"
    service.create(_form(db, reference="CS-2026-001"))
    service.create(_form(db, reference="CS-2026-012"))
    service.create(_form(db, reference="CS-2026-note"))
    service.create(_form(db, reference="CS-2025-040"))
    assert service.next_reference(2026) == "CS-2026-013"
    assert service.next_reference(2025) == "CS-2025-041"
    assert service.next_reference(2027) == "CS-2027-001"
    with pytest.raises(ValidationError) as refused:
        service.create(_form(db, reference="CS-2026-012", opened_on="2026-03-01"))
    assert "CS-2026-012" in refused.value.errors["reference"]
    assert "CS-2026-013" in refused.value.errors["reference"]
    assert service.count(CaseQuery()) == 4


def test_search_finds_reference_title_raised_by_and_place_in_any_script(db: Database) -> None:
    service = CaseService(db)
    service.create(_form(db, reference="CS-2026-001", raised_by="Shoqata e Grave"))
    service.create(
        _form(
            db,
            reference="CS-2026-002",
            title="Slow police response near the bridge",
            municipality_id=_municipality(db, "mitrovice-veri"),
            raised_by="Станари зграде",
        )
    )

    def found(text: str) -> list[str]:
        return [row.reference for row in service.page(CaseQuery(search=text))]

    assert found("CS-2026-002") == ["CS-2026-002"]
    assert found("lighting school") == ["CS-2026-001"]
    assert found("grave") == ["CS-2026-001"]
    assert found("stanari") == ["CS-2026-002"]  # Cyrillic typed in Latin letters
    for place in ("Приштина", "Prishtinë", "pristina", "prishtine"):
        assert found(place) == ["CS-2026-001"], place
    for place in ("Северна Митровица", "mitrovice e veriut", "Severna Mitrovica"):
        assert found(place) == ["CS-2026-002"], place
    assert found("bridge prishtine") == []


def test_filters_narrow_the_list(db: Database) -> None:
    service = CaseService(db)
    prishtine = _municipality(db, "prishtine")
    gjilan = _municipality(db, "gjilan")
    service.create(_form(db, reference="A", municipality_id=prishtine))
    weapons = service.create(
        _form(db, reference="B", municipality_id=gjilan, category=CaseCategory.WEAPONS)
    )
    service.create(_form(db, reference="C", municipality_id=gjilan))
    version = service.get(weapons).version
    service.change_status(weapons, CaseStatus.REFERRED, "To the police.", version)

    def listed(**filters: object) -> list[str]:
        query = CaseQuery()
        for name, value in filters.items():
            query = query.with_filter(name, value)
        return [row.reference for row in service.page(query)]

    assert listed() == ["A", "B", "C"]
    assert listed(municipality_id=gjilan) == ["B", "C"]
    assert listed(category=CaseCategory.WEAPONS) == ["B"]
    assert listed(category="weapons") == ["B"]
    assert listed(status=CaseStatus.REFERRED) == ["B"]
    assert listed(status="referred") == ["B"]
    assert listed(status=CaseStatus.OPEN, municipality_id=gjilan) == ["C"]
    assert listed(status=STILL_OPEN) == ["A", "B", "C"]
    assert listed(status=[CaseStatus.OPEN, CaseStatus.RESOLVED]) == ["A", "C"]
    assert listed(status=None, category=None) == ["A", "B", "C"]
    version = service.get(weapons).version
    service.change_status(weapons, CaseStatus.RESOLVED, "Weapon handed in.", version)
    assert listed(status=STILL_OPEN) == ["A", "C"]
    assert service.count(CaseQuery().with_filter("status", STILL_OPEN)) == 2


def test_overdue_means_past_due_and_still_being_followed_up(db: Database) -> None:
    service = CaseService(db)
    opened = date(2026, 3, 1)
    late = service.create(_form(db, reference="LATE", opened_on=opened, due_on=date(2026, 4, 1)))
    resolved = service.create(
        _form(db, reference="DONE", opened_on=opened, due_on=date(2026, 4, 1))
    )
    service.create(_form(db, reference="FUTURE", opened_on=opened, due_on=date(2026, 6, 1)))
    service.create(_form(db, reference="NO-DUE", opened_on=opened, due_on=None))
    service.change_status(
        resolved, CaseStatus.RESOLVED, "Fixed.", service.get(resolved).version, date(2026, 3, 20)
    )

    query = CaseQuery(today=date(2026, 5, 1)).with_filter("overdue", True)
    assert [row.reference for row in service.page(query)] == ["LATE"]
    assert service.count(query) == 1
    rows = {row.reference: row for row in service.page(CaseQuery(today=date(2026, 5, 1)))}
    assert [name for name, row in rows.items() if row.overdue] == ["LATE"]
    later = CaseQuery(today=date(2026, 7, 1)).with_filter("overdue", True)
    assert [row.reference for row in service.page(later)] == ["FUTURE", "LATE"]
    service.change_status(late, CaseStatus.CLOSED, "Withdrawn.", service.get(late).version)
    assert [row.reference for row in service.page(later)] == ["FUTURE"]


def test_sorting_by_each_column_happens_in_the_database(db: Database) -> None:
    service = CaseService(db)
    police = OrganisationService(db).create(
        OrganisationForm(name_en="Kosovo Police", kind=OrganisationKind.INSTITUTION)
    )
    council = OrganisationService(db).create(
        OrganisationForm(name_en="MCSC Gjilan", kind=OrganisationKind.INSTITUTION)
    )
    service.create(
        _form(db, reference="B", title="beta", referred_to_id=council, opened_on="2026-01-03")
    )
    service.create(
        _form(
            db,
            reference="A",
            title="Gamma",
            referred_to_id=police,
            opened_on="2026-01-01",
            municipality_id=_municipality(db, "gjilan"),
        )
    )
    service.create(_form(db, reference="C", title="alpha", opened_on="2026-01-02"))

    def order(sort: str, descending: bool = False) -> list[str]:
        query = CaseQuery(sort=sort, descending=descending)
        return [row.reference for row in service.page(query)]

    assert order("reference") == ["A", "B", "C"]
    assert order("title") == ["C", "B", "A"]
    assert order("opened_on", descending=True) == ["B", "C", "A"]
    assert order("municipality") == ["A", "B", "C"]  # Gjilan before Prishtinë
    assert order("referred_to") == ["C", "A", "B"]  # nobody, Kosovo Police, MCSC
    rows = {row.reference: row for row in service.page(CaseQuery())}
    assert (rows["A"].referred_to, rows["C"].referred_to) == ("Kosovo Police", "")
    assert rows["A"].municipality == "Gjilan/Gnjilane"


def test_status_workflow_with_history_and_resolution_date(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    version = service.get(case_id).version

    version = service.change_status(
        case_id, CaseStatus.REFERRED, "Referred to the MCSC.", version, TODAY - timedelta(days=3)
    )
    version = service.change_status(
        case_id, CaseStatus.IN_PROGRESS, "", version, TODAY - timedelta(days=2)
    )
    with pytest.raises(ValidationError) as refused:
        service.change_status(case_id, CaseStatus.RESOLVED, "  ", version)
    assert set(refused.value.errors) == {"note"}
    assert service.get(case_id).status == CaseStatus.IN_PROGRESS

    resolved_on = TODAY - timedelta(days=1)
    version = service.change_status(
        case_id, CaseStatus.RESOLVED, "Lamps repaired.", version, resolved_on
    )
    details = service.get(case_id)
    assert details.version == version
    assert (details.status, details.resolved_on) == (CaseStatus.RESOLVED, resolved_on)

    with pytest.raises(ValidationError) as refused:
        service.change_status(case_id, CaseStatus.CLOSED, "", version)
    assert set(refused.value.errors) == {"note"}
    version = service.change_status(case_id, CaseStatus.CLOSED, "Parents confirmed.", version)
    assert service.get(case_id).resolved_on == resolved_on  # closing keeps the resolution

    history = service.history(case_id)
    assert [entry.status for entry in history] == [
        CaseStatus.OPEN,
        CaseStatus.REFERRED,
        CaseStatus.IN_PROGRESS,
        CaseStatus.RESOLVED,
        CaseStatus.CLOSED,
    ]
    assert history[3].on == resolved_on
    assert history[3].text == "Lamps repaired."
    updates = [e for e in _audit(db, "cases") if e.action == AuditAction.UPDATE]
    assert updates[-1].changes["status"] == ["resolved", "closed"]
    assert updates[-1].changes["note"] == [None, "Parents confirmed."]


def test_reopening_clears_the_resolution_date_and_needs_a_reason(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    version = service.change_status(
        case_id, CaseStatus.RESOLVED, "Fixed.", service.get(case_id).version
    )
    # stamped by the service now: compared with today, not the day the module loaded
    assert service.get(case_id).resolved_on == date.today()
    with pytest.raises(ValidationError):
        service.change_status(case_id, CaseStatus.OPEN, "", version)
    service.change_status(case_id, CaseStatus.OPEN, "The lamps failed again.", version)
    details = service.get(case_id)
    assert (details.status, details.resolved_on) == (CaseStatus.OPEN, None)


def test_transitions_that_make_no_sense_are_refused(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    version = service.change_status(
        case_id, CaseStatus.CLOSED, "Withdrawn by the parents.", service.get(case_id).version
    )
    assert next_statuses(CaseStatus.CLOSED) == (CaseStatus.OPEN,)
    for status in (CaseStatus.REFERRED, CaseStatus.IN_PROGRESS, CaseStatus.RESOLVED):
        with pytest.raises(RefusedError) as refused:
            service.change_status(case_id, status, "Again.", version)
        assert "reopen" in str(refused.value)
    with pytest.raises(RefusedError):
        service.change_status(case_id, CaseStatus.CLOSED, "Twice.", version)

    other = service.create(_form(db, reference="CS-2026-002"))
    version = service.change_status(other, CaseStatus.IN_PROGRESS, "", service.get(other).version)
    with pytest.raises(RefusedError):
        service.change_status(other, CaseStatus.OPEN, "Back.", version)
    assert len(service.history(case_id)) == 2
    assert service.get(other).status == CaseStatus.IN_PROGRESS


def test_a_status_step_cannot_be_dated_before_the_last_one_or_in_the_future(
    db: Database,
) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db, opened_on=TODAY - timedelta(days=10)))
    version = service.get(case_id).version
    for day in (TODAY - timedelta(days=11), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            service.change_status(case_id, CaseStatus.RESOLVED, "Fixed.", version, day)
        assert set(refused.value.errors) == {"on"}
    assert service.get(case_id).status == CaseStatus.OPEN


def test_a_stale_version_is_a_conflict(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    stale = service.get(case_id)
    service.update(case_id, _form(db, title="Renamed by a colleague"), stale.version)
    with pytest.raises(ConflictError):
        service.change_status(case_id, CaseStatus.REFERRED, "", stale.version)
    with pytest.raises(ConflictError):
        service.update(case_id, _form(db, title="Mine"), stale.version)
    assert service.get(case_id).form.title == "Renamed by a colleague"
    assert service.get(case_id).status == CaseStatus.OPEN


def test_update_keeps_the_search_key_and_audits_the_change(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    gjilan = _municipality(db, "gjilan")
    service.update(case_id, _form(db, municipality_id=gjilan), service.get(case_id).version)
    assert [row.id for row in service.page(CaseQuery(search="Гњилане"))] == [case_id]
    assert service.page(CaseQuery(search="Приштина")) == []
    update = _audit(db, "cases")[-1]
    assert update.action == AuditAction.UPDATE
    assert update.changes["municipality_id"][1] == gjilan


def test_follow_up_actions_are_added_edited_done_and_removed(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db, opened_on=date(2026, 3, 1)))
    survey = service.add_action(
        case_id,
        ActionForm(description="Survey the path", responsible="Municipality", due_on="2026-04-01"),
    )
    lamps = service.add_action(case_id, ActionForm(description="Order lamps", due_on="2026-03-15"))
    letter = service.add_action(case_id, ActionForm(description="Write to the MCSC"))
    assert [a.id for a in service.actions(case_id)] == [lamps, survey, letter]

    with pytest.raises(ValidationError) as refused:
        service.add_action(case_id, ActionForm(description=" ", due_on="2026-02-01"))
    assert set(refused.value.errors) == {"description", "due_on"}
    assert len(service.actions(case_id)) == 3

    [row] = [a for a in service.actions(case_id) if a.id == survey]
    service.update_action(
        survey,
        ActionForm(description="Survey the path with the police", due_on="2026-04-10"),
        row.version,
    )
    with pytest.raises(ConflictError):
        service.update_action(survey, ActionForm(description="Stale"), row.version)
    version = next(a.version for a in service.actions(case_id) if a.id == lamps)
    service.mark_action_done(lamps, version, date(2026, 3, 14))
    actions = {a.id: a for a in service.actions(case_id)}
    assert actions[lamps].done_on == date(2026, 3, 14)
    assert actions[survey].description == "Survey the path with the police"
    assert actions[survey].responsible == ""
    assert [a.id for a in service.actions(case_id)] == [survey, letter, lamps]

    service.remove_action(letter, actions[letter].version)
    assert letter not in {a.id for a in service.actions(case_id)}
    with pytest.raises(NotFoundError):
        service.remove_action(letter, actions[letter].version)
    assert [e.action for e in _audit(db, "case_actions")] == [
        AuditAction.CREATE,
        AuditAction.CREATE,
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.UPDATE,
        AuditAction.DELETE,
    ]
    # Ticking actions off does not change the case, so an open editor of it is not stale.
    assert service.get(case_id).version == 1


def test_history_lists_status_steps_and_actions_by_date(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db, opened_on=TODAY - timedelta(days=20)))
    version = service.change_status(
        case_id,
        CaseStatus.REFERRED,
        "To the police.",
        service.get(case_id).version,
        TODAY - timedelta(days=10),
    )
    done = service.add_action(
        case_id,
        ActionForm(
            description="Meeting with the station commander",
            responsible="Project officer",
            done_on=TODAY - timedelta(days=5),
        ),
    )
    service.change_status(case_id, CaseStatus.IN_PROGRESS, "Patrols planned.", version)
    history = service.history(case_id)
    assert [(entry.on, entry.status) for entry in history] == [
        (TODAY - timedelta(days=20), CaseStatus.OPEN),
        (TODAY - timedelta(days=10), CaseStatus.REFERRED),
        (TODAY - timedelta(days=5), None),
        (TODAY, CaseStatus.IN_PROGRESS),
    ]
    action = next(entry for entry in history if entry.status is None)
    assert (action.text, action.by, action.done) == (
        "Meeting with the station commander",
        "Project officer",
        True,
    )
    assert done in {a.id for a in service.actions(case_id)}


def test_archive_and_restore(db: Database) -> None:
    service = CaseService(db)
    case_id = service.create(_form(db))
    service.archive(case_id)
    assert service.count(CaseQuery()) == 0
    [row] = service.page(CaseQuery(include_archived=True))
    assert row.archived
    service.restore(case_id)
    assert [row.id for row in service.page(CaseQuery())] == [case_id]
    assert [e.action for e in _audit(db, "cases")] == [
        AuditAction.CREATE,
        AuditAction.ARCHIVE,
        AuditAction.RESTORE,
    ]
    with db.transaction() as session:
        assert session.get(Case, case_id).archived_at is None


def test_an_archived_project_stays_among_the_choices_of_a_case_that_names_it(
    db: Database,
) -> None:
    projects = ProjectService(db)
    project_id = projects.create(
        ProjectForm(
            code="KS-CS-01",
            name_en="Safer communities",
            start_date=date(2026, 1, 1),
            end_date=date(2026, 12, 31),
        )
    )
    service = CaseService(db)
    assert service.project_choices("en") == [(project_id, "KS-CS-01 — Safer communities")]
    service.create(_form(db, project_id=project_id))
    projects.archive(project_id)
    assert service.project_choices("en") == []
    assert service.project_choices("en", keep=project_id) == [
        (project_id, "KS-CS-01 — Safer communities")
    ]
