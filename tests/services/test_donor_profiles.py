"""Donor profiles and budget templates: which headings a grant's lines may go under, and the
logo a donor's reports print; on both databases."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from desktop.domain import AuditEntry, DonorProfile, OrganisationKind
from desktop.domain.reference import BudgetHeadingKind
from desktop.i18n import set_language
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.donor_profiles import (
    MAX_LOGO_BYTES,
    DonorProfileForm,
    DonorProfileService,
)
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.grants import GrantService
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.store.demo_logo import flag_logo_png
from tests.services.test_grants import make_grant

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100
GIF = b"GIF89a" + b"\x00" * 100


def template_id(db: Database, code: str) -> int:
    [found] = [t.id for t in ReferenceService(db).budget_templates("en") if t.code == code]
    return found


def heading_id(db: Database, code: str) -> int:
    [found] = [
        h.id for h in ReferenceService(db).budget_headings("en", computed=True) if h.code == code
    ]
    return found


def new_donor(db: Database, name: str = "Balkan Trust for Safety") -> int:
    return OrganisationService(db).create(
        OrganisationForm(name_en=name, kind=OrganisationKind.DONOR)
    )


def profiles(db: Database) -> int:
    with db.transaction() as session:
        return session.scalar(select(func.count(DonorProfile.id))) or 0


def test_the_eu_template_has_the_2016_headings_with_numbers_kinds_and_parents(
    db: Database,
) -> None:
    headings = ReferenceService(db).budget_headings("sr", "eu_2016", computed=True)
    assert [h.number for h in headings] == [
        "1", "1.1", "1.2", "1.3", "2", "2.1", "2.2", "3", "4", "5", "5.1", "5.2", "5.3",
        "5.4", "5.5", "5.6", "5.7", "5.8", "6", "7", "8", "9", "10", "11",
    ]  # fmt: skip
    by_number = {h.number: h for h in headings}
    assert by_number["1.3"].parent_id == by_number["1"].id
    assert by_number["5.8"].parent_id == by_number["5"].id
    assert by_number["7"].kind == BudgetHeadingKind.SUBTOTAL_DIRECT
    assert by_number["8"].kind == BudgetHeadingKind.CONTINGENCY
    assert by_number["9"].kind == BudgetHeadingKind.TOTAL_DIRECT
    assert by_number["10"].kind == BudgetHeadingKind.INDIRECT
    assert by_number["11"].kind == BudgetHeadingKind.TOTAL
    assert by_number["1"].name == "1. Људски ресурси"
    assert by_number["11"].name == "11. Укупни прихватљиви трошкови (9+10)"
    # A form offers only the headings lines go under.
    for_form = ReferenceService(db).budget_headings("en", "eu_2016")
    assert [h.number for h in for_form if h.number in {"7", "8", "9", "10", "11"}] == ["8", "10"]
    simple = ReferenceService(db).budget_headings("sq", "simple", computed=True)
    assert [(h.number, h.name) for h in simple][-1] == ("6", "6. Totali")
    assert [h.kind for h in simple].count(BudgetHeadingKind.DIRECT) == 5


def test_a_donor_without_a_profile_reports_on_the_simple_template(db: Database) -> None:
    donor = new_donor(db)
    details = DonorProfileService(db).get(donor)
    assert (details.profile_id, details.template_code, details.logo) == (None, "simple", None)
    assert details.template_name == "Simple budget"
    assert details.indirect_limit is None


def test_a_profile_keeps_its_template_and_logo_and_is_audited(db: Database) -> None:
    donor = new_donor(db)
    service = DonorProfileService(db)
    logo = flag_logo_png()
    profile_id = service.set(
        donor, DonorProfileForm(budget_template_id=template_id(db, "eu_2016"), logo=logo), None
    )
    details = service.get(donor)
    assert details.profile_id == profile_id
    assert (details.template_code, details.logo, details.logo_media_type) == (
        "eu_2016",
        logo,
        "image/png",
    )
    assert details.indirect_limit == Decimal("0.07")
    service.set(donor, DonorProfileForm(details.budget_template_id, JPEG), details.version)
    assert service.get(donor).logo_media_type == "image/jpeg"
    with db.transaction() as session:
        changes = [
            entry.changes
            for entry in session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == "donor_profiles")
                .order_by(AuditEntry.id)
            )
        ]
    assert changes[0]["logo"] == len(logo)  # the size, not the bytes
    assert changes[1]["logo"] == [len(logo), len(JPEG)]
    with pytest.raises(ConflictError):  # a stale version
        service.set(donor, DonorProfileForm(details.budget_template_id, None), details.version)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"logo": GIF}, "logo", "PNG or JPEG"),
        ({"logo": b""}, "logo", "PNG or JPEG"),
        ({"logo": b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_LOGO_BYTES}, "logo", "1,024 KB"),
        ({"budget_template_id": None}, "budget_template_id", "budget template"),
        ({"budget_template_id": 99999}, "budget_template_id", "budget template"),
    ],
)
def test_a_bad_profile_is_refused_naming_the_field(
    db: Database, changes: dict[str, object], field: str, words: str
) -> None:
    donor = new_donor(db)
    form = DonorProfileForm(budget_template_id=template_id(db, "eu_2016"), logo=flag_logo_png())
    for name, value in changes.items():
        setattr(form, name, value)
    with pytest.raises(ValidationError) as refused:
        DonorProfileService(db).set(donor, form, None)
    assert set(refused.value.errors) == {field}
    assert words in refused.value.errors[field]
    assert profiles(db) == 0


def test_a_logo_refusal_is_translated(db: Database) -> None:
    set_language("sq")
    form = DonorProfileForm(budget_template_id=template_id(db, "simple"), logo=GIF)
    with pytest.raises(ValidationError) as refused:
        DonorProfileService(db).set(new_donor(db), form, None)
    assert refused.value.errors["logo"]  # a sentence, in whatever the catalog has


def test_a_line_goes_under_a_heading_of_its_donors_template(db: Database) -> None:
    grant = make_grant(db)  # its donor reports on the EU template
    budget = BudgetService(db)
    budget.create(
        grant,
        BudgetLineForm(
            heading_id=heading_id(db, "eu_1_3_per_diems"), code="1.3.1", description="Per diems",
            amount="1200",
        ),
    )  # fmt: skip
    for code, words in (("simple_1_staff", "not in the donor's budget template"),
                        ("eu_7_subtotal_direct", "a total the reports compute"),
                        ("eu_11_total", "a total the reports compute")):  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            budget.create(
                grant,
                BudgetLineForm(heading_id=heading_id(db, code), code="9", description="x",
                               amount="1"),
            )  # fmt: skip
        assert words in refused.value.errors["heading_id"]
    assert [line.code for line in budget.lines(grant, "en")] == ["1.3.1"]
    choices = budget.heading_choices(grant, "en")
    assert {c.template_code for c in choices} == {"eu_2016"}
    assert "eu_11_total" not in {c.code for c in choices}


def test_a_grant_of_a_donor_without_a_profile_uses_the_simple_headings(db: Database) -> None:
    grant = make_grant(db)
    grants = GrantService(db)
    form = grants.get(grant).form
    form.donor_id = new_donor(db)  # no profile: simple
    grants.update(grant, form, grants.get(grant).version)
    budget = BudgetService(db)
    assert [c.code for c in budget.heading_choices(grant, "en")] == [
        "simple_1_staff", "simple_2_activities", "simple_3_travel", "simple_4_equipment",
        "simple_5_administration",
    ]  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        budget.create(
            grant, BudgetLineForm(heading_id=heading_id(db, "eu_2_travel"), code="2",
                                  description="Travel", amount="10"),
        )  # fmt: skip
    assert "Simple budget" in refused.value.errors["heading_id"]
    budget.create(
        grant, BudgetLineForm(heading_id=heading_id(db, "simple_3_travel"), code="3.1",
                              description="Travel to Gračanica", amount="10"),
    )  # fmt: skip


def test_the_template_cannot_change_under_lines_of_another(db: Database) -> None:
    grant = make_grant(db)
    donor = GrantService(db).get(grant).form.donor_id
    assert donor is not None
    BudgetService(db).create(
        grant, BudgetLineForm(heading_id=heading_id(db, "eu_2_travel"), code="2.1",
                              description="Travel", amount="100"),
    )  # fmt: skip
    service = DonorProfileService(db)
    version = service.get(donor).version
    with pytest.raises(ValidationError) as refused:
        service.set(donor, DonorProfileForm(template_id(db, "simple")), version)
    assert "move those lines" in refused.value.errors["budget_template_id"]
    assert service.get(donor).template_code == "eu_2016"
    # Nor can the grant move to a donor on another template while it has the lines.
    grants = GrantService(db)
    form = grants.get(grant).form
    form.donor_id = new_donor(db, "Another foundation")
    with pytest.raises(ValidationError) as moved:
        grants.update(grant, form, grants.get(grant).version)
    assert "Simple budget" in moved.value.errors["donor_id"]


def test_for_grant_gives_the_donors_profile(db: Database) -> None:
    grant = make_grant(db)
    details = DonorProfileService(db).for_grant(grant, "sr")
    assert details.template_code == "eu_2016"
    assert details.template_name == "Стандардни уговор ЕУ о гранту (2016)"
