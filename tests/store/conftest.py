"""Fixtures the storage-failure tests share."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.store.database import Database, copy_sqlite
from tests.store.crash_workloads import attach
from tests.store.disk_tools import small_disk


@pytest.fixture
def on_small_disk(tmp_path: Path, migrated_sqlite: Path) -> Iterator[tuple[Database, Path]]:
    """The app's database alone on a 2 MB disk, with one organisation in it."""
    with small_disk(tmp_path / "disk", 2 * 1024 * 1024) as disk:
        path = disk / "csodesk.sqlite3"
        copy_sqlite(migrated_sqlite, path)
        db = attach(str(path))
        OrganisationService(db).create(OrganisationForm(name_en="Women for Peace Mitrovica"))
        try:
            yield db, path
        finally:
            db.close()
