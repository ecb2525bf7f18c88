"""The people who sign in to CSO Desk, and what their role lets them do."""

from enum import StrEnum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Base, Tracked
from desktop.domain.enums import enum_column
from desktop.i18n import N_


class Role(StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    STAFF = "staff"
    VIEWER = "viewer"
    TRANSLATOR = "translator"


ROLE_LABELS = {
    Role.ADMIN: N_("Administrator"),
    Role.MANAGER: N_("Manager"),
    Role.STAFF: N_("Staff"),
    Role.VIEWER: N_("Viewer"),
    Role.TRANSLATOR: N_("Translator"),
}


class User(Tracked, Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    full_name: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    role: Mapped[Role] = enum_column(Role, "role", default=Role.STAFF)
    language: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    # An Argon2id hash (argon2-cffi's encoded form, parameters included); None until a
    # password is set, which a single-user laptop may never need.
    password_hash: Mapped[str | None] = mapped_column(String(TEXT_LENGTH))
    # The organisation the user works for: on a shared server, staff of a partner
    # organisation see only the projects it takes part in; None means the lead office.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
