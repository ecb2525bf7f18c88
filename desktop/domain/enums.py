"""Stored enumerations: kept as short strings guarded by a CHECK constraint.

Strings rather than native database enums, so a new status is one migration on SQLite and
PostgreSQL alike and the raw tables stay readable.
"""

from enum import StrEnum
from typing import Any

from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import mapped_column


def enum_column(enum_class: type[StrEnum], constraint: str, **kwargs: Any) -> Any:
    """A string column that only accepts the values of ``enum_class``."""
    return mapped_column(
        SAEnum(
            enum_class,
            native_enum=False,
            create_constraint=True,
            length=32,
            name=constraint,
            values_callable=lambda members: [member.value for member in members],
            validate_strings=True,
        ),
        **kwargs,
    )
