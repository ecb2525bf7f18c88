"""New records get version 7 UUIDs: unique, and in the order they were made."""

import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from desktop.domain import Organisation, OrganisationKind
from desktop.domain.activity import Activity, ParticipantCount
from desktop.domain.identifiers import new_uuid, new_uuids
from desktop.services.imports.activities import ActivityImport
from desktop.services.imports.reading import read_table
from desktop.store.database import Database
from desktop.store.demo import load_demo


def _moment(uuid_hex: str) -> datetime:
    return datetime.fromtimestamp(int(uuid_hex[:12], 16) / 1000, UTC)


def test_a_new_uuid_is_version_7_of_rfc_9562_and_carries_the_moment_it_was_made() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    made = new_uuid()
    after = datetime.now(UTC)

    assert made.version == 7
    assert made.variant == "specified in RFC 4122"  # the variant RFC 9562 keeps
    assert before <= _moment(made.hex) <= after


def test_uuids_made_later_sort_after_earlier_ones_and_never_repeat() -> None:
    earlier = [new_uuid() for _ in range(20_000)]
    time.sleep(0.002)
    later = [new_uuid() for _ in range(1_000)]

    assert len(set(earlier + later)) == 21_000
    assert max(uuid.hex for uuid in earlier) < min(uuid.hex for uuid in later)


def test_uuids_made_together_are_version_7_of_their_moment_and_all_different() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    made = new_uuids(5_000)
    after = datetime.now(UTC)

    assert len(set(made)) == 5_000
    assert {uuid.version for uuid in made} == {7}
    assert {uuid.variant for uuid in made} == {"specified in RFC 4122"}
    assert len({uuid.hex[:12] for uuid in made}) == 1  # one moment
    assert before <= _moment(made[0].hex) <= after
    # the random bits differ in every place, not only in some
    assert all(len({uuid.hex[place] for uuid in made}) > 1 for place in range(13, 32))
    assert new_uuids(0) == []


def test_a_record_saved_through_the_orm_gets_one(db: Database) -> None:
    with db.transaction() as session:
        donor = Organisation(name_en="Donor", kind=OrganisationKind.DONOR, search_key="donor")
        session.add(donor)
    with db.transaction() as session:
        stored = session.scalar(select(Organisation.uuid).where(Organisation.id == donor.id))

    assert stored is not None and stored.version == 7


def test_imported_activities_and_their_participant_lines_get_one(
    db: Database, tmp_path: Path
) -> None:
    load_demo(db)
    path = tmp_path / "a.csv"
    path.write_text(
        "Project;Type;Title;Date;Women;Men\n"
        "CSK-2025-01;Training;Trajnim për gratë e Gjakovës;2026-05-12;14;11\n",
        encoding="utf-8",
    )
    table = read_table(path)
    importer = ActivityImport(db)
    assert importer.run(table, importer.guess(table)).imported == 1

    with db.transaction() as session:
        activity = session.scalars(
            select(Activity).where(Activity.name_en == "Trajnim për gratë e Gjakovës")
        ).one()
        lines = session.scalars(
            select(ParticipantCount.uuid).where(ParticipantCount.activity_id == activity.id)
        ).all()

    assert activity.uuid.version == 7
    assert len(lines) == 2 and all(uuid.version == 7 for uuid in lines)
