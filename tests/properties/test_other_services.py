"""Random and hostile input to attachments, donor profiles, users, the import's value
readers, list exports and the donor reports' language and subject."""

import contextlib
import itertools
import uuid
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import Grant, Organisation, Project, ReportingPeriod
from desktop.domain.organisation import OrganisationKind
from desktop.domain.user import Role
from desktop.services.attachments import AttachmentService
from desktop.services.audit_log import AuditLogService
from desktop.services.dashboard import DashboardService
from desktop.services.donor_profiles import DonorProfileForm, DonorProfileService
from desktop.services.eu_financial_report import EuFinancialReportService
from desktop.services.eu_narrative_report import EuNarrativeReportService
from desktop.services.export import ExportColumn, export_list
from desktop.services.imports.values import date_problem, read_amount, read_date, read_rate
from desktop.services.listing import ListQuery
from desktop.services.logframe_report import LogframeReportService
from desktop.services.projects import ProjectService
from desktop.services.reference import ReferenceService
from desktop.services.reports import ReportService
from desktop.services.users import UserForm, UserService
from desktop.services.validation import clean_text
from desktop.store.database import Database
from tests.properties.harness import attempt, first_id, succeeded
from tests.properties.strategies import (
    enum_values,
    forms,
    hostile_text,
    ids,
    languages,
    list_queries,
    numbers,
)

_numbers = itertools.count(1)


def test_attachments(demo_db: Database, tmp_path: Path) -> None:
    service = AttachmentService(demo_db)
    project_id = first_id(demo_db, Project)
    owner = ProjectService(demo_db).get(project_id).uuid
    names = st.one_of(
        hostile_text().filter(lambda name: 0 < len(name) < 100 and "/" not in name),
        st.sampled_from(("invoice.pdf", "ugovor.DOCX", "..", ".", "a\\b.txt", "CON")),
    )

    @given(
        names,
        st.binary(max_size=256),
        st.one_of(st.just("projects"), hostile_text()),
        st.one_of(st.just(owner), st.builds(uuid.uuid4)),
        ids(),
        st.integers(0, 3),
    )
    def check(
        name: str, content: bytes, table: str, entity: Any, record_id: Any, action: int
    ) -> None:
        folder = tmp_path / f"in-{next(_numbers)}"
        folder.mkdir()
        source = folder / name
        try:
            source.write_bytes(content)
        except (OSError, ValueError):
            source = folder / "file.bin"  # a name the file system refuses
            source.write_bytes(content)
        calls = (
            lambda: service.add(table, entity, source),
            lambda: service.list(table, entity),
            lambda: service.export(record_id, tmp_path / f"out-{next(_numbers)}"),
            lambda: service.remove(record_id),
        )
        added = attempt(demo_db, calls[action])
        if action == 0 and succeeded(added):
            assert added in [row.id for row in service.list(table, entity)]
            exported = service.export(added, tmp_path / f"out-{next(_numbers)}")
            assert exported.read_bytes() == content

    check()


def test_donor_profiles(demo_db: Database) -> None:
    service = DonorProfileService(demo_db)
    donor_id = first_id(demo_db, Organisation, Organisation.kind == OrganisationKind.DONOR)
    logos = st.one_of(
        st.none(),
        st.binary(max_size=64),
        st.just(b"\x89PNG\r\n\x1a\n" + bytes(64)),
        st.just(b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
    )

    @given(ids(), st.one_of(st.integers(1, 4), ids()), logos, st.booleans())
    def check(organisation: Any, template: Any, logo: Any, own: bool) -> None:
        target = donor_id if own else organisation
        form = DonorProfileForm(budget_template_id=template, logo=logo)
        version = None
        if own:
            version = service.get(donor_id).version
        attempt(demo_db, lambda: service.set(target, form, version))
        attempt(demo_db, lambda: service.get(target))

    check()


def test_users(demo_db: Database) -> None:
    service = UserService(demo_db)

    def baseline() -> UserForm:
        return UserForm(username=f"user{next(_numbers)}", full_name="Vjosa Berisha")

    @given(
        forms(baseline, {"role": enum_values(Role), "language": languages()}),
        st.one_of(st.none(), hostile_text()),
        st.booleans(),
    )
    def check(form: UserForm, password: Any, update: bool) -> None:
        created = attempt(demo_db, lambda: service.create(form, password))
        if succeeded(created):
            details = service.details(created)
            assert details.form.username == clean_text(form.username)
            if update:
                attempt(demo_db, lambda: service.update(created, baseline(), details.version))
            service.rows("sq")

    check()


def test_import_value_readers() -> None:
    """A reader either reads a value or says ``ValueError`` (which the import turns into a
    message beside the row and column); nothing else escapes."""

    @given(st.one_of(hostile_text(), st.sampled_from(("31.12.2026", "2026-02-30", "1.234,5"))))
    def check(text: str) -> None:
        for reader in (read_date, read_amount, read_rate):
            with contextlib.suppress(ValueError):
                reader(text)
        assert date_problem(text)

    check()


def test_list_export(demo_db: Database, tmp_path: Path) -> None:
    service = ProjectService(demo_db)
    columns = [
        ExportColumn("Code", lambda row: row.code),
        ExportColumn("Name", lambda row: row.name),
        ExportColumn("Start", lambda row: row.start_date),
    ]

    @given(
        hostile_text(),
        st.sampled_from(("list.csv", "list.xlsx", "list.txt", "list", "list.CSV")),
        st.one_of(hostile_text(), st.just("Projects")),
    )
    def check(search: str, filename: str, title: str) -> None:
        folder = tmp_path / f"export-{next(_numbers)}"
        folder.mkdir()
        query = ListQuery(search=search)
        attempt(
            demo_db, lambda: export_list(service, query, columns, folder / filename, None, title)
        )

    check()


def test_reports_with_any_language_and_subject(demo_db: Database) -> None:
    grant_id = first_id(demo_db, Grant)
    period_id = first_id(demo_db, ReportingPeriod, ReportingPeriod.grant_id == grant_id)
    builders = (
        lambda grant, period, language: ReportService(demo_db).quarterly(grant, period, language),
        lambda grant, period, language: EuNarrativeReportService(demo_db).build(
            grant, period, language
        ),
        lambda grant, period, language: EuFinancialReportService(demo_db).build(
            grant, period, language
        ),
        lambda grant, period, language: LogframeReportService(demo_db).build(
            grant, period, language
        ),
    )

    @given(
        st.one_of(st.just(grant_id), ids()),
        st.one_of(st.just(period_id), ids()),
        languages(),
        st.sampled_from(range(len(builders))),
    )
    def check(grant: Any, period: Any, language: Any, builder: int) -> None:
        attempt(demo_db, lambda: builders[builder](grant, period, language))

    check()


def test_numbers_as_a_search() -> None:
    """The strategies themselves: every kind of number can be drawn (a sanity check that
    the hostile values reach the services)."""

    @given(numbers())
    def check(value: Any) -> None:
        str(value)

    check()


def test_audit_log_dashboard_and_reference_lists(demo_db: Database) -> None:
    audit_log = AuditLogService(demo_db)
    queries = list_queries(
        {
            "entity": st.one_of(st.sampled_from(("projects", "cases")), hostile_text()),
            "entity_uuid": st.one_of(st.builds(uuid.uuid4), hostile_text()),
            "username": hostile_text(),
        },
        sorts=("when",),
    )

    @given(queries, st.dates(), languages())
    def check(query: ListQuery, today: Any, language: Any) -> None:
        attempt(demo_db, lambda: (audit_log.count(query), audit_log.page(query, 0, 20)))
        attempt(demo_db, lambda: DashboardService(demo_db).figures(today, language))
        reference = ReferenceService(demo_db)
        attempt(
            demo_db, lambda: (reference.municipalities(language), reference.communities(language))
        )

    check()
