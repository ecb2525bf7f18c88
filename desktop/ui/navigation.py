"""The pages the sidebar offers, in its order, and how each is built.

Pages are built the first time they are shown, so the window opens without reading lists
the user may not look at; a page's module is imported then too, not at start-up, where
importing all eleven cost 0.63 s of CPU before the first paint (bench/findings.md).
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from desktop.i18n import N_

if TYPE_CHECKING:
    from desktop.store.database import Database


@dataclass(frozen=True)
class PageSpec:
    key: str  # what QSettings remembers as the last page
    title: str  # untranslated; the sidebar and the window title translate it
    module: str  # imported when the page is first built
    class_name: str  # the page's class in that module, called with the database

    def page_class(self) -> Callable[["Database"], QWidget]:
        """The page's class, importing its module on the first call."""
        page_class: Callable[[Database], QWidget] = getattr(
            import_module(self.module), self.class_name
        )
        return page_class

    def build(self, db: "Database") -> QWidget:
        return self.page_class()(db)


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("Dashboard"), "desktop.ui.dashboard.page", "DashboardPage"),
    PageSpec("projects", N_("Projects"), "desktop.ui.projects.page", "ProjectsPage"),
    PageSpec("partners", N_("Partners"), "desktop.ui.organisations.page", "OrganisationsPage"),
    PageSpec("people", N_("People"), "desktop.ui.people.page", "PeoplePage"),
    PageSpec("grants", N_("Grants"), "desktop.ui.grants.page", "GrantsPage"),
    PageSpec("activities", N_("Activities"), "desktop.ui.activities.page", "ActivitiesPage"),
    PageSpec("results", N_("Results"), "desktop.ui.results.page", "ResultsPage"),
    PageSpec("research", N_("Research"), "desktop.ui.research.page", "ResearchPage"),
    PageSpec("cases", N_("Cases"), "desktop.ui.cases.page", "CasesPage"),
    PageSpec("reports", N_("Reports"), "desktop.ui.reports_page", "ReportsPage"),
    PageSpec("audit", N_("Audit log"), "desktop.ui.audit_page", "AuditPage"),
)
DEFAULT_PAGE = "projects"
