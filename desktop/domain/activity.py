"""Activities (consultations, trainings, campaigns, dialogue events) and their participants.

Participants are counted once, at the activity, broken down by gender, age band and
community; indicators that count people roll these counts up.
"""

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import TEXT_LENGTH, Archivable, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import (
    NAME_FALLBACKS,
    NAME_LANGUAGES,
    MultilingualName,
    name_column,
)
from desktop.domain.organisation import Organisation
from desktop.domain.person import Gender
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType, Community, Municipality
from desktop.i18n import N_
from desktop.i18n.collation import stored_sort_key


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


# The stored title sort keys (schema 0012): interface language -> column.
TITLE_KEY_COLUMNS = {
    "en": "title_key_en",
    "sq": "title_key_sq",
    "sr": "title_key_sr",
    "sr_Latn": "title_key_sr_latn",
}
# Compared byte by byte on both databases: PostgreSQL's default collation is the server's.
_KEY_TYPE = Text().with_variant(Text(collation="C"), "postgresql")


class Activity(Tracked, Archivable, MultilingualName, Base):
    """An activity; its title is the multilingual name."""

    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="end_after_start"),
        CheckConstraint(
            "participants_total IS NULL OR participants_total >= 0", name="total_not_negative"
        ),
        # A project's activities, and (schema 0014) those of one project on one day, which
        # the import's duplicate check reads for each (project, date) pair of its file.
        Index("ix_activities_project_day", "project_id", "start_date"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
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
    # The breakdown added up (schema 0011): women, men, and everyone of any gender.  Derived
    # from ``participants``, and stored so the list sorts by them through an index instead
    # of adding up the participant table for every activity; whoever writes the breakdown
    # calls ``count_participants`` in the same transaction.
    participants_women: Mapped[int] = mapped_column(default=0, server_default="0")
    participants_men: Mapped[int] = mapped_column(default=0, server_default="0")
    participants_recorded: Mapped[int] = mapped_column(default=0, server_default="0")
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)
    # The title's sort key in each interface language (schema 0012), derived from the names:
    # see ``title_keys``.  Whoever writes a title calls ``set_title_keys`` in the same
    # transaction.
    title_key_en: Mapped[str] = mapped_column(_KEY_TYPE, default="", server_default="")
    title_key_sq: Mapped[str] = mapped_column(_KEY_TYPE, default="", server_default="")
    title_key_sr: Mapped[str] = mapped_column(_KEY_TYPE, default="", server_default="")
    title_key_sr_latn: Mapped[str] = mapped_column(_KEY_TYPE, default="", server_default="")

    project: Mapped[Project] = relationship()
    activity_type: Mapped[ActivityType] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    carried_out_by: Mapped[Organisation | None] = relationship()
    participants: Mapped[list["ParticipantCount"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan"
    )

    def count_participants(self) -> None:
        """Store the sums of ``participants``, which the list shows and sorts by."""
        sums = ParticipantSums.of((line.gender, line.count) for line in self.participants)
        self.participants_women, self.participants_men, self.participants_recorded = sums

    def set_title_keys(self) -> None:
        """Store the title's sort key in each language, which the list sorts by."""
        names = {code: getattr(self, name_column(code)) for code in NAME_LANGUAGES}
        for column, key in title_keys(names).items():
            setattr(self, column, key)


def title_keys(names: Mapping[str, str | None]) -> dict[str, str]:
    """The stored sort keys of a title given per language (``names``: language -> title):
    for each interface language, ``sort_key`` of the first title along its fallback chain
    that is not empty once spaces are trimmed, as ``listing.localized_name`` picks it in SQL.

    The list sorts by title by plain comparison of these keys (byte order: BINARY on
    SQLite, the "C" collation on PostgreSQL), in the language's alphabetical order, through
    an index that needs no collation: a collated index made SQLite call Python at every
    comparison of every insert and every ``quick_check``."""
    keys = {}
    for language, column in TITLE_KEY_COLUMNS.items():
        chain = NAME_FALLBACKS[language]
        title = next((text for code in chain if (text := (names.get(code) or "").strip(" "))), "")
        keys[column] = stored_sort_key(title, language)
    return keys


# The stored sums, which the audit log leaves out: they change only with the breakdown,
# which it records line by line.
PARTICIPANT_SUM_COLUMNS = ("participants_women", "participants_men", "participants_recorded")


class ParticipantSums(NamedTuple):
    """An activity's breakdown added up, as ``Activity`` stores it."""

    women: int
    men: int
    recorded: int

    @classmethod
    def of(cls, counts: Iterable[tuple[str, int]]) -> "ParticipantSums":
        """The sums of (gender, count) pairs."""
        women = men = recorded = 0
        for gender, count in counts:
            recorded += count
            if gender == Gender.FEMALE:
                women += count
            elif gender == Gender.MALE:
                men += count
        return cls(women, men, recorded)


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
