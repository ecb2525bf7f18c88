"""Switching the interface language relabels the open window at once and is remembered.

Expected texts come from the catalogs (``translator_for``), never from English literals,
except the checks that the catalogs really translate.
"""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.i18n import translator_for
from desktop.i18n.formatting import format_date
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.app import _starting_language
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.projects.page import COLUMNS, ProjectsPage
from tests.ui.helpers import add_project

TITLES = {
    "en": "Safer communities in Mitrovica",
    "sq": "Komunitete më të sigurta në Mitrovicë",
    "sr": "Безбедније заједнице у Митровици",
}


def open_projects(window: MainWindow, db: Database) -> ProjectsPage:
    add_project(
        db,
        "KS-CS-01",
        TITLES["en"],
        name_sq=TITLES["sq"],
        name_sr=TITLES["sr"],
        start_date=date(2026, 3, 1),
    )
    page = window.show_page("projects")
    assert isinstance(page, ProjectsPage)
    page.reload()
    return page


def headers(page: ProjectsPage) -> list[str]:
    model = page.model
    return [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]


def menu_titles(window: MainWindow) -> list[str]:
    return [window.file_menu.title(), window.view_menu.title(), window.help_menu.title()]


@pytest.mark.parametrize("code", ["sq", "sr"])
def test_switching_language_relabels_the_open_window(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    code: str,
    temporary_settings: Path,
) -> None:
    page = open_projects(window, sqlite_db)
    english_title = window.windowTitle()
    t = translator_for(code)

    with qtbot.waitSignal(page.model.headerDataChanged):
        window.language_actions[code].trigger()

    assert i18n.current_language() == code
    assert window.language_actions[code].isChecked()
    assert window.windowTitle() == t.gettext("{page} — CSO Desk").format(page=t.gettext("Projects"))
    sidebar = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert sidebar == [t.gettext(spec.title) for spec in PAGES]
    assert headers(page) == [t.gettext(column.title) for column in COLUMNS]
    assert menu_titles(window) == [t.gettext("&File"), t.gettext("&View"), t.gettext("&Help")]
    assert window.language_menu.title() == t.gettext("&Language")
    assert page.archived_check.text() == t.gettext("Sho&w archived")
    # The rows are read again: names and dates in the new language.
    row = [page.model.index(0, column).data() for column in range(len(COLUMNS))]
    assert row[1] == TITLES[code]
    assert row[2] == t.gettext("Planned")
    assert row[3] == format_date(date(2026, 3, 1), code)

    assert settings.saved_language() == code
    stored = settings.app_settings()
    assert stored.value(settings.LANGUAGE) == code
    assert Path(stored.fileName()).is_relative_to(temporary_settings)

    # The catalogs translate (they are filled by the translators, separately from the code).
    assert t.gettext("Projects") != "Projects"
    assert window.windowTitle() != english_title


def test_switching_back_to_english_restores_the_english_labels(
    window: MainWindow, sqlite_db: Database
) -> None:
    page = open_projects(window, sqlite_db)
    english = (window.windowTitle(), headers(page), menu_titles(window))
    window.language_actions["sr_Latn"].trigger()
    window.language_actions["en"].trigger()
    assert (window.windowTitle(), headers(page), menu_titles(window)) == english
    assert page.model.index(0, 1).data() == TITLES["en"]
    assert settings.saved_language() == "en"


def test_an_open_dialog_relabels_itself(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database
) -> None:
    page = open_projects(window, sqlite_db)
    page.new_action.trigger()
    [dialog] = [d for d in page.findChildren(ProjectDialog) if d.isVisible()]
    qtbot.keyClicks(dialog.code_edit, "KS-CS-02")
    dialog.status_combo.setCurrentIndex(2)
    chosen = dialog.status_combo.currentData()

    window.language_actions["sq"].trigger()

    t = translator_for("sq")
    assert dialog.windowTitle() == t.gettext("New project")
    assert dialog.status_combo.currentText() == t.gettext("Suspended")
    assert dialog.status_combo.currentData() == chosen
    assert dialog.code_edit.text() == "KS-CS-02"
    assert dialog.start_edit.locale().bcp47Name() == "sq-XK"


def test_the_saved_language_is_used_at_start_unless_one_is_given() -> None:
    assert _starting_language("sr_Latn") == "sr_Latn"
    settings.save_language("sq")
    assert _starting_language(None) == "sq"
    assert _starting_language("sr-Cyrl-XK") == "sr"
    assert _starting_language("klingon") == "sq"
