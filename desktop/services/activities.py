"""Activities and their participants: list, read, create, update, archive and restore, and
the participant totals a dashboard draws.

Participants are recorded once, at the activity, by gender, age band and community.  The
headcount from the sign-in sheet is kept beside that breakdown and every list row says when
the two disagree, so a page of the sheet that was never typed in is noticed before a donor
report counts the people.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Row,
    Select,
    and_,
    false,
    func,
    select,
)
from sqlalchemy.orm import Session

from desktop.domain.activity import (
    Activity,
    AgeBand,
    ParticipantCount,
)
from desktop.domain.audit import AuditAction
from desktop.domain.multilingual import (
    NAME_LANGUAGES,
    name_column,
    resolve_name,
)
from desktop.domain.organisation import Organisation
from desktop.domain.person import Gender
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType, Community, Municipality
from desktop.domain.search import activity_search_key_folded, names_of
from desktop.i18n import _
from desktop.i18n.collation import sort_key
from desktop.i18n.folding import fold
from desktop.services import audit
from desktop.services.activities_order import (
    GROUPED_SORTS,
    RANKED_SORTS,
    code_ranks,
    first_by_rank,
    name_ranks,
    rank_of,
    title_order,
)
from desktop.services.activities_search import one_of, page_search
from desktop.services.activities_totals import month_spans
from desktop.services.base import RecordService
from desktop.services.errors import ValidationError
from desktop.services.listing import (
    PAGE_SIZE,
    ListQuery,
    in_language,
    search_words,
)
from desktop.services.permissions import Permission, requires
from desktop.services.scope import (
    is_scoped,
    out_of_scope_choice,
    scope_condition,
    sees_project,
)
from desktop.services.validation import Checker, is_record_id, storable

# More people than any event holds; it keeps a slip of the keyboard out of the totals and
# every count inside the database's integer column.
MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class ActivityFilters:
    """What a list or a total is narrowed to; ``None`` leaves a filter off.

    A reporting period stands for its dates: an activity belongs to the period in which it
    began, as the indicators that count activities see it.  ``date_from``/``date_to`` narrow
    the start date the same way, both ends included.
    """

    project_id: int | None = None
    activity_type_id: int | None = None
    municipality_id: int | None = None
    period_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    carried_out_by_id: int | None = None

    def pairs(self) -> tuple[tuple[str, Any], ...]:
        """The filters that are set, as a ``ListQuery`` carries them (named as here)."""
        return tuple(
            (item.name, getattr(self, item.name))
            for item in fields(self)
            if getattr(self, item.name) is not None
        )


@dataclass(frozen=True)
class ActivityRow:
    id: int
    start_date: date
    end_date: date
    title: str
    activity_type: str
    municipality: str
    project_code: str
    women: int
    men: int
    recorded: int  # everyone in the breakdown, of any gender
    participants_total: int | None  # the headcount from the sign-in sheet, if given
    archived: bool

    @property
    def total(self) -> int:
        """The headcount where one was given, otherwise everyone in the breakdown."""
        return self.participants_total if self.participants_total is not None else self.recorded

    @property
    def incomplete(self) -> bool:
        """The breakdown does not add up to the headcount."""
        return self.participants_total is not None and self.recorded != self.participants_total


class ParticipantLine(NamedTuple):
    """One cell of the sign-in sheet's tally: so many people of this gender, age band and
    community (by its code).  Values are as typed; the service checks them."""

    gender: Gender | str
    age_band: AgeBand | str
    community: str
    count: int | str | None


@dataclass
class ActivityForm:
    """What a user fills in for an activity; text as typed, checked by the service."""

    name_en: str = ""
    name_sq: str = ""
    name_sr: str = ""
    name_sr_latn: str = ""
    project_id: int | None = None
    activity_type_id: int | None = None
    municipality_id: int | None = None
    carried_out_by_id: int | None = None
    start_date: date | str | None = None
    end_date: date | str | None = None
    venue: str = ""
    description: str = ""
    # Problems met and how they were addressed (the EU narrative report's words).
    problems: str = ""
    participants_total: int | str | None = None
    participants: list[ParticipantLine] = field(default_factory=list)


@dataclass
class CheckedActivity:
    """An activity form as the service accepted it: clean values, the breakdown by cell
    (zeros left out) and the search key, ready to be stored."""

    names: dict[str, str | None]  # name column -> title
    project_id: int
    activity_type_id: int
    municipality_id: int | None
    carried_out_by_id: int | None
    start_date: date
    end_date: date
    venue: str | None
    description: str | None
    problems: str | None
    participants_total: int | None
    cells: "dict[Cell, int]"
    search_key: str
    # each title given, by its name column, folded (``fold``): titles are compared so
    folded_names: dict[str, str]


@dataclass(frozen=True)
class ActivityDetails:
    id: int
    uuid: UUID
    version: int
    archived: bool
    form: ActivityForm


@dataclass(frozen=True)
class ParticipantTotals:
    """People counted at the activities of one municipality, one quarter or all of them.

    ``other`` holds other genders and the undisclosed; ``total`` adds the headcounts where
    they were given and the breakdown where not, so ``total - women - men - other`` is how
    many people were counted but not broken down.
    """

    activities: int = 0
    women: int = 0
    men: int = 0
    other: int = 0
    total: int = 0

    @property
    def recorded(self) -> int:
        return self.women + self.men + self.other

    def __add__(self, more: "ParticipantTotals") -> "ParticipantTotals":
        return ParticipantTotals(
            self.activities + more.activities,
            self.women + more.women,
            self.men + more.men,
            self.other + more.other,
            self.total + more.total,
        )


@dataclass(frozen=True)
class MunicipalityTotals:
    municipality_id: int | None  # None: activities held in no one municipality
    name: str
    totals: ParticipantTotals


@dataclass(frozen=True)
class QuarterTotals:
    year: int
    quarter: int
    totals: ParticipantTotals

    @property
    def label(self) -> str:
        """``2026-Q1``, as reporting periods are labelled."""
        return f"{self.year}-Q{self.quarter}"


@dataclass(frozen=True)
class ParticipantSummary:
    overall: ParticipantTotals
    by_municipality: list[MunicipalityTotals]  # most people first
    by_quarter: list[QuarterTotals]  # in time order


@dataclass(frozen=True)
class PeriodChoice:
    id: int
    label: str  # "2026-Q1 · 2025/461-198"
    start_date: date
    end_date: date


# The list's SQL (page, count, sorts, search, filters) is written on the tables, not the
# mapped classes: the ORM configures every mapper imported so far the first time it
# compiles a statement naming one (≈ 25 ms, which the first rows of a start would wait
# for), and the list builds no objects for the ORM to do anything else.
_activities = Activity.__table__
_types = ActivityType.__table__
_municipalities = Municipality.__table__
_projects = Project.__table__

# The participant sorts read the sums stored on each activity (schema 0011), each through
# its index: these expressions must match ``list_indexes.PARTICIPANT_SORTS`` exactly.
_SORTS: dict[str, ColumnElement[Any]] = {
    "start_date": _activities.c.start_date,
    "end_date": _activities.c.end_date,
    "project": _projects.c.code,
    "women": _activities.c.participants_women,
    "men": _activities.c.participants_men,
    "recorded": _activities.c.participants_recorded,
    "total": func.coalesce(_activities.c.participants_total, _activities.c.participants_recorded),
    "incomplete": and_(
        _activities.c.participants_total.is_not(None),
        _activities.c.participants_total != _activities.c.participants_recorded,
    ),
}


def _names(named: FromClause) -> tuple[ColumnElement[str | None], ...]:
    """``named``'s name columns, in ``NAME_LANGUAGES``' order."""
    return tuple(named.c[name_column(language)] for language in NAME_LANGUAGES)


class ActivityService(RecordService[ActivityRow]):
    model = Activity
    scope_by = "project_id"

    def not_found(self) -> str:
        return _("The activity was not found; it may have been deleted.")

    # -- the list -------------------------------------------------------------------------

    def _listing(self, query: ListQuery) -> Select:
        """The page's cells as plain columns: no activity is built as an ORM object, and
        the long texts (description, problems) are not read at all."""
        return (
            select(
                _activities.c.id,
                _activities.c.start_date,
                _activities.c.end_date,
                *_names(_activities),
                *_names(_types),
                *_names(_municipalities),
                _projects.c.code,
                _activities.c.participants_women,
                _activities.c.participants_men,
                _activities.c.participants_recorded,
                _activities.c.participants_total,
                _activities.c.archived_at,
            )
            .select_from(_activities)
            .join(_types, _activities.c.activity_type_id == _types.c.id)
            .join(_projects, _activities.c.project_id == _projects.c.id)
            .outerjoin(_municipalities, _activities.c.municipality_id == _municipalities.c.id)
        )

    @requires(Permission.READ_RECORDS)
    def count(self, query: ListQuery) -> int:
        """Counted on the activities alone: every activity has one type and one project and
        at most one municipality, so the page's joins change no count, and without them a
        count reads one narrow index (schema 0005) instead of four tables."""
        statement = self._narrowed(select(func.count(_activities.c.id)), query)
        with self.unit_of_work(read_only=True) as session:
            return session.scalar(statement) or 0

    @requires(Permission.READ_RECORDS)
    def page(self, query: ListQuery, offset: int = 0, limit: int = PAGE_SIZE) -> list[ActivityRow]:
        """The page's activities are chosen first by their sort key alone; only those are
        then joined.  A sort that must order every activity (by type, by municipality, the
        matches of a search) so orders narrow rows rather than whole joined ones.

        Ties are broken by id in the sort's own direction, so that an index on the sort key
        and id (the participant sorts', schema 0011) gives a descending page by reading
        backwards, with nothing left to sort.

        The sort's ranks, the search's candidates and the page are read in one unit of
        work, so all three see the same activities."""
        with self.unit_of_work(read_only=True) as session:
            order = self._sort_key(session, query)
            order, tie = (
                (order.desc(), _activities.c.id.desc())
                if query.descending
                else (order.asc(), _activities.c.id.asc())
            )
            chosen = (
                self._narrowed(
                    self._sort_source(query.sort),
                    query,
                    self._page_search(session, query, (order, tie), offset + limit),
                )
                .order_by(order, tie)
                .offset(offset)
                .limit(limit)
            )
            statement = (
                self._listing(query).where(_activities.c.id.in_(chosen)).order_by(order, tie)
            )
            return [self._row(result, query.language) for result in session.execute(statement)]

    @staticmethod
    def _sort_source(sort: str) -> Select:
        """The activities' ids, joined to the one table the sort reads, if any (the type
        and municipality sorts read a rank instead, ``activities_order``)."""
        statement = select(_activities.c.id)
        if sort == "project":
            return statement.join(_projects, _activities.c.project_id == _projects.c.id)
        return statement

    def _page_search(
        self, session: Session, query: ListQuery, ordering: tuple[ColumnElement, ...], wanted: int
    ) -> ColumnElement[bool]:
        """The search as a page ending with its ``wanted``-th row (in ``ordering``) finds
        it soonest (``activities_search``); without a search, the ids of a type sort's
        first rows (``activities_order``).  The rows are the same, the plan differs.  Only
        SQLite chooses; PostgreSQL's planner weighs its own indexes."""
        if not self.db.is_sqlite:
            return self._search(query.search)

        def in_order(search: ColumnElement[bool]) -> Select:
            statement = self._narrowed(self._sort_source(query.sort), query, search)
            return statement.order_by(*ordering)

        if search_words(query.search):
            narrowed = any(value is not None for _name, value in query.filters)
            narrowed = narrowed or is_scoped(self.actor)
            return page_search(
                session, query.search, query.sort, query.descending, wanted, in_order, narrowed
            )
        if query.sort in GROUPED_SORTS:
            named, column = RANKED_SORTS[query.sort]
            ranks = name_ranks(session, named, query.language)
            return one_of(first_by_rank(session, column, ranks, query.descending, wanted, in_order))
        if query.sort == "project":
            ranks = code_ranks(session, scope_condition(self.actor, _projects.c.id))
            first = first_by_rank(
                session, _activities.c.project_id, ranks, query.descending, wanted, in_order
            )
            return one_of(first)
        return self._search(query.search)

    def _narrowed(
        self, statement: Select, query: ListQuery, search: ColumnElement[bool] | None = None
    ) -> Select:
        """``statement`` kept to the activities the query's search (``search``, its
        condition if already chosen) and filters let through; the conditions name only the
        activities table."""
        if search is None:
            search = self._search(query.search)
        statement = statement.where(search, self._in_scope())
        if not query.include_archived:
            statement = statement.where(_activities.c.archived_at.is_(None))
        for name, value in query.filters:
            if value is not None:
                statement = self._filter(statement, name, value)
        return statement

    def _filter(self, statement: Select, name: str, value: Any) -> Select:
        """A list filter is named after a field of ``ActivityFilters`` and means the same."""
        if name in _FILTER_NAMES:
            return statement.where(*_conditions(ActivityFilters(**{name: value})))
        return super()._filter(statement, name, value)

    def _sort_key(self, session: Session, query: ListQuery) -> ColumnElement:
        language = query.language
        if query.sort in RANKED_SORTS:
            named, column = RANKED_SORTS[query.sort]
            return rank_of(column, name_ranks(session, named, language))
        if query.sort == "venue":
            return in_language(_activities.c.venue, language)
        if query.sort in _SORTS:
            return _SORTS[query.sort]
        return title_order(language)

    def _row(self, result: Row[Any], language: str) -> ActivityRow:
        (activity_id, start_date, end_date, *cells) = result
        title, activity_type, municipality = (
            resolve_name(dict(zip(NAME_LANGUAGES, cells[at : at + 4], strict=True)), language)
            for at in (0, 4, 8)
        )
        project_code, women, men, recorded, total, archived_at = cells[12:]
        return ActivityRow(
            id=activity_id,
            start_date=start_date,
            end_date=end_date,
            title=title,
            activity_type=activity_type,
            municipality=municipality,
            project_code=project_code,
            women=women,
            men=men,
            recorded=recorded,
            participants_total=total,
            archived=archived_at is not None,
        )

    # -- choices for forms and filters ----------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def project_choices(self, language: str) -> list[tuple[int, str]]:
        """(id, "code · title") of every project in use, for choosing one."""
        statement = (
            select(Project)
            .where(Project.archived_at.is_(None), scope_condition(self.actor, Project.id))
            .order_by(func.lower(Project.code))
        )
        with self.unit_of_work(read_only=True) as session:
            return [
                (project.id, f"{project.code} · {project.name(language)}")
                for project in session.scalars(statement)
            ]

    @requires(Permission.READ_RECORDS)
    def period_choices(self) -> list[PeriodChoice]:
        """Every grant's reporting periods, latest first, for the period filter."""
        from desktop.domain.grant import Grant  # not imported before the list's first rows
        from desktop.domain.period import ReportingPeriod

        statement = (
            select(ReportingPeriod, Grant.contract_number)
            .join(Grant, ReportingPeriod.grant_id == Grant.id)
            .where(Grant.archived_at.is_(None), scope_condition(self.actor, Grant.project_id))
            .order_by(ReportingPeriod.start_date.desc(), Grant.contract_number)
        )
        with self.unit_of_work(read_only=True) as session:
            return [
                PeriodChoice(
                    period.id,
                    f"{period.label} · {contract}",
                    period.start_date,
                    period.end_date,
                )
                for period, contract in session.execute(statement)
            ]

    # -- one activity ---------------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def get(self, activity_id: int) -> ActivityDetails:
        with self.unit_of_work(read_only=True) as session:
            activity = self._load_in_scope(session, activity_id)
            lines = sorted(
                activity.participants,
                key=lambda line: (
                    line.community.sort_order,
                    line.community_id,
                    _AGE_ORDER[line.age_band],
                    _GENDER_ORDER[line.gender],
                ),
            )
            form = ActivityForm(
                name_en=activity.name_en or "",
                name_sq=activity.name_sq or "",
                name_sr=activity.name_sr or "",
                name_sr_latn=activity.name_sr_latn or "",
                project_id=activity.project_id,
                activity_type_id=activity.activity_type_id,
                municipality_id=activity.municipality_id,
                carried_out_by_id=activity.carried_out_by_id,
                start_date=activity.start_date,
                end_date=activity.end_date,
                venue=activity.venue or "",
                description=activity.description or "",
                problems=activity.problems or "",
                participants_total=activity.participants_total,
                participants=[
                    ParticipantLine(line.gender, line.age_band, line.community.code, line.count)
                    for line in lines
                ],
            )
            return ActivityDetails(
                activity.id, activity.uuid, activity.version, activity.is_archived, form
            )

    @requires(Permission.EDIT_RECORDS)
    def create(self, form: ActivityForm) -> int:
        with self.unit_of_work() as session:
            activity = Activity()
            self._apply(session, activity, form)
            return self._audited_create(session, activity)

    @requires(Permission.EDIT_RECORDS)
    def update(self, activity_id: int, form: ActivityForm, expected_version: int) -> None:
        with self.unit_of_work() as session:
            activity = self._load_in_scope(session, activity_id, expected_version)
            before = self._state(activity)
            self._apply(session, activity, form)
            self._audited_update(session, activity, before)

    def _audited_create(self, session: Session, record: Activity) -> int:
        """The creation is audited with its breakdown, as updates are."""
        session.add(record)
        session.flush()
        audit.record(session, self.actor, AuditAction.CREATE, record, self._state(record))
        return record.id

    def _state(self, record: Activity) -> audit.Snapshot:
        """The columns and the breakdown, so a changed count is audited and bumps the
        version like any other change (the stored sums are not among the audited columns:
        the breakdown itself says what changed)."""
        return {
            **audit.snapshot(record),
            "participants": sorted(
                [line.gender.value, line.age_band.value, line.community.code, line.count]
                for line in record.participants
            ),
        }

    def _apply(self, session: Session, activity: Activity, form: ActivityForm) -> None:
        """Check the whole form, then copy it onto ``activity``; raises before any change."""
        checked = self._checked(session, form)
        for column, value in checked.names.items():
            setattr(activity, column, value)
        activity.project_id = checked.project_id
        activity.activity_type_id = checked.activity_type_id
        activity.municipality_id = checked.municipality_id
        activity.carried_out_by_id = checked.carried_out_by_id
        activity.start_date = checked.start_date
        activity.end_date = checked.end_date
        activity.venue = checked.venue
        activity.description = checked.description
        activity.problems = checked.problems
        activity.participants_total = checked.participants_total
        _replace_breakdown(activity, checked.cells)
        activity.count_participants()
        activity.set_title_keys()
        activity.search_key = checked.search_key

    def _checked(self, session: Session, form: ActivityForm) -> "CheckedActivity":
        """The whole form checked and cleaned, as plain values; ``ValidationError`` with
        every problem otherwise.  Changes nothing: the import checks 10,000 rows with it
        and inserts the values itself."""
        check = Checker()
        names = {
            "name_en": check.text("name_en", form.name_en),
            "name_sq": check.text("name_sq", form.name_sq),
            "name_sr": check.text("name_sr", form.name_sr),
            "name_sr_latn": check.text("name_sr_latn", form.name_sr_latn),
        }
        if not any(names.values()):
            check.fail("name_en", _("Give the activity a title in at least one language."))
        start = check.date("start_date", form.start_date, required=True)
        end = check.date("end_date", form.end_date, required=True)
        check.date_order("end_date", start, end)
        venue = check.text("venue", form.venue)
        description = check.text("description", form.description, max_length=20_000)
        problems = check.text("problems", form.problems, max_length=20_000)
        headcount = _whole_number(check, "participants_total", form.participants_total)

        project = _check_exists(
            session, check, "project_id", Project, form.project_id, required=True
        )
        if isinstance(project, Project) and not self._sees(session, project.id):
            check.fail("project_id", out_of_scope_choice())
        _check_exists(
            session, check, "activity_type_id", ActivityType, form.activity_type_id, required=True
        )
        municipality = _check_exists(
            session, check, "municipality_id", Municipality, form.municipality_id
        )
        _check_exists(session, check, "carried_out_by_id", Organisation, form.carried_out_by_id)
        cells = _read_breakdown(session, check, form.participants)
        if check.errors:
            raise ValidationError(check.errors)
        place = names_of(municipality) if isinstance(municipality, Municipality) else []
        folded_names = {column: fold(title) for column, title in names.items() if title}
        return CheckedActivity(
            names=names,
            project_id=form.project_id,  # type: ignore[arg-type]
            activity_type_id=form.activity_type_id,  # type: ignore[arg-type]
            municipality_id=form.municipality_id,
            carried_out_by_id=form.carried_out_by_id,
            start_date=start,  # type: ignore[arg-type]
            end_date=end,  # type: ignore[arg-type]
            venue=venue,
            description=description,
            problems=problems,
            participants_total=headcount,
            cells=cells,
            search_key=activity_search_key_folded(folded_names.values(), venue, place),
            folded_names=folded_names,
        )

    def _ready_to_check(self, session: Session, in_scope: Iterable[int]) -> None:
        """Read now what ``_checked`` reads once a session (the communities), and take the
        projects ``in_scope`` as seen (read with ``scope_condition``), so that checking
        many forms after sends no statement: an import stores rows on the same
        connection from another thread meanwhile (``store/background_writes.py``)."""
        _communities(session)
        session.info.setdefault(_IN_SCOPE, {}).update(dict.fromkeys(in_scope, True))

    def _sees(self, session: Session, project_id: int) -> bool:
        """Whether the actor sees the project, asked once per project in a session: an
        import checks its 10,000 rows in one session, most naming the same few projects,
        and a scoped user's check was one query per row (3,000 rows: 1.0 → 0.1 s of CPU)."""
        known = session.info.setdefault(_IN_SCOPE, {})
        if project_id not in known:
            known[project_id] = sees_project(session, self.actor, project_id)
        return known[project_id]

    # -- totals ---------------------------------------------------------------------------

    @requires(Permission.READ_RECORDS)
    def participant_totals(
        self, filters: ActivityFilters = ActivityFilters(), language: str = "en"
    ) -> ParticipantSummary:
        """People at the activities ``filters`` select (archived ones left out), by
        municipality and by the quarter in which each activity began; added up from the
        sums stored on each activity, without reading the participant table.

        On SQLite a scoped user's projects are compared as ``project_id + 0``, which no index
        serves: the planner then reads ``ix_activities_participation`` alone, which holds
        the project (schema 0014), rather than the scope's activities through the project's
        index and each one's table row (1,000,000 activities: 280 → 100 ms)."""
        in_scope = self._in_scope()
        sqlite = self.db.engine.dialect.name == "sqlite"
        if sqlite:
            in_scope = scope_condition(self.actor, Activity.project_id + 0)
        sums = (
            func.count(),
            func.sum(Activity.participants_women),
            func.sum(Activity.participants_men),
            func.sum(Activity.participants_recorded),
            func.sum(func.coalesce(Activity.participants_total, Activity.participants_recorded)),
        )
        places: dict[int | None, ParticipantTotals] = defaultdict(ParticipantTotals)
        quarters: dict[tuple[int, int], ParticipantTotals] = defaultdict(ParticipantTotals)
        with self.unit_of_work(read_only=True) as session:
            for place, (year, month), figures in _totals_by_place_and_month(
                session, filters, in_scope, sums, sqlite
            ):
                count, women, men, recorded, total = (int(figure or 0) for figure in figures)
                totals = ParticipantTotals(count, women, men, recorded - women - men, total)
                places[place] += totals
                quarters[(year, (month + 2) // 3)] += totals
            names = {
                municipality.id: municipality.name(language)
                for municipality in session.scalars(
                    select(Municipality).where(
                        Municipality.id.in_([place for place in places if place is not None])
                    )
                )
            }
        overall = sum(places.values(), ParticipantTotals())
        by_municipality = sorted(
            (
                MunicipalityTotals(
                    place, names.get(place, "") if place else _("No municipality"), totals
                )
                for place, totals in places.items()
            ),
            key=lambda entry: (-entry.totals.total, sort_key(entry.name, language)),
        )
        by_quarter = [
            QuarterTotals(year_of, quarter, totals)
            for (year_of, quarter), totals in sorted(quarters.items())
        ]
        return ParticipantSummary(overall, by_municipality, by_quarter)


def _totals_by_place_and_month(
    session: Session,
    filters: ActivityFilters,
    in_scope: ColumnElement[bool],
    sums: tuple[ColumnElement[Any], ...],
    sqlite: bool,
) -> Iterator[tuple[int | None, tuple[int, int], Sequence[Any]]]:
    """``sums`` of the activities ``filters`` select, by municipality and (year, month).

    A range of dates (the Dashboard's year) is read one month at a time, each grouped by
    municipality: SQLite reads every month's range of ``ix_activities_participation`` in
    date order whichever way it is grouped, and sorting each month's activities for the
    grouping costs less than sorting the year's at once (296,780 activities at 1,000,000:
    ≈ 190 → 110 ms of raw CPU, and no per-row month expression).  Open ranges are grouped
    by the month in one statement."""
    by_place = (
        select(Activity.municipality_id, *sums)
        .where(Activity.archived_at.is_(None), in_scope)
        .group_by(Activity.municipality_id)
    )
    months = month_spans(filters.date_from, filters.date_to)
    if months is not None:
        for first, last in months:
            narrowed = replace(filters, date_from=first, date_to=last)
            for place, *figures in session.execute(by_place.where(*_conditions(narrowed))):
                yield place, (first.year, first.month), figures
        return
    if sqlite:
        # SQLite keeps a date as ISO text, whose first seven characters are its month
        month = func.substr(Activity.start_date, 1, 7)
    else:
        month = func.to_char(Activity.start_date, "YYYY-MM")
    by_month = by_place.add_columns(month).where(*_conditions(filters)).group_by(month)
    for place, *figures, year_month in session.execute(by_month):
        yield place, (int(year_month[:4]), int(year_month[5:7])), figures


_FILTER_NAMES = frozenset(item.name for item in fields(ActivityFilters))
_GENDER_ORDER = {gender: order for order, gender in enumerate(Gender)}
_AGE_ORDER = {band: order for order, band in enumerate(AgeBand)}


def _conditions(filters: ActivityFilters) -> list[ColumnElement[bool]]:
    """The filters as SQL conditions on the activities table."""
    conditions: list[ColumnElement[bool]] = []
    columns = _activities.c
    for name in ("project_id", "activity_type_id", "municipality_id", "carried_out_by_id"):
        value = getattr(filters, name)
        if value is not None:
            # a value the column cannot hold (a stale or mangled id) matches nothing
            conditions.append(columns[name].in_(storable(columns[name], [value])))
    if filters.date_from is not None:
        [first] = storable(columns.start_date, [filters.date_from]) or [None]
        conditions.append(columns.start_date >= first if first else false())
    if filters.date_to is not None:
        [last] = storable(columns.start_date, [filters.date_to]) or [None]
        conditions.append(columns.start_date <= last if last else false())
    if filters.period_id is not None:
        from desktop.domain.period import ReportingPeriod  # not before the first rows

        periods = ReportingPeriod.__table__.c
        conditions.append(
            select(periods.id)
            .where(
                periods.id.in_(storable(periods.id, [filters.period_id])),
                columns.start_date.between(periods.start_date, periods.end_date),
            )
            .exists()
        )
    return conditions


def _check_exists(
    session: Session,
    check: Checker,
    name: str,
    model: type,
    record_id: int | None,
    *,
    required: bool = False,
) -> object | None:
    """The record ``record_id`` points at; a message on ``name`` if it is missing."""
    if record_id is None:
        if required:
            check.fail(name, _("This field is required."))
        return None
    found = _record(session, model, record_id)
    if found is None:
        check.fail(name, _("Choose one from the list."))
    return found


def _record(session: Session, model: type, record_id: object) -> object | None:
    """The ``model`` record ``record_id`` names, or None; each read once per session.  The
    session's identity map forgets a record nobody holds, and even when it holds one each
    ``get`` costs more than the rest of a row's check of that field: an import checks
    10,000 rows in one session, each naming a project, a type and a municipality."""
    if not is_record_id(record_id):
        return None
    known = session.info.setdefault(_RECORDS, {})
    key = (model, record_id)
    if key not in known:
        known[key] = session.get(model, record_id)
    return known[key]


def _is_finite(value: float | Decimal) -> bool:
    """Neither NaN nor infinite (a signalling NaN refuses even to be compared)."""
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def parse_count(value: int | str | float | Decimal) -> int:
    """``value`` as a number of people (a whole number from 0 to ``MAX_COUNT``); raises
    ``ValueError`` with the sentence to show.  A form checks a cell with it as it is typed."""
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and value.strip().lstrip("-").isdigit():
        number = int(value.strip())
    elif isinstance(value, float | Decimal) and _is_finite(value) and int(value) == value:
        number = int(value)
    if number is None:
        raise ValueError(_("“{value}” is not a whole number.").format(value=value))
    if number < 0:
        raise ValueError(_("A number of people cannot be negative."))
    if number > MAX_COUNT:
        raise ValueError(_("The number is too large."))
    return number


def _whole_number(
    check: Checker, name: str, value: int | str | None, *, required: bool = False
) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            check.fail(name, _("This field is required."))
        return None
    try:
        return parse_count(value)
    except ValueError as error:
        check.fail(name, str(error))
        return None


Cell = tuple[Gender, AgeBand, Community]
_COMMUNITIES = "activities.communities"  # the session.info key of _communities
_RECORDS = "activities.records"  # the session.info key of _record
_IN_SCOPE = "activities.in_scope"  # the session.info key of ActivityService._sees


def _read_breakdown(
    session: Session, check: Checker, lines: list[ParticipantLine]
) -> dict[Cell, int]:
    """The breakdown as {(gender, age band, community): count}, every line checked.

    Each message names its line and part (``participants[3].count``); a line that repeats
    an earlier one's gender, age band and community is refused rather than added to it,
    since it usually means the same people were typed twice.  Zeros are not kept.
    """
    communities = _communities(session)
    cells: dict[Cell, int] = {}
    for number, line in enumerate(lines):
        where = f"participants[{number}]"
        try:
            gender = Gender(line.gender)
        except ValueError:
            gender = None
            check.fail(f"{where}.gender", _("Choose a gender from the list."))
        try:
            band = AgeBand(line.age_band)
        except ValueError:
            band = None
            check.fail(f"{where}.age_band", _("Choose an age band from the list."))
        community = communities.get(str(line.community).strip())
        if community is None:
            check.fail(
                f"{where}.community",
                _("“{community}” is not a known community.").format(community=line.community),
            )
        count = _whole_number(check, f"{where}.count", line.count, required=True)
        if gender is None or band is None or community is None or count is None:
            continue
        key = (gender, band, community)
        if key in cells:
            check.fail(
                where,
                _(
                    "This community, age band and gender is already counted in another line; "
                    "add the people there."
                ),
            )
            continue
        cells[key] = count
    return {key: count for key, count in cells.items() if count}


def _communities(session: Session) -> dict[str, Community]:
    """The communities by code, read once per session: an import checks each of its
    10,000 rows' breakdown in one session, and read them 20,000 times."""
    communities = session.info.get(_COMMUNITIES)
    if communities is None:
        communities = {item.code: item for item in session.scalars(select(Community))}
        session.info[_COMMUNITIES] = communities
    return communities


def _replace_breakdown(activity: Activity, cells: dict[Cell, int]) -> None:
    """Keep the lines whose cell is still counted (the unique constraint would refuse a
    deleted and re-inserted cell in one flush), drop the rest, add the new ones."""
    existing = {
        (line.gender, line.age_band, line.community_id): line for line in activity.participants
    }
    kept = []
    for (gender, band, community), count in cells.items():
        line = existing.get((gender, band, community.id)) or ParticipantCount(
            gender=gender, age_band=band, community=community
        )
        line.count = count
        kept.append(line)
    activity.participants = kept
