"""Organisations and grants through their services."""

from decimal import Decimal

import pytest

from desktop.domain import OrganisationKind
from desktop.i18n import set_language
from desktop.services.errors import NotFoundError, ValidationError
from desktop.services.grants import GrantForm, GrantService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database


def _organisation(db: Database, **values: object) -> int:
    form = OrganisationForm(name_sq="Iniciativa Qytetare", acronym="IQ")
    for key, value in values.items():
        setattr(form, key, value)
    return OrganisationService(db).create(form)


def _grant_form(db: Database, **values: object) -> GrantForm:
    project = ProjectService(db).create(
        ProjectForm(
            code="P-1", name_en="Safer Zvečan", start_date="2026-01-01", end_date="2027-12-31"
        )
    )
    donor = _organisation(
        db, name_en="Fictional Peace Foundation", acronym="FPF", kind=OrganisationKind.DONOR
    )
    form = GrantForm(
        contract_number="2026/100-001",
        project_id=project,
        donor_id=donor,
        amount="150000.00",
        start_date="2026-01-01",
        end_date="2027-12-31",
    )
    for key, value in values.items():
        setattr(form, key, value)
    return form


def test_organisation_found_in_any_script(db: Database) -> None:
    _organisation(db, name_sr="Грађанска иницијатива")
    service = OrganisationService(db)
    for typed in ("qytetare", "Građanska", "gradjanska", "ГРАЂАНСКА", "iq"):
        assert service.count(ListQuery(search=typed)) == 1, typed
    [row] = service.page(ListQuery(language="sr_Latn"))
    assert row.name == "Građanska inicijativa"


def test_organisation_needs_a_name_and_a_real_email(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        _organisation(db, name_sq="", acronym="X", email="not-an-address")
    assert set(refused.value.errors) == {"name_en", "email"}


def test_grant_amounts_are_decimal_and_typed_in_the_interface_language(db: Database) -> None:
    set_language("sq")
    service = GrantService(db)
    grant_id = service.create(_grant_form(db, amount="1 234 567,89"))
    assert service.get(grant_id).form.amount == Decimal("1234567.89")
    assert service.find("2026/100-001") == grant_id


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("amount", "-5"),
        ("amount", "12.345"),
        ("amount", "lots"),
        ("amount", "1e400"),
        ("currency", "EURO"),
        ("start_date", "2026-02-30"),
        ("end_date", "2025-12-31"),
        ("contract_number", ""),
    ],
)
def test_bad_grant_input_names_the_field_and_writes_nothing(
    db: Database, field: str, value: str
) -> None:
    form = _grant_form(db, **{field: value})
    service = GrantService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(form)
    assert field in refused.value.errors
    assert service.count(ListQuery(include_archived=True)) == 0


def test_unknown_grant_and_period_are_named(db: Database) -> None:
    service = GrantService(db)
    with pytest.raises(NotFoundError) as missing:
        service.find("1999/000-000")
    assert "1999/000-000" in str(missing.value)
    grant_id = service.create(_grant_form(db))
    with pytest.raises(NotFoundError):
        service.find_period(grant_id, "2026-Q5")
