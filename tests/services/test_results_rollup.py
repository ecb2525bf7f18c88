"""Indicators that count people take their figures from the activities' participants, once
per head, per period, with a flag where an activity's breakdown falls short of its total."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text

from desktop.domain.activity import AgeBand
from desktop.domain.person import Gender
from desktop.domain.results import ParticipantRollup, ValueStatus
from desktop.services.errors import RefusedError
from desktop.services.grants import GrantService
from desktop.services.results import (
    IndicatorForm,
    IndicatorValueService,
    ResultsService,
    RollupFigure,
    ValueGrid,
)
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_results_office import (
    Office,
    activity_type_ids,
    add_activity,
    add_chain,
    make_office,
)

F, M, X = Gender.FEMALE, Gender.MALE, Gender.UNDISCLOSED
YOUNG, ADULT, UNKNOWN = AgeBand.FROM_18_TO_29, AgeBand.FROM_30_TO_44, AgeBand.UNKNOWN

DIRECT_SUM = """
    SELECT COALESCE(SUM(pc.count), 0)
    FROM participant_counts pc
    JOIN activities a ON a.id = pc.activity_id
    JOIN activity_types t ON t.id = a.activity_type_id
    JOIN reporting_periods p ON p.id = :period
    WHERE a.project_id = :project AND a.archived_at IS NULL
      AND a.start_date BETWEEN p.start_date AND p.end_date
      AND (CAST(:gender AS VARCHAR(32)) IS NULL OR pc.gender = :gender)
      AND (:youth = 0 OR pc.age_band IN ('under_18', '18_29'))
      AND (CAST(:kind AS VARCHAR(64)) IS NULL OR t.code = :kind)
"""


def direct_sum(
    db: Database,
    project_id: int,
    period_id: int,
    gender: str | None = None,
    youth: bool = False,
    kind: str | None = None,
) -> Decimal:
    """The participants counted straight from the tables, as an auditor would."""
    with db.transaction() as session:
        found = session.execute(
            text(DIRECT_SUM),
            {
                "period": period_id,
                "project": project_id,
                "gender": gender,
                "youth": int(youth),
                "kind": kind,
            },
        ).scalar_one()
    return Decimal(found)


def counting(office: Office, result_id: int, code: str, rollup: ParticipantRollup,
             kind: str | None = None) -> int:  # fmt: skip
    return office.results().create_indicator(
        IndicatorForm(
            result_id=result_id,
            code=code,
            name_en=f"Participants counted as {rollup}",
            unit="people",
            rollup=rollup,
            rollup_activity_type_id=activity_type_ids(office.db)[kind] if kind else None,
        )
    )


def _activities(office: Office) -> None:
    db, project = office.db, office.project_id
    add_activity(db, project, "public_consultation", date(2026, 2, 10),
                 {(F, YOUNG): 12, (F, ADULT): 8, (M, YOUNG): 5, (M, ADULT): 10, (X, UNKNOWN): 2},
                 total=37)  # fmt: skip
    add_activity(db, project, "training", date(2026, 3, 30),  # ends in Q2, counted in Q1
                 {(F, AgeBand.UNDER_18): 4, (M, AgeBand.FROM_45_TO_64): 6}, total=14)  # fmt: skip
    add_activity(db, project, "training", date(2026, 4, 15), {(F, ADULT): 9, (M, YOUNG): 3})
    add_activity(db, project, "public_consultation", date(2026, 1, 20),
                 {(F, YOUNG): 100}, archived=True)  # fmt: skip
    add_activity(db, office.other_project_id, "public_consultation", date(2026, 2, 1),
                 {(F, YOUNG): 50}, total=50)  # fmt: skip


def rolled(grid: ValueGrid, indicator_id: int, period_id: int) -> RollupFigure:
    cell = grid.cell(indicator_id, period_id)
    assert cell is not None and cell.rolled_up is not None
    return cell.rolled_up


def test_rollups_equal_a_direct_sum_over_the_participants(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    _activities(office)
    output = ids["OP1.1"]
    cases: list[tuple[int, dict[str, Any], int]] = [  # indicator, filters, its Q1 figure
        (counting(office, output, "A", ParticipantRollup.ALL), {}, 47),
        (counting(office, output, "W", ParticipantRollup.WOMEN), {"gender": "female"}, 24),
        (counting(office, output, "M", ParticipantRollup.MEN), {"gender": "male"}, 21),
        (counting(office, output, "Y", ParticipantRollup.YOUTH), {"youth": True}, 21),
        (
            counting(office, output, "TW", ParticipantRollup.WOMEN, "training"),
            {"gender": "female", "kind": "training"},
            4,
        ),
    ]
    grid = office.values().grid(office.grant_id, "en")
    for indicator_id, filters, q1_figure in cases:
        for period_id in (office.q1, office.q2):
            direct = direct_sum(db, office.project_id, period_id, **filters)
            assert rolled(grid, indicator_id, period_id).value == direct, (filters, period_id)
            assert office.values().rollup(indicator_id, period_id).value == direct
        assert rolled(grid, indicator_id, office.q1).value == q1_figure
    # Hand-entered indicators offer no roll-up.
    hand_entered = grid.cell(ids["OC1.1"], office.q1)
    assert hand_entered is not None and hand_entered.rolled_up is None


def test_an_incomplete_breakdown_is_flagged(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    _activities(office)  # the Q1 training counts 10 of its 14 participants
    everyone = counting(office, ids["OP1.1"], "A", ParticipantRollup.ALL)
    at_consultations = counting(
        office, ids["OP1.1"], "C", ParticipantRollup.ALL, "public_consultation"
    )
    grid = office.values().grid(office.grant_id, "en")
    assert rolled(grid, everyone, office.q1).incomplete_activities == 1
    assert rolled(grid, everyone, office.q2).incomplete_activities == 0
    assert rolled(grid, at_consultations, office.q1).incomplete_activities == 0


def test_recalculate_writes_the_rollup_as_a_draft(db: Database) -> None:
    office = make_office(db)
    ids = add_chain(office)
    _activities(office)
    women = counting(office, ids["OP1.1"], "W", ParticipantRollup.WOMEN)
    staff, manager = office.values(office.staff), office.values(office.manager)

    value_id = staff.recalculate(women, office.q1)
    cell = staff.grid(office.grant_id, "en").cell(women, office.q1)
    assert cell is not None
    assert (cell.value, cell.status) == (Decimal("24.00"), ValueStatus.DRAFT)

    staff.enter_value(women, office.q1, "20", cell.version)  # typed over by hand
    staff.submit_value(value_id, (cell.version or 0) + 1)
    submitted = staff.grid(office.grant_id, "en").cell(women, office.q1)
    assert submitted is not None
    manager.return_value(value_id, "Use the attendance lists.", submitted.version or 0)
    returned = staff.grid(office.grant_id, "en").cell(women, office.q1)
    assert returned is not None
    staff.recalculate(women, office.q1, returned.version)
    again = staff.grid(office.grant_id, "en").cell(women, office.q1)
    assert again is not None
    assert (again.value, again.status) == (Decimal("24.00"), ValueStatus.DRAFT)

    staff.submit_value(value_id, again.version or 0)
    with pytest.raises(RefusedError):
        staff.recalculate(women, office.q1)  # submitted: locked
    with pytest.raises(RefusedError):
        staff.recalculate(ids["OC1.1"], office.q1)  # entered by hand


def test_rollups_on_the_demo_match_the_tables(db: Database) -> None:
    load_demo(db)
    grant_id = GrantService(db).find("2025/461-198")
    values = IndicatorValueService(db)
    grid = values.grid(grant_id, "en")
    line = next(line for line in grid.lines if line.code == "OC1.2")
    details = ResultsService(db).get_indicator(line.indicator_id)
    filters: dict[str, Any]
    for rollup, filters in (
        (ParticipantRollup.WOMEN, {"gender": "female"}),
        (ParticipantRollup.YOUTH, {"youth": True}),
        (ParticipantRollup.ALL, {}),
    ):
        details.form.rollup = rollup
        ResultsService(db).update_indicator(line.indicator_id, details.form, details.version)
        details = ResultsService(db).get_indicator(line.indicator_id)
        grid = values.grid(grant_id, "en")
        for period in grid.periods:
            direct = direct_sum(db, grid.project_id, period.id, **filters)
            assert rolled(grid, line.indicator_id, period.id).value == direct, period.label
        assert any(rolled(grid, line.indicator_id, p.id).value for p in grid.periods)
