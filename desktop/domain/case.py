"""Community-safety cases: a concern raised with a Municipal Community Safety Council or
the police, followed from open to resolved, with every change of status kept.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Archivable, Base, Tracked, utcnow
from desktop.domain.enums import enum_column
from desktop.domain.organisation import Organisation
from desktop.domain.project import Project
from desktop.domain.reference import Municipality
from desktop.i18n import N_


class CaseStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    REFERRED = "referred"
    RESOLVED = "resolved"
    CLOSED = "closed"


CASE_STATUS_LABELS = {
    CaseStatus.OPEN: N_("Open"),
    CaseStatus.IN_PROGRESS: N_("In progress"),
    CaseStatus.REFERRED: N_("Referred"),
    CaseStatus.RESOLVED: N_("Resolved"),
    CaseStatus.CLOSED: N_("Closed"),
}


class CaseCategory(StrEnum):
    WEAPONS = "weapons"
    POLICE_RELATIONS = "police_relations"
    INTERETHNIC_INCIDENT = "interethnic_incident"
    GENDER_BASED_VIOLENCE = "gender_based_violence"
    YOUTH_SAFETY = "youth_safety"
    ROAD_SAFETY = "road_safety"
    PUBLIC_SPACE = "public_space"
    PROPERTY = "property"
    OTHER = "other"


CASE_CATEGORY_LABELS = {
    CaseCategory.WEAPONS: N_("Weapons and small arms"),
    CaseCategory.POLICE_RELATIONS: N_("Relations with the police"),
    CaseCategory.INTERETHNIC_INCIDENT: N_("Inter-ethnic incident"),
    CaseCategory.GENDER_BASED_VIOLENCE: N_("Gender-based violence"),
    CaseCategory.YOUTH_SAFETY: N_("Safety of young people"),
    CaseCategory.ROAD_SAFETY: N_("Road safety"),
    CaseCategory.PUBLIC_SPACE: N_("Lighting and public space"),
    CaseCategory.PROPERTY: N_("Property and land"),
    CaseCategory.OTHER: N_("Other"),
}


class Case(Tracked, Archivable, Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint("resolved_on IS NULL OR resolved_on >= opened_on", name="resolved_after"),
        CheckConstraint("due_on IS NULL OR due_on >= opened_on", name="due_after_opened"),
    )

    reference: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipalities.id"))
    category: Mapped[CaseCategory] = enum_column(CaseCategory, "category")
    title: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    description: Mapped[str | None] = mapped_column(Text)
    raised_by: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    # How to reach them (a phone, an address): confidential like their name.
    raised_by_contact: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    referred_to_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    status: Mapped[CaseStatus] = enum_column(CaseStatus, "status", default=CaseStatus.OPEN)
    opened_on: Mapped[date]
    due_on: Mapped[date | None]
    resolved_on: Mapped[date | None]
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    project: Mapped[Project | None] = relationship()
    municipality: Mapped[Municipality] = relationship()
    referred_to: Mapped[Organisation | None] = relationship()
    history: Mapped[list["CaseStatusChange"]] = relationship(
        back_populates="case", order_by="CaseStatusChange.changed_at"
    )
    actions: Mapped[list["CaseAction"]] = relationship(
        back_populates="case", order_by="CaseAction.due_on"
    )


class CaseStatusChange(Tracked, Base):
    """One step of a case's history: the new status, when, by whom, and why."""

    __tablename__ = "case_status_changes"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    status: Mapped[CaseStatus] = enum_column(CaseStatus, "status")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship(back_populates="history")


class CaseAction(Tracked, Base):
    """A follow-up step agreed on a case: what, who, by when, and when it was done."""

    __tablename__ = "case_actions"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]

    case: Mapped[Case] = relationship(back_populates="actions")
