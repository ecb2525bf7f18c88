"""Projects, with their partners (and each partner's role), municipalities and themes."""

from datetime import date
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, Archivable, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName
from desktop.domain.organisation import Organisation
from desktop.domain.person import Person
from desktop.domain.reference import Municipality, ThematicArea
from desktop.i18n import N_


class ProjectStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    COMPLETED = "completed"


PROJECT_STATUS_LABELS = {
    ProjectStatus.PLANNED: N_("Planned"),
    ProjectStatus.ACTIVE: N_("Active"),
    ProjectStatus.SUSPENDED: N_("Suspended"),
    ProjectStatus.COMPLETED: N_("Completed"),
}


class PartnerRole(StrEnum):
    LEAD = "lead"
    CO_APPLICANT = "co_applicant"
    AFFILIATED_ENTITY = "affiliated_entity"
    ASSOCIATE = "associate"
    LOCAL_PARTNER = "local_partner"


PARTNER_ROLE_LABELS = {
    PartnerRole.LEAD: N_("Lead applicant"),
    PartnerRole.CO_APPLICANT: N_("Co-applicant"),
    PartnerRole.AFFILIATED_ENTITY: N_("Affiliated entity"),
    PartnerRole.ASSOCIATE: N_("Associate"),
    PartnerRole.LOCAL_PARTNER: N_("Local partner"),
}

project_municipalities = Table(
    "project_municipalities",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("municipality_id", ForeignKey("municipalities.id"), primary_key=True),
)

project_thematic_areas = Table(
    "project_thematic_areas",
    Base.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("thematic_area_id", ForeignKey("thematic_areas.id"), primary_key=True),
)


class Project(Tracked, Archivable, MultilingualName, Base):
    """A project; its title is the multilingual name."""

    __tablename__ = "projects"
    __table_args__ = (CheckConstraint("end_date >= start_date", name="end_after_start"),)

    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ProjectStatus] = enum_column(
        ProjectStatus, "status", default=ProjectStatus.PLANNED
    )
    start_date: Mapped[date]
    end_date: Mapped[date]
    lead_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    contact_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    lead_organisation: Mapped[Organisation | None] = relationship()
    contact_person: Mapped[Person | None] = relationship()
    partners: Mapped[list["ProjectPartner"]] = relationship(
        back_populates="project", cascade="all, delete-orphan"
    )
    municipalities: Mapped[list[Municipality]] = relationship(
        secondary=project_municipalities, order_by=Municipality.sort_order
    )
    thematic_areas: Mapped[list[ThematicArea]] = relationship(secondary=project_thematic_areas)


class ProjectPartner(Tracked, Base):
    __tablename__ = "project_partners"
    __table_args__ = (UniqueConstraint("project_id", "organisation_id"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    role: Mapped[PartnerRole] = enum_column(PartnerRole, "role")

    project: Mapped[Project] = relationship(back_populates="partners")
    organisation: Mapped[Organisation] = relationship()
