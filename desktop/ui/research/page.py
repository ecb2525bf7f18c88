"""The Research page: every research output, newest first, narrowed by type, status and
project, found by title in any script, author, DOI or ISBN; and the doors to change them.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from desktop.domain.research import OUTPUT_STATUS_LABELS, OUTPUT_TYPE_LABELS
from desktop.i18n import N_, _, current_language, ngettext
from desktop.i18n.formatting import format_date
from desktop.services.actor import Actor
from desktop.services.research import ResearchOutputService, ResearchRow
from desktop.services.results import ResultsService
from desktop.store.database import Database
from desktop.ui.research.dialog import ResearchOutputDialog
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
