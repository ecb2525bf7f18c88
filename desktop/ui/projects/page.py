"""The Projects page: every project, searchable and sortable, and the doors to change them."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.domain.project import PROJECT_STATUS_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.errors import ServiceError
from desktop.services.projects import ProjectRow, ProjectService
from desktop.store.database import Database
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _status(row: ProjectRow) -> str:
    status = _(PROJECT_STATUS_LABELS[row.status])
    if row.archived:
        # L10N: the status of an archived project in the list, such as "Completed (archived)"
        return _("{status} (archived)").format(status=status)
    return status


COLUMNS = (
    Column(N_("Code"), lambda row: row.code, "code"),
    Column(N_("Title"), lambda row: row.name, "name"),
    Column(N_("Status"), _status, "status"),
    Column(
        N_("Start date"),
        lambda row: format_date(row.start_date, current_language()),
        "start_date",
        RIGHT,
        export=lambda row: row.start_date,
    ),
    Column(
        N_("End date"),
        lambda row: format_date(row.end_date, current_language()),
        "end_date",
        RIGHT,
        export=lambda row: row.end_date,
    ),
    Column(N_("Lead organisation"), lambda row: row.lead_organisation),
)
TITLE_COLUMN = 1


def _count(total: int) -> str:
    return ngettext("{count} project", "{count} projects", total).format(count=total)


def _status_choices() -> list[tuple[str, str]]:
    return [(status.value, _(label)) for status, label in PROJECT_STATUS_LABELS.items()]


class ProjectsPage(ListPage):
    export_name = N_("Projects")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = ProjectService(db)
        super().__init__(
            PagedTableModel(self._service, COLUMNS),
            N_("Search by code or title, in any language"),
            _count,
            TITLE_COLUMN,
            parent,
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
        self.status_filter = self.add_filter(
            "status", N_("&Status"), _status_choices, N_("All statuses")
        )
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.new_action.setText(_("&New project"))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.new_action.setToolTip(_("Create a project ({shortcut})").format(shortcut=shortcut))
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected project (Enter or double-click)"))
        self.selection_changed()

    def selection_changed(self) -> None:
        row: ProjectRow | None = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.archive_action.setEnabled(row is not None)
        if row is not None and row.archived:
            self.archive_action.setText(_("&Restore"))
            self.archive_action.setToolTip(_("Bring the selected project back into the list"))
        else:
            self.archive_action.setText(_("&Archive"))
            self.archive_action.setToolTip(
                _("Set the selected project aside; it can be restored later")
            )

    def open_dialog(self, project_id: int | None) -> ProjectDialog | None:
        """Open the form (window-modal, without blocking) for a new or an existing project."""
        try:
            dialog = ProjectDialog(self._db, project_id, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The project could not be opened"), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row: ProjectRow | None = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def toggle_archived(self) -> None:
        row: ProjectRow | None = self.selected_row()
        if row is None:
            return
        try:
            if row.archived:
                self._service.restore(row.id)
                message = _("Project {code} was restored.").format(code=row.code)
            else:
                self._service.archive(row.id)
                message = _("Project {code} was archived.").format(code=row.code)
        except ServiceError as error:
            QMessageBox.warning(self, _("The project was not changed"), str(error))
            return
        self.reload(select_id=row.id)
        self.status_message.emit(message)

    def _on_saved(self, project_id: int) -> None:
        self.reload(select_id=project_id)
        self.status_message.emit(_("The project was saved."))
