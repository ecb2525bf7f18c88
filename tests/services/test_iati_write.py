"""What the window's IATI export asks of the service: the organisations a file can be
written for, and the file written whole or not at all."""

from pathlib import Path

import pytest
from lxml import etree

from desktop.services.errors import ServiceError
from desktop.services.iati.export import IatiExportService
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.iati_support import schema_errors


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


def test_the_organisations_listed_are_those_whose_file_holds_projects(demo: Database) -> None:
    service = IatiExportService(demo)
    OrganisationService(demo).create(OrganisationForm(name_en="Idle Partner", acronym="IDLE"))

    rows = {row.acronym: row for row in service.reporting_organisations("en")}

    assert "IDLE" not in rows
    assert rows["PSN"].projects_led == max(row.projects_led for row in rows.values())
    assert rows["PSN"].derived_ref == "XK-CR-5120417"
    assert rows["EUOK"].derived_ref is None
    for acronym, row in rows.items():
        content = service.export(row.id, row.derived_ref or "XI-TEST-1").content
        assert len(etree.fromstring(content).findall("iati-activity")) == row.projects, acronym


def test_the_names_are_in_the_language_asked_and_sorted(demo: Database) -> None:
    names = [row.name for row in IatiExportService(demo).reporting_organisations("sr")]

    assert "Мрежа за мир и безбедност" in names
    assert names.index("Грађански форум за безбедност – Призрен") < names.index(
        "Центар за дијалог Ибар"
    )


def test_write_puts_the_export_in_the_file(demo: Database, tmp_path: Path) -> None:
    service = IatiExportService(demo)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "activities.xml"

    written = service.write(service.find_organisation("PSN"), target, "XM-DAC-12345")

    content = target.read_bytes()
    assert content == written.content
    assert schema_errors(content) == []
    assert written.reporting_ref == "XM-DAC-12345"
    assert etree.fromstring(content).find("iati-activity/reporting-org").get("ref") == (
        "XM-DAC-12345"
    )
    assert [path.name for path in folder.iterdir()] == ["activities.xml"]


def test_a_file_that_cannot_be_written_leaves_nothing(demo: Database, tmp_path: Path) -> None:
    service = IatiExportService(demo)
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "activities.xml"
    target.mkdir()  # a folder where the file should go: the rename fails

    with pytest.raises(ServiceError, match="could not be written"):
        service.write(service.find_organisation("PSN"), target)

    assert [path.name for path in folder.iterdir()] == ["activities.xml"]
    assert target.is_dir() and list(target.iterdir()) == []
