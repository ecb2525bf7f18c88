"""Reporting periods and their narratives through the service, on both databases."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.domain import AuditEntry, NarrativeSection, NarrativeText, PeriodKind
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.grants import GrantService
from desktop.services.periods import PeriodForm, PeriodService, narrative_field
from desktop.services.reports import ReportService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_grants import audit_count, make_grant

SUMMARY, CHALLENGES = NarrativeSection.SUMMARY, NarrativeSection.CHALLENGES


def quarter(label: str = "2026-Q1", **changes: object) -> PeriodForm:
    form = PeriodForm(
        label=label, start_date="2026-01-01", end_date="2026-03-31", due_on="2026-04-30"
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return form


def narrative_rows(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count(NarrativeText.id))) or 0


def test_create_edit_and_list_a_period(db: Database) -> None:
    service = PeriodService(db)
    grant_id = make_grant(db)
    period_id = service.create(grant_id, quarter())
    opened = service.get(period_id)
    opened.form.kind = PeriodKind.INTERIM
    opened.form.due_on = "2026-05-15"
    service.update(period_id, opened.form, opened.version)
    [row] = service.periods(grant_id)
    assert (row.label, row.kind, row.due_on) == ("2026-Q1", PeriodKind.INTERIM, date(2026, 5, 15))
    assert GrantService(db).find_period(grant_id, "2026q1") == period_id
    assert [p.label for p in GrantService(db).periods(grant_id)] == ["2026-Q1"]
    assert audit_count(db, "reporting_periods") == 2


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("label", {"label": " "}),
        ("label", {"label": "2026-Q1"}),  # taken by the period already there
        ("start_date", {"start_date": "2025-12-31", "end_date": "2025-12-31", "due_on": ""}),
        ("end_date", {"start_date": "2027-12-01", "end_date": "2028-01-31", "due_on": ""}),
        ("end_date", {"start_date": "2026-06-30", "end_date": "2026-06-01"}),
        ("start_date", {"start_date": "2026-03-31"}),  # overlaps 2026-Q1
        ("due_on", {"due_on": "2026-06-29"}),  # due before the period ends
        ("kind", {"kind": "monthly"}),
        (narrative_field(SUMMARY, "sq"), {"narratives": {(SUMMARY, "sq"): "x" * 50_001}}),
        ("narratives", {"narratives": {(SUMMARY, "de"): "Zusammenfassung"}}),
    ],
)
def test_bad_period_is_refused_naming_the_field_and_nothing_is_written(
    db: Database, field: str, changes: dict[str, object]
) -> None:
    service = PeriodService(db)
    grant_id = make_grant(db)
    service.create(grant_id, quarter())
    second = quarter("2026-Q2", start_date="2026-04-01", end_date="2026-06-30", due_on="2026-07-30")
    for name, value in changes.items():
        setattr(second, name, value)
    with pytest.raises(ValidationError) as refused:
        service.create(grant_id, second)
    assert field in refused.value.errors
    assert [p.label for p in service.periods(grant_id)] == ["2026-Q1"]
    assert narrative_rows(db) == 0
    assert audit_count(db, "reporting_periods") == 1


def test_overlap_names_the_other_period(db: Database) -> None:
    service = PeriodService(db)
    grant_id = make_grant(db)
    service.create(grant_id, quarter())
    with pytest.raises(ValidationError) as refused:
        service.create(grant_id, quarter("2026-H1", start_date="2026-03-01", end_date="2026-06-30"))
    assert "2026-Q1" in refused.value.errors["start_date"]
    # the same period may keep its own dates when edited
    opened = service.get(service.periods(grant_id)[0].id)
    opened.form.end_date = "2026-03-30"
    service.update(opened.id, opened.form, opened.version)


def test_quarters_are_generated_for_the_whole_grant_once(db: Database) -> None:
    service = PeriodService(db)
    grant_id = make_grant(db, start_date="2026-02-15", end_date="2027-01-31")
    service.create(
        grant_id, quarter("Inception", start_date="2026-04-01", end_date="2026-06-30", due_on=None)
    )
    added = service.generate_quarters(grant_id)
    assert added == ["2026-Q1", "2026-Q3", "2026-Q4", "2027-Q1"]
    rows = service.periods(grant_id)
    assert [(p.label, p.start_date, p.end_date, p.due_on) for p in rows] == [
        ("2026-Q1", date(2026, 2, 15), date(2026, 3, 31), date(2026, 4, 30)),
        ("Inception", date(2026, 4, 1), date(2026, 6, 30), None),
        ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), date(2026, 10, 30)),
        ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), date(2027, 1, 30)),
        ("2027-Q1", date(2027, 1, 1), date(2027, 1, 31), date(2027, 3, 2)),
    ]
    assert {p.kind for p in rows} == {PeriodKind.QUARTERLY}
    assert service.generate_quarters(grant_id) == []
    assert audit_count(db, "reporting_periods") == 5


def test_narratives_per_section_and_language(db: Database, tmp_path: Path) -> None:
    service = PeriodService(db)
    grant_id = make_grant(db)
    texts = {
        (SUMMARY, "en"): "Five MCSCs consulted their communities.",
        (SUMMARY, "sq"): "Pesë KKSB konsultuan komunitetet e tyre.",
        (SUMMARY, "sr"): "Пет ОСБЗ консултовало је своје заједнице.",
        (SUMMARY, "sr_Latn"): "  ",
        (CHALLENGES, "en"): "Tensions in the north\n\ndelayed one dialogue meeting.",
    }
    period_id = service.create(grant_id, quarter(narratives=texts))
    stored = service.get(period_id).form.narratives
    assert stored == {key: text for key, text in texts.items() if text.strip()}
    assert narrative_rows(db) == 4
    assert service.periods(grant_id)[0].sections_written == 2

    report = ReportService(db).quarterly(grant_id, period_id, "sr_Latn")
    assert report.summary == "Pet OSBZ konsultovalo je svoje zajednice."  # from the Cyrillic
    assert ReportService(db).quarterly(grant_id, period_id, "sq").challenges.startswith("Tensions")

    opened = service.get(period_id)
    opened.form.narratives[(SUMMARY, "sr_Latn")] = "Pet OSBZ (Opštinskih saveta) se konsultovalo."
    del opened.form.narratives[(CHALLENGES, "en")]
    service.update(period_id, opened.form, opened.version)
    after = service.get(period_id)
    assert after.version > opened.version
    assert set(after.form.narratives) == {
        (SUMMARY, "en"),
        (SUMMARY, "sq"),
        (SUMMARY, "sr"),
        (SUMMARY, "sr_Latn"),
    }
    assert narrative_rows(db) == 4
    with db.transaction() as session:
        [change] = session.scalars(
            select(AuditEntry.changes).where(
                AuditEntry.entity == "reporting_periods", AuditEntry.action == "update"
            )
        ).all()
    old, new = change["narratives"]
    assert "challenges/en" in old and "challenges/en" not in new
    assert new["summary/sr_Latn"].startswith("Pet OSBZ (Opštinskih")


def test_two_people_writing_the_same_report(db: Database) -> None:
    service = PeriodService(db)
    grant_id = make_grant(db)
    period_id = service.create(grant_id, quarter())
    mine, theirs = service.get(period_id), service.get(period_id)
    theirs.form.narratives[(SUMMARY, "en")] = "Their summary."
    service.update(period_id, theirs.form, theirs.version)
    mine.form.narratives[(SUMMARY, "sq")] = "Përmbledhja ime."
    with pytest.raises(ConflictError):
        service.update(period_id, mine.form, mine.version)
    assert service.get(period_id).form.narratives == {(SUMMARY, "en"): "Their summary."}


def test_a_period_with_indicator_values_is_not_deleted(db: Database) -> None:
    load_demo(db)
    grants, service = GrantService(db), PeriodService(db)
    grant_id = grants.find("2025/461-198")
    reported = service.get(grants.find_period(grant_id, "2026-Q1"))
    with pytest.raises(RefusedError) as refused:
        service.delete(reported.id, reported.version)
    assert "2026-Q1" in str(refused.value)

    other = make_grant(db)
    spare = service.create(other, quarter(narratives={(SUMMARY, "en"): "Draft"}))
    service.delete(spare, service.get(spare).version)
    assert service.periods(other) == []
    assert service.get(reported.id).form.label == "2026-Q1"
