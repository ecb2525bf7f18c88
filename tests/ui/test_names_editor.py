"""The four names side by side: Serbian Latin follows the Cyrillic until typed by hand."""

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.i18n import _
from desktop.services.projects import ProjectService
from desktop.store.database import Database
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.widgets.names_editor import NamesEditor
from tests.ui.helpers import add_project


def make_editor(qtbot: QtBot, multiline: bool = False) -> NamesEditor:
    editor = NamesEditor(multiline=multiline)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def type_into(editor: NamesEditor, name: str, text: str) -> None:
    """Type letter by letter (QTest types ASCII only, so Cyrillic goes in as inserts)."""
    edit = editor.edits[name]
    for letter in text:
        if isinstance(edit, QPlainTextEdit):
            edit.moveCursor(QTextCursor.MoveOperation.End)
            edit.insertPlainText(letter)
        else:
            edit.end(False)
            edit.insert(letter)


def test_typing_cyrillic_writes_the_latin_until_it_is_typed_by_hand(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    with qtbot.waitSignal(editor.changed):
        type_into(editor, "name_sr", "Безбедне заједнице у Звечану")
    assert editor.values()["name_sr_latn"] == "Bezbedne zajednice u Zvečanu"
    assert editor.follows_cyrillic()
    assert editor.latin_hint.text() == _("Written from the Cyrillic as you type.")

    editor.edits["name_sr_latn"].setFocus()
    editor.edits["name_sr_latn"].end(False)
    qtbot.keyClicks(editor.edits["name_sr_latn"], " (sever)")
    assert not editor.follows_cyrillic()
    type_into(editor, "name_sr", " и Лепосавићу")
    values = editor.values()
    assert values["name_sr"] == "Безбедне заједнице у Звечану и Лепосавићу"
    assert values["name_sr_latn"] == "Bezbedne zajednice u Zvečanu (sever)"
    assert editor.latin_hint.text() != _("Written from the Cyrillic as you type.")

    editor.edits["name_sr_latn"].clear()  # emptied: it follows again
    assert editor.follows_cyrillic()
    assert editor.values()["name_sr_latn"] == "Bezbedne zajednice u Zvečanu i Leposaviću"


def test_stored_names_keep_a_latin_spelling_typed_by_hand(qtbot: QtBot) -> None:
    editor = make_editor(qtbot)
    editor.set_values({"name_en": "Peace", "name_sr": "Мир", "name_sr_latn": "MIR network"})
    assert not editor.follows_cyrillic()
    type_into(editor, "name_sr", "ни")
    assert editor.values() == {
        "name_en": "Peace",
        "name_sq": "",
        "name_sr": "Мирни",
        "name_sr_latn": "MIR network",
    }

    editor.set_values({"name_sr": "Град", "name_sr_latn": ""})
    assert editor.follows_cyrillic()
    assert editor.values()["name_sr_latn"] == "Grad"
    assert editor.values()["name_en"] == ""


def test_long_texts_in_four_boxes(qtbot: QtBot) -> None:
    editor = make_editor(qtbot, multiline=True)
    assert all(isinstance(edit, QPlainTextEdit) for edit in editor.edits.values())
    type_into(editor, "name_sr", "Прва линија.\nДруга линија.")
    assert editor.values()["name_sr_latn"] == "Prva linija.\nDruga linija."
    editor.edits["name_sr_latn"].setPlainText("Moj tekst.")
    type_into(editor, "name_sr", " Још.")
    assert editor.values()["name_sr_latn"] == "Moj tekst."


def test_the_project_dialog_saves_the_transliterated_title(
    qtbot: QtBot, sqlite_db: Database
) -> None:
    project_id = add_project(sqlite_db, "KS-CS-01", "Safer communities")
    dialog = ProjectDialog(sqlite_db, project_id, None)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(dialog.names, "name_sr", "Безбедније заједнице")
    assert dialog.is_modified()
    assert dialog.save()
    stored = ProjectService(sqlite_db).get(project_id).form
    assert (stored.name_sr, stored.name_sr_latn) == ("Безбедније заједнице", "Bezbednije zajednice")


def test_errors_show_under_each_name(qtbot: QtBot, sqlite_db: Database) -> None:
    dialog = ProjectDialog(sqlite_db, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_errors({"name_sq": "Too long."})
    assert dialog.field_error("name_sq") == "Too long."
    assert dialog.names.errors["name_sq"].isVisible()
    qtbot.waitUntil(dialog.title_edits["name_sq"].hasFocus)
