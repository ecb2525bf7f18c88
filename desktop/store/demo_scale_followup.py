"""What follows from the benchmark office's work: a results framework per project whose
participant indicators add up to the activities' counts, the narratives of a few past
quarters, research outputs linked to the indicators they verify, and community-safety
cases with their status history and follow-up actions.
"""

import random
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from math import ceil
from typing import Any

from desktop.domain import (
    Case,
    CaseAction,
    CaseStatus,
    CaseStatusChange,
    Indicator,
    IndicatorValue,
    NarrativeSection,
    NarrativeText,
    OutputStatus,
    ParticipantRollup,
    ResearchOutput,
    Result,
    ResultLevel,
    ValueStatus,
)
from desktop.domain.results import research_output_indicators
from desktop.domain.search import case_search_key, research_search_key
from desktop.store import demo_content as story
from desktop.store import demo_scale_content as words
from desktop.store.demo_content import Names
from desktop.store.demo_scale_activities import Tally
from desktop.store.demo_scale_office import (
    FIRST_MONTH,
    TODAY,
    Office,
    OfficeProject,
    Period,
    Place,
)
from desktop.store.demo_scale_rows import (
    BATCH,
    RowWriter,
    day_between,
    filled,
    name_columns,
    weighted,
)

_SECTIONS = (NarrativeSection.SUMMARY, NarrativeSection.CHALLENGES, NarrativeSection.NEXT_STEPS)
# Each project's logframe: (code, level, parent code).
_LOGFRAME = (
    ("OO", ResultLevel.OBJECTIVE, None),
    ("OC1", ResultLevel.OUTCOME, "OO"),
    ("OC2", ResultLevel.OUTCOME, "OO"),
    ("OP1.1", ResultLevel.OUTPUT, "OC1"),
    ("OP1.2", ResultLevel.OUTPUT, "OC1"),
    ("OP2.1", ResultLevel.OUTPUT, "OC2"),
)
# Its indicators: (result code, code, roll-up, which of the project's activity kinds).
_INDICATORS = (
    ("OO", "OO.1", ParticipantRollup.NONE, 0),
    ("OC1", "OC1.1", ParticipantRollup.ALL, 0),
    ("OC1", "OC1.2", ParticipantRollup.WOMEN, 0),
    ("OC2", "OC2.1", ParticipantRollup.NONE, 0),
    ("OP1.1", "OP1.1.1", ParticipantRollup.YOUTH, 1),
    ("OP2.1", "OP2.1.1", ParticipantRollup.NONE, 0),
)
VERIFIED_BY_RESEARCH = "OP2.1.1"
_MEASURES = {
    ParticipantRollup.ALL: Tally.PARTICIPANTS,
    ParticipantRollup.WOMEN: Tally.WOMEN,
    ParticipantRollup.MEN: Tally.MEN,
    ParticipantRollup.YOUTH: Tally.YOUTH,
}
_MANUAL_INDICATORS = tuple(
    seed for seed in story.INDICATORS if not isinstance(seed.values, story.Rollup)
)
_LATEST_STATUSES = {ValueStatus.SUBMITTED: 45, ValueStatus.DRAFT: 35, ValueStatus.RETURNED: 20}
_OUTPUT_STATUSES = {
    OutputStatus.PUBLISHED: 55,
    OutputStatus.IN_REVIEW: 15,
    OutputStatus.DRAFTING: 15,
    OutputStatus.PLANNED: 15,
}
# After opening: days until referred, in progress, resolved and closed (lowest, highest).
_CASE_STEPS = (
    (CaseStatus.REFERRED, (0, 7)),
    (CaseStatus.IN_PROGRESS, (5, 40)),
    (CaseStatus.RESOLVED, (10, 90)),
    (CaseStatus.CLOSED, (14, 60)),
)


# -- results framework -----------------------------------------------------------------------


def write_results(rows: RowWriter, rng: random.Random, office: Office, tally: Tally) -> dict:
    """Objective, outcomes, outputs and indicators per project, with a value for every
    quarter already over; returns each project's indicator that research verifies."""
    pools = {
        level: [seed.names for seed in story.RESULTS if seed.level == level]
        for level in ResultLevel
    }
    results, indicators, values = [], [], []
    verified: dict[int, int] = {}  # project id -> indicator id
    for project in office.projects:
        chosen = {
            ResultLevel.OBJECTIVE: rng.sample(pools[ResultLevel.OBJECTIVE], 1),
            ResultLevel.OUTCOME: rng.sample(pools[ResultLevel.OUTCOME], 2),
            ResultLevel.OUTPUT: rng.sample(pools[ResultLevel.OUTPUT], 3),
        }
        keys: dict[str, int] = {}
        for order, (code, level, parent) in enumerate(_LOGFRAME):
            row = rows.tracked(
                Result,
                **name_columns(chosen[level].pop()),
                project_id=project.id,
                parent_id=keys.get(parent) if parent else None,
                level=level,
                code=code,
                sort_order=order,
            )
            results.append(row)
            keys[code] = row["id"]
        past = [period for period in project.periods if period.end < TODAY]
        for result, code, rollup, kind in _INDICATORS:
            figures, indicator = _indicator(rows, rng, office, tally, project, past, rollup, kind)
            indicator.update(result_id=keys[result], code=code)
            indicators.append(indicator)
            values += [
                _value(rows, rng, office, indicator["id"], period, figure, period is past[-1])
                for period, figure in zip(past, figures, strict=True)
            ]
            if code == VERIFIED_BY_RESEARCH:
                verified[project.id] = indicator["id"]
    rows.insert(Result, results)
    rows.insert(Indicator, indicators)
    rows.insert(IndicatorValue, values)
    return verified


def _indicator(
    rows: RowWriter,
    rng: random.Random,
    office: Office,
    tally: Tally,
    project: OfficeProject,
    past: list[Period],
    rollup: ParticipantRollup,
    kind: int,
) -> tuple[list[int], dict[str, Any]]:
    """An indicator and its figure per past quarter: entered by hand, or counted from the
    participants of one of the project's activity types exactly as the activities tallied."""
    if rollup == ParticipantRollup.NONE:
        seed = rng.choice(_MANUAL_INDICATORS)
        names, unit, verification, type_id = seed.names, seed.unit, seed.verification, None
        figures = [rng.randint(0, 5) for _ in past]
        target = max(sum(figures) + 2, ceil(sum(figures) * 1.4))
    else:
        activity_type = story.ACTIVITY_KINDS[project.kinds[kind]].activity_type
        type_id, type_names = office.activity_types[activity_type]
        names = filled(words.ROLLUP_INDICATOR_NAMES[rollup.value], False, t=type_names)
        unit, verification = "people", words.ROLLUP_VERIFICATION
        figures = [
            tally.get(project.index, period.label, type_id, _MEASURES[rollup]) for period in past
        ]
        target = max(10, ceil(sum(figures) * rng.uniform(1.1, 1.6) / 10) * 10)
    return figures, rows.tracked(
        Indicator,
        **name_columns(names),
        result_id=0,
        code="",
        unit=unit,
        baseline=Decimal(0),
        target=Decimal(target),
        means_of_verification=verification,
        rollup=rollup,
        rollup_activity_type_id=type_id,
    )


def _value(
    rows: RowWriter,
    rng: random.Random,
    office: Office,
    indicator_id: int,
    period: Period,
    figure: int,
    latest: bool,
) -> dict[str, Any]:
    """Earlier quarters are approved; the latest is submitted, still a draft or returned."""
    status = weighted(rng, _LATEST_STATUSES) if latest else ValueStatus.APPROVED
    reviewed = status in (ValueStatus.APPROVED, ValueStatus.RETURNED)
    returned = status == ValueStatus.RETURNED
    return rows.tracked(
        IndicatorValue,
        indicator_id=indicator_id,
        period_id=period.id,
        value=Decimal(figure),
        status=status,
        comment=rng.choice(words.RETURNED_COMMENTS) if returned else None,
        reviewed_by_id=office.admin_id if reviewed else None,
        reviewed_at=datetime.combine(period.due_on, time(10), tzinfo=UTC) if reviewed else None,
    )


def write_narratives(rows: RowWriter, rng: random.Random, office: Office, tally: Tally) -> None:
    """One past quarter in ten has its report written: in English, often in Albanian,
    sometimes in Serbian; the summary quotes the quarter's real figures."""
    texts = []
    for project in office.projects:
        for period in project.periods:
            if period.end >= TODAY or rng.random() >= 0.1:
                continue
            languages = ["en"]
            languages += [
                code for code, share in (("sq", 0.6), ("sr", 0.3)) if rng.random() < share
            ]
            figures = {
                name: tally.get(project.index, period.label, None, measure)
                for name, measure in (
                    ("activities", Tally.ACTIVITIES),
                    ("participants", Tally.PARTICIPANTS),
                    ("women", Tally.WOMEN),
                )
            }
            for language in languages:
                places = ", ".join(getattr(place.names, language) for place in project.places)
                sections = (
                    words.NARRATIVE_SUMMARIES[language].format(
                        label=period.label, places=places, **figures
                    ),
                    rng.choice(words.NARRATIVE_CHALLENGES[language]),
                    rng.choice(words.NARRATIVE_NEXT_STEPS[language]),
                )
                texts += [
                    rows.tracked(
                        NarrativeText,
                        period_id=period.id,
                        section=section,
                        language=language,
                        text=text,
                    )
                    for section, text in zip(_SECTIONS, sections, strict=True)
                ]
    rows.insert(NarrativeText, texts)


# -- research --------------------------------------------------------------------------------


def write_research(
    rows: RowWriter, rng: random.Random, office: Office, wanted: int, verified: dict[int, int]
) -> None:
    """Reports, briefs and surveys of projects under way; published ones carry their
    identifiers, and all but the planned ones are linked to the indicator they verify."""
    started = [project for project in office.projects if project.start <= TODAY]
    outputs, links = [], []
    for number in range(1, wanted + 1):
        project = rng.choice(started) if rng.random() < 0.9 else None
        place = rng.choice(project.places if project else office.places)
        status = weighted(rng, _OUTPUT_STATUSES)
        published = None
        if status == OutputStatus.PUBLISHED:
            published = day_between(rng, project.start if project else FIRST_MONTH, TODAY)
        year = str((published or TODAY).year)
        names = filled(
            rng.choice(words.RESEARCH_TOPICS),
            rng.random() < 0.5,
            m=place.names,
            year=Names(year, year, year),
        )
        isbn = _isbn(rng) if published and rng.random() < 0.4 else None
        doi = f"10.5555/csodesk.{year}.{number:05d}" if published and rng.random() < 0.3 else None
        authors = "; ".join(rng.sample(office.authors, min(len(office.authors), rng.randint(1, 3))))
        publisher = project.partners[0] if project else office.organisations["psn"]
        publisher_name = office.organisation_names[publisher] if published else None
        row = rows.tracked(
            ResearchOutput,
            archived_at=None,
            **name_columns(names),
            project_id=project.id if project else None,
            output_type=weighted(rng, words.OUTPUT_TYPES),
            status=status,
            authors=authors,
            languages=weighted(rng, words.OUTPUT_LANGUAGES),
            published_on=published,
            publisher=publisher_name,
            place=place.names.en if published else None,
            isbn=isbn,
            doi=doi,
            url=f"https://library.example/outputs/{number}" if published else None,
            abstract=rng.choice(words.ABSTRACTS),
            search_key=research_search_key(isbn, doi, names, authors, publisher_name),
        )
        outputs.append(row)
        if project and status != OutputStatus.PLANNED and project.id in verified:
            links.append({"research_output_id": row["id"], "indicator_id": verified[project.id]})
    rows.insert(ResearchOutput, outputs)
    rows.insert(research_output_indicators, links)


def _isbn(rng: random.Random) -> str:
    """A valid ISBN-13 under Kosovo's group (978-9951)."""
    digits = f"9789951{rng.randint(0, 99_999):05d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10) % 10
    return f"{digits[:3]}-{digits[3:7]}-{digits[7:11]}-{digits[11]}-{check}"


# -- cases -----------------------------------------------------------------------------------


def write_cases(
    rows: RowWriter,
    rng: random.Random,
    office: Office,
    wanted: int,
    advance: Callable[[int], None],
) -> None:
    """Cases opened over three years, in the language of their place, each moved on as far
    as time allowed; committed a batch at a time."""
    numbers: Counter[int] = Counter()
    started = [project for project in office.projects if project.start <= TODAY]
    for first in range(0, wanted, BATCH):
        count = min(BATCH, wanted - first)
        cases, history, actions = [], [], []
        for _ in range(count):
            case, steps, follow_up = _case(rows, rng, office, started, numbers)
            cases.append(case)
            history += steps
            actions += follow_up
        with rows.connection.begin():
            rows.insert(Case, cases)
            rows.insert(CaseStatusChange, history)
            rows.insert(CaseAction, actions)
        advance(count)


def _case(
    rows: RowWriter,
    rng: random.Random,
    office: Office,
    projects: list[OfficeProject],
    numbers: Counter[int],
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    earliest = TODAY - timedelta(days=3 * 365)
    project = rng.choice(projects) if rng.random() < 0.7 else None
    opened = day_between(rng, max(earliest, project.start) if project else earliest, TODAY)
    place = rng.choice(project.places if project else office.places)
    category = weighted(rng, words.CASE_CATEGORIES)
    texts = words.CASE_TEXTS[category]
    language = _case_language(rng, place, texts)
    title, description = rng.choice(texts[language])
    raised_by = rng.choice(words.RAISED_BY[language])
    police = office.organisations["police"]
    draw = rng.random()
    referred_to = (
        office.councils.get(place.code, police) if draw < 0.5 else police if draw < 0.85 else None
    )
    numbers[opened.year] += 1
    reference = f"CS-{opened.year}-{numbers[opened.year]:05d}"
    case_id = rows.next_key(Case)
    steps = _history(rng, opened)
    status = steps[-1][0]
    resolved = [days for step, days in steps if step == CaseStatus.RESOLVED]
    case = rows.tracked(
        Case,
        archived_at=rows.now if status == CaseStatus.CLOSED and rng.random() < 0.1 else None,
        reference=reference,
        project_id=project.id if project else None,
        municipality_id=place.id,
        category=category,
        title=title,
        description=description,
        raised_by=raised_by,
        referred_to_id=referred_to,
        status=status,
        opened_on=opened,
        due_on=opened + timedelta(days=rng.choice((7, 14, 30, 45, 60, 90))),
        resolved_on=opened + timedelta(days=resolved[0]) if resolved else None,
        search_key=case_search_key(reference, title, place.names),
    )
    history = [
        rows.tracked(
            CaseStatusChange,
            case_id=case_id,
            status=step,
            # Office hours, one step an hour, so two steps on one day keep their order.
            changed_at=datetime.combine(opened + timedelta(days=days), time(9 + order), UTC),
            changed_by_id=office.admin_id,
            note=words.STATUS_NOTES[step][language],
        )
        for order, (step, days) in enumerate(steps)
    ]
    return case, history, _follow_up(rows, rng, case_id, opened, status)


def _case_language(rng: random.Random, place: Place, texts: dict[str, Any]) -> str:
    """Cases are written in the language of the place, where the category has one."""
    if place.code in words.SERB_MAJORITY:
        wanted = ("sr", "sr_cyrl") if rng.random() < 0.6 else ("sr_cyrl", "sr")
    else:
        wanted = ("sq", "en") if rng.random() < 0.55 else ("en", "sq")
    return next(language for language in (*wanted, "en", "sq", "sr") if language in texts)


def _history(rng: random.Random, opened: date) -> list[tuple[CaseStatus, int]]:
    """Open, then referred, in progress, resolved and closed, as far as time allowed."""
    age = (TODAY - opened).days
    steps, day = [(CaseStatus.OPEN, 0)], 0
    for status, (lowest, highest) in _CASE_STEPS:
        day += rng.randint(lowest, highest)
        if day > age or rng.random() < 0.2:
            break
        steps.append((status, day))
    return steps


def _follow_up(
    rows: RowWriter, rng: random.Random, case_id: int, opened: date, status: CaseStatus
) -> list[dict[str, Any]]:
    """Up to two agreed steps; done ones only on cases that were resolved."""
    actions = []
    for _ in range(rng.choices((0, 1, 2), (40, 40, 20))[0]):
        description, responsible = rng.choice(words.CASE_ACTIONS)
        due = opened + timedelta(days=rng.randint(7, 60))
        done = max(opened, due - timedelta(days=rng.randint(0, 5)))
        finished = status in (CaseStatus.RESOLVED, CaseStatus.CLOSED) and done <= TODAY
        actions.append(
            rows.tracked(
                CaseAction,
                case_id=case_id,
                description=description,
                responsible=responsible,
                due_on=due,
                done_on=done if finished else None,
            )
        )
    return actions
