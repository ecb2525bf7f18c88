"""The Dashboard page on the demo office: the figures a manager sees, and how they follow
the work done on other pages."""

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.case import CaseStatus
from desktop.i18n import _
from desktop.i18n.formatting import format_date, format_number
from desktop.services.cases import CaseQuery, CaseService
from desktop.services.dashboard import DashboardService
from desktop.store.database import Database
from desktop.store.demo import DEMO_TODAY, load_demo
from desktop.ui.dashboard.page import DEADLINE_ROWS, DashboardPage
from desktop.ui.dashboard.presenting import once_each


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    load_demo(sqlite_db)
    return sqlite_db


@pytest.fixture
def page(qtbot: QtBot, demo: Database) -> Iterator[DashboardPage]:
    dashboard = DashboardPage(demo, today=lambda: DEMO_TODAY)
    qtbot.addWidget(dashboard)
    dashboard.resize(1200, 900)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.show()
    yield dashboard


def _counts(page: DashboardPage) -> dict[str, int]:
    return {count.label: count.count for count in page.cases_strip.counts}


def test_the_dashboard_shows_the_demo_figures(page: DashboardPage, demo: Database) -> None:
    figures = DashboardService(demo).figures(DEMO_TODAY, "en")
    assert page.as_of_label.text() == _("Figures for {date}").format(
        date=format_date(DEMO_TODAY, "en")
    )

    bars = page.burn_chart.bars
    assert [bar.label.split(" — ")[0] for bar in bars] == [
        grant.contract_number for grant in figures.grants
    ]
    assert len(bars) == 3
    for bar, grant in zip(bars, figures.grants, strict=True):
        assert bar.value == pytest.approx(float(grant.spent_share))
        assert bar.marker == pytest.approx(float(grant.time_share))

    assert _counts(page) == {
        _("Open"): 2,
        _("In progress"): 2,
        _("Referred"): 3,
        _("Resolved"): 4,
        _("Closed"): 1,
    }
    assert "7" in page.cases_note.text() and "4" in page.cases_note.text()

    overall = figures.participation
    assert page.participation_note.text() == (
        f"{overall.activities} activities and {format_number(overall.total, 'en')} participants"
        f" in 2026, of whom {overall.women} women and {overall.men} men."
    )
    [first, *_rest] = page.municipality_chart.stacks
    assert first.label == "Prishtinë/Priština"
    assert first.total_text == format_number(figures.by_municipality[0].totals.total, "en")
    assert [stack.label for stack in page.quarter_chart.stacks] == ["Q1", "Q2", "Q3", "Q4"]
    assert sum(float(sum(stack.values)) for stack in page.quarter_chart.stacks) == sum(
        entry.totals.recorded for entry in figures.by_quarter
    )
    indicators = sum(len(project.indicators) for project in figures.progress)
    assert len(page.progress_chart.bars) == indicators > 0

    deadlines = page.deadlines
    assert deadlines.topLevelItemCount() == len(figures.deadlines) == 6
    soonest = deadlines.topLevelItem(0)
    assert soonest.text(0) == format_date(date(2026, 10, 30), "en")
    assert soonest.text(1) == "2026-Q3"
    assert soonest.text(3) == "CSK-2025-01"  # the code fits the column; the title is its tip
    assert soonest.toolTip(3).startswith("CSK-2025-01 — Safer Communities")
    assert not page.no_deadlines.isVisibleTo(page)


def test_closing_a_case_shows_on_the_dashboard_after_refresh(
    qtbot: QtBot, page: DashboardPage, demo: Database
) -> None:
    cases = CaseService(demo)
    [row] = cases.page(CaseQuery(search="CS-2026-001"))
    assert row.status == CaseStatus.RESOLVED
    cases.change_status(row.id, CaseStatus.CLOSED, "Parents confirmed.", cases.get(row.id).version)
    assert _counts(page)[_("Closed")] == 1  # not read again yet

    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.refresh_action.trigger()
    assert _counts(page)[_("Resolved")] == 3
    assert _counts(page)[_("Closed")] == 2


def test_showing_the_page_again_reads_the_figures_again(
    qtbot: QtBot, page: DashboardPage, demo: Database
) -> None:
    page.hide()
    cases = CaseService(demo)
    [row] = cases.page(CaseQuery(search="CS-2026-012"))
    cases.change_status(row.id, CaseStatus.REFERRED, "", cases.get(row.id).version)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    assert _counts(page)[_("Open")] == 1
    assert _counts(page)[_("Referred")] == 4


def test_coming_back_from_another_window_reads_the_figures_again(
    qtbot: QtBot, page: DashboardPage, demo: Database
) -> None:
    elsewhere = QWidget()  # such as a grant's own window, where the work was done
    qtbot.addWidget(elsewhere)
    elsewhere.show()
    elsewhere.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is elsewhere)
    cases = CaseService(demo)
    [row] = cases.page(CaseQuery(search="CS-2026-012"))
    cases.change_status(row.id, CaseStatus.REFERRED, "", cases.get(row.id).version)
    assert _counts(page)[_("Referred")] == 3  # the page is on screen, but not read again

    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.activateWindow()
    assert _counts(page)[_("Open")] == 1
    assert _counts(page)[_("Referred")] == 4


def test_a_pinned_day_is_named_once_its_figures_are_shown(
    qtbot: QtBot, page: DashboardPage
) -> None:
    later = date(2026, 12, 15)
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.set_today(lambda: later)
    assert page.as_of_label.text() == _("Figures for {date}").format(date=format_date(later, "en"))
    assert page.deadlines.topLevelItem(0).text(0) == format_date(date(2027, 1, 30), "en")


def test_the_dashboard_relabels_itself_in_another_language(
    qtbot: QtBot, page: DashboardPage
) -> None:
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        i18n.set_language("sr")
    assert page.heading.text() == _("Dashboard")
    assert page.as_of_label.text() == _("Figures for {date}").format(
        date=format_date(DEMO_TODAY, "sr")
    )
    assert page.municipality_chart.stacks[0].label == "Приштина"
    assert page.cases_strip.counts[0].label == _("Open")
    assert page.deadlines.topLevelItem(0).text(0) == format_date(date(2026, 10, 30), "sr")


def test_every_chart_on_the_page_is_drawn(page: DashboardPage) -> None:
    for chart in (
        page.burn_chart,
        page.cases_strip,
        page.municipality_chart,
        page.quarter_chart,
        page.progress_chart,
    ):
        image = chart.grab().toImage()
        assert not image.isNull()
        assert image.width() > 100 and image.height() > 40
        assert chart.accessibleDescription()


def test_an_empty_database_shows_sentences_not_empty_charts(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    dashboard = DashboardPage(sqlite_db, today=lambda: DEMO_TODAY)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10_000):
        dashboard.show()
    assert dashboard.burn_chart.is_empty()
    assert dashboard.burn_chart.accessibleDescription() == _("No grant is running today.")
    assert dashboard.no_deadlines.isVisibleTo(dashboard)
    assert [count.count for count in dashboard.cases_strip.counts] == [0, 0, 0, 0, 0]


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_five_deadlines_show_without_scrolling_at_any_text_size(
    page: DashboardPage, scale: float
) -> None:
    """The least height a layout may give the list follows the font: a bigger one (the
    desktop's text made larger) still shows five deadlines however short the window."""
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    page.setFont(font)
    deadlines = page.deadlines
    row = deadlines.visualItemRect(deadlines.topLevelItem(0)).height()
    header = deadlines.header().sizeHint().height()
    least = deadlines.minimumHeight() or deadlines.minimumSizeHint().height()
    assert least - header - 2 * deadlines.frameWidth() >= DEADLINE_ROWS * row
    assert DEADLINE_ROWS == 5


def test_a_repeated_value_is_formatted_once_and_each_as_itself() -> None:
    formatted: list[object] = []

    def counted(value: object, language: str) -> str:
        formatted.append(value)
        return format_number(value, language)  # type: ignore[arg-type]

    number = once_each(counted, "sq")
    values = [Decimal("1500"), Decimal("1500"), Decimal("1500.50"), 1500, Decimal("1500")]
    assert [number(value) for value in values] == [format_number(v, "sq") for v in values]
    assert formatted == [Decimal("1500"), Decimal("1500.50"), 1500]


def test_a_chart_bounded_says_how_many_more_there_are(
    qtbot: QtBot, demo: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo's 3 grants and 17 indicators are all drawn, with no line under the charts;
    a larger office's are not, and the line under each chart says how many more."""
    from desktop.services import dashboard

    whole = DashboardPage(demo, today=lambda: DEMO_TODAY)
    qtbot.addWidget(whole)
    with qtbot.waitSignal(whole.refreshed, timeout=10_000):
        whole.show()
    assert whole.burn_more.isHidden() and whole.progress_more.isHidden()

    monkeypatch.setattr(dashboard, "GRANTS_SHOWN", 2)
    monkeypatch.setattr(dashboard, "INDICATORS_SHOWN", 5)
    with qtbot.waitSignal(whole.refreshed, timeout=10_000):
        whole.refresh()
    assert len(whole.burn_chart.bars) == 2 and len(whole.progress_chart.bars) == 5
    assert whole.burn_more.isVisible() and whole.progress_more.isVisible()
    assert whole.burn_more.text() == (
        "… and 1 more running grant, ending later: see the Grants page."
    )
    assert whole.progress_more.text() == (
        "… and 12 more indicators, further along: see each project's results."
    )
