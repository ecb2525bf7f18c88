"""The list benchmarks still run: on the small demo they open the real list pages, type
into the real search field and sort by every column, each beside its raw SQL floor; the
floors read the same page the services do.  No time is asserted here.

The benchmark files are SQLite (the floors use its FTS5 table), so these use ``sqlite_db``.
"""

import pytest

from bench.list_memory import memory_figures, peak_megabytes
from bench.list_sql import activities_page, expenditures_page, largest_expenditure_grant
from bench.lists import first_rows_figures, search_figures, sort_figures
from bench.measure import MEGABYTES, Figure, Target
from bench.results import markdown, table
from desktop.services.activities import ActivityService
from desktop.services.expenditures import ExpenditureService
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.page import COLUMNS


def _check(figure: Figure, runs: int) -> None:
    assert figure.scale == 50
    assert len(figure.samples) == runs and len(figure.floor_samples) == runs
    assert min(figure.samples) > 0 and min(figure.floor_samples) > 0
    assert figure.floor and "load average" in figure.detail
    assert "service" in figure.detail  # the service's own page call, timed in the same run
    assert figure.target.seconds is not None


def test_first_rows_open_the_activities_page_and_the_largest_grants_expenditures(
    sqlite_db: Database,
) -> None:
    load_demo(sqlite_db)
    figures = first_rows_figures(sqlite_db, scale=50, runs=1)

    assert [figure.name for figure in figures] == [
        "activities: first rows",
        "expenditures: first rows",
    ]
    for figure in figures:
        _check(figure, runs=1)
    assert "50 rows" in figures[0].detail
    _grant_id, contract, spent = largest_expenditure_grant(sqlite_db)
    assert f"grant {contract} ({spent:,} expenditures)" in figures[1].detail


def test_a_keystroke_narrows_the_list_to_each_word(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    figures = search_figures(sqlite_db, scale=50, runs=1)

    assert [figure.name for figure in figures] == [
        "activities: search keystroke “mitrovic”",
        "activities: search keystroke “trajnim”",
    ]
    for figure in figures:
        _check(figure, runs=1)
        assert "debounce" in figure.detail


def test_sorting_times_every_sortable_column_and_names_the_slowest(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    (figure,) = sort_figures(sqlite_db, scale=50, runs=1)

    _check(figure, runs=1)
    titles = [column.title for column in COLUMNS if column.sort_key is not None]
    slowest = figure.detail.split(";")[0].removeprefix("slowest: ")
    assert slowest in titles
    for title in titles:
        assert f"{title} " in figure.detail


def test_the_floors_read_the_page_the_services_read(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    activities = ActivityService(sqlite_db)
    connection = sqlite_db.engine.raw_connection()
    try:
        for column in COLUMNS:
            query = ListQuery(sort=column.sort_key or "")
            floor = [row[0] for row in activities_page(query.sort).rows(connection)]
            assert floor == [row.id for row in activities.page(query)], column.title
        for word in ("mitrovic", "trajnim", "prishtin"):
            query = ListQuery(sort="start_date", search=word)
            floor = [row[0] for row in activities_page("start_date", search=word).rows(connection)]
            assert sorted(floor) == sorted(row.id for row in activities.page(query)), word
            assert floor, word
        grant_id, _contract, spent = largest_expenditure_grant(sqlite_db)
        floor = [row[0] for row in expenditures_page(grant_id).rows(connection)]
        listed = ExpenditureService(sqlite_db).page(grant_id, ListQuery(sort="spent_on"))
        assert floor == [row.id for row in listed]
        assert len(floor) == min(spent, 200) > 0
    finally:
        connection.close()


def test_a_figure_of_memory_reads_in_megabytes_against_its_own_limit() -> None:
    target = Target(ratio=3.0, megabytes=250)

    def figure(median: float, floor: float) -> Figure:
        return Figure("memory", 1, (median,), (floor,), "bare", target, unit=MEGABYTES)

    assert figure(150, 60).met
    assert not figure(260, 100).met
    assert not figure(200, 50).met
    assert "| 150 MB | 0 MB | 60 MB | 2.50× | ≤ 3× floor, ≤ 250 MB | yes |" in table(
        [figure(150, 60)]
    )
    assert "(memory)" in table([figure(260, 100)])
    assert "(ratio)" in table([figure(200, 50)])
    assert "memory, 1" not in markdown([figure(150, 60)], runs=1)  # no detail, no line
    assert peak_megabytes() > 10


@pytest.mark.slow
def test_peak_memory_is_read_from_fresh_processes(sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    (figure,) = memory_figures(sqlite_db, scale=50, runs=1)

    assert figure.unit == MEGABYTES
    assert figure.floor_median > 10
    assert figure.median > figure.floor_median  # the application on top of the same Qt


def test_a_figure_held_to_a_time_alone_prints_its_ratio_without_being_judged_by_it() -> None:
    target = Target(seconds=0.05)

    def figure(median: float) -> Figure:
        return Figure("first rows", 1, (median,), (0.002,), "raw page", target)

    assert figure(0.04).met and figure(0.04).ratio == pytest.approx(20)
    assert "| 20.00× | < 0.05 s | yes |" in table([figure(0.04)])
    assert not figure(0.06).met
    assert "**no** (time)" in table([figure(0.06)])
