"""The screen benchmark still runs: on the small demo it opens the largest project and the
Dashboard with the real widgets, and replays the SELECTs they sent.  No time is asserted."""

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from bench.measure import Figure
from bench.screens import (
    largest_project,
    open_dashboard,
    open_project,
    recorded_selects,
    replay,
    screen_figures,
)
from desktop.domain.activity import Activity
from desktop.domain.grant import Grant
from desktop.domain.project import Project
from desktop.store.database import Database
from desktop.store.demo import load_demo


def test_the_largest_project_has_the_most_activities_and_grants(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    project_id, code, activities, grants = largest_project(sqlite_db)
    with sqlite_db.transaction() as session:
        sizes = {
            project.id: session.scalar(
                select(func.count()).where(Activity.project_id == project.id)
            )
            + session.scalar(select(func.count()).where(Grant.project_id == project.id))
            for project in session.scalars(select(Project))
        }
        assert session.get(Project, project_id).code == code
    assert activities + grants == sizes[project_id] == max(sizes.values())


def test_opening_a_project_reads_it_and_its_choices(sqlite_db: Database, qtbot: QtBot) -> None:
    load_demo(sqlite_db)
    project_id = largest_project(sqlite_db)[0]
    statements = recorded_selects(sqlite_db, lambda: open_project(sqlite_db, project_id))
    read = " ".join(statement for statement, _parameters in statements)
    for table in ("FROM projects", "project_municipalities", "FROM organisations", "attachments"):
        assert table in read
    assert any(project_id in tuple(parameters) for _statement, parameters in statements)
    assert replay(sqlite_db, statements) > 0


def test_the_dashboard_figure_waits_for_the_figures_read_off_the_gui_thread(
    sqlite_db: Database, qtbot: QtBot
) -> None:
    load_demo(sqlite_db)
    statements = recorded_selects(sqlite_db, lambda: open_dashboard(sqlite_db))
    read = " ".join(statement for statement, _parameters in statements)
    # the aggregates the background read sends had run when the figure ended
    for table in ("FROM activities", "FROM grants", "FROM cases", "FROM reporting_periods"):
        assert table in read


def test_screen_figures_time_both_screens_beside_their_floors(
    sqlite_db: Database, qtbot: QtBot
) -> None:
    load_demo(sqlite_db)
    figures = screen_figures(sqlite_db, scale=50, runs=2)

    assert [figure.name for figure in figures] == ["open a project", "dashboard"]
    for figure in figures:
        assert figure.scale == 50
        assert len(figure.samples) == 2 and len(figure.floor_samples) == 2
        assert min(figure.samples) > 0 and min(figure.floor_samples) > 0
        assert "SELECTs" in figure.detail
    assert figures[0].target.describe() == "< 0.15 s"
    assert figures[1].target.describe() == "< 0.3 s"
    # only the time counts: the floor is what the database costs, far below any widget
    quick = Figure("f", 1, (0.1,), (0.001,), "floor", figures[0].target)
    slow = Figure("f", 1, (0.2,), (0.199,), "floor", figures[0].target)
    assert quick.met and not slow.met
