"""Schema migrations (Alembic).

``REVISIONS`` lists every revision this version of CSO Desk knows, oldest first, so that
opening an up-to-date database needs one SQL query and no Alembic import; a test keeps it
equal to Alembic's own history.

A few objects live in the schema but not in the models, because SQLAlchemy's models cannot
describe them: the list indexes on expressions and the trigram search of revision 0005 (the
title indexes rebuilt in each language's collation by revision 0006), the participant
sorts' indexes of revision 0011, the title keys' and the other indexes of revision 0012 (the
participants index ends in the project since 0014), and the date walk's index of revision
0013.
``in_models`` tells Alembic's comparison to leave them out.
"""

from pathlib import Path
from typing import Any

MIGRATIONS_DIR = Path(__file__).resolve().parent
REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
)
HEAD = REVISIONS[-1]

# Made by revision 0005 (see its docstring); SQLite's FTS5 table brings shadow tables named
# after it.
OUTSIDE_MODELS_PREFIXES: tuple[str, ...] = (
    "activities_search",
    "ix_activities_sort_name_",
    "ix_activities_listed",
    "ix_activities_participants_",
    "ix_activities_title_key_",
    "ix_activities_by_municipality",
    "ix_activities_participation",
    "ix_activities_start_date_key",
)
OUTSIDE_MODELS_SUFFIXES: tuple[str, ...] = ("_search_trigram",)


def in_models(item: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic's ``include_object``: whether a schema object is one the models describe."""
    if name is None:
        return True
    return not (name.startswith(OUTSIDE_MODELS_PREFIXES) or name.endswith(OUTSIDE_MODELS_SUFFIXES))
