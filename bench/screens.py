"""The screen figures: opening a project in its editor, and the Dashboard, each with the real
widgets offscreen, beside the raw SQL that reads the same data.

A figure runs from building the widget until the widgets that show the data have painted
(a paint event reaches each of them after the data is in), in the one ``QApplication`` of the
run.  The project editor (``ProjectDialog``) has no tabs: it is one form (code, four titles,
status, dates, lead organisation, summary), the municipalities and thematic areas to tick and
the attached files; all of it is shown at once, so the figure ends when the dialog, both lists
and the attachments have painted.  The Dashboard reads its figures off the GUI thread, as in
the application; its figure ends when every chart and the deadline list have painted the
figures that came back.

The floor replays, through the engine's raw DBAPI connection, the very ``SELECT`` statements
(with their parameters) that the widget's services sent while it opened, recorded once
before timing: the project row, its municipalities, thematic areas and partners, the
organisations, municipalities and thematic areas offered, and the attachments; or the
Dashboard's aggregates (participants by municipality and month, grant burn, indicator
progress, cases by status, deadlines).  Each is executed and every row fetched: what the
database itself costs, without the ORM, the services' Python or Qt.
"""

import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, func, select

from bench.measure import Figure, Target, timed
from desktop.domain.activity import Activity
from desktop.domain.grant import Grant
from desktop.domain.project import Project
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY

PROJECT_TARGET = Target(seconds=0.150)
DASHBOARD_TARGET = Target(seconds=0.300)
PROJECT_FLOOR = (
    "the SELECTs the editor's services sent (project, its municipalities, themes, partners, "
    "organisations, municipalities and themes offered, attachments), replayed raw"
)
DASHBOARD_FLOOR = "the Dashboard's aggregate SELECTs, replayed raw"
# Large enough that every Dashboard card is on screen: from 100,000 activities the third
# row (indicator progress, deadlines) begins below 1,400 pixels, under 38 municipalities'
# participants, and a card off screen is never painted.  (Until the charts were bounded,
# their thousands of bars overflowed the layout, which then drew every card in the top.)
WINDOW_SIZE = (1600, 2200)
TIMEOUT = 60.0  # seconds a widget may take before the benchmark gives up

Statement = tuple[str, Any]


def screen_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """Opening the largest project, and the Dashboard, ``runs`` times each."""
    application()
    project_id, code, activities, grants = largest_project(db)
    project_reads = recorded_selects(db, lambda: open_project(db, project_id))
    dashboard_reads = recorded_selects(db, lambda: open_dashboard(db))
    samples = take_turns(
        {
            "project": lambda: open_project(db, project_id),
            "project floor": lambda: timed(lambda: replay(db, project_reads)),
            "dashboard": lambda: open_dashboard(db),
            "dashboard floor": lambda: timed(lambda: replay(db, dashboard_reads)),
        },
        runs,
    )
    return [
        Figure(
            name="open a project",
            scale=scale,
            samples=tuple(samples["project"]),
            floor_samples=tuple(samples["project floor"]),
            floor=PROJECT_FLOOR,
            target=PROJECT_TARGET,
            detail=(
                f"project {code} ({activities} activities, {grants} grants), "
                f"{len(project_reads)} SELECTs"
            ),
        ),
        Figure(
            name="dashboard",
            scale=scale,
            samples=tuple(samples["dashboard"]),
            floor_samples=tuple(samples["dashboard floor"]),
            floor=DASHBOARD_FLOOR,
            target=DASHBOARD_TARGET,
            detail=(
                f"as of {DEMO_TODAY.isoformat()}, {len(dashboard_reads)} SELECTs, "
                f"{dashboard_shows(db)}"
            ),
        ),
    ]


def dashboard_shows(db: Database) -> str:
    """How many bars the Dashboard's two unbounded charts draw: they grow with the office
    (every running grant, every indicator with a target in an active project), and with them
    the page's formatting and painting."""
    from desktop.services.dashboard import DashboardService

    figures = DashboardService(db).figures(DEMO_TODAY, "en")
    indicators = sum(len(project.indicators) for project in figures.progress)
    return (
        f"{len(figures.grants)} running grants, {indicators} indicators of "
        f"{len(figures.progress)} active projects, "
        f"{figures.participation.activities} activities of {DEMO_TODAY.year}"
    )


def take_turns(actions: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Like ``bench.measure.interleaved``, for actions that time themselves: a widget is
    closed and deleted after its clock stops, so the next run does not pay for it."""
    for action in actions.values():
        action()
    samples: dict[str, list[float]] = {key: [] for key in actions}
    for _run in range(runs):
        for key, action in actions.items():
            samples[key].append(action())
    return samples


def application() -> Any:
    """The run's one ``QApplication`` (offscreen unless a platform is chosen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def largest_project(db: Database) -> tuple[int, str, int, int]:
    """(id, code, activities, grants) of the project with the most activities and grants."""
    with db.transaction() as session:
        activities = (
            select(func.count())
            .where(Activity.project_id == Project.id)
            .scalar_subquery()
            .label("activities")
        )
        grants = (
            select(func.count()).where(Grant.project_id == Project.id).scalar_subquery()
        ).label("grants")
        row = session.execute(
            select(Project.id, Project.code, activities, grants)
            .where(Project.archived_at.is_(None))
            .order_by((activities + grants).desc(), Project.id)
            .limit(1)
        ).one()
    return row.id, row.code, row.activities, row.grants


def open_project(db: Database, project_id: int) -> float:
    """Seconds from building the project's editor to its painting it; it is then closed
    unchanged."""
    from desktop.ui.projects.dialog import ProjectDialog

    started = time.perf_counter()
    dialog = ProjectDialog(db, project_id, None)
    watched = [
        dialog,
        dialog.municipality_list.list.viewport(),
        dialog.theme_list.list.viewport(),
    ]
    if dialog.attachments is not None:
        watched.append(dialog.attachments)
    with _painted(watched) as painted:
        dialog.show()
        _wait_until(painted)
    seconds = time.perf_counter() - started
    _dispose(dialog)
    return seconds


def open_dashboard(db: Database) -> float:
    """Seconds from building the Dashboard to its charts' painting the figures it read."""
    from desktop.ui.dashboard.page import DashboardPage

    started = time.perf_counter()
    page = DashboardPage(db, today=lambda: DEMO_TODAY)
    page.resize(*WINDOW_SIZE)
    charts = [
        page.burn_chart,
        page.cases_strip,
        page.municipality_chart,
        page.quarter_chart,
        page.progress_chart,
        page.deadlines.viewport(),  # or, on a day with no report due, the note saying so
        page.no_deadlines,
    ]
    shown: list[bool] = []
    page.refreshed.connect(lambda: shown.append(True))
    with _painted(charts, after=lambda: bool(shown)) as painted:
        page.show()
        _wait_until(painted)
    seconds = time.perf_counter() - started
    _dispose(page)
    return seconds


def recorded_selects(db: Database, action: Callable[[], object]) -> list[Statement]:
    """The ``SELECT`` statements (and parameters) ``db`` executed while ``action`` ran."""
    statements: list[Statement] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return statements


def replay(db: Database, statements: Iterable[Statement]) -> int:
    """The floor: each statement executed on the raw DBAPI connection, every row fetched."""
    connection = db.engine.raw_connection()
    try:
        cursor = connection.cursor()
        rows = 0
        for statement, parameters in statements:
            cursor.execute(statement, parameters)
            rows += len(cursor.fetchall())
        cursor.close()
        connection.rollback()
        return rows
    finally:
        connection.close()


@contextmanager
def _painted(widgets: list[Any], after: Callable[[], bool] = lambda: True) -> Iterator[Any]:
    """A check that is true once ``after()`` is and each of ``widgets`` on screen has
    painted since (paints before the data arrived do not count)."""
    from PySide6.QtCore import QEvent, QObject

    pending = set(map(id, widgets))

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and after():
                pending.discard(id(watched))
            return False

    watch = Watch()
    for widget in widgets:
        widget.installEventFilter(watch)
    try:
        yield (
            lambda: (
                after()
                and all(id(widget) not in pending or not widget.isVisible() for widget in widgets)
            )
        )
    finally:
        for widget in widgets:
            widget.removeEventFilter(watch)


def _wait_until(done: Callable[[], bool]) -> None:
    """Process events (sleeping between them) until ``done()``."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + TIMEOUT
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError("the widget did not paint its data in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if not done():
            time.sleep(0.0005)


def _dispose(widget: Any) -> None:
    """Close and delete a widget, outside what is timed for the next run."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.hide()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
