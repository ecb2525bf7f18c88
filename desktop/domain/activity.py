"""Activities (consultations, trainings, campaigns, dialogue events) and their participants.

Participants are counted once, at the activity, broken down by gender, age band and
community; indicators that count people roll these counts up.
"""

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import TEXT_LENGTH, Archivable, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName
from desktop.domain.organisation import Organisation
from desktop.domain.person import Gender
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType, Community, Municipality
from desktop.i18n import N_


class AgeBand(StrEnum):
    UNDER_18 = "under_18"
    FROM_18_TO_29 = "18_29"
    FROM_30_TO_44 = "30_44"
    FROM_45_TO_64 = "45_64"
    FROM_65 = "65_plus"
    UNKNOWN = "unknown"


AGE_BAND_LABELS = {
    AgeBand.UNDER_18: N_("Under 18"),
    AgeBand.FROM_18_TO_29: N_("18–29"),
    AgeBand.FROM_30_TO_44: N_("30–44"),
    AgeBand.FROM_45_TO_64: N_("45–64"),
    AgeBand.FROM_65: N_("65 and over"),
    AgeBand.UNKNOWN: N_("Age not recorded"),
}


class Activity(Tracked, Archivable, MultilingualName, Base):
    """An activity; its title is the multilingual name."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint(
            "participants_total IS NULL OR participants_total >= 0", name="total_not_negative"
        ),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    activity_type_id: Mapped[int] = mapped_column(ForeignKey("activity_types.id"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    carried_out_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    start_date: Mapped[date] = mapped_column(index=True)
    end_date: Mapped[date]
    venue: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    description: Mapped[str | None] = mapped_column(Text)
    # "Problems met and how they were addressed", as an EU narrative report asks per activity.
    problems: Mapped[str | None] = mapped_column(Text)
    # The headcount from the sign-in sheet; when the breakdown by gender, age band and
    # community does not add up to it, the activity is flagged as incompletely recorded.
    participants_total: Mapped[int | None]
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    project: Mapped[Project] = relationship()
    activity_type: Mapped[ActivityType] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    carried_out_by: Mapped[Organisation | None] = relationship()
    participants: Mapped[list["ParticipantCount"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )


class ParticipantCount(Tracked, Base):
    """How many participants of one gender, age band and community attended."""

    __tablename__ = "participant_counts"
    __table_args__ = (
        UniqueConstraint("activity_id", "gender", "age_band", "community_id"),
        CheckConstraint("count >= 0", name="count_not_negative"),
    )

    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    gender: Mapped[Gender] = enum_column(Gender, "gender")
    age_band: Mapped[AgeBand] = enum_column(AgeBand, "age_band", default=AgeBand.UNKNOWN)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"))
    count: Mapped[int]

    activity: Mapped[Activity] = relationship(back_populates="participants")
    community: Mapped[Community] = relationship()
