"""Bugs the property tests (tests/properties) found, each kept as a plain example."""

import time
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.domain import Case, Grant, ResearchOutput
from desktop.domain.case import CaseStatus
from desktop.domain.user import Role
from desktop.services.activities import ActivityFilters, ActivityService, parse_count
from desktop.services.attachments import AttachmentService
from desktop.services.audit_log import AuditLogService
from desktop.services.cases import CaseService
from desktop.services.errors import NotFoundError, ServiceError, ValidationError
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectForm, ProjectService
from desktop.services.research import ResearchOutputService
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.properties.harness import dump, first_id


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


def test_a_search_with_a_nul_finds_what_it_finds_without(db: Database) -> None:
    """PostgreSQL refuses NUL even in a search; the search box drops it as forms do."""
    load_demo(db)
    service = ProjectService(db)
    plain = service.count(ListQuery(search="Mitrovic"))
    assert plain > 0
    assert service.count(ListQuery(search="Mitro\x00vic")) == plain


def test_a_headcount_that_is_no_number_is_refused_in_words() -> None:
    for value in (Decimal("sNaN"), Decimal("NaN"), Decimal("Infinity"), float("inf")):
        with pytest.raises(ValueError, match="whole number"):
            parse_count(value)


def test_a_status_step_of_the_wrong_kind_is_refused_beside_its_field(db: Database) -> None:
    load_demo(db)
    service = CaseService(db)
    case_id = first_id(db, Case)
    version = service.get(case_id).version
    before = dump(db)
    with pytest.raises(ValidationError) as refused:
        service.change_status(case_id, "no-such-status", "", version)  # type: ignore[arg-type]
    assert list(refused.value.errors) == ["status"]
    with pytest.raises(ValidationError) as refused:
        service.change_status(
            case_id,
            CaseStatus.CLOSED,
            "Done.",
            version,
            "yesterday",  # type: ignore[arg-type]
        )
    assert "on" in refused.value.errors
    assert dump(db) == before


def test_filters_and_ids_of_the_wrong_type_find_nothing(db: Database) -> None:
    load_demo(db)
    grant_id = first_id(db, Grant)
    assert GrantService(db).periods("1") == []  # type: ignore[arg-type]
    assert GrantService(db).periods(grant_id)
    totals = ActivityService(db).participant_totals(
        ActivityFilters(date_from="2026-01-01", period_id="1")  # type: ignore[arg-type]
    )
    assert totals.overall.recorded == 0
    # a range whose end is no date (February the 30th) is not read month by month
    mangled_range = ActivityService(db).participant_totals(
        ActivityFilters(date_from=date(2026, 1, 1), date_to="2026-02-30")  # type: ignore[arg-type]
    )
    assert mangled_range.overall.recorded == 0
    moment_range = ActivityService(db).participant_totals(
        ActivityFilters(date_from=date(2000, 1, 1), date_to=datetime(2000, 1, 1, 5, 55))
    )
    assert moment_range.overall.recorded == 0
    with pytest.raises(NotFoundError):
        AttachmentService(db).export("1", Path("unused"))  # type: ignore[arg-type]
    audit_log = AuditLogService(db)
    assert audit_log.count(ListQuery().with_filter("entity_uuid", "not-a-uuid")) == 0
    assert audit_log.count(ListQuery().with_filter("username", "a\x00b")) == 0


def test_an_indicator_id_of_the_wrong_kind_is_refused(db: Database) -> None:
    load_demo(db)
    service = ResearchOutputService(db)
    output_id = first_id(db, ResearchOutput)
    opened = service.get(output_id)
    before = dump(db)
    with pytest.raises(ValidationError) as refused:
        service.update(output_id, replace(opened.form, indicator_ids=["x"]), opened.version)
    assert list(refused.value.errors) == ["indicator_ids"]
    assert dump(db) == before


def test_a_user_of_an_organisation_id_of_the_wrong_kind_is_refused(db: Database) -> None:
    before = dump(db)
    with pytest.raises(ValidationError) as refused:
        UserService(db).create(
            UserForm(
                username="vjosa",
                full_name="Vjosa Berisha",
                organisation_id=Decimal(2),  # type: ignore[arg-type]
            )
        )
    assert list(refused.value.errors) == ["organisation_id"]
    assert dump(db) == before


def test_a_name_cannot_turn_itself_around_with_direction_overrides(db: Database) -> None:
    """ "Arta Krasniqi\u202eevil" would read "Arta Krasniqilive" in the users list and the
    audit log: the override characters are dropped, the letters kept."""
    service = UserService(db)
    form = UserForm(
        username="arta", full_name="Arta Krasniqi\u202eevil\u2066", role=Role.STAFF, active=True
    )
    user_id = service.create(form, "Mitrovica-2026-north")
    assert service.details(user_id).form.full_name == "Arta Krasniqievil"
    project = ProjectService(db).create(
        _form(code="KS-\u202d01", name_en="Safer \u200fcommunities")
    )
    stored = ProjectService(db).get(project).form
    assert (stored.code, stored.name_en) == ("KS-01", "Safer \u200fcommunities")
