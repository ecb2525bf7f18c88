"""The results framework (logframe): objective > outcome > output, indicators under each,
and an indicator's value per reporting period, reviewed before it reaches a report.
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, Base, Quantity, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName
from desktop.domain.period import ReportingPeriod
from desktop.domain.project import Project
from desktop.i18n import N_

# The reference years a logframe may give a baseline or a target.
FIRST_YEAR = 1990
LAST_YEAR = 2100


class ResultLevel(StrEnum):
    OBJECTIVE = "objective"
    OUTCOME = "outcome"
    OUTPUT = "output"


RESULT_LEVEL_LABELS = {
    ResultLevel.OBJECTIVE: N_("Overall objective"),
    ResultLevel.OUTCOME: N_("Outcome"),
    ResultLevel.OUTPUT: N_("Output"),
}


class ValueStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


VALUE_STATUS_LABELS = {
    ValueStatus.DRAFT: N_("Draft"),
    ValueStatus.SUBMITTED: N_("Submitted"),
    ValueStatus.APPROVED: N_("Approved"),
    ValueStatus.RETURNED: N_("Returned"),
}


class ParticipantRollup(StrEnum):
    """Which participants an indicator counts, when it counts people at activities."""

    NONE = "none"
    ALL = "all"
    WOMEN = "women"
    MEN = "men"
    YOUTH = "youth"  # under 30


PARTICIPANT_ROLLUP_LABELS = {
    ParticipantRollup.NONE: N_("Entered by hand"),
    ParticipantRollup.ALL: N_("All participants"),
    ParticipantRollup.WOMEN: N_("Women participants"),
    ParticipantRollup.MEN: N_("Men participants"),
    ParticipantRollup.YOUTH: N_("Participants under 30"),
}

research_output_indicators = Table(
    "research_output_indicators",
    Base.metadata,
    Column(
        "research_output_id",
        ForeignKey("research_outputs.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("indicator_id", ForeignKey("indicators.id", ondelete="CASCADE"), primary_key=True),
)


class Result(Tracked, MultilingualName, Base):
    """One statement of the results chain; its text is the multilingual name."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("results.id"))
    level: Mapped[ResultLevel] = enum_column(ResultLevel, "level")
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))  # "OC1", "OP1.2"
    sort_order: Mapped[int] = mapped_column(default=0)
    # The logframe's last column: what must hold outside the action for it to succeed.
    assumptions: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship()
    parent: Mapped["Result | None"] = relationship(remote_side="Result.id")
    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="result", order_by="Indicator.code"
    )


class Indicator(Tracked, MultilingualName, Base):
    __tablename__ = "indicators"
    __table_args__ = (
        UniqueConstraint("result_id", "code"),
        CheckConstraint(
            f"baseline_year IS NULL OR baseline_year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}",
            name="baseline_year",
        ),
        CheckConstraint(
            f"target_year IS NULL OR target_year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}",
            name="target_year",
        ),
    )

    result_id: Mapped[int] = mapped_column(ForeignKey("results.id"), index=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))
    unit: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    baseline: Mapped[Decimal | None] = mapped_column(Quantity)
    target: Mapped[Decimal | None] = mapped_column(Quantity)
    # The logframe's reference years of the baseline and the target (1990-2100).
    baseline_year: Mapped[int | None]
    target_year: Mapped[int | None]
    means_of_verification: Mapped[str | None] = mapped_column(Text)
    # Indicators that count people are filled from the activities' participants, per period;
    # ``rollup_activity_type_id`` narrows them to one kind of activity.
    rollup: Mapped[ParticipantRollup] = enum_column(
        ParticipantRollup, "rollup", default=ParticipantRollup.NONE
    )
    rollup_activity_type_id: Mapped[int | None] = mapped_column(ForeignKey("activity_types.id"))

    result: Mapped[Result] = relationship(back_populates="indicators")


class IndicatorValue(Tracked, Base):
    __tablename__ = "indicator_values"
    __table_args__ = (
        UniqueConstraint("indicator_id", "period_id"),
        CheckConstraint("women IS NULL OR women >= 0", name="women_not_negative"),
        CheckConstraint("men IS NULL OR men >= 0", name="men_not_negative"),
    )

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_periods.id"))
    value: Mapped[Decimal] = mapped_column(Quantity)
    # The value broken down by sex where it counts people (women + men <= value).
    women: Mapped[Decimal | None] = mapped_column(Quantity)
    men: Mapped[Decimal | None] = mapped_column(Quantity)
    status: Mapped[ValueStatus] = enum_column(ValueStatus, "status", default=ValueStatus.DRAFT)
    comment: Mapped[str | None] = mapped_column(Text)  # the manager's, when returned
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None]

    indicator: Mapped[Indicator] = relationship()
    period: Mapped[ReportingPeriod] = relationship()
