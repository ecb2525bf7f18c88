"""Files kept with a record (contracts, invoices, published PDFs), inside the database.

Storing the bytes in the database means one backup file, or one server, holds everything;
the SHA-256 lets a restore or an export prove the file is the one that was attached.
"""

from uuid import UUID

from sqlalchemy import CheckConstraint, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, deferred, mapped_column

from desktop.domain.base import CODE_LENGTH, TEXT_LENGTH, Base, Tracked

MEDIA_TYPE_LENGTH = 255  # RFC 6838; Office's own types run past 64 characters


class Attachment(Tracked, Base):
    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("size >= 0", name="size_not_negative"),
        CheckConstraint("length(sha256) = 64", name="sha256_hex"),
    )

    entity: Mapped[str] = mapped_column(String(CODE_LENGTH))  # the owner's table name
    entity_uuid: Mapped[UUID] = mapped_column(Uuid, index=True)
    filename: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    media_type: Mapped[str] = mapped_column(String(MEDIA_TYPE_LENGTH))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
