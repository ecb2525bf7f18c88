"""The Cases page as a project officer uses it: log a case, correct it, follow it up, move it
to resolved and closed, find it again, archive and restore it."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.case import CaseCategory, CaseStatus
from desktop.i18n import _
from desktop.services.cases import ActionForm, CaseForm, CaseQuery, CaseService
from desktop.services.errors import ValidationError
from desktop.services.projects import ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.cases.action_dialog import ActionDialog
from desktop.ui.cases.dialog import CaseDialog
from desktop.ui.cases.page import DUE_COLUMN, CasesPage
from desktop.ui.cases.status_dialog import ChangeStatusDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.widgets.charts import chart_colours
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project, answer_conflict

# The day the module was loaded: for the dates the tests enter.  What the application stamps
# itself (a resolution, an action done) is compared with the day it was stamped on,
# ``date.today()`` at that moment, since a run of the suite may cross midnight.
TODAY = date.today()


def _municipality(db: Database, code: str) -> int:
    return next(c.id for c in ReferenceService(db).municipalities("en") if c.code == code)


def add_case(db: Database, reference: str, **changes: object) -> int:
    form = CaseForm(
        reference=reference,
        title="Broken street lighting on the path to a school",
        municipality_id=_municipality(db, "prishtine"),
        category=CaseCategory.PUBLIC_SPACE,
        raised_by="Parents' council",
        opened_on=TODAY - timedelta(days=20),
        due_on=TODAY + timedelta(days=20),
    )
    for name, value in changes.items():
        setattr(form, name, value)
    return CaseService(db).create(form)


def cases_page(window: MainWindow) -> CasesPage:
    page = window.show_page("cases")
    assert isinstance(page, CasesPage)
    return page


def visible(page: CasesPage, kind: type) -> list:
    return [d for d in page.findChildren(kind) if d.isVisible()]


def open_case(qtbot: QtBot, page: CasesPage, reference: str | None) -> CaseDialog:
    if reference is None:
        page.new_action.trigger()
    else:
        page.reload()
        page.table.selectRow(column_texts(page, 0).index(reference))
        page.edit_action.trigger()
    [dialog] = visible(page, CaseDialog)
    qtbot.waitExposed(dialog)
    return dialog


def column_texts(page: CasesPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def click_save(dialog: CaseDialog | ActionDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_log_a_new_case_through_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = cases_page(window)
    dialog = open_case(qtbot, page, None)
    assert dialog.reference_edit.text() == f"CS-{TODAY.year}-001"
    assert dialog.follow_up_hint.isVisible()
    assert not dialog.status_button.isEnabled()

    qtbot.keyClicks(dialog.title_edit, "Celebratory gunfire at weddings")
    choose(dialog.municipality_combo, _municipality(sqlite_db, "prizren"))
    choose(dialog.category_combo, CaseCategory.WEAPONS.value)
    qtbot.keyClicks(dialog.raised_by_edit, "Women's group")
    dialog.opened_edit.set_date_value(TODAY - timedelta(days=3))
    dialog.due_edit.check.setChecked(True)
    dialog.due_edit.date_edit.set_date_value(TODAY + timedelta(days=27))
    qtbot.keyClicks(dialog.description_edit, "Shots are fired at most weddings.")
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, 0) == [f"CS-{TODAY.year}-001"]
    assert column_texts(page, 3) == [_("Weapons and small arms")]
    assert column_texts(page, 4) == [_("Open")]
    service = CaseService(sqlite_db)
    [row] = service.page(CaseQuery())
    stored = service.get(row.id)
    assert stored.form.raised_by == "Women's group"
    assert stored.form.due_on == TODAY + timedelta(days=27)
    assert [entry.status for entry in service.history(row.id)] == [CaseStatus.OPEN]

    dialog = open_case(qtbot, page, None)  # the next one is offered the next reference
    assert dialog.reference_edit.text() == f"CS-{TODAY.year}-002"


def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = cases_page(window)
    dialog = open_case(qtbot, page, None)
    dialog.opened_edit.setDate(QDate(2026, 5, 10))
    dialog.due_edit.check.setChecked(True)
    dialog.due_edit.date_edit.setDate(QDate(2026, 5, 1))
    click_save(dialog)

    with pytest.raises(ValidationError) as expected:
        CaseService(sqlite_db).create(dialog.form())
    assert set(expected.value.errors) == {"title", "municipality_id", "due_on"}
    assert dialog.isVisible()
    for name, message in expected.value.errors.items():
        assert dialog.field_error(name) == message
    assert dialog.field_error("reference") == ""
    qtbot.waitUntil(dialog.title_edit.hasFocus)
    assert CaseService(sqlite_db).count(CaseQuery(include_archived=True)) == 0
    assert page.model.rowCount() == 0

    qtbot.keyClicks(dialog.title_edit, "Stray dogs on the way to school")
    choose(dialog.municipality_combo, _municipality(sqlite_db, "fushe-kosove"))
    dialog.due_edit.check.setChecked(False)
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert CaseService(sqlite_db).page(CaseQuery())[0].due_on is None


def _change_status(
    qtbot: QtBot, dialog: CaseDialog, status: CaseStatus, note: str
) -> ChangeStatusDialog:
    status_dialog = dialog.change_status()
    assert status_dialog is not None
    qtbot.waitExposed(status_dialog)
    status_dialog.choose(status)
    status_dialog.note_edit.setPlainText(note)
    status_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    return status_dialog


def test_change_the_status_to_resolved_then_closed(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    case_id = add_case(sqlite_db, "CS-2026-001")
    page = cases_page(window)
    dialog = open_case(qtbot, page, "CS-2026-001")
    assert dialog.status_label.text() == _("Open")
    assert dialog.history_list.topLevelItemCount() == 1

    status_dialog = _change_status(qtbot, dialog, CaseStatus.RESOLVED, "")
    assert status_dialog.isVisible()  # a resolution needs its reason
    assert status_dialog.field_error("note") == _("Say how the concern was resolved.")
    assert CaseService(sqlite_db).get(case_id).status == CaseStatus.OPEN

    status_dialog.note_edit.setPlainText("Twelve lamps repaired.")
    status_dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.status_dialog is None)
    stored = CaseService(sqlite_db).get(case_id)
    assert (stored.status, stored.resolved_on) == (CaseStatus.RESOLVED, date.today())
    assert dialog.version == stored.version
    assert _("Resolved") in dialog.status_label.text()
    assert dialog.history_list.topLevelItemCount() == 2
    assert dialog.history_list.topLevelItem(1).text(2) == "Twelve lamps repaired."
    assert column_texts(page, 4) == [_("Resolved")]  # the list follows at once

    closing = _change_status(qtbot, dialog, CaseStatus.CLOSED, "Parents confirmed.")
    qtbot.waitUntil(lambda: not closing.isVisible())
    assert CaseService(sqlite_db).get(case_id).status == CaseStatus.CLOSED
    assert column_texts(page, 4) == [_("Closed")]
    reopen = dialog.change_status()
    assert [reopen.status_combo.itemData(i) for i in range(reopen.status_combo.count())] == [
        CaseStatus.OPEN.value
    ]
    reopen.reject()

    # The form typed meanwhile is still there and saves against the new version.
    dialog.title_edit.setText("Street lighting repaired")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert CaseService(sqlite_db).get(case_id).form.title == "Street lighting repaired"


def test_a_change_saved_elsewhere_meanwhile_is_not_overwritten(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = CaseService(sqlite_db)
    case_id = add_case(sqlite_db, "CS-2026-001")
    page = cases_page(window)
    dialog = open_case(qtbot, page, "CS-2026-001")

    elsewhere = service.get(case_id)
    elsewhere.form.title = "Renamed by a colleague"
    service.update(case_id, elsewhere.form, elsewhere.version)

    asked: list[str] = []

    def choose_reload(box: QMessageBox) -> int:
        asked.append(box.text())
        [reload] = [b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole]
        reload.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_reload)
    dialog.title_edit.setText("My change")
    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    click_save(dialog)
    assert dialog.isVisible()
    assert answered and answered[0].values_shown("title") == ("My change", "Renamed by a colleague")
    assert service.get(case_id).form.title == "Renamed by a colleague"
    assert dialog.title_edit.text() == "Renamed by a colleague"
    assert not dialog.is_modified()

    # A status step against a stale version is refused the same way.
    again = service.get(case_id)
    service.update(case_id, replace(again.form, title="Third"), again.version)
    closing = _change_status(qtbot, dialog, CaseStatus.REFERRED, "To the police.")
    qtbot.waitUntil(lambda: not closing.isVisible())
    assert len(asked) == 1
    assert service.get(case_id).status == CaseStatus.OPEN
    assert dialog.title_edit.text() == "Third"


def test_follow_up_actions_are_added_done_and_removed(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    case_id = add_case(sqlite_db, "CS-2026-001")
    CaseService(sqlite_db).add_action(
        case_id, ActionForm(description="Survey the path", due_on=TODAY - timedelta(days=1))
    )
    page = cases_page(window)
    dialog = open_case(qtbot, page, "CS-2026-001")
    assert dialog.actions_list.topLevelItemCount() == 1
    overdue = dialog.actions_list.topLevelItem(0)
    assert overdue.foreground(2).color() == chart_colours(dialog.palette()).alert

    action_dialog = dialog.add_action()
    assert action_dialog is not None
    qtbot.waitExposed(action_dialog)
    click_save(action_dialog)  # no description
    assert action_dialog.isVisible()
    assert action_dialog.field_error("description") == _("This field is required.")
    qtbot.keyClicks(action_dialog.description_edit, "Order new lamps")
    qtbot.keyClicks(action_dialog.responsible_edit, "Directorate for public services")
    click_save(action_dialog)
    qtbot.waitUntil(lambda: not action_dialog.isVisible())
    texts = [dialog.actions_list.topLevelItem(i).text(0) for i in range(2)]
    assert sorted(texts) == ["Order new lamps", "Survey the path"]

    [survey] = [
        a for a in CaseService(sqlite_db).actions(case_id) if a.description == "Survey the path"
    ]
    dialog.select_action(survey.id)
    assert dialog.done_action_button.isEnabled()
    dialog.done_action_button.click()
    done = [a for a in CaseService(sqlite_db).actions(case_id) if a.done]
    assert [(a.id, a.done_on) for a in done] == [(survey.id, date.today())]
    assert any(
        dialog.history_list.topLevelItem(i).text(1) == _("Action done")
        for i in range(dialog.history_list.topLevelItemCount())
    )

    dialog.select_action(done[0].id)
    message_boxes.answer = QMessageBox.StandardButton.No
    dialog.remove_action_button.click()
    assert len(CaseService(sqlite_db).actions(case_id)) == 2
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.remove_action_button.click()
    assert [a.description for a in CaseService(sqlite_db).actions(case_id)] == ["Order new lamps"]
    assert dialog.actions_list.topLevelItemCount() == 1
    assert not dialog.is_modified()  # actions are saved at once, not with the form


def test_archive_hides_the_case_until_archived_are_shown(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_case(sqlite_db, "CS-2026-001")
    add_case(sqlite_db, "CS-2026-002")
    page = cases_page(window)
    page.reload()
    page.table.selectRow(0)
    assert page.archive_action.text() == _("&Archive")
    page.archive_action.trigger()
    assert column_texts(page, 0) == ["CS-2026-002"]

    page.archived_check.setChecked(True)
    assert column_texts(page, 0) == ["CS-2026-001", "CS-2026-002"]
    assert column_texts(page, 4)[0] == _("{status} (archived)").format(status=_("Open"))
    page.table.selectRow(0)
    assert page.archive_action.text() == _("&Restore")
    page.archive_action.trigger()
    page.archived_check.setChecked(False)
    assert column_texts(page, 0) == ["CS-2026-001", "CS-2026-002"]


def test_archive_and_restore_from_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    case_id = add_case(sqlite_db, "CS-2026-001")
    page = cases_page(window)
    dialog = open_case(qtbot, page, "CS-2026-001")
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.archive_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert CaseService(sqlite_db).get(case_id).archived
    assert column_texts(page, 0) == []

    page.archived_check.setChecked(True)
    dialog = open_case(qtbot, page, "CS-2026-001")
    assert dialog.archive_button.text() == _("Restore from arc&hive")
    dialog.archive_button.click()
    assert not CaseService(sqlite_db).get(case_id).archived
    assert dialog.archive_button.text() == _("Arc&hive")


def test_filters_and_search_narrow_the_list(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    gjilan = _municipality(sqlite_db, "gjilan")
    add_case(sqlite_db, "CS-2026-001")
    add_case(
        sqlite_db,
        "CS-2026-002",
        municipality_id=gjilan,
        category=CaseCategory.WEAPONS,
        due_on=TODAY - timedelta(days=1),
    )
    late_and_done = add_case(sqlite_db, "CS-2026-003", due_on=TODAY - timedelta(days=5))
    service = CaseService(sqlite_db)
    service.change_status(late_and_done, CaseStatus.RESOLVED, "Done.", 1)
    page = cases_page(window)
    page.reload()
    assert page.model.rowCount() == 3
    due = page.model.index(column_texts(page, 0).index("CS-2026-002"), DUE_COLUMN)
    assert due.data(Qt.ItemDataRole.ForegroundRole) == chart_colours(page.palette()).alert
    other = page.model.index(column_texts(page, 0).index("CS-2026-003"), DUE_COLUMN)
    assert other.data(Qt.ItemDataRole.ForegroundRole) is None  # resolved: not overdue

    page.set_filter("overdue", True)
    assert column_texts(page, 0) == ["CS-2026-002"]
    page.set_filter("overdue", None)
    page.set_filter("status", "resolved")
    assert column_texts(page, 0) == ["CS-2026-003"]
    page.set_filter("status", "active")
    assert column_texts(page, 0) == ["CS-2026-001", "CS-2026-002"]
    page.set_filter("municipality_id", gjilan)
    assert column_texts(page, 0) == ["CS-2026-002"]
    page.set_filter("municipality_id", None)
    page.set_filter("category", CaseCategory.WEAPONS.value)
    assert column_texts(page, 0) == ["CS-2026-002"]
    page.set_filter("category", None)
    page.set_filter("status", None)

    page.search_edit.setText("Гњилане")  # Gjilan in Serbian Cyrillic
    page.apply_search()
    assert column_texts(page, 0) == ["CS-2026-002"]
    page.search_edit.setText("parents council")
    page.apply_search()
    assert column_texts(page, 0) == ["CS-2026-001", "CS-2026-002", "CS-2026-003"]


def test_the_list_and_the_dialog_relabel_in_another_language(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_case(sqlite_db, "CS-2026-001")
    page = cases_page(window)
    dialog = open_case(qtbot, page, "CS-2026-001")
    window.choose_language("sr")
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == _("Reference")
    assert column_texts(page, 4) == [_("Open")]
    assert column_texts(page, 2) == ["Приштина"]
    assert page.status_filter.itemText(0) == _("Any status")
    assert dialog.windowTitle() == _("Case {reference}").format(reference="CS-2026-001")
    assert dialog.status_label.text() == _("Open")
    assert dialog.municipality_combo.currentText() == "Приштина"
    assert not dialog.is_modified()


def test_a_case_keeps_its_archived_project_when_edited(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    case_id = add_case(sqlite_db, "CS-2026-001", project_id=project_id)
    ProjectService(sqlite_db).archive(project_id)
    dialog = open_case(qtbot, cases_page(window), "CS-2026-001")
    assert dialog.project_combo.currentData() == project_id
    dialog.title_edit.setText("Lighting repaired on the school path")
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert CaseService(sqlite_db).get(case_id).form.project_id == project_id
