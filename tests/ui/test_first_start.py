"""The first start on a computer: with nothing to open, one dialog asks the language and
whether to start with the example office or empty, before any database exists; the
window then comes up on the database it created, in the language chosen.  Quit creates
nothing; a later start, or one given a database, never asks.

Real settings (in the test's folder), a real SQLite file at the default location (the
user's data folder, pointed into the test's folder through XDG_DATA_HOME) and the real
start, ``run_gui``.
"""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.cli import main
from desktop.services.listing import ListQuery
from desktop.services.projects import ProjectService
from desktop.store.database import open_database
from desktop.store.location import default_database_path
from desktop.ui import first_start, settings
from desktop.ui.app import run_gui
from desktop.ui.first_start import FirstStartDialog, is_first_start, preselected_language
from tests.test_startup import _run as run_process
from tests.ui.test_sign_in import opened, run_steps

Step = Callable[[], bool]


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder, empty, and no database named in the environment."""
    folder = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    monkeypatch.delenv("CSODESK_DB_URL", raising=False)
    assert default_database_path().is_relative_to(folder)
    return folder


def first_start_dialogs() -> list[FirstStartDialog]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, FirstStartDialog) and w.isVisible()
    ]


def answer(language: str | None, demo: bool, seen: dict[str, object]) -> Step:
    """Choose in the first-start dialog, noting what it offered and said, then OK."""

    def step() -> bool:
        dialogs = first_start_dialogs()
        if not dialogs:
            return False
        [dialog] = dialogs
        seen["offered"] = dialog.language()
        seen["empty preselected"] = dialog.empty_button.isChecked()
        seen["database existed"] = default_database_path().exists()
        if language is not None:
            dialog.set_language(language)
        seen["quit"] = dialog.quit_button.text()
        (dialog.demo_button if demo else dialog.empty_button).setChecked(True)
        dialog.ok_button.click()
        return True

    return step


def quit_dialog(seen: dict[str, object]) -> Step:
    def step() -> bool:
        dialogs = first_start_dialogs()
        if dialogs:
            dialogs[0].quit_button.click()
            seen["asked"] = True
        return bool(dialogs)

    return step


def look_and_close(seen: dict[str, object]) -> Step:
    """Once the window is up: note whether the dialog was still up, its language, title
    and database, then close it."""

    def step() -> bool:
        windows = opened()
        if not windows:
            return False
        [window] = windows
        seen["dialog with the window"] = bool(first_start_dialogs())
        seen["language"] = i18n.current_language()
        seen["window title"] = window.windowTitle()
        seen["database"] = window.database_label.text()
        window.close()
        return True

    return step


def projects_in(path: Path) -> int:
    db = open_database(str(path))
    try:
        return ProjectService(db).count(ListQuery())
    finally:
        db.close()


def start(steps: list[Step], db_value: str | None = None, language: str | None = None) -> int:
    timer = run_steps(steps)
    try:
        return run_gui(db_value, language)
    finally:
        timer.stop()


def test_a_first_start_with_the_demo_asks_then_opens_the_example_office(
    qtbot: QtBot, data_folder: Path
) -> None:
    assert is_first_start()
    seen: dict[str, object] = {}
    assert start([answer(None, True, seen), look_and_close(seen)], language="en") == 0
    assert seen["offered"] == "en" and seen["empty preselected"] is True
    assert seen["database existed"] is False  # asked before anything was created
    assert seen["dialog with the window"] is False
    database = default_database_path()
    assert str(database) in str(seen["database"])
    assert projects_in(database) == 4  # the demo office's projects
    assert not is_first_start()


def test_an_empty_start_gives_an_empty_database(qtbot: QtBot, data_folder: Path) -> None:
    seen: dict[str, object] = {}
    assert start([answer(None, False, seen), look_and_close(seen)], language="en") == 0
    assert projects_in(default_database_path()) == 0


def test_the_language_chosen_applies_at_once_is_saved_and_the_window_comes_up_in_it(
    qtbot: QtBot, data_folder: Path
) -> None:
    seen: dict[str, object] = {}
    assert start([answer("sq", False, seen), look_and_close(seen)], language="en") == 0
    assert seen["quit"] == "&Dil"  # the dialog relabelled itself at once
    assert seen["language"] == "sq"
    assert "Projektet" in str(seen["window title"])
    assert settings.saved_language() == "sq"


def test_the_dialog_relabels_itself_when_another_language_is_chosen(qtbot: QtBot) -> None:
    dialog = FirstStartDialog(Path("/home/arta/csodesk.sqlite3"), "en")
    qtbot.addWidget(dialog)
    english = (dialog.quit_button.text(), dialog.language_label.text())
    assert english == ("&Quit", "&Language")
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("sr"))
    assert i18n.current_language() == "sr"
    serbian = i18n.translator_for("sr")
    assert dialog.quit_button.text() == serbian.gettext("&Quit") != "&Quit"
    assert dialog.language_label.text() == serbian.gettext("&Language") != "&Language"
    assert dialog.demo_button.text() == serbian.gettext("Start with e&xample data (demo)")


def test_quit_creates_nothing(qtbot: QtBot, data_folder: Path, tmp_path: Path) -> None:
    seen: dict[str, object] = {}
    assert start([quit_dialog(seen)], language="en") == 0
    assert seen["asked"] is True
    assert not data_folder.exists()  # no database, not even its folder
    assert settings.app_settings().allKeys() == []  # nor the language, nor the window's size
    assert not (tmp_path / "settings").exists()


def test_a_later_start_does_not_ask(qtbot: QtBot, data_folder: Path) -> None:
    seen: dict[str, object] = {}
    assert start([answer(None, False, seen), look_and_close(seen)], language="en") == 0
    later: dict[str, object] = {}
    assert start([look_and_close(later)], language="en") == 0
    assert later["dialog with the window"] is False and "database" in later
    assert str(default_database_path()) in str(later["database"])


def test_a_file_at_the_default_location_is_opened_without_asking(
    qtbot: QtBot, data_folder: Path
) -> None:
    """The settings lost (another account's copy of the data folder, say): the file is
    there, so this is no first start."""
    open_database(str(default_database_path())).close()
    assert not is_first_start()
    seen: dict[str, object] = {}
    assert start([look_and_close(seen)], language="en") == 0
    assert seen["dialog with the window"] is False


def test_a_database_named_on_the_command_line_or_in_the_environment_is_no_first_start(
    qtbot: QtBot, data_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}
    assert start([look_and_close(seen)], str(tmp_path / "office.sqlite3"), "en") == 0
    assert seen["dialog with the window"] is False
    settings.app_settings().clear()
    monkeypatch.setenv("CSODESK_DB_URL", str(tmp_path / "other.sqlite3"))
    assert not is_first_start()
    assert not data_folder.exists()


@pytest.mark.parametrize(
    ("locale", "posix", "expected"),
    [
        ("sq_XK", "sq_XK.UTF-8", "sq"),
        ("sq_AL", None, "sq"),
        ("sr_RS", "sr_RS.UTF-8", "sr"),
        ("sr_Latn_RS", None, "sr_Latn"),
        ("sr_RS", "sr_RS@latin", "sr_Latn"),
        ("sr_RS", "sr_RS.UTF-8@latin", "sr_Latn"),
        ("de_DE", "de_DE.UTF-8", "en"),
        ("en_GB", None, "en"),
    ],
)
def test_the_language_offered_first_follows_the_computers_locale(
    locale: str, posix: str | None, expected: str
) -> None:
    assert preselected_language(QLocale(locale), posix) == expected


def test_the_computers_locale_is_offered_in_a_real_process(tmp_path: Path) -> None:
    """Qt reads ``LANG=sr_RS@latin`` as Cyrillic Serbian; the dialog offers Latin."""
    probe = (
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from desktop.ui.first_start import system_language\n"
        "print(system_language())\n"
    )
    offered = {}
    for posix in ("sr_RS@latin", "sq_XK.UTF-8", "de_DE.UTF-8"):
        environment = {"QT_QPA_PLATFORM": "offscreen", "LANG": posix, "HOME": str(tmp_path)}
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=environment
        )
        offered[posix] = result.stdout.strip()
    assert offered == {"sr_RS@latin": "sr_Latn", "sq_XK.UTF-8": "sq", "de_DE.UTF-8": "en"}


def test_a_usual_start_does_not_import_the_first_start(tmp_path: Path) -> None:
    office = tmp_path / "office.sqlite3"
    assert main(["--db", str(office), "demo"]) == 0
    status, modules, _out = run_process(tmp_path, "--db", str(office), "--exit-after-paint=rows")
    assert status == 0 and "desktop.ui.main_window" in modules
    assert "desktop.ui.first_start" not in modules


def test_creating_the_example_office_shows_its_progress(
    qtbot: QtBot, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown after half a second (the migrations and the demo take one to two); at once
    here, so that a fast machine does not make the test depend on its speed."""
    monkeypatch.setattr(first_start, "SHOW_PROGRESS_AFTER_MS", 0)
    seen: dict[str, object] = {}

    def progress_shown() -> bool:
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
        visible = [w.labelText() for w in shown if w.isVisible()]
        if visible:
            seen["progress"] = visible[0]
        return bool(visible)

    steps = [answer(None, True, seen), progress_shown, look_and_close(seen)]
    assert start(steps, language="en") == 0
    assert seen["progress"] == "Creating the database and loading the example data…"
    assert projects_in(default_database_path()) == 4


@pytest.mark.parametrize("code", [language.code for language in i18n.LANGUAGES])
def test_each_control_of_the_dialog_has_its_own_access_key(qtbot: QtBot, code: str) -> None:
    dialog = FirstStartDialog(Path("/home/arta/csodesk.sqlite3"), code)
    qtbot.addWidget(dialog)
    texts = [
        dialog.language_label.text(),
        dialog.empty_button.text(),
        dialog.demo_button.text(),
        dialog.quit_button.text(),
    ]
    keys = [text[text.index("&") + 1].casefold() for text in texts if "&" in text]
    assert len(keys) == len(texts) and len(set(keys)) == len(keys), texts
