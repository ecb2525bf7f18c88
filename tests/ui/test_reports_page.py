"""The Reports page: choose a grant, its period and the donor's language; the PDF is
written off the GUI thread."""

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from desktop.domain.organisation import OrganisationKind
from desktop.i18n import _, current_language
from desktop.i18n.languages import language
from desktop.services.grants import GrantService
from desktop.services.report_formats import report_formats
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui import settings
from desktop.ui.main_window import MainWindow
from desktop.ui.reports_page import ReportsPage, default_file_name
from tests.ui.conftest import MessageBoxes
from tests.ui.helpers import add_grant, add_organisation, add_project, add_quarter

DEMO = "2025/461-198"


@pytest.fixture
def grant(sqlite_db: Database) -> int:
    donor = add_organisation(sqlite_db, "European Union Office in Kosovo", OrganisationKind.DONOR)
    project = add_project(
        sqlite_db,
        "KS-CS-01",
        "Safer communities",
        name_sq="Komunitete më të sigurta",
        name_sr="Безбедније заједнице",
    )
    grant_id = add_grant(sqlite_db, "NDICI/2024/451-117", project, donor)
    add_quarter(sqlite_db, grant_id, 2026, 1)
    add_quarter(sqlite_db, grant_id, 2026, 2)
    return grant_id


def reports_page(window: MainWindow) -> ReportsPage:
    page = window.show_page("reports")
    assert isinstance(page, ReportsPage)
    return page


def test_file_names_are_safe_on_every_system() -> None:
    assert (
        default_file_name("NDICI/2024/451-117", "2026-Q1", "quarterly")
        == "NDICI-2024-451-117-2026-Q1-quarterly.pdf"
    )
    assert default_file_name('A: "B" <C>', "Q 1", "logframe") == "A-B-C-Q-1-logframe.pdf"


def test_choices_follow_the_grant_and_the_report_language_is_separate(
    window: MainWindow, grant: int
) -> None:
    page = reports_page(window)
    assert page.grant_combo.currentData() == grant
    assert page.period_combo.count() == 2
    assert page.period_combo.currentIndex() == 1  # the latest period
    assert Path(page.file_edit.text()).name == "NDICI-2024-451-117-2026-Q2-quarterly.pdf"
    assert page.language_combo.currentData() == current_language()
    assert page.generate_button.isEnabled()

    page.period_combo.setCurrentIndex(0)
    assert Path(page.file_edit.text()).name == "NDICI-2024-451-117-2026-Q1-quarterly.pdf"

    window.language_actions["sq"].trigger()
    assert page.language_combo.currentData() == "en"  # the report keeps its own language
    assert page.grant_combo.currentText() == "NDICI/2024/451-117 — Komunitete më të sigurta"
    assert page.period_combo.currentIndex() == 0


def test_a_typed_file_name_is_kept_when_the_period_changes(window: MainWindow, grant: int) -> None:
    page = reports_page(window)
    page.file_edit.setText("/tmp/for-the-donor.pdf")
    page.period_combo.setCurrentIndex(0)
    assert page.file_edit.text() == "/tmp/for-the-donor.pdf"


def test_without_grants_the_page_says_what_to_do_first(window: MainWindow) -> None:
    page = reports_page(window)
    assert not page.empty_hint.isHidden()
    assert not page.generate_button.isEnabled()


def test_the_report_is_written_in_the_chosen_language(
    qtbot: QtBot,
    window: MainWindow,
    grant: int,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("desktop.services.reports")
    target = tmp_path / "new folder" / "quarter.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_args: (str(target), ""))
    )
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    message_boxes.answer = QMessageBox.StandardButton.Open
    page = reports_page(window)
    page.language_combo.setCurrentIndex(page.language_combo.findData("sr"))
    page.file_edit.clear()

    page.generate_button.click()
    assert page.is_busy()
    assert not page.progress.isHidden()
    assert not page.generate_button.isEnabled()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)

    assert message_boxes.kinds() == ["question"]
    assert target.read_bytes().startswith(b"%PDF")
    assert opened == [QUrl.fromLocalFile(str(target))]
    assert page.progress.isHidden()
    assert settings.recent_reports() == [str(target)]
    assert settings.read_text(settings.REPORT_FOLDER) == str(target.parent)


def test_a_report_that_cannot_be_written_says_why(
    qtbot: QtBot, window: MainWindow, grant: int, tmp_path: Path, message_boxes: MessageBoxes
) -> None:
    pytest.importorskip("desktop.services.reports")
    page = reports_page(window)
    not_a_folder = tmp_path / "minutes.txt"
    not_a_folder.write_text("not a folder", encoding="utf-8")
    page.file_edit.setText(str(not_a_folder / "quarter.pdf"))
    page.generate_button.click()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)
    assert message_boxes.kinds() == ["warning"]
    assert settings.recent_reports() == []


def test_a_cancelled_report_is_discarded_and_the_older_one_kept(
    qtbot: QtBot,
    window: MainWindow,
    grant: int,
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    pytest.importorskip("desktop.services.reports")
    target = tmp_path / "quarter.pdf"
    target.write_bytes(b"%PDF last quarter's report")
    page = reports_page(window)
    page.file_edit.setText(str(target))
    messages: list[str] = []
    page.status_message.connect(messages.append)

    page.generate_button.click()
    [dialog] = page.findChildren(QProgressDialog)
    dialog.findChild(QPushButton).click()  # its Cancel button
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=30_000)

    assert message_boxes.shown == []
    assert target.read_bytes() == b"%PDF last quarter's report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".pdf") == ["quarter.pdf"]
    assert messages == [_("The report was cancelled; no file was written.")]
    assert settings.recent_reports() == []
    assert page.generate_button.isEnabled()


def test_the_formats_are_the_registered_ones_and_survive_a_language_switch(
    window: MainWindow, grant: int
) -> None:
    page = reports_page(window)
    keys = [page.format_combo.itemData(i) for i in range(page.format_combo.count())]
    assert keys == [report.key for report in report_formats()]
    assert page.format_combo.currentText() == _("Quarterly progress report")
    assert not page.internal_check.isChecked()

    page.format_combo.setCurrentIndex(len(keys) - 1)
    assert Path(page.file_edit.text()).name == f"NDICI-2024-451-117-2026-Q2-{keys[-1]}.pdf"
    window.language_actions["sq"].trigger()
    assert page.format_combo.currentData() == keys[-1]
    assert page.internal_check.text() == _("&Internal report (exact small counts)")


def _write_from_the_page(qtbot: QtBot, page: ReportsPage, target: Path) -> PdfReader:
    page.file_edit.setText(str(target))
    page.generate_button.click()
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)
    return PdfReader(target)


@pytest.mark.parametrize("key", [report.key for report in report_formats()])
def test_each_registered_format_prints_from_the_page(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_db: Database,
    tmp_path: Path,
    message_boxes: MessageBoxes,
    key: str,
) -> None:
    load_demo(sqlite_db)
    page = reports_page(window)
    page.reload_grants()
    page.grant_combo.setCurrentIndex(page.grant_combo.findData(GrantService(sqlite_db).find(DEMO)))
    page.period_combo.setCurrentIndex(page.period_combo.findText("2026-Q1", Qt.MatchStartsWith))
    page.format_combo.setCurrentIndex(page.format_combo.findData(key))
    page.language_combo.setCurrentIndex(page.language_combo.findData("sr"))

    reader = _write_from_the_page(qtbot, page, tmp_path / f"{key}.pdf")

    assert message_boxes.kinds() == ["question"]  # "Report ready. Open it now?"
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert DEMO in text
    assert reader.trailer["/Root"]["/Lang"] == language("sr").bcp47
    assert settings.recent_reports() == [str(tmp_path / f"{key}.pdf")]


def test_the_internal_box_prints_exact_small_counts(
    qtbot: QtBot, window: MainWindow, sqlite_db: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_db)
    page = reports_page(window)
    page.reload_grants()
    page.grant_combo.setCurrentIndex(page.grant_combo.findData(GrantService(sqlite_db).find(DEMO)))
    page.period_combo.setCurrentIndex(page.period_combo.findText("2026-Q1", Qt.MatchStartsWith))
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))

    outside = _write_from_the_page(qtbot, page, tmp_path / "outside.pdf")
    page.internal_check.setChecked(True)
    internal = _write_from_the_page(qtbot, page, tmp_path / "internal.pdf")

    outside_text = "\n".join(p.extract_text() for p in outside.pages)
    internal_text = "\n".join(p.extract_text() for p in internal.pages)
    assert "< 5" in outside_text
    assert "< 5" not in internal_text
