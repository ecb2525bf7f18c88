"""Bugs the property tests (tests/properties) found, each kept as a plain example."""

import time

import pytest

from desktop.services.errors import NotFoundError, ServiceError, ValidationError
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.properties.harness import dump


def _form(**changes: object) -> ProjectForm:
    form = ProjectForm(
        code="KS-HOSTILE",
        name_en="Safer streets in Zveçan",
        start_date="2026-01-01",
        end_date="2026-12-31",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "not-a-status"),
        ("status", None),
        ("lead_organisation_id", 2**70),
        ("lead_organisation_id", "x"),
        ("municipality_ids", [2**70]),
        ("municipality_ids", ["x"]),
        ("thematic_area_ids", [999_999]),
        ("partners", [(2**64, "partner")]),
        ("partners", [(None, "no-such-role")]),
    ],
)
def test_a_value_no_record_or_list_holds_is_refused_beside_its_field(
    db: Database, field: str, value: object
) -> None:
    service = ProjectService(db)
    before = dump(db)
    with pytest.raises(ValidationError) as refused:
        service.create(_form(**{field: value}))
    assert list(refused.value.errors) == [field]
    assert dump(db) == before


@pytest.mark.parametrize("record_id", [None, 0, -1, 2**63, 2**70, "1", 1.5, True])
def test_an_id_that_names_no_record_is_not_found(db: Database, record_id: object) -> None:
    with pytest.raises(NotFoundError):
        ProjectService(db).get(record_id)  # type: ignore[arg-type]


def test_a_page_pasted_into_the_search_box_answers_at_once(db: Database) -> None:
    load_demo(db)
    service = ProjectService(db)
    pasted = "Mitrovica " + "Приштина Prishtinë \u202eevil\u202c 😀 " * 40_000
    started = time.monotonic()
    assert service.count(ListQuery(search=pasted)) == 0
    assert service.page(ListQuery(search=pasted)) == []
    assert time.monotonic() - started < 5
    assert service.count(ListQuery(search="Mitrovica " + "x" * 500)) == 0


def test_a_list_filtered_by_a_value_the_column_cannot_hold_is_empty(db: Database) -> None:
    load_demo(db)
    service = ProjectService(db)
    for name, value in (
        ("status", "not-a-status"),
        ("status", ["\x00", 3]),
        ("lead_organisation_id", 2**70),
        ("lead_organisation_id", "x"),
    ):
        assert service.count(ListQuery().with_filter(name, value)) == 0, (name, value)
        assert service.page(ListQuery().with_filter(name, value)) == []


def test_a_value_beyond_what_the_database_holds_is_a_refusal(db: Database) -> None:
    """An id beyond 64 bits is refused before it reaches the database."""
    service = ProjectService(db)
    before = dump(db)
    with pytest.raises(ServiceError):
        service.archive(2**70)
    assert dump(db) == before
