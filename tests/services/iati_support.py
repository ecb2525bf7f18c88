"""What the IATI tests share: the official schema (a copy in tests/data, so the tests need
nothing outside the repository), a demo office's files, and activities compared field by
field."""

from pathlib import Path

from lxml import etree

from desktop.services.iati.export import IatiExportService
from desktop.store.database import Database, copy_sqlite, open_database
from desktop.store.demo import load_demo

DATA = Path(__file__).resolve().parents[1] / "data" / "iati-2.03"
SCHEMA_FILE = DATA / "iati-activities-schema.xsd"
WORKED_EXAMPLE = DATA / "worked-example.xml"
_schema: list[etree.XMLSchema] = []


def schema_errors(content: bytes) -> list[str]:
    """The official 2.03 schema's complaints about ``content`` ([] when it validates)."""
    if not _schema:
        _schema.append(etree.XMLSchema(etree.parse(str(SCHEMA_FILE))))
    schema = _schema[0]
    if schema.validate(etree.fromstring(content)):
        return []
    return [f"{error.line}: {error.message}" for error in schema.error_log]


def activities(content: bytes) -> dict[str, bytes]:
    """Each activity by its identifier, canonical (C14N) and without the moment it was
    last changed, which an import cannot keep."""
    found = {}
    for activity in etree.fromstring(content).findall("iati-activity"):
        activity.attrib.pop("last-updated-datetime", None)
        found[activity.findtext("iati-identifier")] = etree.tostring(activity, method="c14n")
    return found


def demo_database(folder: Path, migrated: Path) -> Database:
    path = folder / "demo.sqlite3"
    copy_sqlite(migrated, path)
    db = open_database(str(path))
    load_demo(db)
    return db


def export_of(db: Database, organisation: str) -> bytes:
    service = IatiExportService(db)
    return service.export(service.find_organisation(organisation)).content
