"""Random and hostile input to activities (with participants), the results framework
(results, indicators and their values), research outputs, and cases with their actions."""

import itertools
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import (
    Activity,
    Case,
    Indicator,
    IndicatorValue,
    Project,
    ReportingPeriod,
    ResearchOutput,
    Result,
)
from desktop.domain.activity import AgeBand
from desktop.domain.case import CaseCategory, CaseStatus
from desktop.domain.person import Gender
from desktop.domain.research import OutputStatus, OutputType
from desktop.services.activities import (
    ActivityFilters,
    ActivityService,
    ParticipantLine,
    parse_count,
)
from desktop.services.cases import ActionForm, CaseQuery, CaseService
from desktop.services.listing import ListQuery
from desktop.services.research import ResearchOutputService
from desktop.services.results import IndicatorValueService, ResultsService
from desktop.store.database import Database
from tests.properties.harness import assert_text_kept, attempt, first_id, succeeded
from tests.properties.strategies import (
    LANGUAGES,
    dates,
    enum_values,
    forms,
    hostile_text,
    ids,
    languages,
    list_queries,
    numbers,
)

_numbers = itertools.count(1)
_NAMES = ("name_en", "name_sq", "name_sr", "name_sr_latn")

_PARTICIPANTS = st.lists(
    st.builds(
        ParticipantLine,
        enum_values(Gender),
        enum_values(AgeBand),
        st.one_of(st.sampled_from(("K-ALB", "K-SRB", "K-TUR", "K-RAE")), hostile_text()),
        numbers(),
    ),
    max_size=4,
)


def _saved(db: Database, service: Any, record_id: int, form: Any, update: bool) -> Any:
    """Update the demo's record with ``form``, or create a new one from it."""
    if update:
        version = service.get(record_id).version
        outcome = attempt(db, lambda: service.update(record_id, form, version))
        return record_id if succeeded(outcome) else outcome
    return attempt(db, lambda: service.create(form))


def test_activity_create_and_update(demo_db: Database) -> None:
    service = ActivityService(demo_db)
    activity_id = first_id(demo_db, Activity)

    @given(forms(lambda: service.get(activity_id).form, {"participants": _PARTICIPANTS}))
    def check(form: Any) -> None:
        update = form.name_en.endswith("0")
        saved = _saved(demo_db, service, activity_id, form, update)
        if succeeded(saved):
            texts = (*_NAMES, "venue", "description", "problems")
            assert_text_kept(form, service.get(saved).form, texts)
            service.page(ListQuery(search=form.name_en[:60], include_archived=True))

    check()


def test_counts_of_people(demo_db: Database) -> None:
    @given(numbers())
    def check(value: Any) -> None:
        try:
            assert parse_count(value) >= 0
        except ValueError as error:
            assert str(error)

    check()


def test_result_and_indicator_create_and_update(demo_db: Database) -> None:
    service = ResultsService(demo_db)
    result_id = first_id(demo_db, Result)
    indicator_id = first_id(demo_db, Indicator)
    project_id = service.get_result(result_id).project_id

    def result_form() -> Any:
        return replace(service.get_result(result_id).form, code=f"R{next(_numbers)}")

    def indicator_form() -> Any:
        return replace(service.get_indicator(indicator_id).form, code=f"I{next(_numbers)}")

    @given(forms(result_form), forms(indicator_form), st.integers(0, 3))
    def check(result: Any, indicator: Any, action: int) -> None:
        if action == 0:
            version = service.get_result(result_id).version
            attempt(demo_db, lambda: service.update_result(result_id, result, version))
        elif action == 1:
            saved = attempt(demo_db, lambda: service.create_result(project_id, result))
            if succeeded(saved):
                assert_text_kept(result, service.get_result(saved).form, (*_NAMES, "code"))
        elif action == 2:
            version = service.get_indicator(indicator_id).version
            attempt(demo_db, lambda: service.update_indicator(indicator_id, indicator, version))
        else:
            saved = attempt(demo_db, lambda: service.create_indicator(indicator))
            if succeeded(saved):
                texts = (*_NAMES, "code", "unit", "means_of_verification")
                assert_text_kept(indicator, service.get_indicator(saved).form, texts)
        service.tree(project_id, "sr_Latn")

    check()


def test_indicator_values(demo_db: Database) -> None:
    service = IndicatorValueService(demo_db)
    indicator_id = first_id(demo_db, Indicator)
    period_id = first_id(demo_db, ReportingPeriod)
    value_id = first_id(demo_db, IndicatorValue)

    @given(
        st.one_of(st.just(indicator_id), ids()),
        st.one_of(st.just(period_id), ids()),
        numbers(),
        numbers(),
        numbers(),
        st.integers(0, 4),
        hostile_text(),
    )
    def check(
        indicator: Any, period: Any, value: Any, women: Any, men: Any, action: int, comment: str
    ) -> None:
        calls = (
            lambda: service.enter_value(indicator, period, value, None, women=women, men=men),
            lambda: service.submit_value(value_id, 1),
            lambda: service.return_value(value_id, comment, 1),
            lambda: service.reopen_value(indicator, 1),
            lambda: service.cell(indicator, period),
        )
        attempt(demo_db, calls[action])

    check()


def test_research_output_create_and_update(demo_db: Database) -> None:
    service = ResearchOutputService(demo_db)
    output_id = first_id(demo_db, ResearchOutput)
    overrides = {"languages": st.lists(languages(), max_size=4)}

    @given(forms(lambda: service.get(output_id).form, overrides), st.booleans())
    def check(form: Any, update: bool) -> None:
        saved = _saved(demo_db, service, output_id, form, update)
        if succeeded(saved):
            texts = (*_NAMES, "authors", "publisher", "place", "abstract")
            assert_text_kept(form, service.get(saved).form, texts)

    check()


def test_case_create_update_and_status(demo_db: Database) -> None:
    service = CaseService(demo_db)
    case_id = first_id(demo_db, Case)

    def baseline() -> Any:
        return replace(service.get(case_id).form, reference=f"PBT-{next(_numbers)}")

    @given(forms(baseline), st.integers(0, 2), enum_values(CaseStatus), hostile_text(), dates())
    def check(form: Any, action: int, status: Any, note: str, day: Any) -> None:
        if action == 2:
            version = service.get(case_id).version
            attempt(demo_db, lambda: service.change_status(case_id, status, note, version, day))
            return
        saved = _saved(demo_db, service, case_id, form, action == 0)
        if succeeded(saved):
            assert_text_kept(form, service.get(saved).form, ("reference", "title", "description"))
            service.history(saved)

    check()


def test_case_actions(demo_db: Database) -> None:
    service = CaseService(demo_db)
    case_id = first_id(demo_db, Case)
    baseline = ActionForm(description="Call the MCSC chair", due_on="2026-12-01")
    action_id = service.add_action(case_id, baseline)

    @given(forms(lambda: baseline), st.one_of(st.just(case_id), ids()), st.integers(0, 3), dates())
    def check(form: ActionForm, target: Any, action: int, day: Any) -> None:
        calls = (
            lambda: service.add_action(target, form),
            lambda: service.update_action(action_id, form, service.get_action(action_id).version),
            lambda: service.mark_action_done(target, 1, day),
            lambda: service.remove_action(target, 1),
        )
        if succeeded(attempt(demo_db, calls[action])):
            service.actions(case_id)

    check()


def test_records_that_are_not_there(demo_db: Database) -> None:
    activities = ActivityService(demo_db)
    results = ResultsService(demo_db)
    research = ResearchOutputService(demo_db)
    cases = CaseService(demo_db)
    calls = (
        lambda record_id, step: activities.get(record_id),
        lambda record_id, step: activities.archive(record_id),
        lambda record_id, step: results.get_result(record_id),
        lambda record_id, step: results.get_indicator(record_id),
        lambda record_id, step: results.remove_result(record_id, 1),
        lambda record_id, step: results.remove_indicator(record_id, 1),
        lambda record_id, step: results.shift_result(record_id, step),
        lambda record_id, step: results.tree(record_id, "en"),
        lambda record_id, step: results.grants(record_id),
        lambda record_id, step: research.get(record_id),
        lambda record_id, step: research.indicators(record_id, "sq"),
        lambda record_id, step: cases.get(record_id),
        lambda record_id, step: cases.actions(record_id),
        lambda record_id, step: cases.history(record_id),
        lambda record_id, step: cases.get_action(record_id),
        lambda record_id, step: cases.next_reference(step),
    )

    @given(ids(), st.sampled_from(range(len(calls))), st.one_of(ids(), st.integers(-3, 3)))
    def check(record_id: Any, call: int, step: Any) -> None:
        attempt(demo_db, lambda: calls[call](record_id, step))

    check()


def test_search_and_filters(demo_db: Database) -> None:
    activities = ActivityService(demo_db)
    research = ResearchOutputService(demo_db)
    cases = CaseService(demo_db)
    activity_queries = list_queries(
        {
            "project_id": ids(),
            "activity_type_id": ids(),
            "municipality_id": ids(),
            "period_id": ids(),
            "date_from": dates(),
            "date_to": dates(),
            "carried_out_by_id": ids(),
        },
        sorts=("start_date", "title", "municipality", "women", "men"),
    )
    research_queries = list_queries(
        {
            "output_type": enum_values(OutputType),
            "status": enum_values(OutputStatus),
            "project_id": ids(),
        },
        sorts=("name", "published_on", "status"),
    )
    case_queries = list_queries(
        {
            "status": st.one_of(enum_values(CaseStatus), st.lists(enum_values(CaseStatus))),
            "municipality_id": ids(),
            "category": enum_values(CaseCategory),
            "project_id": ids(),
            "overdue": st.booleans(),
        },
        sorts=("reference", "opened_on", "due_on", "status"),
        query_type=CaseQuery,
    )

    totals = st.builds(
        ActivityFilters,
        project_id=ids(),
        activity_type_id=ids(),
        municipality_id=ids(),
        period_id=ids(),
        date_from=dates(),
        date_to=dates(),
        carried_out_by_id=ids(),
    )

    @given(activity_queries, research_queries, case_queries, totals, languages())
    def check(
        activity: ListQuery, output: ListQuery, case: ListQuery, filters: Any, language: str
    ) -> None:
        for service, query in ((activities, activity), (research, output), (cases, case)):
            attempt(demo_db, lambda s=service, q=query: (s.count(q), s.page(q, 0, 20)))
        attempt(demo_db, lambda: activities.participant_totals(filters, language))

    check()


def test_lists_in_every_language(demo_db: Database) -> None:
    project_id = first_id(demo_db, Project)

    @given(st.sampled_from(LANGUAGES))
    def check(language: str) -> None:
        ResultsService(demo_db).tree(project_id, language)
        ActivityService(demo_db).project_choices(language)

    check()
