"""People: staff of partners and institutions, trainers, researchers, contact persons."""

from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Archivable, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.organisation import Organisation
from desktop.domain.reference import Community, Municipality
from desktop.i18n import N_


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


GENDER_LABELS = {
    Gender.FEMALE: N_("Female"),
    Gender.MALE: N_("Male"),
    Gender.OTHER: N_("Other"),
    Gender.UNDISCLOSED: N_("Not disclosed"),
}


class Person(Tracked, Archivable, Base):
    __tablename__ = "people"

    first_name: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    last_name: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    gender: Mapped[Gender] = enum_column(Gender, "gender", default=Gender.UNDISCLOSED)
    title: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))  # "Project manager"
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    community_id: Mapped[int | None] = mapped_column(ForeignKey("communities.id"))
    email: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    phone: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    organisation: Mapped[Organisation | None] = relationship()
    municipality: Mapped[Municipality | None] = relationship()
    community: Mapped[Community | None] = relationship()

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
