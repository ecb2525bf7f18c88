"""Organisations: partner CSOs, donors, public institutions."""

from enum import StrEnum

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Archivable, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.domain.multilingual import MultilingualName
from desktop.domain.reference import BudgetTemplate, Municipality
from desktop.i18n import N_


class OrganisationKind(StrEnum):
    PARTNER_CSO = "partner_cso"
    INTERNATIONAL_NGO = "international_ngo"
    DONOR = "donor"
    INSTITUTION = "institution"
    OTHER = "other"


ORGANISATION_KIND_LABELS = {
    OrganisationKind.PARTNER_CSO: N_("Partner CSO"),
    OrganisationKind.INTERNATIONAL_NGO: N_("International NGO"),
    OrganisationKind.DONOR: N_("Donor"),
    OrganisationKind.INSTITUTION: N_("Public institution"),
    OrganisationKind.OTHER: N_("Other"),
}


class Organisation(Tracked, Archivable, MultilingualName, Base):
    __tablename__ = "organisations"

    acronym: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    kind: Mapped[OrganisationKind] = enum_column(OrganisationKind, "kind")
    registration_number: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id"))
    address: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    email: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    phone: Mapped[str | None] = mapped_column(String(CODE_LENGTH))
    website: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    notes: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text, default="", index=True)

    municipality: Mapped[Municipality | None] = relationship()


class DonorProfile(Tracked, Base):
    """How a donor wants its reports: the budget template its grants use and its logo.

    A donor without a profile reports with the "simple" template and no logo.  The logo is
    a PNG or JPEG of at most 1 MB (``desktop.services.donor_profiles`` checks it).
    """

    __tablename__ = "donor_profiles"

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    budget_template_id: Mapped[int] = mapped_column(ForeignKey("budget_templates.id"))
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_media_type: Mapped[str | None] = mapped_column(String(CODE_LENGTH))

    organisation: Mapped[Organisation] = relationship()
    budget_template: Mapped[BudgetTemplate] = relationship()
