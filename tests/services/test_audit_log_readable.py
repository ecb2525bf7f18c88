"""The audit log in the user's words: field labels from the editors, names instead of ids,
translated statuses, money and dates in the interface language, and who raised a case
hidden from those who may not know it."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop import i18n
from desktop.domain import CaseCategory, CaseStatus, OrganisationKind, ProjectStatus
from desktop.domain.audit import AuditAction
from desktop.domain.period import NarrativeSection
from desktop.domain.project import PARTNER_ROLE_LABELS, PartnerRole
from desktop.domain.user import Role
from desktop.i18n import _
from desktop.services.activities import ActivityService
from desktop.services.actor import Actor
from desktop.services.attachments import AttachmentService
from desktop.services.audit_log import AuditChange, AuditLogService, AuditRow
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.cases import CaseForm, CaseService
from desktop.services.grants import GrantForm, GrantService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.periods import PeriodService
from desktop.services.permissions import PermissionDenied
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reference import ReferenceService
from desktop.services.research import ResearchOutputService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.sql_log import statements_sent

ADMIN = Actor("arta", Role.ADMIN)
MANAGER = Actor("marko", Role.MANAGER)
STAFF = Actor("drita", Role.STAFF)
VIEWER = Actor("vesna", Role.VIEWER)
RAISED_BY = "Jelena Stojanović, 044 123 456"


def _municipality(db: Database, code: str) -> int:
    [found] = [m.id for m in ReferenceService(db).municipalities("en") if m.code == code]
    return found


def _rows(db: Database, actor: Actor = ADMIN, **filters: object) -> list[AuditRow]:
    """The page as the list shows it: in the interface language of the moment."""
    query = ListQuery(language=i18n.current_language())
    for name, value in filters.items():
        query = query.with_filter(name, value)
    return AuditLogService(db, actor).page(query)


def _latest(db: Database, entity: str, actor: Actor = ADMIN) -> AuditRow:
    return _rows(db, actor, entity=entity)[0]


def _project(db: Database) -> int:
    """A project in Zvečan, then moved to Mitrovica South and started."""
    service = ProjectService(db, MANAGER)
    project_id = service.create(
        ProjectForm(
            code="KS-CS-09",
            name_en="Safer roads to school",
            start_date="2026-01-01",
            end_date="2026-12-31",
            municipality_ids=[_municipality(db, "zvecan")],
        )
    )
    details = service.get(project_id)
    details.form.municipality_ids = [_municipality(db, "mitrovice-jug")]
    details.form.status = ProjectStatus.ACTIVE
    service.update(project_id, details.form, details.version)
    return project_id


def _grant(db: Database, project_id: int) -> int:
    """A grant of €1,500.00, raised to €1,650.00, with a budget line raised likewise."""
    donor = OrganisationService(db, MANAGER).create(
        OrganisationForm(name_en="European Union Office", kind=OrganisationKind.DONOR)
    )
    service = GrantService(db, MANAGER)
    grant_id = service.create(
        GrantForm(
            contract_number="2026/100-001",
            title="Safer roads",
            project_id=project_id,
            donor_id=donor,
            amount="1500.00",
            start_date="2026-01-01",
            end_date="2026-12-31",
        )
    )
    details = service.get(grant_id)
    details.form.amount = Decimal("1650.00")
    service.update(grant_id, details.form, details.version)
    return grant_id


def _case(db: Database, project_id: int) -> int:
    """A case raised in Zvečan, moved to Mitrovica South with a new contact, then taken up."""
    service = CaseService(db, MANAGER)
    case_id = service.create(
        CaseForm(
            reference="CS-2026-099",
            title="No lighting at the bus stop",
            municipality_id=_municipality(db, "zvecan"),
            category=CaseCategory.ROAD_SAFETY,
            project_id=project_id,
            raised_by="Parents' council",
            opened_on=date(2026, 3, 2),
        )
    )
    details = service.get(case_id, with_raisers=False)
    details.form.municipality_id = _municipality(db, "mitrovice-jug")
    details.form.raised_by = RAISED_BY
    service.update(case_id, details.form, details.version)
    version = service.get(case_id, with_raisers=False).version
    service.change_status(case_id, CaseStatus.IN_PROGRESS, "Lamps ordered", version)
    return case_id


def test_a_projects_municipalities_and_status_read_by_name(db: Database) -> None:
    _project(db)
    changed, created = _rows(db, entity="projects")
    assert changed.summary == (
        "Status: Planned → Active; "
        "Municipalities: Zveçan/Zvečan → Mitrovicë e Jugut/Južna Mitrovica"
    )
    assert changed.changes[0] == AuditChange("status", "Status", "Planned", "Active")
    assert created.record == "KS-CS-09 Safer roads to school"
    fields = {change.field: change.new for change in created.changes}
    assert fields["Name (English)"] == "Safer roads to school"
    assert fields["Start date"] == "Jan 1, 2026"
    assert fields["Status"] == "Planned"


def test_money_reads_in_the_grants_currency(db: Database) -> None:
    grant_id = _grant(db, _project(db))
    assert _latest(db, "grants").summary == "Amount: €1,500.00 → €1,650.00"
    lines = BudgetService(db, MANAGER)
    [heading, *_others] = ReferenceService(db).budget_headings("en", "simple")  # no profile
    line_id = lines.create(
        grant_id,
        BudgetLineForm(heading_id=heading.id, code="1.1", description="Trainer", amount="900"),
    )
    details = lines.get(line_id)
    details.form.amount = Decimal("1234.5")
    lines.update(line_id, details.form, details.version)
    changed, created = _rows(db, entity="budget_lines")
    assert changed.summary == "Amount: €900.00 → €1,234.50"
    fields = {change.field: change.new for change in created.changes}
    assert fields["Grant"] == "2026/100-001 Safer roads"
    assert fields["Heading"] == heading.name


def test_a_cases_changes_read_for_a_manager(db: Database) -> None:
    _case(db, _project(db))
    status, update, created = _rows(db, MANAGER, entity="cases")
    assert status.summary == "Status: Open → In progress; Reason or note: Lamps ordered"
    # the list never names who raised the case; the entry, opened, does
    assert update.summary == (
        "Municipality: Zveçan/Zvečan → Mitrovicë e Jugut/Južna Mitrovica; "
        "Raised by: (confidential) → (confidential)"
    )
    opened = AuditLogService(db, MANAGER).entry(update.id, "en")
    assert opened.summary == (
        "Municipality: Zveçan/Zvečan → Mitrovicë e Jugut/Južna Mitrovica; "
        "Raised by: Parents' council → Jelena Stojanović, 044 123 456"
    )
    fields = {change.field: change.new for change in created.changes}
    assert fields["Category"] == "Road safety"
    assert fields["Project"] == "KS-CS-09 Safer roads to school"
    assert fields["Opened on"] == "Mar 2, 2026"
    assert fields["Raised by"] == "(confidential)"
    fields = {c.field: c.new for c in AuditLogService(db, MANAGER).entry(created.id, "en").changes}
    assert fields["Raised by"] == "Parents' council"


@pytest.mark.parametrize(
    ("actor", "sees"), [(ADMIN, True), (MANAGER, True), (STAFF, False), (VIEWER, False)]
)
def test_who_raised_a_case_shows_only_to_administrators_and_managers(
    db: Database, actor: Actor, sees: bool
) -> None:
    _case(db, _project(db))
    if not sees:  # staff and viewers do not read the audit log at all
        with pytest.raises(PermissionDenied):
            _rows(db, actor, entity="cases")
        return
    rows = _rows(db, actor, entity="cases")
    listed = " ".join(
        f"{row.summary} {change.old} {change.new}" for row in rows for change in row.changes
    )
    assert "Jelena" not in listed and "Parents' council" not in listed  # the list: never
    log = AuditLogService(db, actor)
    [update] = [
        log.entry(row.id, "en")
        for row in rows
        if row.action == "update" and any(c.column == "raised_by" for c in row.changes)
    ]
    [raised_by] = [change for change in update.changes if change.column == "raised_by"]
    assert raised_by.old == "Parents' council" and raised_by.new.startswith("Jelena")
    assert "Municipality: Zveçan/Zvečan → Mitrovicë e Jugut/Južna Mitrovica" in update.summary
    # the look is itself in the log, with who looked
    [seen] = [row for row in _rows(db, actor, entity="cases") if row.action == "view"]
    assert seen.username == actor.username
    assert seen.summary == "Saw who raised the case in the audit log: Raised by"
    status = rows[0]  # the change of status, newest
    assert {change.column for change in status.changes} == {"status", "note"}
    log.entry(status.id, "en")  # an entry that names nobody writes no VIEW
    assert len([row for row in _rows(db, actor, entity="cases") if row.action == "view"]) == 1


def test_the_log_reads_in_albanian(db: Database) -> None:
    project_id = _project(db)
    _grant(db, project_id)
    _case(db, project_id)
    i18n.set_language("sq")
    arrow = _("{field}: {old} → {new}")
    project = _latest(db, "projects")
    assert project.summary == "; ".join(
        (
            arrow.format(field=_("Status"), old=_("Planned"), new=_("Active")),
            arrow.format(field=_("Municipalities"), old="Zveçan", new="Mitrovicë e Jugut"),
        )
    )
    assert _("Municipalities") != "Municipalities"  # the Albanian label, not the English
    assert _latest(db, "grants").summary == arrow.format(
        field=_("Amount"), old="1\xa0500,00\xa0€", new="1\xa0650,00\xa0€"
    )
    with pytest.raises(PermissionDenied) as refused:
        _rows(db, STAFF, entity="cases")
    assert str(refused.value) == _("Only administrators and managers may read the audit log.")


def test_a_page_of_200_entries_reads_its_names_in_bulk(db: Database) -> None:
    load_demo(db)
    activities = ActivityService(db, MANAGER)
    municipalities = [m.id for m in ReferenceService(db).municipalities("en")]
    for number, row in enumerate(activities.page(ListQuery(), limit=50) * 4):
        details = activities.get(row.id)
        details.form.venue = f"Community hall no. {number}"
        details.form.municipality_id = municipalities[number % len(municipalities)]
        activities.update(row.id, details.form, details.version)
    _case(db, _project(db))
    service = AuditLogService(db, MANAGER)
    with statements_sent(db) as few:
        assert len(service.page(ListQuery(), limit=10)) == 10
    with statements_sent(db) as many:
        rows = service.page(ListQuery(), limit=200)
    assert len(rows) == 200
    assert len(many) <= 12, many
    assert len(many) <= len(few) + 4  # more entries, not more queries
    venues = [row for row in rows if row.entity == "activities"]
    assert venues and all("Venue: " in row.summary for row in venues)
    assert not any("#" in change.new for row in venues for change in row.changes)


def test_staff_cannot_find_a_case_by_who_raised_it(db: Database) -> None:
    _case(db, _project(db))

    def found(actor: Actor, typed: str) -> set[str]:
        rows = AuditLogService(db, actor).page(ListQuery(search=typed))
        return {row.record for row in rows}

    case = "CS-2026-099 No lighting at the bus stop"
    assert found(MANAGER, "stojanovic") == {case}
    assert found(ADMIN, "cs-2026-099") == {case}
    assert found(MANAGER, "LIGHTING bus") == {case}
    for actor in (STAFF, VIEWER):  # who cannot read the log cannot search it either
        with pytest.raises(PermissionDenied):
            found(actor, "stojanovic")


def test_lists_narratives_and_files_read_as_what_changed(db: Database, tmp_path: Path) -> None:
    load_demo(db)
    projects = ProjectService(db, MANAGER)
    project = next(row for row in projects.page(ListQuery()) if row.code == "CSK-2025-03")
    details = projects.get(project.id)
    leaving, role = details.form.partners[-1]
    leaving_name = OrganisationService(db).get(leaving).form.name_en
    details.form.partners = details.form.partners[:-1]
    projects.update(project.id, details.form, details.version)
    assert _latest(db, "projects").summary == (
        f"Partners: removed {leaving_name} ({PARTNER_ROLE_LABELS[role]})"
    )

    periods = PeriodService(db, MANAGER)
    grant = GrantService(db).page(ListQuery())[0]
    period = periods.periods(grant.id)[0]
    details = periods.get(period.id)
    before = details.form.narratives.get((NarrativeSection.CHALLENGES, "sq"), "")
    details.form.narratives[(NarrativeSection.CHALLENGES, "sq")] = "Sfida të reja."
    periods.update(period.id, details.form, details.version)
    changed = _latest(db, "reporting_periods")
    [challenges] = changed.changes
    assert challenges.field == "Challenges and lessons learned (Albanian)"
    assert (challenges.old, challenges.new) == (before, "Sfida të reja.")
    assert changed.summary.startswith("Challenges and lessons learned (Albanian): ")
    assert changed.summary.endswith(" → Sfida të reja.")

    research = ResearchOutputService(db, MANAGER)
    output = research.page(ListQuery())[0]
    details = research.get(output.id)
    details.form.languages = ["sq", "rom"]
    research.update(output.id, details.form, details.version)
    [languages] = [c for c in _latest(db, "research_outputs").changes if c.column == "languages"]
    assert languages.new == "Albanian, Romani"

    invoice = tmp_path / "invoice.pdf"
    invoice.write_bytes(b"%PDF-1.4 a short invoice")
    files = AttachmentService(db, MANAGER)
    files.remove(files.add("projects", projects.get(project.id).uuid, invoice))
    removed = _latest(db, "attachments")
    assert removed.action == "delete"
    assert removed.record == "invoice.pdf"  # the file is gone; its entry keeps its name
    assert removed.summary.startswith(
        "File name: invoice.pdf; File type: application/pdf; Size: 24 bytes; "
        f"Attached to: Project; Attached to record: {project.code} "
    )
    assert "Checksum" not in removed.summary
    assert "Checksum (SHA-256)" in {change.field for change in removed.changes}


def test_a_created_projects_entry_names_its_municipalities_themes_and_partners(
    db: Database,
) -> None:
    partner = OrganisationService(db, MANAGER).create(
        OrganisationForm(name_en="Ibar Dialogue Centre", name_sr="Ибарски центар за дијалог")
    )
    [theme, *_others] = ReferenceService(db).thematic_areas("en")
    ProjectService(db, MANAGER).create(
        ProjectForm(
            code="KS-CS-10",
            name_en="Safer crossings",
            start_date="2026-01-01",
            end_date="2026-12-31",
            municipality_ids=[_municipality(db, "zvecan"), _municipality(db, "leposaviq")],
            thematic_area_ids=[theme.id],
            partners=[(partner, PartnerRole.CO_APPLICANT)],
        )
    )
    created = _latest(db, "projects")
    assert created.action == AuditAction.CREATE
    fields = {change.field: change.new for change in created.changes}
    assert fields["Municipalities"] == "Leposaviq/Leposavić; Zveçan/Zvečan"
    assert fields["Thematic areas"] == theme.name
    assert fields["Partners"] == "Ibar Dialogue Centre (Co-applicant)"
    assert "Municipalities: Leposaviq/Leposavić; Zveçan/Zvečan" in created.summary
    assert "Partners: Ibar Dialogue Centre (Co-applicant)" in created.summary

    i18n.set_language("sr")
    fields = {change.column: change.new for change in _latest(db, "projects").changes}
    assert fields["partners"] == f"Ибарски центар за дијалог ({_('Co-applicant')})"
    assert "Звечан" in fields["municipalities"]


def test_staff_find_a_case_by_its_title_in_any_spelling(db: Database) -> None:
    _case(db, _project(db))
    CaseService(db, MANAGER).create(
        CaseForm(
            reference="CS-2026-100",
            title="Unlit underpass in Zveçan",
            municipality_id=_municipality(db, "zvecan"),
            category=CaseCategory.ROAD_SAFETY,
            raised_by="Zvecan parents",
            opened_on=date(2026, 3, 9),
        )
    )
    CaseService(db, MANAGER).create(
        CaseForm(
            reference="ЦС-2026-101",
            title="Пешачки прелаз код школе",
            municipality_id=_municipality(db, "mitrovice-veri"),
            category=CaseCategory.ROAD_SAFETY,
            raised_by="Savet roditelja",
            opened_on=date(2026, 3, 10),
        )
    )

    def found(actor: Actor, typed: str) -> set[str]:
        query = ListQuery(search=typed).with_filter("entity", "cases")
        rows = AuditLogService(db, actor).page(query)
        assert AuditLogService(db, actor).count(query) == len(rows)
        return {row.record for row in rows}

    underpass = "CS-2026-100 Unlit underpass in Zveçan"
    crossing = "ЦС-2026-101 Пешачки прелаз код школе"
    for actor in (ADMIN, MANAGER):
        for typed in ("Zvecan", "ZVEÇAN", "звечан", "zvečan underpass"):
            assert found(actor, typed) == {underpass}, (actor.role, typed)
        for typed in ("pesacki prelaz", "cs-2026-101", "Prelaz ŠKOLE"):
            assert found(actor, typed) == {crossing}, (actor.role, typed)
    assert found(MANAGER, "Родитеља") == {crossing}
    assert found(MANAGER, "parents underpass") == {underpass}
