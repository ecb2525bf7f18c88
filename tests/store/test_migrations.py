"""Migrations: a new database reaches head; going down and up again keeps every row; the
schema Alembic builds is the schema the models describe.
"""

import warnings

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from desktop.domain import Base, Organisation, OrganisationKind, Project
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store import schema
from desktop.store.database import Database
from desktop.store.migrations import HEAD, REVISIONS, in_models


def _row_counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def test_known_revisions_match_alembic_history(db: Database) -> None:
    with db.engine.connect() as connection:
        scripts = ScriptDirectory.from_config(schema.alembic_config(connection))
    history = [script.revision for script in reversed(list(scripts.walk_revisions()))]
    assert tuple(history) == REVISIONS
    assert scripts.get_current_head() == HEAD


def test_new_database_is_at_head_and_matches_the_models(db: Database) -> None:
    with db.engine.connect() as connection, warnings.catch_warnings():
        # SQLite's reflection skips the list indexes on expressions (revision 0005), which
        # the models cannot describe either; everything else must match.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        assert schema.current_revision(connection) == HEAD
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": in_models}
        )
        assert compare_metadata(context, Base.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_down_to_the_first_revision_and_up_again_keeps_every_row(db: Database) -> None:
    organisations = OrganisationService(db)
    lead = organisations.create(
        OrganisationForm(
            name_sq="Forumi për Siguri",
            name_sr="Форум за безбедност",
            acronym="FS",
            kind=OrganisationKind.PARTNER_CSO,
        )
    )
    projects = ProjectService(db)
    for number in range(3):
        projects.create(
            ProjectForm(
                code=f"P-{number}",
                name_sq=f"Siguria në Prishtinë {number}",
                start_date="2026-01-01",
                end_date="2026-12-31",
                lead_organisation_id=lead,
                municipality_ids=[1, 2],
            )
        )
    before = _row_counts(db)
    schema.downgrade(db.url, REVISIONS[0])
    with db.engine.connect() as connection:
        assert "search_key" not in {c["name"] for c in inspect(connection).get_columns("projects")}
    schema.upgrade(db.url)
    assert _row_counts(db) == before
    # The search keys dropped on the way down are rebuilt from the names on the way up.
    assert [row.code for row in projects.page(ListQuery(search="prishtine 1"))] == ["P-1"]
    assert organisations.count(ListQuery(search="форум")) == 1


def test_every_revision_goes_down_to_an_empty_database_and_back(db: Database) -> None:
    schema.downgrade(db.url, "base")
    with db.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {schema.VERSION_TABLE}
    schema.upgrade(db.url)
    with db.engine.connect() as connection:
        assert schema.current_revision(connection) == HEAD
        assert connection.execute(select(func.count()).select_from(Project)).scalar_one() == 0
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    assert Organisation.__tablename__ in Base.metadata.tables
