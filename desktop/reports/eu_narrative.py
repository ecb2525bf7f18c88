"""The EU interim or final narrative report, after the model annexed to the European
Commission's standard grant contract (PRAG Annex VI, 2016 model).

Printed in ``report.language`` whatever the interface shows.  Every sentence is one whole
translated template (with its plural forms), never glued from fragments, because word order
and case endings differ between English, Albanian and Serbian.  A section the office left
empty keeps its heading and says "Not reported", so a donor never wonders whether it was
forgotten.  Counts of women and men that could identify people are left out of a report for
outside readers (``report.internal`` shows them).
"""

import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from reportlab.platypus import Flowable, KeepTogether, Spacer, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

from desktop.i18n import Translator, translator_for
from desktop.i18n.formatting import babel_locale, format_date, format_number
from desktop.reports.document import (
    EMPTY_VALUE,
    Cell,
    Column,
    DocumentInfo,
    build_document,
    data_table,
    facts_table,
    note,
    nothing_to_report,
    report_styles,
    section_heading,
    subsection_heading,
    table_of_contents,
    text_block,
)
from desktop.reports.eu_narrative_data import (
    EuNarrativeReport,
    LogframeResult,
    NarrativeActivity,
)
from desktop.reports.fonts import REGULAR
from desktop.reports.markup import format_markup, to_markup
from desktop.reports.paragraph import Paragraph
from desktop.reports.privacy import hidden_cells, privacy_note, protect_counts

SIGNATURE_LINE = "_" * 32
NUMBER_WIDTH = 58  # a count under a header of two or three words
_SHORT_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def render_eu_narrative(report: EuNarrativeReport, target: Path | BinaryIO) -> None:
    """Write the narrative report as a PDF to a file path or a binary stream."""
    t = translator_for(report.language)
    _ = t.gettext
    title = report_title(report, t)
    build_document(
        target,
        cover=_cover(report, t),
        body=[
            *_contents(t),
            *_acronyms(report, t),
            *_description(report, t),
            *_assessment(report, t),
            *_cooperation(report, t),
            *_visibility(report, t),
            *_records(report, t),
            *_work_plan(report, t),
            *_signature(report, t),
        ],
        info=DocumentInfo(
            language=t.code,
            title=_("{report}: {action}").format(report=title, action=report.action_title),
            subject=title,
            reference=_("Contract no. {number}").format(number=report.contract_number),
            running_title=report.action_title,
            footer_label=_("{report}, contract no. {number}").format(
                report=title, number=report.contract_number
            ),
            # L10N: the footer of every page of a report
            page_label=_("Page {page} of {pages}"),
            keywords=(report.contract_number, report.period_label),
            logo=report.donor_logo,
        ),
    )


def report_title(report: EuNarrativeReport, t: Translator) -> str:
    """The report's name: a final period's is final, any other's (a quarter's too) interim."""
    if report.is_final:
        return t.gettext("Final narrative report")
    return t.gettext("Interim narrative report")


# Formatting ----------------------------------------------------------------------------


def _date(value: date | None, t: Translator) -> str:
    """A long date whose parts never break across lines."""
    return _unbroken(format_date(value, t.code, "long"))


def _unbroken(text: str) -> str:
    """The text with its spaces (CLDR's thin ones too) made ones a line never breaks at."""
    return text.replace(" ", "\u00a0").replace("\u2009", "\u202f")


def long_span(start: date, end: date, code: str) -> str:
    """A compact span of days with the month written out: "March 12 – 13, 2026" in English,
    "12.–13. март 2026." in Serbian.

    CLDR's interval patterns only come with abbreviated months; the month is widened the way
    ICU widens a skeleton, so the span reads like the language's long date.
    """
    locale = babel_locale(code)
    if start == end:
        return format_date(start, code, "long")
    patterns = Locale.parse(locale).interval_formats.get("yMMMd") or {}
    greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    parts = patterns.get(greatest)
    if not parts or len(parts) != 2:
        return (
            translator_for(code)
            .gettext("{start} – {end}")
            .format(start=format_date(start, code, "long"), end=format_date(end, code, "long"))
        )
    first, second = (_SHORT_MONTH.sub("MMMM", part) for part in parts)
    return babel_format_date(start, first, locale=locale) + babel_format_date(
        end, second, locale=locale
    )


def _period_dates(report: EuNarrativeReport, t: Translator) -> str:
    # L10N: a span of two dates, e.g. "1 January 2026 – 31 March 2026"
    return t.gettext("{start} – {end}").format(
        start=_date(report.period_start, t), end=_date(report.period_end, t)
    )


def _number(value: int | Decimal | None, t: Translator) -> str:
    return EMPTY_VALUE if value is None else format_number(value, t.code)


# Counted nouns agree with their own number ("1 woman", "23 women"); the sentence around
# them agrees with the participants' count.
def _women(count: int, t: Translator) -> str:
    return t.ngettext("{count} woman", "{count} women", count).format(count=_number(count, t))


def _men(count: int, t: Translator) -> str:
    return t.ngettext("{count} man", "{count} men", count).format(count=_number(count, t))


def _activity_count(count: int, t: Translator) -> str:
    return t.ngettext("{count} activity", "{count} activities", count).format(
        count=_number(count, t)
    )


def _not_reported(t: Translator) -> str:
    # L10N: stands in for a text or a fact the office did not enter
    return t.gettext("Not reported")


def _list(items: Sequence[str], t: Translator) -> str:
    return format_list(list(items), locale=babel_locale(t.code)) if items else ""


# Cover, contents, acronyms -------------------------------------------------------------


def _cover(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    styles = report_styles()
    dates = _period_dates(report, t)
    if report.is_final:
        # L10N: the title line of a final report: the contract and the period it covers
        line = _("Final narrative report, contract no. {number}, reporting period {dates}")
    else:
        # L10N: the title line of an interim report: the contract and the period it covers
        line = _("Interim narrative report, contract no. {number}, reporting period {dates}")
    return [
        Paragraph(to_markup(report_title(report, t)), styles.cover_label),
        Paragraph(to_markup(report.action_title or _not_reported(t)), styles.cover_title),
        Paragraph(
            format_markup(line, number=report.contract_number, dates=dates),
            styles.cover_subtitle,
        ),
        facts_table(
            [
                (_("Contract number"), report.contract_number),
                (_("Donor"), report.donor),
                (_("Coordinator"), report.coordinator),
                # L10N: the reporting period's label and its dates, "2026-Q1 (1 January … )"
                (
                    _("Reporting period"),
                    _("{period} ({dates})").format(period=report.period_label, dates=dates),
                ),
            ]
        ),
    ]


def _contents(t: Translator) -> list[Flowable]:
    flowables = table_of_contents(t.gettext("Table of contents"))
    for flowable in flowables:
        if isinstance(flowable, TableOfContents):
            # Its table would select Helvetica before each cell, and the PDF would then name
            # that font unembedded, as ``data_table`` explains.
            flowable.tableStyle = TableStyle(
                [*flowable.tableStyle.getCommands(), ("FONT", (0, 0), (-1, -1), REGULAR, 8)]
            )
    return flowables


def _acronyms(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading("", _("List of acronyms"))
    if not report.acronyms:
        return [heading, nothing_to_report(_not_reported(t))]
    columns = [Column(_("Acronym")), Column(_("Meaning"), weight=1)]
    rows: list[list[Cell]] = [[item.short, item.meaning] for item in report.acronyms]
    return [heading, data_table(columns, rows)]


# 1. Description ------------------------------------------------------------------------


def _description(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    missing = _not_reported(t)
    coordinator = report.coordinator or missing
    if report.coordinator and report.coordinator_acronym:
        coordinator = _("{name} ({acronym})").format(
            name=report.coordinator, acronym=report.coordinator_acronym
        )
    contact = missing
    if report.contact_name and report.contact_title:
        # L10N: the contact person's name and job title
        contact = _("{name}, {title}").format(name=report.contact_name, title=report.contact_title)
    elif report.contact_name:
        contact = report.contact_name
    partners = "\n".join(
        _("{name}: {role}").format(name=partner.name, role=partner.role)
        for partner in report.partners
        if partner.beneficiary
    )
    # L10N: the asterisk points to the EU's footnote on Kosovo's designation, printed below
    region = _("Kosovo*")
    if report.municipalities:
        # L10N: 1.7 target region: Kosovo and a list of municipalities
        region = _("Kosovo*: the municipalities of {municipalities}").format(
            municipalities=_list(report.municipalities, t)
        )
    countries = _("Kosovo*")
    if report.activity_municipalities:
        # L10N: 1.9 countries where the activities took place, with the municipalities
        countries = _("Kosovo* (activities in {municipalities})").format(
            municipalities=_list(report.activity_municipalities, t)
        )
    facts = [
        (_("1.1 Name of the coordinator of the grant contract"), coordinator),
        (_("1.2 Name and title of the contact person"), contact),
        (_("1.3 Name of beneficiaries and affiliated entities in the action"), partners or missing),
        (_("1.4 Title of the action"), report.action_title or missing),
        (_("1.5 Contract number"), report.contract_number),
        (
            _("1.6 Start date and end date of the reporting period"),
            _period_dates(report, t),
        ),
        (_("1.7 Target country or region"), region),
        (_("1.8 Final beneficiaries and target groups"), _beneficiaries_sentence(report, t)),
        (_("1.9 Countries in which the activities take place"), countries),
    ]
    return [
        section_heading(1, _("Description")),
        facts_table(facts),
        note(
            _(
                "* This designation is without prejudice to positions on status, and is in line"
                " with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of"
                " independence."
            )
        ),
        *_target_groups(report, t),
    ]


def _beneficiaries_sentence(report: EuNarrativeReport, t: Translator) -> str:
    groups = report.target_groups
    if not groups:
        return t.gettext("No activities took place in this period.")
    total = sum(group.total for group in groups)
    values = {
        "count": _number(total, t),
        "women": _women(sum(group.women for group in groups), t),
        "men": _men(sum(group.men for group in groups), t),
        "activities": _activity_count(sum(group.activities for group in groups), t),
    }
    if _totals_hidden(report):
        # L10N: 1.8, when the split into women and men is withheld to protect participants
        text = t.ngettext(
            "{count} participant took part in the activities of this period ({activities});"
            " the table below gives them by type of activity.",
            "{count} participants took part in the activities of this period ({activities});"
            " the table below gives them by type of activity.",
            total,
        )
    else:
        # L10N: 1.8; {women} and {men} are "23 women", "19 men" (their own plural forms),
        # {activities} is "8 activities"; the sentence's plural follows {count}
        text = t.ngettext(
            "{count} participant ({women}, {men}) took part in the activities of this"
            " period ({activities}); the table below gives them by type of activity.",
            "{count} participants ({women}, {men}) took part in the activities of this"
            " period ({activities}); the table below gives them by type of activity.",
            total,
        )
    return text.format(**values)


def _grid(report: EuNarrativeReport) -> list[list[int]]:
    """Women, men (and others, when any group has some) of each target group."""
    with_other = any(group.other for group in report.target_groups)
    return [
        [group.women, group.men, *([group.other] if with_other else [])]
        for group in report.target_groups
    ]


def _totals_hidden(report: EuNarrativeReport) -> bool:
    """Whether the women and men of all target groups together must be withheld.

    The privacy rules print totals exactly, which protects a hidden cell only where its column
    has other rows; with a single target group the totals are that group's own counts.
    """
    if report.internal or len(report.target_groups) != 1:
        return False
    return bool(hidden_cells(_grid(report)))


def _target_groups(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    groups = report.target_groups
    if not groups:
        return []
    grid = _grid(report)
    with_other = len(grid[0]) == 3
    columns = [
        Column(_("Target group (type of activity)"), weight=1),
        Column(_("Activities"), numeric=True),
        Column(_("Women"), numeric=True),
        Column(_("Men"), numeric=True),
        *([Column(_("Other or not stated"), numeric=True)] if with_other else []),
        # L10N: column of the number of participants
        Column(t.pgettext("participants", "Total"), numeric=True),
    ]
    counts = protect_counts(grid, t.code, internal=report.internal)
    rows: list[list[Cell]] = [
        [group.name, _number(group.activities, t), *cells, counts.row_totals[index]]
        for index, (group, cells) in enumerate(zip(groups, counts.cells, strict=True))
    ]
    total: list[Cell] | None = [
        _("Total"),
        _number(sum(group.activities for group in groups), t),
        *counts.column_totals,
        counts.total,
    ]
    if _totals_hidden(report):
        total = None
    explanation = [note(_("Participants in this period's activities, by type of activity."))]
    if counts.hidden:
        explanation.append(note(privacy_note(t.code)))
    return [Spacer(1, 6), *explanation, data_table(columns, rows, total)]


def _hides_split(women: int, men: int, other: int) -> bool:
    """Whether one activity's women and men would show a count that points at people."""
    return bool(hidden_cells([[women, men, other]]))


# 2. Assessment of implementation -------------------------------------------------------


def _assessment(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    missing = _not_reported(t)
    return [
        section_heading(2, _("Assessment of implementation of action activities")),
        subsection_heading("2.1", _("Executive summary of the action")),
        *text_block(report.summary, missing),
        subsection_heading("2.2", _("Results and the updated logframe")),
        *_logframe(report.results, t),
        subsection_heading("2.3", _("Activities and their results")),
        *_activities(report, t),
        subsection_heading("2.4", _("Problems met and lessons learnt")),
        *text_block(report.challenges, missing),
        subsection_heading("2.5", _("Changes and delays in the implementation")),
        *text_block(report.changes, missing),
    ]


def _logframe(results: Sequence[LogframeResult], t: Translator) -> list[Flowable]:
    _ = t.gettext
    if not any(result.indicators for result in results):
        return [nothing_to_report(_("No indicators have been set for this action."))]
    styles = report_styles()
    columns = [
        Column(_("Result"), weight=1.2),
        Column(_("Indicator"), weight=1.8),
        Column(_("Baseline"), numeric=True),
        Column(_("Target"), numeric=True),
        # L10N: the approved value of an indicator up to the end of the reporting period
        Column(_("Value to date"), numeric=True, width=NUMBER_WIDTH),
    ]
    rows: list[list[Cell]] = []
    for result in results:
        for index, indicator in enumerate(result.indicators):
            label: Cell = ""
            if index == 0:
                label = [
                    Paragraph(
                        f"<b>{to_markup(result.code)}</b> {to_markup(result.title)}", styles.cell
                    ),
                    Paragraph(to_markup(result.level), styles.cell_detail),
                ]
            name: list[Flowable] = [
                Paragraph(
                    f"<b>{to_markup(indicator.code)}</b> {to_markup(indicator.name)}", styles.cell
                )
            ]
            if indicator.unit.strip():
                name.append(
                    Paragraph(
                        format_markup(_("Unit: {unit}"), unit=indicator.unit), styles.cell_detail
                    )
                )
            rows.append(
                [
                    label,
                    name,
                    _number(indicator.baseline, t),
                    _number(indicator.target, t),
                    _number(indicator.to_date, t),
                ]
            )
    return [
        note(
            _(
                "Only values approved by the project manager are counted; a dash means no value"
                " has been approved yet."
            )
        ),
        data_table(columns, rows),
    ]


def _activities(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    if not report.activities:
        return [nothing_to_report(_("No activities took place in this period."))]
    styles = report_styles()
    flowables: list[Flowable] = []
    for number, activity in enumerate(report.activities, start=1):
        # L10N: the heading of one activity in the narrative report: its number and title
        heading = _("Activity {number}: {title}").format(
            number=format_number(number, t.code), title=activity.title or _not_reported(t)
        )
        problems = " ".join(activity.problems.split())
        lines = [
            activity_sentence(activity, report.internal, t),
            _("Carried out by: {organisation}").format(
                organisation=activity.carried_out_by or _not_reported(t)
            ),
            _("Problems met and how they were addressed: {problems}").format(
                problems=problems or _("none reported")
            ),
        ]
        flowables.append(
            KeepTogether(
                [
                    Paragraph(to_markup(heading), styles.subheading),
                    Paragraph(to_markup("\n".join(lines)), styles.body),
                ]
            )
        )
    return flowables


def activity_sentence(activity: NarrativeActivity, internal: bool, t: Translator) -> str:
    """One activity in the donor's words: what, where, how many (women, men), how long, when.

    Each variant is a whole sentence for the translators; the split into women and men is
    left out when a report for outside readers would otherwise show a small count.
    """
    ngettext = t.ngettext
    count = activity.participants
    values = {
        "type": activity.activity_type,
        "municipality": activity.municipality,
        "count": format_number(count, t.code),
        "women": _women(activity.women, t),
        "men": _men(activity.men, t),
        "days": format_number(activity.days, t.code),
        "dates": _unbroken(long_span(activity.start, activity.end, t.code)),
        "date": _date(activity.start, t),
    }
    split = internal or not _hides_split(activity.women, activity.men, activity.other)
    one_day = activity.days == 1
    if activity.municipality:
        if split and one_day:
            text = ngettext(
                "{type} in {municipality} with {count} participant ({women}, {men}) on {date}",
                "{type} in {municipality} with {count} participants ({women}, {men}) on {date}",
                count,
            )
        elif split:
            # L10N: {days} is always 2 or more
            text = ngettext(
                "{type} in {municipality} with {count} participant ({women}, {men})"
                " for {days} days on {dates}",
                "{type} in {municipality} with {count} participants ({women}, {men})"
                " for {days} days on {dates}",
                count,
            )
        elif one_day:
            text = ngettext(
                "{type} in {municipality} with {count} participant on {date}",
                "{type} in {municipality} with {count} participants on {date}",
                count,
            )
        else:
            # L10N: {days} is always 2 or more
            text = ngettext(
                "{type} in {municipality} with {count} participant for {days} days on {dates}",
                "{type} in {municipality} with {count} participants for {days} days on {dates}",
                count,
            )
    elif split and one_day:
        text = ngettext(
            "{type} with {count} participant ({women}, {men}) on {date}",
            "{type} with {count} participants ({women}, {men}) on {date}",
            count,
        )
    elif split:
        # L10N: {days} is always 2 or more
        text = ngettext(
            "{type} with {count} participant ({women}, {men}) for {days} days on {dates}",
            "{type} with {count} participants ({women}, {men}) for {days} days on {dates}",
            count,
        )
    elif one_day:
        text = ngettext(
            "{type} with {count} participant on {date}",
            "{type} with {count} participants on {date}",
            count,
        )
    else:
        # L10N: {days} is always 2 or more
        text = ngettext(
            "{type} with {count} participant for {days} days on {dates}",
            "{type} with {count} participants for {days} days on {dates}",
            count,
        )
    return text.format(**values)


# 3.–5., the work plan and the signature --------------------------------------------


def _cooperation(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    flowables: list[Flowable] = [
        section_heading(3, _("Beneficiaries, affiliated entities and other cooperation")),
    ]
    if report.partners:
        flowables.append(
            note(
                _(
                    "The partners of the action, and how many of this period's activities each"
                    " carried out."
                )
            )
        )
        columns = [
            Column(_("Organisation"), weight=1),
            Column(_("Acronym")),
            Column(_("Role")),
            Column(_("Activities in the period"), numeric=True, width=NUMBER_WIDTH),
        ]
        rows: list[list[Cell]] = [
            [
                partner.name,
                partner.acronym or EMPTY_VALUE,
                partner.role,
                _number(partner.activities, t),
            ]
            for partner in report.partners
        ]
        flowables.append(data_table(columns, rows))
        flowables.append(Spacer(1, 8))
    flowables.extend(text_block(report.cooperation, _not_reported(t)))
    return flowables


def _visibility(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    return [
        section_heading(4, t.gettext("Visibility")),
        *text_block(report.visibility, _not_reported(t)),
    ]


def _records(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    heading = section_heading(5, _("Location of records"))
    if not report.is_final:
        return [heading, nothing_to_report(_("Not applicable to an interim report."))]
    return [heading, *text_block(report.records, _not_reported(t))]


def _work_plan(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    return [
        section_heading(6, t.gettext("Work plan for the next period")),
        *text_block(report.next_steps, _not_reported(t)),
    ]


def _signature(report: EuNarrativeReport, t: Translator) -> list[Flowable]:
    _ = t.gettext
    contact = report.contact_name or SIGNATURE_LINE
    if report.contact_name and report.contact_title:
        contact = _("{name}, {title}").format(name=report.contact_name, title=report.contact_title)
    return [
        section_heading("", _("Signature")),
        facts_table(
            [
                (_("Name of the contact person for the action"), contact),
                (_("Signature"), SIGNATURE_LINE),
                (_("Place"), report.place or SIGNATURE_LINE),
                (_("Date report due"), _date(report.due_on, t) or SIGNATURE_LINE),
                (_("Date report sent"), _date(report.sent_on, t) or SIGNATURE_LINE),
            ]
        ),
    ]
