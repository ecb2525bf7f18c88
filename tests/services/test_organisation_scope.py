"""The services keep a user of a partner organisation to the projects it takes part in.

The demo office: the partner CSO "Zajedno" takes part in CSK-2025-01 and CSK-2025-03 (not
in CSK-2025-02 nor CSK-2026-01); two of its twelve cases and none of its projects belong to
no project.  Every figure a scoped user gets is checked against what the lead office gets
for their projects only, and every write outside the scope is refused without a trace.
"""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain import Organisation, Project
from desktop.domain.audit import AuditEntry
from desktop.domain.case import CaseCategory
from desktop.domain.grant import Grant
from desktop.domain.project import PartnerRole
from desktop.domain.research import ResearchOutput
from desktop.domain.user import Role
from desktop.services.activities import ActivityService
from desktop.services.actor import Actor
from desktop.services.attachments import AttachmentService
from desktop.services.audit_log import AuditLogService
from desktop.services.budget import BudgetService
from desktop.services.cases import STILL_OPEN, CaseForm, CaseService
from desktop.services.dashboard import DashboardService
from desktop.services.errors import NotFoundError, ValidationError
from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantForm, GrantService
from desktop.services.imports.expenditures import ExpenditureImport
from desktop.services.imports.reading import read_table
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reports import ReportService
from desktop.services.research import ResearchOutputService
from desktop.services.results import (
    IndicatorForm,
    IndicatorValueService,
    ResultForm,
    ResultsService,
)
from desktop.services.scope import is_scoped
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY, load_demo
from tests.services.test_import_expenditures import ALBANIAN, ROWS, write_csv

MINE = {"CSK-2025-01", "CSK-2025-03"}
THEIRS = {"CSK-2025-02", "CSK-2026-01"}
EVERYTHING = ListQuery(include_archived=True)


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db, today=DEMO_TODAY)
    return db


def _organisation(db: Database, acronym: str) -> int:
    with db.transaction() as session:
        return session.scalar(select(Organisation.id).where(Organisation.acronym == acronym))


def _projects(db: Database, codes: set[str]) -> list[int]:
    with db.transaction() as session:
        return sorted(session.scalars(select(Project.id).where(Project.code.in_(codes))))


def _grants(db: Database, codes: set[str]) -> list[int]:
    with db.transaction() as session:
        return sorted(
            session.scalars(
                select(Grant.id)
                .join(Project, Grant.project_id == Project.id)
                .where(Project.code.in_(codes))
            )
        )


def _partner(db: Database, role: Role = Role.STAFF) -> Actor:
    return Actor("arta", role, organisation_id=_organisation(db, "Zajedno"))


LEAD_OFFICE = Actor("drita", Role.MANAGER)


def _audit_count(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


def test_who_is_scoped() -> None:
    assert is_scoped(Actor("a", Role.STAFF, organisation_id=4))
    assert is_scoped(Actor("a", Role.VIEWER, organisation_id=4))
    assert is_scoped(Actor("a", Role.MANAGER, organisation_id=4))
    assert not is_scoped(Actor("a", Role.ADMIN, organisation_id=4))
    assert not is_scoped(Actor("a", Role.STAFF))


def test_lists_and_counts_hold_only_the_partners_projects_records(demo: Database) -> None:
    partner = _partner(demo)
    projects = ProjectService(demo, partner)
    assert {row.code for row in projects.page(EVERYTHING)} == MINE
    assert projects.count(EVERYTHING) == 2
    assert projects.count(ListQuery(search="CSK-2025-02")) == 0

    grants = GrantService(demo, partner).page(EVERYTHING)
    lead_grants = GrantService(demo, LEAD_OFFICE).page(EVERYTHING)
    mine = _grants(demo, MINE)
    assert sorted(row.id for row in grants) == mine
    assert len(lead_grants) > len(grants)

    for service_class in (ActivityService, ResearchOutputService, CaseService):
        scoped = service_class(demo, partner)
        lead = service_class(demo, LEAD_OFFICE)
        expected = sum(
            lead.count(replace(EVERYTHING, filters=(("project_id", project),)))
            for project in _projects(demo, MINE)
        )
        assert 0 < expected < lead.count(EVERYTHING), service_class.__name__
        assert scoped.count(EVERYTHING) == expected, service_class.__name__
        assert len(scoped.page(EVERYTHING, 0, 1000)) == expected, service_class.__name__


def test_an_administrator_and_the_lead_office_see_everything(demo: Database) -> None:
    admin = Actor("arben", Role.ADMIN, organisation_id=_organisation(demo, "Zajedno"))
    assert ProjectService(demo, admin).count(EVERYTHING) == 4
    assert ProjectService(demo, LEAD_OFFICE).count(EVERYTHING) == 4
    assert CaseService(demo, LEAD_OFFICE).count(EVERYTHING) == 12


def test_a_record_outside_the_scope_reads_as_not_found(demo: Database) -> None:
    partner = _partner(demo)
    other_project = _projects(demo, THEIRS)[0]
    other_grant = _grants(demo, THEIRS)[0]
    projects = ProjectService(demo, partner)
    with pytest.raises(NotFoundError) as missing:
        projects.get(10_000)
    with pytest.raises(NotFoundError) as hidden:
        projects.get(other_project)
    assert str(hidden.value) == str(missing.value)
    with pytest.raises(NotFoundError):
        GrantService(demo, partner).get(other_grant)
    with pytest.raises(NotFoundError):
        BudgetService(demo, partner).lines(other_grant, "en")
    assert ExpenditureService(demo, partner).count(other_grant, ListQuery()) == 0
    assert ExpenditureService(demo, LEAD_OFFICE).count(other_grant, ListQuery()) > 0
    with pytest.raises(NotFoundError):
        ResultsService(demo, partner).tree(other_project, "en")
    with pytest.raises(NotFoundError):
        IndicatorValueService(demo, partner).grid(other_grant, "en")
    period = GrantService(demo, LEAD_OFFICE).periods(other_grant)[0].id
    with pytest.raises(NotFoundError):
        ReportService(demo, partner).quarterly(other_grant, period, "en")
    assert GrantService(demo, partner).periods(other_grant) == []
    # their own records read as usual
    mine = _grants(demo, MINE)[0]
    own_period = GrantService(demo, partner).periods(mine)[0].id
    assert ReportService(demo, partner).quarterly(mine, own_period, "en")
    assert ResultsService(demo, partner).tree(_projects(demo, MINE)[0], "en")


def test_writes_outside_the_scope_are_refused_and_change_nothing(demo: Database) -> None:
    partner = _partner(demo)
    lead = ProjectService(demo, LEAD_OFFICE)
    other = _projects(demo, THEIRS)[0]
    before = lead.get(other)
    entries = _audit_count(demo)
    projects = ProjectService(demo, partner)
    with pytest.raises(NotFoundError):
        projects.update(other, replace(before.form, summary="Taken over"), before.version)
    with pytest.raises(NotFoundError):
        ProjectService(demo, _partner(demo, Role.MANAGER)).archive(other)
    cases = CaseService(demo, partner)
    form = CaseForm(
        reference="KS-2026-900",
        title="Street lighting near the school",
        municipality_id=1,
        category=CaseCategory.OTHER,
        opened_on=date(2026, 10, 1),
    )
    with pytest.raises(ValidationError) as no_project:
        cases.create(form)  # a case under no project is the lead office's
    assert "project_id" in no_project.value.errors
    with pytest.raises(ValidationError) as their_project:
        cases.create(replace(form, project_id=other))
    assert "project_id" in their_project.value.errors
    activity = ActivityService(demo, LEAD_OFFICE)
    theirs = activity.page(replace(EVERYTHING, filters=(("project_id", other),)))[0]
    with pytest.raises(NotFoundError):
        ActivityService(demo, partner).update(
            theirs.id, activity.get(theirs.id).form, activity.get(theirs.id).version
        )
    assert lead.get(other) == before
    assert _audit_count(demo) == entries


def test_a_partner_moves_no_record_into_a_project_outside_its_scope(demo: Database) -> None:
    partner = _partner(demo)
    activities = ActivityService(demo, partner)
    mine = activities.page(EVERYTHING)[0]
    opened = activities.get(mine.id)
    other = _projects(demo, THEIRS)[0]
    with pytest.raises(ValidationError) as refused:
        activities.update(mine.id, replace(opened.form, project_id=other), opened.version)
    assert "project_id" in refused.value.errors
    assert activities.get(mine.id) == opened


def test_a_partner_creates_only_projects_it_takes_part_in(demo: Database) -> None:
    partner = _partner(demo)
    projects = ProjectService(demo, partner)
    form = ProjectForm(
        code="CSK-2027-01",
        name_en="Youth councils in Zvečan",
        start_date="2027-01-01",
        end_date="2027-12-31",
        lead_organisation_id=_organisation(demo, "PSN"),
    )
    with pytest.raises(ValidationError) as refused:
        projects.create(form)
    assert "partners" in refused.value.errors
    assert ProjectService(demo, LEAD_OFFICE).count(EVERYTHING) == 4
    zajedno = _organisation(demo, "Zajedno")
    created = projects.create(replace(form, partners=[(zajedno, PartnerRole.CO_APPLICANT)]))
    assert projects.get(created).form.code == "CSK-2027-01"
    assert projects.count(EVERYTHING) == 3
    # nor can it drop itself from a project and keep editing it
    opened = projects.get(created)
    with pytest.raises(ValidationError):
        projects.update(created, replace(opened.form, partners=[]), opened.version)


def test_the_dashboard_counts_only_the_partners_projects(demo: Database) -> None:
    partner = DashboardService(demo, _partner(demo)).figures(DEMO_TODAY, "en")
    lead = DashboardService(demo, LEAD_OFFICE).figures(DEMO_TODAY, "en")
    mine = set(_grants(demo, MINE))
    assert {burn.grant_id for burn in partner.grants} == {
        burn.grant_id for burn in lead.grants if burn.grant_id in mine
    }
    assert {deadline.grant_id for deadline in partner.deadlines} <= mine
    assert {progress.code for progress in partner.progress} <= MINE
    scoped_cases = CaseService(demo, _partner(demo))
    open_cases = scoped_cases.count(replace(ListQuery(), filters=(("status", STILL_OPEN),)))
    assert partner.cases.open == open_cases
    assert partner.cases.open < lead.cases.open
    assert partner.participation.activities < lead.participation.activities


def test_audit_entries_and_attachments_follow_their_records_scope(
    demo: Database, tmp_path: Path
) -> None:
    lead = ProjectService(demo, LEAD_OFFICE)
    for project in _projects(demo, MINE | THEIRS):
        opened = lead.get(project)
        lead.update(project, replace(opened.form, summary="Reviewed"), opened.version)
    log = AuditLogService(demo, _partner(demo, Role.MANAGER))
    query = ListQuery(filters=(("entity", "projects"),))
    assert log.count(query) == 2
    assert {row.entity_id for row in log.page(query)} == set(_projects(demo, MINE))
    assert AuditLogService(demo, LEAD_OFFICE).count(query) == 4

    with demo.transaction() as session:
        outputs = {
            code: session.scalar(
                select(ResearchOutput.uuid)
                .join(Project, ResearchOutput.project_id == Project.id)
                .where(Project.code == code)
            )
            for code in ("CSK-2025-01", "CSK-2025-02")
        }
    leaflet = tmp_path / "leaflet.pdf"
    leaflet.write_bytes(b"%PDF-1.4 leaflet")
    files = AttachmentService(demo, LEAD_OFFICE)
    theirs = files.add("research_outputs", outputs["CSK-2025-02"], leaflet)
    files.add("research_outputs", outputs["CSK-2025-01"], leaflet)
    partner_files = AttachmentService(demo, _partner(demo))
    assert partner_files.list("research_outputs", outputs["CSK-2025-02"]) == []
    assert len(partner_files.list("research_outputs", outputs["CSK-2025-01"])) == 1
    with pytest.raises(NotFoundError):
        partner_files.export(theirs, tmp_path / "out")
    with pytest.raises(NotFoundError):
        partner_files.add("research_outputs", outputs["CSK-2025-02"], leaflet)
    attachments = AuditLogService(demo, _partner(demo, Role.MANAGER))
    assert attachments.count(ListQuery(filters=(("entity", "attachments"),))) == 1


def test_imports_know_only_the_partners_grants(demo: Database, tmp_path: Path) -> None:
    theirs = ["LHF-2025-017", *ROWS[0][1:]]  # the grant of CSK-2025-02
    mine = ROWS[0]  # 2025/461-198, the grant of CSK-2025-01
    importer = ExpenditureImport(demo, _partner(demo))
    other_grant = _grants(demo, THEIRS)[0]
    before = ExpenditureService(demo, LEAD_OFFICE).count(other_grant, ListQuery())

    table = read_table(write_csv(tmp_path / "theirs.csv", [ALBANIAN, theirs]))
    outcome = importer.run(table, importer.guess(table))
    assert outcome.imported == 0
    assert [error.message for error in outcome.errors] == [
        "No grant has the contract number “LHF-2025-017”."
    ]
    assert ExpenditureService(demo, LEAD_OFFICE).count(other_grant, ListQuery()) == before

    table = read_table(write_csv(tmp_path / "mine.csv", [ALBANIAN, mine]))
    assert importer.run(table, importer.guess(table)).imported == 1


def test_grants_results_and_indicators_go_only_under_the_partners_projects(
    demo: Database,
) -> None:
    partner = _partner(demo)
    other, mine = _projects(demo, THEIRS)[0], _projects(demo, MINE)[0]
    entries = _audit_count(demo)
    grant = GrantForm(
        contract_number="2026/999-001",
        project_id=other,
        donor_id=_organisation(demo, "EUOK"),
        amount="10000",
        start_date="2026-01-01",
        end_date="2026-12-31",
    )
    with pytest.raises(ValidationError) as refused:
        GrantService(demo, partner).create(grant)
    assert list(refused.value.errors) == ["project_id"]
    results = ResultsService(demo, partner)
    with pytest.raises(NotFoundError):
        results.create_result(other, ResultForm(code="OO9", name_en="Not ours"))
    their_result = ResultsService(demo, LEAD_OFFICE).tree(other, "en")[0].id
    with pytest.raises(ValidationError) as hidden:
        results.create_indicator(IndicatorForm(result_id=their_result, code="X", name_en="X"))
    assert "result_id" in hidden.value.errors
    assert _audit_count(demo) == entries
    # under their own project the same forms are accepted
    assert GrantService(demo, partner).create(replace(grant, project_id=mine))
    assert results.create_result(mine, ResultForm(code="OO9", name_en="Ours"))
