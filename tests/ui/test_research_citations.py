"""Export citations from the Research page as a researcher does: select a few outputs (or
none, for all the list shows), choose BibTeX or RIS and the title language, name the file,
and find it readable by the tools a reference manager uses."""

from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
import pytest
import rispy
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog
from pytestqt.qtbot import QtBot

from desktop.services.citations.service import CitationFormat
from desktop.services.listing import ListQuery
from desktop.services.research import ResearchOutputService
from desktop.store.database import Database
from desktop.store.demo import load_demo
from desktop.ui.research.citations_dialog import CitationExportDialog
from desktop.ui.research.page import ResearchPage
from tests.ui.conftest import MessageBoxes


@pytest.fixture
def page(qtbot: QtBot, sqlite_db: Database) -> ResearchPage:
    load_demo(sqlite_db)
    page = ResearchPage(sqlite_db)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


@dataclass
class SaveDialog:
    """The patched save dialog: it answers with the next of ``answers`` ("" is Cancel) and
    records what it was offered (the suggested path and the filter)."""

    answers: list[str] = field(default_factory=list)
    offered: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveDialog:
    dialog = SaveDialog()

    def get_save_file_name(_parent, _title, suggested, filters, *_args):
        dialog.offered.append((suggested, filters))
        return (dialog.answers.pop(0) if dialog.answers else "", filters)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    return dialog


def _select_rows(page: ResearchPage, rows: list[int]) -> None:
    model = page.table.selectionModel()
    model.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        model.select(page.model.index(row, 0), flags)


def _dialog(page: ResearchPage) -> CitationExportDialog:
    [dialog] = [d for d in page.findChildren(CitationExportDialog) if d.isVisible()]
    return dialog


def _choose(combo, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_the_selected_outputs_go_out_as_bibtex_with_serbian_titles(
    qtbot: QtBot, page: ResearchPage, save_as: SaveDialog, tmp_path: Path, sqlite_db: Database
) -> None:
    _select_rows(page, [0, 2])
    assert not page.edit_action.isEnabled() and not page.archive_action.isEnabled()
    chosen = [page.model.row_at(0).id, page.model.row_at(2).id]
    messages: list[str] = []
    page.status_message.connect(messages.append)

    page.citations_action.trigger()
    dialog = _dialog(page)
    qtbot.waitExposed(dialog)
    assert "2 selected research outputs" in dialog.scope_label.text()
    assert dialog.title_language() == "en"  # the interface's language to start with
    _choose(dialog.format_combo, CitationFormat.BIBTEX.value)
    _choose(dialog.language_combo, "sr")
    save_as.answers.append(str(tmp_path / "for the donor"))
    dialog.button_box.button(QDialogButtonBox.StandardButton.Ok).click()

    [(suggested, filters)] = save_as.offered
    assert suggested.endswith("Research outputs.bib") and "*.bib" in filters
    target = tmp_path / "for the donor.bib"
    entries = bibtexparser.parse_string(target.read_text(encoding="utf-8")).entries
    serbian = {
        row.id: row.title for row in ResearchOutputService(sqlite_db).page(ListQuery(language="sr"))
    }
    assert [entry["title"] for entry in entries] == [f"{{{serbian[i]}}}" for i in chosen]
    assert messages == [f"2 citations were exported to {target}."]


def test_with_no_row_selected_every_output_shown_goes_out_as_ris(
    qtbot: QtBot, page: ResearchPage, save_as: SaveDialog, tmp_path: Path
) -> None:
    page.set_filter("output_type", "policy_brief")
    qtbot.waitUntil(lambda: page.model.total == 3)
    page.table.selectionModel().clearSelection()
    assert "every output the list shows" in page.citations_action.toolTip()

    page.citations_action.trigger()
    dialog = _dialog(page)
    assert "all 3 research outputs the list shows" in dialog.scope_label.text()
    _choose(dialog.format_combo, CitationFormat.RIS.value)
    save_as.answers.append(str(tmp_path / "briefs.ris"))
    dialog.accept()

    records = rispy.loads((tmp_path / "briefs.ris").read_text(encoding="utf-8"))
    assert [record["type_of_work"] for record in records] == ["Policy brief"] * 3
    titles = [page.model.index(row, 1).data() for row in range(page.model.rowCount())]
    assert [record["title"] for record in records] == titles


def test_a_file_that_cannot_be_written_is_reported_and_cancel_writes_nothing(
    qtbot: QtBot,
    page: ResearchPage,
    save_as: SaveDialog,
    tmp_path: Path,
    message_boxes: MessageBoxes,
) -> None:
    page.citations_action.trigger()
    _dialog(page).reject()
    assert save_as.offered == []

    page.citations_action.trigger()
    save_as.answers.append("")
    _dialog(page).accept()  # Cancel in the save dialog
    page.citations_action.trigger()
    save_as.answers.append(str(tmp_path / "no such folder" / "out.json"))
    dialog = _dialog(page)
    _choose(dialog.format_combo, CitationFormat.CSL_JSON.value)
    dialog.accept()
    [(kind, title, text)] = message_boxes.shown
    assert (kind, title) == ("warning", "The citations were not exported")
    assert "could not be written" in text
    assert not (tmp_path / "no such folder").exists()
