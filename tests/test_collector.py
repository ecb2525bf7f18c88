"""A report is drawn, and a file checked and imported, with the cycle collector held off;
the collector comes back after."""

import gc
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from desktop.collector import collector_paused
from desktop.services.imports.base import ImportCancelled
from desktop.services.imports.organisations import OrganisationImport
from desktop.services.imports.reading import read_table
from desktop.services.report_formats import ReportFormat
from desktop.store.database import Database

SEEN: list[bool] = []


def record_collector(data: Any, target: Path | BinaryIO) -> None:
    """A format's render that notes whether the collector was on while it drew."""
    SEEN.append(gc.isenabled())
    if data == "fail":
        raise RuntimeError("the drawing failed")


FORMAT = ReportFormat("test", "Test", "unused:build", "tests.test_collector:record_collector")


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    SEEN.clear()
    gc.enable()
    yield
    gc.enable()


def test_a_format_draws_with_the_collector_off_and_turns_it_back_on() -> None:
    FORMAT.render("data", BytesIO())

    assert SEEN == [False]
    assert gc.isenabled()


def test_a_failed_drawing_turns_the_collector_back_on() -> None:
    with pytest.raises(RuntimeError):
        FORMAT.render("fail", BytesIO())

    assert SEEN == [False]
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collector_paused():
        assert not gc.isenabled()

    assert not gc.isenabled()


def write_partners(path: Path, *names: str) -> Path:
    path.write_text("Name;Kind\n" + "".join(f"{name};NGO\n" for name in names), "utf-8")
    return path


def noting_collector(_done: int, _total: int) -> bool:
    """The import's progress callback, called as rows are checked and saved."""
    SEEN.append(gc.isenabled())
    return True


def test_a_file_is_checked_and_imported_with_the_collector_off(
    db: Database, tmp_path: Path
) -> None:
    table = read_table(write_partners(tmp_path / "partners.csv", "Zëri i Grave", "Aktiv"))
    importer = OrganisationImport(db)
    mapping = importer.guess(table)

    assert importer.check(table, mapping, noting_collector) == ()
    assert SEEN and not any(SEEN)
    assert gc.isenabled()

    SEEN.clear()
    assert importer.run(table, mapping, noting_collector).imported == 2
    assert SEEN and not any(SEEN)
    assert gc.isenabled()


def test_a_refused_import_turns_the_collector_back_on(db: Database, tmp_path: Path) -> None:
    table = read_table(write_partners(tmp_path / "partners.csv", "Aktiv", ""))
    importer = OrganisationImport(db)

    outcome = importer.run(table, importer.guess(table), noting_collector)

    assert outcome.imported == 0 and outcome.errors
    assert not any(SEEN)
    assert gc.isenabled()


def test_a_cancelled_import_turns_the_collector_back_on(db: Database, tmp_path: Path) -> None:
    table = read_table(write_partners(tmp_path / "partners.csv", "Aktiv"))
    importer = OrganisationImport(db)

    with pytest.raises(ImportCancelled):
        importer.run(table, importer.guess(table), lambda _done, _total: False)

    assert gc.isenabled()
