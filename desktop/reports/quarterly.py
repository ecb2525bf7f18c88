"""The one-project quarterly progress summary a CSO sends its donor after each quarter.

It is printed in ``report.language``, the donor's language, whatever the interface shows:
every label comes from that language's translator and every date, number and amount from
its CLDR conventions.  Dates are medium or long, never short (the Albanian short date has a
two-digit year).
"""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import BinaryIO

from babel.lists import format_list
from reportlab.platypus import Flowable, Spacer

from desktop.i18n import Translator, translator_for
from desktop.i18n.formatting import babel_locale
from desktop.reports.data import (
    ActivityRow,
    BudgetRow,
    CaseCountRow,
    IndicatorRow,
    QuarterlyReport,
)
from desktop.reports.document import (
    BAR_COLUMN_WIDTH,
    EMPTY_VALUE,
    Cell,
    Column,
    DocumentInfo,
    build_document,
    data_table,
    facts_table,
    note,
    nothing_to_report,
    progress_bar,
    report_styles,
    section_heading,
    sentence,
    text_block,
)
from desktop.reports.formatting import format_date, format_money, format_number, format_ratio
from desktop.reports.markup import format_markup, to_markup
from desktop.reports.paragraph import Paragraph
from desktop.reports.privacy import privacy_note, protect_counts


def render_quarterly(report: QuarterlyReport, target: Path | BinaryIO) -> None:
    """Write the quarterly progress report as a PDF to a file path or a binary stream."""
    t = translator_for(report.language)
    _ = t.gettext
    period = report.period_label
    build_document(
        target,
        cover=_cover(report, t),
        body=[
            *_summary(report, t),
            *_activities(report, t),
            *_indicators(report, t),
            *_budget(report, t),
            *_research(report, t),
            *_cases(report, t),
            *_narratives(report, t),
        ],
        info=DocumentInfo(
            language=t.code,
            title=_("Quarterly progress report {period}: {project}").format(
                period=period, project=report.project_title
            ),
            subject=_("Quarterly progress report {period}").format(period=period),
            reference=_("Contract no. {number}").format(number=report.contract_number),
            running_title=report.project_title,
            # L10N: left of the footer of every page; the contract number must stay
            footer_label=_("Quarterly progress report {period} · Contract no. {number}").format(
                period=period, number=report.contract_number
            ),
            # L10N: the footer of every page of a report
            page_label=_("Page {page} of {pages}"),
            keywords=(report.project_code, report.contract_number, period),
            logo=report.donor_logo,
        ),
    )


def _date(value: date | None, t: Translator, style: str) -> str:
    """A medium or long date whose parts never break across lines ("6 jan" / "2026")."""
    return format_date(value, t.code, style).replace(" ", "\u00a0")


def _date_range(t: Translator, start: date, end: date, style: str) -> str:
    if start == end:
        return _date(start, t, style)
    # L10N: a span of two dates, e.g. "1 January 2026 – 31 March 2026"
    return t.gettext("{start} – {end}").format(
        start=_date(start, t, style), end=_date(end, t, style)
    )


def _number(value: int | Decimal | None, t: Translator) -> str:
    return EMPTY_VALUE if value is None else format_number(value, t.code)


def _cover(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    styles = report_styles()
    facts = [
        (_("Project code"), report.project_code),
        (_("Contract number"), report.contract_number),
        (_("Donor"), report.donor),
        (_("Lead organisation"), report.lead_organisation),
        (_("Partners"), "\n".join(report.partners)),
        (
            _("Reporting period"),
            _date_range(t, report.period_start, report.period_end, "long"),
        ),
        (
            _("Project duration"),
            _date_range(t, report.project_start, report.project_end, "long"),
        ),
        (
            _("Municipalities"),
            format_list(report.municipalities, locale=babel_locale(t.code))
            if report.municipalities
            else "",
        ),
    ]
    if report.generated_on is not None:
        facts.append((_("Date of this report"), _date(report.generated_on, t, "long")))
    if report.internal:
        # An internal copy must not reach a donor by mistake: its cover says what it is.
        facts.append(
            (
                _("Distribution"),
                _("Internal: small counts are shown exactly; do not send to donors."),
            )
        )
    return [
        Paragraph(to_markup(_("Quarterly progress report")), styles.cover_label),
        Paragraph(to_markup(report.project_title), styles.cover_title),
        Paragraph(
            format_markup(
                _("Reporting period {period}: {dates}"),
                period=report.period_label,
                dates=_date_range(t, report.period_start, report.period_end, "long"),
            ),
            styles.cover_subtitle,
        ),
        facts_table(facts),
    ]


def _summary(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    return [
        section_heading(1, _("Summary")),
        *text_block(report.summary, _("No summary was written for this period.")),
    ]


def _activities(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    ngettext = t.ngettext
    heading = section_heading(2, _("Activities in the period"))
    rows = report.activities
    if not rows:
        return [heading, nothing_to_report(_("No activities took place in this period."))]
    women = sum(row.women for row in rows)
    men = sum(row.men for row in rows)
    other = sum(row.other for row in rows)
    participants = women + men + other
    count = ngettext(
        "{count} activity took place in this period.",
        "{count} activities took place in this period.",
        len(rows),
    ).format(count=_number(len(rows), t))
    people = ngettext(
        "In total, {count} participant took part.",
        "In total, {count} participants took part.",
        participants,
    ).format(count=_number(participants, t))
    columns = [
        Column(_("Dates"), weight=1.3),
        Column(_("Activity"), weight=2.9),
        Column(_("Type"), weight=1.3),
        Column(_("Municipality"), weight=1.3),
        Column(_("Women"), numeric=True),
        Column(_("Men"), numeric=True),
        # L10N: column of the number of participants
        Column(t.pgettext("participants", "Total"), numeric=True),
    ]
    total: list[Cell] = [
        _("Total"),
        "",
        "",
        "",
        _number(women, t),
        _number(men, t),
        _number(participants, t),
    ]
    sentences = [count, people]
    if other:
        sentences.append(
            ngettext(
                "The total includes {count} participant who did not state a gender or stated"
                " another one.",
                "The total includes {count} participants who did not state a gender or stated"
                " another one.",
                other,
            ).format(count=_number(other, t))
        )
    return [
        heading,
        sentence(" ".join(sentences)),
        data_table(columns, [_activity_row(row, t) for row in rows], total),
        *_communities(report, t),
    ]


def _communities(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    """Participants by community and gender; small counts hidden unless internal."""
    _ = t.gettext
    if not report.communities:
        return []
    counts = protect_counts(
        [[row.women, row.men, row.other] for row in report.communities],
        t.code,
        internal=report.internal,
    )
    columns = [
        Column(_("Community"), weight=1),
        Column(_("Women"), numeric=True),
        Column(_("Men"), numeric=True),
        # L10N: column of participants who stated another gender or none
        Column(_("Other or not stated"), numeric=True),
        # L10N: column of the number of participants
        Column(t.pgettext("participants", "Total"), numeric=True),
    ]
    rows: list[list[Cell]] = [
        [row.community, *cells, total]
        for row, cells, total in zip(
            report.communities, counts.cells, counts.row_totals, strict=True
        )
    ]
    flowables: list[Flowable] = [
        Spacer(1, 8),
        note(_("Participants in the period by community and gender.")),
        data_table(columns, rows, [_("Total"), *counts.column_totals, counts.total]),
    ]
    if counts.hidden:
        flowables.append(note(privacy_note(t.code)))
    return flowables


def _activity_row(row: ActivityRow, t: Translator) -> list[Cell]:
    return [
        _date_range(t, row.start, row.end, "medium"),
        row.title,
        row.activity_type,
        row.municipality or EMPTY_VALUE,
        _number(row.women, t),
        _number(row.men, t),
        _number(row.total, t),
    ]


def _share_cell(share: Decimal | None, elapsed: Decimal, t: Translator) -> list[Flowable]:
    styles = report_styles()
    text = EMPTY_VALUE if share is None else format_ratio(share, t.code)
    return [Paragraph(to_markup(text), styles.cell_number), progress_bar(share, elapsed)]


def _indicators(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(3, _("Progress on indicators"))
    if not report.indicators:
        return [heading, nothing_to_report(_("No indicator values were reported for this period."))]
    columns = [
        Column(_("Indicator"), weight=1),
        Column(_("Baseline"), numeric=True),
        Column(_("Target"), numeric=True),
        Column(_("This period"), numeric=True),
        Column(_("Cumulative"), numeric=True),
        Column(_("Progress (%)"), width=BAR_COLUMN_WIDTH, numeric=True),
    ]
    elapsed = report.share_of_time_elapsed
    legend = _(
        "Each bar runs from the baseline to the target; the red line marks the share of the"
        " project's duration that had elapsed by the end of the period ({share})."
    ).format(share=format_ratio(elapsed, t.code))
    rows = [_indicator_row(row, elapsed, t) for row in report.indicators]
    return [heading, note(legend), data_table(columns, rows)]


def _indicator_row(row: IndicatorRow, elapsed: Decimal, t: Translator) -> list[Cell]:
    styles = report_styles()
    name: list[Flowable] = [
        Paragraph(f"<b>{to_markup(row.code)}</b> {to_markup(row.name)}", styles.cell)
    ]
    if row.unit.strip():
        name.append(
            Paragraph(format_markup(t.gettext("Unit: {unit}"), unit=row.unit), styles.cell_detail)
        )
    return [
        name,
        _number(row.baseline, t),
        _number(row.target, t),
        _number(row.this_period, t),
        _number(row.cumulative, t),
        _share_cell(row.share_of_target, elapsed, t),
    ]


def _budget(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(4, _("Budget execution by heading"))
    if not report.budget:
        return [heading, nothing_to_report(_("No budget has been recorded for this project."))]
    elapsed = report.share_of_time_elapsed
    legend = _(
        "By the end of the reporting period, {share} of the project's duration had elapsed;"
        " the red line in each bar marks this share."
    ).format(share=format_ratio(elapsed, t.code))
    columns = [
        Column(_("Budget heading"), weight=1),
        Column(_("Budget"), numeric=True),
        Column(_("Spent in this period"), numeric=True),
        Column(_("Spent to date"), numeric=True),
        Column(_("Spent (%)"), width=BAR_COLUMN_WIDTH, numeric=True),
    ]
    money = partial(format_money, currency=report.currency, code=t.code)
    rows = [_budget_row(row, money, elapsed, t) for row in report.budget]
    totals = BudgetRow(
        heading=_("Total"),
        budget=sum((row.budget for row in report.budget), Decimal(0)),
        spent_in_period=sum((row.spent_in_period for row in report.budget), Decimal(0)),
        spent_to_date=sum((row.spent_to_date for row in report.budget), Decimal(0)),
    )
    return [
        heading,
        note(legend),
        data_table(columns, rows, _budget_row(totals, money, elapsed, t)),
    ]


def _budget_row(
    row: BudgetRow, money: Callable[[Decimal], str], elapsed: Decimal, t: Translator
) -> list[Cell]:
    return [
        row.heading,
        money(row.budget),
        money(row.spent_in_period),
        money(row.spent_to_date),
        _share_cell(row.share_spent, elapsed, t),
    ]


def _research(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(5, _("Research outputs published"))
    if not report.research:
        return [heading, nothing_to_report(_("No research outputs were published in this period."))]
    columns = [
        Column(_("Title"), weight=3),
        Column(_("Type"), weight=1.2),
        Column(_("Authors"), weight=1.8),
        Column(_("Published")),
    ]
    rows: list[list[Cell]] = [
        [
            row.title,
            row.output_type,
            row.authors,
            _date(row.published_on, t, "medium") or EMPTY_VALUE,
        ]
        for row in report.research
    ]
    return [heading, data_table(columns, rows)]


def _cases(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    """Community-safety cases counted by category and municipality, never by person."""
    _ = t.gettext
    ngettext = t.ngettext
    heading = section_heading(6, _("Community-safety cases"))
    opened = sum(row.opened for row in report.cases_by_category)
    resolved = sum(row.resolved for row in report.cases_by_category)
    if not opened and not resolved:
        return [heading, nothing_to_report(_("No cases were opened or resolved in this period."))]
    summary = " ".join(
        [
            ngettext(
                "{count} case was opened in this period.",
                "{count} cases were opened in this period.",
                opened,
            ).format(count=_number(opened, t)),
            ngettext(
                "{count} case was resolved in this period.",
                "{count} cases were resolved in this period.",
                resolved,
            ).format(count=_number(resolved, t)),
        ]
    )
    return [
        heading,
        sentence(summary),
        note(_("Cases by category; the people who raised them are never named.")),
        _case_table(_("Category"), report.cases_by_category, t),
        Spacer(1, 8),
        note(_("Cases by municipality.")),
        _case_table(_("Municipality"), report.cases_by_municipality, t),
    ]


def _case_table(label: str, rows: list[CaseCountRow], t: Translator) -> Flowable:
    _ = t.gettext
    columns = [
        Column(label, weight=1),
        Column(_("Opened in the period"), numeric=True),
        Column(_("Resolved in the period"), numeric=True),
    ]
    total: list[Cell] = [
        _("Total"),
        _number(sum(row.opened for row in rows), t),
        _number(sum(row.resolved for row in rows), t),
    ]
    cells: list[list[Cell]] = [
        [row.label, _number(row.opened, t), _number(row.resolved, t)] for row in rows
    ]
    return data_table(columns, cells, total)


def _narratives(report: QuarterlyReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    return [
        section_heading(7, _("Challenges and lessons learned")),
        *text_block(report.challenges, _("No challenges were reported for this period.")),
        section_heading(8, _("Plan for the next period")),
        *text_block(report.next_steps, _("No plan was entered for the next period.")),
    ]
