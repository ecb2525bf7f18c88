"""Sorting the activities list by the name of its type or of its municipality.

Sorting by a joined name made the database compare that name, in the language's collation,
for every activity before it could keep the first 200: 90–200 ms at 100,000 activities and
0.4 s at 1,000,000 on SQLite, whose collations are Python calls.  There are only a dozen
types and 38 municipalities, though.  Their names are ranked first, in one small query that
sorts exactly as the list would (the same expression and collation, equal names sharing a
rank); the activities are then sorted by the rank of their type or municipality, a whole
number read from the narrow index the count reads, with no join and no collation.  The
order is the same, ties included: the list still breaks them by id.

That still sorts every activity (by a number): ≈ 0.1 s at 1,000,000 on a quiet machine.
On SQLite a type sort without a search goes further: the first page's activities are read
one group of equal rank at a time, in rank order, each group's in id order from the narrow
index that leads with the type, until the page has its rows; the page then lists those ids.
A municipality sort does the same through ``ix_activities_by_municipality`` (schema 0012),
and a project sort, one project at a time in the order of their codes
(``ix_activities_project_day``, schema 0014, leads with the project): since that index holds
a project's activities by date, not by id, SQLite otherwise joined and sorted every activity
by its project's code, 175 ms at 1,000,000 (before 0014 the project's own index gave them
in id order).

The title sort reads the title's sort key stored in the list's language (schema 0012,
``Activity.title_keys``) in plain byte order, through its index on both databases, with no
collation: the same order as the language's collation, as the key is built to compare.
"""

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    Select,
    case,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.orm import Session

from desktop.domain.activity import TITLE_KEY_COLUMNS, Activity
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType, Municipality
from desktop.services.listing import in_language, localized_name

# The tables themselves, not the mapped classes: the list's SQL is Core
# (``desktop.services.activities``).
_activities = Activity.__table__
_projects = Project.__table__

# The sorts served by a rank: the reference table named, and the activity's column naming it.
RANKED_SORTS: dict[str, tuple[FromClause, ColumnElement[int | None]]] = {
    "type": (ActivityType.__table__, _activities.c.activity_type_id),
    "municipality": (Municipality.__table__, _activities.c.municipality_id),
}
# The ranked sorts whose groups an index reads in id order (``ix_activities_listed`` leads
# with the type, ``ix_activities_by_municipality`` with the municipality).
GROUPED_SORTS = frozenset({"type", "municipality"})


def title_order(language: str) -> ColumnElement[str]:
    """The column the title sort orders by in ``language`` (English's for another)."""
    return _activities.c[TITLE_KEY_COLUMNS.get(language, TITLE_KEY_COLUMNS["en"])]


def name_ranks(session: Session, named: FromClause, language: str) -> dict[int | None, int]:
    """Each record's place in the alphabetical order of its name in ``language`` (1 for
    the first; records whose names sort as equal share one), and under ``None`` the place
    of an empty name, where an activity without a municipality sorts, as a LEFT JOIN's
    missing name (``''`` in ``localized_name``) sorts."""
    names = select(
        named.c.id.label("id"),
        localized_name(named, language).label("name"),
    ).union_all(select(literal(None, Integer).label("id"), literal_column("''").label("name")))
    listed = names.subquery()
    ranked = select(
        listed.c.id, func.dense_rank().over(order_by=in_language(listed.c.name, language))
    )
    return {record_id: int(rank) for record_id, rank in session.execute(ranked)}


def code_ranks(session: Session, visible: ColumnElement[bool]) -> dict[int | None, int]:
    """Each ``visible`` project's place in the order of their codes, as the list's project
    sort orders them (equal codes sharing one)."""
    ranked = select(_projects.c.id, func.dense_rank().over(order_by=_projects.c.code)).where(
        visible
    )
    return {project_id: int(rank) for project_id, rank in session.execute(ranked)}


def rank_of(column: ColumnElement[int | None], ranks: dict[int | None, int]) -> ColumnElement[int]:
    """``column``'s rank as an SQL expression (``CASE column WHEN id THEN rank …``); a
    NULL, or an id ranked by no one (a record added since), takes the empty name's place."""
    whens = {record_id: rank for record_id, rank in ranks.items() if record_id is not None}
    empty = literal(ranks.get(None, 0), Integer)
    return case(whens, value=column, else_=empty) if whens else empty


def first_by_rank(
    session: Session,
    column: ColumnElement[int | None],
    ranks: dict[int | None, int],
    descending: bool,
    wanted: int,
    in_order: Callable[[ColumnElement[bool]], Select],
) -> list[int]:
    """The ids of the first ``wanted`` activities in the order of their rank, then id:
    read a group of equal rank at a time, in rank order, until there are enough.
    ``in_order(condition)`` gives the ids the list lets through under ``condition``, in the
    list's order (within one group, by id)."""
    groups: dict[int, list[int | None]] = defaultdict(list)
    for record_id, rank in ranks.items():
        groups[rank].append(record_id)
    found: list[int] = []
    for rank in sorted(groups, reverse=descending):
        if len(found) >= wanted:
            break
        named = [record_id for record_id in groups[rank] if record_id is not None]
        condition = column.in_(named) if named else false()
        if None in groups[rank]:
            condition = or_(condition, column.is_(None))
        found += session.scalars(in_order(condition).limit(wanted - len(found)))
    return found
