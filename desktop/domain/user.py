"""The people who sign in to CSO Desk, and what their role lets them do."""

from enum import StrEnum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.i18n import N_


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    STAFF = "staff"
    VIEWER = "viewer"


ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    Role.MANAGER: N_("Manager"),
    Role.STAFF: N_("Staff"),
    Role.VIEWER: N_("Viewer"),
}


class User(Tracked, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    full_name: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    role: Mapped[Role] = enum_column(Role, "role", default=Role.STAFF)
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
