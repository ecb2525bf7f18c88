"""The report benchmark still runs: on the small demo it finds the largest grant, times both
reports and their floors, and writes a results table.  No time is asserted here."""

from pathlib import Path

from sqlalchemy import func, select

from bench.measure import Figure, Target, interleaved
from bench.reports import FORMATS, bare_document, largest_grant, report_figures, table_texts
from bench.results import markdown, table
from desktop.domain.activity import Activity
from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.domain.period import ReportingPeriod
from desktop.store.database import Database
from desktop.store.demo import load_demo


def test_largest_grant_is_the_one_with_most_to_print_and_its_latest_active_period(
    sqlite_db: Database,
) -> None:
    load_demo(sqlite_db)
    grant = largest_grant(sqlite_db)
    with sqlite_db.transaction() as session:
        sizes = {
            each.id: session.scalar(select(func.count()).where(BudgetLine.grant_id == each.id))
            + session.scalar(select(func.count()).where(Expenditure.grant_id == each.id))
            + session.scalar(
                select(func.count()).where(
                    Activity.project_id == each.project_id,
                    Activity.archived_at.is_(None),
                    Activity.start_date <= each.end_date,
                    Activity.end_date >= each.start_date,
                )
            )
            for each in session.scalars(select(Grant))
        }
        period = session.get(ReportingPeriod, grant.period_id)
        project_id = session.get(Grant, grant.grant_id).project_id
        active = session.scalar(
            select(func.count()).where(
                Activity.project_id == project_id,
                Activity.start_date <= period.end_date,
                Activity.end_date >= period.start_date,
            )
        )
        later = session.scalars(
            select(ReportingPeriod).where(
                ReportingPeriod.grant_id == grant.grant_id,
                ReportingPeriod.end_date > period.end_date,
            )
        ).all()
        later_active = [
            p.label
            for p in later
            if session.scalar(
                select(func.count()).where(
                    Activity.project_id == project_id,
                    Activity.start_date <= p.end_date,
                    Activity.end_date >= p.start_date,
                )
            )
        ]
    assert sizes[grant.grant_id] == max(sizes.values())
    assert grant.budget_lines + grant.expenditures + grant.activities == max(sizes.values())
    assert period.grant_id == grant.grant_id and period.label == grant.period_label
    assert active > 0
    assert later_active == []


def test_report_figures_time_both_reports_beside_their_floors(
    sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db)
    figures = report_figures(sqlite_db, scale=50, runs=2)

    assert [figure.name for figure in figures] == [f"{key} report" for key in FORMATS]
    for figure in figures:
        assert figure.scale == 50
        assert len(figure.samples) == 2 and len(figure.floor_samples) == 2
        assert min(figure.samples) > 0 and min(figure.floor_samples) > 0
        assert figure.ratio > 0
        assert "table rows" in figure.detail
    written = markdown(figures, runs=2, notes="## Findings\n\nnone yet")
    assert "| quarterly report | 50 |" in written
    assert "| eu-financial report | 50 |" in written
    assert written.rstrip().endswith("none yet")


def test_the_floor_prints_the_cells_of_the_reports_tables(
    sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db)
    grant = largest_grant(sqlite_db)
    texts = table_texts(sqlite_db, "quarterly", grant)
    floor = tmp_path / "floor.pdf"
    bare_document(texts, floor)

    from pypdf import PdfReader

    printed = "".join("".join(page.extract_text().split()) for page in PdfReader(floor).pages)
    assert len(texts.rows) > 10 and texts.columns >= 2
    assert texts.text_cells > 0 and texts.number_cells > 0
    for row in (texts.rows[0], texts.rows[len(texts.rows) // 2], texts.rows[-1]):
        for cell in row:
            assert "".join(cell.split()) in printed


def test_a_figure_meets_its_target_only_within_both_limits() -> None:
    samples = interleaved({"figure": lambda: None, "floor": lambda: None}, runs=3)
    assert len(samples["figure"]) == 3 and len(samples["floor"]) == 3
    target = Target(ratio=1.5, seconds=2.0)

    def figure(median: float, floor: float) -> Figure:
        return Figure("f", 1, (median,), (floor,), "floor", target)

    assert figure(1.4, 1.0).met
    assert not figure(1.6, 1.0).met
    assert not figure(2.5, 2.0).met
    assert "(ratio)" in table([figure(1.6, 1.0)])
    assert "(time)" in table([figure(2.5, 2.0)])
    assert "(ratio and time)" in table([figure(5.0, 1.0)])
