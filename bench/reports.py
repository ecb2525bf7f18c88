"""The report figures: the quarterly and the EU financial report for the largest grant,
each beside a bare reportlab document printing the same table rows, built in the same run.

A report is timed as the Reports page writes it (``write_report``: the data gathered from
the database, then the PDF drawn and written), so the ratio to the bare document says what
our queries, fonts, styles and page decorations cost on top of reportlab itself.

The floor (``bare_document``) prints what the report's tables print, legibly, with nothing
else: a ``SimpleDocTemplate`` (A4, reportlab's default margins) holding one ``Table`` whose
rows are every row of every table in the report (header rows included, in the report's
order), each cell the plain text the report prints in it.  A cell with a letter in it is
text that must wrap, so it is a bare ``Paragraph`` in the sample stylesheet's ``Normal``
style (Helvetica 10, only ``&``, ``<`` and ``>`` escaped); a cell without one (counts,
amounts, percentages, "< 5", a dash) is a plain string.  Drawings (the progress bars) are
left out, rows shorter than the widest are padded with empty cells, the columns are of
equal width, and the first row repeats on each page.  The texts are read from the report's
own story once, before timing, so the floor holds exactly the report's cell texts.
"""

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

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
FLOOR = (
    "bare SimpleDocTemplate, one Table of the report's own cell texts (every row of every "
    "table): text cells bare Paragraphs in the Normal style, cells without a letter plain "
    "strings, equal column widths, first row repeated"
)
_LETTER = re.compile(r"[^\W\d_]")


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
class TableTexts:
    """The plain text of every cell of every table a report draws, row by row."""

    rows: tuple[tuple[str, ...], ...]

    @property
    def columns(self) -> int:
        return max((len(row) for row in self.rows), default=1)

    @property
    def text_cells(self) -> int:
        return sum(1 for row in self.rows for cell in row if _is_text(cell))

    @property
    def number_cells(self) -> int:
        return sum(1 for row in self.rows for cell in row if cell and not _is_text(cell))


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


def table_texts(db: Database, key: str, grant: LargestGrant) -> TableTexts:
    """The cell texts of one report's tables, read from the story it lays out."""
    report = report_format(key)
    data = report.build(db, grant.grant_id, grant.period_id, LANGUAGE, False)
    with _stories() as stories:
        report.render(data, BytesIO())
    tables = [flowable for flowable in _flattened(stories[0]) if _is_table(flowable)]
    return TableTexts(
        tuple(
            tuple(_plain_text(cell) for cell in row)
            for table in tables
            for row in table._cellvalues
        )
    )


def bare_document(texts: TableTexts, target: Path) -> None:
    """The floor: the report's cell texts in one bare table (see the module's docstring)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    style = getSampleStyleSheet()["Normal"]
    document = SimpleDocTemplate(str(target), pagesize=A4)
    columns = texts.columns
    rows = [
        [Paragraph(escape(cell), style) if _is_text(cell) else cell for cell in row]
        + [""] * (columns - len(row))
        for row in texts.rows
    ]
    document.build([Table(rows, colWidths=[document.width / columns] * columns, repeatRows=1)])


def report_figures(db: Database, scale: int, runs: int) -> list[Figure]:
    """The quarterly and EU financial figures for ``db``'s largest grant, ``runs`` times each."""
    grant = largest_grant(db)
    texts = {key: table_texts(db, key, grant) for key in FORMATS}
    with tempfile.TemporaryDirectory(prefix="csodesk-bench-") as directory:
        folder = Path(directory)

        def report(key: str) -> Any:
            return lambda: write_report(
                db, key, grant.grant_id, grant.period_id, LANGUAGE, folder / f"{key}.pdf"
            )

        def floor(key: str) -> Any:
            return lambda: bare_document(texts[key], folder / f"{key}-floor.pdf")

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
                f"period {grant.period_label}, {len(texts[key].rows)} table rows "
                f"(up to {texts[key].columns} columns): {texts[key].text_cells} text cells, "
                f"{texts[key].number_cells} number cells"
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


def _plain_text(cell: Any) -> str:
    """What a reader sees in a cell: a string, a Paragraph's text, or the texts of the
    flowables stacked in it (a drawing, such as a progress bar, has none)."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, list | tuple):
        return " ".join(text for text in map(_plain_text, cell) if text)
    plain = getattr(cell, "getPlainText", None)
    return plain() if callable(plain) else ""


def _is_text(cell: str) -> bool:
    """A cell that must wrap: one with a letter in it, not a count, amount or percentage."""
    return _LETTER.search(cell) is not None


def _is_table(flowable: Any) -> bool:
    from reportlab.platypus import Table

    return isinstance(flowable, Table)
