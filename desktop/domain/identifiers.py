"""The UUIDs new records get: version 7 (RFC 9562), ordered by the moment they are made.

A record's UUID is in a unique index, and a random (version 4) UUID lands each new entry on
a random page of it: importing 10,000 activities with their 21,000 participant lines then
dirtied some 30,000 pages scattered over indexes holding millions of entries, and writing
them back was a sixth of the import.  A version 7 UUID starts with the Unix time in
milliseconds, so the records made together sit together, after everything made before, and
an import writes a few pages at the end of each index instead.  The rest is random (74
bits), so two records made in the same millisecond, or on two laptops, still never meet.

What the UUID gives away is only the millisecond its record was made, which every record's
``created_at`` and the audit log keep anyway.  Python 3.14's ``uuid.uuid7`` does the same.
"""

import os
import time
from uuid import UUID

_VERSION = 7 << 76
_VARIANT = 0b10 << 62  # RFC 9562's variant
_RANDOM_A = (1 << 12) - 1  # the 12 random bits beside the version
_RANDOM_B = (1 << 62) - 1  # the 62 random bits after the variant
_RANDOM_BYTES = 10  # read for each UUID: its 74 random bits, and 6 more


def new_uuid() -> UUID:
    """A fresh version 7 UUID: 48 bits of milliseconds since 1970, then random bits."""
    [made] = new_uuids(1)
    return made


def new_uuids(count: int) -> list[UUID]:
    """``count`` fresh version 7 UUIDs of this millisecond, their random bits read at once.

    Reading the system's randomness lets go of Python's lock: an import that read it for
    each of its 31,000 new records gave the lock away each time, and then waited for it
    while its writer's thread ran Python, 0.1-0.2 s of the thread that bounds the import."""
    milliseconds = time.time_ns() // 1_000_000
    prefix = (milliseconds & ((1 << 48) - 1)) << 80 | _VERSION | _VARIANT
    random = os.urandom(_RANDOM_BYTES * count)
    made = []
    for start in range(0, len(random), _RANDOM_BYTES):
        bits = int.from_bytes(random[start : start + _RANDOM_BYTES], "big")
        made.append(UUID(int=prefix | ((bits >> 62) & _RANDOM_A) << 64 | (bits & _RANDOM_B)))
    return made
