"""Cases are no longer found by who raised them.

Until now a case's search key held the name of the person who raised it, so an officer who
may not see that name could still find the case by typing it.  Who raised a case is
confidential (``desktop/services/case_confidential.py``): the services now build the key
from the reference, the title and the municipality's names only, and this revision
rebuilds the keys already stored the same way.  Administrators and managers still search by
the name, through a condition the services add for them alone.

Going down leaves the keys as they are: a key without the name is only less helpful to an
older version, never wrong.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desktop.i18n.folding import fold

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NAMES = ("name_en", "name_sq", "name_sr", "name_sr_latn")


def upgrade() -> None:
    cases = sa.table(
        "cases",
        sa.column("id"),
        sa.column("reference"),
        sa.column("title"),
        sa.column("municipality_id"),
        sa.column("search_key"),
    )
    municipalities = sa.table("municipalities", sa.column("id"), *map(sa.column, _NAMES))
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(
            cases.c.id,
            cases.c.reference,
            cases.c.title,
            *(municipalities.c[name] for name in _NAMES),
        ).outerjoin(municipalities, municipalities.c.id == cases.c.municipality_id)
    ).all()
    for case_id, *parts in rows:  # as desktop.domain.search.case_search_key builds it
        connection.execute(
            cases.update()
            .where(cases.c.id == case_id)
            .values(search_key=fold(" ".join(part for part in parts if part)))
        )


def downgrade() -> None:
    """Nothing to undo (see above)."""
