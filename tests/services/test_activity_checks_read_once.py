"""An import checks every row with the activity service in one session: the projects,
types and municipalities its rows name, and whether a scoped user sees each project, are
read once, not once a row; and every row is still refused what it was refused before."""

from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.organisation import Organisation
from desktop.domain.user import Role
from desktop.services.actor import Actor
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.reading import read_table
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_import_activities import ALBANIAN, ROWS, write_csv
from tests.sql_log import statements_sent


@pytest.fixture
def field_office(db: Database) -> Actor:
    """A staff member of QSB, a partner in CSK-2025-01 and not in CSK-2025-03."""
    load_demo(db)
    with db.transaction() as session:
        partner = session.scalar(select(Organisation.id).where(Organisation.acronym == "QSB"))
    return Actor("field", Role.STAFF, organisation_id=partner)


def rows_of(count: int, template: list[str], first: int = 0) -> list[list[str]]:
    return [
        [*template[:2], f"{template[2]} {number}", *template[3:]]
        for number in range(first, first + count)
    ]


def statements_to_check(db: Database, actor: Actor, path: Path) -> int:
    table = read_table(path)
    importer = ActivityImport(db, actor)
    mapping = importer.guess(table)
    with statements_sent(db) as sent:
        assert importer.check(table, mapping) == ()
    return len(sent)


def test_a_scoped_users_import_reads_the_same_whatever_its_length(
    db: Database, field_office: Actor, tmp_path: Path
) -> None:
    short = write_csv(tmp_path / "short.csv", [ALBANIAN, *rows_of(3, ROWS[0])])
    long = write_csv(tmp_path / "long.csv", [ALBANIAN, *rows_of(60, ROWS[0])])

    assert statements_to_check(db, field_office, long) == statements_to_check(
        db, field_office, short
    )
    outcome = ActivityImport(db, field_office).run(
        read_table(long), ActivityImport(db, field_office).guess(read_table(long))
    )
    assert outcome.imported == 60


def test_every_row_naming_a_project_out_of_scope_is_refused(
    db: Database, field_office: Actor, tmp_path: Path
) -> None:
    rows = [ALBANIAN, *rows_of(2, ROWS[0]), *rows_of(3, ROWS[1]), *rows_of(2, ROWS[0], first=2)]
    table = read_table(write_csv(tmp_path / "mixed.csv", rows))
    importer = ActivityImport(db, field_office)

    errors = importer.check(table, importer.guess(table))

    assert sorted({error.row for error in errors}) == [4, 5, 6]
