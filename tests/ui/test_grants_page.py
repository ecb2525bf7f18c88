"""The Grants page as a grants manager uses it: record a contract, correct a bad value,
edit, meet a colleague's change, archive and restore, open a grant's window."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.i18n import _, current_language
from desktop.i18n.formatting import format_money
from desktop.services.grants import GrantService
from desktop.services.listing import ListQuery
from desktop.store.database import Database
from desktop.ui.grants.dialog import GrantDialog
from desktop.ui.grants.page import GrantsPage
from desktop.ui.grants.window import GrantWindow
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_grant, add_organisation, add_project, answer_conflict


def grants_page(window: MainWindow) -> GrantsPage:
    page = window.show_page("grants")
    assert isinstance(page, GrantsPage)
    return page


def visible_dialog(parent: object) -> GrantDialog:
    [dialog] = [d for d in parent.findChildren(GrantDialog) if d.isVisible()]  # type: ignore[attr-defined]
    return dialog


def click_save(dialog: GrantDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def column(page: GrantsPage, number: int) -> list[str]:
    return [page.model.index(row, number).data() for row in range(page.model.rowCount())]


def choose(combo: object, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]


def a_grant(db: Database) -> int:
    donor = add_organisation(db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    project = add_project(db, "KS-CS-01", "Safer communities")
    return add_grant(db, "NDICI/2024/451-117", project, donor)


def test_record_a_grant_through_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    donor = add_organisation(sqlite_db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    add_organisation(sqlite_db, "NGO Zajedno", OrganisationKind.PARTNER_CSO)
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    page = grants_page(window)
    page.new_action.trigger()
    dialog = visible_dialog(page)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == _("New grant")
    assert [dialog.donor_combo.itemData(i) for i in range(dialog.donor_combo.count())] == [
        None,
        donor,
    ]  # partner CSOs are not offered as donors

    qtbot.keyClicks(dialog.number_edit, "NDICI/2026/460-001")
    qtbot.keyClicks(dialog.title_edit, "Community safety in the north")
    choose(dialog.project_combo, project)
    choose(dialog.donor_combo, donor)
    qtbot.keyClicks(dialog.amount_edit, "249,850.00")
    dialog.signed_edit.check.setChecked(True)
    dialog.signed_edit.edit.setDate(QDate(2026, 1, 20))
    dialog.start_edit.setDate(QDate(2026, 2, 1))
    dialog.end_edit.setDate(QDate(2028, 1, 31))
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column(page, 0) == ["NDICI/2026/460-001"]
    assert column(page, 3) == [format_money(Decimal("249850"), "EUR", current_language())]
    stored = GrantService(sqlite_db).get(page.selected_row().id).form
    assert stored.amount == Decimal("249850.00")
    assert (stored.project_id, stored.donor_id, stored.currency) == (project, donor, "EUR")
    assert str(stored.signed_on) == "2026-01-20"
    assert str(stored.end_date) == "2028-01-31"


def test_a_bad_value_is_shown_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    page = grants_page(window)
    page.new_action.trigger()
    dialog = visible_dialog(page)
    qtbot.keyClicks(dialog.number_edit, "NDICI/2026/460-001")
    choose(dialog.project_combo, project)
    qtbot.keyClicks(dialog.amount_edit, "a lot")
    dialog.currency_combo.setCurrentText("EU")
    click_save(dialog)

    assert dialog.isVisible()
    assert dialog.field_error("donor_id") == _("Choose the donor.")
    assert dialog.field_error("amount") == _("“{value}” is not an amount.").format(value="a lot")
    assert dialog.field_error("currency") == _(
        "Give the currency as a three-letter code such as EUR."
    )
    assert dialog.field_error("project_id") == ""
    assert GrantService(sqlite_db).count(ListQuery(include_archived=True)) == 0
    assert page.model.rowCount() == 0


def test_edit_and_a_colleagues_change_first(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = GrantService(sqlite_db)
    grant_id = a_grant(sqlite_db)
    page = grants_page(window)
    page.reload()
    page.table.selectRow(0)
    page.edit_action.trigger()
    dialog = visible_dialog(page)
    assert dialog.number_edit.text() == "NDICI/2024/451-117"
    assert dialog.amount_edit.text() == "249,850.00"
    assert not dialog.is_modified()

    dialog.title_edit.setText("Safer communities in Zvečan")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get(grant_id).form.title == "Safer communities in Zvečan"
    assert column(page, 6) == ["Safer communities in Zvečan"]

    page.edit_action.trigger()
    dialog = visible_dialog(page)
    elsewhere = service.get(grant_id)
    elsewhere.form.amount = "250000"
    service.update(grant_id, elsewhere.form, elsewhere.version)

    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    dialog.title_edit.setText("My title")
    click_save(dialog)
    assert answered[0].kept_mine() == {"title"}
    assert dialog.isVisible()
    assert service.get(grant_id).form.title == "Safer communities in Zvečan"
    assert dialog.amount_edit.text() == "250,000.00"
    assert dialog.title_edit.text() == "Safer communities in Zvečan"
    assert not dialog.is_modified()


def test_archive_and_restore_from_the_list_and_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    a_grant(sqlite_db)
    page = grants_page(window)
    page.reload()
    page.table.selectRow(0)
    page.archive_action.trigger()
    assert page.model.rowCount() == 0
    page.archived_check.setChecked(True)
    assert column(page, 0) == [_("{number} (archived)").format(number="NDICI/2024/451-117")]
    page.table.selectRow(0)
    assert page.archive_action.text() == _("&Restore")

    page.edit_action.trigger()
    dialog = visible_dialog(page)
    assert dialog.archive_button.text() == _("Restore from arc&hive")
    dialog.archive_button.click()
    assert not GrantService(sqlite_db).get(page.selected_row().id).archived
    assert column(page, 0) == ["NDICI/2024/451-117"]

    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.archive_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page.archived_check.setChecked(False)
    assert page.model.rowCount() == 0


def test_a_grant_opens_in_its_own_window_once(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    grant_id = a_grant(sqlite_db)
    page = grants_page(window)
    page.reload()
    page.table.selectRow(0)
    page.open_action.trigger()
    [opened] = [w for w in page.findChildren(GrantWindow) if w.isVisible()]
    qtbot.waitExposed(opened)
    assert opened.grant_id == grant_id
    assert opened.windowTitle() == _("Grant {number}").format(number="NDICI/2024/451-117")
    assert page.open_window(grant_id) is opened
    assert len([w for w in page.findChildren(GrantWindow) if w.isVisible()]) == 1
    opened.close()
    qtbot.waitUntil(lambda: grant_id not in page.windows)
