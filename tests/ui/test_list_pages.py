"""Partners and grants: the same paged, searchable lists as projects, read-only for now."""

from pytestqt.qtbot import QtBot

from desktop.domain.organisation import ORGANISATION_KIND_LABELS, OrganisationKind
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_money
from desktop.services.organisations import OrganisationService
from desktop.store.database import Database
from desktop.ui.grants.page import GrantsPage
from desktop.ui.main_window import MainWindow
from desktop.ui.organisations.page import OrganisationsPage as PartnersPage
from desktop.ui.widgets.list_page import ListPage
from tests.ui.helpers import add_grant, add_organisation, add_project


def rows(page: ListPage) -> list[list[str]]:
    model = page.model
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_partners_are_listed_searched_and_archived(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_organisation(sqlite_db, "Peace and Security Network", OrganisationKind.PARTNER_CSO)
    ngo = add_organisation(sqlite_db, "Zajedno", OrganisationKind.PARTNER_CSO, acronym="ZAJ")
    add_organisation(sqlite_db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    page = window.show_page("partners")
    assert isinstance(page, PartnersPage)
    assert [row[0] for row in rows(page)] == [
        "European Union Office in Kosovo",
        "Peace and Security Network",
        "Zajedno",
    ]
    assert rows(page)[0][2] == _(ORGANISATION_KIND_LABELS[OrganisationKind.DONOR])

    qtbot.keyClicks(page.search_edit, "zaj")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)

    OrganisationService(sqlite_db).archive(ngo)
    page.reload()
    assert page.model.rowCount() == 0
    page.archived_check.setChecked(True)
    assert [row[1] for row in rows(page)] == ["ZAJ"]


def test_grants_show_project_donor_and_amount(window: MainWindow, sqlite_db: Database) -> None:
    donor = add_organisation(sqlite_db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    add_grant(sqlite_db, "NDICI/2024/451-117", project, donor)
    page = window.show_page("grants")
    assert isinstance(page, GrantsPage)
    [row] = rows(page)
    assert row[:3] == ["NDICI/2024/451-117", "Safer communities", "European Union Office in Kosovo"]
    assert row[3] == format_money(page.model.row_at(0).amount, "EUR", current_language())
