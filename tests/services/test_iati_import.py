"""Reading an IATI file into an empty database: our own file comes back as the same
projects, IATI's worked example imports what it can, and a bad file changes nothing."""

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from sqlalchemy import func, select

from desktop.domain.audit import AuditEntry
from desktop.domain.base import Base
from desktop.domain.grant import BudgetLine, Expenditure, Grant, Instalment
from desktop.domain.organisation import Organisation, OrganisationKind
from desktop.domain.project import Project
from desktop.domain.results import IndicatorValue, ValueStatus
from desktop.services.errors import RefusedError
from desktop.services.iati.export import IatiExportService
from desktop.services.iati.importing import IatiImportService
from desktop.services.iati.reading import IatiFileError
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.store.demo import load_demo
from tests.services.iati_support import (
    WORKED_EXAMPLE,
    activities,
    demo_database,
    export_of,
)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[dict]:
    db = demo_database(tmp_path_factory.mktemp("iati"), migrated_sqlite)
    yield {acronym: export_of(db, acronym) for acronym in ("PSN", "QSB")}
    db.close()


def _counts(db: Database) -> dict[str, int]:
    with db.transaction() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table)) or 0
            for table in Base.metadata.sorted_tables
        }


@pytest.mark.parametrize("acronym", ["PSN", "QSB"])
def test_export_import_export_gives_the_same_activities(
    db: Database, files: dict, acronym: str
) -> None:
    outcome = IatiImportService(db).import_activities(files[acronym])
    assert outcome.warnings == ()
    again = export_of(db, acronym)
    first, second = activities(files[acronym]), activities(again)
    assert list(second) == list(first)
    for identifier, activity in first.items():
        assert second[identifier].decode().splitlines() == activity.decode().splitlines()


def test_the_imported_projects_are_the_services_own(db: Database, files: dict) -> None:
    outcome = IatiImportService(db).import_activities(files["PSN"])
    assert (outcome.projects, outcome.grants) == (4, 4)
    rows = ProjectService(db).page(ListQuery(sort="code", language="sr"))
    assert len(rows) == 4
    assert all(row.municipalities for row in rows)
    with db.transaction() as session:
        created = session.scalar(
            select(func.count(AuditEntry.id)).where(AuditEntry.entity == "projects")
        )
        values = list(session.scalars(select(IndicatorValue)))
        spent = session.scalar(select(func.sum(Expenditure.amount)))
        lines = session.scalar(select(func.count()).select_from(BudgetLine))
    assert created == 4
    assert values and {value.status for value in values} == {ValueStatus.APPROVED}
    assert spent is not None and spent > 0
    assert lines == 4  # one per grant, for its expenditures


def test_iati_own_worked_example_imports_with_warnings(db: Database) -> None:
    outcome = IatiImportService(db).import_activities(WORKED_EXAMPLE.read_bytes())
    assert (outcome.projects, outcome.grants) == (1, 1)
    text = "\n".join(outcome.warnings)
    assert "“fr”" in text and "HT" in text and "<total-cost>" in text
    with db.transaction() as session:
        project = session.scalars(select(Project)).one()
        grant = session.scalars(select(Grant)).one()
        instalment = session.scalars(select(Instalment)).one()
        donor = session.get(Organisation, grant.donor_id)
        assert project.name_en == "Worked example of an activity report"
        assert project.code == "http://www.example.org/activities/12345.xml"
        assert (grant.amount, grant.currency) == (Decimal("1000000.00"), "GBP")
        assert instalment.amount == Decimal("1000000.00")
        assert donor.kind == OrganisationKind.DONOR and donor.name_en == "DFID"


BAD_FILES = {
    "not xml": (b"<iati-activities version='2.03'><iati-activity>", "line 1"),
    "wrong root": (b"<?xml version='1.0'?>\n\n<activities/>", "line 3"),
    "invalid": (
        b"<?xml version='1.0'?>\n<iati-activities version='2.03'>\n<iati-activity>\n"
        b"<iati-identifier>X-1</iati-identifier>\n<title/>\n</iati-activity>\n"
        b"</iati-activities>",
        "line 5",
    ),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_naming_the_line_and_changes_nothing(db: Database, name: str) -> None:
    content, line = BAD_FILES[name]
    before = _counts(db)
    with pytest.raises(IatiFileError, match=line) as refused:
        IatiImportService(db).import_activities(content)
    assert "nothing was imported" in str(refused.value)
    assert _counts(db) == before


def test_a_database_with_data_is_refused(db: Database, files: dict) -> None:
    load_demo(db)
    before = _counts(db)
    with pytest.raises(RefusedError, match="Nothing was changed"):
        IatiImportService(db).import_activities(files["QSB"])
    assert _counts(db) == before


def test_hostile_text_in_a_file_arrives_as_written(db: Database, files: dict) -> None:
    content = files["QSB"].replace(
        b"Centre for Community Safety",
        "Центар &lt;&amp;&gt; &quot;C&apos;S&quot; &#x10348;".encode(),
    )
    IatiImportService(db).import_activities(content)
    with db.transaction() as session:
        names = set(session.scalars(select(Organisation.name_en)))
    assert 'Центар <&> "C\'S" \U00010348' in names


def test_a_record_the_services_refuse_is_left_out_with_a_warning(db: Database, files: dict) -> None:
    root = etree.fromstring(files["QSB"])
    spent = [t for t in root.iter("transaction") if t.find("transaction-type").get("code") == "4"]
    spent[0].find("transaction-date").set("iso-date", "2099-01-01")
    line = spent[0].sourceline
    outcome = IatiImportService(db).import_activities(
        etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    )
    (warning,) = outcome.warnings
    assert warning.startswith(f"Line {line}: Not imported: An expenditure of grant ")
    assert "spent_on" in warning
    with db.transaction() as session:
        assert session.scalar(select(func.count(Expenditure.id))) == len(spent) - 1


def _damaged(content: bytes, seed: int) -> bytes:
    """``content`` with a few elements dropped, attributes and texts spoiled, read as an
    older IATI file so the schema lets it through to the mapping."""
    randomly = random.Random(seed)
    root = etree.fromstring(content)
    root.set("version", "1.05")
    elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
    for _step in range(8):
        element = randomly.choice(elements)
        roll = randomly.random()
        if roll < 0.35 and element.getparent() is not None:
            element.getparent().remove(element)
        elif roll < 0.7 and element.attrib:
            name = randomly.choice(list(element.attrib))
            element.set(name, randomly.choice(["", "-1", "1e999", "NaN", "2099-13-40", "<&>"]))
        else:
            element.text = randomly.choice(["", "NaN", "-5", "12.345", "Приштина"])
    return etree.tostring(root)


@pytest.mark.parametrize("seed", range(12))
def test_a_damaged_older_file_never_crashes_the_import(
    files: dict, tmp_path: Path, migrated_sqlite: Path, seed: int
) -> None:
    path = tmp_path / "empty.sqlite3"
    copy_sqlite(migrated_sqlite, path)
    db = open_database(str(path))
    try:
        outcome = IatiImportService(db).import_activities(_damaged(files["QSB"], seed))
    finally:
        db.close()
    assert outcome.warnings


def test_a_donors_file_brings_its_grants_and_payments(
    db: Database, tmp_path: Path, migrated_sqlite: Path
) -> None:
    """Read from the donor's side (outgoing commitment and disbursements), a grant arrives
    with the same donor, amount and instalments received as from the recipient's side."""
    source = demo_database(tmp_path, migrated_sqlite)
    try:
        service = IatiExportService(source)
        content = service.export(service.find_organisation("EUOK"), "XI-IATI-EC_NEAR").content
        with source.transaction() as session:
            expected = _grants_and_payments(session)
    finally:
        source.close()
    outcome = IatiImportService(db).import_activities(content)
    assert outcome.grants == len(expected) > 0
    with db.transaction() as session:
        assert _grants_and_payments(session) == expected


def _grants_and_payments(session: Any) -> dict[str, tuple[str, Decimal, list[Any]]]:
    """Each EU grant's donor, amount and the dates and amounts of its instalments received."""
    grants = session.scalars(
        select(Grant)
        .join(Organisation, Grant.donor_id == Organisation.id)
        .where(Organisation.acronym == "EUOK")
    )
    return {
        grant.contract_number: (
            grant.donor.acronym,
            grant.amount,
            sorted(
                (i.received_on, i.amount) for i in grant.instalments if i.received_on is not None
            ),
        )
        for grant in grants
    }
