"""Research outputs through the service: recorded, found, checked as a librarian would, and
linked to the indicators they verify."""

from datetime import date

import pytest
from sqlalchemy import select

from desktop.domain.audit import AuditAction, AuditEntry
from desktop.domain.research import OutputStatus, OutputType
from desktop.services.errors import ConflictError, ValidationError
from desktop.services.listing import ListQuery
from desktop.services.permissions import PermissionDenied
from desktop.services.research import (
    ResearchForm,
    ResearchOutputService,
    isbn_is_valid,
)
from desktop.store.database import Database
from desktop.store.demo import load_demo
from tests.services.test_results_office import add_chain, make_office


def _form(**changes: object) -> ResearchForm:
    form = ResearchForm(
        output_type=OutputType.RESEARCH_REPORT,
        status=OutputStatus.PUBLISHED,
        name_en="Community safety in Prishtinë/Priština and Gračanica",
        name_sq="Siguria në bashkësi në Prishtinë dhe Graçanicë",
        name_sr="Безбедност заједнице у Приштини и Грачаници",
        authors="Berisha, Driton; Stojanović, Jelena",
        languages=["sq", "sr", "en"],
        published_on=date(2026, 3, 12),
        publisher="Centre for Community Safety",
        place="Prishtinë/Priština",
        isbn="978-9951-8937-0-1",
        doi="10.5555/ccs.2026.001",
        url="https://example.org/reports/community-safety.pdf",
        abstract="Residents rank poor street lighting among their main concerns.",
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_create_read_back_and_find_by_title_author_doi_or_isbn(db: Database) -> None:
    service = ResearchOutputService(db)
    output_id = service.create(_form())
    stored = service.get(output_id).form
    assert stored == _form()
    for typed in ("Gracanica", "Грачаници", "graçanicë", "stojanovic", "10.5555/ccs", "9789951"):
        rows = service.page(ListQuery(search=typed))
        assert [row.id for row in rows] == [output_id], typed
    assert service.page(ListQuery(search="Mitrovica")) == []
    [row] = service.page(ListQuery(language="sr_Latn"))
    assert row.title == "Bezbednost zajednice u Prištini i Gračanici"
    assert row.authors == "Berisha, Driton; Stojanović, Jelena"


def test_isbn_doi_and_url_are_checked_and_named(db: Database) -> None:
    service = ResearchOutputService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(
            _form(isbn="978-9951-8937-0-2", doi="doi.org/5555/x", url="ftp://example.org/x")
        )
    assert set(refused.value.errors) == {"isbn", "doi", "url"}
    assert "978-9951-8937-0-2" in refused.value.errors["isbn"]
    assert "doi.org/5555/x" in refused.value.errors["doi"]
    with pytest.raises(ValidationError) as refused:
        service.create(_form(isbn="12345", url="example.org"))
    assert set(refused.value.errors) == {"isbn", "url"}
    assert service.count(ListQuery(include_archived=True)) == 0

    # Pasted forms are accepted and kept in their plain form.
    output_id = service.create(
        _form(isbn="ISBN 0-306-40615-2", doi="https://doi.org/10.5555/ccs.2026.001")
    )
    stored = service.get(output_id).form
    assert (stored.isbn, stored.doi) == ("0-306-40615-2", "10.5555/ccs.2026.001")


def test_isbn_check_digits() -> None:
    assert isbn_is_valid("9789951893701")
    assert isbn_is_valid("080442957X")
    assert isbn_is_valid("0306406152")
    assert not isbn_is_valid("0306406153")
    assert not isbn_is_valid("9789951893702")
    assert not isbn_is_valid("1234567890123")  # neither 978 nor 979


def test_a_published_output_needs_its_date_and_a_title(db: Database) -> None:
    service = ResearchOutputService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(
            _form(published_on=None, name_en="", name_sq="", name_sr="", languages=["English"])
        )
    assert set(refused.value.errors) == {"published_on", "name_en", "languages"}
    planned = service.create(_form(status=OutputStatus.PLANNED, published_on=None, isbn=""))
    assert service.get(planned).form.published_on is None


def test_linked_indicators_must_belong_to_the_outputs_project(db: Database) -> None:
    office = make_office(db)
    mine = add_chain(office)["OC1.1"]
    theirs = add_chain(office, office.other_project_id)["OC1.1"]
    service = ResearchOutputService(db)
    with pytest.raises(ValidationError) as refused:
        service.create(_form(project_id=office.project_id, indicator_ids=[mine, theirs]))
    assert set(refused.value.errors) == {"indicator_ids"}
    with pytest.raises(ValidationError) as refused:
        service.create(_form(project_id=None, indicator_ids=[mine]))
    assert set(refused.value.errors) == {"indicator_ids"}
    assert service.count(ListQuery(include_archived=True)) == 0

    output_id = service.create(_form(project_id=office.project_id, indicator_ids=[mine]))
    assert service.get(output_id).form.indicator_ids == [mine]
    assert [c.code for c in service.indicators(office.project_id, "en")] == ["OC1.1"]
    # Moving the output to the other project leaves the old link behind: refused.
    details = service.get(output_id)
    details.form.project_id = office.other_project_id
    with pytest.raises(ValidationError) as refused:
        service.update(output_id, details.form, details.version)
    assert set(refused.value.errors) == {"indicator_ids"}


def test_update_is_audited_stale_versions_refused_archive_and_restore(db: Database) -> None:
    office = make_office(db)
    indicator = add_chain(office)["OC1.1"]
    service = ResearchOutputService(db, office.staff)
    output_id = service.create(_form(project_id=office.project_id))
    opened = service.get(output_id)
    opened.form.indicator_ids = [indicator]
    opened.form.status = OutputStatus.IN_REVIEW
    service.update(output_id, opened.form, opened.version)
    with pytest.raises(ConflictError):
        service.update(output_id, _form(abstract="An older view"), opened.version)
    assert service.get(output_id).form.abstract == _form().abstract
    with db.transaction() as session:
        entry = session.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "research_outputs", AuditEntry.action == AuditAction.UPDATE
            )
        ).one()
    assert entry.changes == {
        "status": ["published", "in_review"],
        "indicators": [[], ["OC1.1"]],
    }
    assert entry.username == office.staff.username

    with pytest.raises(PermissionDenied):  # staff edit; managers archive
        service.archive(output_id)
    manager = ResearchOutputService(db, office.manager)
    manager.archive(output_id)
    assert service.count(ListQuery()) == 0
    assert service.count(ListQuery(include_archived=True)) == 1
    manager.restore(output_id)
    assert [row.id for row in service.page(ListQuery())] == [output_id]


def test_filters_by_type_status_and_project_on_the_demo(db: Database) -> None:
    load_demo(db)
    service = ResearchOutputService(db)
    newest_first = ListQuery(sort="published_on", descending=True)
    every = service.page(newest_first, 0, 1000)
    assert service.count(newest_first) == len(every) > 3
    for output_type, status in (
        (OutputType.POLICY_BRIEF, None),
        (None, OutputStatus.PUBLISHED),
        (OutputType.RESEARCH_REPORT, OutputStatus.IN_REVIEW),
    ):
        query = newest_first.with_filter("output_type", output_type).with_filter("status", status)
        rows = service.page(query)
        expected = [
            row
            for row in every
            if output_type in (None, row.output_type) and status in (None, row.status)
        ]
        assert rows and [r.id for r in rows] == [r.id for r in expected], query
        assert service.count(query) == len(rows)
    project_code = every[0].project
    project_id = service.get(every[0].id).form.project_id
    by_project = service.page(newest_first.with_filter("project_id", project_id))
    assert [r.id for r in by_project] == [r.id for r in every if r.project == project_code]
    # Newest first, those not yet published on top, on both databases.
    dates = [row.published_on for row in every]
    undated = dates.count(None)
    assert undated and dates[:undated] == [None] * undated
    assert dates[undated:] == sorted(dates[undated:], reverse=True)  # type: ignore[type-var]
