"""The list indexes on the activities table, as SQL.

Revision 0005 creates them; revision 0006 rebuilds the title sort's indexes in each
language's collation (``desktop.store.collations``); revision 0011 adds the participant
sorts' indexes over the sums stored on each activity; revision 0012 replaces the collated
title indexes by indexes on the titles' stored sort keys, in byte order, and adds the
municipality sort's and the Dashboard's indexes; revision 0014 appends the project to the
Dashboard's.  The benchmark loader sets the head
revision's indexes aside while it writes a million activities and builds them once at the
end, which is quicker than keeping five indexes and a trigram table in step row by row.  A
change here is a schema change: it needs a new revision, and the services' SQL
(``desktop.services.listing``) must still match it.
"""

from collections.abc import Sequence

from sqlalchemy import Connection, text

from desktop.store.collations import collation_name

# Each interface language's fallback chain of name columns, as
# desktop.domain.multilingual.NAME_FALLBACKS has it; the sort expression must match the
# services' character for character to be used.
NAME_CHAINS = {
    "en": ("name_en", "name_sq", "name_sr_latn", "name_sr"),
    "sq": ("name_sq", "name_en", "name_sr_latn", "name_sr"),
    "sr": ("name_sr", "name_sr_latn", "name_en", "name_sq"),
    "sr_latn": ("name_sr_latn", "name_sr", "name_en", "name_sq"),
}
# The interface language whose collation each index sorts in.
_LANGUAGES = {"en": "en", "sq": "sq", "sr": "sr", "sr_latn": "sr_Latn"}
# archived_at last: leading with it, "archived_at IS NULL" looks selective to SQLite's
# planner, which then reads every row through this index and sorts them all.
LISTED = ("activity_type_id", "project_id", "municipality_id", "archived_at")
# The participant sorts since revision 0011: index name suffix -> the sort expression of
# ``ActivityService`` (desktop/services/activities.py), character for character.  Each index
# ends in the id the list breaks ties with (in the sort's direction) and ``archived_at``,
# so the page's ids come from the index alone, already in order.
PARTICIPANT_SORTS = {
    "women": "participants_women",
    "men": "participants_men",
    "recorded": "participants_recorded",
    "total": "coalesce(participants_total, participants_recorded)",
    "incomplete": (
        "(participants_total IS NOT NULL AND participants_total != participants_recorded)"
    ),
}
SQLITE_SEARCH_TABLE = "activities_search"
SQLITE_SEARCH_TRIGGERS = (
    "activities_search_insert",
    "activities_search_update",
    "activities_search_delete",
)


def sort_name_sql(chain: Sequence[str]) -> str:
    """Revision 0005's sort expression over ``chain`` (lower-cased, in binary order)."""
    return f"lower({_name_sql(chain)})"


def collated_sort_name_sql(chain: Sequence[str], collation: str) -> str:
    """The sort expression of ``localized_name`` over ``chain`` since revision 0006: the
    name in ``collation``'s alphabetical order, which already ignores case first."""
    return f"{_name_sql(chain)} COLLATE {collation}"


def _name_sql(chain: Sequence[str]) -> str:
    names = ", ".join(f"nullif(trim({column}), '')" for column in chain)
    return f"coalesce({names}, '')"


def create_activity_indexes(
    connection: Connection, *, collated: bool = False, participants: bool = False
) -> None:
    """The title sort's index per language and the narrow index counts read: as revision
    0005 made them, or (``collated=True``) as revision 0006 and later have them; with
    ``participants`` also revision 0011's participant sorts."""
    create_sort_name_indexes(connection, collated=collated)
    listed = ", ".join(LISTED)
    connection.execute(text(f"CREATE INDEX ix_activities_listed ON activities ({listed})"))
    if participants:
        create_participant_sort_indexes(connection)


def drop_activity_indexes(connection: Connection, *, participants: bool = False) -> None:
    if participants:
        drop_participant_sort_indexes(connection)
    connection.execute(text("DROP INDEX ix_activities_listed"))
    drop_sort_name_indexes(connection)


def _create_sort_indexes(connection: Connection, prefix: str, sorts: dict[str, str]) -> None:
    """An index ``{prefix}{name}`` per sort: its expression, then the id the list breaks
    ties with and ``archived_at``, so that a page's ids come from the index alone, in order."""
    for name, expression in sorts.items():
        connection.execute(
            text(f"CREATE INDEX {prefix}{name} ON activities ({expression}, id, archived_at)")
        )


def _drop_sort_indexes(connection: Connection, prefix: str, sorts: dict[str, str]) -> None:
    for name in sorts:
        connection.execute(text(f"DROP INDEX {prefix}{name}"))


def create_participant_sort_indexes(connection: Connection) -> None:
    _create_sort_indexes(connection, "ix_activities_participants_", PARTICIPANT_SORTS)


def drop_participant_sort_indexes(connection: Connection) -> None:
    _drop_sort_indexes(connection, "ix_activities_participants_", PARTICIPANT_SORTS)


def create_sort_name_indexes(connection: Connection, *, collated: bool) -> None:
    """The title sort's index per language; collated ones need the collations (revision
    0006 creates them on PostgreSQL; SQLite's connection must have them registered)."""
    for language, chain in NAME_CHAINS.items():
        if collated:
            expression = collated_sort_name_sql(chain, collation_name(_LANGUAGES[language]))
        else:
            expression = sort_name_sql(chain)
        connection.execute(
            text(f"CREATE INDEX ix_activities_sort_name_{language} ON activities ({expression})")
        )


def drop_sort_name_indexes(connection: Connection) -> None:
    for language in NAME_CHAINS:
        connection.execute(text(f"DROP INDEX ix_activities_sort_name_{language}"))


def create_sqlite_search(connection: Connection) -> None:
    """An external-content FTS5 table over ``activities.search_key``: it stores only the
    trigrams (``detail=none``, about 180 bytes an activity), reads the keys from the
    activities table, and is filled from the rows already there."""
    table = SQLITE_SEARCH_TABLE
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE {table} USING fts5("
            "search_key, content='activities', content_rowid='id', "
            "tokenize='trigram', detail='none')"
        )
    )
    connection.execute(text(f"INSERT INTO {table}({table}) VALUES ('rebuild')"))
    forget = (
        f"INSERT INTO {table}({table}, rowid, search_key) "
        "VALUES ('delete', old.id, old.search_key);"
    )
    learn = f"INSERT INTO {table}(rowid, search_key) VALUES (new.id, new.search_key);"
    insert, update, delete = SQLITE_SEARCH_TRIGGERS
    for statement in (
        f"CREATE TRIGGER {insert} AFTER INSERT ON activities BEGIN {learn} END",
        f"CREATE TRIGGER {update} AFTER UPDATE OF search_key ON activities "
        f"BEGIN {forget} {learn} END",
        f"CREATE TRIGGER {delete} AFTER DELETE ON activities BEGIN {forget} END",
    ):
        connection.execute(text(statement))


def drop_sqlite_search(connection: Connection) -> None:
    for trigger in SQLITE_SEARCH_TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
    connection.execute(text(f"DROP TABLE IF EXISTS {SQLITE_SEARCH_TABLE}"))


# Revision 0012: the title sort reads each language's stored sort key (``Activity``'s
# ``title_key_*`` columns) in plain byte order, instead of revision 0006's collated
# indexes; index name suffix -> column.  Each index ends in the id the list breaks ties
# with and ``archived_at``, as the participant sorts' do.
TITLE_KEY_SORTS = {
    "en": "title_key_en",
    "sq": "title_key_sq",
    "sr": "title_key_sr",
    "sr_latn": "title_key_sr_latn",
}
# Revision 0012's other indexes: the municipality sort's groups, and the Dashboard's
# participant figures read from the index alone (by start date).
FURTHER_INDEXES = {
    "ix_activities_by_municipality": "municipality_id, archived_at",
    "ix_activities_participation": (
        "start_date, archived_at, municipality_id, participants_women, participants_men, "
        "participants_recorded, participants_total"
    ),
}


def create_title_key_indexes(connection: Connection) -> None:
    _create_sort_indexes(connection, "ix_activities_title_key_", TITLE_KEY_SORTS)


def drop_title_key_indexes(connection: Connection) -> None:
    _drop_sort_indexes(connection, "ix_activities_title_key_", TITLE_KEY_SORTS)


def create_further_indexes(connection: Connection) -> None:
    for name, columns in FURTHER_INDEXES.items():
        connection.execute(text(f"CREATE INDEX {name} ON activities ({columns})"))


def drop_further_indexes(connection: Connection) -> None:
    for name in FURTHER_INDEXES:
        connection.execute(text(f"DROP INDEX {name}"))


# Revision 0014: the Dashboard's participants index ends in the project, so that a user
# scoped to an organisation (``project_id IN (…)``) is answered from the index alone too.
PARTICIPATION_INDEX = "ix_activities_participation"
PARTICIPATION_COLUMNS = f"{FURTHER_INDEXES[PARTICIPATION_INDEX]}, project_id"


def create_participation_index(connection: Connection, *, with_project: bool) -> None:
    """``ix_activities_participation`` as revision 0014 has it, or (``with_project=False``)
    as revision 0012 made it."""
    columns = PARTICIPATION_COLUMNS if with_project else FURTHER_INDEXES[PARTICIPATION_INDEX]
    connection.execute(text(f"CREATE INDEX {PARTICIPATION_INDEX} ON activities ({columns})"))


def drop_participation_index(connection: Connection) -> None:
    connection.execute(text(f"DROP INDEX {PARTICIPATION_INDEX}"))


def create_head_indexes(connection: Connection) -> None:
    """Every list index the head revision (0015, whose indexes are 0014's) has on the
    activities of an SQLite database, beyond those the models declare."""
    listed = ", ".join(LISTED)
    connection.execute(text(f"CREATE INDEX ix_activities_listed ON activities ({listed})"))
    create_participant_sort_indexes(connection)
    create_title_key_indexes(connection)
    for name, columns in FURTHER_INDEXES.items():
        if name != PARTICIPATION_INDEX:
            connection.execute(text(f"CREATE INDEX {name} ON activities ({columns})"))
    create_participation_index(connection, with_project=True)
    create_start_date_key_index(connection)


def drop_head_indexes(connection: Connection) -> None:
    drop_start_date_key_index(connection)
    drop_further_indexes(connection)
    drop_title_key_indexes(connection)
    drop_participant_sort_indexes(connection)
    connection.execute(text("DROP INDEX ix_activities_listed"))


# Revision 0013 (SQLite only): the search's walk in date order compares each activity's key
# in this index instead of the table row (it covers the walk of an unfiltered list: the
# date, the id the list breaks ties with, the key and ``archived_at``), so SQLite's planner
# takes it over the narrow ``ix_activities_start_date`` for that walk alone.
START_DATE_KEY_INDEX = "ix_activities_start_date_key"
START_DATE_KEY_COLUMNS = "start_date, id, search_key, archived_at"
# Revision 0013: what the trigram table is fed after each key, so that every character of
# the key begins a trigram and a text of one or two letters is found through the table's
# vocabulary (``desktop.services.activities_search``).
SEARCH_PADDING = "  "


def create_start_date_key_index(connection: Connection) -> None:
    connection.execute(
        text(f"CREATE INDEX {START_DATE_KEY_INDEX} ON activities ({START_DATE_KEY_COLUMNS})")
    )


def drop_start_date_key_index(connection: Connection) -> None:
    connection.execute(text(f"DROP INDEX IF EXISTS {START_DATE_KEY_INDEX}"))


def create_padded_search(connection: Connection) -> None:
    """Revision 0013's trigram table: contentless (``content=''``), fed each key followed
    by ``SEARCH_PADDING`` from the rows already there and by triggers on every write.  It
    no longer mirrors ``activities.search_key`` character for character, so it cannot read
    the keys from the activities table as 0005's did; FTS5's 'delete' is given the same
    padded text the row was fed."""
    table = SQLITE_SEARCH_TABLE
    padded = f"search_key || '{SEARCH_PADDING}'"
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE {table} USING fts5("
            "search_key, content='', tokenize='trigram', detail='none')"
        )
    )
    connection.execute(
        text(f"INSERT INTO {table}(rowid, search_key) SELECT id, {padded} FROM activities")
    )
    forget = (
        f"INSERT INTO {table}({table}, rowid, search_key) VALUES ('delete', old.id, old.{padded});"
    )
    learn = f"INSERT INTO {table}(rowid, search_key) VALUES (new.id, new.{padded});"
    insert, update, delete = SQLITE_SEARCH_TRIGGERS
    for statement in (
        f"CREATE TRIGGER {insert} AFTER INSERT ON activities BEGIN {learn} END",
        f"CREATE TRIGGER {update} AFTER UPDATE OF search_key ON activities "
        f"BEGIN {forget} {learn} END",
        f"CREATE TRIGGER {delete} AFTER DELETE ON activities BEGIN {forget} END",
    ):
        connection.execute(text(statement))
