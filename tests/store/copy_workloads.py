"""What each of two copies of the app does at the same time as the other, in its own process.

A writer saves organisations one at a time and edits each once, every save its own unit
of work, as a user clicking Save would; a reader pages through the list meanwhile; a holder
keeps a write transaction open for a while, as a long import does.  A child that meets any
error exits non-zero, so the test sees it.
"""

import time
from pathlib import Path
from typing import Any

from desktop.domain.organisation import Organisation
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.store.database import Database
from desktop.store.engine import make_engine, make_session_factory
from desktop.store.location import resolve_url

HOLDING = b"holding\n"


def attach(value: str, busy_timeout_ms: int | None = None) -> Database:
    """The database at ``value`` as a second copy of the app opens it (already migrated)."""
    url = resolve_url(value)
    options = {} if busy_timeout_ms is None else {"busy_timeout_ms": busy_timeout_ms}
    engine = make_engine(url, **options)
    return Database(url, engine, make_session_factory(engine))


def copy_name(tag: str, number: int) -> str:
    return f"Copy {tag} partner {number:04d}"


def write(url: str, tag: str, count: int, start: Any) -> None:
    """Create ``count`` organisations and then correct each, one save at a time."""
    service = OrganisationService(attach(url))
    start.wait()
    for number in range(count):
        organisation_id = service.create(OrganisationForm(name_en=copy_name(tag, number)))
        details = service.get(organisation_id)
        details.form.notes = f"checked by copy {tag}"
        service.update(organisation_id, details.form, details.version)


def read(url: str, start: Any, stop: Any) -> None:
    """Page through the organisations until told to stop; a count never goes down."""
    service = OrganisationService(attach(url))
    start.wait()
    seen = 0
    while not stop.is_set():
        count = service.count(ListQuery())
        if count < seen:
            raise AssertionError(f"the list shrank from {seen} to {count}")
        seen = count
        service.page(ListQuery(search="partner"), 0, 50)


class _Holder(OrganisationService):
    """``create`` with a pause between writing and committing."""

    def create_slowly(self, name: str, seconds: float, marker: Path) -> None:
        with self.unit_of_work() as session:
            organisation = Organisation()
            self._apply(session, organisation, OrganisationForm(name_en=name))
            self._audited_create(session, organisation)
            session.flush()
            marker.write_bytes(HOLDING)
            time.sleep(seconds)


def hold(url: str, name: str, seconds: float, marker: Path) -> None:
    """Save one organisation in a transaction that stays open ``seconds`` after writing."""
    _Holder(attach(url)).create_slowly(name, seconds, marker)
