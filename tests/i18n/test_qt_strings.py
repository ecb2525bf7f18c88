"""Qt's own texts (its file dialog, standard buttons, the right-click menus of text fields)
come from our catalogs, so an Albanian or Serbian screen shows no stray English.

The recording test lists what Qt really asks its translators for while those widgets are
open; each of those texts must be one we put in the catalogs.  The Albanian tests read a
catalog in a temporary resource folder: the real ``sq`` catalog, completed with a few
Albanian words for Qt texts its translators have not reached yet, so the expected labels
always come from a catalog and never from the test's own English.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import read_po, write_po
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, QTranslator
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QContextMenuEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollBar,
    QSpinBox,
    QTabWidget,
    QToolButton,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

import desktop.resources
from desktop import i18n
from desktop.i18n import translator_for
from desktop.i18n.catalog import po_path
from desktop.ui.language import (
    QT_CONTEXT,
    QT_CONTEXTS,
    QT_OWN_STRINGS,
    QT_SHORTCUTS,
    language_hub,
)

Asked = tuple[str, str]  # (Qt's context, English text)

# Albanian for Qt texts the real catalog may not translate yet (it wins once it does).
FIXTURE_SQ = {
    "&Look in:": "&Shiko në:",
    "File &name:": "&Emri i skedarit:",
    "Files of &type:": "Skedarë të &llojit:",
    "&Save": "&Ruaj",
    "&Open": "&Hap",
    "Back": "Prapa",
    "Forward": "Përpara",
    "Parent Directory": "Dosja sipër",
    "Create New Folder": "Krijo dosje të re",
    "List View": "Pamje si listë",
    "Detail View": "Pamje me hollësi",
    "Name": "Emri",
    "Size": "Madhësia",
    "Type": "Lloji",
    "Date Modified": "Ndryshuar më",
    "%1 already exists.\nDo you want to replace it?": "%1 ekziston.\nDoni ta zëvendësoni?",
}


class Recorder(QTranslator):
    """Writes down every text Qt asks for and answers nothing, so the texts stay English
    and the translators installed before it still answer."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[Asked] = set()

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.asked.add((context, source_text))
        return None

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def recorder(qapp: QApplication) -> Iterator[Recorder]:
    recording = Recorder()
    qapp.installTranslator(recording)
    yield recording
    qapp.removeTranslator(recording)


def use_catalogs_from(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read the catalogs from ``folder`` (``CSODESK_I18N_DIR``, read at each load)."""
    monkeypatch.setenv("CSODESK_I18N_DIR", str(folder))
    monkeypatch.setattr(desktop.resources, "I18N_DIR", folder)


@pytest.fixture
def albanian_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A resource folder whose ``sq`` catalog is the real one plus ``FIXTURE_SQ`` where
    the real one has no translation; the interface reads its catalogs from there."""
    real = po_path(desktop.resources.I18N_DIR, "sq")
    with real.open("rb") as handle:
        catalog = read_po(handle)
    for english, albanian in FIXTURE_SQ.items():
        present = catalog.get(english, QT_CONTEXT)
        if present is None or not present.string or present.fuzzy:
            catalog.delete(english, QT_CONTEXT)
            catalog.add(english, albanian, context=QT_CONTEXT)
    folder = tmp_path / "i18n"
    target = po_path(folder, "sq")
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_po(handle, catalog)
    use_catalogs_from(folder, monkeypatch)
    return folder


def qt(code: str, english: str, folder: Path | None = None) -> str:
    """What our catalog says for one of Qt's texts."""
    return translator_for(code, folder).pgettext(QT_CONTEXT, english)


def file_dialog(qtbot: QtBot, folder: Path, mode: QFileDialog.AcceptMode) -> QFileDialog:
    """Qt's own file dialog, the one the statics show where no desktop portal draws one."""
    dialog = QFileDialog(None, "", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setNameFilters(["PDF (*.pdf)", "CSV (*.csv)"])
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def close_menus_soon() -> None:
    """Close the right-click menu a context-menu event is about to run modally."""

    def close() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMenu) and widget.isVisible():
                widget.close()

    QTimer.singleShot(50, close)


def right_click(widget: QWidget) -> None:
    close_menus_soon()
    point = QPoint(4, 4)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, widget.mapToGlobal(point))
    QApplication.sendEvent(widget, event)


def open_what_the_app_shows(qtbot: QtBot, folder: Path) -> None:
    (folder / "report.pdf").write_bytes(b"%PDF")
    (folder / "reports").mkdir()
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        dialog = file_dialog(qtbot, folder, mode)
        qtbot.waitUntil(lambda d=dialog: d.findChild(QTreeView, "treeView").model().rowCount() > 0)
        dialog.close()
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "CSO Desk",
        "?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Ok
        | QMessageBox.StandardButton.Close,
    )
    box.setDetailedText("details")
    qtbot.addWidget(box)
    box.show()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(buttons)
    date_edit = QDateEdit()
    date_edit.setCalendarPopup(True)
    for text_edit in (QLineEdit("text"), QPlainTextEdit("text")):
        qtbot.addWidget(text_edit)
        text_edit.createStandardContextMenu().deleteLater()
    for number_edit in (QSpinBox(), date_edit):
        qtbot.addWidget(number_edit)
        number_edit.show()
        right_click(number_edit)
    date_edit.calendarWidget().show()
    scroll_bar = QScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(scroll_bar)
    scroll_bar.show()
    right_click(scroll_bar)
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for number in range(12):
        tabs.addTab(QWidget(), f"Tab {number}")
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.show()
    QAccessible.queryAccessibleInterface(combo).actionInterface().localizedActionDescription(
        QAccessibleActionInterface.showMenuAction()
    )


# Texts that Qt asks for at every opening of these widgets: if the recorder missed them,
# it recorded nothing and the comparison below would prove nothing.
SURELY_ASKED = {
    ("QFileDialog", "&Look in:"),
    ("QFileDialog", "File &name:"),
    ("QFileSystemModel", "Date Modified"),
    ("QPlatformTheme", "Cancel"),
    ("QLineEdit", "&Paste"),
    ("QWidgetTextControl", "&Paste"),
    ("QAbstractSpinBox", "&Step up"),
    ("QMessageBox", "Show Details..."),
    ("QScrollBar", "Scroll here"),
    ("QTabBar", "Scroll Left"),
    ("QComboBox", "Open the combo box selection popup"),
}


def test_every_text_qt_asks_for_is_in_our_catalogs(
    qtbot: QtBot, recorder: Recorder, tmp_path: Path
) -> None:
    open_what_the_app_shows(qtbot, tmp_path)

    assert recorder.asked >= SURELY_ASKED
    served = {text for context, text in recorder.asked if context in QT_CONTEXTS}
    assert served - set(QT_OWN_STRINGS) - QT_SHORTCUTS == set()


def test_the_statics_show_qts_own_dialog_here(qtbot: QtBot, tmp_path: Path) -> None:
    """Without a desktop portal the application's ``getSaveFileName`` shows the dialog Qt
    draws itself, whose labels only our catalogs can translate."""
    seen: list[str] = []

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QFileDialog) and widget.isVisible():
                seen.append(widget.findChild(QLabel, "fileNameLabel").text())
                widget.reject()

    QTimer.singleShot(300, answer)
    path, _filter = QFileDialog.getSaveFileName(None, "Export", str(tmp_path), "PDF (*.pdf)")

    assert path == ""
    assert seen == ["File &name:"]


def labels_of(dialog: QFileDialog) -> dict[str, str]:
    def label(name: str) -> str:
        return dialog.findChild(QLabel, name).text()

    def tip(name: str) -> str:
        return dialog.findChild(QToolButton, name).toolTip()

    header = dialog.findChild(QTreeView, "treeView").model()
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    return {
        "&Look in:": label("lookInLabel"),
        "File &name:": label("fileNameLabel"),
        "Files of &type:": label("fileTypeLabel"),
        "Cancel": buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
        "Back": tip("backButton"),
        "Parent Directory": tip("toParentButton"),
        "Create New Folder": tip("newFolderButton"),
        "Detail View": tip("detailModeButton"),
        "Name": header.headerData(0, Qt.Orientation.Horizontal),
        "Date Modified": header.headerData(3, Qt.Orientation.Horizontal),
    }


def accept_button(dialog: QFileDialog) -> str:
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    [accept] = [
        button
        for button in buttons.buttons()
        if buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole
    ]
    return accept.text()


def test_qts_file_dialog_speaks_albanian_and_relabels_when_open(
    qtbot: QtBot, qapp: QApplication, albanian_catalog: Path, tmp_path: Path
) -> None:
    language_hub()
    dialog = file_dialog(qtbot, tmp_path, QFileDialog.AcceptMode.AcceptSave)
    english = labels_of(dialog)
    assert english == {text: text for text in english}

    i18n.set_language("sq")

    expected = {text: qt("sq", text, albanian_catalog) for text in english}
    assert all(expected[text] != text for text in english)
    # Qt's widgets relabel on the LanguageChange event the switch posts.
    qtbot.waitUntil(lambda: labels_of(dialog) == expected)
    # Qt labels the accept button "&Save" at first and its plain "Save" once relabelled.
    assert accept_button(dialog) in {qt("sq", "&Save", albanian_catalog), qt("sq", "Save")}
    assert accept_button(dialog).replace("&", "") != "Save"
    i18n.set_language("en")
    qtbot.waitUntil(lambda: labels_of(dialog) == english)


def test_message_box_buttons_and_text_menus_speak_albanian(
    qtbot: QtBot, albanian_catalog: Path
) -> None:
    language_hub()
    i18n.set_language("sq")
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "CSO Desk",
        "?",
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel,
    )
    qtbot.addWidget(box)
    shown = [
        box.button(button).text() for button in (box.StandardButton.Yes, box.StandardButton.No)
    ]
    assert shown == [qt("sq", "&Yes", albanian_catalog), qt("sq", "&No", albanian_catalog)]
    assert shown != ["&Yes", "&No"]

    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    assert qt("sq", "&Paste", albanian_catalog) in texts
    assert "&Paste" not in texts


def test_a_translation_that_loses_qts_marker_shows_the_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: QApplication
) -> None:
    text = "%1 already exists.\nDo you want to replace it?"
    catalog = PoCatalog(locale="sq")
    catalog.add(text, "Skedari ekziston. Ta zëvendësoj?", context=QT_CONTEXT)
    catalog.add("&Look in:", "&Shiko në:", context=QT_CONTEXT)
    target = po_path(tmp_path, "sq")
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_po(handle, catalog)
    use_catalogs_from(tmp_path, monkeypatch)
    language_hub()
    i18n.set_language("sq")

    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Shiko në:"
    assert QCoreApplication.translate("QFileDialog", text) == text


def test_shortcut_key_names_stay_as_the_keyboard_prints_them(albanian_catalog: Path) -> None:
    language_hub()
    i18n.set_language("sq")
    assert QCoreApplication.translate("QPlatformTheme", "Help") == qt("sq", "Help")
    assert QCoreApplication.translate("QShortcut", "Help") == "Help"
