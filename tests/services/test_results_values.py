"""Indicator values through their review: staff enter and submit, a manager approves or
returns with a comment, approved values stay locked, and only they reach the report."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.results import IndicatorValue, ValueStatus
from desktop.domain.user import Role
from desktop.services.errors import ConflictError, RefusedError, ValidationError
from desktop.services.reports import ReportService
from desktop.services.results import ValueAction, ValueCell, available_actions
from desktop.store.database import Database
from tests.services.test_results_office import Office, add_chain, make_office


def cell(office: Office, indicator_id: int, period_id: int) -> ValueCell:
    found = office.values().grid(office.grant_id, "en").cell(indicator_id, period_id)
    assert found is not None
    return found


def test_the_whole_review_from_draft_to_approved(db: Database) -> None:
    office = make_office(db)
    indicator = add_chain(office)["OC1.1"]
    staff, manager = office.values(office.staff), office.values(office.manager)

    value_id = staff.enter_value(indicator, office.q1, "2")
    entered = cell(office, indicator, office.q1)
    assert (entered.value, entered.status) == (Decimal("2.00"), ValueStatus.DRAFT)
    staff.enter_value(indicator, office.q1, "3", entered.version)
    staff.submit_value(value_id, cell(office, indicator, office.q1).version)
    assert cell(office, indicator, office.q1).status == ValueStatus.SUBMITTED

    # Submitted: staff can neither change it nor approve it themselves.
    with pytest.raises(RefusedError):
        staff.enter_value(indicator, office.q1, "4")
    with pytest.raises(RefusedError):
        staff.approve_value(value_id, cell(office, indicator, office.q1).version)

    # A manager returns it, and must say why.
    with pytest.raises(ValidationError) as refused:
        manager.return_value(value_id, "   ", cell(office, indicator, office.q1).version)
    assert set(refused.value.errors) == {"comment"}
    assert cell(office, indicator, office.q1).status == ValueStatus.SUBMITTED
    manager.return_value(
        value_id, "Prizren adopted its plan in April.", cell(office, indicator, office.q1).version
    )
    returned = cell(office, indicator, office.q1)
    assert returned.status == ValueStatus.RETURNED
    assert returned.comment == "Prizren adopted its plan in April."
    assert returned.reviewed_by == "Mira Jovanović"

    staff.enter_value(indicator, office.q1, "2", returned.version)
    staff.submit_value(value_id, cell(office, indicator, office.q1).version)
    manager.approve_value(value_id, cell(office, indicator, office.q1).version)
    approved = cell(office, indicator, office.q1)
    assert (approved.value, approved.status) == (Decimal("2.00"), ValueStatus.APPROVED)
    assert approved.reviewed_by == "Mira Jovanović"
    assert approved.reviewed_at is not None
    assert staff.cell(indicator, office.q1) == approved

    # Approved is locked, for staff and manager alike, until a manager reopens it.
    for service in (staff, manager):
        with pytest.raises(RefusedError):
            service.enter_value(indicator, office.q1, "5")
    with pytest.raises(RefusedError):
        staff.reopen_value(value_id, approved.version)
    manager.reopen_value(value_id, approved.version)
    reopened = cell(office, indicator, office.q1)
    assert reopened.status == ValueStatus.DRAFT
    staff.enter_value(indicator, office.q1, "5", reopened.version)
    assert cell(office, indicator, office.q1).value == Decimal("5.00")

    with db.transaction() as session:
        statuses = [
            entry.changes["status"]
            for entry in session.scalars(
                select(AuditEntry)
                .where(
                    AuditEntry.entity == "indicator_values",
                    AuditEntry.action == AuditAction.UPDATE,
                )
                .order_by(AuditEntry.id)
            )
            if "status" in entry.changes
        ]
    assert statuses == [
        ["draft", "submitted"],
        ["submitted", "returned"],
        ["returned", "submitted"],
        ["submitted", "approved"],
        ["approved", "draft"],
    ]


def test_illegal_transitions_are_refused_and_change_nothing(db: Database) -> None:
    office = make_office(db)
    indicator = add_chain(office)["OC1.1"]
    staff, manager = office.values(office.staff), office.values(office.admin)
    value_id = staff.enter_value(indicator, office.q1, "1")

    version = cell(office, indicator, office.q1).version or 0
    for attempt in (
        lambda: manager.approve_value(value_id, version),
        lambda: manager.return_value(value_id, "Check it", version),
        lambda: manager.reopen_value(value_id, version),
    ):
        with pytest.raises(RefusedError) as refused:
            attempt()
        assert "Draft" in str(refused.value)
    assert cell(office, indicator, office.q1).status == ValueStatus.DRAFT

    staff.submit_value(value_id, version)
    with pytest.raises(RefusedError):
        staff.submit_value(value_id, version + 1)  # already submitted
    with pytest.raises(ConflictError):
        manager.approve_value(value_id, version)  # the version read before submitting
    assert cell(office, indicator, office.q1).status == ValueStatus.SUBMITTED


def test_viewers_read_and_bad_numbers_are_named(db: Database) -> None:
    office = make_office(db)
    indicator = add_chain(office)["OC1.1"]
    with pytest.raises(RefusedError):
        office.values(office.viewer).enter_value(indicator, office.q1, "1")
    for typed in ("", "twelve", "1.234"):
        with pytest.raises(ValidationError) as refused:
            office.values().enter_value(indicator, office.q1, typed)
        assert set(refused.value.errors) == {"value"}
    other = add_chain(office, office.other_project_id)["OC1.1"]
    with pytest.raises(ValidationError):
        office.values().enter_value(other, office.q1, "1")  # a period of another project
    with db.transaction() as session:
        assert session.scalars(select(IndicatorValue)).all() == []
        assert (
            session.scalars(select(AuditEntry).where(AuditEntry.entity == "indicator_values")).all()
            == []
        )


def test_the_actions_offered_follow_status_and_role() -> None:
    edit, submit, approve, give_back, reopen, recalc = (
        ValueAction.EDIT,
        ValueAction.SUBMIT,
        ValueAction.APPROVE,
        ValueAction.RETURN,
        ValueAction.REOPEN,
        ValueAction.RECALCULATE,
    )
    assert available_actions(None, Role.STAFF) == {edit}
    assert available_actions(None, Role.STAFF, rolled_up=True) == {edit, recalc}
    assert available_actions(ValueStatus.DRAFT, Role.STAFF) == {edit, submit}
    assert available_actions(ValueStatus.RETURNED, Role.STAFF) == {edit, submit}
    assert available_actions(ValueStatus.SUBMITTED, Role.STAFF) == set()
    assert available_actions(ValueStatus.SUBMITTED, Role.MANAGER) == {approve, give_back}
    assert available_actions(ValueStatus.APPROVED, Role.STAFF) == set()
    assert available_actions(ValueStatus.APPROVED, Role.ADMIN) == {reopen}
    assert available_actions(ValueStatus.DRAFT, Role.VIEWER) == set()


def test_progress_counts_only_approved_values(db: Database) -> None:
    office = make_office(db)
    indicator = add_chain(office)["OC1.1"]  # baseline 1, target 6
    staff, manager = office.values(office.staff), office.values(office.manager)
    first = staff.enter_value(indicator, office.q1, "2")
    staff.submit_value(first, cell(office, indicator, office.q1).version or 0)
    manager.approve_value(first, cell(office, indicator, office.q1).version or 0)
    staff.enter_value(indicator, office.q2, "3")  # a draft: not yet progress
    [line] = office.values().grid(office.grant_id, "en").lines
    assert line.approved_total == Decimal("2.00")
    assert line.cumulative == Decimal("3.00")
    assert line.share_of_target == Decimal("0.4")


def test_the_quarterly_report_shows_only_approved_values(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    staff, manager = office.values(office.staff), office.values(office.manager)
    approved = staff.enter_value(ids["OC1.1"], office.q1, "2")
    staff.submit_value(approved, cell(office, ids["OC1.1"], office.q1).version or 0)
    manager.approve_value(approved, cell(office, ids["OC1.1"], office.q1).version or 0)
    submitted = staff.enter_value(ids["OC1.1"], office.q2, "3")
    staff.submit_value(submitted, cell(office, ids["OC1.1"], office.q2).version or 0)

    reports = ReportService(db)
    [q1_row] = reports.quarterly(office.grant_id, office.q1, "en").indicators
    [q2_row] = reports.quarterly(office.grant_id, office.q2, "en").indicators
    assert (q1_row.this_period, q1_row.cumulative) == (Decimal("2.00"), Decimal("3.00"))
    assert (q2_row.this_period, q2_row.cumulative) == (None, Decimal("3.00"))

    manager.approve_value(submitted, cell(office, ids["OC1.1"], office.q2).version or 0)
    [q2_row] = reports.quarterly(office.grant_id, office.q2, "en").indicators
    assert (q2_row.this_period, q2_row.cumulative) == (Decimal("3.00"), Decimal("6.00"))

    manager.reopen_value(submitted, cell(office, ids["OC1.1"], office.q2).version or 0)
    [q2_row] = reports.quarterly(office.grant_id, office.q2, "en").indicators
    assert q2_row.this_period is None


def test_a_value_someone_else_wrote_first_is_not_overwritten(db: Database) -> None:
    office = make_office(db)
    indicator = add_chain(office)["OC1.1"]
    arben, mira = office.values(office.staff), office.values(office.manager)
    arben.enter_value(indicator, office.q1, "2")  # both saw an empty cell
    with pytest.raises(ConflictError):
        mira.enter_value(indicator, office.q1, "3")
    seen = cell(office, indicator, office.q1)
    arben.enter_value(indicator, office.q1, "4", seen.version)
    with pytest.raises(ConflictError):
        mira.enter_value(indicator, office.q1, "3", seen.version)
    assert cell(office, indicator, office.q1).value == Decimal("4.00")
