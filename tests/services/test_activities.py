"""Activities through the service: participants recorded once, totals that add up, counts
that are refused with the line and field they belong to, and lists that filter and sort in
the database."""

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop.domain import AuditEntry
from desktop.domain.activity import Activity, AgeBand, ParticipantCount
from desktop.domain.period import PeriodKind, ReportingPeriod
from desktop.domain.person import Gender
from desktop.services.activities import (
    ActivityFilters,
    ActivityForm,
    ActivityService,
    ParticipantLine,
)
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.grants import GrantForm, GrantService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database

F, M, OTHER, U = Gender.FEMALE, Gender.MALE, Gender.OTHER, Gender.UNDISCLOSED
YOUNG, MIDDLE = AgeBand.FROM_18_TO_29, AgeBand.FROM_30_TO_44


class Setting:
    """The records an activity points at, made through their own services."""

    def __init__(self, db: Database) -> None:
        reference = ReferenceService(db)
        self.municipalities = {choice.code: choice.id for choice in reference.municipalities("en")}
        self.types = {choice.code: choice.id for choice in reference.activity_types("en")}
        projects = ProjectService(db)
        self.project = projects.create(_project("KS-CS-01", "Safer communities"))
        self.other_project = projects.create(_project("KS-SALW-02", "Small arms control"))
        self.partner = OrganisationService(db).create(
            OrganisationForm(name_en="Community Building Mitrovica", acronym="CBM")
        )

    def form(self, **changes: object) -> ActivityForm:
        form = ActivityForm(
            name_en="Public consultation on community safety in Zvečan",
            name_sq="Konsultim publik për sigurinë në komunitet në Zveçan",
            name_sr="Јавна консултација о безбедности заједнице у Звечану",
            project_id=self.project,
            activity_type_id=self.types["public_consultation"],
            municipality_id=self.municipalities["zvecan"],
            carried_out_by_id=self.partner,
            start_date="2026-02-12",
            end_date="2026-02-12",
            venue="Municipal assembly hall",
            participants_total=50,
            participants=[
                ParticipantLine(F, YOUNG, "serb", 12),
                ParticipantLine(M, YOUNG, "serb", 10),
                ParticipantLine(F, MIDDLE, "albanian", 9),
                ParticipantLine(M, MIDDLE, "albanian", 14),
                ParticipantLine(U, MIDDLE, "roma", 3),
            ],
        )
        for key, value in changes.items():
            setattr(form, key, value)
        return form


def _project(code: str, title: str) -> ProjectForm:
    return ProjectForm(code=code, name_en=title, start_date="2026-01-01", end_date="2027-12-31")


@pytest.fixture
def setting(db: Database) -> Setting:
    return Setting(db)


def _stored_counts(db: Database) -> tuple[int, int, int]:
    """Activities, participant lines and audit entries in the database."""
    with db.transaction() as session:
        return (
            session.scalar(select(func.count(Activity.id))) or 0,
            session.scalar(select(func.count(ParticipantCount.id))) or 0,
            session.scalar(select(func.count(AuditEntry.id))) or 0,
        )


def test_created_activity_is_listed_with_its_totals(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    activity_id = service.create(setting.form())
    [row] = service.page(ListQuery())
    assert row.id == activity_id
    assert row.title == "Public consultation on community safety in Zvečan"
    assert row.activity_type == "Public consultation"
    assert row.municipality == "Zveçan/Zvečan"
    assert (row.women, row.men, row.recorded, row.total) == (21, 24, 48, 50)
    assert row.incomplete
    assert row.start_date == date(2026, 2, 12)

    details = service.get(activity_id)
    assert details.form.participants_total == 50
    assert sorted(details.form.participants) == sorted(setting.form().participants)


def test_breakdown_that_adds_up_is_complete(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    service.create(setting.form(participants_total=48, name_en="Complete"))
    service.create(setting.form(participants_total=None, name_en="No headcount"))
    rows = {row.title: row for row in service.page(ListQuery())}
    assert not rows["Complete"].incomplete
    assert not rows["No headcount"].incomplete
    assert rows["No headcount"].total == 48


def test_bad_counts_are_refused_naming_the_line_and_nothing_is_written(
    db: Database, setting: Setting
) -> None:
    service = ActivityService(db)
    before = _stored_counts(db)
    lines = [
        ParticipantLine(F, YOUNG, "serb", 12),
        ParticipantLine(M, YOUNG, "serb", -1),
        ParticipantLine(F, MIDDLE, "albanian", "3.5"),
        ParticipantLine(M, MIDDLE, "martian", 4),
        ParticipantLine(F, YOUNG, "serb", 2),
        ParticipantLine("robot", YOUNG, "serb", 1),
        ParticipantLine(M, "ancient", "serb", 1),
        ParticipantLine(M, MIDDLE, "roma", 2.5),
        ParticipantLine(M, MIDDLE, "roma", ""),
    ]
    with pytest.raises(ValidationError) as refused:
        service.create(setting.form(participants=lines, participants_total="fifty"))
    errors = refused.value.errors
    assert set(errors) == {
        "participants_total",
        "participants[1].count",
        "participants[2].count",
        "participants[3].community",
        "participants[4]",
        "participants[5].gender",
        "participants[6].age_band",
        "participants[7].count",
        "participants[8].count",
    }
    assert "negative" in errors["participants[1].count"]
    assert "3.5" in errors["participants[2].count"]
    assert "martian" in errors["participants[3].community"]
    assert _stored_counts(db) == before


def test_form_errors_name_each_field(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    before = _stored_counts(db)
    with pytest.raises(ValidationError) as refused:
        service.create(
            setting.form(
                name_en="",
                name_sq="",
                name_sr=" ",
                project_id=None,
                activity_type_id=999,
                municipality_id=999,
                start_date="2026-03-02",
                end_date="2026-03-01",
                participants_total=-5,
            )
        )
    assert set(refused.value.errors) == {
        "name_en",
        "project_id",
        "activity_type_id",
        "municipality_id",
        "end_date",
        "participants_total",
    }
    assert _stored_counts(db) == before


def test_changed_counts_are_audited_and_bump_the_version(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    activity_id = service.create(setting.form())
    opened = service.get(activity_id)
    changed = [
        line._replace(count=14) if line[:3] == (F, YOUNG, "serb") else line
        for line in opened.form.participants
    ]
    service.update(activity_id, replace(opened.form, participants=changed), opened.version)

    reread = service.get(activity_id)
    assert reread.version > opened.version
    [row] = service.page(ListQuery())
    assert (row.recorded, row.incomplete) == (50, False)
    with db.transaction() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "activities").order_by(AuditEntry.id)
        ).all()
    assert [entry.action for entry in entries] == ["create", "update"]
    before, after = entries[1].changes["participants"]
    assert ["female", "18_29", "serb", 12] in before
    assert ["female", "18_29", "serb", 14] in after
    assert len(entries[0].changes["participants"]) == 5


def test_lines_can_be_removed_and_zeros_are_not_kept(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    activity_id = service.create(setting.form())
    opened = service.get(activity_id)
    lines = [ParticipantLine(F, YOUNG, "serb", 20), ParticipantLine(M, YOUNG, "serb", 0)]
    service.update(activity_id, replace(opened.form, participants=lines), opened.version)
    assert service.get(activity_id).form.participants == [ParticipantLine(F, YOUNG, "serb", 20)]
    assert _stored_counts(db)[1] == 1


def test_a_stale_version_is_refused(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    activity_id = service.create(setting.form())
    opened = service.get(activity_id)
    service.update(activity_id, replace(opened.form, venue="Youth centre"), opened.version)
    with pytest.raises(ConflictError):
        service.update(activity_id, replace(opened.form, participants_total=60), opened.version)
    assert service.get(activity_id).form.participants_total == 50


def test_search_finds_any_spelling_of_title_venue_and_municipality(
    db: Database, setting: Setting
) -> None:
    service = ActivityService(db)
    service.create(setting.form())
    service.create(
        setting.form(
            name_en="Training for MCSC members",
            name_sq="",
            name_sr="",
            municipality_id=setting.municipalities["gracanice"],
            venue="Hotel Gračanica",
        )
    )
    service.create(
        setting.form(
            name_en="Dialogue with police",
            name_sq="",
            name_sr="",
            municipality_id=setting.municipalities["zvecan"],
            venue="Cultural centre",
        )
    )
    for typed in ("zvecan", "Звечан", "Zveçan", "ZVEČAN"):
        titles = {row.title for row in service.page(ListQuery(search=typed))}
        assert titles == {
            "Public consultation on community safety in Zvečan",
            "Dialogue with police",
        }, typed
    for typed in ("Грачаница", "gracanica hotel", "Безбедности"):
        assert service.count(ListQuery(search=typed)) == 1, typed
    assert service.count(ListQuery(search="prizren")) == 0


def _grant_with_quarter(db: Database, setting: Setting) -> int:
    donor = OrganisationService(db).create(OrganisationForm(name_en="Peace Fund"))
    grant = GrantService(db).create(
        GrantForm(
            contract_number="2025/461-198",
            project_id=setting.project,
            donor_id=donor,
            amount="100000",
            start_date="2026-01-01",
            end_date="2026-12-31",
        )
    )
    with db.transaction() as session:
        period = ReportingPeriod(
            grant_id=grant,
            label="2026-Q2",
            kind=PeriodKind.QUARTERLY,
            start_date=date(2026, 4, 1),
            end_date=date(2026, 6, 30),
        )
        session.add(period)
        session.flush()
        return period.id


def test_filters_by_project_type_municipality_partner_and_period(
    db: Database, setting: Setting
) -> None:
    service = ActivityService(db)
    service.create(setting.form(name_en="A"))
    service.create(
        setting.form(
            name_en="B",
            project_id=setting.other_project,
            start_date="2026-04-20",
            end_date="2026-04-21",
        )
    )
    service.create(
        setting.form(
            name_en="C",
            activity_type_id=setting.types["training"],
            municipality_id=setting.municipalities["prizren"],
            carried_out_by_id=None,
            start_date="2026-06-30",
            end_date="2026-07-02",
        )
    )
    quarter = _grant_with_quarter(db, setting)

    def titles(**filters: object) -> list[str]:
        pairs = ActivityFilters(**filters).pairs()  # type: ignore[arg-type]
        query = ListQuery(sort="name", filters=pairs)
        rows = service.page(query)
        assert service.count(query) == len(rows)
        return [row.title for row in rows]

    assert titles() == ["A", "B", "C"]
    assert titles(project_id=setting.other_project) == ["B"]
    assert titles(activity_type_id=setting.types["training"]) == ["C"]
    assert titles(municipality_id=setting.municipalities["zvecan"]) == ["A", "B"]
    assert titles(carried_out_by_id=setting.partner) == ["A", "B"]
    assert titles(period_id=quarter) == ["B", "C"]
    assert titles(period_id=quarter, project_id=setting.project) == ["C"]
    assert titles(date_from=date(2026, 2, 12), date_to=date(2026, 4, 20)) == ["A", "B"]
    assert [choice.label for choice in service.period_choices()] == ["2026-Q2 · 2025/461-198"]


def test_sorting_by_totals_and_flag_happens_in_the_database(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    for name, women, headcount in (("few", 2, None), ("many", 30, 40), ("some", 10, 10)):
        lines = [ParticipantLine(F, YOUNG, "serb", women), ParticipantLine(M, YOUNG, "serb", 5)]
        service.create(setting.form(name_en=name, participants=lines, participants_total=headcount))

    def order(sort: str, descending: bool = False) -> list[str]:
        rows = service.page(ListQuery(sort=sort, descending=descending), offset=0, limit=2)
        return [row.title for row in rows]

    assert order("women", descending=True) == ["many", "some"]
    assert order("men") == ["few", "many"]  # equal counts keep the order of creation
    assert order("total") == ["few", "some"]  # 7, 10, 40: a headcount outranks the breakdown
    assert order("incomplete") == ["few", "many"]  # only "few" has no headcount to miss
    assert order("name", descending=True) == ["some", "many"]


def test_archive_hides_and_restore_brings_back(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    activity_id = service.create(setting.form())
    service.archive(activity_id)
    assert service.count(ListQuery()) == 0
    assert [row.archived for row in service.page(ListQuery(include_archived=True))] == [True]
    assert service.participant_totals().overall.activities == 0
    service.restore(activity_id)
    assert service.count(ListQuery()) == 1


def test_participant_totals_by_municipality_and_quarter(db: Database, setting: Setting) -> None:
    service = ActivityService(db)
    service.create(setting.form())  # Zvečan, Q1: 21 women, 24 men, 3 other, headcount 50
    service.create(
        setting.form(
            start_date="2026-05-05",
            end_date="2026-05-05",
            participants_total=None,
            participants=[
                ParticipantLine(F, YOUNG, "serb", 7),
                ParticipantLine(OTHER, YOUNG, "serb", 1),
            ],
        )
    )
    service.create(
        setting.form(
            municipality_id=setting.municipalities["prizren"],
            start_date="2026-05-20",
            end_date="2026-05-21",
            participants_total=10,
            participants=[ParticipantLine(M, MIDDLE, "turkish", 10)],
        )
    )
    summary = service.participant_totals(language="sr_Latn")
    overall = summary.overall
    assert (overall.activities, overall.women, overall.men, overall.other) == (3, 28, 34, 4)
    assert overall.total == 50 + 8 + 10
    by_place = {entry.name: entry.totals for entry in summary.by_municipality}
    assert list(by_place) == ["Zvečan", "Prizren"]
    assert (by_place["Zvečan"].activities, by_place["Zvečan"].total) == (2, 58)
    assert [(q.label, q.totals.total) for q in summary.by_quarter] == [
        ("2026-Q1", 50),
        ("2026-Q2", 18),
    ]
    only_prizren = service.participant_totals(
        ActivityFilters(municipality_id=setting.municipalities["prizren"])
    )
    assert (only_prizren.overall.men, only_prizren.overall.total) == (10, 10)


def test_totals_agree_with_a_direct_count_on_the_demo(db: Database) -> None:
    from desktop.store.demo import load_demo

    load_demo(db)
    service = ActivityService(db)
    summary = service.participant_totals()
    with db.transaction() as session:
        people = session.scalar(select(func.sum(ParticipantCount.count)))
        women = session.scalar(
            select(func.sum(ParticipantCount.count)).where(ParticipantCount.gender == F)
        )
        activities = session.scalar(select(func.count(Activity.id)))
    assert summary.overall.recorded == people
    assert summary.overall.women == women
    assert summary.overall.activities == activities == service.count(ListQuery())
    assert sum(q.totals.total for q in summary.by_quarter) == summary.overall.total
    for typed in ("zvecan", "Звечан", "Zveçan"):
        rows = service.page(ListQuery(search=typed))
        assert rows and all(row.municipality == "Zveçan/Zvečan" for row in rows), typed
