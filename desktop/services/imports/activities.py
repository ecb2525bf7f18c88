"""Activities with their participants from a CSV or XLSX list, all of them or none.

One row is one activity, laid out as offices keep their activity logs in Excel: project
(its code or its name in any language), type, title in one or more languages, start and
end date, municipality, venue, the community the participants came from, how many women,
men and people of another or unstated gender came, and the headcount from the sign-in
sheet.  The counts are recorded with the age band unknown: a flat list has no room for
age, and a number typed under the wrong band would be worse than none.

Each row becomes an ``ActivityForm`` that the activity service itself judges, so an
imported activity is one the form would have saved.  An activity counts as already known
when the same project has an activity on the same start date with the same title in any
language (compared without accents, case or script).
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.domain.activity import (
    PARTICIPANT_SUM_COLUMNS,
    TITLE_KEY_COLUMNS,
    Activity,
    AgeBand,
    ParticipantCount,
)
from desktop.domain.base import utcnow
from desktop.domain.multilingual import NAME_LANGUAGES, name_column
from desktop.domain.person import Gender
from desktop.domain.project import Project
from desktop.domain.reference import ActivityType, Community, Municipality
from desktop.i18n import N_, _, ngettext
from desktop.services.activities import ActivityForm, ActivityService, ParticipantLine, parse_count
from desktop.services.errors import ServiceError, ValidationError
from desktop.services.imports.base import ProgressTicker
from desktop.services.imports.lookups import (
    cell_of,
    first_mapped,
    fold_value,
    reference_index,
    spellings_index,
)
from desktop.services.imports.mapping import Mapping, TargetField
from desktop.services.imports.reading import SheetRow
from desktop.services.imports.saving import (
    SAVE_BATCH,
    insert_audited,
    refresh_statistics,
    tracked_row,
)
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
_SAVED_ATTRIBUTES = (
    *TITLE_FIELDS,
    "project_id",
    "activity_type_id",
    "municipality_id",
    "carried_out_by_id",
    "start_date",
    "end_date",
    "venue",
    "description",
    "problems",
    "participants_total",
    *PARTICIPANT_SUM_COLUMNS,  # set by the service's _apply with the breakdown
    "search_key",
    *TITLE_KEY_COLUMNS.values(),  # set by the service's _apply with the titles
)
_COUNT_ATTRIBUTES = ("activity_id", "gender", "age_band", "community_id", "count")
_IN_DATABASE = 0  # where a saved activity's key comes from: no spreadsheet row is 0


@dataclass
class _Context:
    kept: list[Any]  # the reference records, held so ``_apply``'s look-ups hit the session
    projects: dict[str, int]
    types: dict[str, int]
    municipalities: dict[str, int]
    communities: dict[str, str]  # folded spelling -> community code
    taken: dict[tuple[int, date, str], int] = field(default_factory=dict)  # key -> first row


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
        statement = select(Activity.project_id, Activity.start_date, *_title_columns())
        for project_id, start, *titles in session.execute(statement):
            for title in titles:
                if title:
                    context.taken.setdefault((project_id, start, fold_value(title)), _IN_DATABASE)
        return context

    def _read_row(
        self, session: Session, context: _Context, row: SheetRow, mapping: Mapping
    ) -> tuple[Activity | None, Problems]:
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
        activity = Activity()
        try:
            self._apply(session, activity, form)
        except ValidationError as error:
            for name, message in error.errors.items():
                if name == "end_date" and not cell("end_date") and "start_date" in problems:
                    continue  # no end given: it is the start, whose problem is listed
                problems.setdefault(_field_key(name, mapping, lines), message)
        if problems:
            return None, problems
        return activity, self._claim(context, row.number, activity)

    @staticmethod
    def _claim(context: _Context, row: int, activity: Activity) -> Problems:
        """The problem that makes ``activity`` a duplicate, if any; its key is then taken."""
        problems: Problems = {}
        for column in TITLE_FIELDS:
            title = getattr(activity, column)
            if not title:
                continue
            key = (activity.project_id, activity.start_date, fold_value(title))
            first = context.taken.setdefault(key, row)
            if first != row and not problems:
                problems[column] = (
                    _(
                        "The project already has an activity “{title}” on this date in CSO Desk."
                    ).format(title=title)
                    if first == _IN_DATABASE
                    else _("Row {row} has the same project, date and title.").format(row=first)
                )
        return problems

    def _save(self, session: Session, records: list[Activity], ticker: ProgressTicker) -> None:
        """Insert the activities in batches, each with the audit entry the form writes (its
        columns and its breakdown), then their participant counts."""
        now = utcnow()
        insert_audited(
            session,
            self.actor,
            Activity,
            records,
            _SAVED_ATTRIBUTES,
            now,
            ticker,
            state=self._state,
        )
        refresh_statistics(session, Activity)
        rows = []
        for activity in records:
            for line in activity.participants:
                line.activity_id = activity.id
                line.community_id = line.community.id
                rows.append(tracked_row(line, _COUNT_ATTRIBUTES, now))
        for start in range(0, len(rows), SAVE_BATCH):
            session.execute(insert(ParticipantCount), rows[start : start + SAVE_BATCH])


def _title_columns() -> list[Any]:
    return [getattr(Activity, column) for column in TITLE_FIELDS]


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
