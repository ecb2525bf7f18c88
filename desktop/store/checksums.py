"""A checksum of a table's rows that SQLite and PostgreSQL agree on for the same data.

``csodesk db copy`` proves a copy by comparing, table by table, the number of rows and a
SHA-256 over the rows in key order, read from the source and then from the target.  The two
drivers hand back the same value in different shapes: a datetime is naive (UTC by CSO Desk's
convention) from SQLite and aware from PostgreSQL, a JSON object may come back with its keys
in another order, a blob as ``memoryview`` or ``bytes``, an amount as ``Decimal('12.50')`` or
``Decimal('12.5')``.  ``canonical`` writes each as one text, so that equal data gives equal
sums and any real difference (a changed byte, a lost microsecond, a row too many) does not.
"""

from __future__ import annotations

import enum
import hashlib
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any


def canonical(value: Any) -> str | None:
    """One text per value, the same whichever database it was read from."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return f"enum:{value.value}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"int:{value}"
    if isinstance(value, Decimal):
        return f"dec:{_decimal(value)}"
    if isinstance(value, float):
        return f"dec:{_decimal(Decimal(repr(value)))}"
    if isinstance(value, datetime):
        return f"at:{as_utc(value).isoformat(timespec='microseconds')}"
    if isinstance(value, date):
        return f"date:{value.isoformat()}"
    if isinstance(value, time):
        return f"time:{value.isoformat(timespec='microseconds')}"
    if isinstance(value, uuid.UUID):
        return f"uuid:{value.hex}"
    if isinstance(value, bytes | bytearray | memoryview):
        content = bytes(value)
        return f"bytes:{len(content)}:{hashlib.sha256(content).hexdigest()}"
    if isinstance(value, str):
        return f"str:{value}"
    if isinstance(value, dict | list):
        return "json:" + json.dumps(
            value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
        )
    raise TypeError(f"no canonical text for {type(value).__name__}")


def as_utc(value: datetime) -> datetime:
    """``value`` as a naive UTC datetime: how SQLite holds it, what PostgreSQL means."""
    if value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)


def _decimal(value: Decimal) -> str:
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")


class TableChecksum:
    """The running count and SHA-256 of one table's rows, fed in key order."""

    def __init__(self) -> None:
        self._hash = hashlib.sha256()
        self.rows = 0

    def add(self, row: Sequence[Any]) -> None:
        self._hash.update(repr(tuple(canonical(value) for value in row)).encode("utf-8"))
        self._hash.update(b"\n")
        self.rows += 1

    def add_all(self, rows: Iterable[Sequence[Any]]) -> None:
        for row in rows:
            self.add(row)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()
