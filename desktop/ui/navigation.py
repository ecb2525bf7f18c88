"""The pages the sidebar offers, in its order, and how each is built.

Pages are built the first time they are shown, so the window opens without reading lists
the user may not look at.
"""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desktop.i18n import N_
from desktop.store.database import Database
from desktop.ui.activities.page import ActivitiesPage
from desktop.ui.audit_page import AuditPage
from desktop.ui.cases.page import CasesPage
from desktop.ui.dashboard.page import DashboardPage
from desktop.ui.grants.page import GrantsPage
from desktop.ui.organisations.page import OrganisationsPage
from desktop.ui.people.page import PeoplePage
from desktop.ui.projects.page import ProjectsPage
from desktop.ui.reports_page import ReportsPage
from desktop.ui.research.page import ResearchPage
from desktop.ui.results.page import ResultsPage


@dataclass(frozen=True)
class PageSpec:
    key: str  # what QSettings remembers as the last page
    title: str  # untranslated; the sidebar and the window title translate it
    build: Callable[[Database], QWidget]


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", N_("Dashboard"), DashboardPage),
    PageSpec("projects", N_("Projects"), ProjectsPage),
    PageSpec("partners", N_("Partners"), OrganisationsPage),
    PageSpec("people", N_("People"), PeoplePage),
    PageSpec("grants", N_("Grants"), GrantsPage),
    PageSpec("activities", N_("Activities"), ActivitiesPage),
    PageSpec("results", N_("Results"), ResultsPage),
    PageSpec("research", N_("Research"), ResearchPage),
    PageSpec("cases", N_("Cases"), CasesPage),
    PageSpec("reports", N_("Reports"), ReportsPage),
    PageSpec("audit", N_("Audit log"), AuditPage),
)
DEFAULT_PAGE = "projects"
