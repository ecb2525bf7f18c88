"""What a child process writes (or backs up) while a crash test kills it.

Each workload opens the database file itself (no backup, no migration: the test made the
file), writes a marker when its transaction has started writing and another once it has
committed, and leaves the rest to the test's SIGKILL.  The markers go to a small file with
single ``write`` calls, which a SIGKILL cannot tear.
"""

import os
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop.domain.organisation import Organisation
from desktop.services.imports.activities import ACTIVITY_FIELDS, ActivityImport
from desktop.services.imports.mapping import guess_mapping
from desktop.services.imports.organisations import ORGANISATION_FIELDS, OrganisationImport
from desktop.services.imports.reading import SheetRow, Table
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.store.backups import MANUAL, take_backup
from desktop.store.database import Database
from desktop.store.engine import make_engine, make_session_factory
from desktop.store.location import resolve_url

WRITING = b"writing\n"
COMMITTED = b"committed\n"
IMPORT_HEADER = ("Name", "Registration number", "Notes")
ACTIVITY_HEADER = ("Project", "Type", "Title", "Date", "Women", "Men")
EDIT_FLUSH_EVERY = 50  # rows changed between flushes: the edit reaches the file mid-way

# Guessing the columns reads the four languages' catalogs (seconds); done once here, in the
# fork server that preloads this module, every forked writer starts with them read.
guess_mapping(ORGANISATION_FIELDS, IMPORT_HEADER)
guess_mapping(ACTIVITY_FIELDS, ACTIVITY_HEADER)


def attach(value: str) -> Database:
    """The database at ``value`` as the app uses it, without open_database's start-up."""
    url = resolve_url(value)
    engine = make_engine(url)
    return Database(url, engine, make_session_factory(engine))


def import_table(tag: str, count: int) -> Table:
    """``count`` new organisations, named after ``tag`` so that a run's rows are found."""
    rows = tuple(
        SheetRow(number + 2, (import_name(tag, number), f"{tag}-{number}", "imported"))
        for number in range(count)
    )
    return Table("crash.csv", IMPORT_HEADER, 1, rows)


def import_name(tag: str, number: int) -> str:
    return f"Crash import {tag} {number:05d}"


class _Marker:
    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, marker: bytes) -> None:
        os.write(self._fd, marker)


def run_import(url: str, marker_path: Path, tag: str, count: int) -> None:
    """Import ``count`` organisations in one transaction, as the import dialog does."""
    db = attach(url)
    # the rows are checked once ``count`` steps are done; saving begins there
    _import_marked(marker_path, OrganisationImport(db), import_table(tag, count), count)


def _import_marked(marker_path: Path, service: Any, table: Table, writing_after: int) -> None:
    """Run ``service``'s import of ``table``, marking the writing once ``writing_after``
    progress steps are done and the commit once it returned."""
    marker = _Marker(marker_path)
    started = False

    def progress(done: int, _total: int) -> bool:
        nonlocal started
        if not started and done > writing_after:
            started = True
            marker.write(WRITING)
        return True

    outcome = service.run(table, service.guess(table), progress)
    if outcome.errors:
        raise RuntimeError(f"the crash import was refused: {outcome.errors[:3]}")
    marker.write(COMMITTED)


def activity_table(tag: str, count: int, project: str, kind: str) -> Table:
    """``count`` new activities of ``project`` with their participants, named after ``tag``."""
    rows = tuple(
        SheetRow(number + 2, (project, kind, activity_title(tag, number), day, "7", "5"))
        for number in range(count)
        for day in (f"2026-{1 + number % 12:02d}-15",)
    )
    return Table("crash-activities.csv", ACTIVITY_HEADER, 1, rows)


def activity_title(tag: str, number: int) -> str:
    return f"Crash activity {tag} {number:05d}"


def run_activity_import(
    url: str, marker_path: Path, tag: str, count: int, project: str, kind: str
) -> None:
    """Import ``count`` activities as Import pressed at once does: each batch is stored by
    the writer's thread while the next rows are checked, all in one transaction."""
    db = attach(url)
    # checking and storing go on together from the first row
    _import_marked(marker_path, ActivityImport(db), activity_table(tag, count, project, kind), 0)


class _BulkEdit(OrganisationService):
    """Every organisation changed in one unit of work, each change validated and audited
    exactly as ``update`` does it one at a time."""

    def set_notes(self, notes: str, flushed: _Marker) -> None:
        with self.unit_of_work() as session:
            records = session.scalars(select(Organisation).order_by(Organisation.id)).all()
            for number, organisation in enumerate(records, start=1):
                details = self.get_form(organisation)
                details.notes = notes
                before = self._state(organisation)
                self._apply(session, organisation, details)
                self._audited_update(session, organisation, before)
                if number % EDIT_FLUSH_EVERY == 0:
                    session.flush()
                    if number == EDIT_FLUSH_EVERY:
                        flushed.write(WRITING)

    @staticmethod
    def get_form(organisation: Organisation) -> OrganisationForm:
        return OrganisationForm(
            name_en=organisation.name_en or "",
            name_sq=organisation.name_sq or "",
            name_sr=organisation.name_sr or "",
            name_sr_latn=organisation.name_sr_latn or "",
            acronym=organisation.acronym or "",
            kind=organisation.kind,
            registration_number=organisation.registration_number or "",
            municipality_id=organisation.municipality_id,
            address=organisation.address or "",
            email=organisation.email or "",
            phone=organisation.phone or "",
            website=organisation.website or "",
            notes=organisation.notes or "",
        )


def run_edit(url: str, marker_path: Path, notes: str) -> None:
    """Give every organisation the notes ``notes`` in one long transaction."""
    marker = _Marker(marker_path)
    _BulkEdit(attach(url)).set_notes(notes, marker)
    marker.write(COMMITTED)


def run_backup(path: str, marker_path: Path) -> None:
    """Take a manual backup of the file at ``path``, as File ▸ Back up does."""
    marker = _Marker(marker_path)
    marker.write(WRITING)
    take_backup(Path(path), MANUAL)
    marker.write(COMMITTED)
