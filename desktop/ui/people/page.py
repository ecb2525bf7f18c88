"""The People page: partner staff, trainers, researchers and contacts, found by name, e-mail
or organisation in any script, and the doors to create, change, archive and restore them."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.i18n import N_, _, current_language, ngettext
from desktop.services.errors import ServiceError
from desktop.services.organisations import OrganisationService
from desktop.services.people import PersonRow, PersonService
from desktop.services.reference import ReferenceService
from desktop.store.database import Database
from desktop.ui.people.dialog import PersonDialog
from desktop.ui.widgets.list_page import ListPage
from desktop.ui.widgets.paged_table_model import Column, PagedTableModel


def _name(row: PersonRow) -> str:
    if row.archived:
        # L10N: an archived person in the list, such as "Jelena Stojanović (archived)"
        return _("{name} (archived)").format(name=row.name)
    return row.name


COLUMNS = (
    Column(N_("Name"), _name, "name"),
    # L10N: a column of the People list: each person's job title or function
    Column(N_("Title or function"), lambda row: row.title, "title"),
    Column(N_("Organisation"), lambda row: row.organisation, "organisation"),
    Column(N_("Municipality"), lambda row: row.municipality, "municipality"),
    Column(N_("E-mail"), lambda row: row.email, "email"),
    Column(N_("Phone"), lambda row: row.phone),
)
ORGANISATION_COLUMN = 2


def _count(total: int) -> str:
    return ngettext("{count} person", "{count} people", total).format(count=total)


class PeoplePage(ListPage):
    # L10N: the suggested name of the exported list of people
    export_name = N_("People")

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        self._db = db
        self._service = PersonService(db)
        super().__init__(
            PagedTableModel(self._service, COLUMNS),
            N_("Search by name, e-mail or organisation, in any script"),
            _count,
            ORGANISATION_COLUMN,
            parent,
        )
        organisations = OrganisationService(db)
        reference = ReferenceService(db)
        self.add_filter(
            "organisation_id",
            N_("&Organisation"),
            lambda: organisations.choices(current_language()),
            N_("All organisations"),
        )
        self.add_filter(
            "municipality_id",
            N_("&Municipality"),
            lambda: [(m.id, m.name) for m in reference.municipalities(current_language())],
            N_("All municipalities"),
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
        self.new_action.setText(_("&New person"))
        shortcut = self.new_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.new_action.setToolTip(_("Add a person ({shortcut})").format(shortcut=shortcut))
        self.edit_action.setText(_("&Edit"))
        self.edit_action.setToolTip(_("Change the selected person (Enter or double-click)"))
        self.selection_changed()

    def selection_changed(self) -> None:
        row: PersonRow | None = self.selected_row()
        self.edit_action.setEnabled(row is not None)
        self.archive_action.setEnabled(row is not None)
        if row is not None and row.archived:
            self.archive_action.setText(_("&Restore"))
            self.archive_action.setToolTip(_("Bring the selected person back into the lists"))
        else:
            self.archive_action.setText(_("&Archive"))
            self.archive_action.setToolTip(
                _("Set the selected person aside; they can be restored later")
            )

    def open_dialog(self, person_id: int | None) -> PersonDialog | None:
        """Open the form (window-modal, without blocking) for a new or an existing person."""
        try:
            dialog = PersonDialog(self._db, person_id, self)
        except ServiceError as error:
            QMessageBox.warning(self, _("The person could not be opened"), str(error))
            self.reload()
            return None
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._on_saved)
        dialog.open()
        return dialog

    def edit_selected(self) -> None:
        row: PersonRow | None = self.selected_row()
        if row is not None:
            self.open_dialog(row.id)

    def toggle_archived(self) -> None:
        row: PersonRow | None = self.selected_row()
        if row is None:
            return
        try:
            if row.archived:
                self._service.restore(row.id)
                message = _("{name} was restored.").format(name=row.name)
            else:
                self._service.archive(row.id)
                message = _("{name} was archived.").format(name=row.name)
        except ServiceError as error:
            QMessageBox.warning(self, _("The person was not changed"), str(error))
            return
        self.reload(select_id=row.id)
        self.status_message.emit(message)

    def _on_saved(self, person_id: int) -> None:
        self.reload(select_id=person_id)
        self.status_message.emit(_("The person was saved."))
