"""The Research page as a researcher uses it: record a report with its ISBN and the
indicators it verifies, correct it, meet a colleague's change, archive and restore it."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desktop.domain.research import OutputStatus, OutputType
from desktop.i18n import _
from desktop.services.listing import ListQuery
from desktop.services.research import ResearchOutputService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.research.dialog import ResearchOutputDialog
from desktop.ui.research.page import ResearchPage
from tests.services.test_results_office import add_chain, make_office
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import answer_conflict


def research_page(qtbot: QtBot, db: Database) -> ResearchPage:
    page = ResearchPage(db)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def open_dialog(page: ResearchPage) -> ResearchOutputDialog:
    [dialog] = [d for d in page.findChildren(ResearchOutputDialog) if d.isVisible()]
    return dialog


def save(dialog: ResearchOutputDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def titles(page: ResearchPage) -> list[str]:
    return [page.model.index(row, 1).data() for row in range(page.model.rowCount())]


def choose(combo: object, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]


def test_record_a_report_with_its_isbn_and_the_indicator_it_verifies(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    office = make_office(sqlite_db)
    indicator = add_chain(office)["OC1.1"]
    page = research_page(qtbot, sqlite_db)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)

    qtbot.keyClicks(dialog.names.edits["name_en"], "Community safety in Mitrovica")
    dialog.names.edits["name_sr"].setText("Безбедност заједнице у Митровици")
    choose(dialog.type_combo, OutputType.RESEARCH_REPORT.value)
    choose(dialog.status_combo, OutputStatus.PUBLISHED.value)
    qtbot.keyClicks(dialog.authors_edit, "Berisha, Driton; Stojanovic, Jelena")
    dialog.language_checks["sq"].setChecked(True)
    dialog.language_checks["sr"].setChecked(True)
    qtbot.keyClicks(dialog.isbn_edit, "978-9951-8937-0-2")
    choose(dialog.project_combo, office.project_id)
    assert [dialog.indicator_list.list.item(0).text()] == [
        "OC1.1 MCSCs that adopted an action plan"
    ]
    dialog.indicator_list.list.item(0).setCheckState(Qt.CheckState.Checked)
    save(dialog)

    # The check digit is wrong, and a published output needs its date: both said in place.
    assert dialog.isVisible()
    assert "978-9951-8937-0-2" in dialog.field_error("isbn")
    assert dialog.field_error("published_on")
    assert dialog.field_error("doi") == ""
    assert ResearchOutputService(sqlite_db).count(ListQuery(include_archived=True)) == 0

    dialog.isbn_edit.setText("978-9951-8937-0-1")
    dialog.published_check.setChecked(True)
    dialog.published_edit.setDate(QDate(2026, 3, 12))
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert titles(page) == ["Community safety in Mitrovica"]
    assert page.selected_row().title == "Community safety in Mitrovica"
    service = ResearchOutputService(sqlite_db)
    stored = service.get(page.selected_row().id).form
    assert stored.name_sr_latn == "Bezbednost zajednice u Mitrovici"  # from the Cyrillic
    assert stored.published_on == date(2026, 3, 12)
    assert stored.languages == ["sq", "sr"]
    assert stored.indicator_ids == [indicator]
    assert stored.isbn == "978-9951-8937-0-1"


def test_edit_meet_a_colleagues_change_archive_and_restore(
    qtbot: QtBot, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, message_boxes: MessageBoxes
) -> None:
    load_demo(sqlite_db)
    service = ResearchOutputService(sqlite_db)
    page = research_page(qtbot, sqlite_db)
    page.search_edit.setText("Грачаница")  # Cyrillic finds the title in every script
    page.apply_search()
    assert titles(page) == [
        "Community safety in Prishtinë/Priština and Gračanica: what residents say"
    ]
    page.table.selectRow(0)
    output_id = page.selected_row().id

    page.edit_action.trigger()
    dialog = open_dialog(page)
    dialog.doi_edit.setText("not a doi")
    save(dialog)
    assert "not a doi" in dialog.field_error("doi")
    dialog.doi_edit.setText("https://doi.org/10.5555/ccs.2026.001")
    save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert service.get(output_id).form.doi == "10.5555/ccs.2026.001"

    page.edit_action.trigger()
    dialog = open_dialog(page)
    elsewhere = service.get(output_id)
    elsewhere.form.abstract = "Shortened by a colleague."
    service.update(output_id, elsewhere.form, elsewhere.version)

    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    dialog.place_edit.setText("Mitrovicë/Mitrovica")
    save(dialog)
    assert answered, "the conflict dialog did not open"
    assert dialog.isVisible()
    assert service.get(output_id).form.place == "Prishtinë/Priština"
    assert dialog.abstract_edit.toPlainText() == "Shortened by a colleague."
    assert not dialog.is_modified()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    page.archive_action.trigger()
    assert titles(page) == []
    assert page.model.total == 0
    page.archived_check.setChecked(True)
    page.table.selectRow(0)
    assert page.archive_action.text() == _("&Restore")
    page.archive_action.trigger()
    page.archived_check.setChecked(False)
    assert [row.id for row in service.page(ListQuery(search="Грачаница"))] == [output_id]
    assert message_boxes.shown == []


def test_filters_narrow_the_list(qtbot: QtBot, sqlite_db: Database) -> None:
    load_demo(sqlite_db)
    page = research_page(qtbot, sqlite_db)
    every = page.model.total
    page.set_filter("output_type", OutputType.POLICY_BRIEF.value)
    briefs = ResearchOutputService(sqlite_db).count(
        ListQuery().with_filter("output_type", OutputType.POLICY_BRIEF)
    )
    assert 0 < page.model.total == briefs < every
    assert {page.model.index(r, 2).data() for r in range(page.model.rowCount())} == {
        _("Policy brief")
    }
    page.set_filter("status", OutputStatus.PLANNED.value)
    assert page.model.total == 0
    page.set_filter("output_type", None)
    assert page.model.total == ResearchOutputService(sqlite_db).count(
        ListQuery().with_filter("status", OutputStatus.PLANNED)
    )
