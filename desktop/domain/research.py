"""Research outputs: the reports, policy briefs and surveys partners publish."""

from datetime import date
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Archivable, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName
from desktop.domain.project import Project
from desktop.domain.results import Indicator, research_output_indicators
from desktop.i18n import N_


class OutputType(StrEnum):
    RESEARCH_REPORT = "research_report"
    POLICY_BRIEF = "policy_brief"
    SURVEY = "survey"
    ARTICLE = "article"
    BOOK = "book"
    DATASET = "dataset"
    OTHER = "other"


OUTPUT_TYPE_LABELS = {
    OutputType.RESEARCH_REPORT: N_("Research report"),
    OutputType.POLICY_BRIEF: N_("Policy brief"),
    OutputType.SURVEY: N_("Survey"),
    OutputType.ARTICLE: N_("Article"),
    OutputType.BOOK: N_("Book"),
    OutputType.DATASET: N_("Dataset"),
    OutputType.OTHER: N_("Other"),
}


class OutputStatus(StrEnum):
    PLANNED = "planned"
    DRAFTING = "drafting"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


OUTPUT_STATUS_LABELS = {
    OutputStatus.PLANNED: N_("Planned"),
    OutputStatus.DRAFTING: N_("Drafting"),
    OutputStatus.IN_REVIEW: N_("In review"),
    OutputStatus.PUBLISHED: N_("Published"),
}


class ResearchOutput(Tracked, Archivable, MultilingualName, Base):
    """A research output; its title is the multilingual name."""

    __tablename__ = "research_outputs"

    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    output_type: Mapped[OutputType] = enum_column(OutputType, "output_type")
    status: Mapped[OutputStatus] = enum_column(OutputStatus, "status", default=OutputStatus.PLANNED)
    authors: Mapped[str | None] = mapped_column(Text)  # "Surname, Given; Surname, Given"
    languages: Mapped[str | None] = mapped_column(String(CODE_LENGTH))  # "sq,sr,en"
    published_on: Mapped[date | None]
    publisher: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    place: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    isbn: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    doi: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    url: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    abstract: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    project: Mapped[Project | None] = relationship()
    # The indicators whose means of verification this output is.
    indicators: Mapped[list[Indicator]] = relationship(secondary=research_output_indicators)
