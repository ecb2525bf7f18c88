"""The demo fills every field the donor reports print (revision 0007) for the EU grant
2025/461-198, and gives another donor's grant the simple template; on both databases."""

from decimal import Decimal

from sqlalchemy import select

from desktop.domain import (
    Activity,
    Grant,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    NarrativeText,
    ReportingPeriod,
    Result,
)
from desktop.services.budget import BudgetService
from desktop.services.donor_profiles import DonorProfileService, logo_media_type
from desktop.services.grants import GrantService
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY, load_demo

EU_GRANT = "2025/461-198"


def test_the_eu_grant_has_every_field_of_the_eu_reports(db: Database) -> None:
    load_demo(db)
    grant_id = GrantService(db).find(EU_GRANT)
    profile = DonorProfileService(db).for_grant(grant_id, "en")
    assert profile.template_code == "eu_2016"
    assert profile.logo is not None and len(profile.logo) < 1024 * 1024
    assert logo_media_type(profile.logo) == profile.logo_media_type == "image/png"
    lines = BudgetService(db).lines(grant_id, "en")
    assert {line.heading for line in lines} >= {
        "1.1 Salaries of local staff (technical and administrative)",
        "2.1 International travel",
        "5.8 Visibility actions",
        "10. Indirect costs (maximum 7% of 9)",
    }
    with db.transaction() as session:
        grant = session.scalars(select(Grant).where(Grant.contract_number == EU_GRANT)).one()
        assert grant.contact_person is not None and grant.contact_person.title
        periods = {
            period.label: period
            for period in session.scalars(
                select(ReportingPeriod).where(ReportingPeriod.grant_id == grant.id)
            )
        }
        for label in ("2026-Q1", "2026-Q2"):  # their reports were due before the demo's day
            sent = periods[label].sent_on
            assert sent is not None and periods[label].start_date < sent <= DEMO_TODAY
        assert periods["2026-Q4"].sent_on is None
        for label in ("2026-Q1", "2026-Q2", "2026-Q3"):
            written = {
                (text.section, text.language)
                for text in session.scalars(
                    select(NarrativeText).where(NarrativeText.period_id == periods[label].id)
                )
                if text.text.strip()
            }
            assert written >= {
                (section, language)
                for section in NarrativeSection
                for language in ("en", "sq", "sr")
            }, label
        activities = session.scalars(
            select(Activity).where(Activity.project_id == grant.project_id)
        ).all()
        with_problems = [a for a in activities if a.problems]
        assert 3 <= len(with_problems) < len(activities)
        results = session.scalars(select(Result).where(Result.project_id == grant.project_id))
        assert sum(1 for result in results if result.assumptions) >= 4
        indicators = session.scalars(
            select(Indicator).join(Result).where(Result.project_id == grant.project_id)
        ).all()
        for indicator in indicators:
            assert indicator.baseline_year == 2025 and indicator.target_year == 2027
        values = session.scalars(
            select(IndicatorValue).where(
                IndicatorValue.period_id.in_([p.id for p in periods.values()])
            )
        ).all()
        split = [v for v in values if v.women is not None]
        assert split and all(v.men is not None and v.women + v.men <= v.value for v in split)
        # The research training's participants: women and men both there, a few neither.
        assert any(v.women and v.men and v.women + v.men == v.value for v in split)


def test_the_foundations_grant_is_on_the_simple_template(db: Database) -> None:
    load_demo(db)
    grant_id = GrantService(db).find("LHF-2025-017")
    profile = DonorProfileService(db).for_grant(grant_id, "sq")
    assert (profile.profile_id, profile.template_code, profile.logo) == (None, "simple", None)
    lines = BudgetService(db).lines(grant_id, "en")
    assert lines[0].heading == "1. Staff"
    assert lines[-1].heading == "5. Administrative costs"
    assert sum(line.amount for line in lines) == Decimal(
        str(GrantService(db).get(grant_id).form.amount)
    )
