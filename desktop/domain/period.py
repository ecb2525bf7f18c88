"""Reporting periods of a grant, and the narrative texts written for each report section."""

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.grant import Grant
from desktop.i18n import N_


class PeriodKind(StrEnum):
    QUARTERLY = "quarterly"
    INTERIM = "interim"
    FINAL = "final"


PERIOD_KIND_LABELS = {
    PeriodKind.QUARTERLY: N_("Quarterly"),
    PeriodKind.INTERIM: N_("Interim"),
    PeriodKind.FINAL: N_("Final"),
}


class NarrativeSection(StrEnum):
    """The texts a period's report is written in, after the EU's model narrative report."""

    SUMMARY = "summary"  # executive summary
    CHALLENGES = "challenges"  # problems met and lessons learnt
    NEXT_STEPS = "next_steps"  # the work plan for the next period
    VISIBILITY = "visibility"
    CHANGES = "changes"  # changes to the action and delays
    # beneficiaries, affiliated entities, state authorities, other organisations, links
    # with other actions
    COOPERATION = "cooperation"
    RECORDS = "records"  # where the action's records are kept (final report)


NARRATIVE_SECTION_LABELS = {
    NarrativeSection.SUMMARY: N_("Summary"),
    NarrativeSection.CHALLENGES: N_("Challenges and lessons learned"),
    NarrativeSection.NEXT_STEPS: N_("Plan for the next period"),
    NarrativeSection.VISIBILITY: N_("Visibility and communication"),
    NarrativeSection.CHANGES: N_("Changes and delays"),
    NarrativeSection.COOPERATION: N_("Beneficiaries, affiliated entities and other cooperation"),
    NarrativeSection.RECORDS: N_("Location of records"),
}


class ReportingPeriod(Tracked, Base):
    """A period a donor report covers; its ``label`` ("2026-Q1") is what the CLI takes."""

    __tablename__ = "reporting_periods"
    __table_args__ = (
        UniqueConstraint("grant_id", "label"),
        CheckConstraint("end_date >= start_date", name="end_after_start"),
    )

    grant_id: Mapped[int] = mapped_column(ForeignKey("grants.id"))
    label: Mapped[str] = mapped_column(String(CODE_LENGTH))
    kind: Mapped[PeriodKind] = enum_column(PeriodKind, "kind", default=PeriodKind.QUARTERLY)
    start_date: Mapped[date]
    end_date: Mapped[date]
    due_on: Mapped[date | None] = mapped_column(index=True)  # the next deadlines (schema 0014)
    # When the report went to the donor: the signature block's "date sent".
    sent_on: Mapped[date | None]

    grant: Mapped[Grant] = relationship()
    narratives: Mapped[list["NarrativeText"]] = relationship(
        back_populates="period", cascade="all, delete-orphan"
    )


class NarrativeText(Tracked, Base):
    """One section of one period's report, in one language."""

    __tablename__ = "narrative_texts"
    __table_args__ = (UniqueConstraint("period_id", "section", "language"),)

    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_periods.id", ondelete="CASCADE"))
    section: Mapped[NarrativeSection] = enum_column(NarrativeSection, "section")
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text, default="")

    period: Mapped[ReportingPeriod] = relationship(back_populates="narratives")
