"""The Projects page: every project, searchable and sortable, and the doors to change them."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QWidget

from desktop.domain.project import PROJECT_STATUS_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.projects import ProjectRow, ProjectService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.projects.dialog import ProjectDialog
from desktop.ui.widgets.editable_list_page import EditableListPage
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
    # the places a search by municipality matched; the database cannot sort by them
    Column(N_("Municipalities"), lambda row: row.municipalities),
)
TITLE_COLUMN = 1
MUNICIPALITIES_COLUMN = 6
# a project in six places would otherwise squeeze the titles; the tooltip holds them all
MUNICIPALITIES_WIDTH_CHARS = 28


def _count(total: int) -> str:
    return ngettext("{count} project", "{count} projects", total).format(count=total)


def _status_choices() -> list[tuple[str, str]]:
    return [(status.value, _(label)) for status, label in PROJECT_STATUS_LABELS.items()]


class ProjectsPage(EditableListPage):
    export_name = N_("Projects")
    new_text = N_("&New project")
    new_tip = N_("Create a project ({shortcut})")
    edit_tip = N_("Change the selected project (Enter or double-click)")
    archive_tip = N_("Set the selected project aside; it can be restored later")
    restore_tip = N_("Bring the selected project back into the list")
    not_opened_title = N_("The project could not be opened")
    not_changed_title = N_("The project was not changed")
    saved_message = N_("The project was saved.")
    archived_message = N_("Project {code} was archived.")
    restored_message = N_("Project {code} was restored.")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = ProjectService(db)
        self._reference = ReferenceService(db)
        super().__init__(
            self._service,
            PagedTableModel(self._service, COLUMNS),
            N_("Search by code, title or municipality, in any language"),
            _count,
            TITLE_COLUMN,
            parent,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MUNICIPALITIES_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(
            MUNICIPALITIES_COLUMN,
            self.fontMetrics().averageCharWidth() * MUNICIPALITIES_WIDTH_CHARS,
        )
        self.status_filter = self.add_filter(
            "status", N_("&Status"), _status_choices, N_("All statuses")
        )
        self.municipality_filter = self.add_filter(
            "municipality_id",
            N_("M&unicipality"),
            lambda: [
                (choice.id, choice.name)
                for choice in self._reference.municipalities(current_language())
            ],
            N_("All municipalities"),
        )

    def make_dialog(self, project_id: int | None) -> ProjectDialog:
        return ProjectDialog(self._db, project_id, self)

    def message_fields(self, row: ProjectRow) -> dict[str, object]:
        return {"code": row.code}
