"""The fields the donor reports print, each in its editor: a grant's contact person, the day
a period's report was sent and its new narrative sections, an activity's problems, a
result's assumptions, an indicator's reference years, a value's women and men, and a budget
line's heading from the donor's template.  Each is typed, saved and seen again on
reopening; a bad value is refused under its field and nothing is saved."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import TypeVar

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.domain.activity import Activity
from desktop.domain.grant import BudgetLine, Grant
from desktop.domain.period import NarrativeSection, ReportingPeriod
from desktop.domain.results import Indicator, Result, ValueStatus
from desktop.services.activities import ActivityService
from desktop.services.budget import BudgetService
from desktop.services.donor_profiles import DonorProfileForm, DonorProfileService
from desktop.services.grants import GrantService
from desktop.services.people import PersonService
from desktop.services.periods import PeriodService
from desktop.services.reference import ReferenceService
from desktop.services.results import IndicatorValueService, ResultsService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.grants.budget_dialog import DEPTH_ROLE, BudgetLineDialog
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.period_dialog import PeriodDialog
from desktop.ui.results.indicator_dialog import IndicatorDialog
from desktop.ui.results.result_dialog import ResultDialog
from desktop.ui.results.value_dialog import ValueDialog
from desktop.ui.widgets.record_dialog import RecordDialog
from tests.ui.test_access_key_clashes import clashes

EU_GRANT = "2025/461-198"
OTHER_DONORS_GRANT = "LHF-2025-017"
D = TypeVar("D", bound=RecordDialog)


@pytest.fixture
def demo(sqlite_db: Database) -> Database:
    """The demo office, its EU donor on the EU template its grants' lines are under."""
    load_demo(sqlite_db)
    profiles = DonorProfileService(sqlite_db)
    grant = grant_id(sqlite_db, EU_GRANT)
    details = profiles.for_grant(grant)
    if details.template_code != "eu_2016":
        [eu] = [
            t.id for t in ReferenceService(sqlite_db).budget_templates("en") if t.code == "eu_2016"
        ]
        profiles.set(details.organisation_id, DonorProfileForm(eu, details.logo), details.version)
    return sqlite_db


def grant_id(db: Database, number: str) -> int:
    with db.transaction() as session:
        return session.scalars(select(Grant.id).where(Grant.contract_number == number)).one()


def first(db: Database, statement: object) -> int:
    with db.transaction() as session:
        found = session.scalars(statement.limit(1)).first()  # type: ignore[attr-defined]
    assert found is not None
    return found


def shown(qtbot: QtBot, make: Callable[[], D], picture: str = "") -> D:
    dialog = make()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not clashes(dialog, type(dialog).__name__)
    if picture:
        dialog.grab().save(f"/tmp/r6_{picture}.png")
    return dialog


def save(dialog: RecordDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def saved(dialog: RecordDialog) -> bool:
    return dialog.result() == RecordDialog.DialogCode.Accepted and not dialog.isVisible()


def choose(combo: object, data: object) -> None:
    index = combo.findData(data)  # type: ignore[attr-defined]
    assert index >= 0, data
    combo.setCurrentIndex(index)  # type: ignore[attr-defined]


# -- the grant's contact person ------------------------------------------------------------


def person_id(db: Database, choice: str) -> int:
    """The person the contact person's list shows as ``choice`` ("name, title")."""
    [found] = [id_ for id_, text in GrantService(db).contact_person_choices("en") if text == choice]
    return found


def test_a_grants_contact_person_is_chosen_by_name_and_title(qtbot: QtBot, demo: Database) -> None:
    grant = grant_id(demo, EU_GRANT)
    person = person_id(demo, "Driton Berisha, Researcher")
    dialog = shown(qtbot, lambda: GrantDialog(demo, grant, None), "grant")
    assert dialog.contact_combo.itemText(0) == "(no contact person)"
    choose(dialog.contact_combo, person)
    assert dialog.contact_combo.currentText() == "Driton Berisha, Researcher"
    save(dialog)
    assert saved(dialog)
    assert GrantService(demo).get(grant).form.contact_person_id == person
    again = shown(qtbot, lambda: GrantDialog(demo, grant, None))
    assert again.contact_combo.currentText() == "Driton Berisha, Researcher"
    assert again.contact_combo.accessibleName() == "Contact person"


def test_a_contact_person_archived_meanwhile_is_refused(qtbot: QtBot, demo: Database) -> None:
    grant = grant_id(demo, EU_GRANT)
    before = GrantService(demo).get(grant)
    person = person_id(demo, "Driton Berisha, Researcher")
    dialog = shown(qtbot, lambda: GrantDialog(demo, grant, None))
    choose(dialog.contact_combo, person)
    PersonService(demo).archive(person)
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("contact_person_id") == (
        "The contact person was archived or removed; choose another person."
    )
    after = GrantService(demo).get(grant)
    assert (after.version, after.form.contact_person_id) == (
        before.version,
        before.form.contact_person_id,
    )


# -- the reporting period: sent on, and the new sections -----------------------------------


def period_of(db: Database, label: str) -> int:
    grant = grant_id(db, EU_GRANT)
    return first(
        db,
        select(ReportingPeriod.id).where(
            ReportingPeriod.grant_id == grant, ReportingPeriod.label == label
        ),
    )


def test_a_period_is_marked_sent_and_its_new_sections_written(qtbot: QtBot, demo: Database) -> None:
    grant, period = grant_id(demo, EU_GRANT), period_of(demo, "2026-Q1")
    dialog = shown(qtbot, lambda: PeriodDialog(demo, grant, period, None), "period")
    titles = [dialog.sections.tabText(n) for n in range(dialog.sections.count())]
    assert titles == [
        "Summary",
        "Challenges and lessons learned",
        "Changes and delays",
        "Beneficiaries, affiliated entities and other cooperation",
        "Visibility and communication",
        "Location of records",
        "Plan for the next period",
    ]
    dialog.sent_edit.check.setChecked(True)
    dialog.sent_edit.edit.setDate(QDate(2026, 4, 24))
    texts = {
        NarrativeSection.CHANGES: "The second training moved to May: the venue flooded.",
        NarrativeSection.COOPERATION: "Met the Ministry of Local Government Administration.",
        NarrativeSection.RECORDS: "Signed lists are kept in the Prishtinë office.",
    }
    for section, text in texts.items():
        dialog.narratives[section].edits["name_en"].setPlainText(text)
    dialog.narratives[NarrativeSection.RECORDS].edits["name_sr"].setPlainText(
        "Потписане листе чувају се у канцеларији у Приштини."
    )
    save(dialog)
    assert saved(dialog)

    form = PeriodService(demo).get(period).form
    assert form.sent_on == date(2026, 4, 24)
    assert form.narratives[(NarrativeSection.CHANGES, "en")] == texts[NarrativeSection.CHANGES]
    again = shown(qtbot, lambda: PeriodDialog(demo, grant, period, None))
    assert again.sent_edit.date_value() == date(2026, 4, 24)
    records = again.narratives[NarrativeSection.RECORDS].values()
    assert records["name_en"] == texts[NarrativeSection.RECORDS]
    assert records["name_sr"].startswith("Потписане листе")
    assert records["name_sr_latn"].startswith("Potpisane liste")


def test_a_report_sent_before_its_period_is_refused(qtbot: QtBot, demo: Database) -> None:
    grant, period = grant_id(demo, EU_GRANT), period_of(demo, "2026-Q2")
    before = PeriodService(demo).get(period)
    dialog = shown(qtbot, lambda: PeriodDialog(demo, grant, period, None))
    dialog.sent_edit.check.setChecked(True)
    dialog.sent_edit.edit.setDate(QDate(2026, 3, 2))
    dialog.narratives[NarrativeSection.CHANGES].edits["name_en"].setPlainText("No change.")
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("sent_on") == "A report cannot be sent before its period begins."
    after = PeriodService(demo).get(period)
    assert after.version == before.version
    assert after.form.sent_on == before.form.sent_on
    assert after.form.narratives == before.form.narratives


# -- an activity's problems ----------------------------------------------------------------


def test_an_activitys_problems_are_written_and_read_again(qtbot: QtBot, demo: Database) -> None:
    activity = first(demo, select(Activity.id).order_by(Activity.id))
    dialog = shown(qtbot, lambda: ActivityDialog(demo, activity, None), "activity")
    text = "Few women came at first; a second session was held in the afternoon with childcare."
    dialog.problems_edit.setPlainText(text)
    assert dialog.problems_edit.accessibleName() == "Problems met and how they were addressed"
    save(dialog)
    assert saved(dialog)
    assert ActivityService(demo).get(activity).form.problems == text
    again = shown(qtbot, lambda: ActivityDialog(demo, activity, None))
    assert again.problems_edit.toPlainText() == text


def test_problems_longer_than_a_report_takes_are_refused(qtbot: QtBot, demo: Database) -> None:
    activity = first(demo, select(Activity.id).order_by(Activity.id))
    before = ActivityService(demo).get(activity)
    dialog = shown(qtbot, lambda: ActivityDialog(demo, activity, None))
    dialog.problems_edit.setPlainText("x" * 20_001)
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("problems") == "Too long: at most 20000 characters."
    after = ActivityService(demo).get(activity)
    assert (after.version, after.form.problems) == (before.version, before.form.problems)


# -- a result's assumptions, an indicator's years ------------------------------------------


def project_and_result(db: Database) -> tuple[int, int]:
    grant = grant_id(db, EU_GRANT)
    with db.transaction() as session:
        project = session.get(Grant, grant).project_id  # type: ignore[union-attr]
    return project, first(db, select(Result.id).where(Result.project_id == project))


def test_a_results_assumptions_are_written_and_read_again(qtbot: QtBot, demo: Database) -> None:
    project, result = project_and_result(demo)
    dialog = shown(qtbot, lambda: ResultDialog(demo, project, result, None), "result")
    text = "Municipalities keep their safety councils meeting at least quarterly."
    dialog.assumptions_edit.setPlainText(text)
    save(dialog)
    assert saved(dialog)
    assert ResultsService(demo).get_result(result).form.assumptions == text
    again = shown(qtbot, lambda: ResultDialog(demo, project, result, None))
    assert again.assumptions_edit.toPlainText() == text


def test_assumptions_too_long_are_refused(qtbot: QtBot, demo: Database) -> None:
    project, result = project_and_result(demo)
    before = ResultsService(demo).get_result(result)
    dialog = shown(qtbot, lambda: ResultDialog(demo, project, result, None))
    dialog.assumptions_edit.setPlainText("y" * 20_001)
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("assumptions") == "Too long: at most 20000 characters."
    assert ResultsService(demo).get_result(result).version == before.version


def an_indicator(db: Database) -> tuple[int, int]:
    project, _result = project_and_result(db)
    indicator = first(
        db,
        select(Indicator.id)
        .join(Result, Indicator.result_id == Result.id)
        .where(Result.project_id == project)
        .order_by(Indicator.id),
    )
    return project, indicator


def test_an_indicators_reference_years_are_saved(qtbot: QtBot, demo: Database) -> None:
    project, indicator = an_indicator(demo)
    dialog = shown(qtbot, lambda: IndicatorDialog(demo, project, indicator, None), "indicator")
    dialog.baseline_year_edit.setText("2025")
    dialog.target_year_edit.setText("2027")
    save(dialog)
    assert saved(dialog)
    form = ResultsService(demo).get_indicator(indicator).form
    assert (form.baseline_year, form.target_year) == (2025, 2027)
    again = shown(qtbot, lambda: IndicatorDialog(demo, project, indicator, None))
    assert (again.baseline_year_edit.text(), again.target_year_edit.text()) == ("2025", "2027")
    assert not again.is_modified()


@pytest.mark.parametrize(
    ("baseline", "target", "field", "message"),
    [
        (
            "20x5",
            "",
            "baseline_year",
            "Give a year between 1990 and 2100, or leave the field empty.",
        ),
        ("", "2150", "target_year", "Give a year between 1990 and 2100, or leave the field empty."),
        (
            "2026",
            "2024",
            "target_year",
            "The target year cannot come before the baseline year (2026).",
        ),
    ],
)
def test_a_year_that_is_not_one_is_refused(
    qtbot: QtBot, demo: Database, baseline: str, target: str, field: str, message: str
) -> None:
    project, indicator = an_indicator(demo)
    before = ResultsService(demo).get_indicator(indicator)
    dialog = shown(qtbot, lambda: IndicatorDialog(demo, project, indicator, None))
    dialog.baseline_year_edit.setText(baseline)
    dialog.target_year_edit.setText(target)
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error(field) == message
    assert ResultsService(demo).get_indicator(indicator).version == before.version


# -- a value's women and men ---------------------------------------------------------------


def open_value(qtbot: QtBot, db: Database, picture: str = "") -> tuple[ValueDialog, int, int]:
    """The value dialog on the first cell of the EU grant still open to entry."""
    grid = IndicatorValueService(db).grid(grant_id(db, EU_GRANT), "en")
    open_cells = [
        (line, period)
        for line in grid.lines
        for period, cell in zip(grid.periods, line.cells, strict=True)
        if cell.status in (None, ValueStatus.DRAFT, ValueStatus.RETURNED)
    ]
    if open_cells:
        line, period = open_cells[0]
        dialog = shown(qtbot, lambda: ValueDialog(db, line, period, None), picture)
        return dialog, line.indicator_id, period.id
    pytest.fail("The demo has no value open to entry")


def test_a_value_is_broken_down_into_women_and_men(qtbot: QtBot, demo: Database) -> None:
    dialog, indicator, period = open_value(qtbot, demo, "value")
    dialog.value_edit.setText("30")
    dialog.women_edit.setText("17")
    dialog.men_edit.setText("12")
    save(dialog)
    assert saved(dialog)
    cell = IndicatorValueService(demo).cell(indicator, period)
    assert (cell.value, cell.women, cell.men) == (Decimal(30), Decimal(17), Decimal(12))
    again, _indicator, _period = open_value(qtbot, demo)
    assert (again.women_edit.text(), again.men_edit.text()) == ("17", "12")
    assert again.women_edit.accessibleName() == "Of whom women"


def test_more_women_and_men_than_the_value_is_refused(qtbot: QtBot, demo: Database) -> None:
    dialog, indicator, period = open_value(qtbot, demo)
    before = IndicatorValueService(demo).cell(indicator, period)
    dialog.value_edit.setText("10")
    dialog.women_edit.setText("6")
    dialog.men_edit.setText("5")
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("men") == (
        "Women and men together cannot be more than the value (10)."
    )
    after = IndicatorValueService(demo).cell(indicator, period)
    assert (after.version, after.value, after.women) == (before.version, before.value, before.women)


# -- a budget line's heading from the donor's template -------------------------------------


def heading_texts(dialog: BudgetLineDialog) -> list[str]:
    return [dialog.heading_combo.itemText(n) for n in range(1, dialog.heading_combo.count())]


def test_the_eu_grants_lines_go_under_the_eu_headings_indented(
    qtbot: QtBot, demo: Database
) -> None:
    grant = grant_id(demo, EU_GRANT)
    line = first(demo, select(BudgetLine.id).where(BudgetLine.grant_id == grant))
    dialog = shown(qtbot, lambda: BudgetLineDialog(demo, grant, line, None), "budget_line")
    texts = heading_texts(dialog)
    depths = [dialog.heading_combo.itemData(n, DEPTH_ROLE) for n in range(1, len(texts) + 1)]
    human = texts.index(next(text for text in texts if text.startswith("1. Human resources")))
    assert depths[human] == 0
    assert texts[human + 1].startswith("1.1 ")
    assert depths[human + 1] == 1
    per_diems = next(text for text in texts if text.startswith("1.3 Per diems"))
    assert depths[texts.index(per_diems)] == 1
    assert any(text.startswith("10. Indirect costs") for text in texts)
    assert not any("Subtotal" in text or "Total" in text for text in texts)
    dialog.heading_combo.showPopup()
    dialog.heading_combo.view().window().grab().save("/tmp/r6_budget_headings.png")
    dialog.heading_combo.hidePopup()

    per_diems_id = dialog.heading_combo.itemData(texts.index(per_diems) + 1)
    choose(dialog.heading_combo, per_diems_id)
    save(dialog)
    assert saved(dialog)
    assert BudgetService(demo).get(line).form.heading_id == per_diems_id
    again = shown(qtbot, lambda: BudgetLineDialog(demo, grant, line, None))
    assert again.heading_combo.currentData() == per_diems_id
    assert again.heading_combo.currentText() == per_diems


def test_another_donors_grant_offers_its_simple_headings(qtbot: QtBot, demo: Database) -> None:
    grant = grant_id(demo, OTHER_DONORS_GRANT)
    dialog = shown(qtbot, lambda: BudgetLineDialog(demo, grant, None, None))
    assert [text.split(" ", 1)[0] for text in heading_texts(dialog)] == [
        "1.",
        "2.",
        "3.",
        "4.",
        "5.",
    ]


def test_a_line_without_a_heading_is_refused(qtbot: QtBot, demo: Database) -> None:
    grant = grant_id(demo, EU_GRANT)
    line = first(demo, select(BudgetLine.id).where(BudgetLine.grant_id == grant))
    before = BudgetService(demo).get(line)
    dialog = shown(qtbot, lambda: BudgetLineDialog(demo, grant, line, None))
    dialog.heading_combo.setCurrentIndex(0)
    save(dialog)
    assert dialog.isVisible()
    assert dialog.field_error("heading_id") == "Choose the budget heading."
    after = BudgetService(demo).get(line)
    assert (after.version, after.form.heading_id) == (before.version, before.form.heading_id)


def test_the_sent_tick_box_is_named_for_a_screen_reader(qtbot: QtBot, demo: Database) -> None:
    grant = grant_id(demo, EU_GRANT)
    period = period_of(demo, "2026-Q1")
    dialog = shown(qtbot, lambda: PeriodDialog(demo, grant, period, None))
    check: QWidget = dialog.sent_edit.check
    assert check.accessibleName() == "Sent to the donor on"
