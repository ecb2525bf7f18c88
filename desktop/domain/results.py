"""The results framework (logframe): objective > outcome > output, indicators under each,
and an indicator's value per reporting period, reviewed before it reaches a report.
"""

from decimal import Decimal
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, Base, Quantity, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName
from desktop.domain.period import ReportingPeriod
from desktop.domain.project import Project
from desktop.i18n import N_


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


class Result(Tracked, MultilingualName, Base):
    """One statement of the results chain; its text is the multilingual name."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("project_id", "code"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("results.id"))
    level: Mapped[ResultLevel] = enum_column(ResultLevel, "level")
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))  # "OC1", "OP1.2"
    sort_order: Mapped[int] = mapped_column(default=0)

    project: Mapped[Project] = relationship()
    parent: Mapped["Result | None"] = relationship(remote_side="Result.id")
    indicators: Mapped[list["Indicator"]] = relationship(
        back_populates="result", order_by="Indicator.code"
    )


class Indicator(Tracked, MultilingualName, Base):
    __tablename__ = "indicators"
    __table_args__ = (UniqueConstraint("result_id", "code"),)

    result_id: Mapped[int] = mapped_column(ForeignKey("results.id"), index=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))
    unit: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    baseline: Mapped[Decimal | None] = mapped_column(Quantity)
    target: Mapped[Decimal | None] = mapped_column(Quantity)
    means_of_verification: Mapped[str | None] = mapped_column(Text)

    result: Mapped[Result] = relationship(back_populates="indicators")


class IndicatorValue(Tracked, Base):
    __tablename__ = "indicator_values"
    __table_args__ = (UniqueConstraint("indicator_id", "period_id"),)

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_periods.id"))
    value: Mapped[Decimal] = mapped_column(Quantity)
    status: Mapped[ValueStatus] = enum_column(ValueStatus, "status", default=ValueStatus.DRAFT)
    comment: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship()
    period: Mapped[ReportingPeriod] = relationship()
