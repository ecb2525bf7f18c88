"""The benchmark office: ``csodesk demo --scale N`` fills an empty database with N activities
and everything a CSO office of that size holds around them, fast.

It exists to prove that every list opens at once at 100,000 rows and beyond, and to time
the queries behind lists, dashboard and reports on realistic data: partners and people,
projects with partners and municipalities, grants with budget lines, instalments and
expenditures in three currencies, quarterly reporting periods with narratives, a results
framework per project whose participant indicators add up to the activities' counts,
research outputs and community-safety cases with their history.

Everything is drawn from ``random.Random(seed)``, so a seed always gives the same office
(only UUIDs and timestamps differ).  Names come from the hand-written demo's vocabulary and
Kosovo's municipalities as the reference tables hold them.  Search keys, converted amounts
and budget totals are derived as the services derive them, so the data behaves like
typed-in data.  Rows are written in batches, one transaction per group of batches so memory
stays flat (``desktop.store.demo_scale_rows``); a failure half-way leaves the groups already
committed, the database then refuses a second run, and is best deleted.
"""

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields

from sqlalchemy import Connection, select

from desktop.domain import (
    Activity,
    BudgetLine,
    Case,
    CaseAction,
    CaseStatusChange,
    Expenditure,
    Grant,
    Indicator,
    IndicatorValue,
    Instalment,
    NarrativeText,
    Organisation,
    ParticipantCount,
    Person,
    Project,
    ProjectPartner,
    ReportingPeriod,
    ResearchOutput,
    Result,
    User,
)
from desktop.store.database import Database
from desktop.store.demo_scale_activities import Tally, write_activities
from desktop.store.demo_scale_followup import (
    write_cases,
    write_narratives,
    write_research,
    write_results,
)
from desktop.store.demo_scale_office import read_reference, write_office
from desktop.store.demo_scale_rows import RowWriter, loading_connection
from desktop.store.errors import DatabaseNotEmpty
from desktop.store.migrations import list_indexes

ProgressCallback = Callable[[int, int], None]

# Rows in any of these mean the database already holds someone's work.
_TOP_LEVEL = (Organisation, Person, Project, Grant, Activity, ResearchOutput, Case)
# Every table the generator gives keys to.
_KEYED = (
    User, Organisation, Person, Project, ProjectPartner, Grant, BudgetLine, Instalment,
    ReportingPeriod, NarrativeText, Activity, ParticipantCount, Expenditure, Result, Indicator,
    IndicatorValue, ResearchOutput, Case, CaseStatusChange, CaseAction,
)  # fmt: skip


@dataclass(frozen=True)
class ScaleSummary:
    """Rows written per table (the fields are named after the tables), the people the
    activities counted, how many activities are flagged incomplete, and the time it took."""

    organisations: int = 0
    people: int = 0
    projects: int = 0
    project_partners: int = 0
    grants: int = 0
    budget_lines: int = 0
    instalments: int = 0
    expenditures: int = 0
    reporting_periods: int = 0
    narrative_texts: int = 0
    activities: int = 0
    participant_counts: int = 0
    results: int = 0
    indicators: int = 0
    indicator_values: int = 0
    research_outputs: int = 0
    cases: int = 0
    case_status_changes: int = 0
    case_actions: int = 0
    participants: int = 0
    incomplete_activities: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class ScaleSizes:
    """How many of each top-level record an office with ``activities`` activities keeps."""

    activities: int
    organisations: int
    people: int
    projects: int
    research_outputs: int
    cases: int

    @classmethod
    def for_activities(cls, activities: int) -> "ScaleSizes":
        return cls(
            activities=activities,
            organisations=max(10, activities // 200),
            people=max(20, activities // 40),
            projects=max(3, activities // 500),
            research_outputs=max(1, activities // 100),
            cases=max(1, activities // 50),
        )

    @property
    def total(self) -> int:
        """The work, in top-level records (a grant per project), for progress reports."""
        return (
            self.activities
            + self.organisations
            + self.people
            + 2 * self.projects
            + self.research_outputs
            + self.cases
        )


def load_scaled_demo(
    db: Database,
    activities: int,
    *,
    seed: int = 2026,
    progress: ProgressCallback | None = None,
) -> ScaleSummary:
    """Fill the empty database ``db`` with a benchmark office of ``activities`` activities;
    refuse one that holds any work.  ``progress(done, total)`` hears how far it got."""
    if activities < 1:
        raise ValueError("a benchmark office needs at least one activity")
    sizes = ScaleSizes.for_activities(activities)
    rng = random.Random(seed)
    done = 0

    def advance(records: int) -> None:
        nonlocal done
        done = min(sizes.total, done + records)
        if progress is not None:
            progress(done, sizes.total)

    started = time.perf_counter()
    tally = Tally()
    with loading_connection(db) as connection:
        rows = RowWriter(connection, _KEYED)
        with connection.begin():
            if any(connection.scalar(select(model.id).limit(1)) for model in _TOP_LEVEL):
                raise DatabaseNotEmpty(db.description)
            office = read_reference(connection)
            rows.reserve_keys()
            write_office(
                rows, rng, office, sizes.organisations, sizes.people, sizes.projects, activities
            )
        advance(sizes.organisations + sizes.people + 2 * sizes.projects)
        write_cases(rows, rng, office, sizes.cases, advance)
        with _list_indexes_built_afterwards(connection):
            write_activities(rows, rng, office, tally, advance)
        with connection.begin():
            verified = write_results(rows, rng, office, tally)
            write_narratives(rows, rng, office, tally)
            write_research(rows, rng, office, sizes.research_outputs, verified)
            rows.align_sequences()
        advance(sizes.research_outputs)
    written = {item.name: rows.written[item.name] for item in fields(ScaleSummary)}
    written.update(
        participants=tally.participants,
        incomplete_activities=tally.incomplete,
        seconds=time.perf_counter() - started,
    )
    return ScaleSummary(**written)


@contextmanager
def _list_indexes_built_afterwards(connection: Connection) -> Iterator[None]:
    """On SQLite, the activities are written without the list indexes (schema 0005, the
    participant sorts' since 0011, the title keys' and the others of 0012) and the trigram
    table, which are built once from the whole table afterwards, also when the load fails
    half-way: keeping them in step row by row made a load 40 % slower."""
    if connection.dialect.name != "sqlite":
        yield
        return
    with connection.begin():
        list_indexes.drop_sqlite_search(connection)
        list_indexes.drop_head_indexes(connection)
    try:
        yield
    finally:
        if connection.in_transaction():
            connection.rollback()
        with connection.begin():
            list_indexes.create_head_indexes(connection)
            list_indexes.create_padded_search(connection)
