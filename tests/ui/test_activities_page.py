"""The Activities page as a field officer uses it: record an activity from its sign-in sheet,
see the totals in the list, correct a count, meet a colleague's change, archive and restore,
narrow the list."""

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.domain.activity import AgeBand
from desktop.domain.person import Gender
from desktop.i18n import _, ngettext, translator_for
from desktop.services.activities import (
    ActivityForm,
    ActivityService,
    ParticipantLine,
    parse_count,
)
from desktop.services.errors import ValidationError
from desktop.services.listing import ListQuery
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.activities.dialog import ActivityDialog
from desktop.ui.activities.page import ActivitiesPage
from desktop.ui.activities.participants_grid import completeness, gender_column
from desktop.ui.main_window import MainWindow
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_project, answer_conflict

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNDISCLOSED
YOUNG, MIDDLE = AgeBand.FROM_18_TO_29, AgeBand.FROM_30_TO_44
WOMEN, MEN, TOTAL, BREAKDOWN = 5, 6, 7, 8  # columns of the list


def activities_page(window: MainWindow) -> ActivitiesPage:
    page = window.show_page("activities")
    assert isinstance(page, ActivitiesPage)
    return page


def open_dialog(page: ActivitiesPage) -> ActivityDialog:
    """The dialog on screen (a closed one may linger until Qt deletes it)."""
    [dialog] = [d for d in page.findChildren(ActivityDialog) if d.isVisible()]
    return dialog


def click_save(dialog: ActivityDialog) -> None:
    dialog.button_box.button(QDialogButtonBox.StandardButton.Save).click()


def column_texts(page: ActivitiesPage, column: int) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def choose(combo: object, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))  # type: ignore[attr-defined]


def reference_ids(db: Database) -> tuple[dict[str, int], dict[str, int]]:
    reference = ReferenceService(db)
    return (
        {c.code: c.id for c in reference.municipalities("en")},
        {c.code: c.id for c in reference.activity_types("en")},
    )


def add_activity(db: Database, project_id: int, title: str, **changes: object) -> int:
    municipalities, types = reference_ids(db)
    form = ActivityForm(
        name_en=title,
        project_id=project_id,
        activity_type_id=types["dialogue_event"],
        municipality_id=municipalities["zvecan"],
        start_date=date(2026, 3, 10),
        end_date=date(2026, 3, 10),
        participants_total=30,
        participants=[
            ParticipantLine(F, YOUNG, "serb", 12),
            ParticipantLine(M, YOUNG, "serb", 18),
        ],
    )
    for key, value in changes.items():
        setattr(form, key, value)
    return ActivityService(db).create(form)


def test_record_an_activity_with_its_participants_and_see_the_totals(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    municipalities, types = reference_ids(sqlite_db)
    page = activities_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)

    qtbot.keyClicks(dialog.names.edits["name_en"], "Public consultation in Zvecan")
    dialog.names.edits["name_sr"].setText("Јавна консултација у Звечану")
    assert dialog.names.edits["name_sr_latn"].text() == "Javna konsultacija u Zvečanu"
    choose(dialog.project_combo, project)
    choose(dialog.type_combo, types["public_consultation"])
    choose(dialog.municipality_combo, municipalities["zvecan"])
    dialog.start_edit.setDate(QDate(2026, 2, 12))
    qtbot.keyClicks(dialog.venue_edit, "Municipal assembly hall")
    qtbot.keyClicks(dialog.headcount_edit, "50")

    grid = dialog.grid
    first = grid.add_row("serb", YOUNG)
    grid.set_count(first, F, "12")
    grid.set_count(first, M, "10")
    second = grid.add_row("albanian", MIDDLE)
    grid.set_count(second, F, "9")
    grid.set_count(second, M, "14")
    grid.set_count(second, U, "3")
    assert grid.table.item(second, 6).text() == "26"  # the row's total
    assert grid.status_label.text() == completeness(48, 50)
    assert "2" in grid.status_label.text()
    assert not grid.status_icon.isHidden()
    click_save(dialog)

    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, 1) == ["Public consultation in Zvecan"]
    assert column_texts(page, WOMEN) == ["21"]
    assert column_texts(page, MEN) == ["24"]
    assert column_texts(page, TOTAL) == ["50"]
    assert column_texts(page, BREAKDOWN) == [
        ngettext("Incomplete: {count} not recorded", "Incomplete: {count} not recorded", 2).format(
            count=2
        )
    ]
    assert page.model.index(0, BREAKDOWN).data(Qt.ItemDataRole.DecorationRole) is not None
    assert page.selected_row().title == "Public consultation in Zvecan"

    service = ActivityService(sqlite_db)
    stored = service.get(page.selected_row().id).form
    assert stored.name_sr_latn == "Javna konsultacija u Zvečanu"
    assert (stored.start_date, stored.end_date) == (date(2026, 2, 12), date(2026, 2, 12))
    assert sorted(stored.participants) == sorted(
        [
            ParticipantLine(F, YOUNG, "serb", 12),
            ParticipantLine(M, YOUNG, "serb", 10),
            ParticipantLine(F, MIDDLE, "albanian", 9),
            ParticipantLine(M, MIDDLE, "albanian", 14),
            ParticipantLine(U, MIDDLE, "albanian", 3),
        ]
    )


def test_a_bad_count_is_refused_on_its_cell_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    _municipalities, types = reference_ids(sqlite_db)
    page = activities_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    dialog.names.edits["name_en"].setText("Training for MCSC members")
    choose(dialog.project_combo, project)
    choose(dialog.type_combo, types["training"])
    grid = dialog.grid
    row = grid.add_row("roma", MIDDLE)
    grid.set_count(row, F, "4")
    grid.set_count(row, M, "-3")

    cell = grid.table.item(row, gender_column(M))
    with pytest.raises(ValueError) as negative:
        parse_count("-3")
    expected = _("Row {row}, {column}: {message}").format(
        row=1, column=_("Men"), message=str(negative.value)
    )
    assert cell.toolTip() == str(negative.value)  # marked as it is typed, before saving
    assert grid.error.text() == expected
    click_save(dialog)

    assert dialog.isVisible()
    with pytest.raises(ValidationError) as refused:
        ActivityService(sqlite_db).create(dialog.form())
    assert set(refused.value.errors) == {"participants[1].count"}
    assert dialog.field_error("participants") == expected
    assert cell.toolTip() == refused.value.errors["participants[1].count"]
    assert (grid.table.currentRow(), grid.table.currentColumn()) == (row, gender_column(M))
    assert ActivityService(sqlite_db).count(ListQuery(include_archived=True)) == 0
    assert page.model.rowCount() == 0

    grid.set_count(row, M, "3")
    assert cell.toolTip() == ""
    assert grid.error.isHidden()
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, TOTAL) == ["7"]


def test_the_same_community_and_age_band_twice_is_refused_on_the_row(
    window: MainWindow, sqlite_db: Database
) -> None:
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    page = activities_page(window)
    page.reload()
    page.new_action.trigger()
    dialog = open_dialog(page)
    dialog.names.edits["name_en"].setText("Campaign launch")
    choose(dialog.project_combo, project)
    dialog.type_combo.setCurrentIndex(1)
    grid = dialog.grid
    grid.set_count(grid.add_row("serb", YOUNG), F, "5")
    again = grid.add_row("serb", YOUNG)
    grid.set_count(again, F, "2")
    click_save(dialog)

    assert dialog.isVisible()
    assert grid.table.item(again, 0).toolTip() != ""
    assert grid.table.item(0, 0).toolTip() == ""
    assert dialog.field_error("participants").startswith(
        _("Row {row}: {message}").format(row=2, message="")
    )
    assert ActivityService(sqlite_db).count(ListQuery(include_archived=True)) == 0


def test_a_number_typed_into_a_cell_counts(qtbot: QtBot, window: MainWindow) -> None:
    page = activities_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    qtbot.waitExposed(dialog)
    grid = dialog.grid
    row = grid.add_row("bosniak", AgeBand.UNDER_18)
    grid.table.setFocus()
    grid.table.setCurrentCell(row, gender_column(F))
    qtbot.keyClick(grid.table, Qt.Key.Key_7)  # starts editing, as in a spreadsheet
    [editor] = [e for e in grid.table.viewport().findChildren(QLineEdit) if e.isVisible()]
    qtbot.keyClicks(editor, "5")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: grid.count_text(row, F) == "75")
    assert grid.totals()[F] == 75


def test_edit_a_count_and_the_list_follows(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    activity = add_activity(sqlite_db, project, "Dialogue with the police")
    page = activities_page(window)
    page.reload()
    assert column_texts(page, BREAKDOWN) == [""]
    page.table.selectRow(0)
    page.edit_action.trigger()
    dialog = open_dialog(page)
    assert dialog.windowTitle() == _("Edit activity: {title}").format(
        title="Dialogue with the police"
    )
    assert dialog.headcount_edit.text() == "30"
    assert dialog.grid.table.rowCount() == 1
    assert not dialog.is_modified()

    dialog.grid.set_count(0, F, "10")
    assert dialog.is_modified()
    assert dialog.grid.status_label.text() == completeness(28, 30)
    click_save(dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert column_texts(page, WOMEN) == ["10"]
    assert column_texts(page, TOTAL) == ["30"]
    assert column_texts(page, BREAKDOWN)[0] != ""
    assert ActivityService(sqlite_db).get(activity).form.participants[0].count == 10


def test_a_change_saved_elsewhere_meanwhile_is_not_overwritten(
    window: MainWindow, sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = ActivityService(sqlite_db)
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    activity = add_activity(sqlite_db, project, "Dialogue with the police")
    page = activities_page(window)
    page.reload()
    page.table.selectRow(0)
    page.edit_action.trigger()
    dialog = open_dialog(page)

    elsewhere = service.get(activity)
    elsewhere.form.participants_total = 31
    service.update(activity, elsewhere.form, elsewhere.version)

    answered = answer_conflict(lambda conflict: conflict.discard_button.click())
    dialog.grid.set_count(0, M, "25")
    click_save(dialog)

    assert answered, "the conflict dialog did not open"
    mine, _stored = answered[0].values_shown("participants")
    community = service.get(activity).form.participants[0].community
    assert dialog.grid.community_name(community) in mine  # named, not by its code
    assert community not in mine.split(", ")

    assert dialog.isVisible()
    assert service.get(activity).form.participants_total == 31
    assert dialog.headcount_edit.text() == "31"
    assert dialog.grid.count_text(0, M) == "18"
    assert not dialog.is_modified()


def test_archive_and_restore_from_the_dialog(
    window: MainWindow, sqlite_db: Database, message_boxes: MessageBoxes
) -> None:
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    add_activity(sqlite_db, project, "Dialogue with the police")
    add_activity(sqlite_db, project, "Campaign launch")
    page = activities_page(window)
    page.reload()
    row = column_texts(page, 1).index("Dialogue with the police")
    page.table.selectRow(row)
    page.edit_action.trigger()
    dialog = open_dialog(page)
    message_boxes.answer = QMessageBox.StandardButton.Yes
    dialog.archive_button.click()

    assert not dialog.isVisible()
    assert column_texts(page, 1) == ["Campaign launch"]
    page.archived_check.setChecked(True)
    archived = column_texts(page, 1).index(
        _("{title} (archived)").format(title="Dialogue with the police")
    )
    page.table.selectRow(archived)
    assert page.archive_action.text() == _("&Restore")
    page.archive_action.trigger()
    page.archived_check.setChecked(False)
    assert sorted(column_texts(page, 1)) == ["Campaign launch", "Dialogue with the police"]


def test_filters_and_search_narrow_the_list(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    municipalities, types = reference_ids(sqlite_db)
    first = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    second = add_project(sqlite_db, "KS-SA-02", "Small arms control")
    add_activity(sqlite_db, first, "Dialogue in the north")
    add_activity(
        sqlite_db,
        second,
        "Training in Prizren",
        municipality_id=municipalities["prizren"],
        activity_type_id=types["training"],
        start_date=date(2026, 5, 4),
        end_date=date(2026, 5, 6),
    )
    page = activities_page(window)
    page.reload()
    assert column_texts(page, 1) == ["Training in Prizren", "Dialogue in the north"]
    assert column_texts(page, 0)[0].endswith("2026")  # a range of dates
    assert "–" in column_texts(page, 0)[0]

    page.filter_bar.choose("project_id", second)
    assert column_texts(page, 1) == ["Training in Prizren"]
    page.filter_bar.choose("project_id", None)
    page.filter_bar.choose("municipality_id", municipalities["zvecan"])
    assert column_texts(page, 1) == ["Dialogue in the north"]
    page.filter_bar.choose("municipality_id", None)

    for typed in ("Звечан", "zvecan", "Zveçan"):
        page.search_edit.setText(typed)
        page.apply_search()
        assert column_texts(page, 1) == ["Dialogue in the north"], typed
    page.search_edit.clear()
    page.apply_search()

    page.new_action.trigger()
    dialog = open_dialog(page)
    assert dialog.project_combo.currentData() is None  # to be chosen
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    page.filter_bar.choose("project_id", first)
    page.new_action.trigger()  # a new activity starts in the project filtered on
    assert open_dialog(page).project_combo.currentData() == first


def test_switching_language_relabels_the_grid_and_keeps_what_is_typed(
    window: MainWindow, sqlite_db: Database
) -> None:
    municipalities, _types = reference_ids(sqlite_db)
    project = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    add_activity(sqlite_db, project, "Dialogue with the police", name_sr="Дијалог са полицијом")
    page = activities_page(window)
    page.reload()
    page.filter_bar.choose("municipality_id", municipalities["zvecan"])
    page.table.selectRow(0)
    page.edit_action.trigger()
    dialog = open_dialog(page)
    dialog.grid.set_count(0, U, "4")
    typed = dialog.form()

    window.language_actions["sr"].trigger()

    t = translator_for("sr")
    grid = dialog.grid
    assert grid.table.horizontalHeaderItem(2).text() == t.gettext("Women")
    assert grid.table.item(0, 0).text() == "Срби"
    assert grid.table.item(0, 1).text() == t.gettext("18–29")
    assert grid.status_label.text() == completeness(34, 30)  # in Serbian now
    assert dialog.form() == typed
    assert page.filter_bar.filters().municipality_id == municipalities["zvecan"]
    assert column_texts(page, 1) == ["Дијалог са полицијом"]
    assert page.model.headerData(WOMEN, Qt.Orientation.Horizontal) == t.gettext("Women")


def test_keyboard_walks_the_form_into_the_grid(qtbot: QtBot, window: MainWindow) -> None:
    page = activities_page(window)
    page.new_action.trigger()
    dialog = open_dialog(page)
    expected = [
        *dialog.names.edits.values(),
        dialog.project_combo,
        dialog.type_combo,
        dialog.municipality_combo,
        dialog.partner_combo,
        dialog.start_edit,
        dialog.end_edit,
        dialog.venue_edit,
        dialog.description_edit,
        dialog.headcount_edit,
        dialog.grid.table,
        dialog.grid.add_button,
    ]
    walked = [expected[0]]
    widget = expected[0]
    while len(walked) < len(expected):
        widget = widget.nextInFocusChain()
        if widget in expected:
            walked.append(widget)
    assert walked == expected

    labels = [label.text() for label in dialog.findChildren(QLabel) if "&" in label.text()]
    labels += [dialog.grid.add_button.text(), dialog.grid.remove_button.text()]
    keys = [text[text.index("&") + 1].lower() for text in labels if "&&" not in text]
    assert len(keys) == len(set(keys)), labels

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.grid.table.setFocus()
    qtbot.keyClick(dialog.grid.table, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert dialog.grid.table.rowCount() == 1
    assert dialog.grid.table.currentRow() == 0
