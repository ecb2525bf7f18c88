"""The Projects page as a project manager uses it: create, correct, edit, archive, find."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.domain.project import PartnerRole, ProjectStatus
from desktop.i18n import _, ngettext
from desktop.services.errors import ValidationError
from desktop.services.listing import PAGE_SIZE, ListQuery
from desktop.services.organisations import OrganisationForm, OrganisationService
from desktop.services.projects import ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.main_window import MainWindow
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.projects.page import ProjectsPage
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project, answer_conflict, project_form


def projects_page(window: MainWindow) -> ProjectsPage:
    page = window.show_page("projects")
    assert isinstance(page, ProjectsPage)
    return page


def open_dialog(page: ProjectsPage) -> ProjectDialog:
    """The dialog on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in page.findChildren(ProjectDialog) if d.isVisible()]
    return dialog


def open_new_dialog(qtbot: QtBot, page: ProjectsPage) -> ProjectDialog:
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)
    return dialog


def click_save(dialog: ProjectDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def column_texts(page: ProjectsPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def select_code(page: ProjectsPage, code: str) -> None:
    page.table.selectRow(column_texts(page, 0).index(code))


def test_create_a_project_through_the_dialog(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    lead = OrganisationService(sqlite_db).create(
        OrganisationForm(name_en="Network for Peace and Security", name_sq="Rrjeti për Paqe")
    )
    page = projects_page(window)
    assert window.stack.currentWidget() is page
    dialog = open_new_dialog(qtbot, page)

    qtbot.keyClicks(dialog.code_edit, "KS-CS-01")
    qtbot.keyClicks(dialog.title_edits["name_en"], "Safer communities in Mitrovica")
    # QTest types ASCII only; Albanian letters are set directly.
    dialog.title_edits["name_sq"].setText("Komunitete më të sigurta në Mitrovicë")
    qtbot.keyClicks(dialog.summary_edit, "Community safety forums with the MCSCs.")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(ProjectStatus.ACTIVE.value))
    dialog.start_edit.setDate(QDate(2026, 2, 1))
    dialog.end_edit.setDate(QDate(2027, 1, 31))
    dialog.lead_combo.setCurrentIndex(dialog.lead_combo.findData(lead))
    municipalities = dialog.municipality_list.list
    municipalities.item(0).setCheckState(Qt.CheckState.Checked)
    municipalities.item(2).setCheckState(Qt.CheckState.Checked)
    dialog.theme_list.list.item(1).setCheckState(Qt.CheckState.Checked)
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, 0) == ["KS-CS-01"]
    assert column_texts(page, 1) == ["Safer communities in Mitrovica"]
    assert column_texts(page, 2) == [_("Active")]
    assert column_texts(page, 5) == ["Network for Peace and Security"]
    assert page.selected_row().code == "KS-CS-01"

    service = ProjectService(sqlite_db)
    [row] = service.page(ListQuery())
    stored = service.get(row.id).form
    assert stored.name_sq == "Komunitete më të sigurta në Mitrovicë"
    assert stored.summary == "Community safety forums with the MCSCs."
    assert (stored.start_date, stored.end_date) == (date(2026, 2, 1), date(2027, 1, 31))
    assert stored.lead_organisation_id == lead
    assert len(stored.municipality_ids) == 2
    assert len(stored.thematic_area_ids) == 1


def test_bad_input_is_shown_beside_its_field_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = projects_page(window)
    dialog = open_new_dialog(qtbot, page)
    qtbot.keyClicks(dialog.title_edits["name_en"], "Dialogue between police and communities")
    dialog.start_edit.setDate(QDate(2026, 5, 1))
    dialog.end_edit.setDate(QDate(2026, 4, 30))
    click_save(dialog)

    with pytest.raises(ValidationError) as expected:
        ProjectService(sqlite_db).create(dialog.form())
    assert set(expected.value.errors) == {"code", "end_date"}
    assert dialog.isVisible()
    assert dialog.field_error("code") == expected.value.errors["code"]
    assert dialog.field_error("end_date") == expected.value.errors["end_date"]
    assert dialog.field_error("start_date") == ""
    assert dialog.field_error("name_en") == ""
    assert dialog.code_edit.accessibleDescription() == expected.value.errors["code"]
    qtbot.waitUntil(lambda: dialog.code_edit.hasFocus())
    assert ProjectService(sqlite_db).count(ListQuery(include_archived=True)) == 0
    assert page.model.rowCount() == 0

    qtbot.keyClicks(dialog.code_edit, "KS-DL-02")
    dialog.end_edit.setDate(QDate(2026, 12, 31))
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, 0) == ["KS-DL-02"]


def test_edit_keeps_what_the_dialog_does_not_show(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    service = ProjectService(sqlite_db)
    partner = OrganisationService(sqlite_db).create(OrganisationForm(name_en="NGO Zajedno"))
    project_id = add_project(
        sqlite_db,
        "KS-CS-01",
        "Safer communities",
        partners=[(partner, PartnerRole.LOCAL_PARTNER)],
    )
    page = projects_page(window)
    page.reload()
    select_code(page, "KS-CS-01")
    page.edit_action.trigger()
    dialog = open_dialog(page)
    assert dialog.code_edit.text() == "KS-CS-01"
    assert not dialog.is_modified()

    dialog.title_edits["name_en"].clear()
    qtbot.keyClicks(dialog.title_edits["name_en"], "Safer communities in the north")
    assert dialog.is_modified()
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, 1) == ["Safer communities in the north"]
    stored = service.get(project_id)
    assert stored.form.name_en == "Safer communities in the north"
    assert stored.form.partners == [(partner, PartnerRole.LOCAL_PARTNER)]


def test_double_click_opens_the_project(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities")
    page = projects_page(window)
    page.reload()
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = open_dialog(page)
    assert dialog.code_edit.text() == "KS-CS-01"


def test_closing_a_changed_dialog_asks_first(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    page = projects_page(window)
    dialog = open_new_dialog(qtbot, page)
    dialog.reject()  # nothing typed: closes without asking
    assert message_boxes.kinds() == []
    qtbot.waitUntil(lambda: not dialog.isVisible())

    dialog = open_new_dialog(qtbot, page)
    qtbot.keyClicks(dialog.code_edit, "KS-CS-09")
    message_boxes.answer = QMessageBox.StandardButton.Cancel
    dialog.reject()
    assert message_boxes.kinds() == ["question"]
    assert dialog.isVisible()

    message_boxes.answer = QMessageBox.StandardButton.Discard
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ProjectService(sqlite_db).count(ListQuery(include_archived=True)) == 0


def test_a_change_saved_elsewhere_meanwhile_is_not_overwritten(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = ProjectService(sqlite_db)
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    page = projects_page(window)
    page.reload()
    select_code(page, "KS-CS-01")
    page.edit_action.trigger()
    dialog = open_dialog(page)

    elsewhere = service.get(project_id)
    elsewhere.form.name_en = "Renamed by a colleague"
    service.update(project_id, elsewhere.form, elsewhere.version)

    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    dialog.title_edits["name_en"].setText("My change")
    click_save(dialog)

    assert answered[0].values_shown("name_en") == ("My change", "Renamed by a colleague")
    assert dialog.isVisible()
    assert service.get(project_id).form.name_en == "Renamed by a colleague"
    assert dialog.title_edits["name_en"].text() == "Renamed by a colleague"
    assert not dialog.is_modified()


def test_archive_hides_the_project_unless_archived_are_shown(
    window: MainWindow, sqlite_db: Database
) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities")
    add_project(sqlite_db, "KS-CS-02", "Small arms control")
    page = projects_page(window)
    page.reload()
    assert not page.archive_action.isEnabled()
    select_code(page, "KS-CS-01")
    assert page.archive_action.text() == _("&Archive")

    page.archive_action.trigger()
    assert column_texts(page, 0) == ["KS-CS-02"]
    assert page.count_label.text() == ngettext("{count} project", "{count} projects", 1).format(
        count=1
    )

    page.archived_check.setChecked(True)
    assert column_texts(page, 0) == ["KS-CS-01", "KS-CS-02"]
    select_code(page, "KS-CS-01")
    assert page.selected_row().archived
    assert column_texts(page, 2)[0] == _("{status} (archived)").format(status=_("Planned"))
    assert page.archive_action.text() == _("&Restore")
    page.archive_action.trigger()

    page.archived_check.setChecked(False)
    assert column_texts(page, 0) == ["KS-CS-01", "KS-CS-02"]


def test_search_as_you_type_narrows_the_rows(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities in Prishtinë")
    add_project(sqlite_db, "KS-SA-02", "Small arms control in Mitrovica")
    add_project(sqlite_db, "KS-DL-03", "Dialogue in Mitrovica North")
    page = projects_page(window)
    page.reload()
    assert page.model.rowCount() == 3

    qtbot.keyClicks(page.search_edit, "mitrov")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    assert column_texts(page, 0) == ["KS-DL-03", "KS-SA-02"]

    page.search_edit.clear()
    qtbot.keyClicks(page.search_edit, "prishtine")
    qtbot.waitUntil(lambda: column_texts(page, 0) == ["KS-CS-01"])


def test_clicking_a_header_sorts_in_the_database(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    add_project(sqlite_db, "B-2", "Alpha", start_date=date(2026, 3, 1))
    add_project(sqlite_db, "A-1", "Charlie", start_date=date(2026, 1, 1))
    add_project(sqlite_db, "C-3", "Bravo", start_date=date(2026, 2, 1))
    page = projects_page(window)
    page.reload()
    assert column_texts(page, 0) == ["A-1", "B-2", "C-3"]
    header = page.table.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    click_header(1)
    assert column_texts(page, 1) == ["Alpha", "Bravo", "Charlie"]
    click_header(1)
    assert column_texts(page, 1) == ["Charlie", "Bravo", "Alpha"]
    click_header(3)
    assert column_texts(page, 0) == ["A-1", "C-3", "B-2"]
    click_header(5)  # the lead organisation cannot be sorted by: order and arrow stay
    assert column_texts(page, 0) == ["A-1", "C-3", "B-2"]
    assert header.sortIndicatorSection() == 3


def test_rows_are_loaded_a_page_at_a_time(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    service = ProjectService(sqlite_db)
    total = PAGE_SIZE + 25
    for number in range(total):
        service.create(project_form(f"P-{number:04d}", f"Project {number}"))
    page = projects_page(window)
    page.reload()
    model = page.model
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()  # the first page is shown; the count follows
    qtbot.waitUntil(lambda: model.total == total)
    assert page.count_label.text() == f"{total} projects"

    page.table.scrollToBottom()  # the view asks the model for the next page
    qtbot.waitUntil(lambda: model.rowCount() == total)
    assert not model.canFetchMore()
    assert column_texts(page, 0)[-1] == f"P-{total - 1:04d}"


def test_keyboard_new_and_edit(qtbot: QtBot, window: MainWindow, sqlite_db: Database) -> None:
    add_project(sqlite_db, "KS-CS-01", "Safer communities")
    page = projects_page(window)
    page.reload()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = open_dialog(page)
    assert dialog.code_edit.text() == "KS-CS-01"
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert open_dialog(page).code_edit.text() == ""


def test_new_project_shortcut_belongs_to_the_projects_page(
    qtbot: QtBot, window: MainWindow
) -> None:
    page = projects_page(window)
    window.show_page("partners")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert [d for d in page.findChildren(ProjectDialog) if d.isVisible()] == []


def test_tab_walks_the_fields_in_the_order_they_are_shown(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_new_dialog(qtbot, projects_page(window))
    expected = [
        dialog.code_edit,
        *dialog.title_edits.values(),
        dialog.status_combo,
        dialog.start_edit,
        dialog.end_edit,
        dialog.lead_combo,
        dialog.summary_edit,
    ]
    walked = [expected[0]]
    widget = expected[0]
    while len(walked) < len(expected):
        widget = widget.nextInFocusChain()
        if widget in expected:
            walked.append(widget)
    assert walked == expected


def _municipality_ids(db: Database, *codes: str) -> list[int]:
    found = {choice.code: choice.id for choice in ReferenceService(db).municipalities("en")}
    return [found[code] for code in codes]


def test_typing_part_of_a_serbian_place_name_finds_its_projects(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    zvecan, leposaviq, prishtine = _municipality_ids(sqlite_db, "zvecan", "leposaviq", "prishtine")
    add_project(
        sqlite_db, "KS-DL-03", "Dialogue in the north", municipality_ids=[zvecan, leposaviq]
    )
    add_project(sqlite_db, "KS-CS-01", "Safer communities", municipality_ids=[prishtine])
    add_project(sqlite_db, "KS-SA-02", "Small arms control")
    page = projects_page(window)
    page.reload()
    assert page.search_edit.placeholderText() == _(
        "Search by code, title or municipality, in any language"
    )
    titles = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    column = titles.index(_("Municipalities"))
    assert column_texts(page, column) == [
        "Prishtinë/Priština",
        "Leposaviq/Leposavić, Zveçan/Zvečan",
        "",
    ]

    i18n.set_language("sr")
    page.search_edit.setFocus()
    page.search_edit.insert("Звеч")  # QTest types ASCII only
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert column_texts(page, 0) == ["KS-DL-03"]
    assert column_texts(page, column) == ["Звечан, Лепосавић"]
    assert page.count_label.text() == ngettext("{count} project", "{count} projects", 1).format(
        count=1
    )

    i18n.set_language("sq")
    assert column_texts(page, 0) == ["KS-DL-03"]
    assert column_texts(page, column) == ["Leposaviq, Zveçan"]
    assert page.model.headerData(column, Qt.Orientation.Horizontal) == _("Municipalities")


def test_the_municipality_filter_narrows_the_list(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    zvecan, prishtine = _municipality_ids(sqlite_db, "zvecan", "prishtine")
    add_project(sqlite_db, "KS-DL-03", "Dialogue in the north", municipality_ids=[zvecan])
    add_project(sqlite_db, "KS-CS-01", "Safer communities", municipality_ids=[prishtine, zvecan])
    add_project(sqlite_db, "KS-SA-02", "Small arms control")
    page = projects_page(window)
    page.reload()
    combo = page.municipality_filter
    assert combo.itemText(0) == _("All municipalities")
    assert combo.accessibleName() == _("Municipality")

    combo.setCurrentIndex(combo.findText("Prishtinë/Priština"))
    assert column_texts(page, 0) == ["KS-CS-01"]
    page.set_filter("municipality_id", zvecan)
    assert column_texts(page, 0) == ["KS-CS-01", "KS-DL-03"]
    page.set_filter("status", ProjectStatus.COMPLETED.value)
    assert column_texts(page, 0) == []
    page.set_filter("status", None)

    i18n.set_language("sr")
    assert combo.currentData() == zvecan
    assert combo.currentText() == "Звечан"
    assert column_texts(page, 0) == ["KS-CS-01", "KS-DL-03"]
    page.set_filter("municipality_id", None)
    assert column_texts(page, 0) == ["KS-CS-01", "KS-DL-03", "KS-SA-02"]


def test_the_municipalities_column_can_be_hidden_and_is_exported(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    [zvecan] = _municipality_ids(sqlite_db, "zvecan")
    add_project(sqlite_db, "KS-DL-03", "Dialogue in the north", municipality_ids=[zvecan])
    page = projects_page(window)
    page.reload()
    column = len(page.model.columns) - 1
    exported = {c.title: c.value(page.model.row_at(0)) for c in page.export_columns()}
    assert exported[_("Municipalities")] == "Zveçan/Zvečan"
    # a long list keeps its width and shows whole in the tooltip
    tooltip = page.model.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Zveçan/Zvečan"
    header = page.table.horizontalHeader()
    assert header.sectionResizeMode(column) == header.ResizeMode.Interactive

    menu = page._fill_columns_menu()
    [action] = [a for a in menu.actions() if a.text() == _("Municipalities")]
    action.setChecked(False)
    assert column in page.hidden_columns()
    assert _("Municipalities") not in [c.title for c in page.export_columns()]
    page.set_column_visible(column, True)
    assert column not in page.hidden_columns()
