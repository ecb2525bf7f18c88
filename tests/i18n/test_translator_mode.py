"""Translator mode and broken catalogs, seen in a real window: a saved ``.po`` file relabels
the open window at once, and a translator's mistake leaves the window running, in Albanian
where the catalog is sound and in English where it is not.

Each test runs on a copy of the shipped catalogs in a temporary folder named by
``CSODESK_I18N_DIR``, so the real catalogs are never touched.
"""

import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.i18n.catalog import po_path
from desktop.i18n.translator import reload_catalogs
from desktop.resources import I18N_DIR, I18N_DIR_VARIABLE
from desktop.store.database import Database
from desktop.ui.app import run_gui
from desktop.ui.main_window import MainWindow
from desktop.ui.navigation import PAGES
from desktop.ui.translator_mode import (
    ENV_VARIABLE,
    CatalogWatcher,
    translator_mode_requested,
)
from tests.ui.helpers import close_once_open

PROJECTS_ROW = [spec.key for spec in PAGES].index("projects")
GRANTS_ROW = [spec.key for spec in PAGES].index("grants")


@pytest.fixture(autouse=True)
def temporary_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "s"))


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped catalogs, which the application reads instead of its own."""
    folder = tmp_path / "i18n"
    shutil.copytree(I18N_DIR, folder)
    monkeypatch.setenv(I18N_DIR_VARIABLE, str(folder))
    reload_catalogs()
    yield folder
    reload_catalogs()


def retranslated(path: Path, msgid: str, msgstr_line: str) -> str:
    """The catalog's text with the translation of ``msgid`` replaced by ``msgstr_line``."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf'^(msgid "{re.escape(msgid)}"\n)msgstr "[^\n]*"$', re.MULTILINE)
    changed, count = pattern.subn(lambda match: match.group(1) + msgstr_line, text)
    assert count == 1, msgid
    return changed


def save_as_poedit_does(path: Path, text: str) -> None:
    """Write a new file beside the catalog and rename it over the old one."""
    fresh = path.with_suffix(".po~")
    fresh.write_text(text, encoding="utf-8")
    os.replace(fresh, path)


def open_window(qtbot: QtBot, db: Database) -> MainWindow:
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_saving_a_catalog_relabels_the_open_window(
    qtbot: QtBot, sqlite_db: Database, catalogs: Path
) -> None:
    i18n.set_language("sq")
    window = open_window(qtbot, sqlite_db)
    window.show_page("projects")
    watcher = CatalogWatcher(window, catalogs)
    sq = po_path(catalogs, "sq")
    assert window.sidebar.item(PROJECTS_ROW).text() == "Projektet"

    save_as_poedit_does(sq, retranslated(sq, "Projects", 'msgstr "Projektet e zyrës"'))
    qtbot.waitUntil(lambda: window.sidebar.item(PROJECTS_ROW).text() == "Projektet e zyrës")
    assert window.windowTitle() == "Projektet e zyrës — CSO Desk"

    # The rename made the watcher forget the file; a second save is seen all the same.
    save_as_poedit_does(sq, retranslated(sq, "Projects", 'msgstr "Projektet tona"'))
    qtbot.waitUntil(lambda: window.sidebar.item(PROJECTS_ROW).text() == "Projektet tona")
    assert str(sq) in watcher.watched()
    assert i18n.current_language() == "sq"


def test_saving_the_cyrillic_catalog_relabels_a_serbian_latin_window(
    qtbot: QtBot, sqlite_db: Database, catalogs: Path
) -> None:
    i18n.set_language("sr_Latn")
    window = open_window(qtbot, sqlite_db)
    watcher = CatalogWatcher(window, catalogs)
    sr = po_path(catalogs, "sr")

    with qtbot.waitSignal(watcher.reloaded):
        sr.write_text(retranslated(sr, "Grants", 'msgstr "Донаторски грантови"'), encoding="utf-8")
    assert window.sidebar.item(GRANTS_ROW).text() == "Donatorski grantovi"
    assert i18n.current_language() == "sr_Latn"


def test_translator_mode_is_asked_for_by_flag_or_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ENV_VARIABLE, raising=False)
    assert not translator_mode_requested()
    assert translator_mode_requested(True)
    monkeypatch.setenv(ENV_VARIABLE, "1")
    assert translator_mode_requested()
    monkeypatch.setenv(ENV_VARIABLE, "0")
    assert not translator_mode_requested()


def test_the_application_watches_the_catalogs_in_translator_mode(
    qtbot: QtBot, tmp_path: Path, catalogs: Path
) -> None:
    seen: dict[str, object] = {}

    def look(_window: MainWindow) -> None:
        watcher = QApplication.instance().findChild(CatalogWatcher)
        seen["folder"] = watcher.folder if watcher else None
        seen["watched"] = watcher.watched() if watcher else set()
        if watcher:
            watcher.setParent(None)
            watcher.deleteLater()

    close_once_open(look)
    assert run_gui(str(tmp_path / "office.sqlite3"), "sq", translator_mode=True) == 0

    assert seen["folder"] == catalogs
    assert str(po_path(catalogs, "sq")) in seen["watched"]  # type: ignore[operator]


def test_a_broken_catalog_leaves_the_window_running_in_english_where_broken(
    qtbot: QtBot, sqlite_db: Database, catalogs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sq = po_path(catalogs, "sq")
    text = retranslated(sq, "Grants", 'msgstr "Grantet')  # the closing quote forgotten
    sq.write_text(text, encoding="utf-8")
    # A placeholder renamed: formatting it would raise KeyError and close the window.
    sq.write_text(
        retranslated(sq, "{page} — CSO Desk", 'msgstr "{faqja} — CSO Desk"'), encoding="utf-8"
    )
    text = sq.read_text(encoding="utf-8").replace(
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '"Plural-Forms: nplurals=x;\\n"'
    )
    sq.write_text(text, encoding="utf-8")

    with caplog.at_level(logging.WARNING):
        i18n.set_language("sq")
        window = open_window(qtbot, sqlite_db)
        window.show_page("projects")

    assert window.isVisible()
    assert window.sidebar.item(PROJECTS_ROW).text() == "Projektet"
    assert window.sidebar.item(GRANTS_ROW).text() == "Grants"
    assert window.windowTitle() == "Projektet — CSO Desk"
    assert i18n.ngettext(
        "{count} activity took place in this period.",
        "{count} activities took place in this period.",
        3,
    ) == ("{count} activities took place in this period.")
    assert i18n._("Dates") != "Dates"
    window.show_page("grants")
    assert window.windowTitle() == "Grants — CSO Desk"

    logged = "\n".join(record.getMessage() for record in caplog.records)
    for broken in (
        'msgstr "Grantet',
        'msgid "{page} — CSO Desk"',
        '"Plural-Forms: nplurals=x;\\n"',
    ):
        assert f"{sq}:{line_of(sq, broken)}:" in logged, broken


def test_a_missing_catalog_switches_the_window_to_english_with_a_warning(
    qtbot: QtBot, sqlite_db: Database, catalogs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sr = po_path(catalogs, "sr")
    sr.unlink()
    window = open_window(qtbot, sqlite_db)

    with caplog.at_level(logging.WARNING):
        i18n.set_language("sr")

    assert window.isVisible()
    assert window.sidebar.item(PROJECTS_ROW).text() == "Projects"
    assert any(str(sr) in record.getMessage() for record in caplog.records)
    i18n.set_language("sq")
    assert window.sidebar.item(PROJECTS_ROW).text() == "Projektet"
