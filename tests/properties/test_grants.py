"""Random and hostile input to a grant and its parts: budget lines, instalments,
expenditures and reporting periods with their narratives."""

import itertools
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import BudgetLine, Expenditure, Grant, Instalment, ReportingPeriod
from desktop.domain.period import NarrativeSection
from desktop.services.budget import BudgetService
from desktop.services.expenditures import ExpenditureService
from desktop.services.grants import GrantService
from desktop.services.instalments import InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodService
from desktop.store.database import Database
from tests.properties.harness import assert_text_kept, attempt, first_id, succeeded
from tests.properties.strategies import (
    enum_values,
    forms,
    hostile_text,
    ids,
    languages,
    list_queries,
)

_numbers = itertools.count(1)

_NARRATIVES = st.dictionaries(
    st.tuples(enum_values(NarrativeSection), languages()), hostile_text(), max_size=3
)


def _create_or_update(
    db: Database, service: Any, record_id: int, form: Any, update: bool, create: Any
) -> Any:
    """Update the demo's record with ``form``, or create a new one; the id saved, or the
    refusal."""
    if update:
        version = service.get(record_id).version
        outcome = attempt(db, lambda: service.update(record_id, form, version))
        return record_id if succeeded(outcome) else outcome
    return attempt(db, lambda: create(form))


def test_grant_create_and_update(demo_db: Database) -> None:
    service = GrantService(demo_db)
    grant_id = first_id(demo_db, Grant)

    def baseline() -> Any:
        return replace(service.get(grant_id).form, contract_number=f"PBT/{next(_numbers)}")

    @given(forms(baseline), st.booleans())
    def check(form: Any, update: bool) -> None:
        saved = _create_or_update(demo_db, service, grant_id, form, update, service.create)
        if succeeded(saved):
            assert_text_kept(form, service.get(saved).form, ("contract_number", "title", "notes"))
            service.page(ListQuery(search=form.contract_number[:60], include_archived=True))
            service.periods(saved)

    check()


def test_budget_line_create_and_update(demo_db: Database) -> None:
    service = BudgetService(demo_db)
    line_id = first_id(demo_db, BudgetLine)
    grant_id = service.get(line_id).grant_id

    def baseline() -> Any:
        return replace(service.get(line_id).form, code=f"9.{next(_numbers)}")

    @given(forms(baseline), st.booleans())
    def check(form: Any, update: bool) -> None:
        saved = _create_or_update(
            demo_db, service, line_id, form, update, lambda f: service.create(grant_id, f)
        )
        if succeeded(saved):
            assert_text_kept(form, service.get(saved).form, ("code", "description", "unit"))
            service.lines(grant_id, "sq")

    check()


def test_instalment_create_and_update(demo_db: Database) -> None:
    service = InstalmentService(demo_db)
    instalment_id = first_id(demo_db, Instalment)
    grant_id = service.get(instalment_id).grant_id

    def baseline() -> Any:
        return replace(service.get(instalment_id).form, number=service.next_number(grant_id))

    @given(forms(baseline), st.booleans())
    def check(form: Any, update: bool) -> None:
        saved = _create_or_update(
            demo_db, service, instalment_id, form, update, lambda f: service.create(grant_id, f)
        )
        if succeeded(saved):
            service.instalments(grant_id)

    check()


def test_expenditure_create_and_update(demo_db: Database) -> None:
    service = ExpenditureService(demo_db)
    expenditure_id = first_id(demo_db, Expenditure)
    grant_id = service.get(expenditure_id).grant_id

    @given(forms(lambda: service.get(expenditure_id).form), st.booleans())
    def check(form: Any, update: bool) -> None:
        saved = _create_or_update(
            demo_db, service, expenditure_id, form, update, lambda f: service.create(grant_id, f)
        )
        if succeeded(saved):
            texts = ("description", "supplier", "invoice_reference")
            assert_text_kept(form, service.get(saved).form, texts)
            query = ListQuery(search=form.description[:60])
            service.count(grant_id, query)
            service.total(grant_id, query)

    check()


def test_period_create_and_update(demo_db: Database) -> None:
    service = PeriodService(demo_db)
    period_id = first_id(demo_db, ReportingPeriod)
    grant_id = service.get(period_id).grant_id

    def baseline() -> Any:
        return replace(service.get(period_id).form, label=f"P-{next(_numbers)}")

    @given(forms(baseline, {"narratives": _NARRATIVES}), st.booleans())
    def check(form: Any, update: bool) -> None:
        saved = _create_or_update(
            demo_db, service, period_id, form, update, lambda f: service.create(grant_id, f)
        )
        if succeeded(saved):
            assert_text_kept(form, service.get(saved).form, ("label",))
            service.periods(grant_id)

    check()


def test_records_that_are_not_there(demo_db: Database) -> None:
    grants = GrantService(demo_db)
    budget = BudgetService(demo_db)
    instalments = InstalmentService(demo_db)
    expenditures = ExpenditureService(demo_db)
    periods = PeriodService(demo_db)
    grant_id = first_id(demo_db, Grant)
    calls = (
        lambda record_id, text: grants.get(record_id),
        lambda record_id, text: grants.archive(record_id),
        lambda record_id, text: grants.periods(record_id),
        lambda record_id, text: grants.find(text),
        lambda record_id, text: grants.find_period(grant_id, text),
        lambda record_id, text: grants.find_period(record_id, "2026-Q1"),
        lambda record_id, text: grants.project_choices(text),
        lambda record_id, text: budget.lines(record_id, "en"),
        lambda record_id, text: budget.get(record_id),
        lambda record_id, text: budget.delete(record_id, 1),
        lambda record_id, text: budget.heading_choices(record_id, "en"),
        lambda record_id, text: instalments.instalments(record_id),
        lambda record_id, text: instalments.next_number(record_id),
        lambda record_id, text: instalments.delete(record_id, 1),
        lambda record_id, text: expenditures.get(record_id),
        lambda record_id, text: expenditures.delete(record_id, 1),
        lambda record_id, text: expenditures.count(record_id, ListQuery(search=text)),
        lambda record_id, text: periods.get(record_id),
        lambda record_id, text: periods.periods(record_id),
        lambda record_id, text: periods.delete(record_id, 1),
        lambda record_id, text: periods.generate_quarters(record_id),
    )

    @given(ids(), st.sampled_from(range(len(calls))), st.one_of(hostile_text(), languages()))
    def check(record_id: Any, call: int, text: str) -> None:
        attempt(demo_db, lambda: calls[call](record_id, text))

    check()


def test_search_and_filters(demo_db: Database) -> None:
    grants = GrantService(demo_db)
    expenditures = ExpenditureService(demo_db)
    grant_id = first_id(demo_db, Grant)
    grant_queries = list_queries(
        {"project_id": ids(), "donor_id": ids(), "currency": hostile_text()},
        sorts=("contract_number", "start_date", "amount", "name"),
    )
    expenditure_queries = list_queries(
        {"budget_line": ids(), "heading": ids(), "period": ids()},
        sorts=("spent_on", "amount", "supplier"),
    )

    @given(grant_queries, expenditure_queries)
    def check(grant_query: ListQuery, expenditure_query: ListQuery) -> None:
        attempt(demo_db, lambda: (grants.count(grant_query), grants.page(grant_query, 0, 20)))
        attempt(
            demo_db,
            lambda: (
                expenditures.count(grant_id, expenditure_query),
                expenditures.page(grant_id, expenditure_query, 0, 20),
                expenditures.total(grant_id, expenditure_query),
            ),
        )

    check()
