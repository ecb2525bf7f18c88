"""The Research page: every research output, newest first, narrowed by type, status and
project, found by title in any script, author, DOI or ISBN; and the doors to change them.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget

from desktop.domain.research import OUTPUT_STATUS_LABELS, OUTPUT_TYPE_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.actor import Actor
from desktop.services.errors import ServiceError
from desktop.services.research import ResearchOutputService, ResearchRow
from desktop.services.results import ResultsService
from desktop.store.database import Database
from desktop.ui.research.dialog import ResearchOutputDialog
from desktop.ui.widgets.list_page import ListPage
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


def _count(total: int) -> str:
    return ngettext("{count} research output", "{count} research outputs", total).format(
        count=total
    )


class ResearchPage(ListPage):
    export_name = N_("Research outputs")

    def __init__(
        self, db: Database, parent: QWidget | None = None, actor: Actor | None = None
    ) -> None:
        self._db = db
        self._actor = actor
        self._service = ResearchOutputService(db, actor)
        self._results = ResultsService(db, actor)
        model = PagedTableModel(self._service, COLUMNS)
        model.sort(0, Qt.SortOrder.DescendingOrder)  # newest first
        super().__init__(
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

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self.open_dialog(None))
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.archive_action = QAction(self)
        self.archive_action.triggered.connect(self.toggle_archived)
        for action in (self.new_action, self.edit_action, self.archive_action):
            self.add_button(action)
        self.table.addAction(self.edit_action)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.new_action.setText(_("&New research output"))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.new_action.setToolTip(
            _("Record a research output ({shortcut})").format(shortcut=shortcut)
        )
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected output (Enter or double-click)"))
        self.selection_changed()

    def selection_changed(self) -> None:
        row: ResearchRow | None = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.archive_action.setEnabled(row is not None)
        if row is not None and row.archived:
            self.archive_action.setText(_("&Restore"))
            self.archive_action.setToolTip(_("Bring the selected output back into the list"))
        else:
            self.archive_action.setText(_("&Archive"))
            self.archive_action.setToolTip(
                _("Set the selected output aside; it can be restored later")
            )

    def open_dialog(self, output_id: int | None) -> ResearchOutputDialog | None:
        """Open the form (window-modal, without blocking) for a new or an existing output."""
        try:
            dialog = ResearchOutputDialog(self._db, output_id, self, self._actor)
        except ServiceError as error:
            QMessageBox.warning(self, _("The research output could not be opened"), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row: ResearchRow | None = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def toggle_archived(self) -> None:
        row: ResearchRow | None = self.selected_row()
        if row is None:
            return
        try:
            if row.archived:
                self._service.restore(row.id)
                message = _("The research output was restored.")
            else:
                self._service.archive(row.id)
                message = _("The research output was archived.")
        except ServiceError as error:
            QMessageBox.warning(self, _("The research output was not changed"), str(error))
            return
        self.reload(select_id=row.id)
        self.status_message.emit(message)

    def _on_saved(self, output_id: int) -> None:
        self.reload(select_id=output_id)
        self.status_message.emit(_("The research output was saved."))
