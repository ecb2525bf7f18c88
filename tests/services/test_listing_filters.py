"""Named list filters: applied in SQL by the list's service, combined with the search."""

import pytest

from desktop.domain.organisation import OrganisationKind
from desktop.domain.project import ProjectStatus
from desktop.services.listing import ListQuery
from desktop.services.organisations import OrganisationService
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from tests.ui.helpers import add_organisation, add_project


def test_a_query_holds_one_value_per_filter() -> None:
    query = ListQuery().with_filter("status", "active").with_filter("kind", "donor")
    assert query.filter_value("status") == "active"
    assert query.with_filter("status", "closed").filters == (
        ("kind", "donor"),
        ("status", "closed"),
    )
    assert query.with_filter("status", None).filter_value("status", "any") == "any"


def test_projects_filtered_by_status_and_search(db: Database) -> None:
    add_project(db, "KS-01", "Safer streets in Zvečan", status=ProjectStatus.ACTIVE)
    add_project(db, "KS-02", "Safer schools", status=ProjectStatus.PLANNED)
    add_project(db, "KS-03", "Police and youth dialogue", status=ProjectStatus.ACTIVE)
    service = ProjectService(db)
    active = ListQuery(sort="code").with_filter("status", ProjectStatus.ACTIVE)
    assert [row.code for row in service.page(active)] == ["KS-01", "KS-03"]
    assert service.count(active) == 2
    assert [row.code for row in service.page(active.with_filter("status", None))] == [
        "KS-01",
        "KS-02",
        "KS-03",
    ]
    searched = ListQuery(search="safer", sort="code").with_filter("status", ProjectStatus.ACTIVE)
    assert [row.code for row in service.page(searched)] == ["KS-01"]
    either = ListQuery(sort="code").with_filter(
        "status", (ProjectStatus.PLANNED, ProjectStatus.ACTIVE)
    )
    assert service.count(either) == 3


def test_organisations_filtered_by_kind(db: Database) -> None:
    add_organisation(db, "Network for Peace", OrganisationKind.PARTNER_CSO)
    add_organisation(db, "European Union Office", OrganisationKind.DONOR)
    service = OrganisationService(db)
    donors = ListQuery().with_filter("kind", OrganisationKind.DONOR)
    assert [row.name for row in service.page(donors)] == ["European Union Office"]
    by_value = ListQuery().with_filter("kind", "partner_cso")  # as a combo box holds it
    assert [row.name for row in service.page(by_value)] == ["Network for Peace"]


def test_an_unknown_filter_is_a_programming_error(db: Database) -> None:
    with pytest.raises(ValueError):
        ProjectService(db).count(ListQuery().with_filter("colour", "blue"))
