"""Activities with their participants from a CSV or XLSX list, all of them or none.

One row is one activity, laid out as offices keep their activity logs in Excel: project
(its code or its name in any language), type, title in one or more languages, start and
end date, municipality, venue, the community the participants came from, how many women,
men and people of another or unstated gender came, and the headcount from the sign-in
sheet.  The counts are recorded with the age band unknown: a flat list has no room for
age, and a number typed under the wrong band would be worse than none.

Each row becomes an ``ActivityForm`` that the activity service itself judges
(``ActivityService._checked``), so an imported activity is one the form would have saved.
An activity counts as already known when the same project has an activity on the same
start date with the same title in any language (compared without accents, case or script).

Rows are checked once.  ``check`` keeps the plain values it accepted (``CheckedActivity``,
no ORM objects); ``run`` on the same table and mapping only checks again what the
database may have changed since (the projects, types, municipalities and communities the
rows name, and the titles already taken) and inserts the kept values with Core
``executemany`` (``saving.insert_new_activities``); anything else checks every row again.
"""

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy import TextClause, bindparam, select, text
from sqlalchemy.orm import Session

from desktop.domain.activity import Activity, AgeBand
from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.domain.person import Gender
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType, Community, Municipality
from desktop.i18n import N_, _, ngettext
from desktop.i18n.folding import fold
from desktop.services.activities import (
    ActivityForm,
    ActivityService,
    CheckedActivity,
    ParticipantLine,
    parse_count,
)
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.imports.base import ProgressTicker, RowError
from desktop.services.imports.lookups import (
    cell_of,
    first_mapped,
    fold_value,
    reference_index,
    spellings_index,
)
from desktop.services.imports.mapping import Mapping, TargetField
from desktop.services.imports.reading import SheetRow, Table
from desktop.services.imports.saving import insert_new_activities
from desktop.services.imports.table_import import Problems, TableImport
from desktop.services.imports.values import date_problem, read_date
from desktop.services.scope import scope_condition

TITLE_FIELDS = tuple(name_column(code) for code in NAME_LANGUAGES)
UNDECLARED_COMMUNITY = "undeclared"
# The gender each count column records.
COUNT_FIELDS = {"women": Gender.FEMALE, "men": Gender.MALE, "other_gender": Gender.OTHER}

ACTIVITY_FIELDS: tuple[TargetField, ...] = (
    TargetField(
        "project",
        N_("Pro&ject"),
        (
            "project code",
            "projekti",
            "kodi i projektit",
            "projekat",
            "šifra projekta",
            "пројекат",
            "шифра пројекта",
        ),
    ),
    TargetField(
        "activity_type",
        N_("&Type"),
        (
            "activity type",
            "type of activity",
            "lloji",
            "lloji i aktivitetit",
            "tipi",
            "vrsta",
            "vrsta aktivnosti",
            "tip",
            "врста",
            "врста активности",
            "тип",
        ),
    ),
    TargetField(
        "name_en",
        N_("Title in English"),
        ("title", "activity", "title en", "name", "english title"),
    ),
    TargetField(
        "name_sq",
        N_("Title in Albanian"),
        ("titulli", "aktiviteti", "emri i aktivitetit", "emertimi"),
    ),
    TargetField(
        "name_sr",
        N_("Title in Serbian, Cyrillic script"),
        ("наслов", "назив", "активност", "назив активности"),
    ),
    TargetField(
        "name_sr_latn",
        N_("Title in Serbian, Latin script"),
        ("naslov", "naziv", "aktivnost", "naziv aktivnosti"),
    ),
    TargetField(
        "start_date",
        N_("&Start"),
        (
            "date",
            "start date",
            "from",
            "data",
            "data e fillimit",
            "prej",
            "datum",
            "datum početka",
            "od",
            "датум",
            "датум почетка",
            "од",
        ),
    ),
    TargetField(
        "end_date",
        N_("E&nd"),
        (
            "end date",
            "to",
            "until",
            "data e mbarimit",
            "deri",
            "datum završetka",
            "do",
            "датум завршетка",
            "до",
        ),
    ),
    TargetField("municipality", N_("M&unicipality"), ("komuna", "opstina", "општина")),
    TargetField(
        "venue",
        N_("&Venue"),
        ("location", "place", "vendi", "lokacioni", "mesto", "lokacija", "место", "локација"),
    ),
    TargetField(
        "community",
        # L10N: an import's column: the community (Albanian, Serb, Roma…) participants came from
        N_("Community of the participants"),
        ("community", "komuniteti", "zajednica", "заједница"),
    ),
    TargetField(
        "women",
        N_("Women"),
        ("female", "f", "gra", "grate", "femra", "zene", "žene", "жене"),
    ),
    TargetField(
        "men",
        N_("Men"),
        ("male", "m", "burra", "burrat", "meshkuj", "muskarci", "muškarci", "мушкарци"),
    ),
    TargetField(
        "other_gender",
        # L10N: an import's column: participants of another gender or who did not say
        N_("Other gender or not stated"),
        ("other", "tjeter", "tjetër", "ostali", "ostalo", "остали"),
    ),
    TargetField(
        "participants_total",
        N_("Head&count (sign-in sheet)"),
        (
            "headcount",
            "total",
            "participants",
            "participants total",
            "pjesemarres",
            "pjesëmarrës gjithsej",
            "gjithsej",
            "ukupno",
            "broj učesnika",
            "učesnici",
            "укупно",
            "учесници",
        ),
    ),
    TargetField(
        "description",
        N_("Descr&iption"),
        ("pershkrimi", "përshkrimi", "opis", "опис"),
    ),
)
_SERVICE_FIELDS = {
    "project_id": "project",
    "activity_type_id": "activity_type",
    "municipality_id": "municipality",
}
_TEXT_FIELDS = (*TITLE_FIELDS, "venue", "description")
_IN_DATABASE = 0  # where a saved activity's key comes from: no spreadsheet row is 0
_DAYS_PER_QUERY = 500  # (project, date) pairs looked up per statement: 1,000 parameters


@dataclass
class _Context:
    kept: list[Any]  # the reference records, held so ``_checked``'s look-ups hit the session
    projects: dict[str, int]
    types: dict[str, int]
    municipalities: dict[str, int]
    communities: dict[str, str]  # folded spelling -> community code
    # (project id, start date) -> the titles stored on that day, folded when a row names it
    stored: dict[tuple[int, date], list[str]] = field(default_factory=dict)
    taken: dict[tuple[int, date, str], int] = field(default_factory=dict)  # key -> first row


@dataclass
class _NewActivity:
    """A row the service accepted: its number in the file and its checked values."""

    row: int
    checked: CheckedActivity
    # (title column, title, folded title) of each title given, folded once for ``check``
    # and ``run``
    titles: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class _Checked:
    """What ``check`` accepted, for ``run`` on the same table and mapping."""

    table: Table
    mapping: Mapping
    records: list[_NewActivity]
    days: list[tuple[int, date]]  # the (project, start date) pairs the file names
    stored: Counter[tuple[Any, ...]]  # the activities stored on them when they were checked


class ActivityImport(TableImport, ActivityService):
    """Reads rows into ``ActivityForm``s and lets the activity service judge them."""

    fields = ACTIVITY_FIELDS
    required = ("project", "activity_type", "start_date")

    def imported_message(self, count: int) -> str:
        return ngettext(
            "{count} activity was imported.", "{count} activities were imported.", count
        ).format(count=count)

    def _check_mapping(self, mapping: Mapping) -> None:
        super()._check_mapping(mapping)
        if all(mapping.get(key) is None for key in TITLE_FIELDS):
            raise ServiceError(
                _("Choose the column that holds the activities' titles, in at least one language.")
            )

    def _context(self, session: Session) -> _Context:
        """The records cells may name, and the titles stored on each (project, start date)
        pair the file names: only those can clash with a row, and the index on both
        columns (schema 0014) finds them without reading every stored activity."""
        context = self._references(session)
        table, mapping = self._reading
        days = sorted(_days_named(table, mapping, context))
        stored = _stored_on(session, days)
        for project_id, day, *titles in stored.elements():
            context.stored.setdefault((project_id, day), []).extend(filter(None, titles))
        self._days_seen = (days, stored)
        return context

    def _references(self, session: Session) -> _Context:
        """The indexes of the records a cell may name, without the stored titles.  Every
        project read here is in the user's scope, and the service is told so: checking
        the rows then sends no statement (the import's writer may own the connection)."""
        # another organisation's projects are unknown to a partner's user (services/scope.py)
        projects = session.scalars(
            select(Project).where(scope_condition(self.actor, Project.id))
        ).all()
        types = session.scalars(select(ActivityType)).all()
        places = session.scalars(select(Municipality)).all()
        communities = session.scalars(select(Community)).all()
        by_id = {community.id: community.code for community in communities}
        context = _Context(
            kept=[*projects, *types, *places, *communities],
            projects=spellings_index(
                (project.id, [project.code, *project.names().values()]) for project in projects
            ),
            types=reference_index(types),
            municipalities=reference_index(places),
            communities={
                spelling: by_id[community_id]
                for spelling, community_id in reference_index(communities).items()
            },
        )
        self._ready_to_check(session, context.projects.values())
        return context

    def _read_row(
        self, session: Session, context: _Context, row: SheetRow, mapping: Mapping
    ) -> tuple[_NewActivity | None, Problems]:
        def cell(key: str) -> str:
            return cell_of(row, mapping, key)

        problems: Problems = {}
        form = ActivityForm(**{key: cell(key) for key in _TEXT_FIELDS})
        form.project_id = _look_up(cell("project"), context.projects, "project", problems)
        form.activity_type_id = _look_up(
            cell("activity_type"), context.types, "activity_type", problems
        )
        form.municipality_id = _look_up(
            cell("municipality"), context.municipalities, "municipality", problems
        )
        form.start_date = _date(cell("start_date"), "start_date", problems)
        form.end_date = _date(cell("end_date"), "end_date", problems) or form.start_date
        form.participants_total = cell("participants_total")
        community = cell("community")
        code = context.communities.get(fold_value(community)) if community else None
        if community and code is None:
            problems["community"] = _("“{value}” is not a community.").format(value=community)
        lines: list[str] = []  # the column key of each participant line
        for key, gender in COUNT_FIELDS.items():
            text = cell(key)
            if not text:
                continue
            try:
                count = parse_count(text)
            except ValueError as error:
                problems[key] = str(error)
                continue
            form.participants.append(
                ParticipantLine(gender, AgeBand.UNKNOWN, code or UNDECLARED_COMMUNITY, count)
            )
            lines.append(key)
        try:
            checked = self._checked(session, form)
        except ValidationError as error:
            for name, message in error.errors.items():
                if name == "end_date" and not cell("end_date") and "start_date" in problems:
                    continue  # no end given: it is the start, whose problem is listed
                problems.setdefault(_field_key(name, mapping, lines), message)
            return None, problems
        if problems:
            return None, problems
        titles = [
            (column, checked.names[column], folded)
            for column, folded in checked.folded_names.items()
        ]
        record = _NewActivity(row.number, checked, titles)
        return record, self._claim(context, record)

    @staticmethod
    def _claim(context: _Context, record: _NewActivity) -> Problems:
        """The problem that makes ``record`` a duplicate, if any; its key is then taken."""
        problems: Problems = {}
        day = (record.checked.project_id, record.checked.start_date)
        for stored in context.stored.pop(day, ()):  # folded once, when a row first names it
            context.taken.setdefault((*day, fold(stored)), _IN_DATABASE)
        for column, title, folded in record.titles:
            first = context.taken.setdefault((*day, folded), record.row)
            if first != record.row and not problems:
                problems[column] = (
                    _(
                        "The project already has an activity “{title}” on this date in CSO Desk."
                    ).format(title=title)
                    if first == _IN_DATABASE
                    else _("Row {row} has the same project, date and title.").format(row=first)
                )
        return problems

    def _checking(
        self,
        session: Session,
        table: Table,
        mapping: Mapping,
        ticker: ProgressTicker,
        errors: list[RowError],
    ) -> Iterator[Any]:
        self._reading = (table, mapping)
        return super()._checking(session, table, mapping, ticker, errors)

    def _save_as_checked(
        self,
        session: Session,
        checked: Iterator[Any],
        errors: list[RowError],
        ticker: ProgressTicker,
    ) -> int:
        """Each row is stored while the next ones are checked (on SQLite by the writer's
        thread, ``saving.insert_new_activities``), until a row has a problem: the rest are
        then only checked, for the list of problems, and ``run`` undoes what was stored."""

        def passed() -> Iterator[CheckedActivity]:
            for record in checked:
                if not errors:
                    yield record.checked

        return insert_new_activities(session, self.actor, passed(), ticker)

    def _remember(self, table: Table, mapping: Mapping, records: list[Any] | None) -> None:
        self._accepted = (
            None if records is None else _Checked(table, dict(mapping), records, *self._days_seen)
        )

    def _still_valid(
        self, session: Session, table: Table, mapping: Mapping, ticker: ProgressTicker
    ) -> list[Any] | None:
        """The rows ``check`` accepted from this very table and mapping, if the database
        still lets each through: no activity added, changed or deleted since on the
        (project, start date) pairs the file names (so no title newly taken: only those can
        clash, and reading them again through their index costs far less than a look at
        every activity), and its project (in the user's scope), type, municipality and
        communities still there."""
        accepted: _Checked | None = getattr(self, "_accepted", None)
        self._accepted = None
        if accepted is None or accepted.table is not table or accepted.mapping != mapping:
            return None
        if _stored_on(session, accepted.days) != accepted.stored:
            return None  # an activity on one of the file's days was added, changed or deleted
        context = self._references(session)
        projects = set(context.projects.values())
        types = set(context.types.values())
        places = {*context.municipalities.values(), None}
        codes = set(context.communities.values())
        for record in accepted.records:
            checked = record.checked
            if (
                checked.project_id not in projects
                or checked.activity_type_id not in types
                or checked.municipality_id not in places
                or any(community.code not in codes for _g, _a, community in checked.cells)
            ):
                return None
            ticker.step()
        return accepted.records

    def _save(self, session: Session, records: list[_NewActivity], ticker: ProgressTicker) -> None:
        """Insert the activities, each with the audit entry the form writes (its columns and
        its breakdown), then their participant counts (``saving.insert_new_activities``)."""
        insert_new_activities(session, self.actor, [record.checked for record in records], ticker)


def _stored_on(session: Session, days: list[tuple[int, date]]) -> Counter[tuple[Any, ...]]:
    """The (project id, start date, titles…) of every stored activity on ``days``, read
    ``_DAYS_PER_QUERY`` pairs a statement (``_stored_titles``)."""
    stored: Counter[tuple[Any, ...]] = Counter()
    for start in range(0, len(days), _DAYS_PER_QUERY):
        batch = days[start : start + _DAYS_PER_QUERY]
        named: dict[str, Any] = {}
        for n, (project_id, day) in enumerate(batch):
            named[f"project_{n}"] = project_id
            named[f"day_{n}"] = day
        stored.update(tuple(row) for row in session.execute(_stored_titles(len(batch)), named))
    return stored


def _title_columns() -> list[Any]:
    return [getattr(Activity, column) for column in TITLE_FIELDS]


def _days_named(table: Table, mapping: Mapping, context: _Context) -> set[tuple[int, date]]:
    """The (project id, start date) pairs of the file's rows, read as ``_read_row`` reads
    the two cells; a row whose project or date cannot be read names none."""
    days = set()
    for row in table.rows:
        project = cell_of(row, mapping, "project")
        start = cell_of(row, mapping, "start_date")
        project_id = context.projects.get(fold_value(project)) if project else None
        if project_id is None or not start:
            continue
        try:
            days.add((project_id, read_date(start)))
        except ValueError:
            continue
    return days


@lru_cache(maxsize=2)  # a full batch, and the last one
def _stored_titles(count: int) -> TextClause:
    """The project, start date and titles of the activities on ``count`` (project, date)
    pairs (``project_<n>``, ``day_<n>``): one index search a pair
    (``ix_activities_project_day``).  The pairs are a table of constants, a CTE (SQLite
    cannot name the columns of a VALUES subquery), since ``(project_id, start_date) IN
    (…)`` makes SQLite read the whole table; written as text, because SQLAlchemy's
    ``values()`` took longer to compile than the look-ups took to run."""
    pairs = ", ".join(f"(:project_{n}, :day_{n})" for n in range(count))
    titles = ", ".join(f"a.{title}" for title in TITLE_FIELDS)
    statement = text(
        f"WITH days (project_id, start_date) AS (VALUES {pairs}) "
        f"SELECT a.project_id, a.start_date, {titles} FROM days JOIN activities a "
        "ON a.project_id = days.project_id AND a.start_date = days.start_date"
    )
    days = (bindparam(f"day_{n}", type_=sa.Date) for n in range(count))
    return statement.bindparams(*days).columns(
        Activity.project_id, Activity.start_date, *_title_columns()
    )


def _look_up(text: str, index: dict[str, int], key: str, problems: Problems) -> int | None:
    """The id ``text`` names in ``index``; a problem on ``key`` when it names none."""
    if not text:
        return None
    found = index.get(fold_value(text))
    if found is None:
        problems[key] = {
            "project": _("No project has the code or name “{value}”."),
            "activity_type": _("“{value}” is not a type of activity."),
            "municipality": _("“{value}” is not a municipality of Kosovo."),
        }[key].format(value=text)
    return found


def _date(text: str, key: str, problems: Problems) -> date | None:
    if not text:
        return None
    try:
        return read_date(text)
    except ValueError:
        problems[key] = date_problem(text)
        return None


def _field_key(name: str, mapping: Mapping, lines: list[str]) -> str:
    """The import's field for a problem the activity service reports on ``name``."""
    if name in _SERVICE_FIELDS:
        return _SERVICE_FIELDS[name]
    if name == "name_en":
        return first_mapped(mapping, TITLE_FIELDS)
    if name.startswith("participants["):
        number = int(name.removeprefix("participants[").split("]")[0])
        return lines[number] if number < len(lines) else "women"
    return name
