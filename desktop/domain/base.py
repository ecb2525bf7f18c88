"""The declarative base and the columns every editable record shares.

Constraint names follow one convention so that Alembic's batch mode on SQLite can find
and rebuild them; every editable row carries a UUID (stable across databases, exports and
merges), timestamps and a version counter that turns a lost update on a shared server
into a clear "changed by someone else".
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from sqlalchemy import DateTime, MetaData, Numeric, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from desktop.domain.identifiers import new_uuid

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(14, 2, asdecimal=True)
Rate = Numeric(18, 8, asdecimal=True)
Quantity = Numeric(14, 2, asdecimal=True)
CODE_LENGTH = 64
TEXT_LENGTH = 500


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        Decimal: Money,
        str: String(TEXT_LENGTH),
        datetime: DateTime(timezone=True),
    }


class Keyed:
    """An integer key for joins and a UUID for everything that leaves the database, made
    in time order (``identifiers.new_uuid``) so that new records share their index pages."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-20)
    uuid: Mapped[UUID] = mapped_column(Uuid, default=new_uuid, unique=True, sort_order=-19)


class Tracked(Keyed):
    """An editable record: key, UUID, timestamps and an optimistic-locking version."""

    created_at: Mapped[datetime] = mapped_column(default=utcnow, sort_order=100)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, sort_order=101)
    version: Mapped[int] = mapped_column(sort_order=102)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Archivable:
    """Top-level records are archived, not deleted, and can be restored."""

    archived_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None
