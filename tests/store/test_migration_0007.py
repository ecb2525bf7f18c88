"""Revision 0007 (donor reports) on a database with grants: down to 0006 and up again keeps
the budget lines where they were, gives the donors whose grants have lines the EU's
template, and leaves the activities' search and list indexes working; on both databases."""

from sqlalchemy import inspect, text

from desktop.domain import NarrativeSection
from desktop.services.activities import ActivityService
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.donor_profiles import DonorProfileService
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodForm, PeriodService
from desktop.store import schema
from desktop.store.database import Database
from tests.services.test_activities import Setting
from tests.services.test_donor_profiles import heading_id, new_donor
from tests.services.test_grants import make_grant


def _columns(db: Database, table: str) -> set[str]:
    with db.engine.connect() as connection:
        return {column["name"] for column in inspect(connection).get_columns(table)}


def test_down_to_0006_and_up_keeps_lines_and_gives_their_donors_the_eu_template(
    db: Database,
) -> None:
    with_lines = make_grant(db)
    BudgetService(db).create(
        with_lines,
        BudgetLineForm(
            heading_id=heading_id(db, "eu_1_3_per_diems"),
            code="1.3.1",
            description="Per diems of seminar participants",
            amount="2400",
        ),
    )
    PeriodService(db).create(
        with_lines,
        PeriodForm(
            label="2026-Q1",
            start_date="2026-01-01",
            end_date="2026-03-31",
            sent_on="2026-04-20",
            narratives={
                (NarrativeSection.SUMMARY, "en"): "Summary",
                (NarrativeSection.CHANGES, "en"): "Delays",
            },
        ),
    )
    without_lines = make_grant(db, "2026/100-002")
    grants = GrantService(db)
    form = grants.get(without_lines).form
    lineless_donor = new_donor(db, "A donor without lines")
    form.donor_id = lineless_donor
    grants.update(without_lines, form, grants.get(without_lines).version)
    setting = Setting(db)
    ActivityService(db).create(setting.form(problems="Rain"))

    schema.downgrade(db.url, "0006")
    assert "donor_profiles" not in inspect(db.engine).get_table_names()
    assert "problems" not in _columns(db, "activities")
    assert "template_id" not in _columns(db, "budget_headings")
    with db.engine.connect() as connection:
        sections = connection.execute(text("SELECT section FROM narrative_texts")).scalars()
        assert list(sections) == ["summary"]  # the new sections had nowhere to go
        assert connection.execute(text("SELECT count(*) FROM budget_lines")).scalar_one() == 1

    schema.upgrade(db.url)
    lines = BudgetService(db).lines(with_lines, "en")
    assert [(line.code, line.heading) for line in lines] == [
        ("1.3.1", "1.3 Per diems (abroad, local, seminar and conference participants)")
    ]
    donor = grants.get(with_lines).form.donor_id
    assert donor is not None
    assert DonorProfileService(db).get(donor).template_code == "eu_2016"
    assert DonorProfileService(db).get(lineless_donor).profile_id is None
    with db.engine.connect() as connection:
        placed = dict(
            connection.execute(
                text(
                    "SELECT h.code, t.code || ' ' || h.number || ' ' || h.kind "
                    "FROM budget_headings h JOIN budget_templates t ON t.id = h.template_id"
                )
            ).all()
        )
    assert placed["eu_1_3_per_diems"] == "eu_2016 1.3 direct"
    assert placed["eu_10_indirect"] == "eu_2016 10 indirect"
    assert placed["simple_6_total"] == "simple 6 total"
    # The activities' search (SQLite's trigram table and its triggers) still follows them.
    activities = ActivityService(db)
    activities.create(setting.form(name_en="Dialogue with youth in Gračanica", name_sq=""))
    assert activities.count(ListQuery(search="gracan")) == 1
    assert activities.count(ListQuery(search="public consultation")) == 1
