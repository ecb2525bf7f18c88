"""The Research page: every research output, newest first, narrowed by type, status and
project, found by title in any script, author, DOI or ISBN; and the doors to change them.
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFileDialog, QMessageBox, QWidget

from desktop.domain.research import OUTPUT_STATUS_LABELS, OUTPUT_TYPE_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.actor import Actor
from desktop.services.citations.service import SUFFIXES, CitationFormat, CitationService
from desktop.services.errors import ServiceError
from desktop.services.permissions import Permission
from desktop.services.research import ResearchOutputService, ResearchRow
from desktop.services.results import ResultsService
from desktop.store.database import Database
from desktop.ui import settings
from desktop.ui.research.citations_dialog import CitationExportDialog
from desktop.ui.research.dialog import ResearchOutputDialog
from desktop.ui.sign_in.access import may
from desktop.ui.widgets.editable_list_page import EditableListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _title(row: ResearchRow) -> str:
    if row.archived:
        # L10N: the title of an archived research output in the list
        return _("{title} (archived)").format(title=row.title)
    return row.title


COLUMNS = (
    Column(
        N_("Published"),
        lambda row: format_date(row.published_on, current_language()),
        "published_on",
        RIGHT,
        export=lambda row: row.published_on,
    ),
    Column(N_("Title"), _title, "name"),
    Column(N_("Type"), lambda row: _(OUTPUT_TYPE_LABELS[row.output_type]), "output_type"),
    Column(N_("Status"), lambda row: _(OUTPUT_STATUS_LABELS[row.status]), "status"),
    Column(N_("Authors"), lambda row: row.authors, "authors"),
    Column(N_("Project"), lambda row: row.project, "project"),
)
TITLE_COLUMN = 1
CITATIONS_FOLDER = "research/citations_folder"
CITATION_FILTERS = {
    CitationFormat.RIS: N_("RIS file (*.ris)"),
    CitationFormat.BIBTEX: N_("BibTeX file (*.bib)"),
    CitationFormat.CSL_JSON: N_("CSL-JSON file (*.json)"),
}


def _count(total: int) -> str:
    return ngettext("{count} research output", "{count} research outputs", total).format(
        count=total
    )


class ResearchPage(EditableListPage):
    export_name = N_("Research outputs")
    new_text = N_("&New research output")
    new_tip = N_("Record a research output ({shortcut})")
    edit_tip = N_("Change the selected output (Enter or double-click)")
    archive_tip = N_("Set the selected output aside; it can be restored later")
    restore_tip = N_("Bring the selected output back into the list")
    not_opened_title = N_("The research output could not be opened")
    not_changed_title = N_("The research output was not changed")
    saved_message = N_("The research output was saved.")
    archived_message = N_("The research output was archived.")
    restored_message = N_("The research output was restored.")

    def __init__(
        self, db: Database, parent: QWidget | None = None, actor: Actor | None = None
    ) -> None:
        self._db = db
        self._actor = actor
        self._service = ResearchOutputService(db, actor)
        self._results = ResultsService(db, actor)
        self._citations = CitationService(db, actor)
        model = PagedTableModel(self._service, COLUMNS)
        model.sort(0, Qt.SortOrder.DescendingOrder)  # newest first
        super().__init__(
            self._service,
            model,
            N_("Search by title in any language, author, DOI or ISBN"),
            _count,
            TITLE_COLUMN,
            parent,
        )
        self.add_filter(
            "output_type",
            N_("T&ype"),
            lambda: [(value.value, _(label)) for value, label in OUTPUT_TYPE_LABELS.items()],
            N_("All types"),
        )
        self.add_filter(
            "status",
            N_("Stat&us"),
            lambda: [(value.value, _(label)) for value, label in OUTPUT_STATUS_LABELS.items()],
            N_("All statuses"),
        )
        projects = self.add_filter(
            "project_id",
            N_("Pro&ject"),
            lambda: [
                (choice.id, choice.name) for choice in self._results.projects(current_language())
            ],
            N_("All projects"),
        )
        projects.setMinimumContentsLength(24)  # long titles would push the buttons off
        projects.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )

    def make_dialog(self, output_id: int | None) -> ResearchOutputDialog:
        return ResearchOutputDialog(self._db, output_id, self, self._actor)

    # -- citations -------------------------------------------------------------------------

    def add_record_actions(self) -> None:
        """New, Edit and Archive, then Export citations; several rows may be selected, for
        the citations (Edit and Archive wait for a single row)."""
        super().add_record_actions()
        self.citations_action = QAction(self)
        self.citations_action.triggered.connect(self.export_citations)
        self.citations_action.setEnabled(may(Permission.READ_RECORDS))
        self.add_button(self.citations_action)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def retranslate_ui(self) -> None:
        self.citations_action.setText(_("Export ci&tations…"))
        super().retranslate_ui()

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, in the list's order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [row.id for row in map(self.model.row_at, rows) if row is not None]

    def selection_changed(self) -> None:
        super().selection_changed()
        selected = len(self.table.selectionModel().selectedRows())
        if selected > 1:
            self.edit_action.setEnabled(False)
            self.archive_action.setEnabled(False)
        if selected:
            tip = _("Export the selected outputs for Zotero, EndNote, Mendeley or LaTeX")
        else:
            tip = _(
                "No row is selected: export every output the list shows for Zotero, "
                "EndNote, Mendeley or LaTeX"
            )
        self.citations_action.setToolTip(tip)

    def export_citations(self) -> CitationExportDialog | None:
        """Ask for the format and the title language of the selected outputs (all those
        shown when none is selected), then for the file; window-modal, without blocking."""
        self.apply_search()
        ids = self.selected_ids()
        selected = bool(ids)
        try:
            ids = ids or self._citations.shown_ids(self.model.query)
        except ServiceError as error:
            QMessageBox.warning(self, _("The citations were not exported"), str(error))
            return None
        if not ids:
            QMessageBox.information(
                self, _("Export citations"), _("The list shows no research output to export.")
            )
            return None
        dialog = CitationExportDialog(len(ids), selected, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._write_citations(ids, dialog.citation_format(), dialog.title_language())
        )
        dialog.open()
        return dialog

    def _choose_citation_file(self, citation_format: CitationFormat) -> Path | None:
        folder = settings.remembered_folder(CITATIONS_FOLDER)
        suffix = SUFFIXES[citation_format]
        path, _chosen = QFileDialog.getSaveFileName(
            self,
            _("Export citations"),
            str(Path(folder) / f"{_(self.export_name)}{suffix}"),
            _(CITATION_FILTERS[citation_format]),
        )
        if not path:
            return None
        target = Path(path)
        return target if target.suffix.lower() == suffix else target.with_name(target.name + suffix)

    def _write_citations(
        self, ids: list[int], citation_format: CitationFormat, language: str
    ) -> None:
        target = self._choose_citation_file(citation_format)
        if target is None:
            return
        try:
            count = self._citations.export(ids, citation_format, language, target)
        except ServiceError as error:
            QMessageBox.warning(self, _("The citations were not exported"), str(error))
            return
        settings.write(CITATIONS_FOLDER, str(target.parent))
        self.status_message.emit(
            ngettext(
                "{count} citation was exported to {path}.",
                "{count} citations were exported to {path}.",
                count,
            ).format(count=count, path=target)
        )
