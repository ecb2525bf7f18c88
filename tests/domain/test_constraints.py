"""The schema itself refuses impossible data, whatever code writes it: dates out of order,
negative money, duplicate codes, unknown statuses, dangling references.
"""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, StatementError

from desktop.domain import (
    Grant,
    Organisation,
    OrganisationKind,
    Project,
    ProjectStatus,
)
from desktop.store.database import Database


def _project(code: str = "P-1", **values: object) -> Project:
    fields = {
        "code": code,
        "name_en": "Safer Zvečan",
        "start_date": date(2026, 1, 1),
        "end_date": date(2026, 12, 31),
        "search_key": code.lower(),
    }
    fields.update(values)
    return Project(**fields)


def _refused(db: Database, *records: object) -> None:
    with pytest.raises((IntegrityError, StatementError)), db.transaction() as session:
        session.add_all(records)
        session.flush()


def test_end_before_start_is_refused(db: Database) -> None:
    _refused(db, _project(end_date=date(2025, 12, 31)))


def test_duplicate_project_codes_are_refused(db: Database) -> None:
    with db.transaction() as session:
        session.add(_project())
    _refused(db, _project())


def test_negative_grant_amount_is_refused(db: Database) -> None:
    with db.transaction() as session:
        donor = Organisation(name_en="Donor", kind=OrganisationKind.DONOR, search_key="donor")
        project = _project()
        session.add_all([donor, project])
    _refused(
        db,
        Grant(
            contract_number="X-1",
            project_id=project.id,
            donor_id=donor.id,
            currency="EUR",
            amount=Decimal("-1.00"),
            start_date=date(2026, 1, 1),
            end_date=date(2026, 2, 1),
        ),
    )


def test_unknown_status_is_refused_by_the_database(db: Database) -> None:
    with db.transaction() as session:
        session.add(_project())
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.execute(text("UPDATE projects SET status = 'imaginary'"))


def test_references_must_exist(db: Database) -> None:
    _refused(db, _project(lead_organisation_id=999_999))


def test_new_records_get_uuid_timestamps_and_version(db: Database) -> None:
    with db.transaction() as session:
        project = _project(status=ProjectStatus.ACTIVE)
        session.add(project)
        session.flush()
        assert project.uuid is not None
        assert project.created_at is not None
        assert project.version == 1
