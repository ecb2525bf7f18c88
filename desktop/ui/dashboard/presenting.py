"""The Dashboard's figures turned into what its charts draw: shares, stacks and counts with
their texts, formatted in the interface language.

Kept apart from the page so the wording of each figure can be read (and tested) in one place.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.domain.case import CASE_STATUS_LABELS, CaseStatus
from desktop.i18n import _, ngettext
from desktop.i18n.formatting import format_date, format_money, format_number, format_ratio
from desktop.services.activities import ParticipantTotals
from desktop.services.dashboard import DashboardFigures, Deadline
from desktop.ui.widgets.charts import Bar, Count, Stack

# Spending this much faster than time (spent share minus time share) is worth a red bar.
SPENDING_AHEAD = 0.10
# A report due within this many days is drawn in the alert colour.
DUE_SOON_DAYS = 14
# The colour (chart series) of each status: the ones still followed up in the accent and
# its neighbours, resolved apart, closed in grey.
STATUS_SERIES: dict[CaseStatus, int | None] = {
    CaseStatus.OPEN: 0,
    CaseStatus.IN_PROGRESS: 5,
    CaseStatus.REFERRED: 2,
    CaseStatus.RESOLVED: 3,
    CaseStatus.CLOSED: None,
}


def _activities(count: int, language: str) -> str:
    return ngettext("{count} activity", "{count} activities", count).format(
        count=format_number(count, language)
    )


def _participants_tooltip(place: str, totals: ParticipantTotals, language: str) -> str:
    people = ngettext("{count} participant", "{count} participants", totals.total).format(
        count=format_number(totals.total, language)
    )
    # L10N: a tooltip of the participants chart, such as "Gjilan: 7 activities,
    # 300 participants (142 women, 154 men)"
    return _("{place}: {activities}, {participants} ({women} women, {men} men)").format(
        place=place,
        activities=_activities(totals.activities, language),
        participants=people,
        women=format_number(totals.women, language),
        men=format_number(totals.men, language),
    )


def once_each(format_value: Callable[[Any, str], str], language: str) -> Callable[[Any], str]:
    """``format_value`` in ``language``, each distinct value formatted once.

    A large office's charts repeat the same shares, targets and dates thousands of times
    (5,508 indicator bars with 947 distinct targets at 1,000,000 activities), and every Babel
    call parses its locale again.  A value is known by its type and text, so ``1`` and
    ``1.00``, which Babel writes differently, are formatted apart.
    """
    done: dict[tuple[type, str], str] = {}

    def formatted(value: Any) -> str:
        key = (type(value), str(value))
        if key not in done:
            done[key] = format_value(value, language)
        return done[key]

    return formatted


def burn_bars(figures: DashboardFigures, language: str) -> list[Bar]:
    ratio = once_each(format_ratio, language)
    day = once_each(format_date, language)
    bars = []
    for grant in figures.grants:
        spent = float(grant.spent_share or 0)
        time = float(grant.time_share)
        shares = {"spent": ratio(grant.spent_share or 0), "time": ratio(grant.time_share)}
        bars.append(
            Bar(
                # L10N: a grant on the burn-rate chart: its contract number, then its project
                label=_("{contract} — {project}").format(
                    contract=grant.contract_number, project=grant.project
                ),
                value=spent,
                # L10N: beside a burn-rate bar, such as "45 % spent · 78 % of the time"
                value_text=_("{spent} spent · {time} of the time").format(**shares),
                marker=time,
                alert=spent - time > SPENDING_AHEAD,
                tooltip=_(
                    "{contract}: {spent} of {budget} spent ({spent_share}); {time_share} of "
                    "the time from {start} to {end} has passed."
                ).format(
                    contract=grant.contract_number,
                    spent=format_money(grant.spent, grant.currency, language),
                    budget=format_money(grant.budget, grant.currency, language),
                    spent_share=shares["spent"],
                    time_share=shares["time"],
                    start=day(grant.start_date),
                    end=day(grant.end_date),
                ),
            )
        )
    return bars


def progress_bars(figures: DashboardFigures, language: str) -> list[Bar]:
    number = once_each(format_number, language)
    ratio = once_each(format_ratio, language)
    bars = []
    for project in figures.progress:
        # L10N: a project heading on the indicator chart: its code, then its title
        group = _("{code} — {title}").format(code=project.code, title=project.name)
        for indicator in project.indicators:
            numbers = {"achieved": number(indicator.achieved), "target": number(indicator.target)}
            share = ratio(indicator.share) if indicator.share is not None else ""
            bars.append(
                Bar(
                    label=f"{indicator.code} {indicator.name}",
                    value=float(indicator.share or 0),
                    # L10N: beside an indicator's bar, such as "8 of 60 (13 %)"
                    value_text=(
                        _("{achieved} of {target} ({share})").format(share=share, **numbers)
                        if share
                        else _("{achieved} of {target}").format(**numbers)
                    ),
                    group=group,
                    # L10N: the tooltip of an indicator's bar; {unit} is as entered, such
                    # as "concerns"
                    tooltip=_("{indicator}\nAchieved {achieved} {unit} of the target {target}.")
                    .format(
                        indicator=f"{indicator.code} {indicator.name}",
                        unit=indicator.unit,
                        **numbers,
                    )
                    .replace("  ", " "),
                )
            )
    return bars


def grants_not_shown(figures: DashboardFigures, language: str) -> str:
    """Under the burn-rate chart, which shows the grants ending soonest: how many more run
    today; empty when every one is shown."""
    count = figures.grants_not_shown
    if not count:
        return ""
    # L10N: under the burn-rate chart, which shows the grants running today that end
    # soonest, such as "… and 931 more running grants, ending later: see the Grants page."
    return ngettext(
        "… and {count} more running grant, ending later: see the Grants page.",
        "… and {count} more running grants, ending later: see the Grants page.",
        count,
    ).format(count=format_number(count, language))


def indicators_not_shown(figures: DashboardFigures, language: str) -> str:
    """Under the indicator chart, which shows the indicators furthest behind their targets:
    how many more there are; empty when every one is shown."""
    count = figures.indicators_not_shown
    if not count:
        return ""
    # L10N: under the indicator progress chart, which shows the indicators furthest
    # behind their targets, such as "… and 5,488 more indicators, further along: see each
    # project's results."
    return ngettext(
        "… and {count} more indicator, further along: see each project's results.",
        "… and {count} more indicators, further along: see each project's results.",
        count,
    ).format(count=format_number(count, language))


def participation_summary(figures: DashboardFigures, language: str) -> str:
    totals = figures.participation
    people = ngettext("{count} participant", "{count} participants", totals.total).format(
        count=format_number(totals.total, language)
    )
    # L10N: under the participants chart, such as "50 activities and 1,785 participants
    # in 2026, of whom 797 women and 976 men."
    return _(
        "{activities} and {participants} in {year}, of whom {women} women and {men} men."
    ).format(
        activities=_activities(totals.activities, language),
        participants=people,
        year=figures.year,
        women=format_number(totals.women, language),
        men=format_number(totals.men, language),
    )


def participant_series() -> list[str]:
    return [_("Women"), _("Men"), _("Other or not disclosed")]


def municipality_stacks(figures: DashboardFigures, language: str) -> list[Stack]:
    return [
        Stack(
            label=entry.name,
            values=(entry.totals.women, entry.totals.men, entry.totals.other),
            total_text=format_number(entry.totals.total, language),
            tooltip=_participants_tooltip(entry.name, entry.totals, language),
        )
        for entry in figures.by_municipality
        if entry.totals.total or entry.totals.activities
    ]


def quarter_stacks(figures: DashboardFigures, language: str) -> list[Stack]:
    stacks = []
    for entry in figures.by_quarter:
        # L10N: a quarter of the year under its column: Q1 … Q4
        label = _("Q{number}").format(number=entry.quarter)
        stacks.append(
            Stack(
                label=label,
                values=(entry.totals.women, entry.totals.men, entry.totals.other),
                total_text=format_number(entry.totals.total, language),
                caption=_activities(entry.totals.activities, language),
                tooltip=_participants_tooltip(label, entry.totals, language),
            )
        )
    return stacks


def case_counts(figures: DashboardFigures, language: str) -> list[Count]:
    return [
        Count(
            label=_(CASE_STATUS_LABELS[status]),
            count=count,
            count_text=format_number(count, language),
            series=STATUS_SERIES[status],
        )
        for status, count in figures.cases.by_status
    ]


def cases_summary(figures: DashboardFigures, language: str) -> str:
    cases = figures.cases
    still_open = ngettext("{count} case is still open", "{count} cases are still open", cases.open)
    if not cases.overdue:
        # L10N: {open} is a sentence such as "7 cases are still open"
        return _("{open}; none is past its due date.").format(
            open=still_open.format(count=format_number(cases.open, language))
        )
    overdue = ngettext(
        "{count} is past its due date", "{count} are past their due date", cases.overdue
    )
    # L10N: {open} and {overdue} are such as "7 cases are still open", "4 are past their
    # due date"
    return _("{open}; {overdue}.").format(
        open=still_open.format(count=format_number(cases.open, language)),
        overdue=overdue.format(count=format_number(cases.overdue, language)),
    )


@dataclass(frozen=True)
class DeadlineLine:
    due: str
    report: str
    grant: str
    project_code: str  # what the narrow column shows; ``project`` is its tooltip
    project: str
    left: str
    soon: bool


def deadline_lines(figures: DashboardFigures, language: str) -> list[DeadlineLine]:
    return [_deadline_line(deadline, language) for deadline in figures.deadlines]


def _deadline_line(deadline: Deadline, language: str) -> DeadlineLine:
    if deadline.days_left == 0:
        left = _("today")
    else:
        left = ngettext("in {count} day", "in {count} days", deadline.days_left).format(
            count=format_number(deadline.days_left, language)
        )
    return DeadlineLine(
        due=format_date(deadline.due_on, language),
        report=deadline.label,
        grant=deadline.contract_number,
        project_code=deadline.project_code,
        # L10N: a project in the deadlines list: its code, then its title
        project=_("{code} — {title}").format(code=deadline.project_code, title=deadline.project),
        left=left,
        soon=deadline.days_left <= DUE_SOON_DAYS,
    )
