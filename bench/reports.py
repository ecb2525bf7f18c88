"""The report figures: the quarterly and the EU financial report for the largest grant,
each beside a bare reportlab document with as many table rows, built in the same run.

A report is timed as the Reports page writes it (``write_report``: the data gathered from
the database, then the PDF drawn and written), so the ratio to the bare document says what
our queries, fonts, styles and page decorations cost on top of reportlab itself.
"""

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.measure import Figure, Target, interleaved
from desktop.domain.activity import Activity
from desktop.domain.grant import BudgetLine, Expenditure, Grant
from desktop.domain.period import ReportingPeriod
from desktop.services.report_formats import report_format, write_report
from desktop.store.database import Database

FORMATS = ("quarterly", "eu-financial")
LANGUAGE = "en"
TARGET = Target(ratio=1.5, seconds=2.0)
FLOOR = "bare reportlab document, same rows × columns"


@dataclass(frozen=True)
class LargestGrant:
    """The grant with the most budget lines, expenditures and activities, and the latest of
    its reporting periods in which any of its project's activities took place."""

    grant_id: int
    contract_number: str
    period_id: int
    period_label: str
    budget_lines: int
    expenditures: int
    activities: int


@dataclass(frozen=True)
class TableShape:
    """How much table a report draws: all its table rows, and the columns of an average row
    (so the bare document holds as many cells)."""

    rows: int
    columns: int


def largest_grant(db: Database) -> LargestGrant:
    """The grant a report takes longest to print for, by counting what it has to print."""
    with db.transaction() as session:
        lines = (
            select(func.count())
            .where(BudgetLine.grant_id == Grant.id)
            .scalar_subquery()
            .label("lines")
        )
        spent = (
            select(func.count())
            .where(Expenditure.grant_id == Grant.id)
            .scalar_subquery()
            .label("spent")
        )
        done = (
            select(func.count())
            .where(
                Activity.project_id == Grant.project_id,
                Activity.archived_at.is_(None),
                Activity.start_date <= Grant.end_date,
                Activity.end_date >= Grant.start_date,
            )
            .scalar_subquery()
            .label("done")
        )
        row = session.execute(
            select(Grant.id, Grant.contract_number, Grant.project_id, lines, spent, done)
            .where(Grant.archived_at.is_(None))
            .order_by((lines + spent + done).desc(), Grant.id)
            .limit(1)
        ).one()
        period = session.execute(
            select(ReportingPeriod.id, ReportingPeriod.label)
            .where(
                ReportingPeriod.grant_id == row.id,
                select(Activity.id)
                .where(
                    Activity.project_id == row.project_id,
                    Activity.archived_at.is_(None),
                    Activity.start_date <= ReportingPeriod.end_date,
                    Activity.end_date >= ReportingPeriod.start_date,
                )
                .exists(),
            )
            .order_by(ReportingPeriod.end_date.desc(), ReportingPeriod.id.desc())
            .limit(1)
        ).one()
    return LargestGrant(
        row.id, row.contract_number, period.id, period.label, row.lines, row.spent, row.done
    )


def table_shape(db: Database, key: str, grant: LargestGrant) -> TableShape:
    """The table rows and columns of one report, read from the story it lays out."""
    report = report_format(key)
    data = report.build(db, grant.grant_id, grant.period_id, LANGUAGE, False)
    with _stories() as stories:
        report.render(data, BytesIO())
    tables = [flowable for flowable in _flattened(stories[0]) if _is_table(flowable)]
    rows = sum(len(table._cellvalues) for table in tables)
    cells = sum(len(table._cellvalues) * table._ncols for table in tables)
    return TableShape(rows=rows, columns=max(1, round(cells / rows)) if rows else 1)


def bare_document(shape: TableShape, target: Path) -> None:
    """The floor: one A4 document holding one table of plain strings, header repeated."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Table

    document = SimpleDocTemplate(str(target), pagesize=A4)
    width = (A4[0] - 40 * mm) / shape.columns
    header = [f"column {column}" for column in range(shape.columns)]
    body = [[f"{row}.{column}" for column in range(shape.columns)] for row in range(1, shape.rows)]
    document.build([Table([header, *body], colWidths=[width] * shape.columns, repeatRows=1)])


def report_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """The quarterly and EU financial figures for ``db``'s largest grant, ``runs`` times each."""
    grant = largest_grant(db)
    shapes = {key: table_shape(db, key, grant) for key in FORMATS}
    with tempfile.TemporaryDirectory(prefix="csodesk-bench-") as directory:
        folder = Path(directory)

        def report(key: str) -> Any:
            return lambda: write_report(
                db, key, grant.grant_id, grant.period_id, LANGUAGE, folder / f"{key}.pdf"
            )

        def floor(key: str) -> Any:
            return lambda: bare_document(shapes[key], folder / f"{key}-floor.pdf")

        actions = {key: report(key) for key in FORMATS}
        actions |= {f"{key} floor": floor(key) for key in FORMATS}
        samples = interleaved(actions, runs)
    return [
        Figure(
            name=f"{key} report",
            scale=scale,
            samples=tuple(samples[key]),
            floor_samples=tuple(samples[f"{key} floor"]),
            floor=FLOOR,
            target=TARGET,
            detail=(
                f"grant {grant.contract_number} ({grant.budget_lines} budget lines, "
                f"{grant.expenditures} expenditures, {grant.activities} activities), "
                f"period {grant.period_label}, {shapes[key].rows} table rows × "
                f"{shapes[key].columns} columns"
            ),
        )
        for key in FORMATS
    ]


@contextmanager
def _stories() -> Iterator[list[list[Any]]]:
    """Collects the story each document is built from; ``multiBuild`` passes the same story
    to ``build`` once per layout pass, so the first one is the whole report."""
    from reportlab.platypus.doctemplate import BaseDocTemplate

    stories: list[list[Any]] = []
    original = BaseDocTemplate.build

    def build(self: Any, flowables: list[Any], *args: Any, **kwargs: Any) -> Any:
        stories.append(list(flowables))
        return original(self, flowables, *args, **kwargs)

    BaseDocTemplate.build = build  # type: ignore[method-assign]
    try:
        yield stories
    finally:
        BaseDocTemplate.build = original  # type: ignore[method-assign]


def _flattened(flowables: list[Any]) -> Iterator[Any]:
    """Every flowable, including those held together inside another (``KeepTogether``)."""
    for flowable in flowables:
        yield flowable
        inner = getattr(flowable, "_content", None)
        if isinstance(inner, list):
            yield from _flattened(inner)


def _is_table(flowable: Any) -> bool:
    from reportlab.platypus import Table

    return isinstance(flowable, Table)
