"""The audit log: who changed which record, when, from what to what.

Entries are written by the services in the same transaction as the change they describe,
so there is never a change without its entry, nor an entry without its change.
"""

from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from desktop.domain.base import CODE_LENGTH, Base, utcnow
from desktop.domain.enums import enum_column


class AuditAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    RESTORE = "restore"
    DELETE = "delete"
    VIEW = "view"  # someone read a sensitive field (who raised a case)


class AuditEntry(Base):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(CODE_LENGTH))
    action: Mapped[AuditAction] = enum_column(AuditAction, "action")
    entity: Mapped[str] = mapped_column(String(CODE_LENGTH))  # the table name
    entity_id: Mapped[int]
    entity_uuid: Mapped[UUID | None] = mapped_column(Uuid, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field: [old, new]
