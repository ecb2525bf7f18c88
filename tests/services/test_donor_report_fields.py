"""The fields the EU's narrative report and logframe need, through the services that keep
them: the grant's contact person, the date a report was sent and its new sections, an
activity's problems, a result's assumptions, an indicator's reference years and a value's
women and men; on both databases."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.domain import AuditEntry, IndicatorValue, NarrativeSection
from desktop.domain.results import ParticipantRollup
from desktop.services.activities import ActivityService
from desktop.services.errors import ValidationError
from desktop.services.grants import GrantService
from desktop.services.people import PersonForm, PersonService
from desktop.services.periods import PeriodForm, PeriodService
from desktop.services.results import IndicatorForm, ResultForm
from desktop.store.database import Database
from tests.services.test_activities import Setting
from tests.services.test_grants import make_grant
from tests.services.test_results_office import add_activity, add_chain, make_office
from tests.services.test_results_rollup import ADULT, YOUNG, F, M, X

CHANGES, COOPERATION, RECORDS = (
    NarrativeSection.CHANGES,
    NarrativeSection.COOPERATION,
    NarrativeSection.RECORDS,
)


def latest_changes(db: Database, entity: str) -> dict[str, object]:
    with db.transaction() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None
        return dict(entry.changes)


def person(db: Database, first: str, last: str, title: str) -> int:
    return PersonService(db).create(PersonForm(first_name=first, last_name=last, title=title))


def test_a_grant_keeps_its_contact_person(db: Database) -> None:
    grants = GrantService(db)
    grant = make_grant(db)
    contact = person(db, "Drita", "Berisha", "Executive Director")
    form = grants.get(grant).form
    form.contact_person_id = contact
    grants.update(grant, form, grants.get(grant).version)
    assert grants.get(grant).form.contact_person_id == contact
    assert latest_changes(db, "grants")["contact_person_id"] == [None, contact]
    assert (contact, "Drita Berisha, Executive Director") in grants.contact_person_choices("en")
    # An archived person stays the contact of a grant that has them, but is not chosen anew.
    PersonService(db).archive(contact)
    assert grants.contact_person_choices("en") == []
    assert [i for i, _name in grants.contact_person_choices("en", keep=contact)] == [contact]
    form = grants.get(grant).form
    form.title = "Renamed"
    grants.update(grant, form, grants.get(grant).version)
    other = make_grant(db, "2026/100-002")
    form = grants.get(other).form
    for refused in (contact, 99999):
        form.contact_person_id = refused
        with pytest.raises(ValidationError) as error:
            grants.update(other, form, grants.get(other).version)
        assert set(error.value.errors) == {"contact_person_id"}
    assert grants.get(other).form.contact_person_id is None


def test_a_period_keeps_when_its_report_was_sent_and_the_new_sections(db: Database) -> None:
    grant = make_grant(db)
    periods = PeriodService(db)
    texts = {
        (CHANGES, "en"): "The Zubin Potok consultation moved to April after the floods.",
        (COOPERATION, "sq"): "Bashkëpunim me Komunën e Mitrovicës së Veriut & KKSB-të.",
        (RECORDS, "sr"): "Евиденција се чува у канцеларији у Северној Митровици.",
        (NarrativeSection.SUMMARY, "sr_Latn"): "Sažetak",
    }
    period = periods.create(
        grant,
        PeriodForm(
            label="2026-Q1",
            start_date="2026-01-01",
            end_date="2026-03-31",
            due_on="2026-04-30",
            sent_on="2026-04-28",
            narratives=dict(texts),
        ),
    )
    stored = periods.get(period)
    assert stored.form.sent_on == date(2026, 4, 28)
    assert stored.form.narratives == texts
    assert periods.periods(grant)[0].sent_on == date(2026, 4, 28)
    assert latest_changes(db, "reporting_periods")["sent_on"] == "2026-04-28"
    form = stored.form
    form.sent_on = "2025-12-31"
    with pytest.raises(ValidationError) as refused:
        periods.update(period, form, stored.version)
    assert set(refused.value.errors) == {"sent_on"}
    assert periods.get(period).form.sent_on == date(2026, 4, 28)


def test_an_activity_keeps_its_problems(db: Database) -> None:
    setting = Setting(db)
    activities = ActivityService(db)
    problems = "Few women came from Leposavić; a second session was held in the evening."
    activity = activities.create(setting.form(problems=problems))
    assert activities.get(activity).form.problems == problems
    assert latest_changes(db, "activities")["problems"] == problems
    with pytest.raises(ValidationError) as refused:
        activities.create(setting.form(problems="x" * 20_001))
    assert set(refused.value.errors) == {"problems"}


def test_results_keep_assumptions_and_indicators_their_reference_years(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    results = office.results()
    details = results.get_result(ids["OC1"])
    form = details.form
    form.assumptions = "Municipalities keep convening their safety councils."
    results.update_result(ids["OC1"], form, details.version)
    assert results.get_result(ids["OC1"]).form.assumptions == form.assumptions
    [tree] = results.tree(office.project_id, "en")
    assert tree.children[0].assumptions == form.assumptions

    indicator = results.get_indicator(ids["OC1.1"])
    changed = indicator.form
    changed.baseline_year, changed.target_year = "2025", 2027
    results.update_indicator(ids["OC1.1"], changed, indicator.version)
    stored = results.get_indicator(ids["OC1.1"])
    assert (stored.form.baseline_year, stored.form.target_year) == (2025, 2027)
    assert latest_changes(db, "indicators")["target_year"] == [None, 2027]
    line = office.values().grid(office.grant_id, "en").lines[0]
    assert (line.baseline_year, line.target_year) == (2025, 2027)

    for years, field in (
        (("1989", ""), "baseline_year"),
        (("", "2101"), "target_year"),
        (("twenty", ""), "baseline_year"),
        (("2026", "2025"), "target_year"),
    ):
        bad = results.get_indicator(ids["OC1.1"]).form
        bad.baseline_year, bad.target_year = years
        with pytest.raises(ValidationError) as refused:
            results.update_indicator(ids["OC1.1"], bad, stored.version)
        assert set(refused.value.errors) == {field}, years
    cleared = results.get_indicator(ids["OC1.1"]).form
    cleared.baseline_year = cleared.target_year = ""
    results.update_indicator(ids["OC1.1"], cleared, stored.version)
    assert results.get_indicator(ids["OC1.1"]).form.target_year is None
    new = results.create_indicator(
        IndicatorForm(result_id=ids["OP1.1"], code="OP1.1.1", name_en="Trained", target_year=2026)
    )
    assert results.get_indicator(new).form.target_year == 2026
    assert results.create_result(
        office.project_id, ResultForm(code="OO2", name_en="Trust", assumptions="Peace holds")
    )


def test_a_value_is_broken_down_by_sex_within_its_total(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    values = office.values()
    value_id = values.enter_value(ids["OC1.1"], office.q1, "40", women="22", men="18")
    cell = values.cell(ids["OC1.1"], office.q1)
    assert (cell.value, cell.women, cell.men) == (Decimal(40), Decimal(22), Decimal(18))
    assert latest_changes(db, "indicator_values")["women"] == "22.00"
    for women, men, field in (("-1", None, "women"), ("30", "11", "men"), (None, "41", "men"),
                              ("many", None, "women")):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            values.enter_value(ids["OC1.1"], office.q1, "40", cell.version, women=women, men=men)
        assert set(refused.value.errors) == {field}, (women, men)
    assert values.cell(ids["OC1.1"], office.q1).women == Decimal(22)
    values.enter_value(ids["OC1.1"], office.q1, "41", cell.version, women="23")
    with db.transaction() as session:
        stored = session.get(IndicatorValue, value_id)
        assert stored is not None
        assert (stored.value, stored.women, stored.men) == (Decimal(41), Decimal(23), None)


def test_a_recalculated_value_takes_its_women_and_men_from_the_participants(
    db: Database,
) -> None:
    office = make_office(db)
    ids = add_chain(office)
    add_activity(db, office.project_id, "training", date(2026, 2, 10),
                 {(F, YOUNG): 12, (F, ADULT): 8, (M, YOUNG): 5, (X, ADULT): 2})  # fmt: skip
    results, values = office.results(), office.values()
    everyone, women_only = (
        results.create_indicator(
            IndicatorForm(result_id=ids["OP1.1"], code=code, name_en=code, rollup=rollup)
        )
        for code, rollup in (("A", ParticipantRollup.ALL), ("W", ParticipantRollup.WOMEN))
    )
    values.recalculate(everyone, office.q1)
    values.recalculate(women_only, office.q1)
    cell = values.cell(everyone, office.q1)
    assert (cell.value, cell.women, cell.men) == (Decimal(27), Decimal(20), Decimal(5))
    assert cell.rolled_up is not None and cell.rolled_up.women == Decimal(20)
    women = values.cell(women_only, office.q1)
    assert (women.value, women.women, women.men) == (Decimal(20), Decimal(20), Decimal(0))
