"""Every public method of every service, called as each of the five roles on the demo office.

A role is refused (``PermissionDenied``) exactly where the role matrix (``ROLES_WITH``) says
it lacks the permission the method needs, and never where it has it; a refused call leaves
every table as it was, the audit log included.  The services are discovered, not listed:
a new service or method without a recipe here fails ``test_every_public_method_has_a_recipe``.

Each recipe prepares what its call needs as the administrator (a fresh record to delete,
the current version to update) and returns the call, so the roles share one demo database
per backend without depending on each other's changes.
"""

import importlib
import inspect
import os
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import func, literal, select, union_all

import desktop.services
from desktop.domain import Base
from desktop.domain.results import ParticipantRollup
from desktop.domain.user import Role
from desktop.services.activities import ActivityService
from desktop.services.attachments import AttachmentService
from desktop.services.base import RecordService, Service
from desktop.services.budget import BudgetService
from desktop.services.cases import ActionForm, CaseService, next_statuses
from desktop.services.citations.service import CitationFormat
from desktop.services.donor_profiles import DonorProfileForm, DonorProfileService
from desktop.services.errors import RefusedError
from desktop.services.expenditures import ExpenditureService
from desktop.services.grant_parts import GrantPartService
from desktop.services.grants import GrantService
from desktop.services.iati.export import IatiExportService
from desktop.services.iati.importing import IatiImportService
from desktop.services.imports.reading import read_table
from desktop.services.imports.table_import import TableImport
from desktop.services.instalments import InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationService
from desktop.services.people import PersonService
from desktop.services.periods import PeriodService
from desktop.services.permissions import ROLES_WITH, Permission, PermissionDenied
from desktop.services.projects import ProjectService
from desktop.services.research import ResearchOutputService
from desktop.services.results import IndicatorValueService, ResultsService
from desktop.services.users import UserForm, UserService
from desktop.store.database import Database, copy_sqlite, open_database
from tests.postgres_server import PostgresServer
from tests.services.iati_support import WORKED_EXAMPLE
from tests.services.role_demo import GRANT, Demo, demo_with_roles

R = Permission.READ_RECORDS
E = Permission.EDIT_RECORDS
A = Permission.ARCHIVE_RECORDS
AP = Permission.APPROVE_VALUES
C = Permission.READ_CONFIDENTIAL
AU = Permission.READ_AUDIT
S = Permission.MANAGE_SETTINGS
U = Permission.MANAGE_USERS
ANYONE: tuple[Permission, ...] = ()  # the method asks for no permission

PASSWORD = "a long enough password"

# Classes that are only shared parts of services, never used on their own; each must
# have a concrete subclass (checked below), which is called instead.
ABSTRACT = {RecordService, GrantPartService, TableImport}


# -- discovering the services ------------------------------------------------------------


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def service_classes() -> list[type[Service]]:
    for module in pkgutil.walk_packages(desktop.services.__path__, "desktop.services."):
        importlib.import_module(module.name)
    found = {
        cls
        for cls in _subclasses(Service)
        if cls.__module__.startswith("desktop.services")
        and not cls.__name__.startswith("_")
        and cls not in ABSTRACT
    }
    return sorted(found, key=lambda cls: cls.__name__)


def public_methods(cls: type) -> list[str]:
    return sorted(
        name
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_") and name != "unit_of_work"
    )


# -- what the recipes work with ------------------------------------------------------------


Call = Callable[[Any], Any]
Prepare = Callable[[Demo], Call]


@dataclass(frozen=True)
class Recipe:
    needs: tuple[Permission, ...]
    prepare: Prepare


def read(needs: Permission | tuple[Permission, ...], call: Callable[[Any, Demo], Any]) -> Recipe:
    """A recipe whose call needs nothing prepared."""
    permissions = needs if isinstance(needs, tuple) else (needs,)
    return Recipe(permissions, lambda demo: lambda service: call(service, demo))


def write(needs: Permission | tuple[Permission, ...], prepare: Prepare) -> Recipe:
    return Recipe(needs if isinstance(needs, tuple) else (needs,), prepare)


def touched(form: Any) -> Any:
    """``form`` with one text field changed, so that an update really writes."""
    for name in ("name_en", "title", "description", "full_name", "venue", "summary", "label"):
        if name in {field.name for field in fields(form)} and getattr(form, name):
            return replace(form, **{name: f"{getattr(form, name)} (checked)"})
    return form


# -- recipes: one per public method ------------------------------------------------------


def _update(service: type[Service], record_id: Callable[[Demo], int], get: str = "get") -> Prepare:
    def prepare(demo: Demo) -> Call:
        target = record_id(demo)
        details = getattr(demo.as_admin(service), get)(target)
        return lambda s: s.update(target, touched(details.form), details.version)

    return prepare


def _archive(service: type[RecordService], action: str) -> Recipe:
    return write(A, lambda demo: lambda s: getattr(s, action)(demo.first(service)))


def _listing(service: type[RecordService]) -> dict[str, Recipe]:
    return {
        "count": read(R, lambda s, d: s.count(ListQuery())),
        "page": read(R, lambda s, d: s.page(ListQuery(), 0, 5)),
        "archive": _archive(service, "archive"),
        "restore": _archive(service, "restore"),
    }


def _create_copy(service: type[Service], source: Callable[[Demo], int], **unique: str) -> Prepare:
    """Create a copy of an existing record, with fresh values for its unique fields."""

    def prepare(demo: Demo) -> Call:
        form = demo.as_admin(service).get(source(demo)).form
        form = replace(form, **{name: demo.unique(prefix) for name, prefix in unique.items()})
        return lambda s: s.create(form)

    return prepare


def _project(demo: Demo) -> int:
    return demo.project_id


def _activity(demo: Demo) -> int:
    return demo.first(ActivityService)


def _case(demo: Demo) -> int:
    return demo.first(CaseService)


def _organisation(demo: Demo) -> int:
    return demo.first(OrganisationService)


def _person(demo: Demo) -> int:
    return demo.first(PersonService)


def _research(demo: Demo) -> int:
    return demo.first(ResearchOutputService)


def _line(demo: Demo) -> Any:
    return demo.as_admin(BudgetService).lines(demo.grant_id, "en")[-1]


def _small_line(demo: Demo) -> Any:
    """A copy of a budget line's form for one euro, which the grant's amount still covers."""
    form = demo.as_admin(BudgetService).get(_line(demo).id).form
    return replace(form, code=demo.unique("9."), quantity="1", unit_cost="1.00", amount="1.00")


def _fresh_line(demo: Demo) -> Any:
    service = demo.as_admin(BudgetService)
    return service.get(service.create(_fresh_grant(demo), _small_line(demo)))


def _instalment_form(demo: Demo, grant_id: int) -> Any:
    service = demo.as_admin(InstalmentService)
    rows = service.instalments(demo.grant_id)
    return replace(
        service.get(rows[-1].id).form,
        number=service.next_number(grant_id),
        amount="1.00",
        received_on=None,
    )


def _fresh_instalment(demo: Demo) -> Any:
    grant_id = _fresh_grant(demo)
    service = demo.as_admin(InstalmentService)
    return service.get(service.create(grant_id, _instalment_form(demo, grant_id)))


def _expenditure(demo: Demo) -> Any:
    return demo.as_admin(ExpenditureService).page(demo.grant_id, ListQuery(), 0, 1)[0]


def _fresh_expenditure(demo: Demo) -> Any:
    service = demo.as_admin(ExpenditureService)
    form = service.get(_expenditure(demo).id).form
    return service.get(service.create(demo.grant_id, form))


def _fresh_grant(demo: Demo) -> int:
    """A copy of the demo grant, without periods: room for a period on any of its days."""
    grants = demo.as_admin(GrantService)
    form = replace(grants.get(demo.grant_id).form, contract_number=demo.unique("2026/ROLES-"))
    return grants.create(form)


def _period_form(demo: Demo, grant_id: int) -> Any:
    start = demo.as_admin(GrantService).get(grant_id).form.start_date
    return replace(
        demo.as_admin(PeriodService).get(demo.period_id).form,
        label=demo.unique("Extra "),
        start_date=start,
        end_date=start,
        due_on=None,
        sent_on=None,
    )


def _fresh_period(demo: Demo) -> Any:
    grant_id = _fresh_grant(demo)
    service = demo.as_admin(PeriodService)
    return service.get(service.create(grant_id, _period_form(demo, grant_id)))


def _results(demo: Demo) -> list[Any]:
    return demo.as_admin(ResultsService).tree(demo.project_id, "en")


def _output(demo: Demo) -> Any:
    """An output of the project's framework (the lowest level, so it has no children)."""
    nodes = list(_results(demo))
    while nodes[0].children:
        nodes = nodes[0].children
    return nodes[0]


def _indicator_id(demo: Demo) -> int:
    return _output(demo).indicators[0].id


def _fresh_result(demo: Demo) -> Any:
    service = demo.as_admin(ResultsService)
    form = replace(service.get_result(_output(demo).id).form, code=demo.unique("9."))
    return service.get_result(service.create_result(demo.project_id, form))


def _fresh_indicator(demo: Demo, rollup: ParticipantRollup = ParticipantRollup.NONE) -> Any:
    service = demo.as_admin(ResultsService)
    form = replace(
        service.get_indicator(_indicator_id(demo)).form,
        code=demo.unique("9."),
        rollup=rollup,
        rollup_activity_type_id=None,
    )
    return service.get_indicator(service.create_indicator(form))


def _value(demo: Demo) -> Any:
    """A draft value of a fresh indicator in the first period."""
    indicator = _fresh_indicator(demo).id
    values = demo.as_admin(IndicatorValueService)
    values.enter_value(indicator, demo.period_id, "12")
    return values.cell(indicator, demo.period_id)


def _submitted(demo: Demo) -> Any:
    cell = _value(demo)
    values = demo.as_admin(IndicatorValueService)
    values.submit_value(cell.value_id, cell.version)
    return values.cell(cell.indicator_id, cell.period_id)


def _approved(demo: Demo) -> Any:
    cell = _submitted(demo)
    values = demo.as_admin(IndicatorValueService)
    values.approve_value(cell.value_id, cell.version)
    return values.cell(cell.indicator_id, cell.period_id)


def _update_case(demo: Demo) -> Call:
    """The form as every role may send it: without who raised the case, which an update
    then keeps (only administrators and managers may change it)."""
    details = demo.as_admin(CaseService).get(_case(demo))
    form = replace(touched(details.form), raised_by=None, raised_by_contact=None)
    return lambda s: s.update(details.id, form, details.version)


def _fresh_action(demo: Demo) -> Any:
    service = demo.as_admin(CaseService)
    action_id = service.add_action(_case(demo), ActionForm(description="Call the municipality"))
    return service.get_action(action_id)


def _attachment(demo: Demo) -> int:
    path = demo.folder / f"{demo.unique('minutes-')}.txt"
    path.write_text("Minutes of the dialogue meeting.", encoding="utf-8")
    project = demo.as_admin(ProjectService).get(demo.project_id)
    return demo.as_admin(AttachmentService).add("projects", project.uuid, path)


def _add_attachment(demo: Demo) -> Call:
    path = demo.folder / f"{demo.unique('report-')}.txt"
    path.write_text("Report of the dialogue meeting.", encoding="utf-8")
    project = demo.as_admin(ProjectService).get(demo.project_id)
    return lambda s: s.add("projects", project.uuid, path)


def _create_instalment(demo: Demo) -> Call:
    grant_id = _fresh_grant(demo)
    form = _instalment_form(demo, grant_id)
    return lambda s: s.create(grant_id, form)


def _fresh_user(demo: Demo) -> Any:
    service = demo.as_admin(UserService)
    form = UserForm(username=demo.unique("user"), full_name="Arben Krasniqi", role=Role.STAFF)
    return service.details(service.create(form, PASSWORD))


def _own_password(demo: Demo) -> Call:
    """Each role's own account gets a known password first."""

    def call(service: Any) -> Any:
        if service.actor.user_id is not None:
            demo.as_admin(UserService).set_password(service.actor.user_id, PASSWORD)
        return service.change_own_password(PASSWORD, "a different long password")

    return call


def _activity_import(demo: Demo) -> tuple[Any, ...]:
    header = ["Project", "Activity type", "Title", "Date", "Municipality", "Women", "Men"]
    project = demo.as_admin(ProjectService).get(demo.project_id).form.code
    row = [
        project,
        "Training",
        demo.unique("Imported training "),
        "2026-05-12",
        "Gjakovë",
        "4",
        "5",
    ]
    return (read_table(demo.csv([header, row])),)


def _expenditure_import(demo: Demo) -> tuple[Any, ...]:
    header = ["Contract number", "Budget line", "Date", "Description", "Supplier",
              "Invoice reference", "Amount"]  # fmt: skip
    row = [GRANT, _line(demo).code, "2026-04-14", "Hall and catering", "Hotel Carshia",
           demo.unique("HC-"), "120,00"]  # fmt: skip
    return (read_table(demo.csv([header, row])),)


def _organisation_import(demo: Demo) -> tuple[Any, ...]:
    header = ["Name", "Acronym", "Kind", "Municipality"]
    row = [demo.unique("Imported youth network "), demo.unique("IYN"), "Partner CSO", "Gjakovë"]
    return (read_table(demo.csv([header, row])),)


def _import_recipes(table: Callable[[Demo], tuple[Any, ...]]) -> dict[str, Recipe]:
    def run(method: str) -> Prepare:
        def prepare(demo: Demo) -> Call:
            (found,) = table(demo)
            return lambda s: getattr(s, method)(found, s.guess(found))

        return prepare

    return {
        "guess": Recipe(
            ANYONE, lambda demo: (lambda found: lambda s: s.guess(found))(*table(demo))
        ),
        "check": write(E, run("check")),
        "run": write(E, run("run")),
        "imported_message": read(ANYONE, lambda s, d: s.imported_message(3)),
    }


ACTIVITIES = {
    **_listing(ActivityService),
    "not_found": read(ANYONE, lambda s, d: s.not_found()),
    "get": read(R, lambda s, d: s.get(_activity(d))),
    "project_choices": read(R, lambda s, d: s.project_choices("sq")),
    "period_choices": read(R, lambda s, d: s.period_choices()),
    "participant_totals": read(R, lambda s, d: s.participant_totals()),
    "create": write(E, _create_copy(ActivityService, _activity, name_en="Training ")),
    "update": write(E, _update(ActivityService, _activity)),
}

EXPENDITURES = {
    "count": read(R, lambda s, d: s.count(d.grant_id, ListQuery())),
    "total": read(R, lambda s, d: s.total(d.grant_id, ListQuery())),
    "page": read(R, lambda s, d: s.page(d.grant_id, ListQuery(), 0, 5)),
    "listing": read(R, lambda s, d: s.listing(d.grant_id).page(ListQuery(), 0, 5)),
    "get": read(R, lambda s, d: s.get(_expenditure(d).id)),
    "create": write(
        E,
        lambda d: (lambda form: lambda s: s.create(d.grant_id, form))(
            d.as_admin(ExpenditureService).get(_expenditure(d).id).form
        ),
    ),
    "update": write(E, _update(ExpenditureService, lambda d: _expenditure(d).id)),
    "delete": write(
        E, lambda d: (lambda x: lambda s: s.delete(x.id, x.version))(_fresh_expenditure(d))
    ),
}

ORGANISATIONS = {
    **_listing(OrganisationService),
    "not_found": read(ANYONE, lambda s, d: s.not_found()),
    "choices": read(R, lambda s, d: s.choices("sr")),
    "get": read(R, lambda s, d: s.get(_organisation(d))),
    "create": write(
        E, _create_copy(OrganisationService, _organisation, name_en="Network ", acronym="N")
    ),
    "update": write(E, _update(OrganisationService, _organisation)),
}

RECIPES: dict[str, dict[str, Recipe]] = {
    "ActivityService": ACTIVITIES,
    "ActivityImport": {**ACTIVITIES, **_import_recipes(_activity_import)},
    "AttachmentService": {
        "list": read(
            R,
            lambda s, d: s.list("projects", d.as_admin(ProjectService).get(d.project_id).uuid),
        ),
        "export": write(
            R,
            lambda d: (lambda a: lambda s: s.export(a, d.folder / d.unique("out-")))(
                _attachment(d)
            ),
        ),
        "add": write(E, _add_attachment),
        "remove": write(E, lambda d: (lambda a: lambda s: s.remove(a))(_attachment(d))),
    },
    "AuditLogService": {
        "count": read(AU, lambda s, d: s.count(ListQuery())),
        "page": read(AU, lambda s, d: s.page(ListQuery(), 0, 20)),
        "users": read(AU, lambda s, d: s.users()),
        "entities": read(AU, lambda s, d: s.entities()),
        "entry": read(AU, lambda s, d: s.entry(s.page(ListQuery(), 0, 1)[0].id, "en")),
    },
    "BudgetService": {
        "lines": read(R, lambda s, d: s.lines(d.grant_id, "en")),
        "heading_choices": read(R, lambda s, d: s.heading_choices(d.grant_id, "en")),
        "get": read(R, lambda s, d: s.get(_line(d).id)),
        "create": write(
            E,
            lambda d: (lambda g, form: lambda s: s.create(g, form))(
                _fresh_grant(d), _small_line(d)
            ),
        ),
        "update": write(E, _update(BudgetService, lambda d: _line(d).id)),
        "delete": write(
            E, lambda d: (lambda x: lambda s: s.delete(x.id, x.version))(_fresh_line(d))
        ),
    },
    "CaseService": {
        **_listing(CaseService),
        "not_found": read(ANYONE, lambda s, d: s.not_found()),
        "action_not_found": read(ANYONE, lambda s, d: s.action_not_found()),
        "page_with_raisers": read((R, C), lambda s, d: s.page_with_raisers(ListQuery(), 0, 5)),
        "project_choices": read(R, lambda s, d: s.project_choices("en")),
        "next_reference": read(R, lambda s, d: s.next_reference(2026)),
        "get": read(R, lambda s, d: s.get(_case(d))),
        "actions": read(R, lambda s, d: s.actions(_case(d))),
        "get_action": write(
            R, lambda d: (lambda a: lambda s: s.get_action(a.id))(_fresh_action(d))
        ),
        "history": read(R, lambda s, d: s.history(_case(d))),
        "create": write(E, _create_copy(CaseService, _case, reference="CS-2026-9")),
        "update": write(E, _update_case),
        "change_status": write(
            E,
            lambda d: (
                lambda case: (
                    lambda s: s.change_status(
                        case.id, next_statuses(case.status)[0], "Followed up.", case.version
                    )
                )
            )(d.as_admin(CaseService).get(_case(d))),
        ),
        "add_action": write(
            E, lambda d: lambda s: s.add_action(_case(d), ActionForm(description="Visit"))
        ),
        "update_action": write(
            E,
            lambda d: (
                lambda a: (
                    lambda s: s.update_action(
                        a.id,
                        ActionForm(description="Visit the school", responsible="Arben"),
                        a.version,
                    )
                )
            )(_fresh_action(d)),
        ),
        "mark_action_done": write(
            E, lambda d: (lambda a: lambda s: s.mark_action_done(a.id, a.version))(_fresh_action(d))
        ),
        "remove_action": write(
            E, lambda d: (lambda a: lambda s: s.remove_action(a.id, a.version))(_fresh_action(d))
        ),
    },
    "ConflictService": {
        "last_saved_by": read(R, lambda s, d: s.last_saved_by("projects", d.project_id)),
    },
    "DashboardService": {"figures": read(R, lambda s, d: s.figures(date(2026, 6, 15), "en"))},
    "DonorProfileService": {
        "get": read(R, lambda s, d: s.get(_donor(d))),
        "for_grant": read(R, lambda s, d: s.for_grant(d.grant_id, "en")),
        "set": write(
            S,
            lambda d: (
                lambda profile: (
                    lambda s: s.set(
                        profile.organisation_id,
                        DonorProfileForm(budget_template_id=profile.budget_template_id),
                        profile.version,
                    )
                )
            )(d.as_admin(DonorProfileService).get(_donor(d))),
        ),
    },
    "EuFinancialReportService": {
        "build": read(R, lambda s, d: s.build(d.grant_id, d.period_id, "en"))
    },
    "EuNarrativeReportService": {
        "build": read(R, lambda s, d: s.build(d.grant_id, d.period_id, "sq"))
    },
    "ExpenditureService": EXPENDITURES,
    "ExpenditureImport": {**EXPENDITURES, **_import_recipes(_expenditure_import)},
    "GrantSummaryService": {"summary": read(R, lambda s, d: s.summary(d.grant_id, "en"))},
    "GrantService": {
        **_listing(GrantService),
        "not_found": read(ANYONE, lambda s, d: s.not_found()),
        "project_choices": read(R, lambda s, d: s.project_choices("en")),
        "donor_choices": read(R, lambda s, d: s.donor_choices("en")),
        "contact_person_choices": read(R, lambda s, d: s.contact_person_choices("en")),
        "find": read(R, lambda s, d: s.find(GRANT)),
        "find_period": read(R, lambda s, d: s.find_period(d.grant_id, "2026-Q1")),
        "get": read(R, lambda s, d: s.get(d.grant_id)),
        "periods": read(R, lambda s, d: s.periods(d.grant_id)),
        "create": write(
            E, _create_copy(GrantService, lambda d: d.grant_id, contract_number="2026/PERM-")
        ),
        "update": write(E, _update(GrantService, lambda d: d.grant_id)),
    },
    "InstalmentService": {
        "instalments": read(R, lambda s, d: s.instalments(d.grant_id)),
        "next_number": read(R, lambda s, d: s.next_number(d.grant_id)),
        "get": read(
            R, lambda s, d: s.get(d.as_admin(InstalmentService).instalments(d.grant_id)[0].id)
        ),
        "create": write(E, _create_instalment),
        "update": write(E, _update(InstalmentService, lambda d: _fresh_instalment(d).id)),
        "delete": write(
            E, lambda d: (lambda x: lambda s: s.delete(x.id, x.version))(_fresh_instalment(d))
        ),
    },
    "LogframeReportService": {
        "build": read(R, lambda s, d: s.build(d.grant_id, d.period_id, "sr"))
    },
    "OrganisationService": ORGANISATIONS,
    "OrganisationImport": {**ORGANISATIONS, **_import_recipes(_organisation_import)},
    "PersonService": {
        **_listing(PersonService),
        "not_found": read(ANYONE, lambda s, d: s.not_found()),
        "get": read(R, lambda s, d: s.get(_person(d))),
        "create": write(E, _create_copy(PersonService, _person, last_name="Krasniqi-")),
        "update": write(E, _update(PersonService, _person)),
    },
    "PeriodService": {
        "periods": read(R, lambda s, d: s.periods(d.grant_id)),
        "get": read(R, lambda s, d: s.get(d.period_id)),
        "create": write(
            E, lambda d: (lambda g: lambda s: s.create(g, _period_form(d, g)))(_fresh_grant(d))
        ),
        "update": write(E, _update(PeriodService, lambda d: _fresh_period(d).id)),
        "delete": write(
            E, lambda d: (lambda x: lambda s: s.delete(x.id, x.version))(_fresh_period(d))
        ),
        "generate_quarters": write(
            E, lambda d: (lambda g: lambda s: s.generate_quarters(g))(_fresh_grant(d))
        ),
    },
    "ProjectService": {
        **_listing(ProjectService),
        "not_found": read(ANYONE, lambda s, d: s.not_found()),
        "get": read(R, lambda s, d: s.get(d.project_id)),
        "create": write(E, _create_copy(ProjectService, _project, code="PERM-")),
        "update": write(E, _update(ProjectService, _project)),
    },
    "ReferenceService": {
        name: read(R, lambda s, d, name=name: getattr(s, name)("sq"))
        for name in (
            "activity_types",
            "budget_headings",
            "budget_templates",
            "communities",
            "municipalities",
            "thematic_areas",
        )
    },
    "ReportService": {
        "quarterly": read(R, lambda s, d: s.quarterly(d.grant_id, d.period_id, "en")),
        "render_quarterly": read(
            R,
            lambda s, d: s.render_quarterly(
                d.grant_id, d.period_id, "en", d.folder / d.unique("q")
            ),
        ),
    },
    "ResearchOutputService": {
        **_listing(ResearchOutputService),
        "not_found": read(ANYONE, lambda s, d: s.not_found()),
        "indicators": read(R, lambda s, d: s.indicators(d.project_id, "en")),
        "get": read(R, lambda s, d: s.get(_research(d))),
        "create": write(E, _create_copy(ResearchOutputService, _research, name_en="Brief ")),
        "update": write(E, _update(ResearchOutputService, _research)),
    },
    "CitationService": {
        "citations": read(R, lambda s, d: s.citations([_research(d)], "sq")),
        "shown_ids": read(R, lambda s, d: s.shown_ids(ListQuery())),
        "export": read(
            R,
            lambda s, d: s.export(
                [_research(d)], CitationFormat.BIBTEX, "en", d.folder / f"{d.unique('cite')}.bib"
            ),
        ),
    },
    "IndicatorValueService": {
        "grid": read(R, lambda s, d: s.grid(d.grant_id, "en")),
        "cell": read(R, lambda s, d: s.cell(_indicator_id(d), d.period_id)),
        "actions": read(R, lambda s, d: s.actions(s.cell(_indicator_id(d), d.period_id))),
        "rollup": read(R, lambda s, d: s.rollup(_indicator_id(d), d.period_id)),
        "enter_value": write(
            E,
            lambda d: (lambda i: lambda s: s.enter_value(i, d.period_id, "7"))(
                _fresh_indicator(d).id
            ),
        ),
        "recalculate": write(
            E,
            lambda d: (lambda i: lambda s: s.recalculate(i, d.period_id))(
                _fresh_indicator(d, ParticipantRollup.ALL).id
            ),
        ),
        "submit_value": write(
            E, lambda d: (lambda c: lambda s: s.submit_value(c.value_id, c.version))(_value(d))
        ),
        "approve_value": write(
            AP,
            lambda d: (lambda c: lambda s: s.approve_value(c.value_id, c.version))(_submitted(d)),
        ),
        "return_value": write(
            AP,
            lambda d: (
                lambda c: lambda s: s.return_value(c.value_id, "Check the source.", c.version)
            )(_submitted(d)),
        ),
        "reopen_value": write(
            AP, lambda d: (lambda c: lambda s: s.reopen_value(c.value_id, c.version))(_approved(d))
        ),
    },
    "ResultsService": {
        "projects": read(R, lambda s, d: s.projects("en")),
        "grants": read(R, lambda s, d: s.grants(d.project_id)),
        "activity_types": read(R, lambda s, d: s.activity_types("en")),
        "tree": read(R, lambda s, d: s.tree(d.project_id, "en")),
        "get_result": read(R, lambda s, d: s.get_result(_output(d).id)),
        "get_indicator": read(R, lambda s, d: s.get_indicator(_indicator_id(d))),
        "create_result": write(
            E,
            lambda d: (
                lambda r: (
                    lambda s: s.create_result(d.project_id, replace(r.form, code=d.unique("7.")))
                )
            )(_fresh_result(d)),
        ),
        "update_result": write(
            E,
            lambda d: (lambda r: lambda s: s.update_result(r.id, touched(r.form), r.version))(
                _fresh_result(d)
            ),
        ),
        "shift_result": write(
            E, lambda d: (lambda r: lambda s: s.shift_result(r.id, -1))(_fresh_result(d))
        ),
        "remove_result": write(
            E, lambda d: (lambda r: lambda s: s.remove_result(r.id, r.version))(_fresh_result(d))
        ),
        "create_indicator": write(
            E,
            lambda d: (
                lambda i: lambda s: s.create_indicator(replace(i.form, code=d.unique("7.")))
            )(_fresh_indicator(d)),
        ),
        "update_indicator": write(
            E,
            lambda d: (lambda i: lambda s: s.update_indicator(i.id, touched(i.form), i.version))(
                _fresh_indicator(d)
            ),
        ),
        "remove_indicator": write(
            E,
            lambda d: (lambda i: lambda s: s.remove_indicator(i.id, i.version))(
                _fresh_indicator(d)
            ),
        ),
    },
    "IatiExportService": {
        "find_organisation": read(R, lambda s, d: s.find_organisation("PSN")),
        "export": read(
            R, lambda s, d: s.export(d.as_admin(IatiExportService).find_organisation("PSN"))
        ),
        "write": read(
            R,
            lambda s, d: s.write(
                d.as_admin(IatiExportService).find_organisation("PSN"),
                d.folder / f"{d.unique('iati')}.xml",
            ),
        ),
        "reporting_organisations": read(R, lambda s, d: s.reporting_organisations("en")),
    },
    "IatiImportService": {"import_activities": write(E, lambda d: _iati_import)},
    "UserService": {
        "rows": read(U, lambda s, d: s.rows("en")),
        "details": read(U, lambda s, d: s.details(d.admin.user_id)),
        "create": write(
            U,
            lambda d: (
                lambda s: s.create(
                    UserForm(username=d.unique("new"), full_name="Drita Berisha", role=Role.VIEWER)
                )
            ),
        ),
        "update": write(
            U,
            lambda d: (lambda u: lambda s: s.update(u.id, touched(u.form), u.version))(
                _fresh_user(d)
            ),
        ),
        "set_password": write(
            U,
            lambda d: (lambda u: lambda s: s.set_password(u.id, "another password"))(
                _fresh_user(d)
            ),
        ),
        "change_own_password": write(ANYONE, _own_password),
        "deactivate": write(U, lambda d: (lambda u: lambda s: s.deactivate(u.id))(_fresh_user(d))),
        "activate": write(
            U, lambda d: (lambda u: lambda s: s.activate(u.id))(_deactivated_user(d))
        ),
    },
}


def _iati_import(service: IatiImportService) -> None:
    """The demo database holds data, so an import is refused (after the permission
    check, which must still refuse those who may not edit)."""
    try:
        service.import_activities(WORKED_EXAMPLE.read_bytes())
    except PermissionDenied:
        raise
    except RefusedError:
        return


def _donor(demo: Demo) -> int:
    return demo.as_admin(GrantService).get(demo.grant_id).form.donor_id


def _deactivated_user(demo: Demo) -> Any:
    user = _fresh_user(demo)
    demo.as_admin(UserService).deactivate(user.id)
    return user


def recipe_for(cls: type, method: str) -> Recipe | None:
    for base in cls.__mro__:
        found = RECIPES.get(base.__name__, {}).get(method)
        if found is not None:
            return found
    return None


# -- the demo database, once per backend --------------------------------------------------


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("roles")
    if request.param == "sqlite":
        path = folder / "csodesk.sqlite3"
        copy_sqlite(request.getfixturevalue("migrated_sqlite"), path)
        db = open_database(str(path))
        name = None
    else:
        server: PostgresServer = request.getfixturevalue("postgres")
        name = f"csodesk_roles_{os.getpid()}"
        db = open_database(
            server.create_database(name, template=request.getfixturevalue("postgres_template"))
        )
    yield demo_with_roles(db, folder)
    db.close()
    if name is not None:
        request.getfixturevalue("postgres").drop_database(name)


def _fingerprint(db: Database) -> list[tuple[Any, ...]]:
    """Each table's row count and the sum of its rows' versions, in one query: a refused
    write that added, removed or changed any row (an audit entry included) changes it."""
    statement = union_all(
        *(
            select(literal(table.name), func.count(), _versions(table)).select_from(table)
            for table in Base.metadata.sorted_tables
        )
    )
    with db.transaction() as session:
        return sorted(tuple(row) for row in session.execute(statement))


def _versions(table: Any) -> Any:
    version = table.columns.get("version")
    return func.coalesce(func.sum(version), 0) if version is not None else func.count()


# -- the tests ----------------------------------------------------------------------------


def test_every_public_method_has_a_recipe() -> None:
    missing = [
        f"{cls.__name__}.{method}"
        for cls in service_classes()
        for method in public_methods(cls)
        if recipe_for(cls, method) is None
    ]
    assert missing == []
    for cls in ABSTRACT:
        assert any(sub not in ABSTRACT for sub in _subclasses(cls)), cls


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_each_role_is_refused_exactly_what_the_matrix_denies(demo: Demo, role: Role) -> None:
    actor = demo.users[role]
    wrong: list[str] = []
    for cls in service_classes():
        service = cls(demo.db, actor)
        for method in public_methods(cls):
            recipe = recipe_for(cls, method)
            assert recipe is not None, f"{cls.__name__}.{method} has no recipe"
            may = all(role in ROLES_WITH[permission] for permission in recipe.needs)
            try:
                call = recipe.prepare(demo)
            except Exception as error:  # a broken recipe, reported with the rest
                wrong.append(f"{cls.__name__}.{method}: recipe: {type(error).__name__}: {error}")
                continue
            before = _fingerprint(demo.db) if not may else None
            try:
                call(service)
            except PermissionDenied as refusal:
                if may:
                    wrong.append(f"{cls.__name__}.{method}: refused ({refusal})")
                elif _fingerprint(demo.db) != before:
                    wrong.append(f"{cls.__name__}.{method}: refused but changed the database")
                continue
            except Exception as error:  # a recipe's call must succeed where it is allowed
                wrong.append(f"{cls.__name__}.{method}: {type(error).__name__}: {error}")
                continue
            if not may:
                wrong.append(f"{cls.__name__}.{method}: not refused")
    assert not wrong, "\n".join(wrong)
