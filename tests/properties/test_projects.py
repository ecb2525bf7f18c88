"""Random and hostile input to the projects service."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import Project
from desktop.domain.project import PartnerRole, ProjectStatus
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database
from tests.properties.harness import assert_text_kept, attempt, first_id, succeeded
from tests.properties.strategies import enum_values, forms, ids, list_queries

_codes = itertools.count(1)
_PARTNERS = st.lists(
    st.tuples(st.one_of(ids(), st.integers(1, 12)), enum_values(PartnerRole)), max_size=3
)
_TEXTS = ("code", "name_en", "name_sq", "name_sr", "name_sr_latn", "summary")


def _baseline() -> ProjectForm:
    return ProjectForm(
        code=f"PBT-{next(_codes)}",
        name_en="Safer streets in Zveçan",
        name_sr="Безбедније улице у Звечану",
        start_date="2026-01-01",
        end_date="2026-12-31",
        partners=[],
    )


def test_create_keeps_the_properties(demo_db: Database) -> None:
    service = ProjectService(demo_db)

    @given(forms(_baseline, {"partners": _PARTNERS}))
    def check(form: ProjectForm) -> None:
        created = attempt(demo_db, lambda: service.create(form))
        if succeeded(created):
            details = service.get(created)
            assert_text_kept(form, details.form, _TEXTS)
            rows = service.page(ListQuery(search=details.form.code, include_archived=True))
            assert created in [row.id for row in rows]

    check()


def test_update_keeps_the_properties(demo_db: Database) -> None:
    service = ProjectService(demo_db)
    project_id = first_id(demo_db, Project)

    @given(forms(lambda: service.get(project_id).form, {"partners": _PARTNERS}))
    def check(form: ProjectForm) -> None:
        version = service.get(project_id).version
        if succeeded(attempt(demo_db, lambda: service.update(project_id, form, version))):
            assert_text_kept(form, service.get(project_id).form, _TEXTS)

    check()


def test_records_that_are_not_there(demo_db: Database) -> None:
    service = ProjectService(demo_db)

    @given(ids(), st.sampled_from(("get", "archive", "restore", "update")))
    def check(record_id: object, action: str) -> None:
        calls = {
            "get": lambda: service.get(record_id),
            "archive": lambda: service.archive(record_id),
            "restore": lambda: service.restore(record_id),
            "update": lambda: service.update(record_id, _baseline(), 1),
        }
        attempt(demo_db, calls[action])

    check()


def test_search_and_filters(demo_db: Database) -> None:
    service = ProjectService(demo_db)
    filters = {
        "status": enum_values(ProjectStatus),
        "lead_organisation_id": ids(),
        "municipality_id": st.one_of(ids(), st.lists(ids(), max_size=3)),
    }

    @given(list_queries(filters))
    def check(query: ListQuery) -> None:
        attempt(demo_db, lambda: (service.count(query), service.page(query, 0, 20)))

    check()
