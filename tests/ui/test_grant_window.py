"""A grant's window as a grants manager uses it: budget lines, instalments, an invoice in
a foreign currency, reporting periods with their narratives in four languages, and the
summary strip following every change."""

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QToolButton, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.domain.period import NarrativeSection
from desktop.i18n import _, current_language, set_language
from desktop.i18n.formatting import format_money, format_ratio
from desktop.services.budget import BudgetLineForm, BudgetService
from desktop.services.donor_profiles import DonorProfileForm, DonorProfileService
from desktop.services.expenditures import ExpenditureForm, ExpenditureService
from desktop.services.instalments import InstalmentService
from desktop.services.listing import ListQuery
from desktop.services.periods import PeriodForm, PeriodService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.grants.budget_dialog import BudgetLineDialog
from desktop.ui.grants.expenditure_dialog import ExpenditureDialog
from desktop.ui.grants.instalment_dialog import InstalmentDialog
from desktop.ui.grants.period_dialog import PeriodDialog
from desktop.ui.grants.window import GrantWindow
from desktop.ui.widgets.conflict_dialog import ConflictDialog
from desktop.ui.widgets.record_dialog import RecordDialog, without_mnemonic
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_grant, add_organisation, add_project, answer_conflict

SUMMARY = NarrativeSection.SUMMARY


@pytest.fixture
def grant_id(sqlite_db: Database) -> int:
    """EUR 249,850.00 from 2026-01-01 to 2027-06-30, on the EU's budget template."""
    donor = add_organisation(sqlite_db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    [eu] = [t.id for t in ReferenceService(sqlite_db).budget_templates("en") if t.code == "eu_2016"]
    DonorProfileService(sqlite_db).set(donor, DonorProfileForm(budget_template_id=eu), None)
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    return add_grant(sqlite_db, "NDICI/2024/451-117", project, donor)


@pytest.fixture
def grant_window(qtbot: QtBot, sqlite_db: Database, grant_id: int) -> GrantWindow:
    opened = GrantWindow(sqlite_db, grant_id)
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def heading_id(db: Database, code: str = "eu_2_travel") -> int:
    return next(h.id for h in ReferenceService(db).budget_headings("en") if h.code == code)


def add_line(db: Database, grant_id: int, code: str = "2.1", amount: str = "20000") -> int:
    return BudgetService(db).create(
        grant_id,
        BudgetLineForm(
            heading_id=heading_id(db), code=code, description="Local travel", amount=amount
        ),
    )


def shown(parent: QWidget, kind: type[RecordDialog]) -> RecordDialog:
    [dialog] = [d for d in parent.findChildren(kind) if d.isVisible()]
    return dialog


def click_save(dialog: RecordDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def drop_mine_on_conflict() -> list[ConflictDialog]:
    """The conflict dialog is answered with "Drop my changes"."""
    return answer_conflict(lambda conflict: conflict.discard_button.click())


def money(amount: str) -> str:
    return format_money(Decimal(amount), "EUR", current_language())


# -- expenditures ----------------------------------------------------------------------------


def test_an_invoice_in_dinars_shows_and_saves_its_converted_amount(
    qtbot: QtBot, grant_window: GrantWindow, sqlite_db: Database, grant_id: int
) -> None:
    line = add_line(sqlite_db, grant_id)
    tab = grant_window.expenditures_tab
    tab.refresh_choices()
    grant_window.tabs.setCurrentWidget(tab)
    tab.new_action.trigger()
    dialog = shown(tab, ExpenditureDialog)
    assert isinstance(dialog, ExpenditureDialog)
    assert not dialog.rate_edit.isEnabled()  # euros are not converted

    dialog.date_edit.setDate(QDate(2026, 3, 12))
    dialog.line_combo.setCurrentIndex(dialog.line_combo.findData(line))
    qtbot.keyClicks(dialog.description_edit, "Two nights for the regional study visit")
    qtbot.keyClicks(dialog.supplier_edit, "Hotel Slavija")
    qtbot.keyClicks(dialog.invoice_edit, "RN-2026-0412")
    dialog.currency_combo.setCurrentText("RSD")
    assert dialog.rate_edit.isEnabled()
    qtbot.keyClicks(dialog.amount_edit, "12,345.67")
    assert dialog.converted_label.text() == _("Give the amount and the exchange rate.")
    qtbot.keyClicks(dialog.rate_edit, "0.0085")
    assert dialog.converted_label.text() == money("104.94")
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    [row] = ExpenditureService(sqlite_db).page(grant_id, ListQuery())
    assert (row.original_currency, row.original_amount, row.rate, row.amount) == (
        "RSD",
        Decimal("12345.67"),
        Decimal("0.0085"),
        Decimal("104.94"),
    )
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, 8).data() == money("104.94")
    assert grant_window.strip.values["spent"].text() == money("104.94")


def test_a_bad_rate_and_a_date_outside_the_grant_are_refused(
    qtbot: QtBot, grant_window: GrantWindow, sqlite_db: Database, grant_id: int
) -> None:
    line = add_line(sqlite_db, grant_id)
    tab = grant_window.expenditures_tab
    tab.refresh_choices()
    tab.new_action.trigger()
    dialog = shown(tab, ExpenditureDialog)
    assert isinstance(dialog, ExpenditureDialog)
    dialog.date_edit.setDate(QDate(2025, 12, 31))
    dialog.line_combo.setCurrentIndex(dialog.line_combo.findData(line))
    qtbot.keyClicks(dialog.description_edit, "Fuel")
    dialog.currency_combo.setCurrentText("USD")
    qtbot.keyClicks(dialog.amount_edit, "50")
    qtbot.keyClicks(dialog.rate_edit, "0")
    click_save(dialog)

    assert dialog.isVisible()
    assert dialog.field_error("rate") == _("The exchange rate must be greater than zero.")
    assert "Dec 31, 2025" in dialog.field_error("spent_on")
    assert dialog.field_error("original_amount") == ""
    assert ExpenditureService(sqlite_db).count(grant_id, ListQuery()) == 0

    dialog.date_edit.setDate(QDate(2026, 1, 15))
    dialog.rate_edit.setText("0.92")
    assert dialog.converted_label.text() == money("46.00")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ExpenditureService(sqlite_db).total(grant_id, ListQuery()) == Decimal("46.00")


def test_editing_an_expenditure_someone_changed_meanwhile(
    qtbot: QtBot,
    grant_window: GrantWindow,
    sqlite_db: Database,
    grant_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = ExpenditureService(sqlite_db)
    line = add_line(sqlite_db, grant_id)
    expenditure_id = service.create(
        grant_id,
        ExpenditureForm(
            spent_on="2026-02-02",
            budget_line_id=line,
            description="Taxi to Zvečan",
            original_currency="RSD",
            original_amount="2500",
            rate="0.0085",
        ),
    )
    tab = grant_window.expenditures_tab
    tab.reload()
    tab.table.selectRow(0)
    tab.edit_action.trigger()
    dialog = shown(tab, ExpenditureDialog)
    assert isinstance(dialog, ExpenditureDialog)
    assert dialog.rate_edit.text() == "0.0085"
    assert dialog.converted_label.text() == money("21.25")
    assert not dialog.is_modified()

    theirs = service.get(expenditure_id)
    theirs.form.rate = "0.0086"
    service.update(expenditure_id, theirs.form, theirs.version)
    answered = drop_mine_on_conflict()
    dialog.supplier_edit.setText("Taksi Sever")
    click_save(dialog)
    assert answered[0].kept_mine() == {"supplier"}
    assert dialog.isVisible()
    assert dialog.rate_edit.text() == "0.0086"
    assert dialog.supplier_edit.text() == ""
    assert service.get(expenditure_id).amount == Decimal("21.50")

    dialog.supplier_edit.setText("Taksi Sever")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get(expenditure_id).form.supplier == "Taksi Sever"


def test_the_list_filters_by_line_and_searches(
    qtbot: QtBot,
    grant_window: GrantWindow,
    sqlite_db: Database,
    grant_id: int,
    message_boxes: MessageBoxes,
) -> None:
    service = ExpenditureService(sqlite_db)
    travel = add_line(sqlite_db, grant_id)
    venues = add_line(sqlite_db, grant_id, "5.1", "10000")
    for line, description, supplier in (
        (travel, "Fuel for the field visits", "Petrol Company"),
        (venues, "Venue for the public consultation", "Hotel Sirius"),
    ):
        service.create(
            grant_id,
            ExpenditureForm(
                spent_on="2026-02-10",
                budget_line_id=line,
                description=description,
                supplier=supplier,
                original_amount="100",
            ),
        )
    tab = grant_window.expenditures_tab
    tab.refresh_choices()
    tab.reload()
    assert tab.model.rowCount() == 2
    tab.set_filter("budget_line", venues)
    assert [tab.model.index(r, 2).data() for r in range(tab.model.rowCount())] == [
        "Venue for the public consultation"
    ]
    tab.set_filter("budget_line", None)
    qtbot.keyClicks(tab.search_edit, "petrol")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    assert tab.model.index(0, 3).data() == "Petrol Company"

    tab.table.selectRow(0)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    tab.delete_action.trigger()
    assert service.count(grant_id, ListQuery()) == 1
    assert tab.model.rowCount() == 0


# -- budget lines and instalments ------------------------------------------------------------


def test_budget_lines_through_their_dialog(
    qtbot: QtBot,
    grant_window: GrantWindow,
    sqlite_db: Database,
    grant_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tab = grant_window.budget_tab
    tab.new_action.trigger()
    dialog = shown(tab, BudgetLineDialog)
    assert isinstance(dialog, BudgetLineDialog)
    dialog.heading_combo.setCurrentIndex(
        dialog.heading_combo.findData(heading_id(sqlite_db, "eu_1_human_resources"))
    )
    qtbot.keyClicks(dialog.code_edit, "1.1")
    qtbot.keyClicks(dialog.description_edit, "Project manager, 100%")
    qtbot.keyClicks(dialog.quantity_edit, "18")
    qtbot.keyClicks(dialog.unit_cost_edit, "3200")
    assert dialog.amount_edit.isReadOnly()
    assert dialog.amount_edit.text() == "57,600.00"

    dialog.unit_cost_edit.setText("20000")  # 360,000 would exceed the grant's 249,850
    click_save(dialog)
    assert dialog.isVisible()
    assert money("249850") in dialog.field_error("amount")
    assert BudgetService(sqlite_db).lines(grant_id, "en") == []

    dialog.unit_cost_edit.setText("3200")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert tab.model.index(0, 6).data() == money("57600")
    assert money("192250") in tab.footer.text()  # what is left to place on lines

    tab.table.selectRow(0)
    tab.edit_action.trigger()
    dialog = shown(tab, BudgetLineDialog)
    line_id = tab.selected_row().id
    budget = BudgetService(sqlite_db)
    theirs = budget.get(line_id)
    theirs.form.description = "Project manager, 80%"
    budget.update(line_id, theirs.form, theirs.version)
    drop_mine_on_conflict()
    dialog.quantity_edit.setText("12")
    click_save(dialog)
    assert dialog.isVisible()
    assert dialog.description_edit.text() == "Project manager, 80%"
    dialog.quantity_edit.setText("12")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert budget.get(line_id).form.amount == Decimal("38400.00")


def test_a_line_with_expenditures_is_kept_when_deleted(
    grant_window: GrantWindow, sqlite_db: Database, grant_id: int, message_boxes: MessageBoxes
) -> None:
    line = add_line(sqlite_db, grant_id)
    ExpenditureService(sqlite_db).create(
        grant_id,
        ExpenditureForm(
            spent_on="2026-02-10", budget_line_id=line, description="Fuel", original_amount="80"
        ),
    )
    tab = grant_window.budget_tab
    tab.reload()
    tab.table.selectRow(0)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    tab.delete_action.trigger()
    assert message_boxes.kinds() == ["question", "warning"]
    assert "2.1" in message_boxes.shown[-1][2]
    assert tab.model.rowCount() == 1


def test_instalments_through_their_dialog(
    qtbot: QtBot, grant_window: GrantWindow, sqlite_db: Database, grant_id: int
) -> None:
    tab = grant_window.instalments_tab
    grant_window.tabs.setCurrentWidget(tab)
    tab.new_action.trigger()
    dialog = shown(tab, InstalmentDialog)
    assert isinstance(dialog, InstalmentDialog)
    assert dialog.number_spin.value() == 1
    qtbot.keyClicks(dialog.amount_edit, "300000")  # more than the grant amount
    click_save(dialog)
    assert dialog.isVisible()
    assert money("300000") in dialog.field_error("amount")
    assert InstalmentService(sqlite_db).instalments(grant_id) == []

    dialog.amount_edit.setText("199,880.00")
    dialog.due_edit.check.setChecked(True)
    dialog.due_edit.edit.setDate(QDate(2026, 1, 31))
    dialog.received_edit.check.setChecked(True)
    dialog.received_edit.edit.setDate(QDate(2026, 2, 5))
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [row] = InstalmentService(sqlite_db).instalments(grant_id)
    assert (row.number, row.due_on, row.received_on, row.amount) == (
        1,
        date(2026, 1, 31),
        date(2026, 2, 5),
        Decimal("199880.00"),
    )
    assert grant_window.strip.values["received"].text() == money("199880")
    assert tab.model.index(0, 4).data() == _("Received")


# -- reporting periods -----------------------------------------------------------------------


def test_a_period_with_its_narrative_in_four_languages(
    qtbot: QtBot, grant_window: GrantWindow, sqlite_db: Database, grant_id: int
) -> None:
    tab = grant_window.periods_tab
    tab.new_action.trigger()
    dialog = shown(tab, PeriodDialog)
    assert isinstance(dialog, PeriodDialog)
    assert dialog.start_edit.date_value() == date(2026, 1, 1)  # where the grant starts
    assert dialog.end_edit.date_value() == date(2026, 3, 31)  # the quarter's end
    qtbot.keyClicks(dialog.label_edit, "2026-Q1")
    summary = dialog.narratives[SUMMARY]
    qtbot.keyClicks(summary.edits["name_en"], "Five MCSCs consulted their communities.")
    summary.edits["name_sq"].setPlainText("Pesë KKSB konsultuan komunitetet e tyre.")
    summary.edits["name_sr"].setPlainText("Пет ОСБЗ консултовало је заједнице.")
    assert summary.edits["name_sr_latn"].toPlainText() == "Pet OSBZ konsultovalo je zajednice."
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    [row] = PeriodService(sqlite_db).periods(grant_id)
    stored = PeriodService(sqlite_db).get(row.id).form
    assert (row.label, row.due_on) == ("2026-Q1", date(2026, 4, 30))
    assert stored.narratives == {
        (SUMMARY, "en"): "Five MCSCs consulted their communities.",
        (SUMMARY, "sq"): "Pesë KKSB konsultuan komunitetet e tyre.",
        (SUMMARY, "sr"): "Пет ОСБЗ консултовало је заједнице.",
        (SUMMARY, "sr_Latn"): "Pet OSBZ konsultovalo je zajednice.",
    }
    assert tab.model.index(0, 5).data() == _("{written} of {sections}").format(
        written=1,
        sections=len(NarrativeSection),  # the EU model report's seven
    )

    tab.table.selectRow(0)
    tab.edit_action.trigger()
    dialog = shown(tab, PeriodDialog)
    assert isinstance(dialog, PeriodDialog)
    challenges = dialog.narratives[NarrativeSection.CHALLENGES]
    challenges.edits["name_sq"].setPlainText("Tensionet në veri shtynë një takim.")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    narratives = PeriodService(sqlite_db).get(row.id).form.narratives
    assert narratives[(NarrativeSection.CHALLENGES, "sq")] == "Tensionet në veri shtynë një takim."


def test_an_overlapping_period_is_refused_under_its_dates(
    qtbot: QtBot, grant_window: GrantWindow, sqlite_db: Database, grant_id: int
) -> None:
    PeriodService(sqlite_db).create(
        grant_id, PeriodForm(label="2026-Q1", start_date="2026-01-01", end_date="2026-03-31")
    )
    tab = grant_window.periods_tab
    tab.reload()
    tab.new_action.trigger()
    dialog = shown(tab, PeriodDialog)
    assert isinstance(dialog, PeriodDialog)
    assert dialog.start_edit.date_value() == date(2026, 4, 1)  # after the last period
    qtbot.keyClicks(dialog.label_edit, "2026-H1")
    dialog.start_edit.setDate(QDate(2026, 3, 1))
    dialog.narratives[NarrativeSection.VISIBILITY].edits["name_en"].setPlainText("x" * 50_001)
    click_save(dialog)
    assert dialog.isVisible()
    assert "2026-Q1" in dialog.field_error("start_date")
    assert dialog.field_error("narrative.visibility.en") != ""
    assert dialog.sections.currentWidget() is dialog.narratives[NarrativeSection.VISIBILITY]
    assert [p.label for p in PeriodService(sqlite_db).periods(grant_id)] == ["2026-Q1"]


def test_a_period_changed_by_a_colleague_while_writing(
    qtbot: QtBot,
    grant_window: GrantWindow,
    sqlite_db: Database,
    grant_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    service = PeriodService(sqlite_db)
    period_id = service.create(
        grant_id, PeriodForm(label="2026-Q1", start_date="2026-01-01", end_date="2026-03-31")
    )
    tab = grant_window.periods_tab
    tab.reload()
    tab.table.selectRow(0)
    tab.edit_action.trigger()
    dialog = shown(tab, PeriodDialog)
    assert isinstance(dialog, PeriodDialog)
    theirs = service.get(period_id)
    theirs.form.narratives = {(SUMMARY, "en"): "Their summary."}
    service.update(period_id, theirs.form, theirs.version)

    drop_mine_on_conflict()
    dialog.narratives[SUMMARY].edits["name_sq"].setPlainText("Përmbledhja ime.")
    click_save(dialog)
    assert dialog.isVisible()
    assert dialog.narratives[SUMMARY].edits["name_en"].toPlainText() == "Their summary."
    assert service.get(period_id).form.narratives == {(SUMMARY, "en"): "Their summary."}


def test_quarters_generated_in_one_action(
    grant_window: GrantWindow, sqlite_db: Database, grant_id: int, message_boxes: MessageBoxes
) -> None:
    tab = grant_window.periods_tab
    added = tab.generate_quarters()
    assert added == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2"]
    assert tab.model.rowCount() == 6
    assert message_boxes.kinds() == ["information"]
    assert tab.generate_quarters() == []
    assert message_boxes.shown[-1][2] == _(
        "Every quarter of the grant already has a reporting period."
    )
    period = grant_window.expenditures_tab.filter_combos["period"]
    assert [period.itemText(i) for i in range(1, period.count())] == added


# -- the summary strip -----------------------------------------------------------------------


def test_the_strip_compares_money_spent_with_time_elapsed(
    qtbot: QtBot, sqlite_db: Database, grant_id: int
) -> None:
    line = add_line(sqlite_db, grant_id, amount="200000")
    ExpenditureService(sqlite_db).create(
        grant_id,
        ExpenditureForm(
            spent_on="2026-01-20", budget_line_id=line, description="Fuel", original_amount="24985"
        ),
    )
    opened = GrantWindow(sqlite_db, grant_id)
    qtbot.addWidget(opened)
    summary = opened.summary
    assert summary.spent_share == Decimal("0.1")
    strip = opened.strip
    assert strip.values["amount"].text() == money("249850")
    assert strip.values["spent"].text() == money("24985")
    assert strip.values["remaining"].text() == money("224865")
    assert strip.spent_bar.value() == 10
    assert strip.spent_bar.format() == format_ratio(Decimal("0.1"), current_language())
    assert strip.time_bar.value() == int(summary.time_share * 100)


# -- language and keyboard -------------------------------------------------------------------


def test_the_window_follows_a_language_switch(
    grant_window: GrantWindow, sqlite_db: Database, grant_id: int
) -> None:
    add_line(sqlite_db, grant_id)
    grant_window.budget_tab.reload()
    set_language("sr")
    assert grant_window.tabs.tabText(0) == _("Budget lines")
    amount = grant_window.budget_tab.model.headerData(6, Qt.Orientation.Horizontal)
    assert amount == _("Amount") != "Amount"
    assert grant_window.budget_tab.model.index(0, 0).data() == "2. Путовања"
    assert grant_window.strip.values["amount"].text() == format_money(
        Decimal("249850"), "EUR", "sr"
    )


def test_tab_walks_the_expenditure_fields_in_order(qtbot: QtBot, grant_window: GrantWindow) -> None:
    tab = grant_window.expenditures_tab
    tab.new_action.trigger()
    dialog = shown(tab, ExpenditureDialog)
    assert isinstance(dialog, ExpenditureDialog)
    dialog.currency_combo.setCurrentText("RSD")
    expected = [
        dialog.date_edit,
        dialog.line_combo,
        dialog.description_edit,
        dialog.supplier_edit,
        dialog.invoice_edit,
        dialog.amount_edit,
        dialog.currency_combo,
        dialog.rate_edit,
    ]
    walked = [expected[0]]
    widget: QWidget = expected[0]
    while len(walked) < len(expected):
        widget = widget.nextInFocusChain()
        if widget in expected:
            walked.append(widget)
    assert walked == expected
    assert dialog.rate_edit.accessibleName() == without_mnemonic(_("Exchange &rate"))


def test_every_tab_button_shows_its_access_key(qtbot: QtBot, grant_window: GrantWindow) -> None:
    for tab in grant_window.all_tabs():
        for action in (tab.new_action, tab.edit_action, tab.delete_action):
            [button] = [b for b in tab.findChildren(QToolButton) if b.defaultAction() is action]
            assert "&" in button.text() and button.text() == action.text()
    grant_window.tabs.setCurrentWidget(grant_window.expenditures_tab)
    grant_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is grant_window)
    table = grant_window.expenditures_tab.table
    qtbot.keyClick(table, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(grant_window.expenditures_tab.findChildren(ExpenditureDialog)))
